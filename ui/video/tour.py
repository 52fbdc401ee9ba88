"""Patrol tours: named camera groups cycled through the wall page by page every N seconds.

The tour pauses while the operator works with the wall and resumes after a quiet spell; PageDown and
PageUp step it by hand (and count as working with the wall).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from console.domain.geography import Camera


@dataclass(frozen=True, slots=True)
class PatrolTour:
    name: str
    camera_ids: tuple[str, ...]


def tours_from_groups(cameras: list[Camera]) -> list[PatrolTour]:
    """One tour per camera group, in the order groups first appear."""
    groups: dict[str, list[str]] = {}
    for cam in cameras:
        for group in cam.groups:
            groups.setdefault(group, []).append(cam.id)
    return [PatrolTour(name, tuple(ids)) for name, ids in groups.items()]


class TourCursor:
    """Which page of a tour is on the wall (Qt-free)."""

    def __init__(self, camera_ids: tuple[str, ...], page_size: int) -> None:
        self.camera_ids = camera_ids
        self.page_size = max(1, page_size)
        self.page = 0

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.camera_ids) // self.page_size))

    def current(self) -> list[str]:
        start = self.page * self.page_size
        return list(self.camera_ids[start:start + self.page_size])

    def step(self, delta: int) -> list[str]:
        self.page = (self.page + delta) % self.pages
        return self.current()

    def resize(self, page_size: int) -> None:
        first = self.page * self.page_size
        self.page_size = max(1, page_size)
        self.page = min(first // self.page_size, self.pages - 1)


class TourController(QObject):
    """Drives a wall (anything with ``show_cameras`` and ``slot_count``) through a tour."""

    sig_page_changed = Signal(int, int)  # page (0-based), pages
    sig_state_changed = Signal(str)  # "running", "paused", "stopped"

    def __init__(self, wall: QObject, parent: QObject | None = None, *, dwell_s: float = 10.0,
                 resume_after_s: float = 20.0) -> None:
        super().__init__(parent)
        self.wall = wall
        self.tour: PatrolTour | None = None
        self.cursor: TourCursor | None = None
        self.state = "stopped"
        self._dwell = QTimer(self)
        self._dwell.timeout.connect(self.on_dwell)
        self._resume = QTimer(self)
        self._resume.setSingleShot(True)
        self._resume.timeout.connect(self.on_resume)
        self.set_dwell(dwell_s)
        self.resume_after_s = resume_after_s

    def set_dwell(self, seconds: float) -> None:
        self._dwell.setInterval(max(100, int(seconds * 1000)))

    @property
    def dwell_s(self) -> float:
        return self._dwell.interval() / 1000

    def start(self, tour: PatrolTour) -> None:
        self.tour = tour
        self.cursor = TourCursor(tour.camera_ids, self.wall.slot_count)  # type: ignore[attr-defined]
        self._show()
        self._dwell.start()
        self._resume.stop()
        self._set_state("running")

    def stop(self) -> None:
        self._dwell.stop()
        self._resume.stop()
        self._set_state("stopped")

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) page by hand; a running tour keeps its rhythm from here."""
        if self.cursor is None:
            return
        self.cursor.step(delta)
        self._show()
        if self.state == "running":
            self._dwell.start()

    def on_interaction(self) -> None:
        """The operator touched the wall: hold the page, resume after a quiet spell."""
        if self.state in ("running", "paused"):
            self._dwell.stop()
            self._resume.start(max(100, int(self.resume_after_s * 1000)))
            self._set_state("paused")

    def on_layout_changed(self) -> None:
        if self.cursor is not None and self.state != "stopped":
            self.cursor.resize(self.wall.slot_count)  # type: ignore[attr-defined]
            self._show()

    def on_dwell(self) -> None:
        self.step(1)

    def on_resume(self) -> None:
        if self.state == "paused":
            self._set_state("running")
            self.step(1)

    def _show(self) -> None:
        assert self.cursor is not None
        self.wall.show_cameras(self.cursor.current())  # type: ignore[attr-defined]
        self.sig_page_changed.emit(self.cursor.page, self.cursor.pages)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.sig_state_changed.emit(state)
