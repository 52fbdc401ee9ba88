"""The operator's workbench driven as an operator would, against a real embedded hub."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from console.domain.enums import State
from tests.ui.conftest import wait_for


def select(qtbot: Any, window: Any, alert_id: int) -> None:
    wait_for(qtbot, lambda: window.shows_alert(alert_id))
    window.queue.set_view("open")
    assert window.queue.select_alert(alert_id)
    wait_for(qtbot, lambda: window.detail.alert is not None and window.detail.alert.id == alert_id)


def state_of(window: Any, alert_id: int) -> State:
    window.queue.model.flush()
    return window.latest(alert_id).state


def wait_state(qtbot: Any, window: Any, alert_id: int, state: State) -> None:
    wait_for(qtbot, lambda: state_of(window, alert_id) is state)


def fill_dialog(qtbot: Any, window: Any, key: str, text: str | None = None, **combo: Any) -> Any:
    wait_for(qtbot, lambda: window.actions_.current_dialog is not None)
    dialog = window.actions_.current_dialog
    assert dialog.spec.action == key
    if text is not None:
        dialog.set_text(text)
    for name, value in combo.items():
        widget = getattr(dialog, name)
        widget.setCurrentIndex(widget.findData(value))
    dialog.accept()
    return dialog


def test_arrive_acknowledge_dispatch_sign_feedback_verify_close(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window()
    alert_id = post(title="Hotline: broken street light", category="hotline_order", town="lh")
    select(qtbot, window, alert_id)
    window.actions_.actions["acknowledge"].trigger()
    wait_state(qtbot, window, alert_id, State.ACKNOWLEDGED)
    assert window.latest(alert_id).assignee == "duty1"

    window.queue.select_alert(alert_id)
    window.actions_.actions["dispatch"].trigger()
    wait_for(qtbot, lambda: window.actions_.current_dialog is not None)
    dialog = window.actions_.current_dialog
    assert dialog.town.currentData() == "lh"  # pre-filled with the responsible town
    assert dialog.deadline is not None  # the deadline is shown
    dialog.accept()
    wait_state(qtbot, window, alert_id, State.DISPATCHED)
    assert window.latest(alert_id).feedback_due is not None

    window.queue.select_alert(alert_id)
    window.actions_.actions["sign"].trigger()
    wait_state(qtbot, window, alert_id, State.SIGNED)
    window.queue.select_alert(alert_id)
    window.actions_.actions["feedback"].trigger()
    fill_dialog(qtbot, window, "feedback", "Lamp replaced by the town's crew")
    wait_state(qtbot, window, alert_id, State.HANDLED)
    window.queue.select_alert(alert_id)
    window.actions_.actions["verify"].trigger()
    fill_dialog(qtbot, window, "verify", "Called back the citizen", satisfaction="satisfied")
    wait_state(qtbot, window, alert_id, State.CLOSED)
    assert window.latest(alert_id).satisfaction == "satisfied"

    window.queue.set_view("closed_today")
    wait_for(qtbot, lambda: window.queue.model.find_row(alert_id) is not None)
    window.queue.select_alert(alert_id)
    wait_for(qtbot, lambda: len(window.detail.history) >= 6)
    actions = [e["action"] for e in window.detail.history]
    assert actions[0] == "verify" and actions[-1] == "create"  # newest first
    assert window.detail.timeline.topLevelItemCount() == len(actions)
