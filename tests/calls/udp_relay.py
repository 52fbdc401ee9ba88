"""A UDP relay between two WebRTC peers on loopback that a test can cut and restore.

Each peer's SDP is rewritten (an `sdp_filter` on the sending side) so that its candidates point at relay
sockets; the other peer's packets then reach it only through the relay, which forwards them unless cut.
ICE learns the relay's outbound sockets as peer-reflexive candidates, so no other change is needed.
"""

from __future__ import annotations

import re
import selectors
import socket
import threading

CANDIDATE = re.compile(r"^(a=candidate:\S+ \d+ )(udp|UDP)( \d+ )(\S+) (\d+)( typ host.*)$")


class UdpRelay:
    def __init__(self) -> None:
        self.cut = False
        self.dropped = 0
        self.forwarded = 0
        self._sel = selectors.DefaultSelector()
        self._lock = threading.Lock()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="udp-relay", daemon=True)
        self._thread.start()

    def rewrite(self, sdp: str) -> str:
        """Replaces every UDP host candidate by a relay address forwarding to it; drops TCP candidates."""
        out = []
        for line in sdp.splitlines():
            if line.startswith("a=candidate:"):
                m = CANDIDATE.match(line)
                if m is None:
                    continue
                ip, port = m.group(4), int(m.group(5))
                if ":" in ip:  # IPv6: not relayed, so not offered
                    continue
                front = self._forwarder(ip, port)
                line = f"{m.group(1)}{m.group(2)}{m.group(3)}{front[0]} {front[1]}{m.group(6)}"
            out.append(line)
        text = "\r\n".join(out) + "\r\n"
        # The c= line must not name an address the peer could use directly.
        return text

    def _forwarder(self, ip: str, port: int) -> tuple[str, int]:
        front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        front.bind((ip, 0))
        back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        back.bind((ip, 0))
        for s in (front, back):
            s.setblocking(False)
        state = {"target": (ip, port), "reply_to": None, "front": front, "back": back}
        with self._lock:
            self._sel.register(front, selectors.EVENT_READ, ("front", state))
            self._sel.register(back, selectors.EVENT_READ, ("back", state))
        return front.getsockname()

    def _run(self) -> None:
        while not self._stop:
            with self._lock:
                has = bool(self._sel.get_map())
            if not has:
                threading.Event().wait(0.01)
                continue
            for key, _ in self._sel.select(0.05):
                side, st = key.data
                try:
                    data, src = key.fileobj.recvfrom(65535)
                except OSError:
                    continue
                if self.cut:
                    self.dropped += 1
                    continue
                try:
                    if side == "front":  # from the other peer -> to our peer
                        st["reply_to"] = src
                        st["back"].sendto(data, st["target"])
                    elif st["reply_to"] is not None:  # our peer answering -> back to the other peer
                        st["front"].sendto(data, st["reply_to"])
                    self.forwarded += 1
                except OSError:
                    pass

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        for key in list(self._sel.get_map().values()):
            key.fileobj.close()
        self._sel.close()
