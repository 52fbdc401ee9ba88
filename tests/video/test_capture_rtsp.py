"""Capture streams against a real GStreamer RTSP server on loopback."""

from __future__ import annotations

import os
import signal
import socket
import time
from collections.abc import Iterator

import numpy as np
import pytest

from media.capture import CaptureStream, StreamState, parse_url
from media.capture.av_source import OPEN_TIMEOUT_S
from media.capture.ffmpeg_options import IO_TIMEOUT_S
from media.capture.frame_code import read_code
from media.capture.health import Backoff, FreezeDetector
from media.rtsp_server import RtspServer
from tests.video.conftest import CLIP_FRAMES, FAST_HEALTH, Clips
from tests.video.helpers import collect, wait_for
from tests.video.rtsp_fakes import HungRtspServer


@pytest.fixture
def streams() -> Iterator[list[CaptureStream]]:
    made: list[CaptureStream] = []
    yield made
    for s in made:
        s.stop()
    for s in made:
        assert s.join(5), f"reader thread of {s.name} did not stop"


@pytest.mark.parametrize("transport", ["tcp", "udp"])
def test_live_stream_delivers_consecutive_frames_scaled_to_the_tile(
        rtsp: RtspServer, streams: list[CaptureStream], transport: str) -> None:
    stream = CaptureStream(rtsp.url("/cam01/sub", transport), target_size=(320, 180), config=FAST_HEALTH)
    assert parse_url(stream.url).transport == transport
    streams.append(stream.start())
    wait_for(lambda: stream.state() is StreamState.LIVE, 5, "live")
    frames = collect(stream, 1.5)
    assert len(frames) >= 25  # 25 fps for 1.5 s, with slack for a busy machine
    assert all(f.image.shape == (180, 320, 3) for f in frames)
    assert frames[-1].source_size == (640, 360)
    counters = [read_code(f.image) for f in frames]
    steps = [(b - a) % CLIP_FRAMES for a, b in zip(counters, counters[1:], strict=False)]
    # The picture advances frame by frame (a reader starved by a busy machine may skip a few).
    assert steps.count(1) >= 0.8 * len(steps) and max(steps) <= 12, counters
    assert 20 <= stream.health.fps(time.monotonic()) <= 30
    full = stream.latest_full_frame()
    assert full is not None and full.shape == (360, 640, 3)


def test_wrong_url_goes_offline_with_an_error_and_keeps_retrying(rtsp: RtspServer,
                                                                  streams: list[CaptureStream]) -> None:
    missing = CaptureStream(rtsp.url("/no-such-camera"), config=FAST_HEALTH).start()
    refused = CaptureStream("rtsp://127.0.0.1:9/cam", config=FAST_HEALTH).start()
    bogus = CaptureStream("gopher://camera", config=FAST_HEALTH).start()
    streams += [missing, refused, bogus]
    for s in streams:
        wait_for(lambda s=s: s.state() is StreamState.OFFLINE, 6, f"{s.url} offline")
        assert s.health.error
        assert s.mailbox.peek() is None
        assert s.running  # still trying, with backoff
    assert "unsupported" in bogus.health.error


def test_frozen_source_is_reported_frozen(rtsp: RtspServer, streams: list[CaptureStream]) -> None:
    stream = CaptureStream(rtsp.url("/frozen"), target_size=(320, 180), config=FAST_HEALTH).start()
    streams.append(stream)
    wait_for(lambda: stream.health.frames > 0, 5, "first frame")
    wait_for(lambda: stream.state() is StreamState.FROZEN, 5, "frozen")
    assert stream.health.fps(time.monotonic()) > 20  # frames still arrive: it is the picture that froze


def test_camera_with_another_resolution_keeps_its_aspect(rtsp: RtspServer, streams: list[CaptureStream]) -> None:
    stream = CaptureStream(rtsp.url("/square"), target_size=(320, 180), config=FAST_HEALTH).start()
    streams.append(stream)
    wait_for(lambda: stream.state() is StreamState.LIVE, 5, "live")
    frame = collect(stream, 0.3)[-1]
    assert frame.source_size == (480, 480)
    assert frame.image.shape == (180, 180, 3)  # fits the 16:9 tile, letterboxed, not stretched


