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


def act(qtbot: Any, window: Any, key: str) -> None:
    """Like an operator: waits until the action is enabled for the selection, then uses it."""
    action = window.actions_.actions[key]
    wait_for(qtbot, action.isEnabled)
    action.trigger()


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
    act(qtbot, window, "acknowledge")
    wait_state(qtbot, window, alert_id, State.ACKNOWLEDGED)
    assert window.latest(alert_id).assignee == "duty1"

    window.queue.select_alert(alert_id)
    act(qtbot, window, "dispatch")
    wait_for(qtbot, lambda: window.actions_.current_dialog is not None)
    dialog = window.actions_.current_dialog
    assert dialog.town.currentData() == "lh"  # pre-filled with the responsible town
    assert dialog.deadline is not None  # the deadline is shown
    dialog.accept()
    wait_state(qtbot, window, alert_id, State.DISPATCHED)
    assert window.latest(alert_id).feedback_due is not None

    window.queue.select_alert(alert_id)
    act(qtbot, window, "sign")
    wait_state(qtbot, window, alert_id, State.SIGNED)
    window.queue.select_alert(alert_id)
    act(qtbot, window, "feedback")
    fill_dialog(qtbot, window, "feedback", "Lamp replaced by the town's crew")
    wait_state(qtbot, window, alert_id, State.HANDLED)
    window.queue.select_alert(alert_id)
    act(qtbot, window, "verify")
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


