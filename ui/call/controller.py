"""CallController: the main window's handle on calls. Runs the call on the hub bridge's asyncio loop and
re-emits what happens as Qt signals (queued to the GUI thread: the controller lives there).

    calls = CallController(bridge.loop, lambda m: bridge.client.send(m), MediaConfig(ice_servers=...))
    bridge.sig_message.connect(calls.feed)          # every call.* / presence.* message from the hub
    panel = CallPanel(calls, town_names={"lh": "龙华镇"})
    calls.call_alert(alert, town_names, window)     # the "Call town" button / key (asks when no town)
    calls.call_town(alert, "lh")                    # or a given town
    calls.set_scene_provider(lambda: wall_newest)   # what "Share the scene" sends (a newest-frame getter)
    panel.sig_snapshot.connect(attach_to_alert)     # (alert_id, png bytes)
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import QObject, Signal

from console.domain.alert import Alert
from media.frame_mailbox import FrameMailbox
from media.webrtc.config import IceServer, MediaConfig
from media.webrtc.local_devices import open_camera, open_microphone
from media.webrtc.outgoing import OutgoingCall
from media.webrtc.sources import CallbackSource, CardSource, SwitchableSource, VideoSource
from ui.call.audio_out import AudioOut
from ui.call.card import render_card

log = logging.getLogger(__name__)

Send = Callable[[dict[str, Any]], Awaitable[None]]
Newest = Callable[[], np.ndarray | None]


class _Link:
    def __init__(self, send: Send) -> None:
        self._send = send

    async def send(self, msg: dict[str, Any]) -> None:
        await self._send(msg)


class CallController(QObject):
    # phase: dialing, ringing, connecting, connected, reconnecting, ended; data: reason, desk, town...
    sig_phase = Signal(str, object)
    sig_stats = Signal(object)  # dict: rtt_ms, loss_pct, bitrate_in_kbps, bitrate_out_kbps, fps_in, fps_out
    sig_remote_media = Signal(str)  # the town's media state (e.g. reconnecting)
    sig_presence = Signal(object)  # {town id: "online" | "busy" | "offline"}
    sig_snapshot = Signal(int, bytes)  # alert id (0 when none), PNG of the remote video
    sig_notice = Signal(str)  # e.g. no camera: sending a card
    sig_history = Signal(object)  # list of call records (dicts) from the hub
    _stop_audio = Signal()  # the sink belongs to the GUI thread

    def __init__(self, loop: asyncio.AbstractEventLoop, send: Send, config: MediaConfig | None = None, *,
                 use_camera: bool = True, use_microphone: bool = True,
                 primary_source: VideoSource | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loop = loop
        self.link = _Link(send)
        self.config = config or MediaConfig()
        self.use_camera, self.use_microphone = use_camera, use_microphone
        self.primary_source = primary_source
        self.remote = FrameMailbox()
        self.local = FrameMailbox()
        self.presence: dict[str, str] = {}
        self.call: OutgoingCall | None = None
        self.alert_id: int | None = None
        self.town_id: str | None = None
        self.phase = "idle"
        self.has_camera = self.has_microphone = False
        self.sharing = False
        self._video: SwitchableSource | None = None
        self.audio_out = AudioOut(self)  # the town's voice on the default speaker, when there is one
        self._stop_audio.connect(self.audio_out.stop)
        self._scene_provider: Callable[[], Newest | None] | None = None

    # ---- from the hub (any thread) ------------------------------------------------------------------
    def feed(self, msg: dict[str, Any]) -> None:
        kind = str(msg.get("type", ""))
        if kind == "presence.snapshot":
            self.presence = {t: v["status"] for t, v in msg.get("towns", {}).items()}
            self.sig_presence.emit(dict(self.presence))
        elif kind == "presence.update":
            self.presence[msg["town"]] = msg["status"]
            self.sig_presence.emit(dict(self.presence))
        elif kind == "call.history":
            self.sig_history.emit(list(msg.get("calls") or []))
        elif kind == "call.config":
            servers = tuple(IceServer.from_dict(s) for s in msg.get("ice_servers") or [])
            if servers:
                self.config = _replace(self.config, ice_servers=servers)
        elif kind.startswith("call.") and self.call is not None:
            call = self.call
            asyncio.run_coroutine_threadsafe(call.on_message(msg), self.loop)

    # ---- actions (GUI thread) -----------------------------------------------------------------------
    @property
    def in_call(self) -> bool:
        return self.call is not None and not self.call.ended.is_set()

    def call_town(self, alert: Alert | dict[str, Any] | None, town_id: str, scene_jpeg: bytes | None = None) -> bool:
        """Dials `town_id` about `alert`; False when a call is already going on."""
        if self.in_call:
            return False
        ctx = _alert_context(alert)
        if scene_jpeg:
            ctx["snapshot"] = "data:image/jpeg;base64," + base64.b64encode(scene_jpeg).decode()
        self.alert_id = ctx.get("id") if isinstance(ctx.get("id"), int) else None
        self.town_id = town_id
        self.remote.clear()
        self._video = SwitchableSource(self._primary(ctx), self.config.width, self.config.height)
        self.sharing = False
        microphone = open_microphone() if self.use_microphone else None
        self.has_microphone = microphone is not None
        notices = []
        if not (self.has_camera and self.has_microphone):
            missing = [self.tr("camera")] if not self.has_camera else []
            missing += [self.tr("microphone")] if not self.has_microphone else []
            notices.append(self.tr("No %s on this workstation: sending a card with the alert and silence")
                           % self.tr(" or ").join(missing))
        if not self.audio_out.available:
            notices.append(self.tr("No speaker on this workstation: the town cannot be heard"))
        self.sig_notice.emit("\n".join(notices))
        self.audio_out.start()
        # The call runs on the loop thread: it holds the controller only weakly (a QObject freed there
        # crashes the process), and its frames go straight to the mailboxes.
        self.call = OutgoingCall(self.link, self.config, self._video, on_event=_weak_event_sink(self),
                                 on_frame=self.remote.put, on_local_frame=self.local.put, microphone=microphone,
                                 on_audio=self.audio_out.push)
        self._set_phase("dialing", {"town": town_id})
        asyncio.run_coroutine_threadsafe(self._invite(self.call, town_id, ctx), self.loop)
        return True

    def call_alert(self, alert: Alert, towns: dict[str, str], parent: Any = None,
                   scene_jpeg: bytes | None = None) -> bool:
        """The "Call town" action: the alert's responsible town, or one the operator picks."""
        town_id = alert.town
        if not town_id:
            from ui.call.town_picker import TownPicker

            town_id = TownPicker.ask(towns, self.presence, parent)
            if not town_id:
                return False
        return self.call_town(alert, town_id, scene_jpeg)

    @staticmethod
    async def _invite(call: OutgoingCall, town_id: str, ctx: dict[str, Any]) -> None:
        # Static: the coroutine runs on the loop thread and must not hold the controller.
        try:
            await call.invite(town_id, ctx)
        except Exception as exc:  # noqa: BLE001 - e.g. not connected to the hub
            log.warning("call could not be placed: %s", exc)
            await call.abort("hub_unreachable")

    def _primary(self, ctx: dict[str, Any]) -> VideoSource:
        w, h = self.config.width, self.config.height
        if self.primary_source is not None:
            self.has_camera = True
            return self.primary_source
        camera = open_camera(w, h) if self.use_camera else None
        self.has_camera = camera is not None
        if camera is not None:
            return camera
        lines = [str(ctx.get("address") or ""), time.strftime("%Y-%m-%d %H:%M"), self.tr("Command hall - no camera")]
        image = render_card(w, h, str(ctx.get("title") or self.tr("Command hall")), [x for x in lines if x])
        return CardSource(w, h, str(ctx.get("title") or ""), image=image)

    def request_history(self, alert_id: int | None = None) -> None:
        """Asks the hub for the calls of an alert (None: the latest calls); answered by sig_history."""
        msg: dict[str, Any] = {"type": "call.history"}
        if alert_id is not None:
            msg["alert_id"] = alert_id
        asyncio.run_coroutine_threadsafe(self.link.send(msg), self.loop)

    def request_presence(self) -> None:
        """Asks the hub for every town's presence now (answered by sig_presence); quiet when offline."""

        # The coroutine holds the link, not the controller: whatever the loop thread holds last is freed
        # there, and a QObject freed off the GUI thread crashes (seen: a segfault in the loop thread).
        link = self.link

        async def ask() -> None:
            try:
                await link.send({"type": "presence.get"})
            except Exception:  # noqa: BLE001 - not connected yet: the hub sends a snapshot on connect
                pass

        asyncio.run_coroutine_threadsafe(ask(), self.loop)

    def hangup(self) -> None:
        if self.call is not None:
            asyncio.run_coroutine_threadsafe(self.call.hangup(), self.loop)

    def set_muted(self, muted: bool) -> None:
        if self.call is not None:
            self.loop.call_soon_threadsafe(self.call.media.set_muted, muted)

    def set_camera_off(self, off: bool) -> None:
        if self._video is not None:
            self._video.camera_off = off

    def set_scene_provider(self, provider: Callable[[], Newest | None] | None) -> None:
        """`provider()` returns a newest-frame getter of the wall's selected camera, or None."""
        self._scene_provider = provider

    def share_scene(self, on: bool) -> bool:
        """Switches the outgoing video to the selected wall camera (True) or back (False)."""
        if self._video is None:
            return False
        if not on:
            self._video.switch(None)
            self.sharing = False
            return True
        newest = self._scene_provider() if self._scene_provider else None
        if newest is None:
            return False
        self._video.switch(CallbackSource(newest, self.config.width, self.config.height))
        self.sharing = True
        return True

    def snapshot(self) -> bytes | None:
        frame = self.remote.peek()
        if frame is None:
            return None
        ok, png = cv2.imencode(".png", frame.image)
        if not ok:
            return None
        data = png.tobytes()
        self.sig_snapshot.emit(self.alert_id or 0, data)
        return data

    def shutdown(self) -> None:
        """Hangs up, and waits until the call's peer connections are closed even when it had ended
        already (its close may still be running): an unclosed one keeps decoder threads alive at exit."""
        if self.call is not None:
            fut = asyncio.run_coroutine_threadsafe(self.call.hangup(), self.loop)
            try:
                fut.result(5)
            except Exception:  # noqa: BLE001 - quitting anyway
                log.warning("the call did not close within 5 s", exc_info=True)

    # ---- from the call (loop thread): only emit ----------------------------------------------------
    def _on_event(self, name: str, data: dict[str, Any]) -> None:
        if name == "ringing":
            self._set_phase("ringing", {})
        elif name == "answered":
            self._set_phase("connecting", {"desk": data.get("desk")})
        elif name == "media" and data.get("state") in ("connected", "reconnecting") and self.phase != "ended":
            if self.phase != "dialing":
                self._set_phase(str(data["state"]), {})
        elif name == "remote_media":
            self.sig_remote_media.emit(str(data.get("state")))
        elif name == "stats":
            self.sig_stats.emit(data)
        elif name == "ended":
            self._set_phase("ended", {"reason": data.get("reason"), "detail": data.get("detail")})
            self._stop_audio.emit()
            if self._video is not None:
                self._video.close()

    def _set_phase(self, phase: str, data: dict[str, Any]) -> None:
        self.phase = phase
        self.sig_phase.emit(phase, data)


def _weak_event_sink(controller: CallController) -> Callable[[str, dict[str, Any]], None]:
    """The call's event callback: passes events to ``controller`` while it lives, without keeping it alive
    (the call and its coroutines live on the loop thread, where the last reference must not be let go)."""
    ref = weakref.ref(controller)

    def on_event(name: str, data: dict[str, Any]) -> None:
        target = ref()
        if target is not None:
            target._on_event(name, data)

    return on_event


def _replace(config: MediaConfig, **changes: Any) -> MediaConfig:
    from dataclasses import replace

    return replace(config, **changes)


def _alert_context(alert: Alert | dict[str, Any] | None) -> dict[str, Any]:
    if alert is None:
        return {}
    data = alert.to_dict() if isinstance(alert, Alert) else dict(alert)
    ctx = {k: data.get(k) for k in ("id", "title", "category", "severity", "address", "camera", "occurred_at")}
    if data.get("lat") is not None and data.get("lon") is not None:
        ctx["location"] = f"{data['lat']:.5f}, {data['lon']:.5f}"
    return {k: v for k, v in ctx.items() if v not in (None, "")}
