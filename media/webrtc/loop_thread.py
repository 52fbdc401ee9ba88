"""One asyncio worker thread (stock event loop) for websockets and aiortc; the GUI thread never blocks on it."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class LoopThread:
    def __init__(self, name: str = "webrtc-loop") -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def call(self, coro: Coroutine[Any, Any, T], timeout: float | None = 30.0) -> T:
        """Runs a coroutine on the loop and waits for it (never from the GUI thread for long work)."""
        return self.submit(coro).result(timeout)

    def call_soon(self, fn: Any, *args: Any) -> None:
        self.loop.call_soon_threadsafe(fn, *args)

    def stop(self, timeout: float = 10.0) -> None:
        """Closes every call's peer connections, then cancels what is left, lets the executor's encoder
        threads finish, and stops and closes the loop. Safe to call twice.

        Order matters: cancelling a task inside RTCPeerConnection.close() (or cancelling aiortc's own tasks
        before a close) leaves its receivers' non-daemon decoder threads waiting forever, and the process
        hangs at exit; an executor thread still encoding when the interpreter finalizes runs native code
        in a dying process."""
        if not self._thread.is_alive():
            return

        async def _shutdown() -> None:
            from media.webrtc.session import close_all_media  # aiortc only when calls were possible

            await close_all_media("shutdown")
            current = asyncio.current_task()
            tasks = [t for t in asyncio.all_tasks() if t is not current]
            for t in tasks:
                t.cancel()
            if tasks:
                await asyncio.wait(tasks, timeout=5)
            await self.loop.shutdown_asyncgens()
            await self.loop.shutdown_default_executor(timeout=5)

        try:
            self.submit(_shutdown()).result(timeout)
        except Exception:  # noqa: BLE001 - stopping anyway; say so, a leftover thread would follow
            log.warning("the loop thread did not shut down cleanly", exc_info=True)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("the loop thread %s did not stop", self._thread.name)
        else:
            self.loop.close()
