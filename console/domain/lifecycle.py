"""The alert lifecycle as an explicit state machine.

new -> acknowledged -> dispatched -> signed -> handled -> closed, with bounce-back by the town,
redo after an unsatisfied verification, reopen, close as false alarm and merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from console.domain.alert import Alert
from console.domain.audit import AuditEvent
from console.domain.enums import Action, Category, Satisfaction, State
from console.domain.errors import TransitionRefused, ValidationFailed
from console.domain.sla import SlaPolicy

_OPEN_BEFORE_DISPATCH = (State.NEW, State.ACKNOWLEDGED)
_ALL_OPEN = (State.NEW, State.ACKNOWLEDGED, State.DISPATCHED, State.SIGNED, State.HANDLED)

# (action) -> {from state: to state}. None as target means "state unchanged".
TRANSITIONS: dict[Action, dict[State, State | None]] = {
    Action.ACKNOWLEDGE: {State.NEW: State.ACKNOWLEDGED},
    Action.DISPATCH: {State.ACKNOWLEDGED: State.DISPATCHED},
    Action.SIGN: {State.DISPATCHED: State.SIGNED},
    Action.FEEDBACK: {State.SIGNED: State.HANDLED},
    Action.BOUNCE: {State.DISPATCHED: State.ACKNOWLEDGED, State.SIGNED: State.ACKNOWLEDGED},
    Action.VERIFY: {State.HANDLED: State.CLOSED},
    Action.REDO: {State.HANDLED: State.DISPATCHED},
    Action.REOPEN: {State.CLOSED: State.ACKNOWLEDGED, State.FALSE_ALARM: State.ACKNOWLEDGED},
    Action.FALSE_ALARM: {s: State.FALSE_ALARM for s in _ALL_OPEN},
    Action.MERGE: {s: State.MERGED for s in _ALL_OPEN},
    Action.ASSIGN: {s: None for s in _ALL_OPEN},
    Action.NOTE: {s: None for s in State},
    Action.ATTACH: {s: None for s in State},
    Action.CALL: {s: None for s in State},
    Action.RECOVER: {s: None for s in State},
}

# Actions an operator may send as commands (CREATE and DUPLICATE come from intake only).
COMMAND_ACTIONS = frozenset(TRANSITIONS)


@dataclass(slots=True)
class Command:
    action: Action
    alert_id: int
    version: int
    actor: str
    args: dict[str, Any] = field(default_factory=dict)


def allowed_actions(state: State) -> list[Action]:
    return [action for action, table in TRANSITIONS.items() if state in table]


def _require_text(args: dict[str, Any], key: str, action: Action) -> str:
    value = args.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed(f"'{action}' needs a {key}")
    return value.strip()


def target_state(alert: Alert, action: Action) -> State | None:
    table = TRANSITIONS.get(action)
    if table is None or alert.state not in table:
        raise TransitionRefused(f"cannot {action} an alert that is {alert.state}")
    return table[alert.state]


def apply(alert: Alert, command: Command, now: float, policy: SlaPolicy) -> tuple[Alert, AuditEvent]:
    """Returns the changed copy of the alert and the audit event; never mutates the input.

    MERGE only changes the merged alert here; the hub updates the target.
    """
    action = command.action
    args = command.args
    new_state = target_state(alert, action)
    changed = alert.copy()
    note = str(args.get("note") or "").strip()
    data: dict[str, Any] = {}

    if action is Action.ACKNOWLEDGE:
        changed.acked_at = now
        if changed.assignee is None:
            changed.assignee = command.actor
    elif action is Action.ASSIGN:
        assignee = args.get("assignee") or command.actor
        changed.assignee = str(assignee)
        data["assignee"] = changed.assignee
    elif action is Action.DISPATCH:
        town = args.get("town") or alert.town
        if not town:
            raise ValidationFailed("'dispatch' needs a town: the alert has no responsible town")
        changed.town = str(town)
        changed.dispatched_at = now
        due = args.get("feedback_due")
        limits = policy.limits(alert.category, alert.severity)
        changed.feedback_due = float(due) if due is not None else now + limits.feedback
        changed.feedback_at = None
        data.update(town=changed.town, feedback_due=changed.feedback_due)
    elif action is Action.FEEDBACK:
        note = _require_text(args, "note", action)
        changed.feedback_at = now
    elif action is Action.BOUNCE:
        note = note or _require_text(args, "reason", action)
        changed.bounce_count += 1
        changed.dispatched_at = None
        changed.feedback_due = None
        changed.feedback_at = None
        data["town"] = alert.town
    elif action is Action.VERIFY:
        satisfaction = args.get("satisfaction")
        if alert.category is Category.HOTLINE_ORDER:
            if satisfaction is None:
                raise ValidationFailed("verifying a hotline order needs the citizen's satisfaction result")
            try:
                result = Satisfaction(satisfaction)
            except ValueError:
                raise ValidationFailed(f"unknown satisfaction result '{satisfaction}'") from None
            if result is Satisfaction.UNSATISFIED:
                raise TransitionRefused("the citizen is unsatisfied: redo the order instead of closing it")
            changed.satisfaction = str(result)
            data["satisfaction"] = changed.satisfaction
        changed.closed_at = now
    elif action is Action.REDO:
        note = note or _require_text(args, "reason", action)
        satisfaction = args.get("satisfaction")
        if satisfaction is not None:
            changed.satisfaction = str(Satisfaction(satisfaction))
            data["satisfaction"] = changed.satisfaction
        limits = policy.limits(alert.category, alert.severity)
        changed.redo_count += 1
        changed.dispatched_at = now
        changed.feedback_at = None
        changed.feedback_due = now + limits.feedback
    elif action is Action.REOPEN:
        note = note or _require_text(args, "reason", action)
        changed.closed_at = None
        changed.satisfaction = None
        changed.dispatched_at = None
        changed.feedback_at = None
        changed.feedback_due = None
    elif action is Action.FALSE_ALARM:
        note = note or _require_text(args, "reason", action)
        changed.closed_at = now
    elif action is Action.MERGE:
        into = args.get("into")
        if not isinstance(into, int) or into == alert.id:
            raise ValidationFailed("'merge' needs another alert to merge into")
        changed.merged_into = into
        changed.closed_at = now
        data["into"] = into
    elif action is Action.NOTE:
        note = _require_text(args, "note", action)
    elif action in (Action.ATTACH, Action.CALL, Action.RECOVER):
        data.update({k: v for k, v in args.items() if k != "note"})

    if new_state is not None:
        changed.state = new_state
    changed.version = alert.version + 1
    changed.updated_by = command.actor
    changed.updated_action = str(action)
    event = AuditEvent(
        alert_id=alert.id, at=now, actor=command.actor, action=str(action),
        from_state=str(alert.state), to_state=str(changed.state), note=note, data=data,
    )
    return changed, event


def absorb_duplicate(target: Alert, count: int, seen_at: float, actor: str, action: Action,
                     note: str = "", data: dict[str, Any] | None = None) -> tuple[Alert, AuditEvent]:
    """A repeated report (or a merged alert) adds to the target's duplicate count."""
    changed = target.copy()
    changed.duplicate_count += count
    changed.last_seen_at = max(seen_at, target.last_seen_at or seen_at)
    changed.version = target.version + 1
    changed.updated_by = actor
    changed.updated_action = str(action)
    event = AuditEvent(alert_id=target.id, at=seen_at, actor=actor, action=str(action),
                       from_state=str(target.state), to_state=str(target.state), note=note,
                       data=dict(data or {}))
    return changed, event
