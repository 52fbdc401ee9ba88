"""Live call quality from aiortc's getStats plus our own frame counts: RTT, loss, bitrate, fps."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(slots=True)
class CallStats:
    rtt_ms: float | None = None
    loss_pct: float = 0.0
    bitrate_in_kbps: float = 0.0
    bitrate_out_kbps: float = 0.0
    fps_in: float = 0.0
    fps_out: float = 0.0
    frames_in: int = 0
    latency_ms: float | None = None  # from a burned counter, when the sender burns one

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class StatsMeter:
    """Turns cumulative counters into per-interval rates."""

    def __init__(self) -> None:
        self._t = time.monotonic()
        self._bytes_in = 0
        self._bytes_out = 0
        self._frames_in = 0
        self._frames_out = 0
        self._recv = 0
        self._lost = 0

    def update(self, report: Any, frames_in: int, frames_out: int) -> CallStats:
        now = time.monotonic()
        dt = max(1e-3, now - self._t)
        bytes_in = bytes_out = recv = lost = 0
        rtts: list[float] = []
        for s in report.values():
            if s.type == "transport":
                bytes_in += s.bytesReceived
                bytes_out += s.bytesSent
            elif s.type == "inbound-rtp" and s.kind == "video":
                recv += s.packetsReceived
                lost += max(0, s.packetsLost)
            elif s.type == "remote-inbound-rtp" and getattr(s, "roundTripTime", None) is not None:
                rtts.append(s.roundTripTime * 1000)
        # A new peer connection after a renegotiation restarts its counters: never go negative.
        d_recv, d_lost = max(0, recv - self._recv), max(0, lost - self._lost)
        st = CallStats(
            rtt_ms=round(min(rtts), 1) if rtts else None,
            loss_pct=round(100.0 * d_lost / (d_recv + d_lost), 2) if d_recv + d_lost else 0.0,
            bitrate_in_kbps=round(max(0, bytes_in - self._bytes_in) * 8 / dt / 1000, 1),
            bitrate_out_kbps=round(max(0, bytes_out - self._bytes_out) * 8 / dt / 1000, 1),
            fps_in=round((frames_in - self._frames_in) / dt, 1),
            fps_out=round((frames_out - self._frames_out) / dt, 1),
            frames_in=frames_in,
        )
        self._t, self._bytes_in, self._bytes_out = now, bytes_in, bytes_out
        self._frames_in, self._frames_out, self._recv, self._lost = frames_in, frames_out, recv, lost
        return st
