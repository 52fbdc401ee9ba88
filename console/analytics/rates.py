"""The "three rates" (三率) leadership reads, as pure functions of counts.

- Response rate (响应率): of the alerts received in the period whose acknowledge step can be judged
  (acknowledged, or their acknowledge deadline has passed), the share acknowledged within the
  deadline. Alerts still inside their deadline are left out, so a fresh alert does not count against
  the hall. An alert without an acknowledge deadline counts as in time once acknowledged.
- Resolution rate (解决率): of the alerts received in the period that needed handling (not closed as
  false alarm, not merged into another), the share closed (state "closed").
- Satisfaction rate (满意率, hotline orders only): of the hotline orders received in the period whose
  return visit reached the citizen (satisfaction recorded and not "unreachable"), the share
  "satisfied" or "basically satisfied".

Each rate is returned with its numerator and denominator; the value is None when nothing counts.
"""

from __future__ import annotations

from typing import Any


def rate(numerator: int, denominator: int) -> dict[str, Any]:
    value = numerator / denominator if denominator else None
    return {"value": value, "num": int(numerator), "den": int(denominator)}