def test_resolution_change_mid_stream_shows_each_picture_at_its_own_aspect(rtsp: RtspServer,
                                                                          streams: list[CaptureStream]) -> None:
    # The clip switches 640x360 -> 480x480 -> 640x360 every 2 s: every picture fits the 16:9 tile at its
    # own aspect (a square one letterboxed, never stretched), the stream stays live at full rate.
    stream = CaptureStream(rtsp.url("/switch"), target_size=(320, 180), config=FAST_HEALTH).start()
    streams.append(stream)
    wait_for(lambda: stream.state() is StreamState.LIVE, 5, "live")
    frames = collect(stream, 4.5)
    assert len(frames) > 50  # 25 fps for 4.5 s through two switches (with slack for a busy machine)
    seen = {(f.source_size, f.image.shape) for f in frames}
    assert seen == {((640, 360), (180, 320, 3)), ((480, 480), (180, 180, 3))}
    assert stream.state() is StreamState.LIVE and stream.running
    full = stream.latest_full_frame()
    assert full is not None and full.shape in ((360, 640, 3), (480, 480, 3))


def test_corrupt_stream_keeps_playing_without_crashing(rtsp: RtspServer, streams: list[CaptureStream]) -> None:
    stream = CaptureStream(rtsp.url("/corrupt"), target_size=(320, 180), config=FAST_HEALTH).start()
    streams.append(stream)
    wait_for(lambda: stream.health.frames > 0, 6, "first frame")
    frames = collect(stream, 3.0)
    assert len(frames) > 30  # damaged pictures are still pictures; the reader carries on
    assert stream.running and stream.state() in (StreamState.LIVE, StreamState.FROZEN)


def test_server_stop_goes_offline_then_recovers_on_restart(clips: Clips, streams: list[CaptureStream]) -> None:
    with RtspServer({"/cam": clips.sub}) as server:
        stream = CaptureStream(server.url("/cam"), config=FAST_HEALTH).start()
        streams.append(stream)
        wait_for(lambda: stream.state() is StreamState.LIVE, 5, "live")
        server.stop()
        wait_for(lambda: stream.state() in (StreamState.STALLED, StreamState.OFFLINE), 4, "stalled")
        wait_for(lambda: stream.state() is StreamState.OFFLINE, 6, "offline")
        # A reconnect is scheduled (or already under way: the retry may fire between two reads).
        wait_for(lambda: stream.health.retry_in(time.monotonic()) is not None
                 or stream.state() is StreamState.CONNECTING, 3, "reconnect scheduled")
        server.start()
        wait_for(lambda: stream.state() is StreamState.LIVE, 8, "live again")
        before = stream.health.frames
        time.sleep(0.5)
        assert stream.health.frames > before


def test_synthetic_source_burns_a_counter_and_can_freeze(streams: list[CaptureStream]) -> None:
    stream = CaptureStream("synthetic://cam9?size=320x180&fps=25&freeze_after=1", config=FAST_HEALTH).start()
    streams.append(stream)
    frames = collect(stream, 0.6)
    counters = [read_code(f.image) for f in frames]
    assert len(counters) >= 8 and counters == sorted(set(counters))  # a counter that advances
    assert sum(b - a == 1 for a, b in zip(counters, counters[1:], strict=False)) >= 0.7 * (len(counters) - 1)
    wait_for(lambda: stream.state() is StreamState.FROZEN, 5, "frozen")


def test_freeze_detector_and_backoff() -> None:
    det = FreezeDetector(after_s=1.0, every_s=0.0)
    still = np.zeros((90, 160), np.uint8)
    assert not det.feed(still, 0.0)
    assert not det.feed(still, 0.9)
    assert det.feed(still, 1.1)
    moved = still.copy()
    moved[20:60, 40:100] = 200
    assert not det.feed(moved, 1.2)
    backoff = Backoff(0.5, 4.0)
    delays = [backoff.next() for _ in range(6)]
    assert 0.4 < delays[0] < 0.6 and 3.3 < delays[-1] < 4.7 and delays[3] > delays[1]
    backoff.reset()
    assert backoff.next() < 0.6


