"""Quick reachability checks: before handing a network URL to FFmpeg, and for cameras not on the wall.

FFmpeg waits up to the whole open timeout on a dead address or a server that never answers, again on
each retry. Asking the server ourselves first, with a short timeout, turns a dead camera into a clear
"offline" in two seconds and keeps its reader from holding a connection attempt open for long.

Every check runs on a non-blocking socket with one deadline for the whole exchange and, when given a
``cancel`` event, looks at it every tenth of a second, so a watcher can be stopped mid-probe.
"""

from __future__ import annotations

import errno
import os
import re
import selectors
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

PROBE_TIMEOUT_S = 2.0
_CANCEL_CHECK_S = 0.1  # how often a waiting probe looks at its cancel event
_MAX_ANSWER = 64 * 1024  # an SDP is a few hundred bytes; stop reading a runaway answer here


class Unreachable(Exception):
    pass


class Cancelled(Exception):
    """The probe was stopped from outside (its cancel event was set): no verdict."""


@dataclass(frozen=True, slots=True)
class RtspAnswer:
    status: int  # e.g. 200, 401, 404
    phrase: str  # e.g. "OK", "Not Found"
    headers: dict[str, str]  # names in lower case
    body: bytes

    def has_video(self) -> bool:
        """True when the body is an SDP describing at least one video stream (an ``m=video`` line)."""
        return any(line.strip().startswith(b"m=video ") for line in self.body.splitlines())


def _address(url: str, default_port: int) -> tuple[str, int]:
    parts = urlsplit(url)
    if not parts.hostname:
        raise Unreachable(f"no host in {url!r}")
    return parts.hostname, parts.port or default_port


# user:password@ in any URL of a text (FFmpeg names the URL it failed on in its errors, password and all).
_PASSWORD_IN_URL = re.compile(r"(\b[a-zA-Z][\w+.-]*://[^\s/@:'\"]*):[^\s/'\"]*@")


def hide_passwords(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ***, the user name kept (it helps tell a
    wrong account); for errors a person or the database sees."""
    return _PASSWORD_IN_URL.sub(r"\1:***@", text)


def without_credentials(url: str) -> str:
    """The URL without ``user:password@``: credentials go in no request line and no log."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=host))


def _wait(sock: socket.socket, event: int, deadline: float, cancel: threading.Event | None) -> None:
    """Waits until the socket is readable / writable; TimeoutError at the deadline, Cancelled on cancel."""
    with selectors.DefaultSelector() as selector:
        selector.register(sock, event)
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("timed out")
            if selector.select(min(left, _CANCEL_CHECK_S) if cancel is not None else left):
                return


def _connect(host: str, port: int, deadline: float, cancel: threading.Event | None) -> socket.socket:
    """A connected non-blocking socket (like socket.create_connection, but with a deadline and cancel)."""
    error: OSError | None = None
    for family, kind, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        sock = socket.socket(family, kind, proto)
        try:
            sock.setblocking(False)
            code = sock.connect_ex(address)
            if code in (errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EAGAIN):
                _wait(sock, selectors.EVENT_WRITE, deadline, cancel)
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code:
                raise OSError(code, os.strerror(code))
            return sock
        except Cancelled:
            sock.close()
            raise
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError(f"no address for {host}")


def _send(sock: socket.socket, data: bytes, deadline: float, cancel: threading.Event | None) -> None:
    view = memoryview(data)
    while view:
        _wait(sock, selectors.EVENT_WRITE, deadline, cancel)
        view = view[sock.send(view):]


def _receive(sock: socket.socket, complete: Callable[[bytes], bool], deadline: float,
             cancel: threading.Event | None) -> bytes:
    """Reads until ``complete(data)``, the peer closes or _MAX_ANSWER bytes; TimeoutError at the deadline."""
    data = b""
    while not complete(data) and len(data) < _MAX_ANSWER:
        _wait(sock, selectors.EVENT_READ, deadline, cancel)
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def probe_rtsp(url: str, timeout: float = PROBE_TIMEOUT_S) -> None:
    """Raises Unreachable unless an RTSP server at the URL's address answers OPTIONS in time."""
    host, port = _address(url, 554)
    deadline = time.monotonic() + timeout
    request = f"OPTIONS {without_credentials(url)} RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: hall-console\r\n\r\n"
    try:
        with _connect(host, port, deadline, None) as sock:
            _send(sock, request.encode(), deadline, None)
            answer = _receive(sock, lambda data: len(data) >= 5, deadline, None)
    except OSError as exc:
        raise Unreachable(f"camera unreachable at {host}:{port}: {exc}") from exc
    if not answer.startswith(b"RTSP/"):
        raise Unreachable(f"no RTSP answer from {host}:{port}")


def probe_tcp(url: str, default_port: int, timeout: float = PROBE_TIMEOUT_S,
              cancel: threading.Event | None = None) -> None:
    """Raises Unreachable unless a TCP connection to the URL's address opens in time."""
    host, port = _address(url, default_port)
    try:
        _connect(host, port, time.monotonic() + timeout, cancel).close()
    except OSError as exc:
        raise Unreachable(f"camera unreachable at {host}:{port}: {exc}") from exc


def _answer_complete(data: bytes) -> bool:
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return len(body) >= int(value.strip())
    return True


def rtsp_describe(url: str, timeout: float = PROBE_TIMEOUT_S, cancel: threading.Event | None = None) -> RtspAnswer:
    """Sends DESCRIBE for the URL and returns the server's answer, whatever its status.

    Raises Unreachable when nothing answers in time (no connection, refused, silent, not RTSP) and
    Cancelled when ``cancel`` is set meanwhile."""
    host, port = _address(url, 554)
    deadline = time.monotonic() + timeout
    request = (f"DESCRIBE {without_credentials(url)} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n"
               "User-Agent: hall-console\r\n\r\n")
    try:
        sock = _connect(host, port, deadline, cancel)
    except OSError as exc:
        raise Unreachable(f"camera unreachable at {host}:{port}: {exc}") from exc
    with sock:
        try:
            _send(sock, request.encode(), deadline, cancel)
            data = _receive(sock, _answer_complete, deadline, cancel)
        except TimeoutError as exc:
            raise Unreachable(f"no RTSP answer from {host}:{port} within {timeout:g} s") from exc
        except OSError as exc:
            raise Unreachable(f"camera at {host}:{port} dropped the connection: {exc}") from exc
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    version, _, rest = lines[0].partition(" ")
    code, _, phrase = rest.partition(" ")
    if not version.startswith("RTSP/") or not code.isdigit():
        raise Unreachable(f"no RTSP answer from {host}:{port}" + (f" (got {lines[0][:40]!r})" if data else ""))
    headers = {name.strip().lower(): value.strip()
               for name, _, value in (line.partition(":") for line in lines[1:])}
    return RtspAnswer(int(code), phrase.strip(), headers, body)
