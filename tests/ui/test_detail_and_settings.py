"""Images in the detail pane, snapshots from a camera, Chinese, persistence and multi-select."""

from __future__ import annotations

import base64
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from console.domain.enums import State
from tests.ui.conftest import wait_for
from tests.ui.test_workbench import act, select, state_of
from ui.detail.image_viewer import ClickableThumb, ImageViewer


def png(colour: str = "#3366cc", size: tuple[int, int] = (320, 200)) -> bytes:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_thumbnails_and_large_view(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window()
    data = base64.b64encode(png()).decode()
    alert_id = post(title="Roof extension seen on camera", category="illegal_construction", severity="major",
                    town="lh", camera="cam01", attachments=[{"name": "scene.png", "mime": "image/png", "data": data}])
    select(qtbot, window, alert_id)
    wait_for(qtbot, lambda: any(t.has_image for t in window.detail.findChildren(ClickableThumb)))
    thumb = window.detail.findChildren(ClickableThumb)[0]
    qtbot.mouseClick(thumb, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: any(isinstance(w, ImageViewer) and w.isVisible() for w in QApplication.topLevelWidgets()))
    viewer = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImageViewer))
    assert viewer.windowTitle() == "scene.png"
    viewer.close()
    # Every field is there: the town's name, the camera, the deadlines.
    assert window.detail.values["camera"].text()
    assert window.detail.values["ack_due"].text()


def test_camera_snapshot_attaches_or_creates(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window()
    alert_id = post(title="Snapshot target", category="other", severity="minor", town="qs")
    select(qtbot, window, alert_id)
    window.on_camera_snapshot("cam01", png("#aa3300"))
    wait_for(qtbot, lambda: len(window.latest(alert_id).attachments) == 1)
    assert window.latest(alert_id).attachments[0].mime == "image/png"
    # Nothing selected: a new illegal-construction alert with that camera and its town.
    window.queue.table.clearSelection()
    window.queue.table.selectionModel().clearCurrentIndex()
    before = set(window.queue.model.queue.alerts)
    window.on_camera_snapshot("cam01", png("#00aa33"))
    wait_for(qtbot, lambda: set(window.queue.model.queue.alerts) - before)
    created = window.latest(next(iter(set(window.queue.model.queue.alerts) - before)))
    assert created.category == "illegal_construction" and created.camera == "cam01"
    assert created.town == "lh" and len(created.attachments) == 1


def test_chinese_window(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window(language="zh_CN")
    try:
        alert_id = post(title="中文界面测试", category="hazmat_vehicle", severity="critical", town="lh")
        select(qtbot, window, alert_id)
        assert window.queue.tabs.tabText(0).startswith("未确认")
        assert window.actions_.actions["acknowledge"].text() == "确认(&A)"
        row = window.queue.model.find_row(alert_id)
        model = window.queue.model
        assert "特急" in model.data(model.index(row, 0))
        assert model.data(model.index(row, 1)) == "危化品车辆"
        assert model.data(model.index(row, 3)) == "龙华镇"  # the town's Chinese name from the district
        assert "警报" in window.alarm_button.text()
    finally:
        from ui.app import install_translators
        install_translators("en")


def test_layout_view_and_hub_remembered(qtbot: Any, open_window: Any, hub: Any) -> None:
    window = open_window()
    window.queue.set_view("mine")
    window.queue.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    window.queue.table.setColumnWidth(2, 433)
    window.close()
    settings = QSettings()
    assert settings.value("queue/view") == "mine"
    assert not any("password" in key.lower() for key in settings.allKeys())
    again = open_window()
    assert again.queue.current_view() == "mine"
    assert again.queue.table.columnWidth(2) == 433
    header = again.queue.table.horizontalHeader()
    assert header.sortIndicatorSection() == 4 and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert again.queue.model.queue.sort_column == 4 and again.queue.model.queue.descending
    again.queue.set_view("open")
    again.queue.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)


def test_acknowledge_several_at_once(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window()
    ids = [post(title=f"Multi {i}", category="camera_fault", severity="info", town="nh") for i in range(3)]
    wait_for(qtbot, lambda: all(window.shows_alert(i) for i in ids))
    window.queue.set_view("open")
    window.queue.select_ids(ids, ids[0])
    assert len(window.selected_alerts()) == 3
    act(qtbot, window, "acknowledge")
    wait_for(qtbot, lambda: all(state_of(window, i) is State.ACKNOWLEDGED for i in ids))
    window.queue.select_ids(ids, ids[0])
    wait_for(qtbot, lambda: not window.actions_.actions["dispatch"].isEnabled())  # one alert at a time
