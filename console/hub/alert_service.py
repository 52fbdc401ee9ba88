"""The single writer: every alert change goes through here, in order, with group commit.

Intake and commands are queued as jobs. The writer takes everything waiting (up to a batch size),
applies the domain rules against the in-memory working set, writes the whole batch in one
transaction on its own database thread, and only then answers the callers and publishes the
changes. A source is therefore told "accepted" only once its alert is durable, and one fsync covers
hundreds of alerts.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine

from console.domain.alert import Alert, Attachment
from console.domain.audit import AuditEvent
from console.domain.enums import Action, Role
from console.domain.errors import DomainError, NotFound, PermissionDenied, VersionConflict
from console.domain.geography import District
from console.domain.lifecycle import Command, absorb_duplicate, apply
from console.domain.sla import SlaPolicy
from console.hub.change_feed import ChangeFeed
from console.hub.gc_pacer import GcPacer
from console.hub.identity import Identity
from console.protocol.intake import AlertIn, AttachmentIn, IntakeError, describe
from console.store import alert_repository as repo

log = logging.getLogger(__name__)

PRUNE_EVERY_S = 60.0

# Actions that need more than the operator role.
REQUIRED_ROLE = {Action.REOPEN: Role.SUPERVISOR}


class HubBusy(Exception):
    """The intake backlog is full: the source should retry later."""


class StoreFailure(Exception):
    """The database refused the batch; nothing of it was kept."""


@dataclass(slots=True)
class IntakeResult:
    id: int
    duplicate: bool


@dataclass(slots=True)
class _Job:
    kind: str  # "intake" | "command" | "create"
    payload: Any
    actor: Identity
    future: asyncio.Future[Any]
    received_at: float = field(default_factory=time.time)


class _Staging:
    """The working set as the batch being built sees it, before it is committed."""

    def __init__(self, service: AlertService, loaded: dict[int, Alert]) -> None:
        self.service = service
        self.batch = repo.Batch()
        self.changed: dict[int, Alert] = {}
        self.refs: dict[tuple[str, str], int] = {}
        self.next_alert_id = service.next_alert_id
        self.next_attachment_id = service.next_attachment_id
        self.loaded = loaded  # alerts outside the working set that this batch's commands touch
        self.inserted: dict[int, int] = {}  # alert id -> index in batch.inserts

    def get(self, alert_id: int) -> Alert | None:
        if alert_id in self.changed:
            return self.changed[alert_id]
        return self.service.alerts.get(alert_id) or self.loaded.get(alert_id)

    def ref_target(self, source: str, ref: str) -> Alert | None:
        alert_id = self.refs.get((source, ref), self.service.refs.get((source, ref)))
        alert = self.get(alert_id) if alert_id is not None else None
        return alert if alert is not None and alert.is_open else None

    def put(self, before: Alert | None, after: Alert, event: AuditEvent | None) -> None:
        if before is None:
            self.inserted[after.id] = len(self.batch.inserts)
            self.batch.inserts.append(after)
        elif after.id in self.inserted:  # created earlier in this same batch: insert its latest form
            self.batch.inserts[self.inserted[after.id]] = after
        else:
            old_version = self.batch.updates.get(after.id, (before.version, before))[0]
            self.batch.updates[after.id] = (old_version, after)
        self.changed[after.id] = after
        if after.source_ref and after.is_open:
            self.refs[(after.source, after.source_ref)] = after.id
        if event is not None:
            self.batch.events.append(event)


class AlertService:
    def __init__(self, engine: Engine, district: District, policy: SlaPolicy, feed: ChangeFeed,
                 *, batch_max: int = 2000, max_pending: int = 50_000,
                 recent_closed_s: float = 24 * 3600.0, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.district = district
        self.policy = policy
        self.feed = feed
        self.batch_max = batch_max
        self.max_pending = max_pending
        self.recent_closed_s = recent_closed_s
        self.clock = clock
        self.alerts: dict[int, Alert] = {}
        self.refs: dict[tuple[str, str], int] = {}
        self.next_alert_id = 1
        self.next_attachment_id = 1
        self._queue: asyncio.Queue[_Job] = asyncio.Queue()
        self._db = ThreadPoolExecutor(1, thread_name_prefix="hub-db-writer")
        self._task: asyncio.Task[None] | None = None
        self.commits = 0
        self.gc = GcPacer()

    # ---- life cycle
    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._db, self._load)
        self._task = asyncio.create_task(self._run(), name="alert-writer")

    def _load(self) -> None:
        with self.engine.connect() as conn:
            since = self.clock() - self.recent_closed_s
            for alert in repo.load_working_set(conn, since):
                self.alerts[alert.id] = alert
                if alert.source_ref and alert.is_open:
                    self.refs[(alert.source, alert.source_ref)] = alert.id
            self.next_alert_id, self.next_attachment_id = repo.next_ids(conn)
        log.info("working set: %d alerts, next id %d", len(self.alerts), self.next_alert_id)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        self._db.shutdown(wait=True)

    # ---- public API (event loop thread)
    def snapshot(self) -> list[Alert]:
        return sorted(self.alerts.values(), key=lambda a: a.id)

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    def _submit(self, kind: str, payload: Any, actor: Identity) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Job(kind, payload, actor, future))
        return future

    async def intake(self, items: list[AlertIn], source: Identity) -> list[IntakeResult | IntakeError]:
        """Queues alerts from a source; returns once each is committed (or refused)."""
        if self._queue.qsize() + len(items) > self.max_pending:
            raise HubBusy(f"intake backlog full ({self._queue.qsize()} waiting): retry later")
        futures = [self._submit("intake", item, source) for item in items]
        return list(await asyncio.gather(*futures, return_exceptions=True))  # type: ignore[arg-type]

    def intake_nowait(self, item: AlertIn, source: Identity) -> asyncio.Future[IntakeResult]:
        return self._submit("intake", item, source)

    async def execute(self, command: Command, actor: Identity) -> Alert:
        return await self._submit("command", command, actor)

    # ---- the writer
    def _prune(self) -> None:
        """Closed alerts leave the working set (and the snapshot) once they are older than the window."""
        cutoff = self.clock() - self.recent_closed_s
        stale = [i for i, a in self.alerts.items() if not a.is_open and (a.closed_at or 0) < cutoff]
        for alert_id in stale:
            del self.alerts[alert_id]
        self.feed.forget(stale)
        self._pruned_at = self.clock()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        self._pruned_at = self.clock()
        while True:
            if self.clock() - self._pruned_at > PRUNE_EVERY_S:
                self._prune()
            if self._queue.empty():
                self.gc.when_idle()
            jobs = [await self._queue.get()]
            while len(jobs) < self.batch_max and not self._queue.empty():
                jobs.append(self._queue.get_nowait())
            staging = _Staging(self, await self._prefetch(jobs, loop))
            outcomes: list[Any] = []
            for job in jobs:
                try:
                    outcomes.append(self._apply_job(staging, job))
                except (DomainError, IntakeError) as exc:
                    outcomes.append(exc)
                except ValidationError as exc:
                    outcomes.append(IntakeError(describe(exc)))
                except Exception as exc:  # a bug must cost one request, never the writer
                    log.exception("job failed: %s", job.kind)
                    outcomes.append(StoreFailure(f"the hub failed on this request: {exc}"))
            try:
                if staging.batch:
                    await loop.run_in_executor(self._db, self._commit, staging.batch)
            except Exception as exc:  # the database said no: nothing of this batch is kept
                log.exception("group commit failed")
                failure = exc if isinstance(exc, VersionConflict) else StoreFailure(f"store error: {exc}")
                for job in jobs:
                    if not job.future.done():
                        job.future.set_exception(failure)
                continue
            self._adopt(staging)
            self.gc.after_batch()
            for job, outcome in zip(jobs, outcomes, strict=True):
                if job.future.done():
                    continue
                if isinstance(outcome, Exception):
                    job.future.set_exception(outcome)
                else:
                    job.future.set_result(outcome)

    async def _prefetch(self, jobs: list[_Job], loop: asyncio.AbstractEventLoop) -> dict[int, Alert]:
        """Commands on alerts outside the working set (closed long ago) load them first."""
        missing = [j.payload.alert_id for j in jobs if j.kind == "command" and j.payload.alert_id not in self.alerts]
        merge_targets = [j.payload.args.get("into") for j in jobs
                         if j.kind == "command" and j.payload.action is Action.MERGE]
        missing += [t for t in merge_targets if isinstance(t, int) and t not in self.alerts]
        if not missing:
            return {}
        return await loop.run_in_executor(self._db, self._load_some, missing)

    def _load_some(self, ids: list[int]) -> dict[int, Alert]:
        with self.engine.connect() as conn:
            found = {i: repo.load_alert(conn, i) for i in set(ids)}
        return {i: a for i, a in found.items() if a is not None}

    def _commit(self, batch: repo.Batch) -> None:
        with self.engine.begin() as conn:
            repo.write_batch(conn, batch)
        self.commits += 1

    def _adopt(self, staging: _Staging) -> None:
        """The batch is durable: make it the hub's state and tell the consoles."""
        self.next_alert_id = staging.next_alert_id
        self.next_attachment_id = staging.next_attachment_id
        cutoff = self.clock() - self.recent_closed_s
        gone: list[int] = []
        for alert in staging.changed.values():
            if alert.is_open or (alert.closed_at or 0) >= cutoff:
                self.alerts[alert.id] = alert
            else:
                self.alerts.pop(alert.id, None)
                gone.append(alert.id)
            if alert.source_ref:
                key = (alert.source, alert.source_ref)
                if alert.is_open:
                    self.refs[key] = alert.id
                elif self.refs.get(key) == alert.id:
                    del self.refs[key]
        self.feed.publish(staging.changed.values())
        self.feed.forget(gone)

    def _apply_job(self, staging: _Staging, job: _Job) -> Any:
        if job.kind == "intake":
            return self._apply_intake(staging, job.payload, job.actor, job.received_at)
        if job.kind == "command":
            return self._apply_command(staging, job.payload, job.actor)
        raise ValueError(job.kind)

    # ---- intake
    def check(self, item: AlertIn) -> str | None:
        """What is wrong with an alert beyond its shape (unknown town or camera), or None."""
        if item.town is not None and self.district.town(item.town) is None:
            return f"unknown town '{item.town}'"
        if item.camera is not None and self.district.camera(item.camera) is None:
            return f"unknown camera '{item.camera}'"
        return None

    def _apply_intake(self, staging: _Staging, item: AlertIn, source: Identity, now: float) -> IntakeResult:
        occurred = item.occurred_epoch(now)
        if problem := self.check(item):
            raise IntakeError(problem)
        attachments = [(a, a.decoded()) for a in item.attachments]
        source_name = source.name
        if item.source_ref:
            existing = staging.ref_target(source_name, item.source_ref)
            if existing is not None:
                changed, event = absorb_duplicate(existing, 1, now, source_name, Action.DUPLICATE)
                staging.put(existing, changed, event)
                return IntakeResult(existing.id, True)
        alert_id = staging.next_alert_id
        staging.next_alert_id += 1
        town = item.town or self._town_of(item)
        camera = self.district.camera(item.camera) if item.camera else None
        if town is None and camera is not None:
            town = camera.town
        limits = self.policy.limits(item.category, item.severity)
        alert = Alert(
            id=alert_id, source=source_name, category=item.category, severity=item.severity,
            title=item.title, received_at=now, occurred_at=occurred, source_ref=item.source_ref,
            description=item.description, lat=item.lat, lon=item.lon, address=item.address,
            grid=item.grid or (self.district.grid_at(item.lat, item.lon) if item.lat is not None else None),
            town=town, camera=item.camera, last_seen_at=now,
            ack_due=now + limits.acknowledge, dispatch_due=now + limits.dispatch,
            updated_by=source_name, updated_action=str(Action.CREATE), extra=dict(item.extra),
        )
        for meta, data in attachments:
            alert.attachments.append(self._stage_attachment(staging, alert_id, meta.name, meta.mime, data, now))
        event = AuditEvent(alert_id=alert_id, at=now, actor=source_name, action=str(Action.CREATE),
                           from_state=None, to_state=str(alert.state))
        staging.put(None, alert, event)
        return IntakeResult(alert_id, False)

    def _town_of(self, item: AlertIn) -> str | None:
        return self.district.responsible_town(grid=item.grid, lat=item.lat, lon=item.lon)

    def _stage_attachment(self, staging: _Staging, alert_id: int, name: str, mime: str, data: bytes,
                          now: float) -> Attachment:
        att_id = staging.next_attachment_id
        staging.next_attachment_id += 1
        staging.batch.attachments.append({"id": att_id, "alert_id": alert_id, "name": name, "mime": mime,
                                          "size": len(data), "created_at": now, "data": data})
        return Attachment(att_id, name, mime, len(data))

    # ---- commands
    def _apply_command(self, staging: _Staging, command: Command, actor: Identity) -> Alert:
        if actor.role in (Role.SOURCE, Role.TOWN):
            raise PermissionDenied(f"{actor.role} '{actor.name}' may not {command.action} alerts")
        needed = REQUIRED_ROLE.get(command.action)
        if needed is not None and not actor.at_least(needed):
            raise PermissionDenied(f"'{command.action}' needs the {needed} role; {actor.name} is {actor.role}")
        alert = staging.get(command.alert_id)
        if alert is None:
            raise NotFound(f"alert #{command.alert_id} does not exist")
        if command.version != alert.version:
            raise VersionConflict(
                f"alert #{alert.id} was changed by {alert.updated_by} ({alert.updated_action}) after you "
                f"saw it (your version {command.version}, now {alert.version}, state {alert.state})")
        now = self.clock()
        command.actor = actor.name
        if command.action is Action.ATTACH:
            return self._apply_attach(staging, alert, command, now)
        if command.action is Action.DISPATCH:
            town = command.args.get("town") or alert.town
            if town and self.district.town(str(town)) is None:
                raise IntakeError(f"unknown town '{town}'")
        if command.action is Action.MERGE:
            return self._apply_merge(staging, alert, command, now)
        changed, event = apply(alert, command, now, self.policy)
        staging.put(alert, changed, event)
        return changed

    def _apply_attach(self, staging: _Staging, alert: Alert, command: Command, now: float) -> Alert:
        meta = AttachmentIn.model_validate({k: command.args.get(k) for k in ("name", "mime", "data")})
        attachment = self._stage_attachment(staging, alert.id, meta.name, meta.mime, meta.decoded(), now)
        command.args = {"attachment": attachment.id, "name": attachment.name, "note": command.args.get("note")}
        changed, event = apply(alert, command, now, self.policy)
        changed.attachments.append(attachment)
        staging.put(alert, changed, event)
        return changed

    def _apply_merge(self, staging: _Staging, alert: Alert, command: Command, now: float) -> Alert:
        into = command.args.get("into")
        target = staging.get(into) if isinstance(into, int) else None
        if target is None:
            raise NotFound(f"cannot merge into alert #{into}: it does not exist")
        if not target.is_open:
            raise DomainError(f"cannot merge into alert #{target.id}: it is {target.state}")
        merged, event = apply(alert, command, now, self.policy)
        staging.put(alert, merged, event)
        grown, target_event = absorb_duplicate(
            target, alert.duplicate_count + 1, now, command.actor, Action.MERGE,
            note=f"#{alert.id} merged in", data={"from": alert.id})
        staging.put(target, grown, target_event)
        return merged

    # ---- operator-created alerts (e.g. a snapshot from the video wall)
    async def create(self, item: AlertIn, actor: Identity) -> IntakeResult:
        if actor.role is Role.TOWN:
            raise PermissionDenied("towns may not create alerts")
        return await self._submit("intake", item, actor)

