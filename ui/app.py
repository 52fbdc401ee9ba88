"""Starting the console: QApplication (Fusion, dark palette, CJK font), translations, login, main window.

    run_console("ws://127.0.0.1:8870", "duty1", None)   # asks for the password (login dialog)
    run_console(url, user, password)                    # no modal dialog at all (demo, smoke test)

The hub URL and the operator name are remembered in QSettings; the password never is.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from ui import labels, theme

log = logging.getLogger(__name__)

I18N = Path(__file__).resolve().parent / "i18n"
ORGANIZATION = "CommandHall"
APPLICATION = "Command Hall Console"
_translators: list[QTranslator] = []  # kept alive for the application's lifetime


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    theme.apply_theme(app)
    return app


def chosen_language(override: str | None = None) -> str:
    """'zh_CN' or 'en': an explicit choice, else the setting, else the system locale."""
    if override:
        return override
    saved = str(QSettings().value("ui/language", "") or "")
    if saved:
        return saved
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translators(language: str) -> bool:
    """Loads our .qm (and Qt's own, for standard buttons) for the language; False when not found."""
    app = QCoreApplication.instance()
    assert app is not None
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    loaded = False
    if language != "en":
        ours = QTranslator(app)
        if ours.load(str(I18N / f"hall_{language}.qm")):
            app.installTranslator(ours)
            _translators.append(ours)
            loaded = True
        else:
            log.warning("no translation for %s in %s (run `make translations`)", language, I18N)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _translators.append(qt)
    labels.reset()
    return loaded


def open_main_window(hub_url: str, user: str, password: str, *, language: str | None = None,
                     optional_panels: bool = True):  # noqa: ANN201 - MainWindow, imported lazily
    """The main window connected to a hub, not shown yet (the smoke test and tests use this)."""
    ensure_app()
    lang = chosen_language(language)
    install_translators(lang)
    from ui.hub_bridge import HubBridge
    from ui.main_window import MainWindow

    bridge = HubBridge()
    window = MainWindow(bridge, language=lang, optional_panels=optional_panels)
    bridge.setParent(window)
    window.destroyed.connect(lambda *_: bridge.shutdown())
    bridge.connect_hub(hub_url, user, password)
    original_close = window.closeEvent

    def close_event(event):  # type: ignore[no-untyped-def]
        original_close(event)
        if event.isAccepted():
            bridge.shutdown()
    window.closeEvent = close_event  # type: ignore[method-assign]
    return window


def _ask_login(hub_url: str, user: str, message: str = "") -> tuple[str, str, str] | None:
    from ui.login_dialog import LoginDialog

    dialog = LoginDialog(hub_url, user, message)
    if dialog.exec() != LoginDialog.DialogCode.Accepted:
        return None
    return dialog.credentials()


def run_console(hub_url: str, user: str | None, password: str | None, *,
                extra_startup: Callable[[object], None] | None = None, language: str | None = None) -> int:
    """Runs the console until its window closes; returns the exit code.

    With both user and password given there is no modal dialog (demo, smoke tests); otherwise a login
    dialog asks, pre-filled with the remembered hub URL and operator name. `extra_startup(window)` runs
    once the window is shown (the demo uses it to add its own panels or timers).
    """
    app = ensure_app()
    window = start_console(hub_url, user, password, extra_startup=extra_startup, language=language)
    if window is None:
        return 1
    code = app.exec()
    window.bridge.shutdown()
    return int(code)


def start_console(hub_url: str, user: str | None, password: str | None, *,
                  extra_startup: Callable[[object], None] | None = None, language: str | None = None):  # noqa: ANN201
    """Everything run_console does before the event loop: login (only if needed), remember, show."""
    ensure_app()
    settings = QSettings()
    install_translators(chosen_language(language))
    hub_url = hub_url or str(settings.value("hub/url", "ws://127.0.0.1:8870"))
    if not user or not password:
        answer = _ask_login(hub_url, user or str(settings.value("hub/user", "")))
        if answer is None:
            return None
        hub_url, user, password = answer
    settings.setValue("hub/url", hub_url)
    settings.setValue("hub/user", user)
    window = open_main_window(hub_url, user, password, language=language)

    def on_state(state: str, detail: str) -> None:
        # A refused login asks again (the window stays; nothing is lost).
        if state != "auth_failed":
            return
        answer = _ask_login(window.bridge.url, window.bridge.user, detail)
        if answer is None:
            return
        url, name, secret = answer
        settings.setValue("hub/url", url)
        settings.setValue("hub/user", name)
        window.bridge.connect_hub(url, name, secret)
    window.bridge.sig_state.connect(on_state)
    if settings.contains("window/geometry"):
        window.show()
    else:  # first start on this workstation: a control-room console fills its screen
        window.showMaximized()
    if extra_startup is not None:
        extra_startup(window)
    return window


def main() -> int:
    """`python -m ui.app [hub_url] [user]`: a quick way to open the console."""
    args = sys.argv[1:]
    return run_console(args[0] if args else "", args[1] if len(args) > 1 else None, None)


if __name__ == "__main__":
    raise SystemExit(main())
