"""DashboardPanel on a real SQLite store with the hand-computed data set: drawing, clicks, PNG export."""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_dataset import NOW, T0, load
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from sqlalchemy import Engine

from ui.dashboard import DashboardPanel, direct_fetch
from ui.dashboard.panel import format_duration


@pytest.fixture
def panel(qtbot, sqlite_engine: Engine) -> DashboardPanel:  # type: ignore[no-untyped-def]
    load(sqlite_engine)
    w = DashboardPanel(direct_fetch(sqlite_engine, clock=lambda: NOW), refresh_ms=3_600_000)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.set_period("custom", T0, T0 + 4 * 3600)
    assert w.figures is not None and w.figures["period"]["start"] == T0
    return w


def test_tiles_tables_and_towns(panel: DashboardPanel) -> None:
    assert panel.tiles["received"].value.text() == "8"
    assert panel.tiles["open"].value.text() == "4"
    assert panel.tiles["overdue_open"].value.text() == "3"
    assert panel.tiles["response"].value.text() == "75.0%"
    assert panel.tiles["resolution"].value.text() == "42.9%"  # 3 / 7
    assert panel.tiles["satisfaction"].value.text() == "50.0%"
    assert "1 / 2" in panel.tiles["satisfaction"].toolTip()
    assert panel.times.item(0, 0).text() == "5m 00s" and panel.times.item(0, 1).text() == "25m"
    assert panel.times.item(2, 0).text() == "1h 40m"  # 6000 s
    assert [panel.overdue.item(r, 0).text() for r in range(3)] == ["2", "1", "1"]
    rows = [[panel.town_table.item(r, c).text() for c in range(6)] for r in range(panel.town_table.rowCount())]
    assert [r[1:5] for r in rows] == [["4", "2", "2", "1"], ["3", "2", "2", "0"], ["1", "0", "0", "0"]]
    assert rows[0][5] == "45m" and rows[2][5] == "\u2013"


def test_clicking_a_bar_segment_filters_the_queue(panel: DashboardPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = panel.per_hour
    # Hour 2 holds the construction alert (bottom, 0..1) and the camera fault (stacked, 1..2):
    # Categories stack in enum order: hazmat, construction, hotline, camera, other.
    assert chart.bar_at(2.0, 0.5) == (2, "illegal_construction")
    assert chart.bar_at(2.0, 1.5) == (2, "camera_fault")
    assert chart.bar_at(2.5, 0.5) is None
    pos = chart.data_to_widget(2.0, 1.5)
    with qtbot.waitSignal(panel.sig_filter_requested, timeout=2000) as blocker:
        qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(round(pos.x()), round(pos.y())))
    assert blocker.args == [{"category": "camera_fault", "received_from": T0 + 7200, "received_to": T0 + 10800}]


def test_clicking_severity_and_town(panel: DashboardPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    pos = panel.by_severity.data_to_widget(1.0, 1.0)  # "major": 2 open
    with qtbot.waitSignal(panel.sig_filter_requested, timeout=2000) as blocker:
        qtbot.mouseClick(panel.by_severity.plot.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(round(pos.x()), round(pos.y())))
    assert blocker.args[0] == {"severity": "major", "open": True, "received_from": T0, "received_to": T0 + 14400}
    table = panel.town_table
    rect = table.visualRect(table.model().index(1, 2))
    with qtbot.waitSignal(panel.sig_filter_requested, timeout=2000) as blocker:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0] == {"town": "qs", "received_from": T0, "received_to": T0 + 14400}


def test_export_chart_png(panel: DashboardPanel, tmp_path: Path) -> None:
    path = tmp_path / "chart.png"
    assert panel.export_chart_png(str(path))
    image = QImage(str(path))
    assert image.width() > 300 and image.height() > 100


def test_stale_replies_are_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    pending = []
    w = DashboardPanel(lambda args, done: pending.append(done))
    qtbot.addWidget(w)
    w.refresh()
    w.refresh()
    figures = {"marker": 1}
    pending[0](figures)  # superseded: ignored
    assert w.figures is None


def test_format_duration() -> None:
    assert [format_duration(v) for v in (None, 42, 300, 1500, 7260, 90000)] == [
        "\u2013", "42s", "5m 00s", "25m", "2h 01m", "1d 1h"]


def test_chinese_dashboard(qtbot, sqlite_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from ui import labels
    from ui.report.translations_zh import DictTranslator

    translator = DictTranslator()
    QCoreApplication.installTranslator(translator)
    labels.reset()
    try:
        load(sqlite_engine)
        w = DashboardPanel(direct_fetch(sqlite_engine, clock=lambda: NOW))
        qtbot.addWidget(w)
        w.set_period("custom", T0, T0 + 4 * 3600)
        assert w.tiles["satisfaction"].caption.text() == "满意率"
        assert w.town_table.item(0, 0).text() == "龙华镇"  # names from the demo district via the query
        assert w.town_table.horizontalHeaderItem(5).text() == "平均办理时长"
    finally:
        QCoreApplication.removeTranslator(translator)
        labels.reset()


def test_alert_changes_refresh_once_per_burst(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls = []
    w = DashboardPanel(lambda args, done: calls.append(args), change_delay_ms=50)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    before = len(calls)
    for _ in range(5):
        w.on_alerts_changed([{"id": 1}])
    qtbot.waitUntil(lambda: len(calls) == before + 1, timeout=2000)
    qtbot.wait(150)
    assert len(calls) == before + 1 and calls[-1] == {"period": "shift"}
