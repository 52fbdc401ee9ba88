"""A real hub (uvicorn on loopback, SQLite in a temp folder) with the call extension, operators and
town desk tokens; helpers for the console side of a call."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from console.config import HubConfig
from console.hub.calls import HubCalls
from console.hub.hub import Hub
from console.hub.server import EmbeddedHub
from media.webrtc.signaling import WsSignaling

TOKENS = {"lh-1": "lh", "lh-2": "lh", "qs-1": "qs", "bench-1": "cj"}


@dataclass
class Hall:
    embedded: EmbeddedHub
    calls: HubCalls
    tokens: dict[str, str] = field(default_factory=dict)  # desk name -> token

    @property
    def http_url(self) -> str:
        return self.embedded.http_url

    @property
    def ws_url(self) -> str:
        return self.embedded.ws_url


def start_hall(db_path: str, ring_timeout_s: float = 30.0) -> Hall:
    hub = Hub(HubConfig(host="127.0.0.1", port=0, database_url=f"sqlite:///{db_path}",
                        sqlite_synchronous="NORMAL", call_ring_timeout_s=ring_timeout_s))
    calls = next((e for e in hub.extensions if isinstance(e, HubCalls)), None)
    if calls is None:
        calls = HubCalls.for_hub(hub)
        hub.extensions.append(calls)
    embedded = EmbeddedHub(hub).start()
    hub.auth.add_operator("alice", "pw-alice", display_name="Alice")
    hub.auth.add_operator("bob", "pw-bob", display_name="Bob")
    hall = Hall(embedded, calls)
    for desk, town in TOKENS.items():
        hall.tokens[desk] = hub.auth.add_town_token(desk, town)
    return hall


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hall]:
    h = start_hall(str(tmp_path_factory.mktemp("hub") / "hub.db"))
    yield h
    h.embedded.stop()


class ConsoleLink:
    """An operator's console connection: every message is kept and fed to the current call."""

    def __init__(self, hall: Hall, user: str, password: str) -> None:
        self.messages: list[dict[str, Any]] = []
        self.call: Any = None
        self.link = WsSignaling(hall.ws_url + "/ws/console", {"type": "auth", "user": user, "password": password},
                                self._on)
        self.changed = asyncio.Event()

    async def _on(self, msg: dict[str, Any]) -> None:
        self.messages.append(msg)
        self.changed.set()
        if self.call is not None and msg.get("type", "").startswith("call."):
            await self.call.on_message(msg)

    async def send(self, msg: dict[str, Any]) -> None:
        await self.link.send(msg)

    async def wait_for(self, pred: Any, timeout: float = 10.0) -> dict[str, Any]:
        async def scan() -> dict[str, Any]:
            while True:
                for m in self.messages:
                    if pred(m):
                        return m
                self.changed.clear()
                await self.changed.wait()
        return await asyncio.wait_for(scan(), timeout)

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m.get("type") == kind]


async def until(pred: Any, timeout: float = 10.0, step: float = 0.02) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not pred():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {pred}")
        await asyncio.sleep(step)
