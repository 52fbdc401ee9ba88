"""Fixtures for the video tests: a real GStreamer RTSP server on loopback streaming pre-encoded H.264."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from console.domain.geography import Camera  # noqa: E402
from media.capture import HealthConfig  # noqa: E402
from media.rtsp_server import Content, RtspServer, concat, encode  # noqa: E402

CLIP_FRAMES = 250
# Short timings so faults, stalls and reconnects happen within a test's few seconds.
FAST_HEALTH = HealthConfig(stall_after_s=1.0, freeze_after_s=1.5, backoff_initial_s=0.2, backoff_max_s=1.0)
SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"


@dataclass
class Clips:
    sub: Path
    main: Path
    frozen: Path
    switch: Path  # 640x360 for 2 s, then 480x480 for 2 s
    square: Path
    corrupt: Path  # the live clip with bytes flipped inside most frames


def corrupted(clip: Path) -> Path:
    """A copy of an Annex B clip with garbage written into the slice data of most frames."""
    out = clip.with_name(clip.stem + "-corrupt.h264")
    if not out.exists():
        data = bytearray(clip.read_bytes())
        aud = b"\x00\x00\x00\x01\x09"
        starts = [i for i in range(len(data) - 5) if data[i:i + 5] == aud]
        rng = random.Random(7)
        for a, b in zip(starts, starts[1:], strict=False):
            if b - a > 200 and rng.random() < 0.6:
                for _ in range(12):
                    pos = rng.randrange(a + 120, b - 4)
                    if data[pos - 2:pos + 1].count(0) == 0:  # never forge a start code
                        data[pos] = rng.randrange(1, 256)
        out.write_bytes(bytes(data))
    return out


@pytest.fixture(scope="session")
def clips() -> Clips:
    sub = encode(Content("test", 640, 360, 25, CLIP_FRAMES))
    main = encode(Content("test", 1280, 720, 25, CLIP_FRAMES))
    frozen = encode(Content("frozen", 640, 360, 25, 50, frozen=True))
    a = encode(Content("switch", 640, 360, 25, 50))
    b = encode(Content("switch", 480, 480, 25, 50))
    square = encode(Content("square", 480, 480, 25, 50))
    return Clips(sub, main, frozen, concat([a, b], "switch"), square, corrupted(sub))


def camera_mounts(clips: Clips, count: int) -> dict[str, Path]:
    mounts: dict[str, Path] = {}
    for i in range(1, count + 1):
        mounts[f"/cam{i:02d}/main"] = clips.main
        mounts[f"/cam{i:02d}/sub"] = clips.sub
    return mounts


@pytest.fixture(scope="session")
def rtsp(clips: Clips) -> Iterator[RtspServer]:
    """One server for the tests that do not stop it: 16 cameras plus special mounts."""
    mounts = camera_mounts(clips, 16) | {"/frozen": clips.frozen, "/switch": clips.switch, "/square": clips.square,
                                          "/corrupt": clips.corrupt}
    with RtspServer(mounts) as server:
        yield server


def cameras_on(server: RtspServer, count: int) -> list[Camera]:
    towns = ["lh", "qs", "hx"]
    return [Camera(f"cam{i:02d}", f"Camera {i:02d}", server.url(f"/cam{i:02d}/main"), towns[i % 3],
                   server.url(f"/cam{i:02d}/sub"), groups=("all", f"group{(i - 1) // 4 + 1}"))
            for i in range(1, count + 1)]


@dataclass
class RecordingSink:
    """An in-memory CameraFaultSink: records what the lead's hub sink would be asked to do."""

    raised: list[tuple[str, str, datetime]] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)  # camera id -> the reason of its last raised fault
    causes: dict[str, str] = field(default_factory=dict)  # camera id -> the cause of its last raised fault
    recovered: list[tuple[str, datetime]] = field(default_factory=list)

    def raise_fault(self, camera_id: str, kind: str, since: datetime, reason: str = "", cause: str = "") -> None:
        self.raised.append((camera_id, kind, since))
        self.reasons[camera_id] = reason
        self.causes[camera_id] = cause

    def recover(self, camera_id: str, at: datetime) -> None:
        self.recovered.append((camera_id, at))
