"""The record of one call, as the hub keeps it: alert, town, caller, who answered, times, end reason."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class CallState(StrEnum):
    INVITED = "invited"  # sent to the town's free desks
    RINGING = "ringing"  # at least one desk rings
    ACTIVE = "active"  # answered: media between the caller and one desk
    ENDED = "ended"


# The call state machine: anything not listed is refused.
TRANSITIONS: dict[CallState, set[CallState]] = {
    CallState.INVITED: {CallState.RINGING, CallState.ACTIVE, CallState.ENDED},
    CallState.RINGING: {CallState.ACTIVE, CallState.ENDED},
    CallState.ACTIVE: {CallState.ENDED},
    CallState.ENDED: set(),
}


@dataclass(slots=True)
class CallRecord:
    id: str
    town: str
    caller: str
    invited_at: float
    alert_id: int | None = None
    alert: dict[str, Any] = field(default_factory=dict)  # the context card sent to the town
    state: CallState = CallState.INVITED
    answered_by: str | None = None  # the desk that took the call
    ringing_at: float | None = None
    answered_at: float | None = None
    ended_at: float | None = None
    end_reason: str | None = None
    end_detail: str | None = None  # e.g. the decline reason a desk gave

    @property
    def duration_s(self) -> float | None:
        if self.answered_at is None or self.ended_at is None:
            return None
        return round(self.ended_at - self.answered_at, 3)

    def move(self, state: CallState) -> None:
        if state not in TRANSITIONS[self.state]:
            raise ValueError(f"call {self.id}: {self.state} -> {state} is not allowed")
        self.state = state

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["state"] = str(self.state)
        out["duration_s"] = self.duration_s
        out["alert"] = {k: v for k, v in self.alert.items() if k != "snapshot"}
        return out
