"""The alert lifecycle state machine, on its own."""

from __future__ import annotations

import pytest

from console.domain.alert import Alert
from console.domain.enums import Action, Category, Severity, State
from console.domain.errors import TransitionRefused, ValidationFailed
from console.domain.lifecycle import Command, apply
from console.domain.sla import HOUR, DeadlineStatus, SlaPolicy, deadline_status

POLICY = SlaPolicy()


def make(category: Category = Category.HAZMAT_VEHICLE) -> Alert:
    return Alert(id=1, source="t", category=category, severity=Severity.CRITICAL, title="x",
                 received_at=1000.0, occurred_at=1000.0, town="lh")


def step(alert: Alert, action: Action, now: float = 2000.0, **args: object) -> Alert:
    changed, event = apply(alert, Command(action, alert.id, alert.version, "duty1", dict(args)), now, POLICY)
    assert event.from_state == alert.state and event.to_state == changed.state
    assert changed.version == alert.version + 1
    return changed


def test_full_path_to_closed() -> None:
    alert = make()
    alert = step(alert, Action.ACKNOWLEDGE)
    assert alert.state is State.ACKNOWLEDGED and alert.assignee == "duty1" and alert.acked_at == 2000.0
    alert = step(alert, Action.DISPATCH, now=2100.0)
    assert alert.state is State.DISPATCHED and alert.feedback_due == 2100.0 + 2 * HOUR
    alert = step(alert, Action.SIGN)
    alert = step(alert, Action.FEEDBACK, note="shed removed")
    assert alert.state is State.HANDLED
    alert = step(alert, Action.VERIFY, note="checked on camera 12")
    assert alert.state is State.CLOSED and alert.closed_at == 2000.0


def test_refusal_names_state_and_action() -> None:
    with pytest.raises(TransitionRefused, match="cannot verify an alert that is new"):
        step(make(), Action.VERIFY)
    with pytest.raises(TransitionRefused, match="cannot dispatch an alert that is new"):
        step(make(), Action.DISPATCH)


def test_bounce_needs_reason_and_returns_to_hall() -> None:
    alert = step(step(make(), Action.ACKNOWLEDGE), Action.DISPATCH)
    with pytest.raises(ValidationFailed, match="reason"):
        step(alert, Action.BOUNCE)
    bounced = step(alert, Action.BOUNCE, reason="not our jurisdiction")
    assert bounced.state is State.ACKNOWLEDGED and bounced.bounce_count == 1 and bounced.feedback_due is None


def test_hotline_verify_needs_satisfaction_and_unsatisfied_means_redo() -> None:
    alert = make(Category.HOTLINE_ORDER)
    for action, args in [(Action.ACKNOWLEDGE, {}), (Action.DISPATCH, {}), (Action.SIGN, {}),
                         (Action.FEEDBACK, {"note": "done"})]:
        alert = step(alert, action, **args)
    with pytest.raises(ValidationFailed, match="satisfaction"):
        step(alert, Action.VERIFY)
    with pytest.raises(TransitionRefused, match="redo"):
        step(alert, Action.VERIFY, satisfaction="unsatisfied")
    redone = step(alert, Action.REDO, reason="citizen says bikes are back", satisfaction="unsatisfied")
    assert redone.state is State.DISPATCHED and redone.redo_count == 1 and redone.satisfaction == "unsatisfied"
    closed = step(alert, Action.VERIFY, satisfaction="satisfied")
    assert closed.state is State.CLOSED and closed.satisfaction == "satisfied"


def test_false_alarm_needs_reason_and_reopen_brings_it_back() -> None:
    with pytest.raises(ValidationFailed):
        step(make(), Action.FALSE_ALARM)
    closed = step(make(), Action.FALSE_ALARM, reason="sensor glitch")
    assert closed.state is State.FALSE_ALARM and not closed.is_open
    reopened = step(closed, Action.REOPEN, reason="it happened again")
    assert reopened.state is State.ACKNOWLEDGED and reopened.closed_at is None


def test_apply_never_mutates_its_input() -> None:
    alert = make()
    step(alert, Action.ACKNOWLEDGE)
    assert alert.state is State.NEW and alert.version == 1


def test_deadline_status() -> None:
    assert deadline_status(None, None, 5) is DeadlineStatus.NONE
    assert deadline_status(10, None, 5) is DeadlineStatus.RUNNING
    assert deadline_status(10, None, 11) is DeadlineStatus.OVERDUE
    assert deadline_status(10, 9, 100) is DeadlineStatus.MET
    assert deadline_status(10, 12, 100) is DeadlineStatus.OVERDUE


def test_sla_configurable_per_category_and_severity() -> None:
    policy = SlaPolicy.from_config({"hotline_order": {"minor": {"dispatch": "2h", "feedback": "7d"}},
                                    "default": {"critical": {"acknowledge": "90s"}}})
    assert policy.limits(Category.HOTLINE_ORDER, Severity.MINOR).dispatch == 2 * HOUR
    assert policy.limits(Category.OTHER, Severity.CRITICAL).acknowledge == 90
    assert policy.limits(Category.OTHER, Severity.MINOR).dispatch == 24 * HOUR
