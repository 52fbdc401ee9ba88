"""Reading and writing alerts with SQLAlchemy Core: the hot paths run as executemany batches."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, and_, bindparam, func, insert, or_, select, update

from console.domain.alert import Alert
from console.domain.audit import AuditEvent
from console.domain.enums import TERMINAL_STATES
from console.domain.errors import VersionConflict
from console.store.schema import AlertRow, AttachmentRow, AuditRow

ALERTS = AlertRow.__table__
AUDIT = AuditRow.__table__
ATTACHMENTS = AttachmentRow.__table__

_FIELDS = [f.name for f in dataclasses.fields(Alert)]
_MUTABLE = [name for name in _FIELDS if name != "id"]


_JSON_COLUMNS = frozenset({"attachments", "extra"})
_AUDIT_COLUMNS = ["alert_id", "at", "actor", "action", "from_state", "to_state", "note", "data"]


def _insert_sql(conn: Connection, table: str, columns: list[str]) -> str:
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))})"


def _alert_values(alert: Alert) -> tuple[Any, ...]:
    """The row as a tuple in _FIELDS order, JSON columns encoded, for the driver's executemany."""
    row = alert_to_row(alert)
    return tuple(orjson.dumps(row[name]).decode() if name in _JSON_COLUMNS else row[name] for name in _FIELDS)


def alert_to_row(alert: Alert) -> dict[str, Any]:
    row = {name: getattr(alert, name) for name in _FIELDS}
    row["category"] = str(alert.category)
    row["severity"] = str(alert.severity)
    row["state"] = str(alert.state)
    row["attachments"] = [dataclasses.asdict(a) for a in alert.attachments]
    return row


def _from_row(data: dict[str, Any]) -> Alert:
    data["attachments"] = data.get("attachments") or []
    data["extra"] = data.get("extra") or {}
    return Alert.from_dict(data)


@dataclass
class Batch:
    """Everything one group commit writes."""

    inserts: list[Alert] = field(default_factory=list)
    # id -> (version the database holds now, the alert as it will be)
    updates: dict[int, tuple[int, Alert]] = field(default_factory=dict)
    events: list[AuditEvent] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.inserts or self.updates or self.events or self.attachments)


def write_batch(conn: Connection, batch: Batch) -> None:
    """Writes a batch inside the caller's transaction. A stale update raises VersionConflict."""
    if batch.attachments:
        conn.execute(insert(ATTACHMENTS), batch.attachments)
    if batch.inserts:
        # The hot path of intake: straight to the driver's executemany (a compiled SQLAlchemy insert
        # spends more time building parameters per row than SQLite spends storing them).
        conn.exec_driver_sql(_insert_sql(conn, "alerts", _FIELDS), [_alert_values(a) for a in batch.inserts])
    if batch.updates:
        stmt = (
            update(ALERTS)
            .where(and_(ALERTS.c.id == bindparam("b_id"), ALERTS.c.version == bindparam("b_old_version")))
            .values({name: bindparam(name) for name in _MUTABLE})
        )
        params = []
        for alert_id, (old_version, alert) in batch.updates.items():
            row = alert_to_row(alert)
            del row["id"]
            row["b_id"] = alert_id
            row["b_old_version"] = old_version
            params.append(row)
        result = conn.execute(stmt, params)
        if result.rowcount not in (-1, len(params)):
            raise VersionConflict("an alert was changed in the database outside this hub")
    if batch.events:
        conn.exec_driver_sql(_insert_sql(conn, "audit_events", _AUDIT_COLUMNS), [
            (e.alert_id, e.at, e.actor, e.action, e.from_state, e.to_state, e.note,
             orjson.dumps(e.data).decode()) for e in batch.events
        ])


def load_working_set(conn: Connection, closed_since: float) -> list[Alert]:
    """Open alerts, plus those closed since a moment (for the 'closed today' view)."""
    stmt = select(ALERTS).where(or_(
        ALERTS.c.state.not_in([str(s) for s in TERMINAL_STATES]),
        ALERTS.c.closed_at >= closed_since,
    )).order_by(ALERTS.c.id)
    return [_from_row(dict(r._mapping)) for r in conn.execute(stmt)]


def load_alert(conn: Connection, alert_id: int) -> Alert | None:
    row = conn.execute(select(ALERTS).where(ALERTS.c.id == alert_id)).first()
    return _from_row(dict(row._mapping)) if row else None


def next_ids(conn: Connection) -> tuple[int, int]:
    """The next free alert id and attachment id."""
    max_alert = conn.execute(select(func.max(ALERTS.c.id))).scalar() or 0
    max_att = conn.execute(select(func.max(ATTACHMENTS.c.id))).scalar() or 0
    return max_alert + 1, max_att + 1


def history(conn: Connection, alert_id: int) -> list[AuditEvent]:
    """Every audit event of an alert, newest first."""
    rows = conn.execute(select(AUDIT).where(AUDIT.c.alert_id == alert_id).order_by(AUDIT.c.id.desc()))
    return [AuditEvent(**dict(r._mapping)) for r in rows]


def attachment_data(conn: Connection, attachment_id: int) -> tuple[str, str, bytes] | None:
    row = conn.execute(select(ATTACHMENTS.c.name, ATTACHMENTS.c.mime, ATTACHMENTS.c.data)
                       .where(ATTACHMENTS.c.id == attachment_id)).first()
    return (row.name, row.mime, row.data) if row else None
