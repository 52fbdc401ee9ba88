"""/ws/console: an operator's console. Snapshot, then the ordered change stream; commands and queries."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

from console.domain.enums import Action
from console.domain.errors import DomainError, PermissionDenied, ValidationFailed
from console.domain.lifecycle import COMMAND_ACTIONS, Command
from console.hub.alert_service import HubBusy, StoreFailure
from console.hub.hub import Hub
from console.hub.queries import QUERIES
from console.hub.session import Session
from console.hub.socket_auth import authenticate
from console.protocol.intake import IntakeError, parse_alert

log = logging.getLogger(__name__)


async def console_socket(websocket: WebSocket) -> None:
    hub: Hub = websocket.app.state.hub
    auth = await authenticate(websocket, hub, "console")
    if auth is None:
        return
    identity, token = auth
    session = Session(websocket, identity)
    session.send({"type": "welcome", "user": identity.name, "role": str(identity.role),
                  "display_name": identity.display_name, "token": token, "epoch": hub.feed.epoch})
    for extension in hub.extensions:
        await extension.on_connect(session)
    tasks: set[asyncio.Task[None]] = set()
    try:
        while True:
            text = await websocket.receive_text()
            try:
                message = json.loads(text)
                if not isinstance(message, dict) or not isinstance(message.get("type"), str):
                    raise ValueError("a message is a JSON object with a 'type'")
            except ValueError as exc:
                session.send({"type": "error", "code": "bad_message", "message": f"unreadable message: {exc}"})
                continue
            kind = message["type"]
            if kind == "subscribe":
                _subscribe(hub, session, message)
            elif kind in ("command", "create", "query"):
                task = asyncio.create_task(_answer(hub, session, message))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            elif (extension := hub.extension_for(kind)) is not None:
                await extension.on_message(session, message)
            else:
                session.send({"type": "error", "code": "bad_message", "id": _request_id(message),
                              "message": f"unknown message type '{kind}'"})
    except WebSocketDisconnect:
        pass
    finally:
        hub.feed.unsubscribe(session.push)
        for extension in hub.extensions:
            await extension.on_disconnect(session)
        await session.finish()


def _subscribe(hub: Hub, session: Session, message: dict[str, Any]) -> None:
    """Replay after the console's last sequence number, or a snapshot. No await here: the snapshot
    and the subscription happen between the same two changes."""
    hub.feed.unsubscribe(session.push)
    after = message.get("after")
    replay = hub.feed.replay(message.get("epoch"), after if isinstance(after, int) else None)
    if replay is None:
        session.push(hub.feed.snapshot(hub.alerts.snapshot()))
    elif replay:
        session.push(replay)
    hub.feed.subscribe(session.push)


def _request_id(message: dict[str, Any]) -> int | str | None:
    """The id a console gave its request, echoed in the answer; anything odd is not echoed."""
    value = message.get("id")
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    if isinstance(value, int) and not -(2**53) <= value <= 2**53:
        return None
    return value if not isinstance(value, str) or len(value) <= 64 else None


async def _answer(hub: Hub, session: Session, message: dict[str, Any]) -> None:
    request_id = _request_id(message)
    try:
        result = await _handle(hub, session, message)
        session.send({"type": "result", "id": request_id, "ok": True, **result})
    except DomainError as exc:
        reply: dict[str, Any] = {"type": "result", "id": request_id, "ok": False, "code": exc.code,
                                 "message": exc.message}
        alert_id = message.get("alert_id")
        current = hub.alerts.alerts.get(alert_id) if isinstance(alert_id, int) else None
        if current is not None:
            reply["alert"] = current.to_dict()
        session.send(reply)
    except IntakeError as exc:
        session.send({"type": "result", "id": request_id, "ok": False, "code": "invalid", "message": str(exc)})
    except HubBusy as exc:
        session.send({"type": "result", "id": request_id, "ok": False, "code": "busy", "message": str(exc)})
    except StoreFailure as exc:
        session.send({"type": "result", "id": request_id, "ok": False, "code": "store", "message": str(exc)})
    except Exception as exc:  # a bug must not take the console's socket down with it
        log.exception("request failed: %s", message.get("type"))
        session.send({"type": "result", "id": request_id, "ok": False, "code": "internal",
                      "message": f"the hub failed to answer: {exc}"})


async def _handle(hub: Hub, session: Session, message: dict[str, Any]) -> dict[str, Any]:
    kind = message["type"]
    if kind == "command":
        try:
            action = Action(message.get("action"))
        except ValueError:
            raise ValidationFailed(f"unknown action '{message.get('action')}'") from None
        if action not in COMMAND_ACTIONS:
            raise ValidationFailed(f"'{action}' is not a command")
        alert_id, version, args = message.get("alert_id"), message.get("version"), message.get("args") or {}
        if not isinstance(alert_id, int) or not isinstance(version, int) or not isinstance(args, dict):
            raise ValidationFailed("a command needs an integer alert_id and version, and args as an object")
        alert = await hub.alerts.execute(Command(action, alert_id, version, session.identity.name, args),
                                         session.identity)
        return {"alert": alert.to_dict()}
    if kind == "create":
        item = parse_alert(message.get("alert"))
        result = await hub.alerts.create(item, session.identity)
        return {"alert_id": result.id, "duplicate": result.duplicate}
    name = message.get("name")
    registered = QUERIES.get(name) if isinstance(name, str) else None
    if registered is None:
        raise ValidationFailed(f"unknown query '{name}'")
    if not session.identity.at_least(registered.role):
        raise PermissionDenied(f"query '{name}' needs the {registered.role} role")
    args = message.get("args") or {}
    data = await hub.run_blocking(_run_query, hub, registered.fn, session.identity, args)
    return {"data": data}


def _run_query(hub: Hub, fn: Any, identity: Any, args: dict[str, Any]) -> Any:
    with hub.engine.begin() as conn:
        conn.info["hub"] = hub
        return fn(conn, identity, args)
