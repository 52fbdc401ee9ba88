"""A quick reachability check before handing a network URL to OpenCV.

OpenCV opens FFmpeg captures one at a time under a process-wide lock, network wait included: one
camera on a dead address or a server that never answers would hold every other camera's (re)connect
for the whole open timeout, again on each retry. Asking the server ourselves first, with a short
timeout and outside that lock, keeps a dead camera from stalling the wall.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

PROBE_TIMEOUT_S = 2.0


class Unreachable(Exception):
    pass


def _address(url: str, default_port: int) -> tuple[str, int]:
    parts = urlsplit(url)
    if not parts.hostname:
        raise Unreachable(f"no host in {url!r}")
    return parts.hostname, parts.port or default_port


def probe_rtsp(url: str, timeout: float = PROBE_TIMEOUT_S) -> None:
    """Raises Unreachable unless an RTSP server at the URL's address answers OPTIONS in time."""
    host, port = _address(url, 554)
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(f"OPTIONS {url} RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: hall-console\r\n\r\n".encode())
            answer = sock.recv(64)
    except OSError as exc:
        raise Unreachable(f"camera unreachable at {host}:{port}: {exc}") from exc
    if not answer.startswith(b"RTSP/"):
        raise Unreachable(f"no RTSP answer from {host}:{port}")


def probe_tcp(url: str, default_port: int, timeout: float = PROBE_TIMEOUT_S) -> None:
    host, port = _address(url, default_port)
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise Unreachable(f"camera unreachable at {host}:{port}: {exc}") from exc
