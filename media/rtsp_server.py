"""A real RTSP server on loopback for tests, the benchmark and the demo.

GStreamer's RTSP server (Debian's python3-gi + gir1.2-gst-rtsp-server-1.0) runs in a subprocess under
Debian's /usr/bin/python3 and only packetizes H.264 files encoded once with ffmpeg into a cache folder,
so the machine's cores go to the wall being measured, not to a live encoder. The pictures carry a
burned frame counter (media.capture.frame_code) and the server sends frame i of a file at
t0 + (k * frames + i) / fps, so ``send_time`` tells when a painted frame left the server.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import cv2
import numpy as np

from console.domain.geography import Camera
from media.capture.synthetic import SyntheticPicture

GST_PYTHON = "/usr/bin/python3"
SERVER_SCRIPT = Path(__file__).with_name("rtsp_server_gst.py")
CONTENT_VERSION = 2


class RtspServerError(RuntimeError):
    pass


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "command-hall-console" / "rtsp-content"
    path.mkdir(parents=True, exist_ok=True)
    return path


@cache
def gstreamer_available() -> bool:
    """True when Debian's python3 can load GStreamer's RTSP server (what the server process needs)."""
    if not Path(GST_PYTHON).exists():
        return False
    probe = "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer"
    return subprocess.run([GST_PYTHON, "-c", probe], capture_output=True).returncode == 0


@dataclasses.dataclass(frozen=True, slots=True)
class Content:
    """A clip to pre-encode: SyntheticPicture frames with a burned counter (or one still picture)."""

    name: str
    width: int
    height: int
    fps: int = 25
    frames: int = 250
    keyint: int = 10  # short GOPs: a client joining a shared stream waits for a keyframe
    frozen: bool = False  # every frame the same picture: a camera whose image froze
    preset: str = "veryfast"
    # A camera-like picture: fine detail and sensor noise, encoded at a camera's bitrate. The plain test
    # picture (flat colours, ~150 kb/s at 360p) decodes ~10x cheaper than a street camera's stream, which
    # makes decoding look free next to everything else a wall does.
    camera_like: bool = False
    bitrate_kbps: int | None = None  # None: x264's quality-based rate control

    @property
    def filename(self) -> str:
        kind = "frozen" if self.frozen else "live"
        look = f"-cam{self.bitrate_kbps or 0}k" if self.camera_like else ""
        return (f"{self.name}-{self.width}x{self.height}-{self.fps}fps-{self.frames}f-k{self.keyint}-{kind}"
                f"{look}-v{CONTENT_VERSION}.h264")


def camera_like(picture: np.ndarray, n: int, detail: np.ndarray) -> np.ndarray:
    """The test picture with a street scene's fine detail and a sensor's noise (different every frame)."""
    noise = np.random.default_rng(n).normal(0.0, 5.0, picture.shape[:2]).astype(np.int16)
    out = picture.astype(np.int16) + detail + noise[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def scene_detail(width: int, height: int) -> np.ndarray:
    """Fixed fine texture (brick, foliage, asphalt at a glance): noise at a few scales, +-40 grey levels."""
    rng = np.random.default_rng(7)
    detail = np.zeros((height, width), np.float32)
    for cell, weight in ((2, 0.5), (6, 0.3), (24, 0.2)):
        small = rng.normal(0.0, 1.0, (height // cell + 1, width // cell + 1)).astype(np.float32)
        detail += weight * cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    return (detail * 40).astype(np.int16)[..., None]


def encode(content: Content, folder: Path | None = None) -> Path:
    """Encodes the clip once (cached) to Annex B H.264 with an access unit delimiter per frame."""
    folder = folder or cache_dir()
    out = folder / content.filename
    if out.exists():
        return out
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        raise RtspServerError("ffmpeg is not installed (Debian package ffmpeg)")
    picture = SyntheticPicture(content.name, content.width, content.height, content.fps)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    kbps = content.bitrate_kbps
    # A camera's constant bit rate: the encoder spends the budget on every frame, as cameras do.
    rate = ["-b:v", f"{kbps}k", "-maxrate", f"{kbps}k", "-bufsize", f"{kbps}k"] if kbps else []
    detail = scene_detail(content.width, content.height) if content.camera_like else None
    cmd = [ffmpeg, "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "bgr24",
           "-s", f"{content.width}x{content.height}", "-r", str(content.fps), "-i", "-",
           "-c:v", "libx264", "-preset", content.preset, "-tune", "zerolatency", "-pix_fmt", "yuv420p",
           *rate, "-bf", "0", "-x264-params",
           f"keyint={content.keyint}:min-keyint={content.keyint}:scenecut=0:aud=1:repeat-headers=1:"
           "sliced-threads=0:slices=1",
           "-f", "h264", str(tmp)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    still = picture.draw(0, with_clock=False) if content.frozen else None
    for n in range(content.frames):
        frame = still if still is not None else picture.draw(n, with_clock=False)
        if detail is not None:
            frame = camera_like(frame, n, detail)
        proc.stdin.write(frame.tobytes())
    proc.stdin.close()
    if proc.wait() != 0:
        raise RtspServerError(f"ffmpeg failed to encode {content.filename}")
    tmp.replace(out)
    return out


def concat(parts: Iterable[Path], name: str, folder: Path | None = None) -> Path:
    """Joins encoded clips into one (e.g. a camera that switches resolution mid-stream)."""
    folder = folder or cache_dir()
    parts = list(parts)
    out = folder / f"{name}-{'+'.join(p.stem for p in parts)}.h264"
    if not out.exists():
        tmp = out.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(b"".join(p.read_bytes() for p in parts))
        tmp.replace(out)
    return out


class RtspServer:
    """The server process: start, stop and restart it (same port) from tests; one timeline for all."""

    def __init__(self, mounts: dict[str, Path], *, port: int = 0, fps: int = 25, phase: float = 0.0) -> None:
        """``phase``: a fraction of a frame period every frame is sent after the timeline's. Independent
        cameras do not send their frames in the same millisecond: give each its own server and phase."""
        if not gstreamer_available():
            raise RtspServerError(
                "GStreamer's RTSP server is missing: install python3-gi, gir1.2-gst-rtsp-server-1.0 and "
                "gstreamer1.0-plugins-base/good/bad (scripts/system-deps.sh does)")
        self.mounts = {(m if m.startswith("/") else "/" + m): Path(p) for m, p in mounts.items()}
        self.phase = float(phase) % 1.0
        self.port = port
        self.fps = fps
        self.t0 = 0.0
        self._proc: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 15.0) -> RtspServer:
        if self._proc is not None:
            return self
        config = {"port": self.port, "fps": self.fps, "mounts": {m: str(p) for m, p in self.mounts.items()},
                  "phase": self.phase}
        deadline = time.monotonic() + timeout
        while True:
            proc = subprocess.Popen([GST_PYTHON, str(SERVER_SCRIPT), json.dumps(config)], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            assert proc.stdout is not None
            line = proc.stdout.readline()
            if line:
                break
            err = proc.stderr.read() if proc.stderr else ""
            proc.wait()
            if time.monotonic() > deadline:  # e.g. the port is still held by a dying process
                raise RtspServerError(f"RTSP server did not start: {err.strip()[-800:]}")
            time.sleep(0.2)
        info = json.loads(line)
        self.port, self.t0 = int(info["port"]), float(info["t0"])
        self._proc = proc
        return self

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream:
                stream.close()

    def restart(self) -> RtspServer:
        self.stop()
        return self.start()

    @property
    def pid(self) -> int | None:
        """The server process's id while it runs (tests pause it to play a hung camera)."""
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def url(self, mount: str, transport: str = "tcp") -> str:
        scheme = "rtsp+udp" if transport == "udp" else "rtsp"
        return f"{scheme}://127.0.0.1:{self.port}/{mount.lstrip('/')}"

    def send_time(self, counter: int, frames: int, now: float | None = None) -> float:
        """Wall-clock time when the frame showing ``counter`` (of a ``frames``-long clip) was sent."""
        now = time.time() if now is None else now
        n_now = int((now - self.t0) * self.fps - self.phase)
        n = n_now - ((n_now - counter) % frames)
        return self.t0 + (n + self.phase) / self.fps

    def __enter__(self) -> RtspServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _synthetic_size(url: str, default: tuple[int, int]) -> tuple[int, tuple[int, int]]:
    query = parse_qs(urlsplit(url).query)
    fps = int(float(query.get("fps", ["25"])[-1]))
    size = query.get("size", [""])[-1]
    if "x" in size:
        w, h = size.split("x")
        return fps, (int(w), int(h))
    return fps, default


