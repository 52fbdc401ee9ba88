"""Periods a dashboard can show: this shift, today, 7 days, 30 days or a custom range.

Shift boundaries are local wall-clock times (default 08:00 and 20:00): a day shift and a night
shift that crosses midnight. Everything returned is UTC epoch seconds, like the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Shanghai"
DEFAULT_SHIFT_STARTS: tuple[time, ...] = (time(8, 0), time(20, 0))


class PeriodKind(StrEnum):
    SHIFT = "shift"
    TODAY = "today"
    DAYS_7 = "7d"
    DAYS_30 = "30d"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Period:
    kind: PeriodKind
    start: float  # inclusive
    end: float    # exclusive

    @property
    def seconds(self) -> float:
        return self.end - self.start

    def to_dict(self) -> dict[str, object]:
        return {"kind": str(self.kind), "start": self.start, "end": self.end}


def parse_shift_starts(values: list[str] | tuple[str, ...] | None) -> tuple[time, ...]:
    """['08:00', '20:00'] -> sorted times; None keeps the default."""
    if not values:
        return DEFAULT_SHIFT_STARTS
    out = []
    for text in values:
        hours, _, minutes = str(text).partition(":")
        out.append(time(int(hours), int(minutes or 0)))
    return tuple(sorted(set(out)))


def shift_bounds(now: float, tz: ZoneInfo, starts: tuple[time, ...] = DEFAULT_SHIFT_STARTS) -> tuple[float, float]:
    """The shift containing `now`: (start, end) in epoch seconds."""
    local = datetime.fromtimestamp(now, tz)
    # Candidate boundaries from yesterday to tomorrow; the shift is the last one <= now to the next.
    candidates = sorted(
        datetime.combine(local.date() + timedelta(days=d), t, tz) for d in (-1, 0, 1) for t in starts
    )
    start = max(c for c in candidates if c <= local)
    end = min(c for c in candidates if c > local)
    return start.timestamp(), end.timestamp()


def resolve_period(kind: str | PeriodKind, now: float, *, tz: str | ZoneInfo = DEFAULT_TZ,
                   shift_starts: tuple[time, ...] | list[str] | None = None,
                   start: float | None = None, end: float | None = None) -> Period:
    """Turns a period name into UTC bounds.

    'today' is local midnight to the next one; '7d' and '30d' are the last N local days ending with
    today's end (so hourly buckets line up with local hours); 'custom' takes start and end.
    """
    kind = PeriodKind(kind)
    zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
    starts = (shift_starts if shift_starts and isinstance(shift_starts[0], time)
              else parse_shift_starts(shift_starts))  # type: ignore[arg-type]
    if kind is PeriodKind.CUSTOM:
        if start is None or end is None or end <= start:
            raise ValueError("a custom period needs start < end")
        return Period(kind, float(start), float(end))
    if kind is PeriodKind.SHIFT:
        s, e = shift_bounds(now, zone, starts)  # type: ignore[arg-type]
        return Period(kind, s, e)
    local_day = datetime.fromtimestamp(now, zone).date()
    day_end = datetime.combine(local_day + timedelta(days=1), time(0), zone)
    days = {PeriodKind.TODAY: 1, PeriodKind.DAYS_7: 7, PeriodKind.DAYS_30: 30}[kind]
    day_start = datetime.combine(local_day - timedelta(days=days - 1), time(0), zone)
    return Period(kind, day_start.timestamp(), day_end.timestamp())
