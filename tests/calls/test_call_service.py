"""The hub's call switchboard without sockets: every rule of the issue, on a fake clock and timer."""

from __future__ import annotations

from typing import Any

import pytest

from console.calls.messages import T
from console.calls.record import CallRecord, CallState
from console.calls.service import CallService, MemoryCallLog


class FakeTimer:
    def __init__(self, delay: float, cb: Any) -> None:
        self.delay, self.cb, self.cancelled = delay, cb, False

    def cancel(self) -> None:
        self.cancelled = True


class FakeScheduler:
    def __init__(self) -> None:
        self.timers: list[FakeTimer] = []

    def call_later(self, delay: float, cb: Any) -> FakeTimer:
        t = FakeTimer(delay, cb)
        self.timers.append(t)
        return t

    def fire(self) -> None:
        for t in list(self.timers):
            if not t.cancelled:
                t.cb()


class Hub:
    def __init__(self) -> None:
        self.now = 1000.0
        self.out: list[tuple[str, dict[str, Any]]] = []
        self.sched = FakeScheduler()
        self.log = MemoryCallLog()
        self.milestones: list[tuple[str, str]] = []
        self.svc = CallService(lambda c, m: self.out.append((c, m)), self.sched, self.log,
                               towns={"lh", "qs"}, no_answer_s=20, clock=lambda: self.now,
                               on_record=lambda r, w: self.milestones.append((r.id, w)))

    def got(self, conn: str, kind: str) -> list[dict[str, Any]]:
        return [m for c, m in self.out if c == conn and m["type"] == kind]

    def last(self, conn: str, kind: str) -> dict[str, Any]:
        msgs = self.got(conn, kind)
        assert msgs, f"{conn} got no {kind}: {[m['type'] for c, m in self.out if c == conn]}"
        return msgs[-1]

    def invite(self, conn: str = "op1", town: str = "lh") -> str:
        self.svc.handle(conn, {"type": "call.invite", "ref": "r1", "town": town, "sdp": "OFFER",
                               "alert": {"id": 7, "title": "Illegal construction", "severity": "high",
                                         "secret": "not for towns"}})
        return self.last(conn, T.CREATED)["call_id"]


@pytest.fixture
def hub() -> Hub:
    h = Hub()
    h.svc.console_connected("op1", "alice")
    h.svc.console_connected("op2", "bob")
    return h


def test_invite_ring_answer_hangup_is_recorded(hub: Hub) -> None:
    hub.svc.town_connected("d1", "lh", "desk-1")
    assert hub.last("op1", T.PRESENCE_UPDATE) == {"type": "presence.update", "town": "lh", "status": "online", "desks": 1}
    cid = hub.invite()
    inc = hub.last("d1", T.INCOMING)
    assert inc["sdp"] == "OFFER" and inc["caller"] == "alice"
    assert inc["alert"] == {"id": 7, "title": "Illegal construction", "severity": "high"}  # context only
    hub.svc.handle("d1", {"type": "call.ringing", "call_id": cid})
    assert hub.last("op1", T.RINGING)["call_id"] == cid
    hub.now += 3
    hub.svc.handle("d1", {"type": "call.answer", "call_id": cid, "sdp": "ANSWER"})
    assert hub.last("op1", T.ANSWERED) == {"type": "call.answered", "call_id": cid, "sdp": "ANSWER", "desk": "desk-1"}
    assert hub.last("op1", T.PRESENCE_UPDATE)["status"] == "busy"
    hub.now += 60
    hub.svc.handle("op1", {"type": "call.hangup", "call_id": cid, "reason": "normal"})
    assert hub.last("d1", T.ENDED)["reason"] == "normal"
    rec: CallRecord = hub.log.records[cid]
    assert (rec.state, rec.alert_id, rec.caller, rec.answered_by) == (CallState.ENDED, 7, "alice", "desk-1")
    assert (rec.invited_at, rec.answered_at, rec.ended_at, rec.duration_s) == (1000, 1003, 1063, 60)
    assert rec.end_reason == "normal"
    assert [w for _, w in hub.milestones] == ["invited", "answered", "ended"]
    assert hub.last("op1", T.PRESENCE_UPDATE)["status"] == "online"
    hub.svc.handle("op2", {"type": "call.history", "alert_id": 7})
    assert [c["id"] for c in hub.last("op2", T.HISTORY)["calls"]] == [cid]


