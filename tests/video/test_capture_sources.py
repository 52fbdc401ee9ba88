"""The other real sources: HTTP MJPEG (ffmpeg as the camera's web server) and a looping video file."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

from media.capture import CaptureStream, StreamState
from media.capture.frame_code import read_code
from media.rtsp_server import Content, encode
from tests.video.conftest import FAST_HEALTH, Clips
from tests.video.helpers import collect, wait_for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_http_mjpeg_camera(clips: Clips) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/cam.mjpg"
    server = subprocess.Popen(["ffmpeg", "-loglevel", "error", "-re", "-stream_loop", "-1", "-f", "h264",
                               "-i", str(clips.sub), "-c:v", "mjpeg", "-q:v", "6", "-f", "mpjpeg",
                               "-listen", "1", url])
    stream = CaptureStream(url, target_size=(320, 180), config=FAST_HEALTH)
    try:
        time.sleep(0.3)
        stream.start()
        wait_for(lambda: stream.state() is StreamState.LIVE, 8, "live")
        frames = collect(stream, 1.0)
        assert len(frames) >= 15 and frames[-1].source_size == (640, 360)
        assert frames[-1].image.shape == (180, 320, 3)
        server.kill()  # the camera goes away
        wait_for(lambda: stream.state() is StreamState.OFFLINE, 8, "offline")
    finally:
        server.kill()
        server.wait()
        stream.stop()
        assert stream.join(5)


def test_video_file_plays_at_its_rate_and_loops(tmp_path: Path) -> None:
    clip = encode(Content("loop", 320, 180, 25, 25))  # one second
    mp4 = tmp_path / "loop.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "h264", "-r", "25", "-i", str(clip), "-c", "copy",
                    str(mp4)], check=True)
    stream = CaptureStream(f"file://{mp4}", config=FAST_HEALTH).start()
    try:
        wait_for(lambda: stream.state() is StreamState.LIVE, 5, "live")
        frames = collect(stream, 2.5)
        counters = [read_code(f.image) for f in frames]
        assert 35 <= len(frames) <= 70  # paced at 25 fps (62 in 2.5 s), not as fast as it decodes
        assert max(counters) == 24 and counters.count(0) >= 2  # came round to the start again
        assert stream.state() is StreamState.LIVE
    finally:
        stream.stop()
        assert stream.join(5)
    missing = CaptureStream(str(tmp_path / "nope.mp4"), config=FAST_HEALTH).start()
    try:
        wait_for(lambda: missing.state() is StreamState.OFFLINE, 5, "offline")
        assert "no such video file" in missing.health.error
    finally:
        missing.stop()
        missing.join(5)
