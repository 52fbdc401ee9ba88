"""A small data set whose dashboard and report figures the tests compute by hand.

The period is the 4 hours [T0, T0 + 4 h); `NOW` is its end. Times below are minutes after T0 for
receipt and seconds after receipt for the steps. Deadlines are explicit (not from the SLA policy)
so every "late" is visible here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, insert

from console.store.schema import AlertRow, AuditRow, CallRow

T0 = 1_699_999_200.0  # a whole UTC hour
NOW = T0 + 4 * 3600
M = 60.0


def alert(id: int, category: str, severity: str, town: str | None, received_min: float, state: str,
          *, ack: float | None = None, ack_due: float | None = None, dispatch: float | None = None,
          dispatch_due: float | None = None, feedback: float | None = None,
          feedback_due: float | None = None, closed: float | None = None, satisfaction: str | None = None,
          bounce: int = 0, redo: int = 0, title: str = "") -> dict[str, Any]:
    r = T0 + received_min * M

    def at(offset: float | None) -> float | None:
        return None if offset is None else r + offset

    return {
        "id": id, "source": "test", "source_ref": f"t-{id}", "category": category, "severity": severity,
        "title": title or f"alert {id}", "description": "", "lat": None, "lon": None, "address": "",
        "grid": None, "town": town, "camera": None, "occurred_at": r, "received_at": r, "state": state,
        "assignee": None, "version": 1, "duplicate_count": 0, "last_seen_at": None,
        "ack_due": at(ack_due), "dispatch_due": at(dispatch_due), "feedback_due": at(feedback_due),
        "acked_at": at(ack), "dispatched_at": at(dispatch), "feedback_at": at(feedback),
        "closed_at": at(closed), "satisfaction": satisfaction, "merged_into": None, "bounce_count": bounce,
        "redo_count": redo, "updated_by": None, "updated_action": None, "attachments": [], "extra": {},
    }


ALERTS = [
    alert(1, "hazmat_vehicle", "critical", "lh", 10, "closed", ack=120, ack_due=300, dispatch=1800,
          dispatch_due=3600, feedback=5400, feedback_due=1800 + 7200, closed=7200, title="危化品车辆超速"),
    alert(2, "hotline_order", "major", "lh", 20, "closed", ack=600, ack_due=900, dispatch=3000,
          dispatch_due=7200, feedback=4800, feedback_due=3000 + 86400, closed=6000, satisfaction="satisfied",
          bounce=1, title="共享单车占用人行道"),
    alert(3, "hotline_order", "minor", "qs", 70, "signed", ack=2400, ack_due=1800, dispatch=3600,
          dispatch_due=86400, feedback_due=3600 + 7 * 86400),
    alert(4, "hotline_order", "minor", "qs", 80, "closed", ack=300, ack_due=1800, dispatch=900,
          dispatch_due=86400, feedback=1500, feedback_due=900 + 86400, closed=3000,
          satisfaction="unreachable"),
    alert(5, "camera_fault", "info", None, 130, "false_alarm", ack=60, ack_due=3600, dispatch_due=86400,
          closed=200),
    alert(6, "illegal_construction", "major", "qs", 150, "new", ack_due=900, dispatch_due=7200),
    alert(7, "hotline_order", "major", "lh", 200, "acknowledged", ack=180, ack_due=900, dispatch_due=1800),
    alert(8, "hotline_order", "minor", "lh", 210, "dispatched", ack=900, ack_due=1800, dispatch=1200,
          dispatch_due=86400, feedback_due=1200 + 300, satisfaction="unsatisfied", redo=1),
    # Outside the period: must count nowhere in the dashboard.
    alert(9, "hotline_order", "minor", "lh", -10, "closed", ack=60, ack_due=1800, dispatch=100,
          dispatch_due=86400, feedback=200, feedback_due=86400, closed=300, satisfaction="satisfied"),
    alert(10, "hazmat_vehicle", "critical", "qs", 240, "new", ack_due=300, dispatch_due=3600),
    # Open from the previous shift: in the report's still-open and overdue lists.
    alert(11, "hazmat_vehicle", "critical", "dq", -60, "acknowledged", ack=100, ack_due=300, dispatch_due=3600,
          title="危化品车辆偏离核定路线"),
]

CALLS = [
    {"id": "c1", "alert_id": 1, "town": "lh", "caller": "zhangwei", "answered_by": "lh-duty",
     "invited_at": T0 + 30 * M, "answered_at": T0 + 30 * M + 5, "ended_at": T0 + 30 * M + 125,
     "duration_s": 120.0, "end_reason": "completed"},
    {"id": "c2", "alert_id": 6, "town": "qs", "caller": "zhangwei", "answered_by": None,
     "invited_at": T0 + 160 * M, "answered_at": None, "ended_at": T0 + 160 * M + 30, "duration_s": None,
     "end_reason": "no_answer"},
    {"id": "c0", "alert_id": 11, "town": "dq", "caller": "liqiang", "answered_by": "dq-duty",
     "invited_at": T0 - 50 * M, "answered_at": T0 - 50 * M + 4, "ended_at": T0 - 50 * M + 64,
     "duration_s": 60.0, "end_reason": "completed"},
]


def _event(alert_id: int, at: float, action: str, frm: str | None, to: str, note: str = "") -> dict[str, Any]:
    return {"alert_id": alert_id, "at": at, "actor": "zhangwei", "action": action, "from_state": frm,
            "to_state": to, "note": note, "data": {}}


AUDIT = [
    _event(1, T0 + 10 * M, "create", None, "new"),
    _event(1, T0 + 10 * M + 120, "acknowledge", "new", "acknowledged"),
    _event(1, T0 + 10 * M + 1800, "dispatch", "acknowledged", "dispatched"),
    _event(1, T0 + 10 * M + 7200, "verify", "handled", "closed", "罐车已驶回核定路线"),
    _event(2, T0 + 20 * M, "create", None, "new"),
    _event(2, T0 + 20 * M + 2000, "bounce", "dispatched", "acknowledged", "不属于本辖区"),
]


def load(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(AlertRow.__table__), ALERTS)
        conn.execute(insert(CallRow.__table__), CALLS)
        conn.execute(insert(AuditRow.__table__), AUDIT)
