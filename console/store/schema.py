"""The database schema: SQLAlchemy 2 typed ORM classes. Times are UTC epoch seconds (float)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class AlertRow(Base):
    __tablename__ = "alerts"

    # Ids are allocated by the hub (the single writer), so batches insert without RETURNING.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(64))
    source_ref: Mapped[str | None] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str] = mapped_column(String(300), default="")
    grid: Mapped[str | None] = mapped_column(String(16))
    town: Mapped[str | None] = mapped_column(String(32))
    camera: Mapped[str | None] = mapped_column(String(64))
    occurred_at: Mapped[float] = mapped_column(Float)
    received_at: Mapped[float] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(16))
    assignee: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    duplicate_count: Mapped[int] = mapped_column(Integer, default=0)
    last_seen_at: Mapped[float | None] = mapped_column(Float)
    ack_due: Mapped[float | None] = mapped_column(Float)
    dispatch_due: Mapped[float | None] = mapped_column(Float)
    feedback_due: Mapped[float | None] = mapped_column(Float)
    acked_at: Mapped[float | None] = mapped_column(Float)
    dispatched_at: Mapped[float | None] = mapped_column(Float)
    feedback_at: Mapped[float | None] = mapped_column(Float)
    closed_at: Mapped[float | None] = mapped_column(Float)
    satisfaction: Mapped[str | None] = mapped_column(String(32))
    merged_into: Mapped[int | None] = mapped_column(Integer)
    bounce_count: Mapped[int] = mapped_column(Integer, default=0)
    redo_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_action: Mapped[str | None] = mapped_column(String(32))
    attachments: Mapped[list[Any]] = mapped_column(JSON, default=list)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (
        Index("ix_alerts_received_at", "received_at"),
        Index("ix_alerts_state", "state"),
        Index("ix_alerts_source_ref", "source", "source_ref"),
        Index("ix_alerts_town_received", "town", "received_at"),
        Index("ix_alerts_closed_at", "closed_at"),
    )


class AuditRow(Base):
    """Append-only: rows are inserted, never updated or deleted."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_id: Mapped[int] = mapped_column(Integer, index=True)
    at: Mapped[float] = mapped_column(Float)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AttachmentRow(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    alert_id: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[float] = mapped_column(Float)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class OperatorRow(Base):
    __tablename__ = "operators"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)


class ApiKeyRow(Base):
    """Keys for alert sources. Only a SHA-256 of the (random, high-entropy) key is stored."""

    __tablename__ = "api_keys"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class TownTokenRow(Base):
    """Tokens of town endpoints (a browser desk or a town client); only a SHA-256 is stored."""

    __tablename__ = "town_tokens"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    town: Mapped[str] = mapped_column(String(32), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class CallRow(Base):
    __tablename__ = "calls"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    alert_id: Mapped[int | None] = mapped_column(Integer, index=True)
    town: Mapped[str] = mapped_column(String(32), index=True)
    caller: Mapped[str] = mapped_column(String(64))
    answered_by: Mapped[str | None] = mapped_column(String(64))
    invited_at: Mapped[float] = mapped_column(Float, index=True)
    answered_at: Mapped[float | None] = mapped_column(Float)
    ended_at: Mapped[float | None] = mapped_column(Float)
    duration_s: Mapped[float | None] = mapped_column(Float)
    end_reason: Mapped[str | None] = mapped_column(String(32))


class ShiftReportRow(Base):
    __tablename__ = "shift_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    start_at: Mapped[float] = mapped_column(Float, index=True)
    end_at: Mapped[float] = mapped_column(Float)
    operators: Mapped[list[Any]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[float] = mapped_column(Float)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
