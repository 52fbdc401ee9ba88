"""One call's media on the asyncio worker thread: offer/answer with the full SDP, inbound frames, stats,
loss detection, and recovery by renegotiation (a brand-new peer connection and a new offer).

aiortc has no ICE restart and no "disconnected" state (a dead path is noticed after ~30 s of consent
failures), so liveness is ours: no inbound media for `loss_timeout_s` = reconnecting. The offerer then
sends a fresh offer every `reoffer_interval_s` until one connects or `reconnect_window_s` runs out
(-> ended, reason "network_failure"). Either side may be the one that notices first.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Awaitable, Callable
from enum import StrEnum

import numpy as np
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaRelay
from aiortc.exceptions import InvalidStateError
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from av import AudioResampler

from media.webrtc import counter
from media.webrtc.config import MediaConfig
from media.webrtc.sources import SwitchableSource
from media.webrtc.stats import CallStats, StatsMeter
from media.webrtc.tracks import MutableAudioTrack, OutgoingVideoTrack

log = logging.getLogger(__name__)


class _ClosedWhileConnecting(logging.Filter):
    """aiortc runs RTCPeerConnection.__connect as a task nobody awaits: closing a connection while it
    connects (a hang-up right after the answer, a superseded re-offer) fails that task with
    InvalidStateError, which asyncio then logs as "Task exception was never retrieved". Expected, not an
    error: drop exactly that record."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not (isinstance(exc, InvalidStateError) and "RTCPeerConnection.__connect" in record.getMessage())


logging.getLogger("asyncio").addFilter(_ClosedWhileConnecting())


class MediaState(StrEnum):
    NEW = "new"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    ENDED = "ended"


class Role(StrEnum):
    OFFERER = "offerer"  # the console: it drives renegotiation
    ANSWERER = "answerer"  # the town


FrameSink = Callable[[np.ndarray], None]
StateSink = Callable[[MediaState, str | None], None]
StatsSink = Callable[[CallStats], None]
Reoffer = Callable[[str, int], Awaitable[None]]  # (sdp, attempt number echoed by the answer)