def test_bounce_back_and_redo(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window()
    alert_id = post(title="Blocked drain", category="hotline_order", town="qs")
    select(qtbot, window, alert_id)
    act(qtbot, window, "acknowledge")
    wait_state(qtbot, window, alert_id, State.ACKNOWLEDGED)
    act(qtbot, window, "dispatch")
    fill_dialog(qtbot, window, "dispatch")
    wait_state(qtbot, window, alert_id, State.DISPATCHED)
    window.queue.select_alert(alert_id)
    act(qtbot, window, "bounce")
    fill_dialog(qtbot, window, "bounce", "Not our town: the drain is across the river")
    wait_state(qtbot, window, alert_id, State.ACKNOWLEDGED)
    assert window.latest(alert_id).bounce_count == 1
    window.queue.select_alert(alert_id)
    act(qtbot, window, "dispatch")
    fill_dialog(qtbot, window, "dispatch", town="hx")
    wait_state(qtbot, window, alert_id, State.DISPATCHED)
    assert window.latest(alert_id).town == "hx"
    window.queue.select_alert(alert_id)
    act(qtbot, window, "sign")
    wait_state(qtbot, window, alert_id, State.SIGNED)
    window.queue.select_alert(alert_id)
    act(qtbot, window, "feedback")
    fill_dialog(qtbot, window, "feedback", "Cleared")
    wait_state(qtbot, window, alert_id, State.HANDLED)
    window.queue.select_alert(alert_id)
    act(qtbot, window, "redo")
    fill_dialog(qtbot, window, "redo", "Citizen says it is blocked again", satisfaction="unsatisfied")
    wait_state(qtbot, window, alert_id, State.DISPATCHED)
    assert window.latest(alert_id).redo_count == 1


def test_false_alarm_and_reopen_needs_a_supervisor(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window()
    alert_id = post(title="Smoke seen", category="other", town="lh")
    select(qtbot, window, alert_id)
    act(qtbot, window, "false_alarm")
    fill_dialog(qtbot, window, "false_alarm", "Steam from a restaurant kitchen")
    wait_state(qtbot, window, alert_id, State.FALSE_ALARM)
    window.queue.set_view("closed_today")
    assert window.queue.select_alert(alert_id)
    assert window.actions_.actions["reopen"].isEnabled()
    act(qtbot, window, "reopen")
    fill_dialog(qtbot, window, "reopen", "It was a fire after all")
    # An operator may not reopen: the refusal is explained and the typed reason comes back.
    wait_for(qtbot, lambda: window.actions_.current_dialog is not None and window.actions_.current_dialog.spec.error)
    dialog = window.actions_.current_dialog
    assert "permission" in dialog.error.text()
    assert dialog.text.toPlainText() == "It was a fire after all"
    dialog.reject()

    lead = open_window("lead")
    wait_for(qtbot, lambda: lead.shows_alert(alert_id))
    lead.queue.set_view("closed_today")
    assert lead.queue.select_alert(alert_id)
    act(qtbot, lead, "reopen")
    fill_dialog(qtbot, lead, "reopen", "It was a fire after all")
    wait_state(qtbot, lead, alert_id, State.ACKNOWLEDGED)


def test_merge_duplicates(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window()
    first = post(title="Truck leaking on ring road", category="hazmat_vehicle", severity="major", town="dq")
    second = post(title="Leaking truck, ring road km 12", category="hazmat_vehicle", severity="major", town="dq")
    wait_for(qtbot, lambda: window.shows_alert(first) and window.shows_alert(second))
    window.queue.set_view("open")
    window.queue.select_ids([first, second], first)
    assert window.actions_.actions["merge"].isEnabled()
    act(qtbot, window, "merge")
    fill_dialog(qtbot, window, "merge", target=first)
    wait_state(qtbot, window, second, State.MERGED)
    assert window.latest(second).merged_into == first
    wait_for(qtbot, lambda: window.latest(first).duplicate_count >= 1)
    assert window.latest(first).state is State.NEW


def test_two_consoles_conflict(qtbot: Any, open_window: Any, post: Any) -> None:
    one, two = open_window("duty1"), open_window("duty2")
    alert_id = post(title="Fire alarm in a warehouse", category="other", severity="major", town="nh")
    for w in (one, two):
        select(qtbot, w, alert_id)
    refusals: dict[str, tuple[str, str, str]] = {}
    one.actions_.sig_refused.connect(lambda *args: refusals.setdefault("duty1", args))
    two.actions_.sig_refused.connect(lambda *args: refusals.setdefault("duty2", args))
    # Both press "acknowledge" on the same version, in the same instant: one wins, the other is told.
    one.actions_.trigger("acknowledge")
    two.actions_.trigger("acknowledge")
    wait_for(qtbot, lambda: refusals)
    assert len(refusals) == 1
    loser_name, (key, code, text) = next(iter(refusals.items()))
    winner_name = "duty1" if loser_name == "duty2" else "duty2"
    loser = two if loser_name == "duty2" else one
    assert key == "acknowledge" and code in ("conflict", "wrong_state")
    wait_for(qtbot, lambda: loser.actions_.message_box is not None and loser.actions_.message_box.isVisible())
    assert winner_name in loser.actions_.message_box.text() or "state" in loser.actions_.message_box.text()
    wait_state(qtbot, loser, alert_id, State.ACKNOWLEDGED)
    assert loser.latest(alert_id).assignee == winner_name
    loser.actions_.message_box.close()
    qtbot.wait(300)
    assert len(refusals) == 1  # nothing doubled

    # A dialog refused because the other console got there first keeps what was typed.
    one.queue.select_alert(alert_id)
    two.queue.select_alert(alert_id)
    two.actions_.trigger("false_alarm")
    wait_for(qtbot, lambda: two.actions_.current_dialog is not None)
    two.actions_.current_dialog.set_text("Detector fault, confirmed by the guard")
    one.actions_.trigger("false_alarm")
    fill_dialog(qtbot, one, "false_alarm", "Drill")
    wait_state(qtbot, two, alert_id, State.FALSE_ALARM)
    two.actions_.current_dialog.accept()
    wait_for(qtbot, lambda: two.actions_.current_dialog is not None and two.actions_.current_dialog.spec.error)
    assert two.actions_.current_dialog.text.toPlainText() == "Detector fault, confirmed by the guard"
    two.actions_.current_dialog.reject()


def test_alarm_rings_for_critical_until_acknowledged(qtbot: Any, open_window: Any, post: Any) -> None:
    window = open_window()
    wait_for(qtbot, lambda: not window.alarm.ringing or window.alarm.pending)
    for alert_id in list(window.alarm.pending):  # earlier tests' criticals: acknowledge them first
        window.queue.set_view("open")
        window.queue.select_alert(alert_id)
        act(qtbot, window, "acknowledge")
    wait_for(qtbot, lambda: not window.alarm.ringing)
    alert_id = post(title="Tanker overturned, chlorine smell", category="hazmat_vehicle", severity="critical",
                    town="lh")
    wait_for(qtbot, lambda: window.alarm.ringing)
    assert window.alarm.sounding
    assert alert_id in window.queue.model.flashing
    assert "ALARM" in window.alarm_button.text()
    wait_for(qtbot, lambda: window.queue.model.flash_on)  # the row flashes
    row = window.queue.model.find_row(alert_id)
    assert window.queue.model.data(window.queue.model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is not None

    window.alarm.toggle_mute()  # per operator, clearly shown, remembered
    assert not window.alarm.sounding and window.alarm.ringing
    assert "MUTED" in window.alarm_button.text()
    window.alarm.toggle_mute()
    assert window.alarm.sounding

    select(qtbot, window, alert_id)
    act(qtbot, window, "acknowledge")
    wait_for(qtbot, lambda: not window.alarm.ringing)
    assert alert_id not in window.queue.model.flashing
    assert "ALARM:" not in window.alarm_button.text()
