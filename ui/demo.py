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


class _DemoTowns:
    """Simulated town desks that answer after a short ring, on their own asyncio thread."""

    def __init__(self, hub_url: str, tokens: dict[str, str], count: int) -> None:
        from media.town_endpoint import run_town_async

        self._loop = asyncio.new_event_loop()
        self._desks = [run_town_async(hub_url, token, 3.0, None, width=640, height=360, label=town)
                       for town, token in list(tokens.items())[:count]]
        self._main: asyncio.Task[Any] | None = None
        self._thread = threading.Thread(target=self._run, name="demo-towns", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._main = self._loop.create_task(self._all())
        try:
            self._loop.run_until_complete(self._main)
        except asyncio.CancelledError:
            pass
        finally:
            self._loop.close()

    async def _all(self) -> None:
        await asyncio.gather(*self._desks, return_exceptions=True)

    def stop(self) -> None:
        """Cancels the desks (they hang up and disconnect) and waits for their thread."""
        if self._main is not None:
            self._loop.call_soon_threadsafe(self._main.cancel)
        self._thread.join(10)


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
    desks = _DemoTowns(hall.ws_url, hall.town_tokens, towns) if towns > 0 else None
    try:
        return run_console(hall.ws_url, *DEMO_OPERATOR)
    finally:
        if desks is not None:
            desks.stop()
        hall.stop()
        if streams is not None:
            streams.close()
