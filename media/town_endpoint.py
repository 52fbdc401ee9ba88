"""`hall town`: a town's duty desk in Python (aiortc), headless, answering calls automatically with a
synthetic picture or a video file. Used by `hall demo` (simulated towns), the tests and the bench.

    run_town("http://127.0.0.1:8765", token, auto_answer_delay_s=2.0, video=None)   # blocks
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from media.webrtc.config import IceServer, MediaConfig
from media.webrtc.session import CallMedia, MediaState, Role
from media.webrtc.signaling import WsSignaling
from media.webrtc.sources import CaptureSource, SwitchableSource, SyntheticSource, VideoSource

log = logging.getLogger(__name__)


def ws_url(hub_url: str, path: str) -> str:
    """http(s)://host:port or ws(s)://host:port -> ws(s)://host:port/<path>."""
    parts = urlsplit(hub_url if "://" in hub_url else f"http://{hub_url}")
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    return urlunsplit((scheme, parts.netloc, path, "", ""))


class TownEndpoint:
    """One desk: rings on call.incoming, answers after `auto_answer_delay_s` (None: never by itself)."""

    def __init__(
        self,
        hub_url: str,
        token: str,
        *,
        auto_answer_delay_s: float | None = 1.0,
        video: str | None = None,
        config: MediaConfig | None = None,
        label: str = "town",
        on_event: Callable[[str, dict[str, Any]], None] | None = None,
        on_frame: Callable[[np.ndarray], None] | None = None,
        burn_counter: bool = False,
        read_counter: bool = False,
        sdp_filter: Callable[[str], str] | None = None,
        decline_reason: str | None = None,
        on_local_frame: Callable[[np.ndarray], None] | None = None,
        tls_ca: str | None = None,
    ) -> None:
        self.on_local_frame = on_local_frame
        self.url = ws_url(hub_url, "/ws/town")
        self.token = token
        self.auto_answer_delay_s = auto_answer_delay_s
        self.config = config or MediaConfig()
        self.label = label
        self.on_event = on_event or (lambda name, data: None)
        self.on_frame = on_frame
        self.burn_counter, self.read_counter, self.sdp_filter = burn_counter, read_counter, sdp_filter
        self.decline_reason = decline_reason
        self._video_spec = video
        self._source: VideoSource | None = None
        self.link = WsSignaling(self.url, {"type": "auth", "token": token}, self.on_message, tls_ca=tls_ca)
        self.call_id: str | None = None
        self.incoming: dict[str, Any] | None = None
        self.media: CallMedia | None = None
        self._medias: list[CallMedia] = []  # every call's media, so stop() can wait for closes in progress
        self.events: list[tuple[float, str, dict[str, Any]]] = []
        self.presence: dict[str, Any] = {}
        self._answer_task: asyncio.Task | None = None

    # ---- lifecycle ---------------------------------------------------------------------------------
    async def start(self) -> None:
        await self.link.connect()

    async def stop(self) -> None:
        await self._end_media("normal")
        for media in self._medias:  # also a close begun elsewhere (e.g. a network failure): wait for it
            await media.close("normal")
        self._medias.clear()
        await self.link.close()
        if self._source is not None:
            self._source.close()

    def _emit(self, name: str, data: dict[str, Any]) -> None:
        self.events.append((time.monotonic(), name, data))
        self.on_event(name, data)

    def _video(self) -> SwitchableSource:
        c = self.config
        if self._source is None:
            if self._video_spec and self._video_spec != "synthetic":
                spec = self._video_spec
                target: int | str = int(spec) if spec.isdigit() else spec  # "0" = camera 0
                self._source = CaptureSource(target, c.width, c.height)
            else:
                self._source = SyntheticSource(c.width, c.height, self.label, color=(30, 80, 40))
        return SwitchableSource(self._source, c.width, c.height)

    # ---- messages ----------------------------------------------------------------------------------
    async def on_message(self, msg: dict[str, Any]) -> None:
        kind = msg.get("type")
        if kind == "call.config":
            servers = tuple(IceServer.from_dict(s) for s in msg.get("ice_servers") or [])
            self.config = replace(self.config, ice_servers=servers)
        elif kind == "presence.self":
            self.presence = msg
            self._emit("presence", msg)
        elif kind == "call.incoming":
            await self._incoming(msg)
        elif msg.get("call_id") != self.call_id or self.call_id is None:
            if kind == "call.error":
                self._emit("error", msg)
        elif kind == "call.reoffer" and self.media is not None:
            media = self.media
            try:
                answer = await media.accept_offer(msg["sdp"])
            except Exception:  # noqa: BLE001 - e.g. the call ended while answering: never kill the reader
                if media.state != MediaState.ENDED:
                    log.exception("could not answer re-offer of call %s", self.call_id)
                return
            await self.link.send({"type": "call.reanswer", "call_id": self.call_id, "sdp": answer,
                                  "attempt": msg.get("attempt")})
        elif kind in ("call.taken", "call.ended"):
            self._emit("ended" if kind == "call.ended" else "taken", msg)
            await self._end_media(msg.get("reason", "taken"), tell=False)
        elif kind == "call.media":
            self._emit("remote_media", msg)
        elif kind == "call.error":
            self._emit("error", msg)

    async def _incoming(self, msg: dict[str, Any]) -> None:
        if self.call_id is not None:  # the hub only rings free desks; be safe anyway
            return
        self.call_id, self.incoming = msg["call_id"], msg
        await self.link.send({"type": "call.ringing", "call_id": self.call_id})
        self._emit("ringing", msg)
        if self.decline_reason is not None:
            await self.decline(self.decline_reason)
        elif self.auto_answer_delay_s is not None:
            self._answer_task = asyncio.ensure_future(self._auto_answer(self.call_id, self.auto_answer_delay_s))

    async def _auto_answer(self, call_id: str, delay: float) -> None:
        await asyncio.sleep(delay)
        if self.call_id == call_id and self.media is None:
            await self.answer()

    async def answer(self) -> None:
        if self.incoming is None or self.call_id is None or self.media is not None:
            return  # nothing ringing (ended meanwhile), or already answered
        call_id = self.call_id
        self.media = media = CallMedia(self.config, self._video(), Role.ANSWERER, on_frame=self.on_frame,
                               on_state=self._on_media_state, burn_counter=self.burn_counter,
                               read_counter=self.read_counter, sdp_filter=self.sdp_filter,
                               on_local_frame=self.on_local_frame)
        self._medias = [m for m in self._medias if not m.closed] + [media]
        try:
            sdp = await media.accept_offer(self.incoming["sdp"])
        except Exception:
            if self.call_id != call_id:  # the call ended while we were answering: nothing to do
                return
            log.exception("could not answer call %s", call_id)
            self.media = None
            await media.close("media_failure")
            await self.decline("media failure at the town")
            return
        if self.call_id != call_id:
            await media.close("cancelled")
            return
        await self.link.send({"type": "call.answer", "call_id": call_id, "sdp": sdp})
        self._emit("answered", {"call_id": call_id})

    async def decline(self, reason: str) -> None:
        if self.call_id is not None:
            await self.link.send({"type": "call.decline", "call_id": self.call_id, "reason": reason})
            self._emit("ended", {"call_id": self.call_id, "reason": "declined"})
            self.call_id = self.incoming = None

    async def hangup(self, reason: str = "normal") -> None:
        await self._end_media(reason, tell=True)

    def _on_media_state(self, state: MediaState, reason: str | None) -> None:
        self._emit("media", {"state": str(state), "reason": reason})
        call_id = self.call_id
        if call_id is None:
            return
        if state in (MediaState.RECONNECTING, MediaState.CONNECTED):
            asyncio.ensure_future(self._tell({"type": "call.media", "call_id": call_id, "state": str(state)}))
        elif state == MediaState.ENDED and reason in ("network_failure", "media_failure"):
            asyncio.ensure_future(self._end_media(reason, tell=True))

    async def _tell(self, msg: dict[str, Any]) -> None:
        with contextlib.suppress(Exception):
            await self.link.send(msg)

    async def _end_media(self, reason: str, tell: bool = False) -> None:
        call_id, media = self.call_id, self.media
        self.call_id = self.incoming = self.media = None
        if self._answer_task is not None:
            self._answer_task.cancel()
        if tell and call_id is not None:
            await self._tell({"type": "call.hangup", "call_id": call_id, "reason": reason})
            self._emit("ended", {"call_id": call_id, "reason": reason})
        if media is not None:
            await media.close(reason)


async def run_town_async(hub_url: str, token: str, auto_answer_delay_s: float | None = 2.0,
                         video: str | None = None, *, width: int = 1280, height: int = 720,
                         label: str = "town", retry_s: float = 3.0, tls_ca: str | None = None) -> None:
    """Keeps one desk online: reconnects to the hub whenever the link drops."""
    config = MediaConfig(width=width, height=height)
    while True:
        town = TownEndpoint(hub_url, token, auto_answer_delay_s=auto_answer_delay_s, video=video,
                            config=config, label=label, tls_ca=tls_ca)
        try:
            await town.start()
            log.info("town desk online at %s", town.url)
            await town.link.closed.wait()
        except (OSError, PermissionError) as exc:
            log.warning("town desk: %s; retrying in %.0f s", exc, retry_s)
            if isinstance(exc, PermissionError):
                raise
        finally:
            await town.stop()
        await asyncio.sleep(retry_s)


def run_town(hub_url: str, token: str, auto_answer_delay_s: float | None = 2.0, video: str | None = None,
             **kwargs: Any) -> None:
    """Blocking entry point for `hall town` (Ctrl-C to stop)."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_town_async(hub_url, token, auto_answer_delay_s, video, **kwargs))
