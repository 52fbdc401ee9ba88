"""Dashboard figures by SQL aggregates over the alerts received in a period (the period's cohort).

Every figure is about the same cohort: alerts with period.start <= received_at < period.end. Clicking
a figure filters the queue by the same bounds, so the queue shows exactly the counted alerts.

Three statements per refresh, each one range scan over ix_alerts_received_at:
1. counts per time bucket and category (the stacked bars);
2. one GROUP BY town, category, severity, state with conditional sums (open, overdue, bounced,
   handling time, the three rates' numerators and denominators), rolled up in Python;
3. step durations for the median and p90: percentile_cont in PostgreSQL, the sorted durations
   in Python for SQLite (see percentiles.py: the same definition on both).

Step durations:
- acknowledge: acked_at - received_at;
- dispatch: dispatched_at - received_at (the latest dispatch: a bounce clears it, a redo resets it);
- close: closed_at - received_at for alerts in state "closed" (false alarms and merges left out).

Overdue, per step (acknowledge, dispatch, feedback), as in console.domain.sla.deadline_status: done
after the deadline, or still open, not done and past the deadline. "overdue" counts alerts late on
any step; "overdue_open" counts open alerts that are past an unmet deadline right now (the queue's
red rows). Mean handling time per town: feedback_at - dispatched_at, the town's own time.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, case, cast, func, literal, or_, select
from sqlalchemy import Integer as SqlInteger
from sqlalchemy.sql.elements import ColumnElement

from console.analytics.percentiles import percentile_cont
from console.analytics.periods import Period
from console.analytics.rates import rate
from console.domain.enums import Category, Satisfaction, Severity, State
from console.store.schema import AlertRow

A = AlertRow.__table__.c
OPEN_STATES = [str(s) for s in State if s.is_open]
TERMINAL = [str(s) for s in State if not s.is_open]
STEPS = ("acknowledge", "dispatch", "close")
UNASSIGNED = ""  # town key for alerts no town answers for


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _floor_div(expr: ColumnElement[float], width: float, dialect: str) -> ColumnElement[int]:
    # Offsets are >= 0 in the cohort, so SQLite's truncating cast is a floor; PostgreSQL's cast rounds.
    if dialect == "postgresql":
        return cast(func.floor(expr / width), SqlInteger)
    return cast(expr / width, SqlInteger)


def late_conditions(now: float) -> dict[str, ColumnElement[bool]]:
    """Per step: the deadline was missed (done late, or open, undone and past due).

    Written without IS NOT NULL guards: a comparison with NULL is NULL, which CASE treats as false
    on both backends, and the shorter expressions keep the 30-day scan fast on SQLite.
    """
    is_open = A.state.not_in(TERMINAL)
    pairs = {"acknowledge": (A.acked_at, A.ack_due), "dispatch": (A.dispatched_at, A.dispatch_due),
             "feedback": (A.feedback_at, A.feedback_due)}
    return {step: or_(done > due, and_(done.is_(None), due < now, is_open)) for step, (done, due) in pairs.items()}


def overdue_open_condition(now: float) -> ColumnElement[bool]:
    return and_(or_(
        and_(A.acked_at.is_(None), A.ack_due < now),
        and_(A.dispatched_at.is_(None), A.dispatch_due < now),
        and_(A.feedback_at.is_(None), A.feedback_due < now),
    ), A.state.not_in(TERMINAL))


def _cohort(period: Period) -> ColumnElement[bool]:
    return and_(A.received_at >= period.start, A.received_at < period.end)


def per_bucket(conn: Connection, period: Period, bucket_s: float) -> dict[str, Any]:
    dialect = conn.dialect.name
    bucket = _floor_div(A.received_at - period.start, bucket_s, dialect).label("b")
    rows = conn.execute(
        select(bucket, A.category, func.count()).where(_cohort(period)).group_by(bucket, A.category)
    ).all()
    n_buckets = max(1, int(-(-period.seconds // bucket_s)))
    series = {str(c): [0] * n_buckets for c in Category}
    for b, category, n in rows:
        series.setdefault(category, [0] * n_buckets)[min(int(b), n_buckets - 1)] += int(n)
    return {"bucket_s": bucket_s, "starts": [period.start + i * bucket_s for i in range(n_buckets)],
            "categories": series}


def grouped(conn: Connection, period: Period, now: float) -> list[dict[str, Any]]:
    """One row per (town, category, severity, state) with the conditional sums."""
    late = late_conditions(now)
    handled = and_(A.feedback_at.is_not(None), A.dispatched_at.is_not(None))
    judged = or_(A.acked_at.is_not(None), and_(A.ack_due.is_not(None), A.ack_due < now))
    in_time = and_(A.acked_at.is_not(None), or_(A.ack_due.is_(None), A.acked_at <= A.ack_due))
    reached = and_(A.satisfaction.is_not(None), A.satisfaction != str(Satisfaction.UNREACHABLE))
    pleased = A.satisfaction.in_([str(Satisfaction.SATISFIED), str(Satisfaction.BASICALLY_SATISFIED)])
    stmt = select(
        A.town, A.category, A.severity, A.state,
        func.count().label("n"),
        _flag(or_(*late.values())).label("overdue"),
        _flag(overdue_open_condition(now)).label("overdue_open"),
        _flag(late["acknowledge"]).label("late_acknowledge"),
        _flag(late["dispatch"]).label("late_dispatch"),
        _flag(late["feedback"]).label("late_feedback"),
        _flag(A.bounce_count > 0).label("bounced"),
        func.sum(case((handled, A.feedback_at - A.dispatched_at), else_=literal(0.0))).label("handle_sum"),
        _flag(handled).label("handle_n"),
        _flag(judged).label("resp_den"),
        _flag(and_(judged, in_time)).label("resp_num"),
        _flag(reached).label("sat_den"),
        _flag(and_(reached, pleased)).label("sat_num"),
    ).where(_cohort(period)).group_by(A.town, A.category, A.severity, A.state)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def step_percentiles(conn: Connection, period: Period) -> dict[str, dict[str, Any]]:
    durations = {
        "acknowledge": A.acked_at - A.received_at,
        "dispatch": A.dispatched_at - A.received_at,
        "close": case((A.state == str(State.CLOSED), A.closed_at - A.received_at)),
    }
    if conn.dialect.name == "postgresql":
        cols = []
        for step, expr in durations.items():
            cols += [func.percentile_cont(0.5).within_group(expr).label(f"{step}_median"),
                     func.percentile_cont(0.9).within_group(expr).label(f"{step}_p90"),
                     func.count(expr).label(f"{step}_n")]
        row = conn.execute(select(*cols).where(_cohort(period))).one()._mapping
        return {step: {"median": _opt(row[f"{step}_median"]), "p90": _opt(row[f"{step}_p90"]),
                       "n": int(row[f"{step}_n"])} for step in durations}
    # SQLite: only the rows with at least one step done, through the plain DB-API cursor (SQLAlchemy's
    # row objects would double the cost for ~80,000 rows); sorting them in Python takes milliseconds.
    stmt = select(*durations.values()).where(_cohort(period), A.acked_at.is_not(None))
    compiled = stmt.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        rows = cursor.execute(str(compiled), tuple(params[k] for k in compiled.positiontup or ())).fetchall()
    finally:
        cursor.close()
    columns = list(zip(*rows, strict=True)) if rows else [(), (), ()]
    out = {}
    for step, column in zip(durations, columns, strict=True):
        values = sorted(v for v in column if v is not None)
        out[step] = {"median": percentile_cont(values, 0.5), "p90": percentile_cont(values, 0.9),
                     "n": len(values)}
    return out


def town_names(district: Any) -> dict[str, tuple[str, str]]:
    """town id -> (Chinese, English) name from a console.domain.geography.District."""
    return {t.id: (t.name, t.name_en) for t in district.towns}


def _opt(value: Any) -> float | None:
    return None if value is None else float(value)


def dashboard_figures(conn: Connection, period: Period, now: float, *, bucket_s: float = 3600.0,
                      towns: dict[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    """Everything the dashboard draws, as plain JSON types. `towns`: town id -> (Chinese, English) name."""
    groups = grouped(conn, period, now)
    open_by_severity = {str(s): 0 for s in Severity}
    open_by_state = {s: 0 for s in OPEN_STATES}
    overdue = {"acknowledge": 0, "dispatch": 0, "feedback": 0, "any": 0, "open": 0}
    per_town: dict[str, dict[str, Any]] = {}
    totals = {"received": 0, "open": 0, "false_alarm": 0, "merged": 0, "closed": 0}
    resp = [0, 0]
    sat = [0, 0]
    for g in groups:
        n, state, town = int(g["n"]), g["state"], g["town"] or UNASSIGNED
        is_open = state in open_by_state
        totals["received"] += n
        if is_open:
            totals["open"] += n
            open_by_state[state] += n
            open_by_severity[g["severity"]] = open_by_severity.get(g["severity"], 0) + n
        elif state in totals:
            totals[state] += n
        for step in ("acknowledge", "dispatch", "feedback"):
            overdue[step] += int(g[f"late_{step}"])
        overdue["any"] += int(g["overdue"])
        overdue["open"] += int(g["overdue_open"])
        names = (towns or {}).get(town, (town, town))
        t = per_town.setdefault(town, {"town": town, "name": names[0], "name_en": names[1], "received": 0,
                                       "open": 0, "overdue": 0, "overdue_open": 0, "bounced": 0,
                                       "_hs": 0.0, "_hn": 0})
        t["received"] += n
        t["open"] += n if is_open else 0
        t["overdue"] += int(g["overdue"])
        t["overdue_open"] += int(g["overdue_open"])
        t["bounced"] += int(g["bounced"])
        t["_hs"] += float(g["handle_sum"] or 0.0)
        t["_hn"] += int(g["handle_n"])
        resp[0] += int(g["resp_num"])
        resp[1] += int(g["resp_den"])
        if g["category"] == str(Category.HOTLINE_ORDER):
            sat[0] += int(g["sat_num"])
            sat[1] += int(g["sat_den"])
    for t in per_town.values():
        hs, hn = t.pop("_hs"), t.pop("_hn")
        t["mean_handling_s"] = hs / hn if hn else None
    town_rows = sorted(per_town.values(), key=lambda t: (-t["received"], t["town"]))
    needing = totals["received"] - totals["false_alarm"] - totals["merged"]
    return {
        "period": period.to_dict(),
        "now": now,
        "received": totals["received"],
        "open": totals["open"],
        "per_bucket": per_bucket(conn, period, bucket_s),
        "open_by_severity": open_by_severity,
        "open_by_state": open_by_state,
        "times": step_percentiles(conn, period),
        "overdue": overdue,
        "towns": town_rows,
        "rates": {
            "response": rate(resp[0], resp[1]),
            "resolution": rate(totals["closed"], needing),
            "satisfaction": rate(sat[0], sat[1]),
        },
    }


def filter_for_bucket(figures: dict[str, Any], index: int, category: str | None) -> dict[str, Any]:
    """Queue filter criteria for one bar (or one stacked segment) of the per-bucket chart."""
    pb = figures["per_bucket"]
    start = pb["starts"][index]
    crit: dict[str, Any] = {"received_from": start,
                            "received_to": min(start + pb["bucket_s"], figures["period"]["end"])}
    if category:
        crit["category"] = category
    return crit


def filter_for_town(figures: dict[str, Any], town: str) -> dict[str, Any]:
    p = figures["period"]
    return {"town": town or None, "received_from": p["start"], "received_to": p["end"]}

