"""Deadlines (SLA) per category and severity, and whether each is running, met or overdue."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from console.domain.enums import Category, Severity

MINUTE = 60.0
HOUR = 3600.0
DAY = 86400.0


class DeadlineStatus(StrEnum):
    NONE = "none"        # no deadline applies (yet)
    RUNNING = "running"  # not done, still in time
    MET = "met"          # done in time
    OVERDUE = "overdue"  # past due: not done, or done late


@dataclass(frozen=True, slots=True)
class Limits:
    """Seconds allowed for each step: acknowledge and dispatch from receipt, feedback from dispatch."""

    acknowledge: float
    dispatch: float
    feedback: float


# Defaults follow the published 12345 norms: emergencies dispatched within 1 h, general ones within 24 h;
# feedback within 2 h, 24 h, 7 days or 15 days depending on urgency.
DEFAULT_LIMITS: dict[Severity, Limits] = {
    Severity.CRITICAL: Limits(5 * MINUTE, 1 * HOUR, 2 * HOUR),
    Severity.MAJOR: Limits(15 * MINUTE, 2 * HOUR, 24 * HOUR),
    Severity.MINOR: Limits(30 * MINUTE, 24 * HOUR, 7 * DAY),
    Severity.INFO: Limits(60 * MINUTE, 24 * HOUR, 15 * DAY),
}


class SlaPolicy:
    """Limits per (category, severity); a category may override the severity defaults."""

    def __init__(self, overrides: dict[tuple[Category, Severity], Limits] | None = None,
                 defaults: dict[Severity, Limits] | None = None) -> None:
        self._defaults = dict(defaults or DEFAULT_LIMITS)
        self._overrides = dict(overrides or {})

    def limits(self, category: Category, severity: Severity) -> Limits:
        return self._overrides.get((category, severity), self._defaults[severity])

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> SlaPolicy:
        """Reads {"default": {"critical": {"acknowledge": "5m", ...}}, "hotline_order": {...}}."""
        defaults = dict(DEFAULT_LIMITS)
        overrides: dict[tuple[Category, Severity], Limits] = {}
        for key, per_severity in config.items():
            for sev_name, limits in per_severity.items():
                severity = Severity(sev_name)
                base = defaults[severity]
                value = Limits(
                    parse_duration(limits.get("acknowledge", base.acknowledge)),
                    parse_duration(limits.get("dispatch", base.dispatch)),
                    parse_duration(limits.get("feedback", base.feedback)),
                )
                if key == "default":
                    defaults[severity] = value
                else:
                    overrides[(Category(key), severity)] = value
        return cls(overrides, defaults)


def parse_duration(value: str | float | int) -> float:
    """'90s', '15m', '2h', '7d' or a number of seconds."""
    if isinstance(value, int | float):
        return float(value)
    units = {"s": 1.0, "m": MINUTE, "h": HOUR, "d": DAY}
    text = value.strip().lower()
    if text and text[-1] in units:
        return float(text[:-1]) * units[text[-1]]
    return float(text)


def deadline_status(due: float | None, done_at: float | None, now: float) -> DeadlineStatus:
    if due is None:
        return DeadlineStatus.NONE
    if done_at is not None:
        return DeadlineStatus.MET if done_at <= due else DeadlineStatus.OVERDUE
    return DeadlineStatus.RUNNING if now <= due else DeadlineStatus.OVERDUE
