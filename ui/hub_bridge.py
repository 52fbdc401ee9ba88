"""The GUI's door to the hub: one asyncio worker thread, re-emitted as queued Qt signals.

The bridge lives in the GUI thread. It owns a worker thread running a stock asyncio loop and the
HubClient on it. Client callbacks fire on the loop thread; they only *emit* signals, and Qt queues
them to the GUI thread because the bridge lives there. Nothing here touches a widget.

Other panels (calls, video) share the loop: `bridge.loop`, `bridge.run(coro)` / `bridge.submit(coro)` and
`bridge.call(coro, on_done, on_error)` (callbacks run on the GUI thread).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import ssl
import sys
import threading
import urllib.request
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from console.client.hub_client import ConnectionState, HubClient, Listener
from console.client.tls import client_ssl_context
from console.config import load_config
from console.domain.alert import Alert

Callback = Callable[[Any], None]


def http_url_for(ws_url: str) -> str:
    """The hub serves HTTP and websockets on one port: ws://h:p -> http://h:p."""
    url = ws_url.rstrip("/")
    if url.startswith("wss://"):
        return "https://" + url[6:]
    if url.startswith("ws://"):
        return "http://" + url[5:]
    return url


class HubBridge(QObject):
    sig_state = Signal(str, str)  # ConnectionState value, detail
    sig_snapshot = Signal(object)  # list[Alert]
    sig_changes = Signal(object)  # list[Alert]
    sig_message = Signal(object)  # dict: anything else the hub sends (calls, presence)
    _sig_done = Signal(object, object, object)  # callback, value, is_error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client: HubClient | None = None
        self.ssl_context: ssl.SSLContext | None = None
        self.url = ""
        self.state = ConnectionState.CLOSED
        self._sig_done.connect(self._on_done)
        self._loop = asyncio.new_event_loop()
        self._stopped = False
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run_loop, name="hub-bridge", daemon=True)
        self._thread.start()
        self._ready.wait(5)
        self.sig_state.connect(self._remember_state)

    # ---- the loop
    def _run_loop(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.call_soon(self._ready.set)
        self._loop.run_forever()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    def submit(self, coro: Coroutine[Any, Any, Any]) -> concurrent.futures.Future[Any]:
        """Runs a coroutine on the bridge's loop; the Future may be waited on off the GUI thread.
        After shutdown the work is dropped: the Future comes back cancelled (the console is closing)."""
        if self._stopped:
            coro.close()
            dropped: concurrent.futures.Future[Any] = concurrent.futures.Future()
            dropped.cancel()
            return dropped
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    run = submit  # the name the other panels use: bridge.run(coro) -> concurrent.futures.Future

    def call(self, coro: Coroutine[Any, Any, Any], on_done: Callback | None = None,
             on_error: Callback | None = None) -> concurrent.futures.Future[Any]:
        """Like submit, but the result (or exception) is handed to a callback on the GUI thread."""
        future = self.submit(coro)

        def finished(f: concurrent.futures.Future[Any]) -> None:
            if f.cancelled():
                return
            exc = f.exception()
            if exc is not None:
                if on_error is not None:
                    self._sig_done.emit(on_error, exc, True)
            elif on_done is not None:
                self._sig_done.emit(on_done, f.result(), False)

        future.add_done_callback(finished)
        return future

    def run_blocking(self, func: Callable[[], Any], on_done: Callback | None = None,
                     on_error: Callback | None = None) -> concurrent.futures.Future[Any]:
        """Blocking work (HTTP downloads) on the loop's executor, never on the GUI thread."""
        async def job() -> Any:
            return await asyncio.get_running_loop().run_in_executor(None, func)
        return self.call(job(), on_done, on_error)

    @Slot(object, object, object)
    def _on_done(self, callback: Callback, value: Any, _is_error: bool) -> None:
        callback(value)

    # ---- the hub connection
    def connect_hub(self, url: str, user: str, password: str) -> None:
        self.url = url
        listener = Listener(
            on_state=lambda state, detail: self.sig_state.emit(str(state), detail),
            on_snapshot=self.sig_snapshot.emit,
            on_changes=self.sig_changes.emit,
            on_message=self.sig_message.emit,
        )
        # A hall with its own certificate authority names it in [console] tls_ca (system or user config).
        self.ssl_context = client_ssl_context(url, load_config().console.tls_ca)
        self.client = HubClient(url, user, password, listener, ssl_context=self.ssl_context)

        client = self.client  # not self: see CallController.request_presence

        async def start() -> None:
            client.start()
        self.submit(start())

    @Slot(str, str)
    def _remember_state(self, state: str, _detail: str) -> None:
        self.state = ConnectionState(state)

    @property
    def user(self) -> str:
        return self.client.user if self.client else ""

    @property
    def role(self) -> str:
        return str(self.client.identity.get("role", "")) if self.client else ""

    @property
    def http_url(self) -> str:
        return http_url_for(self.url)

    def command(self, action: str, alert: Alert, on_done: Callback | None = None,
                on_error: Callback | None = None, **args: Any) -> concurrent.futures.Future[Any]:
        assert self.client is not None
        return self.call(self.client.command(action, alert, **args), on_done, on_error)

    def query(self, name: str, on_done: Callback | None = None, on_error: Callback | None = None,
              **args: Any) -> concurrent.futures.Future[Any]:
        assert self.client is not None
        return self.call(self.client.query(name, **args), on_done, on_error)

    def create(self, alert: dict[str, Any], on_done: Callback | None = None,
               on_error: Callback | None = None) -> concurrent.futures.Future[Any]:
        assert self.client is not None
        return self.call(self.client.create(alert), on_done, on_error)

    def fetch_attachment(self, attachment_id: int, on_done: Callback,
                         on_error: Callback | None = None) -> concurrent.futures.Future[Any]:
        """GET /api/attachments/{id} with the session token, in the executor."""
        url = f"{self.http_url}/api/attachments/{attachment_id}"
        token = self.client.token if self.client else None

        ssl_context = self.ssl_context  # the executor's function must not hold the bridge (a QObject)

        def get() -> bytes:
            request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(request, timeout=15, context=ssl_context) as response:  # noqa: S310 (hub URL)
                return response.read()
        return self.run_blocking(get, on_done, on_error)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Closes the client and stops the loop thread; safe to call twice."""
        if not self._thread.is_alive():
            return
        client = self.client

        async def _shutdown() -> None:
            # Calls run on this loop too: a peer connection must be closed, never cancelled, or aiortc's
            # decoder threads outlive it (CallController.shutdown() has normally closed them already).
            calls = sys.modules.get("media.webrtc.session")
            if calls is not None:
                await calls.close_all_media("shutdown")
            if client is not None:
                await client.close()
            # What is left (a reconnect wait, a request in flight) is cancelled and awaited, and the
            # executor's threads (name lookups) are joined: none of them outlives the loop.
            current = asyncio.current_task()
            tasks = [t for t in asyncio.all_tasks() if t is not current]
            for task in tasks:
                task.cancel()
            if tasks:
                await asyncio.wait(tasks, timeout=timeout / 2)
            loop = asyncio.get_running_loop()  # not self._loop: the coroutine must not hold the bridge
            await loop.shutdown_asyncgens()
            await loop.shutdown_default_executor(timeout=timeout / 2)

        try:
            self.submit(_shutdown()).result(timeout)
        except Exception:  # noqa: BLE001 - stopping anyway
            pass
        self._stopped = True  # from now on submit() drops work instead of queueing it on a dead loop
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout)
        if not self._thread.is_alive():
            self._loop.close()
