"""run_console without a modal dialog when credentials are given; the alarm asks for attention."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from console.domain.alert import Alert
from console.domain.enums import Category, Severity, State
from ui.alarm.alarm_controller import AlarmController
from ui.login_dialog import LoginDialog


def test_console_with_credentials_opens_no_dialog(qtbot: Any, hub: Any) -> None:
    from ui.app import start_console

    started: list[Any] = []
    window = start_console(hub.ws_url, "duty1", "pw", extra_startup=started.append, language="en")
    qtbot.addWidget(window)
    assert started == [window] and window.isVisible()
    qtbot.waitUntil(lambda: window.bridge.state == "connected", timeout=10_000)
    assert QApplication.activeModalWidget() is None
    settings = QSettings()
    assert settings.value("hub/url") == hub.ws_url and settings.value("hub/user") == "duty1"
    assert not any("password" in key.lower() for key in settings.allKeys())
    window.close()


def test_login_dialog_prefills_and_keeps_no_password(qtbot: Any) -> None:
    dialog = LoginDialog("ws://hub:8870", "duty1", "login refused")
    qtbot.addWidget(dialog)
    assert dialog.message.text() == "login refused"
    dialog.password.setText("secret")
    assert dialog.credentials() == ("ws://hub:8870", "duty1", "secret")


def critical(alert_id: int, state: State = State.NEW) -> Alert:
    return Alert(id=alert_id, source="t", category=Category.HAZMAT_VEHICLE, severity=Severity.CRITICAL,
                 title="tanker", received_at=0, occurred_at=0, state=state)


def test_alarm_calls_for_attention_when_not_in_front(qtbot: Any, monkeypatch: Any) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    alerted: list[QWidget] = []
    monkeypatch.setattr(QApplication, "alert", staticmethod(lambda widget, msec=0: alerted.append(widget)))
    monkeypatch.setattr(window, "isActiveWindow", lambda: False)
    alarm = AlarmController(window, "tester")
    alarm.set_muted(False)
    alarm.apply([critical(1)])
    assert alarm.ringing and alarm.sounding and alerted == [window]
    alarm.apply([critical(1)])  # the same alert again: no second call for attention
    assert alerted == [window]
    alarm.set_muted(True)  # per operator, remembered
    assert QSettings().value("alarm/muted/tester", type=bool) is True
    assert AlarmController(None, "tester").muted and not AlarmController(None, "someone").muted
    alarm.apply([critical(1, State.ACKNOWLEDGED)])
    assert not alarm.ringing
    alarm.set_muted(False)
    alarm.stop()


def test_bridge_shares_its_loop(qtbot: Any) -> None:
    import asyncio
    import threading

    from ui.hub_bridge import HubBridge, http_url_for

    bridge = HubBridge()
    try:
        async def where() -> str:
            assert asyncio.get_running_loop() is bridge.loop
            return threading.current_thread().name
        assert bridge.run(where()).result(5) == "hub-bridge"
        got: list[str] = []
        bridge.call(where(), got.append)
        qtbot.waitUntil(lambda: got == ["hub-bridge"], timeout=5000)  # delivered on the GUI thread
        errors: list[BaseException] = []

        async def fail() -> None:
            raise ValueError("no")
        bridge.call(fail(), None, errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
        assert isinstance(errors[0], ValueError)
        assert http_url_for("wss://hub:8870/") == "https://hub:8870"
    finally:
        bridge.shutdown()
