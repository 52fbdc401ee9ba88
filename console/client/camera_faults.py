"""Turns camera faults seen by the video wall into camera-fault alerts on the hub.

It fits media.camera_health.CameraFaultSink by shape (the core does not import media). Each
camera's fault uses one source reference, so a camera that keeps failing adds duplicates to one
open alert instead of flooding the queue; recovery is recorded on that same alert.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from console.client.hub_client import HubClient, HubRefused

log = logging.getLogger(__name__)

Submit = Callable[[Coroutine[Any, Any, Any]], Any]


class HubCameraFaultSink:
    def __init__(self, client: HubClient, submit: Submit, camera_names: dict[str, str] | None = None) -> None:
        """submit runs a coroutine on the client's loop (from any thread)."""
        self.client = client
        self.submit = submit
        self.camera_names = camera_names or {}
        self.alert_ids: dict[str, int] = {}

    def raise_fault(self, camera_id: str, kind: str, since: datetime, reason: str = "", cause: str = "") -> None:
        self.submit(self._raise(camera_id, kind, since, reason, cause))

    def recover(self, camera_id: str, at: datetime) -> None:
        self.submit(self._recover(camera_id, at))

    async def _raise(self, camera_id: str, kind: str, since: datetime, reason: str, cause: str) -> None:
        name = self.camera_names.get(camera_id, camera_id)
        label = {"offline": "离线 offline", "frozen": "画面冻结 frozen picture"}.get(kind, kind)
        try:
            self.alert_ids[camera_id] = await self.client.create({
                "category": "camera_fault", "severity": "minor", "title": f"摄像机故障 Camera fault: {name} {label}",
                "description": f"{name} ({camera_id}) {kind} since {since.isoformat()}" + (f": {reason}" if reason else ""),
                "source_ref": f"camera-fault:{camera_id}", "camera": camera_id,
                "occurred_at": since.isoformat(), "extra": {"fault": kind, "reason": reason, "cause": cause},
            })
        except HubRefused as exc:
            log.warning("camera fault for %s not recorded: %s", camera_id, exc.message)

    async def _recover(self, camera_id: str, at: datetime) -> None:
        alert_id = self.alert_ids.pop(camera_id, None)
        alert = self.client.book.get(alert_id) if alert_id is not None else None
        if alert is None:
            return
        for _ in range(3):  # an operator may be changing the same alert: retry on the fresh version
            try:
                await self.client.command("recover", alert, note=f"camera live again at {at.isoformat()}",
                                          recovered_at=at.timestamp())
                return
            except HubRefused as exc:
                if exc.code != "conflict" or exc.alert is None:
                    log.warning("camera recovery for %s not recorded: %s", camera_id, exc.message)
                    return
                alert = self.client.book.get(alert.id) or alert
                await asyncio.sleep(0.1)
