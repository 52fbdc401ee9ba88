"""The hub's ASGI application: HTTP and websockets on one port."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Route, WebSocketRoute

from console.hub import core_queries, dashboard_queries  # noqa: F401  (they register their queries)
from console.hub.console_socket import console_socket
from console.hub.http_api import get_attachment, health, openapi, post_alerts, post_cap
from console.hub.hub import Hub
from console.hub.intake_socket import intake_socket
from console.hub.town_socket import town_socket


def build_app(hub: Hub) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await hub.start()
        try:
            yield
        finally:
            await hub.stop()

    routes: list[BaseRoute] = [
        Route("/health", health),
        Route("/api/openapi.json", openapi),
        Route("/api/alerts", post_alerts, methods=["POST"]),
        Route("/api/alerts/cap", post_cap, methods=["POST"]),
        Route("/api/attachments/{attachment_id:int}", get_attachment),
        WebSocketRoute("/ws/console", console_socket),
        WebSocketRoute("/ws/intake", intake_socket),
        WebSocketRoute("/ws/town", town_socket),
    ]
    for extension in hub.extensions:
        routes.extend(extension.routes())
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.hub = hub
    return app
