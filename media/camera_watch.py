"""Reachability of cameras that are not on the wall, checked now and then off the GUI thread.

A camera only has a stream while it is on a visible wall tile; the others would go unwatched. The
``CameraWatch`` asks each of them every ``interval_s`` whether it still answers (a few bounded worker
threads, so hundreds of cameras cost at most ``workers`` sockets at a time) and keeps the latest
``Verdict`` per camera for the GUI to read. What a probe sees per source kind:

  rtsp   DESCRIBE of the camera's main URL: reachable on 200 with a video stream in the SDP, and on 401
         (it answers, it wants credentials: noted in the reason); any other status, no answer, a refused
         or dead address is unreachable
  rtsps, http(s)   a TCP connection opens
  file   the file exists
  synthetic, device   not watched (no verdict)

Limitation: without decoding, a frozen picture cannot be seen; an off-screen camera is checked for
reachability only. Cameras set ``excluded`` (on the wall: their stream's health is better evidence) are
not probed and have no verdict.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from console.domain.geography import Camera
from media.capture.probe import (
    PROBE_TIMEOUT_S,
    Cancelled,
    Unreachable,
    hide_passwords,
    probe_tcp,
    rtsp_describe,
)
from media.capture.sources import SourceError, parse_url

log = logging.getLogger(__name__)

UNWATCHED_KINDS = ("synthetic", "device")
_RETRY_503_AFTER_S = 0.3


@dataclass(frozen=True, slots=True)
class Verdict:
    reachable: bool
    reason: str  # for a person: what was asked and what came back
    at: float  # UTC epoch seconds of the check


def check_camera(url: str, timeout: float = PROBE_TIMEOUT_S, cancel: threading.Event | None = None) -> Verdict | None:
    """One look at the camera behind ``url``; None for a source that is not watched. Blocks up to
    ``timeout``; raises Cancelled when ``cancel`` is set meanwhile."""
    try:
        spec = parse_url(url)
    except SourceError as exc:
        return Verdict(False, hide_passwords(str(exc)), time.time())  # an address may name one
    try:
        if spec.kind in UNWATCHED_KINDS:
            return None
        if spec.kind == "file":
            found = Path(spec.target).is_file()
            return Verdict(found, "file exists" if found else f"no such video file: {spec.target}", time.time())
        if spec.kind == "http" or spec.target.startswith("rtsps"):  # TLS: a plain DESCRIBE would not be understood
            default_port = 322 if spec.kind == "rtsp" else 443 if spec.target.startswith("https") else 80
            probe_tcp(spec.target, default_port, timeout, cancel)
            return Verdict(True, "accepts connections", time.time())
        answer = rtsp_describe(spec.target, timeout, cancel)
        if answer.status == 503:  # often passing: a server tearing down the last session, a camera at its limit
            if cancel is not None and cancel.wait(_RETRY_503_AFTER_S):
                raise Cancelled()
            if cancel is None:
                time.sleep(_RETRY_503_AFTER_S)
            answer = rtsp_describe(spec.target, timeout, cancel)
    except Unreachable as exc:
        return Verdict(False, hide_passwords(str(exc)), time.time())  # an address may name one
    status = f"RTSP {answer.status} {answer.phrase}".rstrip()
    if answer.status == 401:
        return Verdict(True, f"answers but needs credentials ({status})", time.time())
    if answer.status != 200:
        return Verdict(False, f"camera answered DESCRIBE with {status}", time.time())
    if not answer.has_video():
        return Verdict(False, f"{status} but the stream description has no video", time.time())
    return Verdict(True, f"{status}, video described", time.time())


def _watched(url: str) -> bool:
    try:
        return parse_url(url).kind not in UNWATCHED_KINDS
    except SourceError:
        return True  # a broken URL is a broken camera: it gets its "unreachable" verdict


class CameraWatch:
    """Probes the given cameras (minus the excluded ones) every ``interval_s``; thread-safe to read.

    Threads: one scheduler and ``workers`` probe threads, all daemons; ``stop()`` ends them within about
    a second even mid-probe (a name lookup that hangs is the exception: that daemon ends on its own)."""

    def __init__(self, cameras: Iterable[Camera] = (), *, interval_s: float = 30.0,
                 timeout_s: float = PROBE_TIMEOUT_S, workers: int = 8) -> None:
        self.interval_s = interval_s
        self.timeout_s = timeout_s
        self.workers = max(1, workers)
        self._lock = threading.Lock()
        self._urls: dict[str, str] = {}  # watched camera id -> the URL probed (the wall's main URL)
        self._excluded: frozenset[str] = frozenset()
        self._verdicts: dict[str, Verdict] = {}
        self._due: dict[str, float] = {}  # camera id -> monotonic time of its next check
        self._busy: set[str] = set()  # queued or being probed
        self._jobs: queue.SimpleQueue[tuple[str, str] | None] = queue.SimpleQueue()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self.set_cameras(cameras)

    def start(self) -> CameraWatch:
        if self._threads or self._stopping.is_set():
            return self
        self._threads = [threading.Thread(target=self._schedule, name="camera-watch", daemon=True)]
        self._threads += [threading.Thread(target=self._work, name=f"camera-watch-probe-{i + 1}", daemon=True)
                          for i in range(self.workers)]
        for thread in self._threads:
            thread.start()
        return self

    def stop(self, timeout: float = 1.0) -> None:
        """Stops every thread; in-flight probes are cancelled and give no verdict."""
        self._stopping.set()
        self._wake.set()
        for _ in range(self.workers):
            self._jobs.put(None)
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def set_cameras(self, cameras: Iterable[Camera]) -> None:
        """The cameras to watch; a new camera or a changed URL is checked at once."""
        urls = {cam.id: cam.url for cam in cameras if _watched(cam.url)}
        with self._lock:
            for camera_id in set(self._urls) | set(urls):
                if self._urls.get(camera_id) != urls.get(camera_id):
                    self._verdicts.pop(camera_id, None)
                    self._due[camera_id] = 0.0
            self._urls = urls
            self._due = {cid: due for cid, due in self._due.items() if cid in urls}
        self._wake.set()

    def set_excluded(self, camera_ids: Iterable[str]) -> None:
        """Cameras not to probe (on the wall). Their verdict goes: it would be stale when they leave the
        wall, and then they are checked at once."""
        excluded = frozenset(camera_ids)
        with self._lock:
            if excluded == self._excluded:
                return
            for camera_id in excluded - self._excluded:
                self._verdicts.pop(camera_id, None)
            for camera_id in self._excluded - excluded:
                if camera_id in self._urls:
                    self._due[camera_id] = 0.0
            self._excluded = excluded
        self._wake.set()

    def verdict(self, camera_id: str) -> Verdict | None:
        with self._lock:
            return self._verdicts.get(camera_id)

    def verdicts(self) -> dict[str, Verdict]:
        """The latest verdict of every watched camera that has one."""
        with self._lock:
            return dict(self._verdicts)

    def watched(self) -> list[str]:
        """The cameras this watch probes (not excluded, not synthetic / device)."""
        with self._lock:
            return [cid for cid in self._urls if cid not in self._excluded]

    # -- threads
    def _schedule(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            now = time.monotonic()
            due: list[tuple[str, str]] = []
            next_at = now + self.interval_s
            with self._lock:
                for camera_id, url in self._urls.items():
                    if camera_id in self._excluded or camera_id in self._busy:
                        continue
                    at = self._due.get(camera_id, 0.0)
                    if at <= now:
                        due.append((camera_id, url))
                        self._busy.add(camera_id)
                    else:
                        next_at = min(next_at, at)
            for job in due:
                self._jobs.put(job)
            self._wake.wait(max(0.01, next_at - now))

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None or self._stopping.is_set():
                return
            camera_id, url = job
            try:
                verdict = check_camera(url, self.timeout_s, self._stopping)
            except Cancelled:
                return
            except Exception:  # a bug in a probe must not end the watch
                log.exception("checking camera %s failed", camera_id)
                verdict = None
            with self._lock:
                self._busy.discard(camera_id)
                if self._urls.get(camera_id) != url:
                    continue  # the camera was removed or changed meanwhile: this answer is about the old one
                self._due[camera_id] = time.monotonic() + self.interval_s
                if verdict is None or camera_id in self._excluded:
                    continue
                previous = self._verdicts.get(camera_id)
                self._verdicts[camera_id] = verdict
            if previous is None or previous.reachable != verdict.reachable:
                log.info("camera %s %s: %s", camera_id, "reachable" if verdict.reachable else "unreachable",
                         verdict.reason)
