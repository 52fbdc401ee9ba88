"""VideoWallPanel: the wall, the camera list and the tour controls in one widget for a tab or dock.

    panel = VideoWallPanel(cameras, town_names={"lh": "龙华镇"}, fault_sink=sink)
    panel.sig_snapshot.connect(attach_or_create_alert)      # (camera_id, png bytes)
    panel.show_camera(alert.camera_id, maximize=True)        # selecting an alert with a camera
    panel.shutdown()                                         # before the application quits

Camera faults: a camera with an open stream on a visible tile is judged by its stream's health; every
other camera by a ``CameraWatch`` that checks now and then whether it still answers (reachability only:
a frozen picture needs decoding). Both feed one ``CameraFaultMonitor``, so the debounce and the
flapping protection are the same, and a camera moving on or off the wall keeps its raised fault.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.geography import Camera
from media.camera_health import CameraFaultMonitor, CameraFaultSink, FaultPolicy
from media.camera_watch import CameraWatch
from media.capture import HealthConfig, StreamState
from ui.video.camera_list import CameraList
from ui.video.layouts import LAYOUTS
from ui.video.tour import PatrolTour, TourController, tours_from_groups
from ui.video.wall import VideoWall


class VideoWallPanel(QWidget):
    sig_snapshot = Signal(str, bytes)  # camera id, PNG: attach to the selected alert or create one
    sig_camera_selected = Signal(str)  # the selected tile's camera ("" for an empty tile)

    def __init__(self, cameras: list[Camera], parent: QWidget | None = None, *,
                 town_names: dict[str, str] | None = None, fault_sink: CameraFaultSink | None = None,
                 fault_policy: FaultPolicy | None = None, health_config: HealthConfig | None = None,
                 layout: str = "9", tours: list[PatrolTour] | None = None, dwell_s: float = 10.0,
                 resume_after_s: float = 20.0, watch_interval_s: float = 30.0,
                 watch_timeout_s: float = 2.0) -> None:
        super().__init__(parent)
        self.setObjectName("videoWallPanel")
        self.cameras = list(cameras)
        self.town_names = dict(town_names or {})
        self.wall = VideoWall(self.cameras, health_config=health_config, town_names=town_names, layout=layout)
        self.camera_list = CameraList(self.cameras, town_names=town_names)
        self.tour = TourController(self.wall, self, dwell_s=dwell_s, resume_after_s=resume_after_s)
        self._custom_tours = tours is not None
        self.tours = tours if tours is not None else tours_from_groups(self.cameras)
        self.fault_monitor = CameraFaultMonitor(fault_sink, fault_policy)
        # Cameras without a stream on screen: probed off the GUI thread, read by on_fault_tick.
        self.camera_watch = CameraWatch(self.cameras, interval_s=watch_interval_s, timeout_s=watch_timeout_s)
        self._full_screen_window: QWidget | None = None
        self._tour_state_text = ""
        self._tour_page: tuple[int, int] | None = None
        self._build(layout, dwell_s)
        self.wall.show_cameras([c.id for c in self.cameras])
        self._fault_timer = QTimer(self)
        self._fault_timer.setInterval(1000)
        self._fault_timer.timeout.connect(self.on_fault_tick)
        self._fault_timer.start()
        watch = self.camera_watch  # not self: the panel is gone when this runs
        self.destroyed.connect(lambda *_args: watch.stop(timeout=0.0))  # no shutdown() call: its threads end anyway
        app = QCoreApplication.instance()
        if app is not None:  # reader threads are stopped even if nobody calls shutdown()
            app.aboutToQuit.connect(self.shutdown)

    def _build(self, layout: str, dwell_s: float) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter cameras"))
        self.filter_edit.textChanged.connect(self.camera_list.set_filter)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.filter_edit)
        lv.addWidget(self.camera_list)

        self.layout_combo = QComboBox()
        for name in LAYOUTS:
            self.layout_combo.addItem(self.tr("%1 tiles").replace("%1", name) if name != "1" else self.tr("1 tile"),
                                      name)
        self.layout_combo.setCurrentIndex(list(LAYOUTS).index(layout))
        self.layout_combo.currentIndexChanged.connect(self.on_layout_chosen)
        self.tour_combo = QComboBox()
        self._fill_tour_combo()
        self.dwell_spin = QDoubleSpinBox()
        self.dwell_spin.setRange(2, 600)
        self.dwell_spin.setValue(dwell_s)
        self.dwell_spin.setSuffix(self.tr(" s"))
        self.dwell_spin.valueChanged.connect(self.tour.set_dwell)
        self.tour_button = QPushButton(self.tr("Start tour"))
        self.tour_button.clicked.connect(self.on_tour_button)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Previous page (PageUp)"))
        self.prev_button.clicked.connect(lambda: self.tour.step(-1))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next page (PageDown)"))
        self.next_button.clicked.connect(lambda: self.tour.step(1))
        self.tour_status = QLabel()
        self.snapshot_button = QPushButton(self.tr("Snapshot (F9)"))
        self.snapshot_button.clicked.connect(self.take_snapshot)
        self.full_screen_button = QToolButton()
        self.full_screen_button.setText(self.tr("Full screen"))
        self.full_screen_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.full_screen_button.clicked.connect(lambda: self.show_full_screen())
        self.screen_menu = QMenu(self)
        self.screen_menu.aboutToShow.connect(self.on_screen_menu)
        self.full_screen_button.setMenu(self.screen_menu)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Layout")))
        bar.addWidget(self.layout_combo)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Tour")))
        bar.addWidget(self.tour_combo)
        bar.addWidget(self.dwell_spin)
        bar.addWidget(self.tour_button)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.tour_status)
        bar.addStretch(1)
        bar.addWidget(self.snapshot_button)
        bar.addWidget(self.full_screen_button)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addLayout(bar)
        self._wall_host = QVBoxLayout()
        self._wall_host.addWidget(self.wall, 1)
        rv.addLayout(self._wall_host, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 900])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        self.camera_list.sig_camera_activated.connect(lambda cid: self.show_camera(cid, maximize=False))
        self.wall.sig_snapshot.connect(self.sig_snapshot)
        self.wall.sig_selected.connect(self.sig_camera_selected)
        self.wall.sig_interaction.connect(self.tour.on_interaction)
        self.wall.sig_step.connect(self.tour.step)
        self.wall.sig_escape.connect(self.leave_full_screen)
        self.wall.sig_layout_changed.connect(lambda _name: self.tour.on_layout_changed())
        self.tour.sig_state_changed.connect(self.on_tour_state)
        self.tour.sig_page_changed.connect(self.on_tour_page)
        self.on_tour_state("stopped")

    # -- the lead's API
    def show_camera(self, camera_id: str, maximize: bool = True, slot: int | None = None) -> int | None:
        """Shows a camera (selecting an alert that has one): maximized, or in ``slot`` / the selected tile.
        Returns the slot used, or None for a camera the wall does not know (e.g. removed at the hub)."""
        if camera_id not in self.wall.cameras:
            return None
        self.tour.on_interaction()
        return self.wall.show_camera(camera_id, maximize, slot)

    def take_snapshot(self) -> tuple[str, bytes] | None:
        """Emits sig_snapshot(camera_id, png) for the selected tile; None when it shows no picture."""
        return self.wall.take_snapshot()

    def set_cameras(self, cameras: list[Camera]) -> None:
        """A new camera list (e.g. fetched from the hub): empty tiles fill up, tours follow the groups."""
        self.cameras = list(cameras)
        self.wall.set_cameras(self.cameras)
        self.camera_list.set_cameras(self.cameras)
        self.camera_watch.set_cameras(self.cameras)
        if not self._custom_tours:
            self.tour.stop()
            self.tours = tours_from_groups(self.cameras)
            self._fill_tour_combo()

    def tour_label(self, name: str) -> str:
        """What the tour selector shows for a tour (its camera group): "all" and town ids read as words."""
        if name == "all":
            return self.tr("All cameras")
        return self.town_names.get(name, name)

    def _fill_tour_combo(self) -> None:
        self.tour_combo.clear()
        for tour in self.tours:
            self.tour_combo.addItem(self.tour_label(tour.name), tour.name)  # the data stays the group id

    def set_fault_sink(self, sink: CameraFaultSink | None) -> None:
        self.fault_monitor.sink = sink

    def set_layout(self, name: str) -> None:
        self.layout_combo.setCurrentIndex(list(LAYOUTS).index(name))

    def start_tour(self, name: str) -> None:
        tour = next(t for t in self.tours if t.name == name)
        self.tour_combo.setCurrentIndex(self.tours.index(tour))
        self.tour.start(tour)

    def show_full_screen(self, screen_index: int | None = None) -> None:
        """Moves the wall full-screen onto a monitor (default: this window's); Escape brings it back."""
        screens = QGuiApplication.screens()
        screen = screens[screen_index] if screen_index is not None and screen_index < len(screens) else self.screen()
        if self._full_screen_window is None:
            window = QWidget(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
            window.setWindowTitle(self.tr("Video wall"))
            lay = QVBoxLayout(window)
            lay.setContentsMargins(0, 0, 0, 0)
            self._wall_host.removeWidget(self.wall)
            lay.addWidget(self.wall)
            self._full_screen_window = window
        window = self._full_screen_window
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        self.wall.setFocus()

    def leave_full_screen(self) -> None:
        window, self._full_screen_window = self._full_screen_window, None
        if window is None:
            return
        self._wall_host.addWidget(self.wall, 1)
        self.wall.show()
        window.close()
        window.deleteLater()

    @property
    def is_full_screen(self) -> bool:
        return self._full_screen_window is not None

    def shutdown(self) -> None:
        """Stops tours, timers, the camera watch and every reader thread (call before quitting)."""
        self.tour.stop()
        self._fault_timer.stop()
        self.camera_watch.stop()
        self.leave_full_screen()
        self.wall.shutdown()

    # -- handlers
    def on_layout_chosen(self, index: int) -> None:
        self.wall.set_layout(self.layout_combo.itemData(index))
        self.tour.on_interaction()

    def on_tour_button(self) -> None:
        if self.tour.state == "stopped":
            name = self.tour_combo.currentData()
            if name:
                self.start_tour(name)
        else:
            self.tour.stop()

    def on_tour_state(self, state: str) -> None:
        self.tour_button.setText(self.tr("Start tour") if state == "stopped" else self.tr("Stop tour"))
        labels = {"running": self.tr("Touring"), "paused": self.tr("Paused"), "stopped": ""}
        self._tour_state_text = labels[state]
        self._update_tour_status()

    def on_tour_page(self, page: int, pages: int) -> None:
        self._tour_page = (page, pages)
        self._update_tour_status()

    def _update_tour_status(self) -> None:
        text, page = self._tour_state_text, self._tour_page
        if page and self.tour.state != "stopped":
            text = f"{text} {page[0] + 1}/{page[1]}"
        self.tour_status.setText(text)

    def on_screen_menu(self) -> None:
        self.screen_menu.clear()
        for i, screen in enumerate(QGuiApplication.screens()):
            geo = screen.geometry()
            action = self.screen_menu.addAction(f"{screen.name() or i + 1} ({geo.width()}x{geo.height()})")
            action.triggered.connect(lambda _checked=False, i=i: self.show_full_screen(i))

    def on_fault_tick(self) -> None:
        now = time.time()
        mono = time.monotonic()
        on_screen: set[str] = set()
        for tile in self.wall.visible_tiles():
            if tile.camera is not None and tile.stream is not None:
                on_screen.add(tile.camera.id)
                state = tile.state(mono)
                reason = tile.stream.health.error if state is StreamState.OFFLINE else ""
                self.fault_monitor.observe(tile.camera.id, state, now, reason)
        self.camera_watch.set_excluded(on_screen)
        # Started here, not in __init__: by the first tick the wall has opened its streams, so the cameras on
        # screen are not probed needlessly (and a probe does not race a tile opening the same stream).
        self.camera_watch.start()
        verdicts = self.camera_watch.verdicts()
        for camera_id, verdict in verdicts.items():
            if camera_id not in on_screen:
                self.fault_monitor.observe(camera_id, StreamState.LIVE if verdict.reachable else StreamState.OFFLINE,
                                           now, "" if verdict.reachable else verdict.reason)
        known = {camera.id for camera in self.cameras}
        for camera_id in self.fault_monitor.watched():
            if camera_id not in known:
                self.fault_monitor.forget(camera_id)  # removed at the hub
            elif camera_id not in on_screen and camera_id not in verdicts:
                # Between sources (just left the wall, not probed yet) or unwatched (synthetic, device):
                # a raised fault is kept, a pending bad spell starts over.
                self.fault_monitor.pause(camera_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