def test_decline_with_reason(hub: Hub) -> None:
    hub.svc.town_connected("d1", "lh")
    cid = hub.invite()
    hub.svc.handle("d1", {"type": "call.decline", "call_id": cid, "reason": "on site, call back in 10 min"})
    ended = hub.last("op1", T.ENDED)
    assert (ended["reason"], ended["detail"]) == ("declined", "on site, call back in 10 min")
    assert hub.log.records[cid].end_reason == "declined"


def test_missed_after_the_no_answer_timeout(hub: Hub) -> None:
    hub.svc.town_connected("d1", "lh")
    cid = hub.invite()
    assert hub.sched.timers[-1].delay == 20
    hub.sched.fire()
    assert hub.last("op1", T.ENDED)["reason"] == "missed"
    assert hub.last("d1", T.ENDED)["reason"] == "missed"  # the desk stops ringing
    assert hub.log.records[cid].end_reason == "missed"


def test_cancel_while_ringing(hub: Hub) -> None:
    hub.svc.town_connected("d1", "lh")
    cid = hub.invite()
    hub.svc.handle("op1", {"type": "call.cancel", "call_id": cid})
    assert hub.last("d1", T.ENDED)["reason"] == "cancelled"
    assert hub.svc.presence.status("lh") == "online"


def test_town_offline(hub: Hub) -> None:
    cid = hub.invite()
    assert hub.last("op1", T.ENDED) == {"type": "call.ended", "call_id": cid, "reason": "offline",
                                        "detail": None, "duration_s": None}
    assert hub.log.records[cid].end_reason == "offline"


def test_two_desks_first_answer_wins(hub: Hub) -> None:
    hub.svc.town_connected("d1", "lh", "desk-1")
    hub.svc.town_connected("d2", "lh", "desk-2")
    cid = hub.invite()
    assert hub.got("d1", T.INCOMING) and hub.got("d2", T.INCOMING)
    hub.svc.handle("d2", {"type": "call.answer", "call_id": cid, "sdp": "A2"})
    assert hub.last("d1", T.TAKEN)["by"] == "desk-2"
    hub.svc.handle("d1", {"type": "call.answer", "call_id": cid, "sdp": "A1"})
    assert hub.last("d1", T.ERROR)["error"] == "already_answered"
    assert len(hub.got("op1", T.ANSWERED)) == 1
    assert hub.svc.presence.status("lh") == "online"  # desk-1 is free again


def test_busy_and_glare(hub: Hub) -> None:
    hub.svc.town_connected("d1", "lh")
    first = hub.invite("op1")
    second = hub.invite("op2")  # both operators call the town at once: one rings, one hears busy
    assert hub.last("op2", T.ENDED) == {"type": "call.ended", "call_id": second, "reason": "busy",
                                        "detail": None, "duration_s": None}
    assert not hub.got("op1", T.ENDED)
    assert [m["call_id"] for m in hub.got("d1", T.INCOMING)] == [first]


def test_a_town_cannot_answer_or_see_another_towns_call(hub: Hub) -> None:
    hub.svc.town_connected("d1", "lh")
    hub.svc.town_connected("q1", "qs")
    cid = hub.invite(town="lh")
    assert not hub.got("q1", T.INCOMING)
    for kind in ("call.answer", "call.ringing", "call.decline", "call.hangup"):
        hub.svc.handle("q1", {"type": kind, "call_id": cid, "sdp": "X"})
        assert hub.last("q1", T.ERROR)["error"] == "not_your_call"
    assert not hub.got("op1", T.ANSWERED) and cid in hub.svc.calls
    # Consoles' messages are refused from a town connection.
    hub.svc.handle("q1", {"type": "call.invite", "town": "lh", "sdp": "X"})
    assert hub.last("q1", T.ERROR)["error"] == "bad_message"


