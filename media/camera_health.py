"""Debounced camera faults: a camera offline or frozen for longer than a threshold raises ONE fault;
recovery is reported on the same fault once the camera has been live for a while.

Free of Qt and of the network: it calls a ``CameraFaultSink`` (the lead wires one that posts a
camera_fault alert to the hub and records the recovery on it). A flapping camera does not flood:
short live spells (under ``recover_after_s``) neither end a bad episode nor recover a raised fault,
so a camera that keeps dropping out produces one fault until it has been stable again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from media.capture.failure import classify
from media.capture.health import StreamState

log = logging.getLogger(__name__)

OFFLINE = "offline"
FROZEN = "frozen"


class CameraFaultSink(Protocol):
    def raise_fault(self, camera_id: str, kind: str, since: datetime, reason: str = "", cause: str = "") -> None:
        """A camera has been ``kind`` ("offline" or "frozen") since ``since`` (UTC); ``reason``: the last
        error seen while it was bad ("" when none, as for a frozen picture), with no password in it;
        ``cause``: what that error tells, a ``media.capture.failure.Failure`` value ("" without a reason),
        a key to group faults by."""

    def recover(self, camera_id: str, at: datetime) -> None:
        """The camera whose fault was raised is live again since ``at`` (UTC)."""


@dataclass(frozen=True, slots=True)
class FaultPolicy:
    raise_after_s: float = 30.0  # bad this long before a fault is raised
    recover_after_s: float = 10.0  # live this long before a bad spell ends / a fault recovers


@dataclass(slots=True)
class _Camera:
    bad_since: float | None = None
    good_since: float | None = None
    kind: str = OFFLINE
    raised: bool = False
    reason: str = ""  # the last error seen in the current bad spell


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


class CameraFaultMonitor:
    """Feed it each watched camera's stream state now and then (e.g. once a second)."""

    def __init__(self, sink: CameraFaultSink | None, policy: FaultPolicy | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.sink = sink
        self.policy = policy or FaultPolicy()
        self._clock = clock
        self._cameras: dict[str, _Camera] = {}

    def observe(self, camera_id: str, state: StreamState | str, now: float | None = None, reason: str = "") -> None:
        """``reason``: why the camera is offline, when known (the stream's or the probe's error)."""
        now = self._clock() if now is None else now
        cam = self._cameras.setdefault(camera_id, _Camera())
        state = StreamState(state)
        if state in (StreamState.OFFLINE, StreamState.STALLED, StreamState.FROZEN):
            cam.good_since = None
            if cam.bad_since is None:
                cam.bad_since = now
                cam.reason = ""
            if reason:
                cam.reason = reason
            if not cam.raised:
                cam.kind = FROZEN if state is StreamState.FROZEN else OFFLINE
                if now - cam.bad_since >= self.policy.raise_after_s and self._call_raise(camera_id, cam):
                    cam.raised = True
        elif state is StreamState.LIVE:
            if cam.good_since is None:
                cam.good_since = now
            if cam.bad_since is not None and now - cam.good_since >= self.policy.recover_after_s:
                if cam.raised:
                    if not self._call_recover(camera_id, cam.good_since):
                        return
                    cam.raised = False
                cam.bad_since = None
        # connecting / closed: no evidence either way

    def forget(self, camera_id: str) -> None:
        """Stops watching a camera (its stream was closed); a raised fault stays open at the hub."""
        self._cameras.pop(camera_id, None)

    def pause(self, camera_id: str) -> None:
        """Nothing watches the camera for now. A bad spell not yet raised is dropped (its debounce starts
        again when the camera is seen bad again), but a raised fault stays raised here, so seeing the
        camera bad again raises no second fault and seeing it live long enough still records recovery."""
        cam = self._cameras.get(camera_id)
        if cam is None:
            return
        if not cam.raised:
            del self._cameras[camera_id]
        else:
            cam.good_since = None  # a live spell has to be seen whole

    def watched(self) -> list[str]:
        return list(self._cameras)

    def faulted(self) -> dict[str, str]:
        """Cameras with a raised, unrecovered fault, and its kind."""
        return {cid: c.kind for cid, c in self._cameras.items() if c.raised}

    def _call_raise(self, camera_id: str, cam: _Camera) -> bool:
        if self.sink is None:
            return True
        try:
            since = _utc(self._clock() if cam.bad_since is None else cam.bad_since)
            reason = cam.reason if cam.kind == OFFLINE else ""
            self.sink.raise_fault(camera_id, cam.kind, since, reason, classify(reason).value if reason else "")
            return True
        except Exception:  # the sink (hub link) may be down: try again on the next observation
            log.exception("raising camera fault for %s failed", camera_id)
            return False

    def _call_recover(self, camera_id: str, at: float) -> bool:
        if self.sink is None:
            return True
        try:
            self.sink.recover(camera_id, _utc(at))
            return True
        except Exception:
            log.exception("recording camera recovery for %s failed", camera_id)
            return False
