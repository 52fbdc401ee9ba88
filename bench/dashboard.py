"""Dashboard bench: a year of generated alerts (1,000,000 by default) in SQLite and in PostgreSQL,
then the 30-day dashboard refresh (the hub's "dashboard" query) timed on each.

    .venv/bin/python bench/dashboard.py [--alerts N] [--runs 5]

Prints progress lines, then ONE JSON line last: alerts, generation times, and the refresh times
(sqlite_refresh_30d_s / postgres_refresh_30d_s are the median of --runs refreshes, each on a new
connection; *_max_s the slowest, *_first_s the first one after loading; sqlite_refresh_30d_cpu_s
the CPU time of the SQLite refresh, which a busy machine does not inflate).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Running a script puts its folder first on sys.path, where bench/queue.py would shadow the standard
# library's queue module (psycopg needs it): swap the bench folder for the project root.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from sqlalchemy import Engine, func, select  # noqa: E402

from console.analytics.dashboard import grouped, per_bucket, step_percentiles  # noqa: E402
from console.analytics.generator import populate  # noqa: E402
from console.analytics.periods import resolve_period  # noqa: E402
from console.domain.enums import Role  # noqa: E402
from console.hub.dashboard_queries import q_dashboard  # noqa: E402
from console.hub.identity import Identity  # noqa: E402
from console.store.engine import make_engine  # noqa: E402
from console.store.migrate import upgrade  # noqa: E402
from console.store.schema import AlertRow  # noqa: E402
from tests.support.postgres import start_cluster  # noqa: E402

YEAR = 365 * 86400.0
WHO = Identity("bench", Role.SUPERVISOR)


def log(text: str) -> None:
    print(text, flush=True)


def load(engine: Engine, n: int, now: float, chunks: int = 10) -> float:
    """A year in `chunks` transactions (one month-ish each), oldest first, like a hub that has run for
    a year; SQLite's write-ahead log is then checkpointed, as its auto-checkpoint does in service."""
    upgrade(engine)
    t = time.perf_counter()
    for i in range(chunks):
        start = now - YEAR + i * YEAR / chunks
        count = n // chunks + (1 if i < n % chunks else 0)
        with engine.begin() as conn:
            populate(conn, count, start, start + YEAR / chunks, now, seed=2026 + i, with_audit=False,
                     with_calls=True)
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - t


def time_refreshes(engine: Engine, now: float, runs: int) -> dict[str, Any]:
    times, cpu = [], []
    figures: dict[str, Any] = {}
    for _ in range(runs):
        with engine.connect() as conn:
            t, c = time.perf_counter(), time.process_time()
            figures = q_dashboard(conn, WHO, {"period": "30d", "now": now})
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
    period = resolve_period("30d", now)
    parts = {}
    with engine.connect() as conn:
        for name, fn in (("grouped", lambda: grouped(conn, period, now)),
                         ("per_bucket", lambda: per_bucket(conn, period, 3600.0)),
                         ("percentiles", lambda: step_percentiles(conn, period))):
            t = time.perf_counter()
            fn()
            parts[name] = round(time.perf_counter() - t, 4)
        total = conn.execute(select(func.count()).select_from(AlertRow)).scalar()
    return {"first": times[0], "median": statistics.median(times), "max": max(times), "parts": parts,
            "cpu_median": statistics.median(cpu),
            "in_period": figures["received"], "total": total}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--alerts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    now = time.time()
    result: dict[str, Any] = {"alerts": args.alerts}

    with tempfile.TemporaryDirectory(prefix="hall-bench-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'hall.db'}")
        result["sqlite_generate_s"] = round(load(engine, args.alerts, now), 2)
        log(f"sqlite: generated {args.alerts} alerts in {result['sqlite_generate_s']} s")
        r = time_refreshes(engine, now, args.runs)
        log(f"sqlite: 30-day refresh {r}")
        result.update(sqlite_refresh_30d_s=round(r["median"], 4), sqlite_refresh_30d_max_s=round(r["max"], 4),
                      sqlite_refresh_30d_first_s=round(r["first"], 4),
                      # SQLite runs in this process: its CPU time is the figure that machine load does not inflate.
                      sqlite_refresh_30d_cpu_s=round(r["cpu_median"], 4), alerts_in_30d=r["in_period"])
        assert r["total"] == args.alerts
        engine.dispose()

    url, stop = start_cluster(settings={"shared_buffers": "512MB"})
    try:
        engine = make_engine(url)
        result["postgres_generate_s"] = round(load(engine, args.alerts, now), 2)
        log(f"postgres: generated {args.alerts} alerts in {result['postgres_generate_s']} s")
        # What autovacuum does shortly after a bulk load: planner statistics.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE alerts")
        r = time_refreshes(engine, now, args.runs)
        log(f"postgres: 30-day refresh {r}")
        result.update(postgres_refresh_30d_s=round(r["median"], 4),
                      postgres_refresh_30d_max_s=round(r["max"], 4),
                      postgres_refresh_30d_first_s=round(r["first"], 4))
        assert r["total"] == args.alerts
        engine.dispose()
    finally:
        stop()
    result["load_average_1m"] = round(os.getloadavg()[0], 2)  # other work on the machine while timing
    result["cpus"] = os.cpu_count()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
