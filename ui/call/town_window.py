"""The town desk as a small desktop window (`hall town --window`), for towns that prefer an installed
client to the browser page: presence, the incoming call with the alert's card, answer or decline with a
reason, the hall large and ourselves small, mute, camera off, hang up.

    sys.exit(run_town_window("ws://hub:8870", token))
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from media.frame_mailbox import FrameMailbox
from media.town_endpoint import TownEndpoint
from media.webrtc.config import MediaConfig
from media.webrtc.loop_thread import LoopThread
from ui.call.video_view import VideoView


class _Events(QObject):
    sig_event = Signal(str, object)  # re-emitted from the loop thread: queued to the GUI


class TownWindow(QWidget):
    def __init__(self, hub_url: str, token: str, video: str | None = None, config: MediaConfig | None = None,
                 loop: LoopThread | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Town duty desk"))
        self.loop = loop or LoopThread("town-window")
        self._own_loop = loop is None
        self.remote = FrameMailbox()
        self.local = FrameMailbox()
        self._events = _Events(self)
        self._events.sig_event.connect(self.on_event)
        if video is None and os.path.exists("/dev/video0"):
            video = "0"  # the desk's own camera when it has one; else a synthetic picture
        self.endpoint = TownEndpoint(hub_url, token, auto_answer_delay_s=None, video=video, label="town desk",
                                     config=config or MediaConfig(width=640, height=360),
                                     on_event=self._events.sig_event.emit,
                                     on_frame=self.remote.put, on_local_frame=self.local.put)
        self.phase = "offline"
        self._connected_at: float | None = None

        self.town_label = QLabel("…")
        self.town_label.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.presence_label = QLabel(self.tr("offline"))
        top = QHBoxLayout()
        top.addWidget(self.town_label, 1)
        top.addWidget(self.presence_label)

        # Idle
        self.idle = QLabel(self.tr("On duty, waiting for calls from the command hall…"))
        self.idle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Ringing
        ringing = QWidget()
        self.ring_title = QLabel()
        self.ring_title.setStyleSheet("font-size: 18px; font-weight: 600; color: #c07a00;")
        self.ring_card = QLabel()
        self.ring_card.setWordWrap(True)
        self.btn_answer = QPushButton(self.tr("Answer"))
        self.btn_answer.setStyleSheet("background: #1f7a45; color: white; font-weight: 600;")
        self.decline_reason = QComboBox()
        self.decline_reason.addItems([self.tr("On site, handling it"), self.tr("Busy with another incident"),
                                      self.tr("Not our town")])
        self.btn_decline = QPushButton(self.tr("Decline"))
        row = QHBoxLayout()
        row.addWidget(self.btn_answer)
        row.addStretch(1)
        row.addWidget(self.decline_reason)
        row.addWidget(self.btn_decline)
        rl = QVBoxLayout(ringing)
        rl.addWidget(self.ring_title)
        rl.addWidget(self.ring_card, 1)
        rl.addLayout(row)
        # In call
        incall = QWidget()
        self.remote_view = VideoView(self.remote, placeholder=self.tr("Connecting…"))
        self.local_view = VideoView(self.local, poll_hz=15)
        self.local_view.setFixedSize(192, 108)
        self.call_state = QLabel()
        self.timer_label = QLabel("00:00")
        self.btn_mute = QPushButton(self.tr("Mute"))
        self.btn_mute.setCheckable(True)
        self.btn_camera = QPushButton(self.tr("Camera off"))
        self.btn_camera.setCheckable(True)
        self.btn_hangup = QPushButton(self.tr("Hang up"))
        self.btn_hangup.setStyleSheet("background: #9a2a38; color: white; font-weight: 600;")
        bar = QHBoxLayout()
        bar.addWidget(self.timer_label)
        bar.addWidget(self.call_state, 1)
        bar.addWidget(self.local_view)
        for b in (self.btn_mute, self.btn_camera, self.btn_hangup):
            bar.addWidget(b)
        il = QVBoxLayout(incall)
        il.addWidget(self.remote_view, 1)
        il.addLayout(bar)

        self.stack = QStackedWidget()
        for w in (self.idle, ringing, incall):
            self.stack.addWidget(w)
        self.last_end = QLabel()
        self.last_end.setStyleSheet("color: #808890;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.last_end)

        self.btn_answer.clicked.connect(self.on_answer)
        self.btn_decline.clicked.connect(self.on_decline)
        self.btn_hangup.clicked.connect(lambda: self.loop.submit(self.endpoint.hangup()))
        self.btn_mute.toggled.connect(self.on_mute)
        self.btn_camera.toggled.connect(self.on_camera)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self.on_tick)
        self._clock.start(500)
        self.resize(900, 620)

    def start(self) -> None:
        """Connects to the hub (raises on a refused token)."""
        self.loop.call(self.endpoint.start())
        welcome = self.endpoint.link.auth_reply or {}
        names = [welcome.get("town_name"), welcome.get("town_name_en")]
        self.town_label.setText(" / ".join(dict.fromkeys(n for n in names if n)) + f"  ·  {welcome.get('desk', '')}")

    # ---- events from the endpoint (GUI thread, queued) ----------------------------------------------
    def on_event(self, name: str, data: Any) -> None:
        data = data or {}
        if name == "presence":
            text = {"online": self.tr("online"), "busy": self.tr("busy")}.get(data.get("status"), self.tr("offline"))
            self.presence_label.setText(text)
        elif name == "ringing":
            alert = data.get("alert") or {}
            self.ring_title.setText(self.tr("Call from the command hall: %s") % (data.get("caller_name") or ""))
            lines = [alert.get("title", ""), f"{alert.get('category', '')} · {alert.get('severity', '')}",
                     alert.get("address") or alert.get("location") or ""]
            self.ring_card.setText("\n".join(x for x in lines if x.strip(" ·")))
            self.stack.setCurrentIndex(1)
            self.last_end.setText("")
            QApplication.beep()
        elif name == "answered":
            self.stack.setCurrentIndex(2)
            self.call_state.setText(self.tr("Connecting…"))
        elif name == "media":
            state = data.get("state")
            if state == "connected":
                self._connected_at = self._connected_at or time.monotonic()
                self.call_state.setText(self.tr("Connected"))
            elif state == "reconnecting":
                self.call_state.setText(self.tr("Network lost: reconnecting…"))
        elif name == "remote_media" and data.get("state") == "reconnecting":
            self.call_state.setText(self.tr("The hall's network is down: reconnecting…"))
        elif name in ("ended", "taken"):
            reasons = {"normal": self.tr("hung up"), "declined": self.tr("declined"), "missed": self.tr("missed"),
                       "cancelled": self.tr("cancelled by the hall"), "network_failure": self.tr("network failure"),
                       "media_failure": self.tr("media failure"), "caller_left": self.tr("the hall went offline")}
            reason = reasons.get(data.get("reason", ""), data.get("reason", "")) if name == "ended" \
                else self.tr("answered by another desk")
            self.last_end.setText(self.tr("Call ended: %s") % reason)
            self._connected_at = None
            self.remote_view.clear()
            self.stack.setCurrentIndex(0)
            for b in (self.btn_mute, self.btn_camera):
                b.setChecked(False)

    # ---- buttons ----------------------------------------------------------------------------------
    def on_answer(self) -> None:
        self.loop.submit(self.endpoint.answer())

    def on_decline(self) -> None:
        self.loop.submit(self.endpoint.decline(self.decline_reason.currentText()))

    def on_mute(self, on: bool) -> None:
        media = self.endpoint.media
        if media is not None:
            self.loop.call_soon(media.set_muted, on)
        self.btn_mute.setText(self.tr("Unmute") if on else self.tr("Mute"))

    def on_camera(self, off: bool) -> None:
        media = self.endpoint.media
        if media is not None:
            media.set_camera_off(off)
        self.btn_camera.setText(self.tr("Camera on") if off else self.tr("Camera off"))

    def on_tick(self) -> None:
        if self._connected_at is not None:
            s = int(time.monotonic() - self._connected_at)
            self.timer_label.setText(f"{s // 60:02d}:{s % 60:02d}")

    def shutdown(self) -> None:
        try:
            self.loop.call(self.endpoint.stop(), timeout=5)
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        if self._own_loop:
            self.loop.stop()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)


def run_town_window(hub_url: str, token: str, video: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = TownWindow(hub_url, token, video)
    window.start()
    window.show()
    return app.exec()
