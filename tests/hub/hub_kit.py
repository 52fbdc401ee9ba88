"""A real hub on loopback for tests, with an operator, a supervisor, a source key and a town token."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from console.client.hub_client import HubClient, Listener
from console.config import HubConfig
from console.domain.enums import Role
from console.hub.hub import Hub
from console.hub.server import EmbeddedHub

SOURCE_KEY = "test-source-key-0123456789"
TOWN_TOKEN = "test-town-token-lh-0123456789"


@dataclass
class LiveHub:
    embedded: EmbeddedHub

    @property
    def hub(self) -> Hub:
        return self.embedded.hub

    @property
    def http(self) -> str:
        return self.embedded.http_url

    @property
    def ws(self) -> str:
        return self.embedded.ws_url

    def stop(self) -> None:
        self.embedded.stop()


def start_hub(db_url: str, **config: object) -> LiveHub:
    hub = Hub(HubConfig(port=0, database_url=db_url, **config))  # type: ignore[arg-type]
    hub.migrate()
    hub.auth.add_operator("duty1", "pw-duty1", Role.OPERATOR)
    hub.auth.add_operator("duty2", "pw-duty2", Role.OPERATOR)
    hub.auth.add_operator("lead", "pw-lead", Role.SUPERVISOR)
    hub.auth.add_api_key("telematics", SOURCE_KEY)
    hub.auth.add_town_token("lh-desk1", "lh", TOWN_TOKEN)
    return LiveHub(EmbeddedHub(hub).start())


@contextlib.asynccontextmanager
async def connected(live: LiveHub, user: str = "duty1", listener: Listener | None = None
                    ) -> AsyncIterator[HubClient]:
    client = HubClient(live.ws, user, f"pw-{user}", listener)
    client.start()
    try:
        await client.wait_connected()
        yield client
    finally:
        await client.close()


async def until(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Waits for a condition that another thread or task makes true."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)
