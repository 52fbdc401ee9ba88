"""The hub side of calls: the call switchboard (console.calls) as a hub extension.

Wiring: `hub.extensions.append(HubCalls.for_hub(hub))` before `build_app(hub)`. The hub hands it every
`call.*` / `presence.*` message of console and town sockets; it also serves the town page at
`/town?token=...`. Each call is a row of the store's `calls` table (written on its own thread, in
order, so a slow disk never delays a ring), and each ended call of an alert becomes a `call` event in
that alert's timeline.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from console.calls.record import CallRecord
from console.calls.service import CallService
from console.domain.enums import Action, Role
from console.domain.errors import VersionConflict
from console.domain.lifecycle import Command
from console.store.schema import CallRow

if TYPE_CHECKING:
    from console.hub.hub import Hub
    from console.hub.session import Session

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static" / "town"
HISTORY_FIELDS = ("id", "alert_id", "town", "caller", "answered_by", "invited_at", "answered_at", "ended_at",
                  "duration_s", "end_reason")


class StoreCallLog:
    """CallLog over the store: one row per call, upserted at each milestone on one writer thread."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="hub-call-log")

    def save(self, record: CallRecord) -> None:
        values = {"alert_id": record.alert_id, "town": record.town, "caller": record.caller,
                  "answered_by": record.answered_by, "invited_at": record.invited_at,
                  "answered_at": record.answered_at, "ended_at": record.ended_at,
                  "duration_s": record.duration_s, "end_reason": record.end_reason}
        self._writer.submit(self._write, record.id, values)

    def _write(self, call_id: str, values: dict[str, Any]) -> None:
        try:
            with self.engine.begin() as conn:
                if conn.execute(select(CallRow.id).where(CallRow.id == call_id)).first() is None:
                    conn.execute(CallRow.__table__.insert().values(id=call_id, **values))
                else:
                    conn.execute(CallRow.__table__.update().where(CallRow.id == call_id).values(**values))
        except Exception:
            log.exception("could not record call %s", call_id)

    def history(self, alert_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        self._writer.submit(lambda: None).result(10)  # read after the writes queued so far
        q = select(CallRow.__table__).order_by(CallRow.invited_at.desc()).limit(limit)
        if alert_id is not None:
            q = q.where(CallRow.alert_id == alert_id)
        with self.engine.connect() as conn:
            rows = conn.execute(q).mappings().all()
        return [{k: r[k] for k in HISTORY_FIELDS} for r in rows]

    def close(self) -> None:
        self._writer.shutdown(wait=True)


class _LoopScheduler:
    def call_later(self, delay: float, callback: Callable[[], None]) -> asyncio.TimerHandle:
        return asyncio.get_running_loop().call_later(delay, callback)


class HubCalls:
    prefixes = ("call.", "presence.")

    def __init__(self, engine: Engine | None = None, *, towns: set[str] | None = None, no_answer_s: float = 30.0,
                 ice_servers: list[dict[str, Any]] | None = None, hub: Hub | None = None,
                 loss_timeout_s: float = 2.0, reconnect_window_s: float = 20.0) -> None:
        self.hub = hub
        self.loss_timeout_s, self.reconnect_window_s = loss_timeout_s, reconnect_window_s
        self.ice_servers = list(ice_servers or [])
        self.store_log = StoreCallLog(engine) if engine is not None else None
        self.service = CallService(self._send, _LoopScheduler(), self.store_log, towns=towns,
                                   no_answer_s=no_answer_s, on_record=self._on_record)
        self._sessions: dict[str, Session] = {}
        self._conn_of: dict[int, str] = {}
        self._ids = itertools.count(1)
        self._tasks: set[asyncio.Task] = set()

    @classmethod
    def for_hub(cls, hub: Hub) -> HubCalls:
        return cls(hub.engine, towns={t.id for t in hub.district.towns}, hub=hub,
                   no_answer_s=hub.config.call_ring_timeout_s, ice_servers=hub.config.ice_servers,
                   reconnect_window_s=getattr(hub.config, "call_reconnect_window_s", 20.0))

    # ---- HubExtension ------------------------------------------------------------------------------
    async def on_connect(self, session: Session) -> None:
        conn = f"c{next(self._ids)}"
        self._sessions[conn] = session
        self._conn_of[id(session)] = conn
        # Everyone uses the hub's ICE servers: one place to configure STUN/TURN for real networks.
        session.send({"type": "call.config", "ice_servers": self.ice_servers,
                      "no_answer_s": self.service.no_answer_s, "loss_timeout_s": self.loss_timeout_s,
                      "reconnect_window_s": self.reconnect_window_s})
        identity = session.identity
        if identity.role == Role.TOWN:
            self.service.town_connected(conn, identity.town or "", identity.name)
        elif identity.role != Role.SOURCE:
            self.service.console_connected(conn, identity.name, identity.display_name or identity.name)

    async def on_message(self, session: Session, message: dict[str, Any]) -> None:
        conn = self._conn_of.get(id(session))
        if conn is None:
            return
        if message.get("type") == "call.history" and self.store_log is not None and self.hub is not None:
            # A database read: off the event loop.
            alert_id = message.get("alert_id") if isinstance(message.get("alert_id"), int) else None
            calls = await self.hub.run_blocking(self.store_log.history, alert_id)
            session.send({"type": "call.history", "alert_id": alert_id, "calls": calls})
            return
        self.service.handle(conn, message)

    async def on_disconnect(self, session: Session) -> None:
        conn = self._conn_of.pop(id(session), None)
        if conn is not None:
            self.service.disconnected(conn)
            self._sessions.pop(conn, None)

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/town", self._town_page),
            Mount("/town/static", StaticFiles(directory=STATIC), name="town-static"),
        ]

    async def stop(self) -> None:
        for task in list(self._tasks):
            await asyncio.gather(task, return_exceptions=True)
        if self.store_log is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.store_log.close)

    # ---- internals ---------------------------------------------------------------------------------
    def _send(self, conn: str, msg: dict[str, Any]) -> None:
        session = self._sessions.get(conn)
        if session is not None:
            session.send(msg)

    def _on_record(self, record: CallRecord, milestone: str) -> None:
        if milestone == "ended" and record.alert_id is not None and self.hub is not None:
            task = asyncio.ensure_future(self._timeline(record))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _timeline(self, record: CallRecord) -> None:
        """A `call` event on the alert's timeline, by the operator who called."""
        assert self.hub is not None and record.alert_id is not None
        caller = next((s.identity for s in self._sessions.values() if s.identity.name == record.caller), None)
        if caller is None:
            from console.hub.identity import Identity

            caller = Identity(record.caller, Role.OPERATOR)
        args = {"call_id": record.id, "town": record.town, "answered_by": record.answered_by,
                "invited_at": record.invited_at, "answered_at": record.answered_at,
                "ended_at": record.ended_at, "duration_s": record.duration_s, "end_reason": record.end_reason,
                "note": f"call {record.town}: {record.end_reason}"}
        for _ in range(3):  # the alert may change under us: take the newest version and retry
            alert = self.hub.alerts.alerts.get(record.alert_id)
            if alert is None:
                return
            try:
                await self.hub.alerts.execute(Command(Action.CALL, alert.id, alert.version, caller.name, args),
                                              caller)
                return
            except VersionConflict:
                continue
            except Exception:
                log.exception("could not add call %s to alert #%s", record.id, record.alert_id)
                return

    async def _town_page(self, request: Request) -> Response:
        # The token stays in the URL's query; the page's script reads it and authenticates on /ws/town.
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})