def test_desk_or_caller_leaving(hub: Hub) -> None:
    hub.svc.town_connected("d1", "lh")
    cid = hub.invite()
    hub.svc.handle("d1", {"type": "call.answer", "call_id": cid, "sdp": "A"})
    hub.svc.disconnected("d1")
    assert hub.last("op1", T.ENDED)["reason"] == "callee_left"
    assert hub.last("op1", T.PRESENCE_UPDATE)["status"] == "offline"
    hub.svc.town_connected("d2", "lh")
    cid2 = hub.invite()
    hub.svc.handle("d2", {"type": "call.answer", "call_id": cid2, "sdp": "A"})
    hub.svc.disconnected("op1")
    assert hub.last("d2", T.ENDED)["reason"] == "caller_left"


def test_renegotiation_is_relayed_between_the_two_ends(hub: Hub) -> None:
    hub.svc.town_connected("d1", "lh")
    cid = hub.invite()
    hub.svc.handle("op1", {"type": "call.reoffer", "call_id": cid, "sdp": "O2"})
    assert hub.last("op1", T.ERROR)["error"] == "not_allowed"  # not answered yet
    hub.svc.handle("d1", {"type": "call.answer", "call_id": cid, "sdp": "A"})
    hub.svc.handle("op1", {"type": "call.reoffer", "call_id": cid, "sdp": "O2", "attempt": 3})
    assert (hub.last("d1", T.REOFFER)["sdp"], hub.last("d1", T.REOFFER)["attempt"]) == ("O2", 3)
    hub.svc.handle("d1", {"type": "call.reanswer", "call_id": cid, "sdp": "A2", "attempt": 3})
    assert (hub.last("op1", T.REANSWER)["sdp"], hub.last("op1", T.REANSWER)["attempt"]) == ("A2", 3)
    hub.svc.handle("d1", {"type": "call.media", "call_id": cid, "state": "reconnecting"})
    assert hub.last("op1", T.MEDIA)["state"] == "reconnecting"
    hub.svc.handle("d1", {"type": "call.hangup", "call_id": cid, "reason": "network_failure"})
    assert hub.last("op1", T.ENDED)["reason"] == "network_failure"


def test_presence_snapshot_and_unknown_town(hub: Hub) -> None:
    hub.svc.town_connected("d1", "qs")
    hub.svc.handle("op1", {"type": "presence.get"})
    snap = hub.last("op1", T.PRESENCE_SNAPSHOT)["towns"]
    assert snap == {"lh": {"status": "offline", "desks": 0}, "qs": {"status": "online", "desks": 1}}
    hub.svc.handle("op1", {"type": "call.invite", "town": "zz", "sdp": "X", "ref": "r9"})
    err = hub.last("op1", T.ERROR)
    assert (err["error"], err["ref"]) == ("unknown_town", "r9")
    assert hub.last("d1", T.PRESENCE_SELF)["status"] == "online"


def test_one_desk_declines_the_other_still_rings_and_answers(hub: Hub) -> None:
    hub.svc.town_connected("d1", "lh", "desk-1")
    hub.svc.town_connected("d2", "lh", "desk-2")
    cid = hub.invite()
    hub.svc.handle("d1", {"type": "call.decline", "call_id": cid, "reason": "busy"})
    assert hub.last("d1", T.ENDED)["reason"] == "declined"
    assert not hub.got("op1", T.ENDED) and not hub.got("d2", T.ENDED)
    hub.svc.handle("d2", {"type": "call.answer", "call_id": cid, "sdp": "A"})
    assert hub.last("op1", T.ANSWERED)["desk"] == "desk-2"
    # Both desks declining ends the call as declined.
    hub.svc.handle("op1", {"type": "call.hangup", "call_id": cid})
    cid2 = hub.invite()
    for d in ("d1", "d2"):
        hub.svc.handle(d, {"type": "call.decline", "call_id": cid2, "reason": "no"})
    assert hub.last("op1", T.ENDED)["reason"] == "declined"
