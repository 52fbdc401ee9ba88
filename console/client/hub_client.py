"""An operator's connection to the hub: login, the alert stream, commands and queries.

Plain asyncio, no Qt: the console runs it on its asyncio worker thread and the UI listens through
queued signals; tests and the simulator use it directly. It reconnects by itself with backoff and
resumes from the last change it saw.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import websockets

from console.client.alert_book import AlertBook, GapDetected
from console.domain.alert import Alert

log = logging.getLogger(__name__)


class ConnectionState(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    AUTH_FAILED = "auth_failed"
    CLOSED = "closed"


class HubRefused(Exception):
    """The hub answered a command or query with an error."""

    def __init__(self, code: str, message: str, alert: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.alert = alert


class NotConnected(HubRefused):
    def __init__(self) -> None:
        super().__init__("offline", "not connected to the hub")


@dataclass
class Listener:
    """Callbacks, all called on the client's event loop thread."""

    on_state: Callable[[ConnectionState, str], None] = lambda state, detail: None
    on_snapshot: Callable[[list[Alert]], None] = lambda alerts: None
    on_changes: Callable[[list[Alert]], None] = lambda alerts: None
    on_message: Callable[[dict[str, Any]], None] = lambda message: None  # anything else (calls, presence)


class HubClient:
    def __init__(self, url: str, user: str, password: str, listener: Listener | None = None,
                 *, ssl_context: ssl.SSLContext | None = None, backoff_max_s: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self.user = user
        self._password = password
        self._token: str | None = None
        self.listener = listener or Listener()
        self.ssl_context = ssl_context
        self.backoff_max_s = backoff_max_s
        self.book = AlertBook()
        self.identity: dict[str, Any] = {}
        self.state = ConnectionState.CLOSED
        self._ws: Any = None
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._task: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()
        self._stopping = False

    # ---- life cycle
    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="hub-client")

    async def wait_connected(self, timeout: float = 10.0) -> None:
        await asyncio.wait_for(self._connected.wait(), timeout)

    async def close(self) -> None:
        self._stopping = True
        if self._ws is not None:
            await self._ws.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._set_state(ConnectionState.CLOSED, "")

    def _set_state(self, state: ConnectionState, detail: str) -> None:
        self.state = state
        self.listener.on_state(state, detail)

    async def _run(self) -> None:
        delay = 0.2
        first = True
        while not self._stopping:
            self._set_state(ConnectionState.CONNECTING if first else ConnectionState.RECONNECTING, self.url)
            try:
                await self._session()
                delay = 0.2
            except _AuthRejected as exc:
                self._set_state(ConnectionState.AUTH_FAILED, str(exc))
                return
            except (OSError, websockets.ConnectionClosed, websockets.InvalidHandshake, TimeoutError,
                    GapDetected) as exc:
                log.info("hub connection lost: %s", exc)
                self._set_state(ConnectionState.RECONNECTING, f"{type(exc).__name__}: {exc}")
            finally:
                self._connected.clear()
                self._ws = None
                for future in self._waiting.values():
                    if not future.done():
                        future.set_exception(NotConnected())
                self._waiting.clear()
            first = False
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.backoff_max_s)

    async def _session(self) -> None:
        async with websockets.connect(f"{self.url}/ws/console", max_size=None, ssl=self.ssl_context,
                                      open_timeout=10, ping_interval=10, ping_timeout=20,
                                      compression=None) as ws:
            self._ws = ws
            auth = {"type": "auth", "token": self._token} if self._token else \
                {"type": "auth", "user": self.user, "password": self._password}
            await ws.send(json.dumps(auth))
            welcome = json.loads(await asyncio.wait_for(ws.recv(), 15))
            if welcome.get("type") == "error" and self._token:  # session expired (hub restarted): log in again
                self._token = None
                raise websockets.ConnectionClosedOK(None, None)
            if welcome.get("type") != "welcome":
                raise _AuthRejected(welcome.get("message", "login refused"))
            self._token = welcome.get("token") or self._token
            self.identity = welcome
            await ws.send(json.dumps({"type": "subscribe", "epoch": self.book.epoch, "after": self.book.seq}))
            async for text in ws:
                self._dispatch(json.loads(text))

    def _dispatch(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "changes":
            self.listener.on_changes(self.book.apply_changes(message))
        elif kind == "snapshot":
            self.listener.on_snapshot(self.book.apply_snapshot(message))
            if not self._connected.is_set():
                self._connected.set()
                self._set_state(ConnectionState.CONNECTED, self.identity.get("user", ""))
        elif kind == "result" and message.get("id") in self._waiting:
            self._waiting.pop(message["id"]).set_result(message)
        else:
            self.listener.on_message(message)
        if kind == "changes" and not self._connected.is_set():  # resumed without a snapshot
            self._connected.set()
            self._set_state(ConnectionState.CONNECTED, self.identity.get("user", ""))

    # ---- requests
    async def request(self, message: dict[str, Any], timeout: float = 30.0) -> dict[str, Any]:
        if self._ws is None:
            raise NotConnected()
        request_id = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[request_id] = future
        await self._ws.send(json.dumps({**message, "id": request_id}, ensure_ascii=False))
        reply = await asyncio.wait_for(future, timeout)
        if not reply.get("ok"):
            raise HubRefused(reply.get("code", "error"), reply.get("message", "refused"), reply.get("alert"))
        return reply

    async def command(self, action: str, alert: Alert | int, version: int | None = None,
                      **args: Any) -> Alert:
        alert_id = alert if isinstance(alert, int) else alert.id
        if version is None:
            version = alert.version if isinstance(alert, Alert) else self.book.alerts[alert_id].version
        reply = await self.request({"type": "command", "action": action, "alert_id": alert_id,
                                    "version": version, "args": args})
        return Alert.from_dict(reply["alert"])

    async def create(self, alert: dict[str, Any]) -> int:
        reply = await self.request({"type": "create", "alert": alert})
        return int(reply["alert_id"])

    async def query(self, name: str, **args: Any) -> Any:
        reply = await self.request({"type": "query", "name": name, "args": args})
        return reply["data"]

    async def send(self, message: dict[str, Any]) -> None:
        """A fire-and-forget message (calls, presence)."""
        if self._ws is None:
            raise NotConnected()
        await self._ws.send(json.dumps(message, ensure_ascii=False))

    @property
    def token(self) -> str | None:
        return self._token


class _AuthRejected(Exception):
    pass
