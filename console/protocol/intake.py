"""What a source may send: validation of incoming alerts, with reasons a person can read."""

from __future__ import annotations

import base64
import binascii
import time
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from console.domain.enums import Category, Severity

MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024
EARLIEST = datetime(2000, 1, 1).timestamp()
FUTURE_SLACK_S = 24 * 3600.0
IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp")


class IntakeError(ValueError):
    """A refused alert; the message says what was wrong."""


class AttachmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=200)]
    mime: str
    data: str  # base64

    @field_validator("mime")
    @classmethod
    def _image_only(cls, value: str) -> str:
        if value not in IMAGE_TYPES:
            raise ValueError(f"attachments must be images ({', '.join(IMAGE_TYPES)}), not {value}")
        return value

    def decoded(self) -> bytes:
        try:
            raw = base64.b64decode(self.data, validate=True)
        except (binascii.Error, ValueError):
            raise IntakeError(f"attachment '{self.name}' is not valid base64") from None
        if len(raw) > MAX_ATTACHMENT_BYTES:
            raise IntakeError(f"attachment '{self.name}' is larger than {MAX_ATTACHMENT_BYTES} bytes")
        return raw


Scalar = str | int | float | bool | None


class AlertIn(BaseModel):
    """One alert as a source reports it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    category: Category
    severity: Severity
    title: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=4000)] = ""
    source_ref: Annotated[str | None, Field(min_length=1, max_length=128)] = None
    occurred_at: float | datetime | None = Field(
        default=None, description="When it happened: ISO 8601 with offset, or UTC epoch seconds")
    lat: Annotated[float | None, Field(ge=-90, le=90)] = None
    lon: Annotated[float | None, Field(ge=-180, le=180)] = None
    address: Annotated[str, Field(max_length=300)] = ""
    grid: Annotated[str | None, Field(max_length=16)] = None
    town: Annotated[str | None, Field(max_length=32)] = None
    camera: Annotated[str | None, Field(max_length=64)] = None
    attachments: Annotated[list[AttachmentIn], Field(max_length=8, default_factory=list)]
    extra: Annotated[dict[str, Scalar], Field(max_length=32, default_factory=dict)]

    def occurred_epoch(self, now: float) -> float:
        value = self.occurred_at
        if value is None:
            return now
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise IntakeError("occurred_at needs a time zone offset (e.g. +08:00 or Z)")
            epoch = value.timestamp()
        else:
            epoch = float(value)
        if not EARLIEST <= epoch <= now + FUTURE_SLACK_S:
            raise IntakeError(f"occurred_at {value} is not a plausible time (before 2000 or in the future)")
        return epoch


def parse_alert(data: Any) -> AlertIn:
    """Validates one alert object; raises IntakeError with every problem named."""
    if not isinstance(data, dict):
        raise IntakeError(f"an alert must be a JSON object, not {type(data).__name__}")
    try:
        alert = AlertIn.model_validate(data)
    except ValidationError as exc:
        raise IntakeError(describe(exc)) from None
    if (alert.lat is None) != (alert.lon is None):
        raise IntakeError("lat and lon come together: give both or neither")
    alert.occurred_epoch(time.time())
    return alert


def describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "body"
        kind = err["type"]
        if kind == "extra_forbidden":
            parts.append(f"{where}: unknown field")
        elif kind == "missing":
            parts.append(f"{where}: missing")
        else:
            parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


class _OneAlertFrame(BaseModel):
    type: Literal["alert"]
    seq: int | str | None = None
    alert: AlertIn


class _ManyAlertsFrame(BaseModel):
    type: Literal["alerts"]
    seq: int | str | None = None
    alerts: list[AlertIn]


_FRAME = TypeAdapter(Annotated[_OneAlertFrame | _ManyAlertsFrame, Field(discriminator="type")])


def parse_frame_fast(text: str | bytes) -> tuple[Any, list[AlertIn]] | None:
    """A whole intake frame parsed and validated in one pass of pydantic's Rust core.

    Returns None when anything in it is wrong; the caller then takes the slow path, which names
    the problem of each alert separately.
    """
    try:
        frame = _FRAME.validate_json(text)
    except ValidationError:
        return None
    items = [frame.alert] if isinstance(frame, _OneAlertFrame) else frame.alerts
    now = time.time()
    try:
        for item in items:
            if (item.lat is None) != (item.lon is None):
                return None
            item.occurred_epoch(now)
    except IntakeError:
        return None
    return frame.seq, items
