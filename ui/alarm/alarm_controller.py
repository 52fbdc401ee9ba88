"""The critical-alert alarm: a sound that repeats until every critical alert is acknowledged.

- ringing: there is at least one critical alert still NEW (unacknowledged);
- muted: per operator (QSettings key alarm/muted/<user>); the status bar shows it clearly;
- the rows of those alerts flash, and the window asks for attention when it is not in front.
`ringing` is tracked by us, not read back from the audio device, so it is testable offscreen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, QUrl, Signal
from PySide6.QtWidgets import QApplication, QWidget

from console.domain.alert import Alert
from console.domain.enums import Severity, State

SOUND = Path(__file__).resolve().parent.parent / "sounds" / "alarm.wav"


class AlarmController(QObject):
    sig_ringing_changed = Signal(bool)
    sig_muted_changed = Signal(bool)
    sig_flash = Signal(bool)  # row flash phase
    sig_new_critical = Signal(object)  # Alert that just started the alarm

    def __init__(self, window: QWidget | None = None, user: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.user = user
        self.pending: set[int] = set()  # ids of critical alerts not acknowledged yet
        self.ringing = False
        self.muted = False
        self._effect = None  # created lazily: QtMultimedia is loaded only when there is a sound to play
        self._flash_on = False
        self._flash = QTimer(self, interval=500)
        self._flash.timeout.connect(self._toggle_flash)
        self.load_mute()

    # ---- mute
    def _key(self) -> str:
        return f"alarm/muted/{self.user or '_'}"

    def load_mute(self) -> None:
        self.muted = QSettings().value(self._key(), False, type=bool)

    def set_user(self, user: str) -> None:
        self.user = user
        self.load_mute()
        self.sig_muted_changed.emit(self.muted)
        self._update()

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        QSettings().setValue(self._key(), muted)
        self.sig_muted_changed.emit(muted)
        self._update()

    def toggle_mute(self) -> None:
        self.set_muted(not self.muted)

    # ---- feeding
    @staticmethod
    def _needs_alarm(a: Alert) -> bool:
        return a.severity is Severity.CRITICAL and a.state is State.NEW

    def reset(self, alerts: list[Alert]) -> None:
        self.pending = {a.id for a in alerts if self._needs_alarm(a)}
        self._update()

    def apply(self, alerts: list[Alert]) -> None:
        fresh: list[Alert] = []
        for a in alerts:
            if self._needs_alarm(a):
                if a.id not in self.pending:
                    fresh.append(a)
                self.pending.add(a.id)
            else:
                self.pending.discard(a.id)
        self._update()
        if fresh:
            self.sig_new_critical.emit(fresh[0])
            self._call_attention()

    def _call_attention(self) -> None:
        window = self.window
        if window is None or window.isActiveWindow():
            return
        QApplication.alert(window)  # taskbar flash / urgency hint
        if window.isMinimized():
            window.showNormal()
        window.raise_()

    # ---- sound and flash
    def _update(self) -> None:
        ringing = bool(self.pending)
        if ringing != self.ringing:
            self.ringing = ringing
            self.sig_ringing_changed.emit(ringing)
        if ringing and not self._flash.isActive():
            self._flash.start()
        elif not ringing and self._flash.isActive():
            self._flash.stop()
            self._flash_on = False
            self.sig_flash.emit(False)
        self._play(ringing and not self.muted)

    @property
    def sounding(self) -> bool:
        """Whether the sound should be audible now (ringing and not muted)."""
        return self.ringing and not self.muted

    def _play(self, on: bool) -> None:
        if on:
            if self._effect is None:
                from PySide6.QtMultimedia import QSoundEffect  # noqa: PLC0415 - lazy: audio backend start-up

                self._effect = QSoundEffect(self)
                self._effect.setSource(QUrl.fromLocalFile(str(SOUND)))
                self._effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
                self._effect.setVolume(0.8)
            if not self._effect.isPlaying():
                self._effect.play()
        elif self._effect is not None and self._effect.isPlaying():
            self._effect.stop()

    def _toggle_flash(self) -> None:
        self._flash_on = not self._flash_on
        self.sig_flash.emit(self._flash_on)

    def stop(self) -> None:
        self._flash.stop()
        self._play(False)
