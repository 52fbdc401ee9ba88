"""`hall demo`: the demo hall (hub, simulator, town desks, cameras) and the console, stopped together."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from typing import Any

from console.demo import DEMO_OPERATOR, start_demo_hall
from console.domain.geography import demo_district

log = logging.getLogger(__name__)


def _start_towns(hub_url: str, tokens: dict[str, str], count: int) -> tuple[threading.Thread, Any]:
    """Simulated town desks that answer after a short ring, on their own asyncio thread."""
    from media.town_endpoint import run_town_async

    loop = asyncio.new_event_loop()

    async def main() -> None:
        desks = [run_town_async(hub_url, token, 3.0, None, width=640, height=360, label=town)
                 for town, token in list(tokens.items())[:count]]
        await asyncio.gather(*desks, return_exceptions=True)

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(main())
        except RuntimeError:  # loop stopped at exit
            pass

    thread = threading.Thread(target=run, name="demo-towns", daemon=True)
    thread.start()
    return thread, loop


def run_demo(port: int = 0, rate_per_min: float = 6.0, video: bool = True, towns: int = 4) -> int:
    from ui.app import run_console

    district = demo_district()
    streams = None
    if video:
        try:
            from media.rtsp_server import serve_demo_cameras

            streams = serve_demo_cameras(district.cameras)
            district = dataclasses.replace(district, cameras=streams.cameras)
        except Exception as exc:  # the wall then reads the synthetic sources directly
            log.warning("demo cameras not served over RTSP: %s", exc)
    hall = start_demo_hall(port, district=district)
    hall.start_simulator(rate_per_min, burst=40, seed=7)
    town_thread, town_loop = None, None
    if towns > 0:
        town_thread, town_loop = _start_towns(hall.ws_url, hall.town_tokens, towns)
    try:
        return run_console(hall.ws_url, *DEMO_OPERATOR)
    finally:
        if town_loop is not None:
            town_loop.call_soon_threadsafe(town_loop.stop)
        hall.stop()
        if streams is not None:
            streams.close()
