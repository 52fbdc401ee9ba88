"""The first message on every websocket authenticates it; nothing else is read before."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.websockets import WebSocket

from console.hub.auth import AuthFailed
from console.hub.hub import Hub
from console.hub.identity import Identity

AUTH_TIMEOUT_S = 10.0
CLOSE_AUTH_FAILED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_BAD_MESSAGE = 4400


async def authenticate(websocket: WebSocket, hub: Hub, kind: str) -> tuple[Identity, str | None] | None:
    """kind: 'console' (user+password or session token), 'source' (API key) or 'town' (token).

    Returns the identity and, for a console password login, a new session token. On failure it has
    already told the peer why and closed the socket.
    """
    await websocket.accept()
    try:
        text = await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_S)
        message: Any = json.loads(text)
        if not isinstance(message, dict) or message.get("type") != "auth":
            raise AuthFailed("the first message must be {\"type\": \"auth\", ...}")
        token = None
        if kind == "console":
            if "token" in message:
                identity = hub.auth.session(str(message["token"]))
                token = str(message["token"])
            else:
                identity, token = await hub.run_blocking(
                    hub.auth.login, str(message.get("user", "")), str(message.get("password", "")))
        elif kind == "source":
            identity = await hub.run_blocking(hub.auth.source, str(message.get("key", "")))
        else:
            identity = await hub.run_blocking(hub.auth.town, str(message.get("token", "")))
        return identity, token
    except Exception as exc:
        reason = str(exc) if isinstance(exc, AuthFailed) else "authentication expected first"
        try:
            await websocket.send_text(json.dumps({"type": "error", "code": "auth", "message": reason}))
            await websocket.close(CLOSE_AUTH_FAILED, reason[:120])
        except Exception:
            pass
        return None
