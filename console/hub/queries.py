"""Read-only queries that consoles ask over their socket ({"type": "query", "name": ..., "args": ...}).

A feature registers its queries here; the hub runs them on a reader thread with their own
database connection, so a slow report never delays intake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from console.domain.enums import Role
from console.hub.identity import Identity

QueryFn = Callable[[Connection, Identity, dict[str, Any]], Any]


@dataclass(frozen=True, slots=True)
class RegisteredQuery:
    name: str
    fn: QueryFn
    role: Role


QUERIES: dict[str, RegisteredQuery] = {}


def register_query(name: str, fn: QueryFn, role: Role = Role.OPERATOR) -> None:
    QUERIES[name] = RegisteredQuery(name, fn, role)


def query(name: str, role: Role = Role.OPERATOR) -> Callable[[QueryFn], QueryFn]:
    """Decorator form of register_query."""

    def wrap(fn: QueryFn) -> QueryFn:
        register_query(name, fn, role)
        return fn

    return wrap
