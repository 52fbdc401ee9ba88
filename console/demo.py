"""The demo hall: an embedded hub on SQLite with the demo district, credentials and a simulator."""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass, field

from console.config import HubConfig, user_data_dir
from console.domain.enums import Role
from console.domain.geography import District
from console.hub.hub import Hub
from console.hub.server import EmbeddedHub
from console.sim.simulator import simulate

log = logging.getLogger(__name__)

DEMO_OPERATOR = ("demo", "demo")
DEMO_SUPERVISOR = ("lead", "lead")
DEMO_SOURCE_KEY = "demo-simulator-key"


def town_token(town_id: str) -> str:
    return f"demo-town-{town_id}"


@dataclass
class DemoHall:
    hub: EmbeddedHub
    town_tokens: dict[str, str]
    _stop: asyncio.Event | None = None
    _sim_loop: asyncio.AbstractEventLoop | None = None
    _threads: list[threading.Thread] = field(default_factory=list)

    @property
    def ws_url(self) -> str:
        return self.hub.ws_url

    def start_simulator(self, rate_per_min: float, burst: int = 0, seed: int | None = None) -> None:
        """Alerts arrive at a realistic rate (after an initial burst, so the queue is not empty)."""
        loop = asyncio.new_event_loop()
        stop = asyncio.Event()
        self._stop = stop

        def run() -> None:
            asyncio.set_event_loop(loop)
            district = self.hub.hub.district
            if burst:
                loop.run_until_complete(simulate(self.ws_url, DEMO_SOURCE_KEY, district, rate_per_min=60_000,
                                                 count=burst, seed=seed, stop=stop))
            loop.run_until_complete(simulate(self.ws_url, DEMO_SOURCE_KEY, district,
                                             rate_per_min=rate_per_min, seed=None if seed is None else seed + 1,
                                             stop=stop))

        self._sim_loop = loop
        thread = threading.Thread(target=run, name="simulator", daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        if self._stop is not None and self._sim_loop is not None:
            self._sim_loop.call_soon_threadsafe(self._stop.set)
        for thread in self._threads:
            thread.join(5)
        self.hub.stop()


def start_demo_hall(port: int = 0, database_url: str = "", district: District | None = None) -> DemoHall:
    """Starts the hub and seeds the demo's operators, simulator key and town tokens (idempotent)."""
    config = HubConfig(port=port, database_url=database_url or f"sqlite:///{user_data_dir() / 'demo.db'}")
    user_data_dir().mkdir(parents=True, exist_ok=True)
    hub = Hub(config, district=district)
    hub.migrate()
    hub.auth.add_operator(*DEMO_OPERATOR, Role.OPERATOR, display_name="值班员 Demo")
    hub.auth.add_operator("duty2", "duty2", Role.OPERATOR, display_name="值班员二 Duty 2")
    hub.auth.add_operator(*DEMO_SUPERVISOR, Role.SUPERVISOR, display_name="值班长 Lead")
    hub.auth.add_api_key("simulator", DEMO_SOURCE_KEY)
    tokens = {}
    for town in hub.district.towns:
        tokens[town.id] = hub.auth.add_town_token(f"{town.id}-desk", town.id, town_token(town.id))
    embedded = EmbeddedHub(hub, port=port).start()
    log.info("demo hub at %s", embedded.http_url)
    return DemoHall(embedded, tokens)
