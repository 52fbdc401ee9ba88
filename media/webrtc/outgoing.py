"""The console's side of one call, on the asyncio worker thread: invite with the offer, follow the hub's
call messages, run the media, renegotiate through the hub when the path is lost.

Events go out through `on_event(name, data)` (on the loop thread: the Qt controller re-emits them as
queued signals): created, ringing, answered, media (our state), remote_media (the town's), stats, ended.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from media.webrtc.config import MediaConfig
from media.webrtc.session import CallMedia, MediaState, Role
from media.webrtc.signaling import Signaling
from media.webrtc.sources import SwitchableSource
from media.webrtc.stats import CallStats

log = logging.getLogger(__name__)
_refs = itertools.count(1)

EventSink = Callable[[str, dict[str, Any]], None]


class OutgoingCall:
    def __init__(
        self,
        signaling: Signaling,
        config: MediaConfig,
        video: SwitchableSource,
        *,
        on_event: EventSink | None = None,
        on_frame: Callable[[np.ndarray], None] | None = None,
        microphone: Any = None,
        burn_counter: bool = False,
        read_counter: bool = False,
        sdp_filter: Callable[[str], str] | None = None,
        on_local_frame: Callable[[np.ndarray], None] | None = None,
        on_audio: Callable[[bytes], None] | None = None,
        remote_sdp_filter: Callable[[str], str] | None = None,
    ) -> None:
        self.signaling = signaling
        self.on_event = on_event or (lambda name, data: None)
        self.ref = f"call-{next(_refs)}"
        self.call_id: str | None = None
        self.town: str | None = None
        self.ended = asyncio.Event()
        self.end_reason: str | None = None
        self.times: dict[str, float] = {}  # monotonic: invite, created, ringing, answered, first_frame, ended
        self.media = CallMedia(config, video, Role.OFFERER, microphone=microphone, on_frame=on_frame,
                               on_state=self._on_media_state, on_stats=self._on_stats,
                               send_reoffer=self._send_reoffer, burn_counter=burn_counter,
                               read_counter=read_counter, sdp_filter=sdp_filter, on_local_frame=on_local_frame,
                               on_audio=on_audio, remote_sdp_filter=remote_sdp_filter)

    async def invite(self, town: str, alert: dict[str, Any]) -> None:
        self.town = town
        if self.ended.is_set():  # hung up before dialing started
            return
        self.times["invite"] = time.monotonic()
        try:
            sdp = await self.media.create_offer()
        except Exception:
            if self.ended.is_set():  # hung up while the offer was being made (its connection closed)
                return
            raise
        if self.ended.is_set():
            return
        await self.signaling.send({"type": "call.invite", "ref": self.ref, "town": town, "alert": alert,
                                   "sdp": sdp})

    async def on_message(self, msg: dict[str, Any]) -> None:
        """Feed every call.* message from the hub here; messages of other calls are ignored."""
        kind = msg.get("type")
        if kind == "call.created" and msg.get("ref") == self.ref:
            self.call_id = msg["call_id"]
            if self.ended.is_set():  # hung up while dialing, before the hub named the call: cancel it now
                await self._tell({"type": "call.cancel", "call_id": self.call_id})
                return
            self._mark("created", msg)
            return
        if kind == "call.error" and msg.get("ref") == self.ref and self.call_id is None:
            await self._finish(msg.get("error", "error"), msg)
            return
        if self.call_id is None or msg.get("call_id") != self.call_id:
            return
        if kind == "call.ringing":
            self._mark("ringing", msg)
        elif kind == "call.answered":
            self.times["answered"] = time.monotonic()
            self.on_event("answered", {"desk": msg.get("desk")})  # before media can report "connected"
            await self.media.accept_answer(msg["sdp"])
        elif kind == "call.reanswer":
            attempt = msg.get("attempt")
            await self.media.accept_answer(msg["sdp"], attempt if isinstance(attempt, int) else None)
        elif kind == "call.media":
            self.on_event("remote_media", {"state": msg.get("state")})
        elif kind == "call.ended":
            await self._finish(msg.get("reason", "normal"), msg)
        elif kind == "call.error":
            self.on_event("error", msg)

    def _mark(self, name: str, msg: dict[str, Any]) -> None:
        self.times[name] = time.monotonic()
        self.on_event(name, msg)

    async def hangup(self, reason: str = "normal") -> None:
        if self.ended.is_set():  # ended already; its media may still be closing: wait until it has
            await self.media.close(reason)
            return
        if self.call_id is not None:
            kind = "call.hangup" if "answered" in self.times else "call.cancel"
            try:
                await self.signaling.send({"type": kind, "call_id": self.call_id, "reason": reason})
            except Exception:  # noqa: BLE001 - hub gone: end locally anyway
                log.info("hangup not delivered", exc_info=True)
        await self._finish(reason if "answered" in self.times else "cancelled", {})

    async def abort(self, reason: str) -> None:
        """Ends the call locally without telling the hub (e.g. the invite could not be sent)."""
        await self._finish(reason, {})

    async def _finish(self, reason: str, msg: dict[str, Any]) -> None:
        if self.ended.is_set():
            return
        self.end_reason = reason
        self.times["ended"] = time.monotonic()
        self.ended.set()
        await self.media.close(reason)
        self.on_event("ended", {"reason": reason, "detail": msg.get("detail"), "duration_s": msg.get("duration_s")})

    async def _send_reoffer(self, sdp: str, attempt: int) -> None:
        await self.signaling.send({"type": "call.reoffer", "call_id": self.call_id, "sdp": sdp, "attempt": attempt})

    def _on_media_state(self, state: MediaState, reason: str | None) -> None:
        if state == MediaState.CONNECTED and "first_frame" not in self.times:
            self.times["first_frame"] = time.monotonic()
        self.on_event("media", {"state": str(state), "reason": reason})
        if self.call_id is not None and state in (MediaState.RECONNECTING, MediaState.CONNECTED):
            asyncio.ensure_future(self._tell({"type": "call.media", "call_id": self.call_id, "state": str(state)}))
        if state == MediaState.ENDED and reason in ("network_failure", "media_failure") and not self.ended.is_set():
            asyncio.ensure_future(self._fail(reason))

    async def _fail(self, reason: str) -> None:
        await self._tell({"type": "call.hangup", "call_id": self.call_id, "reason": reason})
        await self._finish(reason, {})

    async def _tell(self, msg: dict[str, Any]) -> None:
        try:
            await self.signaling.send(msg)
        except Exception:  # noqa: BLE001 - best effort: the hub may be unreachable during a network loss
            log.info("could not tell the hub %s", msg.get("type"))

    def _on_stats(self, st: CallStats) -> None:
        self.on_event("stats", st.to_dict())
