"""Dashboard figures against the hand-computed data set (dashboard_dataset.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from dashboard_dataset import NOW, T0, load
from sqlalchemy import Engine

from console.analytics.dashboard import dashboard_figures, filter_for_bucket, filter_for_town
from console.analytics.periods import Period, PeriodKind


@pytest.fixture
def figures(store: Engine) -> dict:
    load(store)
    with store.connect() as conn:
        return dashboard_figures(conn, Period(PeriodKind.CUSTOM, T0, T0 + 4 * 3600), NOW,
                                 towns={"lh": ("龙华镇", "Longhua Town")})


def test_counts_per_hour_by_category(figures: dict) -> None:
    pb = figures["per_bucket"]
    assert pb["starts"] == [T0, T0 + 3600, T0 + 7200, T0 + 10800]
    cats = pb["categories"]
    # Hour 0: alerts 1 (hazmat), 2 (hotline); hour 1: 3, 4 (hotline); hour 2: 5 (camera), 6 (construction);
    # hour 3: 7, 8 (hotline). Alert 9 is before T0 and alert 10 exactly at the (exclusive) end.
    assert cats["hazmat_vehicle"] == [1, 0, 0, 0]
    assert cats["hotline_order"] == [1, 2, 0, 2]
    assert cats["camera_fault"] == [0, 0, 1, 0]
    assert cats["illegal_construction"] == [0, 0, 1, 0]
    assert cats["other"] == [0, 0, 0, 0]
    assert figures["received"] == 8


def test_open_by_severity_and_state(figures: dict) -> None:
    # Open: 3 (signed, minor), 6 (new, major), 7 (acknowledged, major), 8 (dispatched, minor).
    assert figures["open"] == 4
    assert figures["open_by_severity"] == {"critical": 0, "major": 2, "minor": 2, "info": 0}
    assert figures["open_by_state"] == {"new": 1, "acknowledged": 1, "dispatched": 1, "signed": 1,
                                        "handled": 0}


def test_step_time_percentiles(figures: dict) -> None:
    t = figures["times"]
    # Acknowledge: 60 120 180 300 600 900 2400 -> median 300; p90 at rank 5.4: 900 + 0.4 * 1500 = 1500.
    assert t["acknowledge"]["n"] == 7
    assert t["acknowledge"]["median"] == pytest.approx(300)
    assert t["acknowledge"]["p90"] == pytest.approx(1500)
    # Dispatch: 900 1200 1800 3000 3600 -> median 1800; p90 at rank 3.6: 3000 + 0.6 * 600 = 3360.
    assert t["dispatch"]["n"] == 5
    assert t["dispatch"]["median"] == pytest.approx(1800)
    assert t["dispatch"]["p90"] == pytest.approx(3360)
    # Close (state closed only; the false alarm is left out): 3000 6000 7200 -> 6000; 6000 + 0.8 * 1200.
    assert t["close"]["n"] == 3
    assert t["close"]["median"] == pytest.approx(6000)
    assert t["close"]["p90"] == pytest.approx(6960)


def test_overdue(figures: dict) -> None:
    # Acknowledge late: 3 (done after due), 6 (open, never acknowledged, past due).
    # Dispatch late: 7 (due 230 min, now 240). Feedback late: 8 (due 235 min).
    # The false alarm 5 was never dispatched but is closed: not late.
    assert figures["overdue"] == {"acknowledge": 2, "dispatch": 1, "feedback": 1, "any": 4, "open": 3}


def test_per_town_table(figures: dict) -> None:
    towns = {t["town"]: t for t in figures["towns"]}
    assert [t["town"] for t in figures["towns"]] == ["lh", "qs", ""]
    lh = towns["lh"]
    assert (lh["received"], lh["open"], lh["overdue"], lh["overdue_open"], lh["bounced"]) == (4, 2, 2, 2, 1)
    assert lh["mean_handling_s"] == pytest.approx((3600 + 1800) / 2)
    assert (lh["name"], lh["name_en"]) == ("龙华镇", "Longhua Town")
    qs = towns["qs"]
    assert (qs["received"], qs["open"], qs["overdue"], qs["overdue_open"], qs["bounced"]) == (3, 2, 2, 1, 0)
    assert qs["mean_handling_s"] == pytest.approx(600)
    none = towns[""]
    assert (none["received"], none["open"], none["overdue"], none["mean_handling_s"]) == (1, 0, 0, None)


def test_three_rates(figures: dict) -> None:
    r = figures["rates"]
    # Response: judged = 7 acknowledged + 6 (deadline passed) = 8; in time: all acknowledged but 3 = 6.
    assert (r["response"]["num"], r["response"]["den"]) == (6, 8)
    assert r["response"]["value"] == pytest.approx(0.75)
    # Resolution: closed 1, 2, 4 of the 8 received minus the false alarm 5.
    assert (r["resolution"]["num"], r["resolution"]["den"]) == (3, 7)
    # Satisfaction (hotline only): reached 2 (satisfied) and 8 (unsatisfied); 4 was unreachable.
    assert (r["satisfaction"]["num"], r["satisfaction"]["den"]) == (1, 2)
    assert r["satisfaction"]["value"] == pytest.approx(0.5)


def test_empty_period_has_no_rates(store: Engine) -> None:
    with store.connect() as conn:
        f = dashboard_figures(conn, Period(PeriodKind.CUSTOM, T0, T0 + 3600), NOW)
    assert f["received"] == 0
    assert f["rates"]["response"]["value"] is None
    assert f["times"]["close"] == {"median": None, "p90": None, "n": 0}


def test_filters_for_a_bar_and_a_town(figures: dict) -> None:
    assert filter_for_bucket(figures, 2, "camera_fault") == {
        "category": "camera_fault", "received_from": T0 + 7200, "received_to": T0 + 10800}
    assert filter_for_town(figures, "qs") == {"town": "qs", "received_from": T0, "received_to": T0 + 14400}
