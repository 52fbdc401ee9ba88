"""/ws/town: a town endpoint (browser desk or town client). Everything it says goes to the extensions."""

from __future__ import annotations

import json

from starlette.websockets import WebSocket, WebSocketDisconnect

from console.hub.hub import Hub
from console.hub.session import Session
from console.hub.socket_auth import authenticate


async def town_socket(websocket: WebSocket) -> None:
    hub: Hub = websocket.app.state.hub
    auth = await authenticate(websocket, hub, "town")
    if auth is None:
        return
    identity = auth[0]
    session = Session(websocket, identity)
    town = hub.district.town(identity.town or "")
    session.send({"type": "welcome", "desk": identity.name, "town": identity.town,
                  "town_name": town.name if town else identity.town,
                  "town_name_en": town.name_en if town else identity.town})
    for extension in hub.extensions:
        await extension.on_connect(session)
    try:
        while True:
            try:
                message = json.loads(await websocket.receive_text())
                kind = message["type"]
                if not isinstance(kind, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                session.send({"type": "error", "code": "bad_message", "message": "unreadable message"})
                continue
            extension = hub.extension_for(kind)
            if extension is None:
                session.send({"type": "error", "code": "bad_message", "message": f"unknown message type '{kind}'"})
                continue
            await extension.on_message(session, message)
    except WebSocketDisconnect:
        pass
    finally:
        for extension in hub.extensions:
            await extension.on_disconnect(session)
        await session.finish()
