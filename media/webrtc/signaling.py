"""A small websocket link to the hub for call endpoints: authenticate, send JSON, hand every message to a
callback. Used by the town endpoint, the tests and the bench; the console can use its own hub client
instead (anything with `async send(msg)`)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import ssl
from collections.abc import Callable
from typing import Any, Protocol

import websockets

log = logging.getLogger(__name__)


class Signaling(Protocol):
    async def send(self, msg: dict[str, Any]) -> None: ...


class WsSignaling:
    def __init__(self, url: str, auth: dict[str, Any], on_message: Callable[[dict[str, Any]], Any],
                 tls_ca: str | None = None) -> None:
        self.url = url
        # A hall with its own CA (self-signed hub certificate): trust that file for wss://.
        self.ssl = ssl.create_default_context(cafile=tls_ca) if tls_ca and url.startswith("wss:") else None
        self.auth = auth
        self.on_message = on_message
        self._ws: Any = None
        self._reader: asyncio.Task | None = None
        self.closed = asyncio.Event()
        self.auth_reply: dict[str, Any] | None = None

    async def connect(self, timeout: float = 10.0) -> dict[str, Any]:
        """Connects and authenticates; returns the hub's first reply to the auth message."""
        kwargs: dict[str, Any] = {"ssl": self.ssl} if self.ssl is not None else {}
        self._ws = await websockets.connect(self.url, open_timeout=timeout, max_size=8 * 1024 * 1024, **kwargs)
        await self._ws.send(json.dumps(self.auth))
        self.auth_reply = json.loads(await asyncio.wait_for(self._ws.recv(), timeout))
        if self.auth_reply.get("type") in ("error", "auth.error", "auth.failed") or self.auth_reply.get("ok") is False:
            await self._ws.close()
            raise PermissionError(f"hub refused: {self.auth_reply}")
        self._reader = asyncio.ensure_future(self._read())
        return self.auth_reply

    async def _read(self) -> None:
        try:
            async for text in self._ws:
                try:
                    msg = json.loads(text)
                except ValueError:
                    continue
                result = self.on_message(msg)
                if asyncio.iscoroutine(result):
                    await result
        except websockets.ConnectionClosed:
            pass
        except Exception:
            log.exception("signaling reader failed")
        finally:
            self.closed.set()

    async def send(self, msg: dict[str, Any]) -> None:
        await self._ws.send(json.dumps(msg, ensure_ascii=False))

    async def close(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(BaseException):
                await self._reader
