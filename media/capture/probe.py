"""A quick reachability check before handing a network URL to FFmpeg.

FFmpeg waits up to the whole open timeout on a dead address or a server that never answers, again on
each retry. Asking the server ourselves first, with a short timeout, turns a dead camera into a clear
"offline" in two seconds and keeps its reader from holding a connection attempt open for long.
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
