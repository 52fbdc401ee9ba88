"""The queries every console needs: an alert's timeline, the district, the operators."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from console.domain.errors import NotFound, ValidationFailed
from console.hub.identity import Identity
from console.hub.queries import query
from console.store import alert_repository as repo


def _alert_id(args: dict[str, Any]) -> int:
    alert_id = args.get("alert_id")
    if not isinstance(alert_id, int):
        raise ValidationFailed("this query needs an integer alert_id")
    return alert_id


@query("history")
def history(conn: Connection, _identity: Identity, args: dict[str, Any]) -> list[dict[str, Any]]:
    """Every audit event of an alert, newest first."""
    return [e.to_dict() for e in repo.history(conn, _alert_id(args))]


@query("alert")
def alert(conn: Connection, _identity: Identity, args: dict[str, Any]) -> dict[str, Any]:
    found = repo.load_alert(conn, _alert_id(args))
    if found is None:
        raise NotFound(f"alert #{args['alert_id']} does not exist")
    return found.to_dict()


@query("district")
def district(conn: Connection, _identity: Identity, _args: dict[str, Any]) -> dict[str, Any]:
    return conn.info["hub"].district.to_dict()


@query("operators")
def operators(conn: Connection, _identity: Identity, _args: dict[str, Any]) -> list[dict[str, str]]:
    return conn.info["hub"].auth.operators()
