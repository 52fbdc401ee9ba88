"""The hub: one process that owns the store, takes alerts in and serves every console."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine

from console.config import HubConfig
from console.domain.geography import District, demo_district
from console.domain.sla import SlaPolicy
from console.hub.alert_service import AlertService
from console.hub.auth import Authenticator
from console.hub.change_feed import ChangeFeed
from console.hub.extension import HubExtension
from console.store.checkpointer import Checkpointer
from console.store.engine import make_engine
from console.store.migrate import upgrade

log = logging.getLogger(__name__)
T = TypeVar("T")


class Hub:
    def __init__(self, config: HubConfig, *, district: District | None = None,
                 engine: Engine | None = None) -> None:
        self.config = config
        self.engine = engine or make_engine(config.resolved_database_url(),
                                            synchronous=config.sqlite_synchronous, auto_checkpoint=False)
        if district is None:
            district = District.load(Path(config.district)) if config.district \
                else demo_district()
        self.district = district
        self.policy = SlaPolicy.from_config(config.sla)
        self.feed = ChangeFeed()
        self.auth = Authenticator(self.engine)
        self.alerts = AlertService(
            self.engine, district, self.policy, self.feed, batch_max=config.batch_max,
            max_pending=config.max_pending, recent_closed_s=config.recent_closed_hours * 3600.0)
        self.extensions: list[HubExtension] = []
        # Reads (logins, history, reports) run here so they never wait behind the writer.
        self._readers = ThreadPoolExecutor(2, thread_name_prefix="hub-db-reader")
        self.started = asyncio.Event()
        self._checkpointer: Checkpointer | None = None
        # Calls to the towns are part of every hall (imported here: the call module builds on Hub).
        from console.hub.calls import HubCalls

        self.extensions.append(HubCalls.for_hub(self))

    def migrate(self) -> None:
        upgrade(self.engine)

    async def start(self) -> None:
        await self.run_blocking(self.migrate)
        if self.engine.dialect.name == "sqlite":
            self._checkpointer = Checkpointer(self.engine).start()
        await self.alerts.start()
        self.started.set()
        log.info("hub ready: %s", self.engine.url.render_as_string(hide_password=True))

    async def stop(self) -> None:
        for extension in self.extensions:
            await extension.stop()
        await self.alerts.stop()
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self._readers.shutdown(wait=False)
        self.engine.dispose()

    async def run_blocking(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._readers, fn, *args)

    def extension_for(self, message_type: str) -> HubExtension | None:
        for extension in self.extensions:
            if message_type.startswith(extension.prefixes):
                return extension
        return None
