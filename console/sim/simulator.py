"""Sends simulated alerts to a hub over its intake websocket at a steady average rate."""

from __future__ import annotations

import asyncio
import json
import logging
import random

import websockets

from console.domain.geography import District
from console.sim.generators import AlertGenerator

log = logging.getLogger(__name__)


async def simulate(hub_url: str, api_key: str, district: District, *, rate_per_min: float = 6.0,
                   count: int | None = None, seed: int | None = None, stop: asyncio.Event | None = None) -> int:
    """Poisson arrivals at rate_per_min until `count` alerts were accepted or `stop` is set.

    Reconnects when the hub goes away. Returns how many alerts the hub accepted.
    """
    generator = AlertGenerator(district, seed)
    rng = random.Random(seed)
    stop = stop or asyncio.Event()
    accepted = 0
    seq = 0
    while not stop.is_set() and (count is None or accepted < count):
        try:
            async with websockets.connect(f"{hub_url.rstrip('/')}/ws/intake", max_size=None,
                                          compression=None) as ws:
                await ws.send(json.dumps({"type": "auth", "key": api_key}))
                welcome = json.loads(await ws.recv())
                if welcome.get("type") != "welcome":
                    raise PermissionError(welcome.get("message", "intake refused"))
                while not stop.is_set() and (count is None or accepted < count):
                    seq += 1
                    await ws.send(json.dumps({"type": "alert", "seq": seq, "alert": generator.next()},
                                             ensure_ascii=False))
                    reply = json.loads(await ws.recv())
                    for item in reply.get("items", []):
                        for result in item["results"]:
                            if "error" in result:
                                log.warning("simulated alert refused: %s", result["error"])
                            else:
                                accepted += 1
                    try:
                        await asyncio.wait_for(stop.wait(), rng.expovariate(rate_per_min / 60.0))
                    except TimeoutError:
                        pass
        except (OSError, websockets.ConnectionClosed, websockets.InvalidHandshake) as exc:
            log.info("simulator: hub unavailable (%s), retrying", exc)
            try:
                await asyncio.wait_for(stop.wait(), 1.0)
            except TimeoutError:
                pass
    return accepted
