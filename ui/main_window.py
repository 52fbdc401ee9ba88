"""The operator's workbench: the queue, the alert in front of them, actions, alarm, and the panels.

Layout: a splitter with the queue (tabs, filters, table) and the detail pane in the middle; the
video wall, the call panel and the dashboard as docks when those modules are installed (see
`add_panel`). Everything the hub sends comes in through the HubBridge's queued signals.
"""

from __future__ import annotations

import base64
import logging
import time
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QToolButton,
    QWidget,
)

from console.client.hub_client import ConnectionState
from console.domain.alert import Alert
from console.domain.enums import Category, Severity, State
from console.domain.geography import Camera
from ui.actions.alert_actions import AlertActions
from ui.alarm.alarm_controller import AlarmController
from ui.detail.detail_panel import DetailPanel
from ui.hub_bridge import HubBridge
from ui.queue.queue_model import View
from ui.queue.queue_panel import VIEWS, QueuePanel
from ui.settings_dialog import SettingsDialog
from ui.shortcuts_dialog import ShortcutsDialog

log = logging.getLogger(__name__)
VIDEO_DOCK_HEIGHT = 420  # px on first start: 40% of the default 950 px window


class MainWindow(QMainWindow):
    def __init__(self, bridge: HubBridge, *, language: str = "en", optional_panels: bool = True) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.bridge = bridge
        self.language = language
        self.cameras: list[Camera] = []
        self.video_panel: Any = None
        self.camera_fault_sink: Any = None  # a HubCameraFaultSink once the wall reports to the hub
        self.call_controller: Any = None
        self.call_panel: Any = None
        self.dashboard_panel: Any = None
        self.panels: dict[str, QDockWidget] = {}
        self._closing = False
        self._known_assignees: set[str] = set()
        self.setWindowTitle(self.tr("Command Hall Console"))

        self.queue = QueuePanel(self)
        self.detail = DetailPanel(bridge, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="main_splitter")
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)

        self.alarm = AlarmController(self, bridge.user, self)
        self.actions_ = AlertActions(bridge, self.selected_alerts, self.latest, self)
        self.actions_.candidates = self._merge_candidates
        self._build_window_actions()
        self._build_status_bar()
        self._build_menus()

        bridge.sig_state.connect(self.on_state)
        bridge.sig_snapshot.connect(self.on_snapshot)
        bridge.sig_changes.connect(self.on_changes)
        self.queue.sig_selection_changed.connect(self.on_selection_changed)
        self.queue.table.customContextMenuRequested.connect(self.on_context_menu)
        self.queue.model.sig_counts_changed.connect(self._update_title)
        self.actions_.sig_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.actions_.sig_done.connect(self.on_action_done)
        self.alarm.sig_flash.connect(self.queue.model.set_flash)
        self.alarm.sig_ringing_changed.connect(self._update_alarm_indicator)
        self.alarm.sig_muted_changed.connect(self._update_alarm_indicator)
        self.alarm.sig_ringing_changed.connect(self._sync_flashing)
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(self.on_clock)
        self._clock.start()
        if optional_panels:
            self._embed_optional_panels()
        self.restore_state()
        self._update_alarm_indicator()
        self.on_state(str(bridge.state), "")

    # ---- building
    def _build_window_actions(self) -> None:
        def make(name: str, text: str, keys: list[str], slot: Any) -> QAction:
            act = QAction(text, self, objectName=name)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.act_search = make("action_search", self.tr("&Search the queue"), ["/", "Ctrl+F"], self.focus_search)
        self.act_queue = make("action_focus_queue", self.tr("Back to the &queue"), ["F6"],
                              self.focus_queue)
        self.act_shortcuts = make("action_shortcuts", self.tr("&Keyboard shortcuts"), ["F1", "?"],
                                  self.show_shortcuts)
        self.act_mute = make("action_mute", self.tr("&Mute the alarm for me"), ["Ctrl+Shift+M"],
                             lambda: self.alarm.toggle_mute())
        self.act_mute.setCheckable(True)
        self.act_settings = make("action_settings", self.tr("S&ettings…"), ["Ctrl+,"], self.show_settings)
        self.act_quit = make("action_quit", self.tr("&Quit"), ["Ctrl+Q"], self.close)
        self.act_export = make("action_export", self.tr("&Export the shown alerts…"), ["Ctrl+E"], self.export_rows)
        self.act_report = make("action_shift_report", self.tr("Shift &handover report…"), ["Ctrl+Shift+H"],
                               self.show_shift_report)
        self.act_refresh = make("action_refresh", self.tr("&Refresh the timeline"), ["F5"],
                                self.detail.load_history)
        self.act_clear_filters = make("action_clear_filters", self.tr("&Clear filters"), ["Ctrl+Backspace"],
                                      self.queue.filter_bar.on_clear)
        self.view_actions: list[QAction] = []
        for i, view in enumerate(VIEWS):
            act = make(f"action_view_{view}", self.queue.view_title(view), [f"Ctrl+{i + 1}"],
                       lambda _c=False, v=view: self.show_view(v))
            self.view_actions.append(act)
        self.act_next_view = make("action_next_view", self.tr("Next view"), ["Ctrl+Tab"],
                                  lambda: self._step_view(1))
        self.act_prev_view = make("action_prev_view", self.tr("Previous view"), ["Ctrl+Shift+Tab"],
                                  lambda: self._step_view(-1))
        # Esc in the search box goes back to the table, Enter too (keyboard-only flow).
        self.queue.filter_bar.search.returnPressed.connect(self.focus_queue)
        esc = QAction(self)
        esc.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        esc.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        esc.triggered.connect(self.focus_queue)
        self.queue.filter_bar.search.addAction(esc)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.connection_label = QLabel(self, objectName="connection")
        self.user_label = QLabel(self)
        self.alarm_button = QToolButton(self, objectName="alarm_indicator")
        self.alarm_button.setAutoRaise(True)
        self.alarm_button.clicked.connect(self.alarm.toggle_mute)
        bar.addPermanentWidget(self.alarm_button)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.connection_label)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        file_menu.addAction(self.act_report)
        file_menu.addAction(self.act_export)
        file_menu.addSeparator()
        file_menu.addAction(self.act_settings)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        self.alert_menu = menu.addMenu(self.tr("&Alert"))
        self.actions_.fill_menu(self.alert_menu)
        view_menu = menu.addMenu(self.tr("&View"))
        for act in self.view_actions:
            view_menu.addAction(act)
        view_menu.addSeparator()
        for act in (self.act_search, self.act_clear_filters, self.act_queue, self.act_refresh):
            view_menu.addAction(act)
        self.panels_menu = view_menu.addMenu(self.tr("&Panels"))
        alarm_menu = menu.addMenu(self.tr("Al&arm"))
        alarm_menu.addAction(self.act_mute)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_shortcuts)

        self.toolbar = QToolBar(self.tr("Actions"), self, objectName="actions_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key in ("acknowledge", "assign_me", "dispatch", "sign", "feedback", "bounce", "verify", "redo",
                    "false_alarm", "merge", "note"):
            self.toolbar.addAction(self.actions_.actions[key])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    # ---- panels from the other modules
    def add_panel(self, name: str, title: str, widget: QWidget,
                  area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea) -> QDockWidget:
        """The hook for the video wall, the call panel and the dashboard: a dock, listed under View > Panels."""
        dock = QDockWidget(title, self, objectName=f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        # Docks in one area are split, not tabified: a tabified pair that is hidden leaves Qt's dock
        # tab bar behind at the window's top-left corner after restoreState().
        self.addDockWidget(area, dock)
        self.panels[name] = dock
        self.panels_menu.addAction(dock.toggleViewAction())
        return dock

    def _embed_optional_panels(self) -> None:
        try:
            from ui.dashboard import DashboardPanel  # noqa: PLC0415 - optional module
        except ImportError as exc:
            log.info("no dashboard panel: %s", exc)
        else:
            self.dashboard_panel = DashboardPanel(
                lambda args, done: self.bridge.query("dashboard", done, self.dashboard_panel.show_error, **args)
                if self.bridge.client is not None else None, self)
            if hasattr(self.dashboard_panel, "sig_filter_requested"):
                self.dashboard_panel.sig_filter_requested.connect(self.apply_dashboard_filter)
            self.add_panel("dashboard", self.tr("Dashboard"), self.dashboard_panel,
                           Qt.DockWidgetArea.RightDockWidgetArea)
            self.panels["dashboard"].hide()
        try:
            from ui.call import CallController, CallPanel  # noqa: PLC0415 - optional module
        except ImportError as exc:
            log.info("no call panel: %s", exc)
        else:
            def send(message: dict[str, Any]) -> Any:
                assert self.bridge.client is not None
                return self.bridge.client.send(message)
            self.call_controller = CallController(self.bridge.loop, send, parent=self)
            self.bridge.sig_message.connect(self.call_controller.feed)
            self.call_panel = CallPanel(self.call_controller, parent=self)
            self.call_panel.sig_snapshot.connect(self.on_call_snapshot)
            self.add_panel("call", self.tr("Call"), self.call_panel, Qt.DockWidgetArea.RightDockWidgetArea)
            self.panels["call"].hide()
            self.call_controller.sig_phase.connect(self._on_call_phase)
            act = QAction(self.tr("&Call town"), self, objectName="action_call")
            act.setShortcut(QKeySequence("C"))
            act.triggered.connect(self.call_town)
            self.addAction(act)
            self.act_call = act
            self.actions_.add_call_action(act)
            self.alert_menu.clear()
            self.actions_.fill_menu(self.alert_menu)
            dispatch = self.actions_.actions["dispatch"]
            following = self.toolbar.actions()[self.toolbar.actions().index(dispatch) + 1]
            self.toolbar.insertAction(following, act)

    def _ensure_video_panel(self, cameras: list[Camera]) -> None:
        if self.video_panel is not None:
            # A reconnect with the same district leaves the wall be; a camera added, removed, renamed or
            # moved to another address reaches the wall (which reopens only what changed) and the faults.
            if list(cameras) != list(getattr(self.video_panel, "cameras", [])):
                self.video_panel.set_cameras(cameras)
                if self.camera_fault_sink is not None:
                    self.camera_fault_sink.camera_names = {c.id: c.name for c in cameras}
            return
        try:
            from ui.video import VideoWallPanel  # noqa: PLC0415 - optional module
        except ImportError as exc:
            log.info("no video wall: %s", exc)
            return
        self.video_panel = VideoWallPanel(cameras, self, town_names=self.town_names())
        self.video_panel.sig_snapshot.connect(self.on_camera_snapshot)
        if self.bridge.client is not None and hasattr(self.video_panel, "set_fault_sink"):
            # Cameras that go offline or freeze on the wall become camera-fault alerts on the hub.
            from console.client.camera_faults import HubCameraFaultSink  # noqa: PLC0415

            self.camera_fault_sink = HubCameraFaultSink(
                self.bridge.client, self.bridge.run, {c.id: c.name for c in cameras})
            self.video_panel.set_fault_sink(self.camera_fault_sink)
        self.add_panel("video", self.tr("Video wall"), self.video_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        if self.call_controller is not None and hasattr(self.video_panel, "wall"):
            wall = self.video_panel.wall
            provider = getattr(wall, "newest_provider", None)
            if callable(provider):
                self.call_controller.set_scene_provider(provider)
        state = QSettings().value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        else:
            # First start: a wall tall enough to see the pictures (Qt's default gives the dock its
            # minimum, ~60 px rows for a 3x3 wall); the operator's own layout is kept from then on.
            self.resizeDocks([self.panels["video"]], [VIDEO_DOCK_HEIGHT], Qt.Orientation.Vertical)

    # ---- the hub
    def on_state(self, state: str, detail: str) -> None:
        text = {
            ConnectionState.CONNECTING: self.tr("Connecting…"),
            ConnectionState.CONNECTED: self.tr("Connected"),
            ConnectionState.RECONNECTING: self.tr("Reconnecting…"),
            ConnectionState.AUTH_FAILED: self.tr("Login refused"),
            ConnectionState.CLOSED: self.tr("Offline"),
        }.get(ConnectionState(state), state)
        colour = {"connected": "#66bb6a", "auth_failed": "#ff5252"}.get(state, "#ffb300")
        self.connection_label.setText(f"<span style='color:{colour}'>●</span> {text}")
        self.connection_label.setToolTip(f"{self.bridge.url}\n{detail}")
        self.user_label.setText(self.bridge.user)
        if state == ConnectionState.CONNECTED:
            if self.alarm.user != self.bridge.user:
                self.alarm.set_user(self.bridge.user)
            self.queue.model.queue.set_user(self.bridge.user)
            self._load_reference_data()
        elif state == ConnectionState.AUTH_FAILED:
            self.statusBar().showMessage(self.tr("The hub refused the login: %1").replace("%1", detail))
        self.actions_.update_enabled()

    def _load_reference_data(self) -> None:
        self.bridge.query("district", self._on_district, lambda exc: log.warning("district: %s", exc))
        self.bridge.query("operators", self._on_operators, lambda exc: log.warning("operators: %s", exc))

    def town_names(self) -> dict[str, str]:
        return dict(self.queue.model.town_names)

    def _on_district(self, district: dict[str, Any]) -> None:
        zh = self.language.startswith("zh")
        names = {t["id"]: (t["name"] if zh else t.get("name_en") or t["name"]) for t in district.get("towns", [])}
        self.queue.model.town_names = names
        self.detail.town_names = names
        self.actions_.towns = sorted(names.items(), key=lambda kv: kv[1])
        self.queue.filter_bar.set_towns(self.actions_.towns)
        self.cameras = [Camera.from_dict(c) for c in district.get("cameras", [])]
        self.detail.camera_names = {c.id: c.name for c in self.cameras}
        if self.dashboard_panel is not None and hasattr(self.dashboard_panel, "set_town_names"):
            self.dashboard_panel.set_town_names(names)
        if self.cameras:
            self._ensure_video_panel(self.cameras)
        model = self.queue.model
        if model.rowCount():  # town names changed language: repaint, keep rows and selection as they are
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1))
        self.detail.show_alert(self.detail.alert, reload_history=False)

    def _on_operators(self, operators: list[dict[str, str]]) -> None:
        self.actions_.operators = [o["name"] for o in operators]

    def on_snapshot(self, alerts: list[Alert]) -> None:
        self.queue.model.reset_alerts(alerts)
        self.alarm.reset(alerts)
        self._sync_flashing()
        self._refresh_assignees()
        self._after_data()

    def _refresh_assignees(self, extra: set[str] | None = None) -> None:
        names = sorted(set(self.queue.model.queue.assignees()) | (extra or set()))
        self._known_assignees = set(names)
        self.queue.filter_bar.set_assignees(names)

    def on_changes(self, alerts: list[Alert]) -> None:
        self.queue.model.add_changes(alerts)
        self.alarm.apply(alerts)
        self._sync_flashing()
        self.detail.refresh_if_shown(alerts)
        fresh = {a.assignee for a in alerts if a.assignee and a.assignee not in self._known_assignees}
        if fresh:
            self._refresh_assignees(fresh)
        QTimer.singleShot(0, self._after_data)

    def _after_data(self) -> None:
        self.actions_.update_enabled()
        self._update_title()

    def _sync_flashing(self, *_args: object) -> None:
        self.queue.model.flashing = set(self.alarm.pending)

    # ---- selection
    def selected_alerts(self) -> list[Alert]:
        alerts = [self.latest(a.id) or a for a in self.queue.selected_alerts()]
        current = self.queue.current_alert()
        if current is not None and len(alerts) > 1:
            alerts.sort(key=lambda a: a.id != current.id)  # the current alert first
        return alerts

    def latest(self, alert_id: int) -> Alert | None:
        model = self.queue.model
        return model._pending.get(alert_id) or model.queue.alerts.get(alert_id)

    def _merge_candidates(self) -> list[Alert]:
        current = self.queue.current_alert()
        alerts = [a for a in self.queue.model.queue.alerts.values() if a.state.is_open]
        if current is not None:  # likely duplicates first: same category and town
            alerts.sort(key=lambda a: (a.category != current.category, a.town != current.town, -a.received_at))
        return alerts[:200]

    def on_selection_changed(self, alerts: list[Alert]) -> None:
        current = self.queue.current_alert()
        shown = current if current is not None else (alerts[0] if alerts else None)
        self.detail.show_alert(self.latest(shown.id) if shown else None)
        self.actions_.update_enabled()
        if shown is not None and shown.camera and self.video_panel is not None:
            try:
                self.video_panel.show_camera(shown.camera, maximize=False)
            except Exception as exc:  # noqa: BLE001 - the wall must never break the queue
                log.warning("video wall could not show %s: %s", shown.camera, exc)

    def on_context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        self.actions_.fill_menu(menu)
        menu.popup(self.queue.table.viewport().mapToGlobal(pos))

    def on_action_done(self, _key: str, alert: Alert) -> None:
        self.on_changes([alert])

    # ---- snapshots from the wall and calls
    def on_camera_snapshot(self, camera_id: str, png: bytes) -> None:
        """Attach the picture to the selected alert, or open a new illegal-construction alert for it."""
        name = f"{camera_id}-{time.strftime('%Y%m%d-%H%M%S')}.png"
        data = base64.b64encode(png).decode()
        selected = self.selected_alerts()
        if selected and self.bridge.client is not None:
            alert = selected[0]
            self.bridge.command("attach", alert, lambda a: self.statusBar().showMessage(
                self.tr("Snapshot attached to #%1").replace("%1", str(a.id)), 8000),
                lambda exc: self.statusBar().showMessage(self.actions_.explain(exc)[1], 8000),
                name=name, mime="image/png", data=data)
            return
        camera = next((c for c in self.cameras if c.id == camera_id), None)
        self.create_alert_from_snapshot(camera_id, camera.town if camera else None,
                                        camera.name if camera else camera_id, name, data)

    def create_alert_from_snapshot(self, camera_id: str, town: str | None, camera_name: str, name: str,
                                   data: str) -> None:
        alert = {"category": str(Category.ILLEGAL_CONSTRUCTION), "severity": str(Severity.MAJOR),
                 "title": self.tr("Illegal construction seen on camera %1").replace("%1", camera_name),
                 "camera": camera_id, "town": town,
                 "attachments": [{"name": name, "mime": "image/png", "data": data}]}
        self.bridge.create(alert, lambda alert_id: self.statusBar().showMessage(
            self.tr("Alert #%1 created from the snapshot").replace("%1", str(alert_id)), 8000),
            lambda exc: self.statusBar().showMessage(self.actions_.explain(exc)[1], 8000))

    def on_call_snapshot(self, alert_id: int, png: bytes) -> None:
        alert = self.latest(alert_id) if alert_id else None
        if alert is None:
            return
        self.bridge.command("attach", alert, None,
                            lambda exc: self.statusBar().showMessage(self.actions_.explain(exc)[1], 8000),
                            name=f"call-{time.strftime('%Y%m%d-%H%M%S')}.png", mime="image/png",
                            data=base64.b64encode(png).decode())

    def call_town(self) -> None:
        alerts = self.selected_alerts()
        if not alerts or self.call_controller is None:
            return
        alert = alerts[0]
        if not alert.town:
            self.statusBar().showMessage(self.tr("This alert has no responsible town to call."), 8000)
            return
        self.panels["call"].show()
        self.panels["call"].raise_()
        self.call_controller.call_town(alert, alert.town)

    def _on_call_phase(self, phase: str, _data: Any) -> None:
        if phase in ("dialing", "ringing") and "call" in self.panels:
            self.panels["call"].show()

    # ---- smoke test hooks (ui/smoke_test.py)
    def shows_alert(self, alert_id: int) -> bool:
        self.queue.model.flush()
        return alert_id in self.queue.model.queue.alerts

    def smoke_call(self, alert_id: int, town: str) -> Any:
        controller = self.call_controller
        if controller is None:
            raise RuntimeError("no call panel in this build (ui/call)")
        alert = self.latest(alert_id)
        controller.call_town(alert, town)

        class _Status:
            """status(): None while ringing, "answered" once the town took it (then it hangs up, so
            the town's desk is free again for the next step), "ended" when it ended unanswered."""

            answered = False

            def status(self) -> str | None:
                if self.answered or controller.phase in ("connecting", "connected", "reconnecting"):
                    if not self.answered:
                        self.answered = True
                        controller.hangup()
                    return "answered"
                if controller.phase == "ended":
                    return "ended"
                return None
        return _Status()

    # ---- views, focus, dialogs
    def show_view(self, view: View) -> None:
        self.queue.set_view(view)
        self.focus_queue()

    def _step_view(self, step: int) -> None:
        i = (VIEWS.index(self.queue.current_view()) + step) % len(VIEWS)
        self.show_view(VIEWS[i])

    def focus_search(self) -> None:
        self.queue.filter_bar.focus_search()

    def focus_queue(self) -> None:
        self.queue.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.queue._maybe_select_first()

    def apply_dashboard_filter(self, criteria: dict[str, Any]) -> None:
        """A click on the dashboard narrows the queue: its period plus a category, severity, state or town."""
        bar = self.queue.filter_bar
        bar.on_clear()
        for key, combo in (("category", bar.category), ("severity", bar.severity), ("state", bar.state),
                           ("town", bar.town)):
            if criteria.get(key):
                with QSignalBlocker(combo):
                    combo.setCurrentIndex(max(combo.findData(criteria[key]), 0))
        start, end = criteria.get("received_from"), criteria.get("received_to")
        bar.set_period((float(start), float(end)) if start is not None and end is not None else None, emit=False)
        closed = criteria.get("state") in (State.CLOSED, State.FALSE_ALARM, State.MERGED)
        # The console holds open alerts and those closed recently: closed ones show under "Closed today".
        self.queue.set_view(View.CLOSED_TODAY if closed else View.OPEN)
        bar.emit_filters()
        self.focus_queue()

    def show_shortcuts(self) -> ShortcutsDialog:
        extra = [("↑ ↓ PgUp PgDn Home End", self.tr("Move through the queue")),
                 ("Shift+↑ / Shift+↓", self.tr("Select several alerts")),
                 ("Esc / Enter", self.tr("From the search box back to the queue")),
                 ("Tab", self.tr("Next field in a dialog")),
                 ("Ctrl+Enter", self.tr("Confirm a dialog from the text field"))]
        actions = list(self.actions_.actions.values()) + [
            self.act_search, self.act_queue, self.act_clear_filters, *self.view_actions, self.act_next_view,
            self.act_prev_view, self.act_refresh, self.act_mute, self.act_export, self.act_report,
            self.act_settings, self.act_shortcuts, self.act_quit]
        dialog = ShortcutsDialog(actions, extra, self)
        dialog.open()
        self.shortcuts_dialog = dialog
        return dialog

    def export_rows(self) -> None:
        """The queue's rows as shown (view, filters, order) to CSV or XLSX (ui/report)."""
        try:
            from ui.report.export_dialog import export_alerts  # noqa: PLC0415 - optional module
        except ImportError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        model = self.queue.model
        model.flush()
        rows = [model.alert(r) for r in range(model.rowCount())]
        path = export_alerts(self, rows)
        if path is not None:
            self.statusBar().showMessage(self.tr("%n alerts exported to %1", "", len(rows)).replace("%1", str(path)),
                                         8000)

    def show_shift_report(self) -> None:
        try:
            from ui.report.dialog import ShiftReportDialog  # noqa: PLC0415 - optional module
        except ImportError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        if self.bridge.client is None:
            return

        def call(name: str) -> Any:
            return lambda args, done: self.bridge.query(name, done, lambda exc: self.statusBar().showMessage(
                self.actions_.explain(exc)[1], 8000), **args)
        dialog = ShiftReportDialog(fetch=call("shift_report"), save=call("save_shift_report"),
                                   last=call("last_shift_report"), operators=[self.bridge.user], parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.shift_report_dialog = dialog

    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.alarm.muted, self)

        def accepted() -> None:
            dialog.save()
            if dialog.muted.isChecked() != self.alarm.muted:
                self.alarm.set_muted(dialog.muted.isChecked())
        dialog.accepted.connect(accepted)
        dialog.open()
        self.settings_dialog = dialog
        return dialog

    # ---- indicators
    def _update_alarm_indicator(self, *_args: object) -> None:
        muted, ringing = self.alarm.muted, self.alarm.ringing
        self.act_mute.setChecked(muted)
        if muted:
            text = self.tr("⊘ ALARM MUTED")
            style = "color: #1e2327; background: #ffb300; font-weight: bold; padding: 2px 8px;"
        elif ringing:
            text = self.tr("⚠ ALARM: %n critical unacknowledged", "", len(self.alarm.pending))
            style = "color: white; background: #c62828; font-weight: bold; padding: 2px 8px;"
        else:
            text = self.tr("○ Alarm on")
            style = "color: #9aa4ad; padding: 2px 8px;"
        if muted and ringing:
            text += "  " + self.tr("(%n critical waiting)", "", len(self.alarm.pending))
        self.alarm_button.setText(text)
        self.alarm_button.setStyleSheet(style)
        self.alarm_button.setToolTip(self.tr("Click or Ctrl+Shift+M to mute or unmute the alarm for %1")
                                     .replace("%1", self.bridge.user or "-"))

    def _update_title(self) -> None:
        n = self.queue.model.queue.count(View.UNACKNOWLEDGED)
        title = self.tr("Command Hall Console")
        self.setWindowTitle(f"({n}) {title}" if n else title)

    def on_clock(self) -> None:
        self.queue.model.refresh_deadlines()
        if self.alarm.ringing:
            self._update_alarm_indicator()

    # ---- persistence
    def restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1600, 950)
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([1000, 600])
        self.queue.restore_state(settings)

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        self.queue.save_state(settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing:
            self._closing = True
            self.save_state()
            self.alarm.stop()
            self._clock.stop()
            for panel in (self.video_panel, self.call_controller):
                if panel is not None and hasattr(panel, "shutdown"):
                    try:
                        panel.shutdown()
                    except Exception as exc:  # noqa: BLE001 - closing anyway
                        log.warning("panel shutdown: %s", exc)
        super().closeEvent(event)
