"""/ws/intake: a high-rate source streams alerts; each is answered once it is committed.

Frames: {"type": "alert", "seq": n, "alert": {...}} or {"type": "alerts", "seq": n, "alerts": [...]},
where seq is the source's own number for the frame. Answers come in order as
{"type": "results", "items": [{"seq": n, "results": [{"id": .., "duplicate": ..} | {"error": ..}]}]}.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

from console.hub.alert_service import IntakeResult
from console.hub.hub import Hub
from console.hub.session import Session
from console.hub.socket_auth import authenticate
from console.protocol.intake import IntakeError, parse_alert, parse_frame_fast

MAX_IN_FLIGHT = 20_000  # alerts accepted for writing but not yet answered, per source
ANSWER_FRAME_MAX = 1_000  # frames answered in one message


async def intake_socket(websocket: WebSocket) -> None:
    hub: Hub = websocket.app.state.hub
    auth = await authenticate(websocket, hub, "source")
    if auth is None:
        return
    session = Session(websocket, auth[0])
    session.send({"type": "welcome", "source": auth[0].name})
    pending: asyncio.Queue[tuple[Any, list[Any]] | None] = asyncio.Queue()
    budget = _InFlight(MAX_IN_FLIGHT)
    answering = asyncio.create_task(_answer_in_order(session, pending, budget))
    try:
        while True:
            text = await websocket.receive_text()
            seq, slots = _read_frame(text)
            await budget.room()  # backpressure: stop reading while too much is in flight
            futures: list[Any] = []
            for slot in slots:
                if isinstance(slot, IntakeError):
                    futures.append(slot)
                    continue
                budget.take()
                futures.append(hub.alerts.intake_nowait(slot, session.identity))
            pending.put_nowait((seq, futures))
    except WebSocketDisconnect:
        pass
    finally:
        pending.put_nowait(None)
        try:
            await asyncio.wait_for(answering, 5.0)
        except (TimeoutError, asyncio.CancelledError):
            answering.cancel()
        await session.finish()


def _read_frame(text: str) -> tuple[Any, list[Any]]:
    """The frame's seq and, per alert, a validated AlertIn or the IntakeError that refused it."""
    fast = parse_frame_fast(text)
    if fast is not None:
        return fast
    try:
        frame = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [IntakeError(f"malformed JSON: {exc}")]
    if not isinstance(frame, dict):
        return None, [IntakeError("a frame must be a JSON object")]
    seq = frame.get("seq")
    if frame.get("type") == "alert":
        raw = [frame.get("alert")]
    elif frame.get("type") == "alerts" and isinstance(frame.get("alerts"), list):
        raw = frame["alerts"]
    else:
        return seq, [IntakeError("a frame is {\"type\": \"alert\", \"alert\": {...}} or "
                                 "{\"type\": \"alerts\", \"alerts\": [...]}")]
    slots: list[Any] = []
    for item in raw:
        try:
            slots.append(parse_alert(item))
        except IntakeError as exc:
            slots.append(exc)
    return seq, slots


class _InFlight:
    """Counts alerts queued for writing but not answered yet; the reader waits while there are too many."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0
        self._room = asyncio.Event()
        self._room.set()

    async def room(self) -> None:
        await self._room.wait()

    def take(self) -> None:
        self.count += 1
        if self.count >= self.limit:
            self._room.clear()

    def release(self) -> None:
        self.count -= 1
        if self.count < self.limit:
            self._room.set()


async def _answer_in_order(session: Session, pending: asyncio.Queue[Any], budget: _InFlight) -> None:
    while True:
        entry = await pending.get()
        batch = []
        while entry is not None:
            seq, futures = entry
            results = []
            for future in futures:
                if isinstance(future, IntakeError):
                    results.append({"error": str(future)})
                    continue
                try:
                    result: IntakeResult = await future
                    results.append({"id": result.id, "duplicate": result.duplicate})
                except Exception as exc:
                    results.append({"error": str(exc)})
                finally:
                    budget.release()
            batch.append({"seq": seq, "results": results})
            if pending.empty() or len(batch) >= ANSWER_FRAME_MAX:
                break
            entry = pending.get_nowait()
        if batch:
            session.send({"type": "results", "items": batch})
        if entry is None:
            return
