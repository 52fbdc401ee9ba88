"""The test RTSP server itself: every new client gets video at once. The wall's tests and its bench rely on
it. Before the fix about 1 new client in 300 (16 opening at a time) got no video at all and its tile sat
"connecting" for 10 s: the server had stamped the client's first pictures with a time hours away. The race
is rare, so this test can miss it (against the old server it failed in 1 of 2 runs here: 1 of 640 clients),
but it never reports one that is not there."""

from __future__ import annotations

import random
import threading
import time
from contextlib import ExitStack

from media.capture import open_source
from media.rtsp_server import RtspServer
from tests.video.conftest import Clips

ROUNDS = 40
CAMERAS = 16
FIRST_FRAME_S = 2.0  # normally 0.1-0.5 s; a client that gets nothing fails after ~3 s


def test_every_new_client_gets_its_first_picture_at_once(clips: Clips) -> None:
    rng = random.Random(2026)
    with ExitStack() as stack:
        servers = [RtspServer({"/sub": clips.sub}, phase=rng.random()) for _ in range(CAMERAS)]
        starting = [threading.Thread(target=server.start) for server in servers]
        for t in starting:
            t.start()
        for t in starting:
            t.join()
        for server in servers:
            stack.callback(server.stop)
        slow: list[str] = []

        def watch(server: RtspServer, round_: int) -> None:
            started = time.monotonic()
            try:
                source = open_source(server.url("/sub"))
                try:
                    got = source.read() is not None
                finally:
                    source.close()
            except Exception as exc:  # noqa: BLE001 - any failure is what the test reports
                got = False
                error = str(exc)
            else:
                error = ""
            took = time.monotonic() - started
            if not got or took > FIRST_FRAME_S:
                slow.append(f"round {round_}, port {server.port}: {took:.2f} s {error}")

        for round_ in range(ROUNDS):  # 16 clients at a time, as a wall opening a 4x4 layout
            clients = [threading.Thread(target=watch, args=(server, round_)) for server in servers]
            for t in clients:
                t.start()
            for t in clients:
                t.join()
    assert slow == [], f"{len(slow)} of {ROUNDS * CAMERAS} new clients got no picture at once: {slow[:5]}"
