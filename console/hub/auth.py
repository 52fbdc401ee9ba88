"""Authentication: operators by name and password, sources by API key, towns by token.

Operator logins return a session token so a console can reconnect without the password.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select, update

from console.domain.enums import Role
from console.hub.identity import Identity
from console.hub.passwords import hash_key, hash_password, new_key, verify_password
from console.store.schema import ApiKeyRow, OperatorRow, TownTokenRow

SESSION_TTL_S = 7 * 24 * 3600.0
KEY_CACHE_S = 30.0


class AuthFailed(Exception):
    """Wrong or missing credentials (HTTP 401)."""


@dataclass(slots=True)
class _Session:
    identity: Identity
    expires_at: float


class Authenticator:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions: dict[str, _Session] = {}
        self._keys: dict[str, tuple[Identity, float]] = {}

    # ---- checks (blocking: call from a thread, Argon2 takes tens of milliseconds on purpose)
    def login(self, name: str, password: str) -> tuple[Identity, str]:
        with self.engine.connect() as conn:
            row = conn.execute(select(OperatorRow.__table__).where(OperatorRow.name == name)).first()
        if row is None or not row.active or not verify_password(row.password_hash, password):
            raise AuthFailed("wrong operator name or password")
        identity = Identity(row.name, Role(row.role), display_name=row.display_name or row.name)
        token = secrets.token_urlsafe(32)
        self._sessions[token] = _Session(identity, time.time() + SESSION_TTL_S)
        return identity, token

    def session(self, token: str) -> Identity:
        session = self._sessions.get(token)
        if session is None or session.expires_at < time.time():
            raise AuthFailed("session expired or unknown: log in again")
        return session.identity

    def cached(self, token: str) -> Identity | None:
        """A session or a recently checked API key, without touching the database (no thread hop)."""
        session = self._sessions.get(token)
        if session is not None and session.expires_at >= time.time():
            return session.identity
        key = self._keys.get(token)
        if key is not None and key[1] > time.monotonic():
            return key[0]
        return None

    def source(self, key: str) -> Identity:
        cached = self._keys.get(key)
        if cached is not None and cached[1] > time.monotonic():
            return cached[0]
        with self.engine.connect() as conn:
            row = conn.execute(select(ApiKeyRow.__table__).where(ApiKeyRow.key_hash == hash_key(key))).first()
        if row is None or not row.active:
            raise AuthFailed("unknown or revoked API key")
        identity = Identity(row.name, Role.SOURCE)
        # A source posting one alert per request must not cost a query each time; a revoked key
        # stops working within KEY_CACHE_S.
        self._keys[key] = (identity, time.monotonic() + KEY_CACHE_S)
        return identity

    def town(self, token: str) -> Identity:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(TownTokenRow.__table__).where(TownTokenRow.token_hash == hash_key(token))).first()
        if row is None or not row.active:
            raise AuthFailed("unknown or revoked town token")
        return Identity(row.name, Role.TOWN, town=row.town)

    def bearer(self, token: str) -> Identity:
        """An Authorization: Bearer credential: an operator session, else a source key, else a town token."""
        if token in self._sessions:
            return self.session(token)
        try:
            return self.source(token)
        except AuthFailed:
            return self.town(token)

    # ---- administration (used by `hall user`, the demo and tests)
    def add_operator(self, name: str, password: str, role: Role = Role.OPERATOR, display_name: str = "") -> None:
        with self.engine.begin() as conn:
            exists = conn.execute(select(OperatorRow.name).where(OperatorRow.name == name)).first()
            values = {"role": str(role), "password_hash": hash_password(password),
                      "display_name": display_name or name, "active": True}
            if exists:
                conn.execute(update(OperatorRow).where(OperatorRow.name == name).values(**values))
            else:
                conn.execute(insert(OperatorRow).values(name=name, **values))

    def add_api_key(self, name: str, key: str | None = None) -> str:
        key = key or new_key()
        self._keys.clear()
        with self.engine.begin() as conn:
            conn.execute(ApiKeyRow.__table__.delete().where(ApiKeyRow.name == name))
            conn.execute(insert(ApiKeyRow).values(name=name, key_hash=hash_key(key), active=True))
        return key

    def add_town_token(self, name: str, town: str, token: str | None = None) -> str:
        token = token or new_key()
        with self.engine.begin() as conn:
            conn.execute(TownTokenRow.__table__.delete().where(TownTokenRow.name == name))
            conn.execute(insert(TownTokenRow).values(name=name, town=town, token_hash=hash_key(token), active=True))
        return token

    def operators(self) -> list[dict[str, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(OperatorRow.__table__).where(OperatorRow.active.is_(True))
                                .order_by(OperatorRow.name))
            return [{"name": r.name, "display_name": r.display_name, "role": r.role} for r in rows]
