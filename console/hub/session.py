"""One connected websocket (a console, a source or a town) and its outgoing queue.

Sends never block the hub: messages wait in a bounded outbox drained by the session's own task.
A console too slow to keep up is disconnected; it reconnects and resumes from its last sequence
number, which costs less than letting its backlog grow without end.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

import orjson
from starlette.websockets import WebSocket, WebSocketDisconnect

from console.hub.identity import Identity

log = logging.getLogger(__name__)

OUTBOX_LIMIT = 5_000


def dumps(data: Any) -> str:
    try:
        return orjson.dumps(data).decode()
    except TypeError:  # e.g. an integer beyond 64 bits echoed from a peer: json handles any int
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


class Session:
    def __init__(self, websocket: WebSocket, identity: Identity) -> None:
        self.websocket = websocket
        self.identity = identity
        self._outbox: asyncio.Queue[str | None] = asyncio.Queue(OUTBOX_LIMIT)
        self._sender = asyncio.create_task(self._drain())
        self.closed = False

    def push(self, text: str) -> None:
        """Queues a message; never waits. Overflow closes the session."""
        if self.closed:
            return
        try:
            self._outbox.put_nowait(text)
        except asyncio.QueueFull:
            log.warning("%s is too slow: disconnecting it", self.identity.name)
            self.closed = True
            self._sender.cancel()
            asyncio.create_task(self._close(4008, "too slow: reconnect and resume"))

    def send(self, message: dict[str, Any]) -> None:
        self.push(dumps(message))

    async def _drain(self) -> None:
        try:
            while True:
                text = await self._outbox.get()
                if text is None:
                    return
                await self.websocket.send_text(text)
        except (WebSocketDisconnect, RuntimeError, OSError):
            self.closed = True
        except asyncio.CancelledError:
            pass

    async def _close(self, code: int, reason: str) -> None:
        with contextlib.suppress(Exception):
            await self.websocket.close(code, reason)

    async def finish(self) -> None:
        """Sends what is queued, then stops the sender."""
        if not self.closed:
            with contextlib.suppress(asyncio.QueueFull):
                self._outbox.put_nowait(None)
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._sender, 2.0)
        self.closed = True
        self._sender.cancel()
