"""RTSP servers that misbehave on purpose, as real cameras do: one that hangs half-way through the
handshake and one that turns every request down. Plain sockets: what they send is the point."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator


class _Serving:
    """Accepts connections on loopback and serves each on its own thread with ``_serve``."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.sock.close()


def _requests(conn: socket.socket) -> Iterator[tuple[str, str]]:
    """Yields (method, cseq) for each request on ``conn`` until it closes."""
    data = b""
    while True:
        try:
            chunk = conn.recv(4096)
        except OSError:
            return
        if not chunk:
            return
        data += chunk
        while b"\r\n\r\n" in data:
            head, data = data.split(b"\r\n\r\n", 1)
            lines = head.decode().split("\r\n")
            cseq = next(line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("cseq"))
            yield lines[0].split()[0], cseq


class DenyingRtspServer(_Serving):
    """Answers OPTIONS, and every other request with ``status`` (say "401 Unauthorized": a camera whose
    password is wrong)."""

    def __init__(self, status: str) -> None:
        self.status = status
        super().__init__()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            for method, cseq in _requests(conn):
                self.asked.append(method)
                if method == "OPTIONS":
                    answer = f"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n"
                else:
                    answer = f"RTSP/1.0 {self.status}\r\nCSeq: {cseq}\r\nWWW-Authenticate: Basic realm=\"camera\"\r\n\r\n"
                conn.sendall(answer.encode())


class HungRtspServer(_Serving):
    """Answers requests properly up to ``last`` (OPTIONS, DESCRIBE with H.264 video, SETUP, PLAY) and then
    nothing more, no media either: a camera that hung half-way."""

    SDP = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=hung\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
           "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:track1\r\n")

    def __init__(self, last: str = "PLAY") -> None:
        self.last = last
        super().__init__()

    def _serve(self, conn: socket.socket) -> None:
        answered: list[str] = []  # on this connection: every new one starts afresh
        with conn:
            for method, cseq in _requests(conn):
                self.asked.append(method)
                if self.last in answered:
                    continue  # hung: hears the request, never answers
                answered.append(method)
                extra, body = "", ""
                if method == "OPTIONS":
                    extra = "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n"
                elif method == "DESCRIBE":
                    body = self.SDP
                    extra = f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n"
                elif method == "SETUP":
                    extra = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: 12345678\r\n"
                elif method == "PLAY":
                    extra = "Session: 12345678\r\n"
                conn.sendall(f"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\n{extra}\r\n{body}".encode())
