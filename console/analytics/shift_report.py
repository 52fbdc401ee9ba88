"""The shift handover report's data: what the next shift must know, as plain JSON types.

For a shift [start, end) with its operators on duty:
- received: alerts received in the shift, counted by category and severity;
- still_open: every alert open at the time of the report (received before the shift's end, any
  shift), most urgent first, with state and the next deadline it has to meet;
- overdue: the open ones whose next deadline has passed;
- calls: calls made in the shift (from the `calls` table): town, duration, outcome;
- notable: incidents of the shift (critical severity, or bounced, redone or repeatedly reported)
  with their timeline from audit_events;
- notes for the next shift, typed by the operator.
Lists are capped (`limit`) so the report stays printable; the totals are always complete.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, desc, func, insert, or_, select

from console.analytics.dashboard import OPEN_STATES
from console.domain.enums import Category, Severity
from console.store.schema import AlertRow, AuditRow, CallRow, ShiftReportRow

A = AlertRow.__table__.c
C = CallRow.__table__.c
E = AuditRow.__table__.c
R = ShiftReportRow.__table__.c

_SEVERITY_ORDER = {str(s): s.rank for s in Severity}


def next_deadline(row: Any) -> tuple[str | None, float | None]:
    """The step an open alert waits for and its deadline: acknowledge, dispatch, then feedback."""
    if row.acked_at is None and row.ack_due is not None:
        return "acknowledge", row.ack_due
    if row.dispatched_at is None and row.dispatch_due is not None:
        return "dispatch", row.dispatch_due
    if row.feedback_at is None and row.feedback_due is not None:
        return "feedback", row.feedback_due
    return None, None


def _alert_brief(row: Any, now: float) -> dict[str, Any]:
    step, due = next_deadline(row)
    return {"id": row.id, "title": row.title, "category": row.category, "severity": row.severity,
            "state": row.state, "town": row.town, "received_at": row.received_at, "next_step": step,
            "due": due, "overdue": due is not None and due < now}


def shift_report_data(conn: Connection, start: float, end: float, now: float, *,
                      operators: list[str] | None = None, notes: str = "", limit: int = 200,
                      notable_limit: int = 20) -> dict[str, Any]:
    in_shift = and_(A.received_at >= start, A.received_at < end)
    received = {str(c): {str(s): 0 for s in Severity} for c in Category}
    for category, severity, n in conn.execute(
            select(A.category, A.severity, func.count()).where(in_shift).group_by(A.category, A.severity)):
        received.setdefault(category, {}).setdefault(severity, 0)
        received[category][severity] += int(n)

    cols = [A.id, A.title, A.category, A.severity, A.state, A.town, A.received_at, A.ack_due, A.acked_at,
            A.dispatch_due, A.dispatched_at, A.feedback_due, A.feedback_at]
    open_rows = conn.execute(select(*cols).where(A.state.in_(OPEN_STATES), A.received_at < end)).all()
    briefs = [_alert_brief(r, now) for r in open_rows]
    briefs.sort(key=lambda b: (_SEVERITY_ORDER.get(b["severity"], 9), b["due"] or float("inf"), b["id"]))
    overdue = [b for b in briefs if b["overdue"]]

    call_rows = conn.execute(
        select(C.id, C.alert_id, C.town, C.caller, C.answered_by, C.invited_at, C.duration_s, C.end_reason)
        .where(C.invited_at >= start, C.invited_at < end).order_by(C.invited_at)
    ).all()
    calls = [{"id": r.id, "alert_id": r.alert_id, "town": r.town, "caller": r.caller,
              "answered_by": r.answered_by, "at": r.invited_at, "duration_s": r.duration_s,
              "outcome": r.end_reason} for r in call_rows]
    by_outcome: dict[str, int] = {}
    for c in calls:
        key = c["outcome"] or "unknown"
        by_outcome[key] = by_outcome.get(key, 0) + 1

    notable_q = (select(*cols).where(in_shift, or_(A.severity == str(Severity.CRITICAL), A.bounce_count > 0,
                                                   A.redo_count > 0, A.duplicate_count >= 3))
                 .order_by(A.received_at).limit(notable_limit))
    notable = [_alert_brief(r, now) for r in conn.execute(notable_q)]
    if notable:
        ids = [n["id"] for n in notable]
        timeline: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        for e in conn.execute(select(E.alert_id, E.at, E.actor, E.action, E.from_state, E.to_state, E.note)
                              .where(E.alert_id.in_(ids)).order_by(E.at, E.id)):
            timeline[e.alert_id].append({"at": e.at, "actor": e.actor, "action": e.action,
                                         "from_state": e.from_state, "to_state": e.to_state, "note": e.note})
        for n in notable:
            n["timeline"] = timeline[n["id"]]

    return {
        "start": start, "end": end, "now": now, "operators": list(operators or []), "notes": notes,
        "received": received,
        "received_total": sum(sum(v.values()) for v in received.values()),
        "open_total": len(briefs), "still_open": briefs[:limit],
        "overdue_total": len(overdue), "overdue": overdue[:limit],
        "calls_total": len(calls), "calls_by_outcome": by_outcome, "calls": calls[:limit],
        "notable": notable,
    }


def save_report(conn: Connection, *, start: float, end: float, operators: list[str], notes: str,
                created_by: str, created_at: float, pdf: bytes | None = None) -> int:
    """Inserts a shift_reports row; the caller commits. Returns the new id."""
    result = conn.execute(insert(ShiftReportRow.__table__).values(
        start_at=start, end_at=end, operators=list(operators), notes=notes, created_by=created_by,
        created_at=created_at, pdf=pdf))
    return int(result.inserted_primary_key[0])


def last_report(conn: Connection, *, before: float | None = None, include_pdf: bool = False
                ) -> dict[str, Any] | None:
    """The newest saved report (optionally one starting before `before`), or None."""
    cols = [R.id, R.start_at, R.end_at, R.operators, R.notes, R.created_by, R.created_at]
    if include_pdf:
        cols.append(R.pdf)
    q = select(*cols).order_by(desc(R.start_at), desc(R.id)).limit(1)
    if before is not None:
        q = q.where(R.start_at < before)
    row = conn.execute(q).first()
    if row is None:
        return None
    out = {"id": row.id, "start": row.start_at, "end": row.end_at, "operators": list(row.operators or []),
           "notes": row.notes, "created_by": row.created_by, "created_at": row.created_at}
    if include_pdf:
        out["pdf"] = row.pdf
    return out
