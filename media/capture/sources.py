"""Video sources by URL: RTSP (TCP/UDP), HTTP MJPEG, looping files, local devices, synthetic cameras.

URL schemes:
  rtsp://host/path            RTSP over TCP (the default: no loss, no reordering on busy networks)
  rtsp+udp://host/path        RTSP over UDP;  rtsp+tcp:// is accepted too
  http(s)://host/path         HTTP MJPEG (or anything FFmpeg reads over HTTP)
  file:///path/x.mp4, /path   a video file, played at its own rate and looped
  device://0, /dev/video0     a local capture device
  synthetic://name?size=1280x720&fps=25[&freeze_after=S][&fail_after=S]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

import cv2
import numpy as np

from media.capture.av_source import AvSource, AvSourceError
from media.capture.bgr_source import BgrSource, Fit
from media.capture.ffmpeg_options import http_options, rtsp_options
from media.capture.probe import Unreachable, probe_rtsp, probe_tcp
from media.capture.synthetic import SyntheticSource


class SourceError(Exception):
    """The source could not be opened (wrong URL, refused, not a video)."""


class VideoSource(Protocol):
    def read(self) -> np.ndarray | None:
        """Blocks until the next frame is decoded and returns it as full-size BGR; None when the stream
        failed. One call into the decoder: each call releases and retakes the GIL, which costs more than
        the call itself when 16 readers and the GUI all want it (measured: ~0.1 ms of CPU per extra call)."""

    def read_scaled(self, fit: Fit | None, for_tile: bool,
                    nv12: bool = False) -> tuple[np.ndarray, tuple[int, int]] | None:
        """Like read(), scaled to ``fit(its size)``; for a tile as BGRX, or NV12 (media/picture.py) when
        the tile converts that itself (``nv12``); with the picture's own size."""

    def grab(self) -> bool:
        """Blocks until the next frame is decoded but does not convert it (a reader catching up)."""

    def last_picture(self) -> Callable[[], np.ndarray | None]:
        """Gives the last picture read at full resolution as BGR when called (snapshots; any thread)."""

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class SourceSpec:
    kind: str  # rtsp | http | file | device | synthetic
    target: str  # what is handed to the opener (URL, path, device index, camera name)
    transport: str = "tcp"
    params: tuple[tuple[str, str], ...] = ()

    def param(self, key: str, default: str | None = None) -> str | None:
        return dict(self.params).get(key, default)


def parse_url(url: str) -> SourceSpec:
    if url.startswith("/dev/video"):
        return SourceSpec("device", url)
    if url.startswith("/") or url.startswith("./"):
        return SourceSpec("file", url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    params = tuple((k, v[-1]) for k, v in parse_qs(parts.query).items())
    if scheme in ("rtsp", "rtsps", "rtsp+tcp", "rtsp+udp"):
        transport = "udp" if scheme == "rtsp+udp" else "tcp"
        real = "rtsps" if scheme == "rtsps" else "rtsp"
        return SourceSpec("rtsp", real + url[len(scheme):], transport)
    if scheme in ("http", "https"):
        return SourceSpec("http", url)
    if scheme == "file":
        return SourceSpec("file", unquote(parts.path), params=params)
    if scheme == "device":
        return SourceSpec("device", parts.netloc or parts.path.lstrip("/") or "0")
    if scheme == "synthetic":
        return SourceSpec("synthetic", parts.netloc or parts.path.lstrip("/") or "synthetic", params=params)
    raise SourceError(f"unsupported video URL: {url!r}")


def parse_size(text: str | None, default: tuple[int, int]) -> tuple[int, int]:
    if not text:
        return default
    w, _, h = text.lower().partition("x")
    return int(w), int(h)


class DeviceSource(BgrSource):
    """A local capture device through OpenCV (V4L2 on Linux, DirectShow/MSMF on Windows)."""

    def __init__(self, capture: cv2.VideoCapture) -> None:
        self._cap = capture

    def read(self) -> np.ndarray | None:
        ok, frame = self._cap.read()
        return frame if ok and frame is not None else None

    def grab(self) -> bool:
        return bool(self._cap.grab())

    def close(self) -> None:
        self._cap.release()


def _open(url: str, options: dict[str, str], *, loop: bool = False) -> AvSource:
    try:
        return AvSource(url, options, loop=loop)
    except AvSourceError as exc:
        raise SourceError(str(exc)) from exc


def open_source(url: str) -> VideoSource:
    """Opens the source behind ``url``; blocks up to a few seconds; raises SourceError."""
    spec = parse_url(url)
    if spec.kind == "synthetic":
        w, h = parse_size(spec.param("size"), (640, 360))
        freeze = spec.param("freeze_after")
        fail = spec.param("fail_after")
        return SyntheticSource(spec.target, w, h, float(spec.param("fps", "25") or 25),
                               float(freeze) if freeze else None, float(fail) if fail else None)
    if spec.kind == "rtsp":
        try:
            if spec.target.startswith("rtsps"):  # TLS: a plain OPTIONS would not be understood
                probe_tcp(spec.target, 322)
            else:
                probe_rtsp(spec.target)
        except Unreachable as exc:
            raise SourceError(str(exc)) from exc
        return _open(spec.target, rtsp_options(spec.transport))
    if spec.kind == "http":
        # No probe here: some MJPEG cameras (and ffmpeg -listen) serve a single connection, which a
        # probe would use up.
        return _open(spec.target, http_options())
    if spec.kind == "file":
        if not Path(spec.target).is_file():
            raise SourceError(f"no such video file: {spec.target}")
        return _open(spec.target, {}, loop=True)
    if spec.kind == "device":
        index: str | int = int(spec.target) if spec.target.isdigit() else spec.target
        cap = cv2.VideoCapture(index)
        if not cap.isOpened():
            cap.release()
            raise SourceError(f"cannot open capture device {spec.target!r}")
        return DeviceSource(cap)
    raise SourceError(f"unsupported source kind {spec.kind}")
