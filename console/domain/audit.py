"""Audit events: the append-only history of every alert."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True, frozen=True)
class AuditEvent:
    alert_id: int
    at: float
    actor: str
    action: str
    from_state: str | None
    to_state: str | None
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuditEvent:
        return cls(**data)
