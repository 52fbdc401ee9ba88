"""Screenshots of the main window with the demo running, in Chinese and in English.

Starts the demo hall (embedded hub on SQLite in a throwaway folder, the demo district, the
simulator), opens the console logged in as the demo operator, works a few alerts so the queue shows
several states, selects an alert with a camera snapshot, and saves
docs/screenshots/main_zh_CN.png and docs/screenshots/main_en.png.

Run: .venv/bin/python scripts/screenshots.py   (offscreen by default; under Xvfb set QT_QPA_PLATFORM=xcb)
Chinese needs the "Noto Sans CJK SC" font (fonts-noto-cjk); the script says so when it is missing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HALL_DATA_DIR"] = tempfile.mkdtemp(prefix="hall-shots-")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QFontDatabase  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def pump(app: QApplication, seconds: float, until=None) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if until is not None and until():
            return True
        time.sleep(0.01)
    return until is None


def shoot(app: QApplication, ws_url: str, language: str, path: Path) -> None:
    from PySide6.QtCore import Qt

    from ui.app import open_main_window
    from ui.detail.image_viewer import ClickableThumb

    window = open_main_window(ws_url, "demo", "demo", language=language)
    window.resize(1680, 1000)
    window.show()
    assert pump(app, 20, lambda: window.bridge.state == "connected" and window.queue.model.rowCount() >= 20), \
        "no alerts arrived from the simulator"
    pump(app, 2, lambda: bool(window.actions_.towns))
    queue = window.queue.model.queue
    # Work a few alerts so the queue shows the lifecycle, as on a real shift.
    alerts = sorted(queue.alerts.values(), key=lambda a: a.id)
    if language == "zh_CN":  # once: the second window sees the same hub
        for a in alerts[1:4]:
            window.bridge.command("acknowledge", a)
        for a in alerts[4:6]:
            window.bridge.command("acknowledge", a, on_done=lambda x: window.bridge.command(
                "dispatch", x, on_done=lambda y: window.bridge.command("sign", y)))
        pump(app, 3)
    window.queue.set_view("open")
    window.queue.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    pump(app, 1)
    window.queue.model.flush()
    # The alert in front of the operator: near the top (critical first), one with a camera picture.
    top = [window.queue.model.alert(r) for r in range(min(20, window.queue.model.rowCount()))]
    pictured = [a for a in top if a.attachments]
    target = pictured[0] if pictured else top[0]
    window.queue.select_alert(target.id)
    window.queue.table.scrollToTop()
    pump(app, 8, lambda: bool(window.detail.history) and all(
        t.has_image for t in window.detail.findChildren(ClickableThumb)))
    pump(app, 2)  # video tiles
    OUT.mkdir(parents=True, exist_ok=True)
    image = window.grab()
    image.save(str(path))
    print(f"saved {path.relative_to(ROOT)} ({image.width()}x{image.height()})")
    window.close()
    pump(app, 1)


def main() -> int:
    settings_dir = tempfile.mkdtemp(prefix="hall-shots-settings-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    from console.demo import start_demo_hall
    from ui.app import ensure_app

    app = ensure_app()
    if "Noto Sans CJK SC" not in QFontDatabase.families():
        print("warning: the Noto Sans CJK SC font is missing (apt install fonts-noto-cjk): Chinese shows as boxes")
    hall = start_demo_hall(0)
    hall.start_simulator(6.0, burst=60, seed=7)
    try:
        shoot(app, hall.ws_url, "zh_CN", OUT / "main_zh_CN.png")
        shoot(app, hall.ws_url, "en", OUT / "main_en.png")
    finally:
        hall.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
