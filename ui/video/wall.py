"""The video wall: tiles in a layout, maximize and back, drag-and-drop, snapshot, stream policy.

Stream policy: a tile on screen reads its camera's sub-stream in a grid and the main stream when it is
maximized, is the big tile of 1+5, or the layout has at most ``main_stream_max_tiles`` tiles; a tile
not on screen has no stream at all. One GUI timer (50 Hz: a 25 Hz poll of 25 fps streams loses frames
on some tiles) polls every visible tile, and only tiles with a new frame repaint.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from console.domain.geography import Camera
from media.capture import CaptureStream, HealthConfig
from media.capture.snapshot import png_bytes
from ui.video.layouts import LAYOUTS, MAX_SLOTS, WallLayout
from ui.video.tile import VideoTile

REPAINT_HZ = 50
HIDDEN_GRACE_MS = 1500
OVERLAY_EVERY_TICKS = 10  # state, frame rate and clock on the tiles: checked 5 times a second


class VideoWall(QWidget):
    sig_snapshot = Signal(str, bytes)  # camera id, PNG of the selected tile's full-resolution frame
    sig_interaction = Signal()  # the operator touched the wall (patrol tours pause)
    sig_step = Signal(int)  # +1 / -1: the operator asked for the next / previous tour page
    sig_selected = Signal(str)  # camera id of the selected tile ("" when empty)
    sig_layout_changed = Signal(str)
    sig_maximized = Signal(int)  # slot maximized, -1 when back to the grid
    sig_escape = Signal()

    def __init__(self, cameras: list[Camera], parent: QWidget | None = None, *,
                 health_config: HealthConfig | None = None, town_names: dict[str, str] | None = None,
                 layout: str = "9", main_stream_max_tiles: int = 4) -> None:
        super().__init__(parent)
        self.setObjectName("videoWall")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), Qt.GlobalColor.black)
        self.setPalette(pal)
        self.cameras: dict[str, Camera] = {c.id: c for c in cameras}
        self.main_stream_max_tiles = main_stream_max_tiles
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self.tiles = [VideoTile(i, self, health_config=health_config, town_names=town_names)
                      for i in range(MAX_SLOTS)]
        for tile in self.tiles:
            tile.hide()
            tile.sig_clicked.connect(self.on_tile_clicked)
            tile.sig_double_clicked.connect(self.on_tile_double_clicked)
            tile.sig_camera_dropped.connect(self.on_camera_dropped)
            tile.sig_interaction.connect(self.sig_interaction)
        self._assigned: list[str | None] = [None] * MAX_SLOTS
        self._layout = LAYOUTS[layout]
        self._maximized = -1
        self._selected = 0
        self._closing: list[CaptureStream] = []
        self._ticks = 0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1000 // REPAINT_HZ)
        self._timer.timeout.connect(self.on_tick)
        self._timer.start()
        # Hidden (another tab, minimized) for a moment: keep the streams, for longer: close them.
        self._hidden_timer = QTimer(self)
        self._hidden_timer.setSingleShot(True)
        self._hidden_timer.setInterval(HIDDEN_GRACE_MS)
        self._hidden_timer.timeout.connect(self.on_hidden_for_a_while)
        self._on_screen = False
        self._arrange()

    # -- queries
    @property
    def layout_name(self) -> str:
        return self._layout.name

    @property
    def wall_layout(self) -> WallLayout:
        return self._layout

    @property
    def slot_count(self) -> int:
        return self._layout.slots

    @property
    def maximized_slot(self) -> int:
        return self._maximized

    @property
    def selected_slot(self) -> int:
        return self._selected

    def selected_tile(self) -> VideoTile:
        return self.tiles[self._selected]

    def assignment(self) -> list[str | None]:
        """Camera ids of the layout's slots, in order."""
        return self._assigned[: self.slot_count]

    def visible_tiles(self) -> list[VideoTile]:
        """The tiles of the current layout (or the maximized one), whether the wall is shown or not."""
        if self._maximized >= 0:
            return [self.tiles[self._maximized]]
        return self.tiles[: self.slot_count]

    # -- commands
    def set_cameras(self, cameras: list[Camera]) -> None:
        """Replaces the known cameras (e.g. the hub sent a new list); unknown assignments are cleared."""
        self.cameras = {c.id: c for c in cameras}
        self._assigned = [cid if cid in self.cameras else None for cid in self._assigned]
        self._fill_empty_slots()
        self._sync_streams()

    def set_layout(self, name: str) -> None:
        if name not in LAYOUTS:
            raise ValueError(f"unknown layout {name!r}")
        self._layout = LAYOUTS[name]
        self._maximized = -1
        self._selected = min(self._selected, self.slot_count - 1)
        self._fill_empty_slots()
        self._arrange()
        self.sig_layout_changed.emit(name)

    def assign(self, slot: int, camera_id: str | None) -> None:
        if camera_id is not None and camera_id not in self.cameras:
            raise KeyError(camera_id)
        self._assigned[slot] = camera_id
        self._sync_streams()

    def show_cameras(self, camera_ids: list[str]) -> None:
        """Fills the layout's slots in order (a tour page); leftover slots are emptied."""
        ids = [cid for cid in camera_ids if cid in self.cameras][: self.slot_count]
        self._assigned[: self.slot_count] = ids + [None] * (self.slot_count - len(ids))
        if self._maximized >= 0:
            self._maximized = -1
            self._arrange()
        else:
            self._sync_streams()

    def show_camera(self, camera_id: str, maximize: bool = True, slot: int | None = None) -> int:
        """Shows a camera (e.g. of the selected alert): in ``slot``, in the tile already showing it,
        or in the selected tile; maximized if asked. Returns the slot used."""
        if camera_id not in self.cameras:
            raise KeyError(camera_id)
        if slot is None:
            current = self.assignment()
            slot = current.index(camera_id) if camera_id in current else self._selected
        if slot >= self.slot_count:
            raise IndexError(slot)
        self._assigned[slot] = camera_id
        self.select(slot)
        if maximize:
            self.maximize(slot)
        elif self._maximized >= 0 and self._maximized != slot:
            self.restore()
        else:
            self._sync_streams()
        return slot

    def select(self, slot: int) -> None:
        self._selected = slot
        for tile in self.tiles:
            selected = tile.index == slot
            if tile.selected != selected:
                tile.selected = selected
                tile.update()
        self.sig_selected.emit(self._assigned[slot] or "")

    def maximize(self, slot: int) -> None:
        self._maximized = slot
        self._arrange()
        self.sig_maximized.emit(slot)

    def restore(self) -> None:
        if self._maximized >= 0:
            self._maximized = -1
            self._arrange()
            self.sig_maximized.emit(-1)

    def take_snapshot(self) -> tuple[str, bytes] | None:
        """The selected tile's newest full-resolution frame as PNG; emits sig_snapshot."""
        tile = self.selected_tile()
        frame = tile.stream.latest_full_frame() if tile.stream else None
        if tile.camera is None or frame is None:
            return None
        png = png_bytes(frame)
        self.sig_snapshot.emit(tile.camera.id, png)
        return tile.camera.id, png

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stops every reader thread and waits for them (window closing, tests)."""
        self._timer.stop()
        streams = [s for s in (tile.close_stream() for tile in self.tiles) if s] + self._closing
        deadline = time.monotonic() + timeout
        for stream in streams:
            stream.join(max(0.0, deadline - time.monotonic()))
        self._closing.clear()

    # -- internals
    def _arrange(self) -> None:
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        for r in range(4):
            self._grid.setRowStretch(r, 0)
            self._grid.setColumnStretch(r, 0)
        if self._maximized >= 0:
            tile = self.tiles[self._maximized]
            self._grid.addWidget(tile, 0, 0)
            self._grid.setRowStretch(0, 1)
            self._grid.setColumnStretch(0, 1)
        else:
            for slot, (r, c, rs, cs) in enumerate(self._layout.cells):
                self._grid.addWidget(self.tiles[slot], r, c, rs, cs)
            for r in range(self._layout.rows):
                self._grid.setRowStretch(r, 1)
            for c in range(self._layout.cols):
                self._grid.setColumnStretch(c, 1)
        visible = set(t.index for t in self.visible_tiles())
        for tile in self.tiles:
            tile.setVisible(tile.index in visible)
        self._grid.activate()  # tiles get their new sizes now, so new streams scale to them at once
        self._sync_streams()

    def _fill_empty_slots(self) -> None:
        """A larger layout shows the next cameras not yet on the wall in its empty slots."""
        shown = set(self.assignment())
        spare = iter(cid for cid in self.cameras if cid not in shown)
        for slot in range(self.slot_count):
            if self._assigned[slot] is None:
                self._assigned[slot] = next(spare, None)

    def _url_for(self, slot: int, camera: Camera) -> str:
        big = (slot == self._maximized or self.slot_count <= self.main_stream_max_tiles
               or self._layout.is_large(slot))
        return camera.url if big or not camera.sub_url else camera.sub_url

    def _sync_streams(self) -> None:
        visible = set(t.index for t in self.visible_tiles()) if self._on_screen else set()
        for tile in self.tiles:
            cid = self._assigned[tile.index] if tile.index in visible else None
            camera = self.cameras.get(cid) if cid else None
            before = tile.stream
            tile.set_source(camera, self._url_for(tile.index, camera) if camera else None)
            if before is not None and tile.stream is not before:
                self._closing.append(before)
        self._closing = [s for s in self._closing if s.running]

    # -- handlers
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._hidden_timer.stop()
        if not self._on_screen:
            self._on_screen = True
            self._sync_streams()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._hidden_timer.start()

    def on_hidden_for_a_while(self) -> None:
        if not self.isVisible():
            self._on_screen = False
            self._sync_streams()

    def on_tick(self) -> None:
        now = time.monotonic()
        self._ticks += 1
        overlay = self._ticks % OVERLAY_EVERY_TICKS == 0
        for tile in self.visible_tiles():
            tile.poll(now, overlay)

    def on_tile_clicked(self, tile: VideoTile) -> None:
        self.setFocus()
        self.select(tile.index)

    def on_tile_double_clicked(self, tile: VideoTile) -> None:
        if self._maximized >= 0:
            self.restore()
        else:
            self.select(tile.index)
            self.maximize(tile.index)

    def on_camera_dropped(self, tile: VideoTile, camera_id: str) -> None:
        if camera_id in self.cameras:
            self.assign(tile.index, camera_id)
            self.select(tile.index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        self.sig_interaction.emit()
        if key == Qt.Key.Key_PageDown:
            self.sig_step.emit(1)
        elif key == Qt.Key.Key_PageUp:
            self.sig_step.emit(-1)
        elif key == Qt.Key.Key_F9:
            self.take_snapshot()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.on_tile_double_clicked(self.selected_tile())
        elif key == Qt.Key.Key_Escape:
            if self._maximized >= 0:
                self.restore()
            else:
                self.sig_escape.emit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down) and self._maximized < 0:
            step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -self._layout.cols,
                    Qt.Key.Key_Down: self._layout.cols}[Qt.Key(key)]
            self.select(max(0, min(self.slot_count - 1, self._selected + step)))
        else:
            super().keyPressEvent(event)
