"""Hub queries for the dashboard and the shift handover report.

    dashboard           args {period: "shift"|"today"|"7d"|"30d"|"custom", start?, end?, now?,
                              bucket_s?}  -> figures dict (console.analytics.dashboard)
    shift_report        args {start?, end?, now?, operators?: [str], notes?: str, limit? (50)}
                              -> report data (console.analytics.shift_report); default: the current shift
    save_shift_report   args {start, end, operators: [str], notes: str, pdf_b64?: str} -> {"id": int}
    last_shift_report   args {before?: float, include_pdf?: bool} -> saved report (pdf as pdf_b64) | None

The hall's time zone, shift boundaries and district come from configure(); the hub calls it at
start-up with its settings (defaults: Asia/Shanghai, shifts at 08:00 and 20:00, the demo district).
"""

from __future__ import annotations

import base64
import time
from datetime import time as dtime
from typing import Any

from sqlalchemy import Connection

from console.analytics.dashboard import dashboard_figures, town_names
from console.analytics.periods import DEFAULT_TZ, parse_shift_starts, resolve_period, shift_bounds
from console.analytics.shift_report import last_report, save_report, shift_report_data
from console.domain.geography import District, demo_district
from console.hub.identity import Identity
from console.hub.queries import query

MAX_BUCKETS = 2000
_settings: dict[str, Any] = {"tz": DEFAULT_TZ, "shift_starts": parse_shift_starts(None), "towns": None}


def configure(*, tz: str | None = None, shift_starts: list[str] | None = None,
              district: District | None = None) -> None:
    if tz:
        _settings["tz"] = tz
    if shift_starts:
        _settings["shift_starts"] = parse_shift_starts(shift_starts)
    if district is not None:
        _settings["towns"] = town_names(district)


def _towns() -> dict[str, tuple[str, str]]:
    if _settings["towns"] is None:
        _settings["towns"] = town_names(demo_district())
    return _settings["towns"]


def _now(args: dict[str, Any]) -> float:
    return float(args["now"]) if args.get("now") is not None else time.time()


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


@query("dashboard")
def q_dashboard(conn: Connection, identity: Identity, args: dict[str, Any]) -> dict[str, Any]:
    now = _now(args)
    period = resolve_period(args.get("period", "shift"), now, tz=_settings["tz"],
                            shift_starts=_settings["shift_starts"], start=_opt_float(args.get("start")),
                            end=_opt_float(args.get("end")))
    # At most MAX_BUCKETS bars, at least a minute each: a client cannot ask for millions of buckets.
    bucket_s = max(float(args.get("bucket_s", 3600.0)), 60.0, period.seconds / MAX_BUCKETS)
    figures = dashboard_figures(conn, period, now, bucket_s=bucket_s, towns=_towns())
    figures["tz"] = _settings["tz"]
    return figures


def _shift_args(args: dict[str, Any], now: float) -> tuple[float, float]:
    if args.get("start") is not None and args.get("end") is not None:
        return float(args["start"]), float(args["end"])
    from zoneinfo import ZoneInfo

    starts: tuple[dtime, ...] = _settings["shift_starts"]
    return shift_bounds(now, ZoneInfo(_settings["tz"]), starts)


@query("shift_report")
def q_shift_report(conn: Connection, identity: Identity, args: dict[str, Any]) -> dict[str, Any]:
    now = _now(args)
    start, end = _shift_args(args, now)
    operators = list(args.get("operators") or [identity.name])
    data = shift_report_data(conn, start, end, now, operators=operators, notes=str(args.get("notes") or ""),
                             limit=int(args.get("limit", 50)))
    data["tz"] = _settings["tz"]
    data["towns"] = {k: list(v) for k, v in _towns().items()}
    return data


@query("save_shift_report")
def q_save_shift_report(conn: Connection, identity: Identity, args: dict[str, Any]) -> dict[str, Any]:
    # Writes one shift_reports row. Assumption: the hub commits the connection after the query returns
    # (queries are otherwise read-only); nothing here commits or rolls back.
    pdf = base64.b64decode(args["pdf_b64"]) if args.get("pdf_b64") else None
    report_id = save_report(conn, start=float(args["start"]), end=float(args["end"]),
                            operators=[str(o) for o in args.get("operators") or []],
                            notes=str(args.get("notes") or ""), created_by=identity.name,
                            created_at=time.time(), pdf=pdf)
    return {"id": report_id}


@query("last_shift_report")
def q_last_shift_report(conn: Connection, identity: Identity, args: dict[str, Any]) -> dict[str, Any] | None:
    include_pdf = bool(args.get("include_pdf"))
    report = last_report(conn, before=_opt_float(args.get("before")), include_pdf=include_pdf)
    if report is not None and include_pdf:
        pdf = report.pop("pdf")
        report["pdf_b64"] = base64.b64encode(pdf).decode("ascii") if pdf else None
    return report
