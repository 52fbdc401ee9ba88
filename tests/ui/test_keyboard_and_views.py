"""Keyboard-only handling of an alert, and the filters and views of the queue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.domain.enums import State
from tests.ui.conftest import wait_for
from tests.ui.test_workbench import state_of


def key(qtbot: Any, window: Any, k: Any, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, k, modifier)


def test_keyboard_only(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window()
    window.activateWindow()
    wait_for(qtbot, window.isActiveWindow)
    alert_id = post(title="Keyboard only: hazmat truck parked at school", category="hazmat_vehicle",
                    severity="major", town="lh")
    wait_for(qtbot, lambda: window.shows_alert(alert_id))
    key(qtbot, window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # "All open"
    assert window.queue.current_view() == "open"
    key(qtbot, window, Qt.Key.Key_Slash)  # search
    assert QApplication.focusWidget() is window.queue.filter_bar.search
    qtbot.keyClicks(window.queue.filter_bar.search, f"#{alert_id} keyboard")
    key(qtbot, window, Qt.Key.Key_Return)  # back to the queue, on the first match
    assert QApplication.focusWidget() is window.queue.table
    wait_for(qtbot, lambda: window.queue.model.rowCount() == 1)
    wait_for(qtbot, lambda: window.detail.alert is not None and window.detail.alert.id == alert_id)
    key(qtbot, window, Qt.Key.Key_A)  # acknowledge
    wait_for(qtbot, lambda: state_of(window, alert_id) is State.ACKNOWLEDGED)
    wait_for(qtbot, window.actions_.actions["dispatch"].isEnabled)
    key(qtbot, window, Qt.Key.Key_D)  # dispatch: the dialog opens pre-filled, Enter confirms
    wait_for(qtbot, lambda: window.actions_.current_dialog is not None)
    dialog = window.actions_.current_dialog
    wait_for(qtbot, lambda: QApplication.activeWindow() is dialog)
    key(qtbot, window, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: state_of(window, alert_id) is State.DISPATCHED)
    assert window.latest(alert_id).town == "lh"
    wait_for(qtbot, lambda: QApplication.activeWindow() is window)
    wait_for(qtbot, window.actions_.actions["note"].isEnabled)
    key(qtbot, window, Qt.Key.Key_N)  # a note: type, Tab to the buttons, Enter
    wait_for(qtbot, lambda: window.actions_.current_dialog is not None)
    wait_for(qtbot, lambda: QApplication.activeWindow() is window.actions_.current_dialog)
    qtbot.keyClicks(window.actions_.current_dialog.text, "Town says 20 minutes")
    key(qtbot, window, Qt.Key.Key_Tab)
    key(qtbot, window, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: window.detail.history and window.detail.history[0]["action"] == "note")
    key(qtbot, window, Qt.Key.Key_F1)  # the shortcut overview
    wait_for(qtbot, lambda: getattr(window, "shortcuts_dialog", None) is not None)
    texts = [window.shortcuts_dialog.table.item(r, 1).text() for r in range(window.shortcuts_dialog.table.rowCount())]
    assert any("Dispatch" in t for t in texts) and any("Search" in t for t in texts)
    window.shortcuts_dialog.close()
    window.shortcuts_dialog = None
    wait_for(qtbot, lambda: QApplication.activeWindow() is window)
    window.queue.table.setFocus()
    key(qtbot, window, Qt.Key.Key_Question)  # "?" too
    wait_for(qtbot, lambda: window.shortcuts_dialog is not None)
    window.shortcuts_dialog.close()
    key(qtbot, window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # next view
    assert window.queue.current_view() != "open"


def test_filters_views_and_counts(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window()
    ids = {
        "crit": post(title="Views: gas leak", category="hazmat_vehicle", severity="critical", town="hx"),
        "site": post(title="Views: illegal extension on roof", category="illegal_construction",
                     severity="minor", town="hx"),
        "hot": post(title="Views: noise complaint", category="hotline_order", severity="info", town="dq"),
    }
    wait_for(qtbot, lambda: all(window.shows_alert(i) for i in ids.values()))
    queue, bar = window.queue, window.queue.filter_bar
    queue.set_view("open")
    bar.search.setText("Views:")
    bar.emit_filters()
    assert sorted(queue.model.queue.visible_ids()) == sorted(ids.values())
    bar.category.setCurrentIndex(bar.category.findData("illegal_construction"))
    assert queue.model.queue.visible_ids() == [ids["site"]]
    bar.category.setCurrentIndex(0)
    bar.town.setCurrentIndex(bar.town.findData("dq"))
    assert queue.model.queue.visible_ids() == [ids["hot"]]
    bar.town.setCurrentIndex(0)
    bar.severity.setCurrentIndex(bar.severity.findData("critical"))
    assert queue.model.queue.visible_ids() == [ids["crit"]]
    bar.on_clear()
    bar.search.setText("Views:")
    bar.emit_filters()
    queue.set_view("critical")
    assert queue.model.queue.visible_ids() == [ids["crit"]]
    queue.set_view("unacknowledged")
    assert sorted(queue.model.queue.visible_ids()) == sorted(ids.values())
    bar.state.setCurrentIndex(bar.state.findData("acknowledged"))
    assert queue.model.queue.visible_ids() == []
    bar.on_clear()
    # Tab texts carry the counts of the whole queue.
    n = queue.model.queue.count("critical")
    assert queue.tabs.tabText(1).endswith(f"({n})")
    # Sorting by any column keeps the selection on the same alert.
    queue.set_view("open")
    assert queue.select_alert(ids["site"])
    for column in range(queue.model.columnCount()):
        queue.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        assert queue.current_alert().id == ids["site"]
    # Rows arriving above the selection do not move it to another alert.
    for i in range(5):
        post(title=f"Views: newcomer {i}", severity="critical", town="hx")
    wait_for(qtbot, lambda: queue.model.queue.count("open") >= n + 5)
    queue.model.flush()
    assert [a.id for a in queue.selected_alerts()] == [ids["site"]]
    queue.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)


def test_assignee_filter_and_mine(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window("duty2")
    alert_id = post(title="Assignee filter: mine", category="other", severity="minor", town="lh")
    wait_for(qtbot, lambda: window.shows_alert(alert_id))
    window.queue.set_view("open")
    window.queue.select_alert(alert_id)
    wait_for(qtbot, window.actions_.actions["assign_me"].isEnabled)
    window.actions_.actions["assign_me"].trigger()
    bar = window.queue.filter_bar
    wait_for(qtbot, lambda: bar.assignee.findData("duty2") >= 0)
    bar.assignee.setCurrentIndex(bar.assignee.findData("duty2"))
    window.queue.model.flush()
    assert alert_id in window.queue.model.queue.visible_ids()
    assert all(window.latest(i).assignee == "duty2" for i in window.queue.model.queue.visible_ids())
    bar.on_clear()
    window.queue.set_view("mine")
    assert alert_id in window.queue.model.queue.visible_ids()
    window.queue.set_view("open")


def test_dashboard_click_narrows_the_queue(qtbot: Any, open_window: Any, post: Any) -> None:
    import time

    window = open_window()
    start = time.time() - 1
    alert_id = post(title="Dashboard: hazmat in the clicked hour", category="hazmat_vehicle", town="dq")
    wait_for(qtbot, lambda: window.shows_alert(alert_id))
    window.apply_dashboard_filter({"category": "hazmat_vehicle", "received_from": start,
                                   "received_to": time.time() + 1})
    window.queue.model.flush()
    visible = window.queue.model.queue.visible_ids()
    assert alert_id in visible
    assert all(window.latest(i).category == "hazmat_vehicle" and window.latest(i).received_at >= start
               for i in visible)
    assert window.queue.filter_bar.period_button.isVisible()
    window.queue.filter_bar.on_clear()
    assert not window.queue.filter_bar.period_button.isVisible()
