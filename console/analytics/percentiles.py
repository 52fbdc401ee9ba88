"""Percentiles with one definition on every backend: linear interpolation between closest ranks.

That is PostgreSQL's percentile_cont, so PostgreSQL computes it in the database and SQLite (which
has no ordered-set aggregates) gets the same numbers from the sorted values in Python.
"""

from __future__ import annotations

from collections.abc import Sequence


def percentile_cont(sorted_values: Sequence[float], fraction: float) -> float | None:
    """The value at `fraction` (0..1) of a sorted sequence; None when it is empty."""
    n = len(sorted_values)
    if n == 0:
        return None
    position = fraction * (n - 1)
    lower = int(position)
    upper = min(lower + 1, n - 1)
    weight = position - lower
    return float(sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * weight)