def test_a_silent_camera_does_not_hold_up_the_others(rtsp: RtspServer, streams: list[CaptureStream]) -> None:
    # A server that accepts connections but never answers (a hung camera): OpenCV would hold its
    # process-wide open lock for the whole timeout on every retry, keeping the good cameras waiting.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    try:
        port = silent.getsockname()[1]
        hung = CaptureStream(f"rtsp://127.0.0.1:{port}/cam", config=FAST_HEALTH).start()
        streams.append(hung)
        time.sleep(0.1)
        started = time.monotonic()
        good = [CaptureStream(rtsp.url(f"/cam{i:02d}/sub"), config=FAST_HEALTH).start() for i in (1, 2, 3)]
        streams.extend(good)
        wait_for(lambda: all(s.state() is StreamState.LIVE for s in good), 6, "the good cameras live")
        assert time.monotonic() - started < 3.0
        wait_for(lambda: hung.state() is StreamState.OFFLINE, 5, "the hung camera offline")
        assert "RTSP" in hung.health.error or "unreachable" in hung.health.error
    finally:
        silent.close()


def test_a_camera_that_hangs_mid_stream_goes_offline_within_the_io_timeout(
        clips: Clips, streams: list[CaptureStream]) -> None:
    # The connection stays open but nothing more arrives (a hung camera or a dead switch port): FFmpeg's
    # own I/O timeout must end the read, or the tile would say "stalled" forever and never reconnect.
    # FFmpeg's RTSP reader gives up after its second silent timeout (measured: 6.2 s with 3 s).
    with RtspServer({"/cam": clips.sub}) as server:
        stream = CaptureStream(server.url("/cam"), config=FAST_HEALTH).start()
        streams.append(stream)
        wait_for(lambda: stream.state() is StreamState.LIVE, 5, "live")
        pid = server.pid
        assert pid is not None
        os.kill(pid, signal.SIGSTOP)
        try:
            hung_at = time.monotonic()
            wait_for(lambda: stream.state() is StreamState.OFFLINE, 2 * IO_TIMEOUT_S + 3, "offline after the I/O timeout")
            assert time.monotonic() - hung_at >= IO_TIMEOUT_S - 0.5  # stalled first: no give-up on a hiccup
        finally:
            os.kill(pid, signal.SIGCONT)
        wait_for(lambda: stream.state() is StreamState.LIVE, 10, "live again")


@pytest.mark.parametrize("last", ["DESCRIBE", "PLAY"])
def test_a_camera_that_hangs_half_way_through_the_handshake_goes_offline_and_is_retried(
        streams: list[CaptureStream], last: str) -> None:
    # It answers up to ``last`` and then nothing (after PLAY: no media). FFmpeg's I/O timeout or the open's
    # own deadline, whichever comes first, ends the attempt; the reader says so and tries again. After PLAY
    # the open used to return at its deadline with no picture and the reader waited out two more I/O
    # timeouts (10 s of "connecting").
    server = HungRtspServer(last)
    try:
        stream = CaptureStream(f"rtsp://127.0.0.1:{server.port}/cam", config=FAST_HEALTH).start()
        streams.append(stream)
        started = time.monotonic()
        wait_for(lambda: last in server.asked, 5, f"{last} asked")
        limit = min(IO_TIMEOUT_S, OPEN_TIMEOUT_S) if last == "DESCRIBE" else OPEN_TIMEOUT_S
        limit += 1.0
        wait_for(lambda: stream.state() is StreamState.OFFLINE, limit, "offline")
        assert time.monotonic() - started < limit + 0.5
        assert stream.health.error
        wait_for(lambda: server.asked.count(last) >= 2, limit + 2, "a retry")
    finally:
        server.close()
