"""Period resolution: shifts crossing midnight, local days, custom ranges."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from console.analytics.periods import PeriodKind, parse_shift_starts, resolve_period

SH = ZoneInfo("Asia/Shanghai")


def ts(*args: int) -> float:
    return datetime(*args, tzinfo=SH).timestamp()


def test_day_shift() -> None:
    p = resolve_period("shift", ts(2026, 11, 29, 9, 30))
    assert (p.start, p.end) == (ts(2026, 11, 29, 8), ts(2026, 11, 29, 20))


def test_night_shift_after_midnight_started_yesterday() -> None:
    p = resolve_period("shift", ts(2026, 11, 29, 3, 0))
    assert (p.start, p.end) == (ts(2026, 11, 28, 20), ts(2026, 11, 29, 8))


def test_boundary_belongs_to_the_new_shift() -> None:
    p = resolve_period("shift", ts(2026, 11, 29, 20, 0))
    assert (p.start, p.end) == (ts(2026, 11, 29, 20), ts(2026, 11, 30, 8))


def test_three_configured_shifts() -> None:
    p = resolve_period("shift", ts(2026, 11, 29, 23, 0), shift_starts=["00:00", "08:00", "16:00"])
    assert (p.start, p.end) == (ts(2026, 11, 29, 16), ts(2026, 11, 30, 0))
    assert parse_shift_starts(["20:00", "8:30"])[0].minute == 30


def test_today_7d_30d_are_local_days() -> None:
    now = ts(2026, 11, 29, 1, 0)  # still 28 Nov 17:00 UTC: the local day counts
    assert (resolve_period("today", now).start, resolve_period("today", now).end) == (
        ts(2026, 11, 29), ts(2026, 11, 30))
    assert resolve_period("7d", now).start == ts(2026, 11, 23)
    p30 = resolve_period(PeriodKind.DAYS_30, now)
    assert (p30.start, p30.end, p30.seconds) == (ts(2026, 10, 31), ts(2026, 11, 30), 30 * 86400)


def test_custom_needs_an_order() -> None:
    assert resolve_period("custom", 0, start=10, end=20).seconds == 10
    with pytest.raises(ValueError):
        resolve_period("custom", 0, start=20, end=10)