class DemoStreams:
    """The demo's cameras as the wall should read them, and the server behind them (if any)."""

    def __init__(self, cameras: list[Camera], server: RtspServer | None) -> None:
        self.cameras = cameras
        self.server = server

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()


def serve_demo_cameras(cameras: list[Camera], *, frames: int = 100) -> DemoStreams:
    """Serves synthetic demo cameras over RTSP on loopback when GStreamer is there (first run encodes
    the clips, ~10-20 s, then they are cached); otherwise returns the cameras unchanged, so the wall
    reads the synthetic sources directly. Cameras with other URLs are passed through."""
    synthetic = [c for c in cameras if c.url.startswith("synthetic://")]
    if not synthetic or not gstreamer_available() or not shutil.which("ffmpeg"):
        return DemoStreams(list(cameras), None)
    jobs: dict[str, Content] = {}
    for cam in synthetic:
        for kind, url in (("main", cam.url), ("sub", cam.sub_url)):
            if url and url.startswith("synthetic://"):
                fps, (w, h) = _synthetic_size(url, (1280, 720) if kind == "main" else (640, 360))
                jobs[f"/{cam.id}/{kind}"] = Content(cam.id, w, h, fps, frames, keyint=10, preset="ultrafast")
    with ThreadPoolExecutor(max_workers=2) as pool:
        paths = dict(zip(jobs, pool.map(encode, jobs.values()), strict=True))
    server = RtspServer(paths).start()
    rewritten = []
    for cam in cameras:
        if cam in synthetic:
            cam = dataclasses.replace(
                cam, url=server.url(f"/{cam.id}/main"),
                sub_url=server.url(f"/{cam.id}/sub") if f"/{cam.id}/sub" in paths else None)
        rewritten.append(cam)
    return DemoStreams(rewritten, server)


def temp_cache() -> Path:
    return Path(tempfile.mkdtemp(prefix="hall-rtsp-"))
