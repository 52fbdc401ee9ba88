"""The console's copy of the hub's alerts, kept exact by the numbered change stream."""

from __future__ import annotations

from typing import Any

from console.domain.alert import Alert


class GapDetected(Exception):
    """A change arrived out of sequence: the copy can no longer be trusted, ask for a snapshot."""


class AlertBook:
    def __init__(self) -> None:
        self.alerts: dict[int, Alert] = {}
        self.epoch: str | None = None
        self.seq: int | None = None

    def apply_snapshot(self, message: dict[str, Any]) -> list[Alert]:
        self.alerts = {a["id"]: Alert.from_dict(a) for a in message["alerts"]}
        self.epoch = message["epoch"]
        self.seq = message["seq"]
        return list(self.alerts.values())

    def apply_changes(self, message: dict[str, Any]) -> list[Alert]:
        """Applies changes in order; ones already seen are ignored (no duplicate), a hole raises (no gap)."""
        if message["epoch"] != self.epoch:
            raise GapDetected(f"changes from hub epoch {message['epoch']}, expected {self.epoch}")
        changed: dict[int, Alert] = {}
        for change in message["changes"]:
            seq = change["seq"]
            if self.seq is not None and seq <= self.seq:
                continue
            if self.seq is not None and seq != self.seq + 1:
                raise GapDetected(f"expected change {self.seq + 1}, got {seq}")
            alert = Alert.from_dict(change["alert"])
            self.alerts[alert.id] = alert
            changed[alert.id] = alert
            self.seq = seq
        return list(changed.values())

    def get(self, alert_id: int) -> Alert | None:
        return self.alerts.get(alert_id)
