"""CallPanel: a call with a town in progress. Ringing, the town large and ourselves small, a timer,
mute, camera off, share the scene, snapshot, hang up, live quality, reconnecting and the end reason."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.call.controller import CallController
from ui.call.video_view import VideoView


class _Stage(QWidget):
    """The remote picture filling the area, our own picture small in the bottom-right corner."""

    def __init__(self, remote: VideoView, local: VideoView, banner: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.remote, self.local, self.banner = remote, local, banner
        for w in (remote, local, banner):
            w.setParent(self)
        local.raise_()
        banner.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        w, h = self.width(), self.height()
        self.remote.setGeometry(0, 0, w, h)
        lw = max(120, w // 4)
        lh = lw * 9 // 16
        self.local.setGeometry(w - lw - 10, h - lh - 10, lw, lh)
        self.banner.setGeometry(0, 0, w, 34)


class CallPanel(QWidget):
    sig_snapshot = Signal(int, bytes)  # alert id, PNG of the remote video: attach to the alert

    def __init__(self, controller: CallController, town_names: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callPanel")
        self.controller = controller
        self.town_names = dict(town_names or {})
        self._connected_at: float | None = None
        self._phase = "idle"  # as last shown (the controller's own field is written on the loop thread)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.status = QLabel()
        self.timer_label = QLabel("00:00")
        self.timer_label.setStyleSheet("font-size: 16px; font-family: monospace;")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status)
        top.addWidget(self.timer_label)

        # Live presence of every town: who can be called right now.
        self.presence = QLabel()
        self.presence.setWordWrap(True)
        self.presence.setTextFormat(Qt.TextFormat.RichText)

        self.remote_view = VideoView(controller.remote, placeholder=self.tr("Waiting for the town's video…"))
        self.local_view = VideoView(controller.local, poll_hz=15)
        self.banner = QLabel()
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet("background: rgba(150, 95, 10, 220); color: white; font-weight: 600;")
        self.banner.hide()
        self.stage = _Stage(self.remote_view, self.local_view, self.banner)
        self.stage.setMinimumSize(480, 270)

        self.quality = QLabel()
        self.quality.setStyleSheet("color: #8a99a8;")
        self.notice = QLabel()
        self.notice.setStyleSheet("color: #d9a440;")
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.btn_mute = QPushButton(self.tr("Mute"))
        self.btn_mute.setCheckable(True)
        self.btn_camera = QPushButton(self.tr("Camera off"))
        self.btn_camera.setCheckable(True)
        self.btn_share = QPushButton(self.tr("Share the scene"))
        self.btn_share.setCheckable(True)
        self.btn_share.setToolTip(self.tr("Send the selected wall camera instead of this workstation's camera"))
        self.btn_snapshot = QPushButton(self.tr("Snapshot"))
        self.btn_snapshot.setToolTip(self.tr("Attach a picture of the town's video to the alert"))
        self.btn_hangup = QPushButton(self.tr("Hang up"))
        # Red only while there is something to hang up: a disabled red button reads as a live one.
        self.btn_hangup.setStyleSheet("QPushButton:enabled { background: #9a2a38; color: white; font-weight: 600; }")
        bar = QHBoxLayout()
        bar.addWidget(self.quality, 1)
        for b in (self.btn_mute, self.btn_camera, self.btn_share, self.btn_snapshot, self.btn_hangup):
            bar.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.presence)
        layout.addWidget(self.stage, 1)
        layout.addWidget(self.notice)
        layout.addLayout(bar)

        self.btn_mute.toggled.connect(self.on_mute)
        self.btn_camera.toggled.connect(self.on_camera)
        self.btn_share.toggled.connect(self.on_share)
        self.btn_snapshot.clicked.connect(self.on_snapshot)
        self.btn_hangup.clicked.connect(self.controller.hangup)
        controller.sig_phase.connect(self.on_phase)
        controller.sig_stats.connect(self.on_stats)
        controller.sig_remote_media.connect(self.on_remote_media)
        controller.sig_notice.connect(self.on_notice)
        controller.sig_snapshot.connect(self.sig_snapshot)
        controller.sig_presence.connect(self.on_presence)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self.on_tick)
        self._clock.start(500)
        self.on_phase("idle", {})

    # ---- controller events ------------------------------------------------------------------------
    def on_phase(self, phase: str, data: Any) -> None:
        data = data or {}
        self._phase = phase
        town = self.controller.town_id or ""
        self.title.setText(self.tr("Call: %s") % self.town_names.get(town, town) if town else self.tr("No call"))
        texts = {
            "idle": "",
            "dialing": self.tr("Calling…"),
            "ringing": self.tr("Ringing…"),
            "connecting": self.tr("Answered, connecting…"),
            "connected": self.tr("Connected"),
            "reconnecting": self.tr("Network lost: reconnecting…"),
            "ended": self.tr("Call ended: %s") % self.reason_text(str(data.get("reason") or ""))
            + (f" ({data['detail']})" if data.get("detail") else ""),
        }
        self.status.setText(texts.get(phase, phase))
        if phase == "connected" and self._connected_at is None:
            self._connected_at = time.monotonic()
        if phase in ("dialing", "idle"):
            self._connected_at = None
            self.timer_label.setText("00:00")
            for b in (self.btn_mute, self.btn_camera, self.btn_share):
                b.setChecked(False)
        live = phase in ("connecting", "connected", "reconnecting")
        for b in (self.btn_mute, self.btn_camera, self.btn_share, self.btn_snapshot):
            b.setEnabled(live)
        self.btn_hangup.setEnabled(phase in ("dialing", "ringing") or live)
        if phase == "reconnecting":
            self.show_banner(self.tr("Network lost: reconnecting…"))
        elif phase in ("connected", "ended", "idle", "dialing"):
            self.show_banner("")
        if phase == "ended":
            self._connected_at = None

    def reason_text(self, reason: str) -> str:
        return {
            "normal": self.tr("hung up"),
            "declined": self.tr("declined by the town"),
            "missed": self.tr("no answer"),
            "busy": self.tr("the town is busy"),
            "offline": self.tr("the town is offline"),
            "cancelled": self.tr("cancelled"),
            "network_failure": self.tr("network failure"),
            "media_failure": self.tr("media failure"),
            "callee_left": self.tr("the town went offline"),
            "caller_left": self.tr("this console went offline"),
            "hub_unreachable": self.tr("the hub cannot be reached"),
            "unknown_town": self.tr("unknown town"),
        }.get(reason, reason)

    def on_stats(self, st: dict[str, Any]) -> None:
        rtt = st.get("rtt_ms")
        self.quality.setText(self.tr("RTT %s · loss %.1f%% · in %d kb/s · out %d kb/s · %d fps") % (
            f"{rtt:.0f} ms" if rtt is not None else "–", st.get("loss_pct", 0.0),
            st.get("bitrate_in_kbps", 0), st.get("bitrate_out_kbps", 0), round(st.get("fps_in", 0))))

    def on_remote_media(self, state: str) -> None:
        if state == "reconnecting" and self._phase == "connected":
            self.show_banner(self.tr("The town's network is down: reconnecting…"))
        elif state == "connected" and self._phase == "connected":
            self.show_banner("")

    def on_presence(self, presence: dict[str, str]) -> None:
        colors = {"online": "#2e9d57", "busy": "#d08a10", "offline": "#8a8f96"}
        words = {"online": self.tr("online"), "busy": self.tr("busy"), "offline": self.tr("offline")}
        # Towns that can be reached by name; the offline ones only counted (a district has many).
        reachable = sorted(((t, st) for t, st in presence.items() if st != "offline"),
                           key=lambda kv: self.town_names.get(kv[0], kv[0]))
        parts = [f'<span style="color:{colors.get(st, "#8a8f96")}">●</span> '
                 f"{self.town_names.get(town, town)} {words.get(st, st)}" for town, st in reachable]
        offline = sum(1 for st in presence.values() if st == "offline")
        if offline:
            parts.append(f'<span style="color:{colors["offline"]}">● {self.tr("%n town(s) offline", "", offline)}</span>')
        self.presence.setText("&nbsp;&nbsp; ".join(parts))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.controller.request_presence()  # fresh presence whenever the panel comes into view

    def on_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def on_tick(self) -> None:
        if self._connected_at is not None:
            s = int(time.monotonic() - self._connected_at)
            self.timer_label.setText(f"{s // 60:02d}:{s % 60:02d}")

    # ---- buttons ----------------------------------------------------------------------------------
    def on_mute(self, on: bool) -> None:
        self.controller.set_muted(on)
        self.btn_mute.setText(self.tr("Unmute") if on else self.tr("Mute"))

    def on_camera(self, off: bool) -> None:
        self.controller.set_camera_off(off)
        self.btn_camera.setText(self.tr("Camera on") if off else self.tr("Camera off"))

    def on_share(self, on: bool) -> None:
        ok = self.controller.share_scene(on)
        if on and not ok:
            self.btn_share.blockSignals(True)
            self.btn_share.setChecked(False)
            self.btn_share.blockSignals(False)
            self.on_notice(self.tr("Select a live camera on the wall to share it"))
            return
        self.btn_share.setText(self.tr("Back to my camera") if on else self.tr("Share the scene"))

    def on_snapshot(self) -> None:
        if self.controller.snapshot() is None:
            self.on_notice(self.tr("No picture from the town yet"))
