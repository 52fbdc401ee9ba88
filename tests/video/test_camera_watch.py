"""Off-screen camera checks against a real RTSP server and real sockets: what each kind of dead camera
looks like to a DESCRIBE, and the watch's threads (bounded, stoppable mid-probe)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.domain.geography import Camera
from media.camera_watch import CameraWatch, check_camera
from media.rtsp_server import RtspServer
from tests.video.helpers import wait_for


@pytest.fixture
def silent_port() -> Iterator[tuple[int, socket.socket]]:
    """A port that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield server.getsockname()[1], server
    server.close()


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # bound, never listened, closed: connecting is refused
    return port


def watch_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("camera-watch")]


def test_describe_of_a_good_mount_is_reachable(rtsp: RtspServer) -> None:
    verdict = check_camera(rtsp.url("/cam01/main"))
    assert verdict is not None and verdict.reachable, verdict
    assert "200" in verdict.reason and abs(verdict.at - time.time()) < 5


def test_describe_of_an_unknown_path_is_unreachable_with_404(rtsp: RtspServer) -> None:
    verdict = check_camera(rtsp.url("/no-such-camera/main"))
    assert verdict is not None and not verdict.reachable
    assert "404" in verdict.reason


def test_a_closed_port_is_unreachable_refused() -> None:
    verdict = check_camera(f"rtsp://127.0.0.1:{closed_port()}/cam01/main")
    assert verdict is not None and not verdict.reachable
    assert "refused" in verdict.reason.lower()


def test_a_port_that_never_answers_is_unreachable_within_the_timeout(silent_port: tuple[int, socket.socket]) -> None:
    port, _ = silent_port
    started = time.monotonic()
    verdict = check_camera(f"rtsp://127.0.0.1:{port}/cam01/main", timeout=0.5)
    took = time.monotonic() - started
    assert verdict is not None and not verdict.reachable
    assert "no RTSP answer" in verdict.reason
    assert 0.45 <= took < 1.0, took


@pytest.fixture
def answering_server() -> Iterator[tuple[int, list[bytes]]]:
    """A real RTSP-speaking socket that reads a request and sends the next canned answer (what the test
    server cannot say: 401, a stream description without video). Yields its port and the requests seen."""
    answers = [b"RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm=\"cam\", nonce=\"1\"\r\n\r\n"]
    sdp = b"v=0\r\ns=audio only\r\nm=audio 0 RTP/AVP 0\r\n"
    answers.append(b"RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Type: application/sdp\r\nContent-Length: "
                   + str(len(sdp)).encode() + b"\r\n\r\n" + sdp)
    seen: list[bytes] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.settimeout(5)

    def serve() -> None:
        for answer in answers:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                seen.append(conn.recv(4096))
                conn.sendall(answer)

    thread = threading.Thread(target=serve, name="canned-rtsp", daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    server.close()
    thread.join(5)


def test_401_is_reachable_and_noted_and_no_video_is_unreachable(answering_server: tuple[int, list[bytes]]) -> None:
    port, seen = answering_server
    needs_login = check_camera(f"rtsp://admin:secret@127.0.0.1:{port}/cam01/main")
    assert needs_login is not None and needs_login.reachable
    assert "401" in needs_login.reason and "credentials" in needs_login.reason
    assert seen[0].startswith(f"DESCRIBE rtsp://127.0.0.1:{port}/cam01/main RTSP/1.0\r\n".encode())
    assert b"secret" not in seen[0]  # credentials never go on the request line
    audio_only = check_camera(f"rtsp://127.0.0.1:{port}/cam01/main")
    assert audio_only is not None and not audio_only.reachable and "no video" in audio_only.reason


def test_other_sources(tmp_path: Path, silent_port: tuple[int, socket.socket]) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\0")
    assert check_camera(f"file://{clip}").reachable  # type: ignore[union-attr]
    missing = check_camera(str(tmp_path / "gone.mp4"))
    assert missing is not None and not missing.reachable and "gone.mp4" in missing.reason
    assert check_camera(f"http://127.0.0.1:{silent_port[0]}/mjpeg").reachable  # type: ignore[union-attr]
    refused = check_camera(f"http://127.0.0.1:{closed_port()}/mjpeg")
    assert refused is not None and not refused.reachable
    assert check_camera("synthetic://street?size=640x360") is None
    assert check_camera("device://0") is None
    # The reason is logged and recorded in a fault: an address it names keeps no password.
    bad = check_camera("gopher://admin:Secret1@10.0.0.7/cam")
    assert bad is not None and not bad.reachable and "admin:***@" in bad.reason and "Secret1" not in bad.reason


def test_watch_keeps_a_verdict_per_camera_and_skips_excluded_ones(rtsp: RtspServer) -> None:
    cameras = [Camera("good", "Good", rtsp.url("/cam01/main")),
               Camera("gone", "Gone", rtsp.url("/no-such-camera/main")),
               Camera("shown", "On the wall", rtsp.url("/cam02/main")),
               Camera("fake", "Synthetic", "synthetic://x")]
    watch = CameraWatch(cameras, interval_s=0.2, timeout_s=1.0, workers=2)
    watch.set_excluded({"shown"})
    watch.start()
    try:
        wait_for(lambda: {"good", "gone"} <= set(watch.verdicts()), 5, "both verdicts")
        assert sorted(watch.watched()) == ["gone", "good"]
        first = watch.verdict("good")
        assert first is not None and first.reachable
        assert not watch.verdict("gone").reachable  # type: ignore[union-attr]
        wait_for(lambda: watch.verdict("good").at > first.at, 3, "a second round")  # type: ignore[union-attr]
        assert set(watch.verdicts()) == {"good", "gone"}  # never the excluded one, never the synthetic one
        assert len(watch_threads()) == 3  # the scheduler and two probe workers, however many cameras
        # Leaving the wall: checked at once. Going on the wall: its verdict goes (it would be stale later).
        watch.set_excluded({"good"})
        assert watch.verdict("good") is None
        wait_for(lambda: watch.verdict("shown") is not None, 3, "the camera that left the wall")
        # A removed camera loses its verdict.
        watch.set_cameras(cameras[:1])
        assert watch.verdicts() == {}
    finally:
        watch.stop()
    assert watch_threads() == []


def test_stop_ends_the_threads_promptly_even_mid_probe(silent_port: tuple[int, socket.socket]) -> None:
    port, server = silent_port
    cameras = [Camera(f"cam{i}", f"Camera {i}", f"rtsp://127.0.0.1:{port}/cam{i}") for i in range(4)]
    watch = CameraWatch(cameras, interval_s=30, timeout_s=10.0, workers=8).start()
    server.settimeout(5)
    held = [server.accept()[0] for _ in cameras]  # every probe is connected and waiting for an answer
    try:
        assert all(t.is_alive() for t in watch_threads())
        started = time.monotonic()
        watch.stop()
        assert time.monotonic() - started < 1.0
        assert watch_threads() == [] and not watch.running
        assert watch.verdicts() == {}  # a cancelled probe is no verdict
    finally:
        for conn in held:
            conn.close()
