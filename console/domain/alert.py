"""The alert: one thing in the city that the hall must see to, from intake to closure."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from console.domain.enums import Category, Severity, State


@dataclass(slots=True)
class Attachment:
    id: int
    name: str
    mime: str
    size: int


@dataclass(slots=True)
class Alert:
    id: int
    source: str
    category: Category
    severity: Severity
    title: str
    received_at: float
    occurred_at: float
    source_ref: str | None = None
    description: str = ""
    lat: float | None = None
    lon: float | None = None
    address: str = ""
    grid: str | None = None
    town: str | None = None
    camera: str | None = None
    state: State = State.NEW
    assignee: str | None = None
    version: int = 1
    duplicate_count: int = 0
    last_seen_at: float | None = None
    # Deadlines (epoch seconds) and the moments the steps were done.
    ack_due: float | None = None
    dispatch_due: float | None = None
    feedback_due: float | None = None
    acked_at: float | None = None
    dispatched_at: float | None = None
    feedback_at: float | None = None
    closed_at: float | None = None
    satisfaction: str | None = None
    merged_into: int | None = None
    bounce_count: int = 0
    redo_count: int = 0
    updated_by: str | None = None
    updated_action: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def copy(self) -> Alert:
        clone = dataclasses.replace(self)
        clone.attachments = list(self.attachments)
        clone.extra = dict(self.extra)
        return clone

    @property
    def is_open(self) -> bool:
        return self.state.is_open

    def to_dict(self) -> dict[str, Any]:
        """The wire form: plain JSON types."""
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        data["category"] = str(self.category)
        data["severity"] = str(self.severity)
        data["state"] = str(self.state)
        data["attachments"] = [dataclasses.asdict(a) for a in self.attachments]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        kwargs = {k: v for k, v in data.items() if k in _FIELD_SET}
        kwargs["category"] = Category(kwargs["category"])
        kwargs["severity"] = Severity(kwargs["severity"])
        kwargs["state"] = State(kwargs.get("state", State.NEW))
        kwargs["attachments"] = [Attachment(**a) for a in kwargs.get("attachments") or []]
        kwargs["extra"] = dict(kwargs.get("extra") or {})
        return cls(**kwargs)


_FIELD_NAMES = tuple(f.name for f in dataclasses.fields(Alert))
_FIELD_SET = frozenset(_FIELD_NAMES)
