"""A year (or any span) of realistic alerts for demos, screenshots and the dashboard bench.

Shape of the data: a daily rhythm (quiet nights, morning and afternoon peaks, calmer weekends);
a category mix led by hotline orders; severities that depend on the category; busier and quieter
towns; every step's delay drawn from a log-normal around a fraction of its SLA limit, so most steps
are in time and a tail is late; some false alarms, merges, bounces, redos; satisfaction results of
return visits for hotline orders. Steps that would lie after `now` have not happened yet, so recent
alerts are still open at every stage. Deterministic for a given seed.

Writes with plain executemany on SQLite and COPY on PostgreSQL (1,000,000 rows in well under a minute).
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select

from console.domain.enums import Category, Satisfaction, Severity, State
from console.domain.geography import District, demo_district
from console.domain.sla import DEFAULT_LIMITS
from console.store.schema import AlertRow, AuditRow, CallRow

HOUR = 3600.0
# Relative intake per local hour of day (0..23).
HOURLY_WEIGHTS = [2, 1.5, 1, 1, 1, 1.5, 3, 5, 8, 10, 10, 9, 7, 8, 9, 9, 8, 7, 6, 5, 4, 4, 3, 2.5]
CATEGORY_WEIGHTS = {Category.HOTLINE_ORDER: 45, Category.HAZMAT_VEHICLE: 20,
                    Category.ILLEGAL_CONSTRUCTION: 15, Category.CAMERA_FAULT: 15, Category.OTHER: 5}
SEVERITY_WEIGHTS: dict[Category, list[float]] = {  # critical, major, minor, info
    Category.HOTLINE_ORDER: [2, 15, 60, 23],
    Category.HAZMAT_VEHICLE: [15, 40, 35, 10],
    Category.ILLEGAL_CONSTRUCTION: [3, 25, 60, 12],
    Category.CAMERA_FAULT: [1, 10, 50, 39],
    Category.OTHER: [5, 20, 45, 30],
}
SOURCES = {Category.HOTLINE_ORDER: "hotline12345", Category.HAZMAT_VEHICLE: "hazmat_platform",
           Category.ILLEGAL_CONSTRUCTION: "video_patrol", Category.CAMERA_FAULT: "camera_health",
           Category.OTHER: "cap_feed"}
TITLES = {
    Category.HOTLINE_ORDER: ["共享单车占用人行道", "夜间施工噪音扰民", "小区路灯不亮", "占道经营",
                             "垃圾清运不及时", "井盖缺失", "违规停车堵塞消防通道"],
    Category.HAZMAT_VEHICLE: ["危化品车辆超速", "危化品车辆偏离核定路线", "危化品车辆禁区停车",
                              "危化品车辆禁行时段行驶", "罐体压力异常", "疲劳驾驶"],
    Category.ILLEGAL_CONSTRUCTION: ["疑似违章搭建棚屋", "屋顶违建", "违规扩建"],
    Category.CAMERA_FAULT: ["摄像机离线", "画面冻结"],
    Category.OTHER: ["气象预警信息", "应急管理通知"],
}
TOWN_WEIGHTS = [14, 12, 11, 10, 9, 8, 8, 7, 6, 6, 5, 4]
FALSE_ALARM_SHARE = {Category.CAMERA_FAULT: 0.15, Category.ILLEGAL_CONSTRUCTION: 0.12,
                     Category.HAZMAT_VEHICLE: 0.10, Category.HOTLINE_ORDER: 0.03, Category.OTHER: 0.05}
OPERATORS = ["zhangwei", "liqiang", "wangfang", "chenjing"]


@dataclass(slots=True)
class Generated:
    alerts: int = 0
    audit_events: int = 0
    calls: int = 0


def _delay(rng: random.Random, limit: float, share: float, sigma: float = 0.7) -> float:
    """A log-normal delay whose median is `share` of the limit (at least a few seconds)."""
    return max(5.0, rng.lognormvariate(math.log(limit * share), sigma))


def generate_rows(n: int, start: float, end: float, now: float, *, seed: int = 1, first_id: int = 1,
                  district: District | None = None, tz_offset_s: float = 8 * HOUR
                  ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]:
    """Yields (alert row, audit rows, call rows) in receive order. tz_offset_s places the rhythm."""
    rng = random.Random(seed)
    district = district or demo_district()
    towns = district.towns
    town_weights = TOWN_WEIGHTS[:len(towns)] + [5] * max(0, len(towns) - len(TOWN_WEIGHTS))
    cats = list(CATEGORY_WEIGHTS)
    cat_w = list(CATEGORY_WEIGHTS.values())
    sevs = list(Severity)
    # Receive times: rejection sampling against the hourly and weekly rhythm, then sorted.
    peak = max(HOURLY_WEIGHTS)
    times: list[float] = []
    while len(times) < n:
        t = rng.uniform(start, end)
        local = t + tz_offset_s
        weekend = int(local // 86400 + 4) % 7 >= 5  # 1970-01-01 was a Thursday
        w = HOURLY_WEIGHTS[int(local % 86400 // HOUR)] * (0.7 if weekend else 1.0)
        if rng.random() * peak < w:
            times.append(t)
    times.sort()
    for i, received in enumerate(times):
        aid = first_id + i
        cat = rng.choices(cats, cat_w)[0]
        sev = rng.choices(sevs, SEVERITY_WEIGHTS[cat])[0]
        town = rng.choices(towns, town_weights)[0]
        lim = DEFAULT_LIMITS[sev]
        lon = rng.uniform(town.bbox[0], town.bbox[2])
        lat = rng.uniform(town.bbox[1], town.bbox[3])
        row: dict[str, Any] = {
            "id": aid, "source": SOURCES[cat], "source_ref": f"{SOURCES[cat]}-{aid}",
            "category": str(cat), "severity": str(sev), "title": rng.choice(TITLES[cat]),
            "description": "", "lat": lat, "lon": lon, "address": f"{town.name}{rng.randint(1, 300)}号",
            "grid": district.grid_at(lat, lon), "town": town.id, "camera": None,
            "occurred_at": received - rng.uniform(0, 120), "received_at": received,
            "state": str(State.NEW), "assignee": None, "version": 1, "duplicate_count": 0,
            "last_seen_at": None, "ack_due": received + lim.acknowledge,
            "dispatch_due": received + lim.dispatch, "feedback_due": None, "acked_at": None,
            "dispatched_at": None, "feedback_at": None, "closed_at": None, "satisfaction": None,
            "merged_into": None, "bounce_count": 0, "redo_count": 0, "updated_by": None,
            "updated_action": "create", "attachments": [], "extra": {},
        }
        if rng.random() < 0.04:
            row["duplicate_count"] = rng.randint(1, 5)
        audit = [{"alert_id": aid, "at": received, "actor": row["source"], "action": "create",
                  "from_state": None, "to_state": "new", "note": "", "data": {}}]
        calls: list[dict[str, Any]] = []
        _lifecycle(rng, row, audit, calls, now, lim, cat)
        yield row, audit, calls


def _lifecycle(rng: random.Random, row: dict[str, Any], audit: list[dict[str, Any]],
               calls: list[dict[str, Any]], now: float, lim: Any, cat: Category) -> None:
    """Walks the alert through its steps until one would happen after `now`."""
    actor = rng.choice(OPERATORS)
    t = row["received_at"]

    def step(action: str, at: float, to_state: str, note: str = "", **data: Any) -> bool:
        if at > now:
            return False
        audit.append({"alert_id": row["id"], "at": at, "actor": actor if action != "feedback" else row["town"],
                      "action": action, "from_state": row["state"], "to_state": to_state, "note": note,
                      "data": data})
        row["state"] = to_state
        row["version"] += 1
        row["updated_by"] = actor
        row["updated_action"] = action
        return True

    t += _delay(rng, lim.acknowledge, 0.3)
    if not step("acknowledge", t, "acknowledged"):
        return
    row["acked_at"] = t
    row["assignee"] = actor
    roll = rng.random()
    if roll < FALSE_ALARM_SHARE[cat]:
        t += _delay(rng, 600, 0.5)
        if step("false_alarm", t, "false_alarm", "核实为误报"):
            row["closed_at"] = t
        return
    if roll < FALSE_ALARM_SHARE[cat] + 0.02:
        t += _delay(rng, 600, 0.5)
        if step("merge", t, "merged", into=row["id"] - 1):
            row["closed_at"] = t
            row["merged_into"] = row["id"] - 1
        return
    bounced = rng.random() < 0.05
    while True:
        t += _delay(rng, lim.dispatch, 0.25)
        if not step("dispatch", t, "dispatched", town=row["town"]):
            return
        row["dispatched_at"] = t
        row["feedback_due"] = t + lim.feedback
        if rng.random() < 0.12:
            _call(rng, row, calls, audit, t + rng.uniform(5, 120), actor, now)
        t += _delay(rng, min(lim.feedback, 2 * HOUR), 0.15)
        if bounced and row["bounce_count"] == 0:
            if not step("bounce", t, "acknowledged", "不属于本辖区", town=row["town"]):
                return
            row["bounce_count"] = 1
            row["dispatched_at"] = None
            row["feedback_due"] = None
            continue
        break
    if not step("sign", t, "signed"):
        return
    while True:
        t += _delay(rng, lim.feedback, 0.3, 0.9)
        if not step("feedback", t, "handled", "已处理完毕"):
            return
        row["feedback_at"] = t
        t += _delay(rng, 4 * HOUR, 0.4)
        if cat is Category.HOTLINE_ORDER and row["redo_count"] == 0 and rng.random() < 0.04:
            if not step("redo", t, "dispatched", "市民不满意", satisfaction="unsatisfied"):
                return
            row.update(satisfaction="unsatisfied", redo_count=1, dispatched_at=t, feedback_at=None,
                       feedback_due=t + lim.feedback)
            t += _delay(rng, 2 * HOUR, 0.3)
            if not step("sign", t, "signed"):
                return
            continue
        break
    sat = None
    if cat is Category.HOTLINE_ORDER:
        sat = rng.choices([Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED, Satisfaction.UNREACHABLE],
                          [80, 12, 8])[0]
    if step("verify", t, "closed", **({"satisfaction": str(sat)} if sat else {})):
        row["closed_at"] = t
        if sat:
            row["satisfaction"] = str(sat)


def _call(rng: random.Random, row: dict[str, Any], calls: list[dict[str, Any]], audit: list[dict[str, Any]],
          at: float, actor: str, now: float) -> None:
    if at > now:
        return
    outcome = rng.choices(["completed", "no_answer", "busy", "failed"], [75, 15, 7, 3])[0]
    answered = at + rng.uniform(3, 20) if outcome == "completed" else None
    duration = rng.uniform(30, 400) if answered else None
    ended = (answered + duration) if answered and duration else at + rng.uniform(15, 40)
    calls.append({"id": f"call-{row['id']}-{len(calls)}", "alert_id": row["id"], "town": row["town"],
                  "caller": actor, "answered_by": f"{row['town']}-duty" if answered else None,
                  "invited_at": at, "answered_at": answered, "ended_at": ended, "duration_s": duration,
                  "end_reason": outcome})
    audit.append({"alert_id": row["id"], "at": at, "actor": actor, "action": "call", "from_state": row["state"],
                  "to_state": row["state"], "note": "", "data": {"town": row["town"], "outcome": outcome}})


def populate(conn: Connection, n: int, start: float, end: float, now: float, *, seed: int = 1,
             with_audit: bool = True, with_calls: bool = True, batch: int = 20000,
             district: District | None = None) -> Generated:
    """Generates and inserts n alerts received in [start, end). The caller commits."""
    first_id = (conn.execute(select(func.max(AlertRow.id))).scalar() or 0) + 1
    out = Generated()
    alerts: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    calls: list[dict[str, Any]] = []

    def flush() -> None:
        _write(conn, AlertRow.__table__, alerts)
        if with_audit:
            _write(conn, AuditRow.__table__, audits)
        if with_calls:
            _write(conn, CallRow.__table__, calls)
        out.alerts += len(alerts)
        out.audit_events += len(audits) if with_audit else 0
        out.calls += len(calls) if with_calls else 0
        alerts.clear()
        audits.clear()
        calls.clear()

    for row, audit, call in generate_rows(n, start, end, now, seed=seed, first_id=first_id, district=district):
        alerts.append(row)
        if with_audit:
            audits.extend(audit)
        if with_calls:
            calls.extend(call)
        if len(alerts) >= batch:
            flush()
    flush()
    return out


def _write(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, table, rows)
    else:
        conn.execute(insert(table), rows)


def _copy(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL COPY: the fast way in; JSON columns go as text."""
    cols = [c.name for c in table.columns if c.name in rows[0]]
    json_cols = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    raw = conn.connection.dbapi_connection
    with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
        for r in rows:
            copy.write_row([json.dumps(r[c], ensure_ascii=False) if c in json_cols else r[c] for c in cols])


def main(argv: list[str] | None = None) -> None:
    """python -m console.analytics.generator --url sqlite:///hall.db --alerts 100000 --days 365"""
    import argparse
    import time

    from console.store.engine import make_engine
    from console.store.migrate import upgrade

    parser = argparse.ArgumentParser(description="Fill a store with generated alerts (ending now).")
    parser.add_argument("--url", required=True)
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--days", type=float, default=365.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-audit", action="store_true", help="skip audit events (faster, smaller)")
    args = parser.parse_args(argv)
    engine = make_engine(args.url)
    upgrade(engine)
    now = time.time()
    started = time.perf_counter()
    with engine.begin() as conn:
        made = populate(conn, args.alerts, now - args.days * 86400, now, now, seed=args.seed,
                        with_audit=not args.no_audit)
    print(f"{made} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
