"""The hub queries: registered, JSON-able, and save_shift_report writes a row the caller commits."""

from __future__ import annotations

import base64
import json

from dashboard_dataset import NOW, T0, load
from sqlalchemy import Engine

from console.domain.enums import Role
from console.hub import dashboard_queries  # noqa: F401  (registers the queries)
from console.hub.identity import Identity
from console.hub.queries import QUERIES

OP = Identity("zhangwei", Role.OPERATOR)


def run(conn, name: str, args: dict) -> object:  # type: ignore[no-untyped-def]
    result = QUERIES[name].fn(conn, OP, args)
    return json.loads(json.dumps(result))  # what travels over the socket


def test_registered() -> None:
    assert {"dashboard", "shift_report", "save_shift_report", "last_shift_report"} <= set(QUERIES)


def test_dashboard_and_report_queries(store: Engine) -> None:
    load(store)
    with store.connect() as conn:
        f = run(conn, "dashboard", {"period": "custom", "start": T0, "end": T0 + 4 * 3600, "now": NOW})
        r = run(conn, "shift_report", {"start": T0, "end": T0 + 4 * 3600, "now": NOW, "notes": "n"})
        shift = run(conn, "dashboard", {"period": "shift", "now": NOW})
    assert f["received"] == 8 and f["rates"]["resolution"]["den"] == 7
    assert {t["town"]: t["name"] for t in f["towns"]}["lh"] == "龙华镇"  # demo district names
    assert r["received_total"] == 8 and r["operators"] == ["zhangwei"] and r["towns"]["qs"][1]
    assert shift["period"]["kind"] == "shift" and shift["period"]["end"] - shift["period"]["start"] == 12 * 3600


def test_save_then_last(store: Engine) -> None:
    pdf = b"%PDF-1.7 fake"
    with store.connect() as conn:
        saved = run(conn, "save_shift_report", {"start": T0, "end": T0 + 3600, "operators": ["zhangwei"],
                                                "notes": "交接", "pdf_b64": base64.b64encode(pdf).decode()})
        conn.commit()  # the hub commits after the query returns
    with store.connect() as conn:
        last = run(conn, "last_shift_report", {"include_pdf": True})
        brief = run(conn, "last_shift_report", {})
        none = run(conn, "last_shift_report", {"before": T0})
    assert last["id"] == saved["id"] and last["created_by"] == "zhangwei" and last["notes"] == "交接"
    assert base64.b64decode(last["pdf_b64"]) == pdf
    assert "pdf_b64" not in brief
    assert none is None


def test_bucket_count_is_bounded(store: Engine) -> None:
    with store.connect() as conn:
        f = run(conn, "dashboard", {"period": "30d", "now": NOW, "bucket_s": 1})
    # 1 s asked for: clamped to 30 days / 2000 buckets = 1296 s.
    assert f["per_bucket"]["bucket_s"] == 1296 and len(f["per_bucket"]["starts"]) == 2000
