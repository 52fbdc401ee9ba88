"""Running the hub: in the foreground (`hall hub`) or embedded in a thread (`hall demo`, tests)."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

import uvicorn

from console.config import HubConfig
from console.hub.app import build_app
from console.hub.hub import Hub

log = logging.getLogger(__name__)


def _uvicorn_config(hub: Hub, port: int | None = None) -> uvicorn.Config:
    config = hub.config
    kwargs: dict[str, Any] = {}
    if config.tls_cert:
        kwargs.update(ssl_certfile=config.tls_cert, ssl_keyfile=config.tls_key or None)
    return uvicorn.Config(
        build_app(hub), host=config.host, port=config.port if port is None else port,
        ws="websockets-sansio", ws_max_size=config.max_body_bytes, ws_per_message_deflate=False, ws_ping_interval=10, ws_ping_timeout=20,
        log_level="warning", lifespan="on", timeout_graceful_shutdown=3, **kwargs)


def serve(hub: Hub) -> None:
    """Runs until interrupted."""
    server = uvicorn.Server(_uvicorn_config(hub))
    asyncio.run(server.serve())


class EmbeddedHub:
    """A hub on its own thread and event loop, on a free loopback port unless told otherwise."""

    def __init__(self, hub: Hub, port: int = 0) -> None:
        self.hub = hub
        self._server = uvicorn.Server(_uvicorn_config(hub, port))
        self._server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        self._thread = threading.Thread(target=self._run, name="hub", daemon=True)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.error: BaseException | None = None

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported by start()
            self.error = exc

    async def _serve(self) -> None:
        self.loop = asyncio.get_running_loop()
        await self._server.serve()

    def start(self, timeout: float = 30.0) -> EmbeddedHub:
        self._thread.start()
        deadline = threading.Event()
        for _ in range(int(timeout * 20)):
            if self._server.started or self.error is not None or not self._thread.is_alive():
                break
            deadline.wait(0.05)
        if not self._server.started:
            raise RuntimeError(f"the hub did not start: {self.error or 'timeout'}")
        return self

    @property
    def port(self) -> int:
        for server in self._server.servers:
            for sock in server.sockets:
                return int(sock.getsockname()[1])
        raise RuntimeError("hub not listening")

    @property
    def http_url(self) -> str:
        scheme = "https" if self.hub.config.tls_cert else "http"
        return f"{scheme}://{self.hub.config.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return self.http_url.replace("http", "ws", 1)

    def call(self, coro: Any, timeout: float = 30.0) -> Any:
        """Runs a coroutine on the hub's loop from another thread."""
        assert self.loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(15)


def start_embedded(config: HubConfig, **kwargs: Any) -> EmbeddedHub:
    return EmbeddedHub(Hub(config, **kwargs), port=config.port).start()
