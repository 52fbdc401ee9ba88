"""Shift handover report data and its storage, on SQLite and PostgreSQL."""

from __future__ import annotations

from dashboard_dataset import NOW, T0, load
from sqlalchemy import Engine

from console.analytics.shift_report import last_report, save_report, shift_report_data


def test_report_data(store: Engine) -> None:
    load(store)
    with store.connect() as conn:
        d = shift_report_data(conn, T0, T0 + 4 * 3600, NOW, operators=["zhangwei", "liqiang"],
                              notes="注意东桥镇罐车")
    assert d["received_total"] == 8
    assert d["received"]["hotline_order"] == {"critical": 0, "major": 2, "minor": 3, "info": 0}
    assert d["received"]["hazmat_vehicle"]["critical"] == 1
    assert d["received"]["camera_fault"]["info"] == 1
    assert d["received"]["illegal_construction"]["major"] == 1
    # Open at the end of the shift: 11 (critical, from the previous shift), majors 6 (ack due 165 min)
    # before 7 (dispatch due 230 min), minors 8 (feedback due 235 min) before 3 (feedback due in 7 days).
    assert [a["id"] for a in d["still_open"]] == [11, 6, 7, 8, 3]
    assert d["open_total"] == 5
    by_id = {a["id"]: a for a in d["still_open"]}
    assert (by_id[7]["next_step"], by_id[7]["due"]) == ("dispatch", T0 + 230 * 60)
    assert (by_id[6]["state"], by_id[6]["next_step"]) == ("new", "acknowledge")
    assert [a["id"] for a in d["overdue"]] == [11, 6, 7, 8]
    assert d["overdue_total"] == 4
    # Calls in the shift: c1 and c2; c0 was before it.
    assert [(c["town"], c["duration_s"], c["outcome"]) for c in d["calls"]] == [
        ("lh", 120.0, "completed"), ("qs", None, "no_answer")]
    assert d["calls_by_outcome"] == {"completed": 1, "no_answer": 1}
    # Notable: 1 (critical), 2 (bounced), 8 (redone); 10 was received at the shift's end.
    assert [n["id"] for n in d["notable"]] == [1, 2, 8]
    assert [e["action"] for e in d["notable"][0]["timeline"]] == ["create", "acknowledge", "dispatch", "verify"]
    assert d["notable"][1]["timeline"][1]["note"] == "不属于本辖区"
    assert d["notable"][2]["timeline"] == []
    assert d["notes"] == "注意东桥镇罐车"
    assert d["operators"] == ["zhangwei", "liqiang"]


def test_save_and_open_last_report(store: Engine) -> None:
    with store.begin() as conn:
        first = save_report(conn, start=T0, end=T0 + 3600, operators=["a"], notes="one", created_by="a",
                            created_at=T0 + 3600)
        second = save_report(conn, start=T0 + 3600, end=T0 + 7200, operators=["b", "c"], notes="交接：二",
                             created_by="b", created_at=T0 + 7200, pdf=b"%PDF-1.4 test")
    assert second != first
    with store.connect() as conn:
        last = last_report(conn, include_pdf=True)
        earlier = last_report(conn, before=T0 + 3600)
    assert last is not None and earlier is not None
    assert (last["id"], last["notes"], last["operators"], last["pdf"]) == (second, "交接：二", ["b", "c"],
                                                                          b"%PDF-1.4 test")
    assert (earlier["id"], earlier["notes"]) == (first, "one")
    assert "pdf" not in earlier
