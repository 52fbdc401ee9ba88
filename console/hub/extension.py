"""How a feature (calls, presence, ...) plugs into the hub's sockets without the hub knowing it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from starlette.routing import BaseRoute

if TYPE_CHECKING:
    from console.hub.session import Session


class HubExtension(Protocol):
    # Message types starting with one of these, on a console or town socket, go to this extension.
    prefixes: tuple[str, ...]

    async def on_connect(self, session: Session) -> None: ...

    async def on_message(self, session: Session, message: dict[str, Any]) -> None: ...

    async def on_disconnect(self, session: Session) -> None: ...

    def routes(self) -> list[BaseRoute]: ...

    async def stop(self) -> None: ...
