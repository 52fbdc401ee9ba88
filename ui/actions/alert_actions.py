"""Every operator action as a QAction (menu, toolbar, context menu, shortcut), run against the hub.

An action is enabled when the lifecycle allows it for every selected alert. Actions that need
input open an ActionDialog; when the hub refuses, the operator gets a clear message and the same
dialog comes back with what they typed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from console.client.hub_client import HubRefused
from console.domain.alert import Alert
from console.domain.enums import Action, Category
from console.domain.lifecycle import allowed_actions
from console.domain.sla import SlaPolicy
from ui.actions.action_dialog import ActionDialog, DialogSpec
from ui.hub_bridge import HubBridge


@dataclass(frozen=True)
class ActionDef:
    key: str  # our name; usually the hub action
    hub_action: Action
    shortcut: str
    multi: bool  # may run on several selected alerts at once


DEFS = [
    ActionDef("acknowledge", Action.ACKNOWLEDGE, "A", True),
    ActionDef("assign_me", Action.ASSIGN, "M", True),
    ActionDef("assign", Action.ASSIGN, "Shift+M", True),
    ActionDef("dispatch", Action.DISPATCH, "D", False),
    ActionDef("sign", Action.SIGN, "S", True),
    ActionDef("feedback", Action.FEEDBACK, "F", False),
    ActionDef("bounce", Action.BOUNCE, "B", False),
    ActionDef("verify", Action.VERIFY, "V", False),
    ActionDef("redo", Action.REDO, "R", False),
    ActionDef("reopen", Action.REOPEN, "Shift+R", False),
    ActionDef("false_alarm", Action.FALSE_ALARM, "X", True),
    ActionDef("merge", Action.MERGE, "G", True),
    ActionDef("note", Action.NOTE, "N", True),
]


class AlertActions(QObject):
    sig_message = Signal(str)  # status-bar text
    sig_refused = Signal(str, str, str)  # action key, code, message shown to the operator
    sig_done = Signal(str, object)  # action key, the alert as the hub returned it

    def __init__(self, bridge: HubBridge, selection: Callable[[], list[Alert]],
                 latest: Callable[[int], Alert | None], parent: QWidget) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.selection = selection  # the selected alerts, current first
        self.latest = latest  # the newest copy the console holds of an alert
        self.window = parent
        self.towns: list[tuple[str, str]] = []
        self.operators: list[str] = []
        self.candidates: Callable[[], list[Alert]] = lambda: []  # open alerts to merge into
        self.policy = SlaPolicy()
        self.current_dialog: ActionDialog | None = None
        self.message_box: QMessageBox | None = None
        self.actions: dict[str, QAction] = {}
        titles = self._titles()
        for d in DEFS:
            act = QAction(titles[d.key], parent)
            act.setObjectName(f"action_{d.key}")
            act.setShortcut(QKeySequence(d.shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(f"{titles[d.key]} ({QKeySequence(d.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            act.triggered.connect(lambda _checked=False, key=d.key: self.trigger(key))
            parent.addAction(act)
            self.actions[d.key] = act
        self.update_enabled()

    def _titles(self) -> dict[str, str]:
        return {
            "acknowledge": self.tr("&Acknowledge"), "assign_me": self.tr("Assign to &me"),
            "assign": self.tr("Assign to &operator…"), "dispatch": self.tr("&Dispatch to town…"),
            "sign": self.tr("Record town &signing"), "feedback": self.tr("Record town &feedback…"),
            "bounce": self.tr("Record &bounce-back…"), "verify": self.tr("&Verify and close…"),
            "redo": self.tr("&Redo…"), "reopen": self.tr("Re&open…"),
            "false_alarm": self.tr("Close as &false alarm…"), "merge": self.tr("Mer&ge duplicates…"),
            "note": self.tr("Add &note…"),
        }

    def add_call_action(self, action: QAction) -> None:
        """"Call town" sits next to "Dispatch" (menus, context menu); only added when ui/call exists."""
        self.actions["call"] = action
        self.update_enabled()

    # ---- enabled state
    def update_enabled(self) -> None:
        alerts = self.selection()
        online = self.bridge.client is not None and self.bridge.state == "connected"
        for d in DEFS:
            ok = bool(alerts) and online and (d.multi or len(alerts) == 1)
            ok = ok and all(d.hub_action in allowed_actions(a.state) for a in alerts)
            if d.key == "merge":
                ok = bool(alerts) and online and all(a.state.is_open for a in alerts)
            if d.key == "assign_me":
                ok = ok and any(a.assignee != self.bridge.user for a in alerts)
            self.actions[d.key].setEnabled(ok)
        if "call" in self.actions:
            self.actions["call"].setEnabled(online and len(alerts) == 1 and bool(alerts[0].town)
                                            and alerts[0].state.is_open)

    def fill_menu(self, menu: QMenu) -> None:
        order = ["acknowledge", "assign_me", "assign", None, "dispatch", "call", "sign", "feedback", "bounce",
                 None, "verify", "redo", "reopen", "false_alarm", "merge", None, "note"]
        for key in order:
            if key is None:
                menu.addSeparator()
            elif key in self.actions:
                menu.addAction(self.actions[key])

    # ---- running
    def trigger(self, key: str, values: dict[str, Any] | None = None, error: str = "",
                ids: list[int] | None = None) -> None:
        alerts = [self.latest(i) for i in ids] if ids else self.selection()
        alerts = [a for a in alerts if a is not None]
        if not alerts:
            return
        if key == "acknowledge":
            self._run_each(key, alerts, "acknowledge", {})
        elif key == "sign":
            self._run_each(key, alerts, "sign", {})
        elif key == "assign_me":
            self._run_each(key, alerts, "assign", {"assignee": self.bridge.user})
        else:
            self._open_dialog(key, alerts, values or {}, error)

    def _summary(self, alerts: list[Alert]) -> str:
        if len(alerts) == 1:
            return f"#{alerts[0].id}  {alerts[0].title}"
        return self.tr("%n alerts selected", "", len(alerts))

    def _spec(self, key: str, alerts: list[Alert]) -> DialogSpec:
        a = alerts[0]
        summary = self._summary(alerts)
        if key == "dispatch":
            limits = self.policy.limits(a.category, a.severity)
            return DialogSpec(key, self.tr("Dispatch to town"), summary, self.tr("Instructions:"),
                              towns=self.towns, town=a.town, deadline=time.time() + limits.feedback)
        if key == "feedback":
            return DialogSpec(key, self.tr("Record the town's feedback"), summary, self.tr("Feedback:"), True)
        if key == "bounce":
            return DialogSpec(key, self.tr("Record a bounce-back"), summary, self.tr("Reason:"), True)
        if key == "verify":
            return DialogSpec(key, self.tr("Verify and close"), summary, self.tr("Verification note:"),
                              satisfaction=a.category is Category.HOTLINE_ORDER)
        if key == "redo":
            return DialogSpec(key, self.tr("Redo: send back to the town"), summary, self.tr("Reason:"), True,
                              satisfaction=a.category is Category.HOTLINE_ORDER, allow_unsatisfied=True)
        if key == "reopen":
            return DialogSpec(key, self.tr("Reopen"), summary, self.tr("Reason:"), True)
        if key == "false_alarm":
            return DialogSpec(key, self.tr("Close as false alarm"), summary, self.tr("Reason:"), True)
        if key == "note":
            return DialogSpec(key, self.tr("Add a note"), summary, self.tr("Note:"), True)
        if key == "assign":
            return DialogSpec(key, self.tr("Assign to an operator"), summary, operators=self.operators)
        if key == "merge":
            selected = {x.id for x in alerts}
            targets = [(x.id, x.title) for x in alerts] if len(alerts) > 1 else []
            targets += [(x.id, x.title) for x in self.candidates() if x.id not in selected]
            return DialogSpec(key, self.tr("Merge duplicates"), self.tr(
                "The other selected alerts (or this one) become duplicates of the alert chosen below."),
                merge_targets=targets)
        raise KeyError(key)

    def _open_dialog(self, key: str, alerts: list[Alert], values: dict[str, Any], error: str) -> None:
        spec = self._spec(key, alerts)
        spec.values, spec.error = values, error
        dialog = ActionDialog(spec, self.window)
        dialog.ids = [a.id for a in alerts]  # grows when several refused alerts come back together
        prefilled_due = spec.deadline

        def accepted() -> None:
            ids = dialog.ids
            entered = dialog.values()
            self.current_dialog = None
            args = self._args(key, entered, prefilled_due)
            if key == "merge":
                into = entered.get("into")
                sources = [i for i in ids if i != into] if len(ids) > 1 else ids
                self._run_each(key, [self.latest(i) for i in sources], "merge", {"into": into}, entered)
            else:
                self._run_each(key, [self.latest(i) for i in ids], self._hub_action(key), args, entered)

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(lambda: setattr(self, "current_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        # Keyboard-first: after the dialog, the keys go back to the queue.
        dialog.finished.connect(lambda _result: self.window.activateWindow())
        self.current_dialog = dialog
        dialog.open()

    @staticmethod
    def _hub_action(key: str) -> str:
        return next(str(d.hub_action) for d in DEFS if d.key == key)

    @staticmethod
    def _args(key: str, entered: dict[str, Any], prefilled_due: float | None) -> dict[str, Any]:
        text = str(entered.get("text", "")).strip()
        if key == "dispatch":
            args: dict[str, Any] = {"town": entered.get("town")}
            due = entered.get("feedback_due")
            # Only an edited deadline is sent: otherwise the hub's own SLA configuration applies.
            if due is not None and prefilled_due is not None and abs(due - prefilled_due) > 90:
                args["feedback_due"] = due
            return args
        if key in ("feedback", "note"):
            return {"note": text}
        if key in ("bounce", "reopen", "false_alarm"):
            return {"reason": text}
        if key == "verify":
            args = {"note": text} if text else {}
            if entered.get("satisfaction"):
                args["satisfaction"] = entered["satisfaction"]
            return args
        if key == "redo":
            args = {"reason": text}
            if entered.get("satisfaction"):
                args["satisfaction"] = entered["satisfaction"]
            return args
        if key == "assign":
            return {"assignee": entered.get("assignee")}
        return {}

    def _run_each(self, key: str, alerts: list[Alert | None], hub_action: str, args: dict[str, Any],
                  entered: dict[str, Any] | None = None) -> None:
        for alert in alerts:
            if alert is None:
                continue
            self.bridge.command(
                hub_action, alert,
                on_done=lambda result, key=key: self._on_done(key, result),
                on_error=lambda exc, key=key, alert_id=alert.id: self._on_error(key, alert_id, exc, entered),
                **args)

    def _on_done(self, key: str, alert: Alert) -> None:
        self.sig_done.emit(key, alert)
        self.sig_message.emit(self.tr("#%1: %2 done").replace("%1", str(alert.id))
                              .replace("%2", self.actions[key].text().replace("&", "").rstrip("…")))

    def explain(self, exc: BaseException) -> tuple[str, str]:
        if not isinstance(exc, HubRefused):
            return "error", self.tr("The hub did not answer: %1").replace("%1", str(exc) or type(exc).__name__)
        head = {
            "wrong_state": self.tr("Not possible in the alert's current state."),
            "conflict": self.tr("Another operator changed this alert first."),
            "forbidden": self.tr("You do not have permission for this."),
            "invalid": self.tr("The hub refused the input."),
            "not_found": self.tr("The alert no longer exists."),
            "offline": self.tr("Not connected to the hub: nothing was sent."),
        }.get(exc.code, self.tr("The hub refused the action."))
        return exc.code, f"{head}\n{exc.message}"

    def _on_error(self, key: str, alert_id: int, exc: BaseException, entered: dict[str, Any] | None) -> None:
        code, text = self.explain(exc)
        title = self.actions[key].text().replace("&", "").rstrip("…")
        self.sig_refused.emit(key, code, text)
        self.sig_message.emit(f"#{alert_id}: {text.splitlines()[0]}")
        if entered is not None:
            open_dialog = self.current_dialog
            if open_dialog is not None and open_dialog.spec.action == key and open_dialog.isVisible():
                # Several selected alerts refused: one dialog, every reason listed.
                open_dialog.error.setText(f"{open_dialog.error.text()}\n#{alert_id}: {text}")
                if alert_id not in open_dialog.ids:
                    open_dialog.ids.append(alert_id)
                return
            # Nothing typed is lost: the same dialog comes back, filled in, with the reason on top.
            self.trigger(key, entered, f"#{alert_id}: {text}", ids=[alert_id])
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, f"#{alert_id}: {text}",
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("refusal")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()

