"""The hub's call switchboard, free of sockets: connections in, messages out through `send`.

Rules it enforces: calls are addressed by town and ring every free desk of it; the first answer wins and
the other desks stop ringing; a town with no free desk is busy (so of two operators calling one town at
once, the second hears busy); a desk only sees and acts on its own town's calls; nobody answering
within `no_answer_s` = missed. Every change of a call is saved through the `CallLog`.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from console.calls.messages import (
    HANGUP_REASONS,
    EndReason,
    Err,
    ProtocolError,
    T,
    alert_context,
)
from console.calls.messages import field as get
from console.calls.presence import Desk, Presence
from console.calls.record import CallRecord, CallState

log = logging.getLogger(__name__)

Send = Callable[[str, dict[str, Any]], None]  # (connection id, message)


class TimerHandle(Protocol):
    def cancel(self) -> None: ...


class Scheduler(Protocol):
    def call_later(self, delay: float, callback: Callable[[], None]) -> TimerHandle: ...


class CallLog(Protocol):
    def save(self, record: CallRecord) -> None: ...

    def history(self, alert_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]: ...


class MemoryCallLog:
    def __init__(self) -> None:
        self.records: dict[str, CallRecord] = {}

    def save(self, record: CallRecord) -> None:
        self.records[record.id] = record

    def history(self, alert_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        rows = [r for r in self.records.values() if alert_id is None or r.alert_id == alert_id]
        rows.sort(key=lambda r: r.invited_at, reverse=True)
        return [r.to_dict() for r in rows[:limit]]


@dataclass(slots=True)
class _Call:
    record: CallRecord
    caller_conn: str
    sdp: str
    ringing: set[str] = field(default_factory=set)  # desk connections still ringing
    declined: set[str] = field(default_factory=set)
    desk_conn: str | None = None  # the desk that answered
    timer: TimerHandle | None = None


class CallService:
    def __init__(
        self,
        send: Send,
        scheduler: Scheduler,
        log_: CallLog | None = None,
        *,
        towns: set[str] | None = None,
        no_answer_s: float = 30.0,
        clock: Callable[[], float] = time.time,
        on_record: Callable[[CallRecord, str], None] | None = None,
    ) -> None:
        self.send = send
        self.scheduler = scheduler
        self.log = log_ or MemoryCallLog()
        self.no_answer_s = no_answer_s
        self.clock = clock
        self.presence = Presence(towns)
        # Called on each milestone (invited, answered, ended): the hub writes the alert's timeline.
        self.on_record = on_record
        self.consoles: dict[str, str] = {}  # connection -> operator user name
        self.display_names: dict[str, str] = {}
        self.calls: dict[str, _Call] = {}  # live calls only

    # ---- connections -------------------------------------------------------------------------------
    def console_connected(self, conn: str, user: str, display_name: str | None = None) -> None:
        self.consoles[conn] = user
        self.display_names[conn] = display_name or user
        self.send(conn, {"type": T.PRESENCE_SNAPSHOT, "towns": self.presence.snapshot()})

    def town_connected(self, conn: str, town: str, desk_name: str | None = None) -> None:
        self.presence.add(conn, town, desk_name or conn)
        self._presence_changed(town)

    def disconnected(self, conn: str) -> None:
        if conn in self.consoles:
            del self.consoles[conn]
            self.display_names.pop(conn, None)
            for call in [c for c in self.calls.values() if c.caller_conn == conn]:
                reason = EndReason.CALLER_LEFT if call.record.state == CallState.ACTIVE else EndReason.CANCELLED
                self._end(call, reason)
            return
        desk = self.presence.remove(conn)
        if desk is None:
            return
        call = self.calls.get(desk.call_id or "")
        if call is not None:
            if call.desk_conn == conn:
                self._end(call, EndReason.CALLEE_LEFT)
            else:
                call.ringing.discard(conn)
                if not call.ringing and call.desk_conn is None:
                    self._end(call, EndReason.OFFLINE)
        self._presence_changed(desk.town)

    # ---- messages ----------------------------------------------------------------------------------
    def handle(self, conn: str, msg: dict[str, Any]) -> None:
        try:
            self._dispatch(conn, msg)
        except ProtocolError as exc:
            self.send(conn, {"type": T.ERROR, "error": str(exc.error), "detail": str(exc),
                             "call_id": msg.get("call_id"), "ref": msg.get("ref")})

    def _dispatch(self, conn: str, msg: dict[str, Any]) -> None:
        kind = msg.get("type")
        if conn in self.consoles:
            handler = {
                T.INVITE: self._invite,
                T.CANCEL: self._cancel,
                T.HANGUP: self._hangup,
                T.REOFFER: self._relay_to_desk,
                T.MEDIA: self._relay_media,
                T.HISTORY: self._history,
                T.PRESENCE_GET: lambda c, m: self.send(c, {"type": T.PRESENCE_SNAPSHOT,
                                                            "towns": self.presence.snapshot()}),
            }.get(kind)
        elif conn in self.presence.desks:
            handler = {
                T.RINGING: self._ringing,
                T.ANSWER: self._answer,
                T.DECLINE: self._decline,
                T.HANGUP: self._hangup,
                T.REANSWER: self._relay_to_caller,
                T.MEDIA: self._relay_media,
                T.PRESENCE_GET: lambda c, m: self._send_self(self.presence.desks[c].town),
            }.get(kind)
        else:
            raise ProtocolError(Err.NOT_ALLOWED, "not authenticated")
        if handler is None:
            raise ProtocolError(Err.BAD_MESSAGE, f"unexpected {kind}")
        handler(conn, msg)

    def _invite(self, conn: str, msg: dict[str, Any]) -> None:
        town = get(msg, "town")
        sdp = get(msg, "sdp")
        alert = alert_context(get(msg, "alert", dict, required=False) or {})
        alert_id = alert.get("id") if isinstance(alert.get("id"), int) else None
        record = CallRecord(id=uuid.uuid4().hex, town=town, caller=self.consoles[conn],
                            invited_at=self.clock(), alert_id=alert_id, alert=alert)
        if town not in self.presence.known_towns:
            raise ProtocolError(Err.UNKNOWN_TOWN, town)
        call = _Call(record, conn, sdp)
        self.send(conn, {"type": T.CREATED, "call_id": record.id, "ref": msg.get("ref"), "town": town})
        free = [d for d in self.presence.of_town(town) if d.free]
        if not free:
            busy = bool(self.presence.of_town(town))
            self.log.save(record)
            self._end(call, EndReason.BUSY if busy else EndReason.OFFLINE, live=False)
            return
        self.calls[record.id] = call
        self.log.save(record)
        self._milestone(record, "invited")
        incoming = {"type": T.INCOMING, "call_id": record.id, "town": town, "caller": record.caller,
                    "caller_name": self.display_names.get(conn, record.caller),
                    "alert": alert, "sdp": sdp, "no_answer_s": self.no_answer_s}
        for desk in free:
            desk.call_id = record.id
            call.ringing.add(desk.conn)
            self.send(desk.conn, incoming)
        call.timer = self.scheduler.call_later(self.no_answer_s, lambda: self._no_answer(record.id))
        self._presence_changed(town)

    def _own_call(self, conn: str, msg: dict[str, Any]) -> tuple[_Call, Desk]:
        """The call a desk names, refused when it belongs to another town (and not leaked either)."""
        desk = self.presence.desks[conn]
        call = self.calls.get(get(msg, "call_id"))
        if call is None or call.record.town != desk.town:
            raise ProtocolError(Err.NOT_YOUR_CALL if call else Err.UNKNOWN_CALL, msg.get("call_id", ""))
        return call, desk

    def _ringing(self, conn: str, msg: dict[str, Any]) -> None:
        call, _ = self._own_call(conn, msg)
        if call.record.state == CallState.INVITED:
            call.record.move(CallState.RINGING)
            call.record.ringing_at = self.clock()
            self.log.save(call.record)
            self.send(call.caller_conn, {"type": T.RINGING, "call_id": call.record.id})

    def _answer(self, conn: str, msg: dict[str, Any]) -> None:
        call, desk = self._own_call(conn, msg)
        sdp = get(msg, "sdp")
        if call.desk_conn is not None:
            raise ProtocolError(Err.ALREADY_ANSWERED, call.record.id)
        if conn not in call.ringing:
            raise ProtocolError(Err.NOT_ALLOWED, "this desk is not ringing for the call")
        rec = call.record
        rec.move(CallState.ACTIVE)
        rec.answered_at = self.clock()
        rec.answered_by = desk.name
        call.desk_conn = conn
        if call.timer:
            call.timer.cancel()
        for other in call.ringing - {conn}:  # first answer wins: the others stop ringing
            self._free_desk(other, call)
            self.send(other, {"type": T.TAKEN, "call_id": rec.id, "by": desk.name})
        call.ringing = set()
        self.log.save(rec)
        self._milestone(rec, "answered")
        self.send(call.caller_conn, {"type": T.ANSWERED, "call_id": rec.id, "sdp": sdp, "desk": desk.name})
        self._presence_changed(rec.town)

    def _decline(self, conn: str, msg: dict[str, Any]) -> None:
        call, _ = self._own_call(conn, msg)
        reason = get(msg, "reason", required=False) or ""
        if conn not in call.ringing:
            raise ProtocolError(Err.NOT_ALLOWED, "this desk is not ringing for the call")
        call.ringing.discard(conn)
        call.declined.add(conn)
        self._free_desk(conn, call)
        self.send(conn, {"type": T.ENDED, "call_id": call.record.id, "reason": str(EndReason.DECLINED)})
        if not call.ringing and call.desk_conn is None:  # every desk said no
            call.record.end_detail = reason[:200]
            self._end(call, EndReason.DECLINED)
        else:
            self._presence_changed(call.record.town)

    def _cancel(self, conn: str, msg: dict[str, Any]) -> None:
        call = self._caller_call(conn, msg)
        if call.record.state == CallState.ACTIVE:
            self._end(call, EndReason.NORMAL)
        else:
            self._end(call, EndReason.CANCELLED)

    def _hangup(self, conn: str, msg: dict[str, Any]) -> None:
        if conn in self.consoles:
            call = self._caller_call(conn, msg)
        else:
            call, _ = self._own_call(conn, msg)
            if call.desk_conn != conn:
                raise ProtocolError(Err.NOT_ALLOWED, "not in this call")
        try:
            reason = EndReason(msg.get("reason") or "normal")
        except ValueError:
            reason = EndReason.NORMAL
        if reason not in HANGUP_REASONS:
            reason = EndReason.NORMAL
        if call.record.state != CallState.ACTIVE:
            reason = EndReason.CANCELLED
        self._end(call, reason)

    def _caller_call(self, conn: str, msg: dict[str, Any]) -> _Call:
        call = self.calls.get(get(msg, "call_id"))
        if call is None or call.caller_conn != conn:
            raise ProtocolError(Err.UNKNOWN_CALL, msg.get("call_id", ""))
        return call

    def _relay_to_desk(self, conn: str, msg: dict[str, Any]) -> None:
        call = self._caller_call(conn, msg)
        if call.desk_conn is None:
            raise ProtocolError(Err.NOT_ALLOWED, "not answered yet")
        self.send(call.desk_conn, {"type": msg["type"], "call_id": call.record.id, "sdp": get(msg, "sdp"),
                                   "attempt": msg.get("attempt") if isinstance(msg.get("attempt"), int) else None})

    def _relay_to_caller(self, conn: str, msg: dict[str, Any]) -> None:
        call, _ = self._own_call(conn, msg)
        if call.desk_conn != conn:
            raise ProtocolError(Err.NOT_ALLOWED, "not in this call")
        self.send(call.caller_conn, {"type": msg["type"], "call_id": call.record.id, "sdp": get(msg, "sdp"),
                                     "attempt": msg.get("attempt") if isinstance(msg.get("attempt"), int) else None})

    def _relay_media(self, conn: str, msg: dict[str, Any]) -> None:
        """A side's media state (e.g. reconnecting) shown to the other side."""
        if conn in self.consoles:
            call = self._caller_call(conn, msg)
            peer = call.desk_conn
        else:
            call, _ = self._own_call(conn, msg)
            peer = call.caller_conn if call.desk_conn == conn else None
        if peer is not None:
            self.send(peer, {"type": T.MEDIA, "call_id": call.record.id, "state": str(get(msg, "state"))[:32]})

    def _history(self, conn: str, msg: dict[str, Any]) -> None:
        alert_id = msg.get("alert_id") if isinstance(msg.get("alert_id"), int) else None
        self.send(conn, {"type": T.HISTORY, "alert_id": alert_id, "calls": self.log.history(alert_id)})

    # ---- endings, presence -------------------------------------------------------------------------
    def _no_answer(self, call_id: str) -> None:
        call = self.calls.get(call_id)
        if call is not None and call.desk_conn is None:
            self._end(call, EndReason.MISSED)

    def _free_desk(self, conn: str, call: _Call) -> None:
        desk = self.presence.desks.get(conn)
        if desk is not None and desk.call_id == call.record.id:
            desk.call_id = None

    def _end(self, call: _Call, reason: EndReason, live: bool = True) -> None:
        rec = call.record
        if rec.state == CallState.ENDED:
            return
        rec.move(CallState.ENDED)
        rec.ended_at = self.clock()
        rec.end_reason = str(reason)
        if call.timer:
            call.timer.cancel()
        self.calls.pop(rec.id, None)
        ended = {"type": T.ENDED, "call_id": rec.id, "reason": str(reason), "detail": rec.end_detail,
                 "duration_s": rec.duration_s}
        for conn in {call.caller_conn, call.desk_conn, *call.ringing} - {None}:
            if conn in self.consoles or conn in self.presence.desks:
                self.send(conn, ended)
        for conn in {call.desk_conn, *call.ringing, *call.declined} - {None}:
            self._free_desk(conn, call)
        self.log.save(rec)
        self._milestone(rec, "ended")
        if live:
            self._presence_changed(rec.town)

    def _milestone(self, rec: CallRecord, what: str) -> None:
        if self.on_record is not None:
            try:
                self.on_record(rec, what)
            except Exception:  # the timeline is secondary: a failure there never breaks a call
                log.exception("call milestone hook failed")

    def _presence_changed(self, town: str) -> None:
        status = self.presence.status(town)
        update = {"type": T.PRESENCE_UPDATE, "town": town, "status": str(status),
                  "desks": len(self.presence.of_town(town))}
        for conn in self.consoles:
            self.send(conn, update)
        self._send_self(town)

    def _send_self(self, town: str) -> None:
        desks = self.presence.of_town(town)
        for desk in desks:
            self.send(desk.conn, {"type": T.PRESENCE_SELF, "town": town, "desk": desk.name,
                                  "status": str(self.presence.status(town)), "desks": len(desks),
                                  "in_call": desk.call_id})