class CallMedia:
    def __init__(
        self,
        config: MediaConfig,
        video: SwitchableSource,
        role: Role,
        *,
        microphone: MediaStreamTrack | None = None,
        on_frame: FrameSink | None = None,
        on_state: StateSink | None = None,
        on_stats: StatsSink | None = None,
        send_reoffer: Reoffer | None = None,
        burn_counter: bool = False,
        read_counter: bool = False,
        sdp_filter: Callable[[str], str] | None = None,
        connect_timeout_s: float = 15.0,
        on_local_frame: FrameSink | None = None,
        on_audio: Callable[[bytes], None] | None = None,
        remote_sdp_filter: Callable[[str], str] | None = None,
    ) -> None:
        self.remote_sdp_filter = remote_sdp_filter  # a test seam (e.g. route the peer through a relay)
        self.on_local_frame = on_local_frame
        # Remote audio as 48 kHz stereo s16 PCM chunks (the console's speaker); None = not played.
        self.on_audio = on_audio
        self.audio_frames_in = 0
        self.config = config
        self.video = video
        self.role = role
        self.on_frame = on_frame
        self.on_state = on_state
        self.on_stats = on_stats
        self.send_reoffer = send_reoffer
        self.burn_counter = burn_counter
        self.read_counter = read_counter
        self.sdp_filter = sdp_filter
        self.connect_timeout_s = connect_timeout_s
        self.state = MediaState.NEW
        self.end_reason: str | None = None
        self.has_microphone = microphone is not None
        self._relay = MediaRelay() if microphone is not None else None
        self._microphone = microphone
        self._muted = False
        self._pc: RTCPeerConnection | None = None  # the connection carrying media
        self._pending: RTCPeerConnection | None = None  # a renegotiation not yet connected
        # Every connection made and not yet fully closed, whatever role it has now: close() closes them all.
        # One left open keeps aiortc's non-daemon decoder threads alive, and the process cannot exit.
        self._pcs: set[RTCPeerConnection] = set()
        self._closing: dict[RTCPeerConnection, asyncio.Task] = {}
        self._close_task: asyncio.Task | None = None
        self._closed = asyncio.Event()  # set once close() has closed every connection
        self._audio_tracks: list[MutableAudioTrack] = []
        self._video_tracks: list[OutgoingVideoTrack] = []
        self._frames_out_closed = 0  # frames sent by connections already closed
        self._tasks: set[asyncio.Task] = set()
        self._last_inbound = 0.0
        self._connect_deadline: float | None = None  # set once both descriptions are in (not while ringing)
        self._reconnect_deadline = 0.0
        self._last_attempt = 0.0
        self.frames_in = 0
        self.first_frame_at: float | None = None  # monotonic
        self.latencies_ms: list[float] = []
        self.reconnects = 0
        self.stats = CallStats()
        self._meter = StatsMeter()
        self._monitor: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None  # the loop running this call (set on start)

    # ---- negotiation -------------------------------------------------------------------------------
    def _new_pc(self) -> RTCPeerConnection:
        if self.state == MediaState.ENDED:  # close() may have run while the caller awaited something
            raise RuntimeError("this call's media has ended")
        pc = RTCPeerConnection(self.config.rtc_configuration())
        self._pcs.add(pc)
        audio = MutableAudioTrack(self._relay.subscribe(self._microphone) if self._relay else None)
        audio.muted = self._muted
        video = OutgoingVideoTrack(self.video, self.config.fps, self.burn_counter, self.on_local_frame)
        self._audio_tracks.append(audio)
        self._video_tracks.append(video)
        pc.addTrack(audio)
        pc.addTrack(video)

        @pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            self._spawn(self._read_video(track) if track.kind == "video" else self._read_audio(track))

        @pc.on("connectionstatechange")
        async def on_conn() -> None:
            log.debug("pc %s %s", id(pc), pc.connectionState)
            if pc is self._pending and pc.connectionState == "connected" and self.state != MediaState.ENDED:
                await self._promote(pc)

        return pc

    def _local_sdp(self, pc: RTCPeerConnection) -> str:
        sdp = pc.localDescription.sdp
        return self.sdp_filter(sdp) if self.sdp_filter else sdp

    async def create_offer(self) -> str:
        """The first offer (offerer side)."""
        self._start()
        pc = self._new_pc()
        self._pc = pc
        await pc.setLocalDescription(await pc.createOffer())  # gathers all candidates: no trickle
        return self._local_sdp(pc)

    async def accept_answer(self, sdp: str, attempt: int | None = None) -> None:
        """The answer to our first offer (attempt None) or to a re-offer: a stale one is ignored, since
        applying it to a newer connection would ruin that attempt."""
        if attempt is not None and attempt != self.reconnects:
            log.info("ignoring the answer to re-offer %s (now at %s)", attempt, self.reconnects)
            return
        pc = self._pending or self._pc
        if pc is None or pc.signalingState != "have-local-offer":
            log.info("ignoring an answer in state %s", pc and pc.signalingState)
            return
        if self._connect_deadline is None:  # also when the answer below is refused: it ends as media_failure
            self._connect_deadline = time.monotonic() + self.connect_timeout_s
        if self.remote_sdp_filter is not None:
            sdp = self.remote_sdp_filter(sdp)
        await pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))

    async def accept_offer(self, sdp: str) -> str:
        """Answers an offer: the first one, or a renegotiation (a new connection beside the old one)."""
        self._start()
        if self._pc is not None:
            await self._drop_pending()
        pc = self._new_pc()  # after the await: refused if the call ended meanwhile
        if self._pc is None:
            self._pc = pc
            self._connect_deadline = time.monotonic() + self.connect_timeout_s
        else:
            self._pending = pc
        await pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        return self._local_sdp(pc)

    async def _renegotiate(self) -> None:
        if self.send_reoffer is None or self.state != MediaState.RECONNECTING:
            return
        self._last_attempt = time.monotonic()  # first, so the watch loop never starts a second one meanwhile
        self.reconnects += 1
        await self._drop_pending()
        if self.state != MediaState.RECONNECTING:  # connected again, or ended, while the old one closed
            return
        pc = self._new_pc()
        self._pending = pc
        await pc.setLocalDescription(await pc.createOffer())
        try:
            await self.send_reoffer(self._local_sdp(pc), self.reconnects)
        except Exception:  # noqa: BLE001 - the signaling path may be down too: retried next interval
            log.info("re-offer could not be sent", exc_info=True)

    async def _promote(self, pc: RTCPeerConnection) -> None:
        old, self._pc, self._pending = self._pc, pc, None
        if old is not None:
            await self._close_pc(old)

    async def _drop_pending(self) -> None:
        if self._pending is not None:
            pc, self._pending = self._pending, None
            await self._close_pc(pc)

    async def _close_pc(self, pc: RTCPeerConnection) -> None:
        """Closes `pc` completely even when the caller is cancelled: the close runs as its own task, and a
        second caller waits for the same one. A close cut short (a cancelled RTCPeerConnection.close())
        leaves receivers running: their decoder threads then wait on their queues forever."""
        task = self._closing.get(pc)
        if task is None:
            task = asyncio.ensure_future(self._close_pc_now(pc))
            self._closing[pc] = task
        await asyncio.shield(task)

    async def _close_pc_now(self, pc: RTCPeerConnection) -> None:
        for sender in pc.getSenders():
            track = sender.track
            if track is not None:
                track.stop()
                if track in self._video_tracks:  # keep its count: frames_out never goes backwards
                    self._frames_out_closed += track.sent  # type: ignore[attr-defined]
                    self._video_tracks.remove(track)  # type: ignore[arg-type]
                if track in self._audio_tracks:
                    self._audio_tracks.remove(track)  # type: ignore[arg-type]
        try:
            await pc.close()
        except Exception:  # noqa: BLE001 - closing a connection that failed: still counted as closed
            log.info("closing a peer connection failed", exc_info=True)
        self._pcs.discard(pc)
        self._closing.pop(pc, None)

    # ---- inbound media -----------------------------------------------------------------------------
    async def _read_video(self, track: MediaStreamTrack) -> None:
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            now = time.monotonic()
            self._last_inbound = now
            self.frames_in += 1
            if self.first_frame_at is None:
                self.first_frame_at = now
            img = frame.to_ndarray(format="bgr24")
            if self.read_counter:
                got = counter.read(img)
                if got is not None:
                    lat = counter.latency_ms(got[1])
                    self.latencies_ms.append(lat)
                    self.stats.latency_ms = lat
            if self.state in (MediaState.CONNECTING, MediaState.RECONNECTING):
                self._set_state(MediaState.CONNECTED)
            if self.on_frame is not None:
                self.on_frame(img)

    async def _read_audio(self, track: MediaStreamTrack) -> None:
        resampler = AudioResampler(format="s16", layout="stereo", rate=48000) if self.on_audio else None
        while True:
            try:
                frame = await track.recv()  # its arrival also proves the path is alive
            except MediaStreamError:
                return
            self._last_inbound = time.monotonic()
            self.audio_frames_in += 1
            if resampler is not None and self.on_audio is not None:
                for out in resampler.resample(frame):
                    self.on_audio(bytes(out.planes[0])[:out.samples * 4])

    # ---- liveness, stats ---------------------------------------------------------------------------
    def _start(self) -> None:
        if self.state == MediaState.ENDED:
            raise RuntimeError("this call's media has ended")
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
            _live_media.add(self)
        if self._monitor is None:
            self._set_state(MediaState.CONNECTING)
            self._monitor = self._spawn(self._watch())

    async def _watch(self) -> None:
        next_stats = time.monotonic() + self.config.stats_interval_s
        while self.state != MediaState.ENDED:
            await asyncio.sleep(0.2)
            now = time.monotonic()
            deadline = self._connect_deadline
            if self.state == MediaState.CONNECTING and deadline is not None and now > deadline:
                await self.close("media_failure")
                return
            if self.state == MediaState.CONNECTED and now - self._last_inbound > self.config.loss_timeout_s:
                self._reconnect_deadline = now + self.config.reconnect_window_s
                self._set_state(MediaState.RECONNECTING)
                self._spawn(self._renegotiate())
            elif self.state == MediaState.RECONNECTING:
                if now > self._reconnect_deadline:
                    await self.close("network_failure")
                    return
                if now - self._last_attempt > self.config.reoffer_interval_s:
                    self._spawn(self._renegotiate())
            if now >= next_stats and self._pc is not None:
                next_stats = now + self.config.stats_interval_s
                await self._collect_stats()

    async def _collect_stats(self) -> None:
        try:
            report = await self._pc.getStats()
        except Exception:  # noqa: BLE001 - a connection closing under us
            return
        frames_out = self.frames_out
        st = self._meter.update(report, self.frames_in, frames_out)
        st.latency_ms = self.stats.latency_ms
        self.stats = st
        if self.on_stats is not None:
            self.on_stats(st)

    @property
    def closed(self) -> bool:
        """True once close() has finished: every peer connection closed, decoder threads gone."""
        return self._closed.is_set()

    @property
    def frames_out(self) -> int:
        return self._frames_out_closed + sum(t.sent for t in self._video_tracks)

    def _set_state(self, state: MediaState, reason: str | None = None) -> None:
        if state == self.state:
            return
        self.state = state
        if self.on_state is not None:
            self.on_state(state, reason)

    def _spawn(self, coro: Awaitable) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # ---- controls ----------------------------------------------------------------------------------
    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        for t in self._audio_tracks:
            t.muted = muted

    def set_camera_off(self, off: bool) -> None:
        self.video.camera_off = off

    async def close(self, reason: str = "normal") -> None:
        """Ends the media: every peer connection closed (decoder threads joined), every task of ours done.

        The work runs as one task of its own that a caller's cancellation cannot cut short (e.g. the
        signalling reader that delivered "call.ended" being cancelled as its link closes); a second
        caller waits for the same one, so a returned close() always means closed."""
        if self._close_task is None:
            self.end_reason = reason
            self._set_state(MediaState.ENDED, reason)
            self._close_task = asyncio.ensure_future(self._close_everything())
        if asyncio.current_task() in self._tasks:  # one of ours: the close cancels it and waits for it
            return
        await asyncio.shield(self._close_task)

    async def _close_everything(self) -> None:
        while self._pcs:  # none can be added once ENDED (_new_pc refuses)
            for pc in list(self._pcs):
                await self._close_pc(pc)
        self._pc = self._pending = None
        if self._microphone is not None:  # release the device (a MediaPlayer stops with its last track)
            self._microphone.stop()
        tasks = list(self._tasks)
        for t in tasks:
            t.cancel()
        if tasks:  # e.g. a re-offer in flight: let it unwind before we say closed
            await asyncio.wait(tasks, timeout=5)
        self._closed.set()


_live_media: weakref.WeakSet[CallMedia] = weakref.WeakSet()


async def close_all_media(reason: str = "shutdown") -> None:
    """Closes every call's media still open on the running loop (the loop thread's shutdown, before it
    cancels what is left: a peer connection must be closed, never cancelled, or its decoders stay)."""
    loop = asyncio.get_running_loop()
    for media in list(_live_media):
        if media._loop is loop:
            await media.close(reason)
