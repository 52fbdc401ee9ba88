"""Two aiortc call sessions peer to peer over an in-test signaling (no hub): offer/answer with the full
SDP, media both ways with the burned counter read back, stats, mute, camera off, switching the source."""

from __future__ import annotations

import asyncio
import time

import numpy as np
from aiortc.mediastreams import AudioStreamTrack
from calls_kit import until

from media.webrtc import counter
from media.webrtc.config import MediaConfig
from media.webrtc.session import CallMedia, MediaState, Role
from media.webrtc.sources import CallbackSource, SwitchableSource, SyntheticSource


def test_counter_burn_and_read_back() -> None:
    img = np.full((720, 1280, 3), 90, np.uint8)
    counter.burn(img, 12345, stamp_ms=7_654_321)
    assert counter.read(img) == (12345, 7_654_321)
    img[0:32, 0:192] = 0  # damage six bits: the checksum refuses it rather than misreading
    assert counter.read(img) is None
    assert counter.latency_ms(10, now=5) == (1 << 24) - 5  # wraps


def test_two_peers_media_both_ways() -> None:
    async def body() -> None:
        cfg = MediaConfig(width=640, height=360, stats_interval_s=0.5)
        got_a: list[np.ndarray] = []
        src_a = SwitchableSource(SyntheticSource(640, 360, "A"), 640, 360)
        mic = AudioStreamTrack()  # stands in for a microphone: relayed into each peer connection
        a = CallMedia(cfg, src_a, Role.OFFERER, burn_counter=True, read_counter=True, microphone=mic)
        b = CallMedia(cfg, SwitchableSource(SyntheticSource(640, 360, "B"), 640, 360), Role.ANSWERER,
                      burn_counter=True, read_counter=True, on_frame=got_a.append)
        try:
            t0 = time.monotonic()
            offer = await a.create_offer()
            assert "a=candidate" in offer and "a=end-of-candidates" in offer  # no trickle: all in one
            await a.accept_answer(await b.accept_offer(offer))
            await until(lambda: a.state == MediaState.CONNECTED and b.state == MediaState.CONNECTED, 10)
            print(f"connected both ways in {(time.monotonic() - t0) * 1000:.0f} ms")
            await until(lambda: len(a.latencies_ms) > 30 and len(b.latencies_ms) > 30, 10)
            assert sorted(a.latencies_ms)[len(a.latencies_ms) // 2] < 1000
            await until(lambda: a.stats.fps_in > 10 and a.stats.bitrate_in_kbps > 10, 5)
            await until(lambda: a.stats.rtt_ms is not None, 8)  # after the first RTCP receiver reports
            assert a.stats.loss_pct == 0.0
            assert b.audio_frames_in > 0 and a.audio_frames_in > 0

            a.set_camera_off(True)  # black frames (the counter blocks aside)
            await until(lambda: got_a[-1][100:, :].max() < 20, 5)
            a.set_camera_off(False)
            red = np.zeros((180, 320, 4), np.uint8)  # like the wall's readers: BGRX at tile size
            red[:] = (0, 0, 230, 255)
            src_a.switch(CallbackSource(lambda: red, 640, 360))  # "share the scene"
            await until(lambda: got_a[-1][200:, :, 2].mean() > 180, 5)
            src_a.switch(None)
            await until(lambda: got_a[-1][200:, :, 2].mean() < 150, 5)
            a.set_muted(True)
            assert all(t.muted for t in a._audio_tracks)
        finally:
            await a.close()
            await b.close()
        assert a.state == MediaState.ENDED and a.end_reason == "normal"
        assert mic.readyState == "ended"  # the device is released with the call"

    asyncio.run(asyncio.wait_for(body(), 60))


def test_a_long_ring_is_not_a_media_failure_but_no_media_after_answer_is() -> None:
    async def body() -> None:
        cfg = MediaConfig(width=320, height=180)
        a = CallMedia(cfg, SwitchableSource(SyntheticSource(320, 180, "A"), 320, 180), Role.OFFERER,
                      connect_timeout_s=0.5)
        b = CallMedia(cfg, SwitchableSource(SyntheticSource(320, 180, "B"), 320, 180), Role.ANSWERER,
                      connect_timeout_s=0.5)
        try:
            offer = await a.create_offer()
            await asyncio.sleep(1.2)  # ringing longer than the connect timeout
            assert a.state == MediaState.CONNECTING
            answer = await b.accept_offer(offer)
            await a.accept_answer(answer)
            await until(lambda: a.state == MediaState.CONNECTED, 10)
        finally:
            await a.close()
            await b.close()
        # An answer whose media never arrives ends as a media failure.
        c = CallMedia(cfg, SwitchableSource(SyntheticSource(320, 180, "C"), 320, 180), Role.OFFERER,
                      connect_timeout_s=0.5)
        d = CallMedia(cfg, SwitchableSource(SyntheticSource(320, 180, "D"), 320, 180), Role.ANSWERER)
        await c.create_offer()
        x = CallMedia(cfg, SwitchableSource(SyntheticSource(320, 180, "X"), 320, 180), Role.OFFERER)
        other = await x.create_offer()
        answer = await d.accept_offer(other)  # an answer to a different offer: ICE/DTLS cannot match
        try:
            await c.accept_answer(answer)
        except Exception:  # noqa: BLE001 - aiortc may refuse it outright; then the timeout must still fire
            pass
        await until(lambda: c.state == MediaState.ENDED, 5)
        assert c.end_reason == "media_failure"
        await c.close()  # waits for the close its watch loop began
        await d.close()
        await x.close()

    asyncio.run(asyncio.wait_for(body(), 60))


def test_stopping_the_loop_thread_mid_call_closes_the_call_and_leaves_no_decoder_threads() -> None:
    """Quitting with a call up: the loop thread's stop closes both connections (not only cancels their
    tasks), so no decoder thread is left to keep the process from exiting."""
    import threading

    from media.webrtc.loop_thread import LoopThread

    def decoders() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name.endswith("-decoder")}

    before = decoders()
    cfg = MediaConfig(width=320, height=180)
    lt = LoopThread("test-stop-mid-call")
    a = CallMedia(cfg, SwitchableSource(SyntheticSource(320, 180, "A"), 320, 180), Role.OFFERER)
    b = CallMedia(cfg, SwitchableSource(SyntheticSource(320, 180, "B"), 320, 180), Role.ANSWERER)

    async def connect() -> None:
        await a.accept_answer(await b.accept_offer(await a.create_offer()))
        await until(lambda: a.frames_in > 5 and b.frames_in > 5, 10)

    lt.call(connect())
    assert len(decoders() - before) == 4  # audio and video, on each side
    lt.stop()
    assert a.state == b.state == MediaState.ENDED and a.closed and b.closed
    assert not decoders() - before
    assert lt.loop.is_closed()
