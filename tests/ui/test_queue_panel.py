"""The queue as the operator sees it while changes stream in: what is on screen, colours, selection."""

from __future__ import annotations

import random
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor, QImage

from console.domain.alert import Alert
from console.domain.enums import Category, Severity, State
from ui import theme
from ui.queue.queue_model import Column
from ui.queue.queue_panel import QueuePanel

DAY = 86400.0


def make(i: int, now: float, rnd: random.Random, **fields: Any) -> Alert:
    # Received over a day ago and no running deadline: no text on screen changes by itself.
    values: dict[str, Any] = {
        "id": i, "source": "t", "category": rnd.choice(list(Category)), "severity": rnd.choice(list(Severity)),
        "title": f"alert {i}", "received_at": now - 2 * DAY - i, "occurred_at": now - 2 * DAY,
        "town": rnd.choice(["a", "b"]), "state": State.HANDLED, "assignee": rnd.choice([None, "duty1"]),
    }
    values.update(fields)
    return Alert(**values)


def shown_panel(qtbot: Any, alerts: list[Alert]) -> QueuePanel:
    panel = QueuePanel()
    qtbot.addWidget(panel)
    panel.model.reset_alerts(alerts)
    panel.resize(1400, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def on_screen(panel: QueuePanel) -> QImage:
    """What the window shows now (the backing store), not a fresh paint."""
    screen = panel.screen()
    return screen.grabWindow(panel.winId()).toImage()


def cell_colours(image: QImage, rect: QRect) -> set[tuple[int, int, int]]:
    return {QColor(image.pixel(x, y)).getRgb()[:3] for x in range(rect.left(), rect.right() + 1)
            for y in range(rect.top(), rect.bottom() + 1)}


def near(colours: set[tuple[int, int, int]], colour: QColor, tolerance: int = 24) -> bool:
    want = colour.getRgb()[:3]
    return any(sum(abs(a - b) for a, b in zip(c, want, strict=True)) <= tolerance for c in colours)


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_a_burst_of_changes_ends_on_screen_as_the_queue_is(qtbot: Any) -> None:
    rnd = random.Random(5)
    now = time.time()
    alerts = [make(i, now, rnd) for i in range(1, 3001)]
    panel = shown_panel(qtbot, alerts)
    counter = PaintCounter()
    panel.table.viewport().installEventFilter(counter)
    burst = [make(i, now, rnd, severity=Severity.CRITICAL, received_at=now - DAY - i) for i in range(5001, 5401)]
    burst += [a.copy() for a in rnd.sample(alerts, 1500)]
    for a in burst[400:]:
        a.state = rnd.choice([State.CLOSED, State.SIGNED])
    started = time.perf_counter()
    panel.model.add_changes(burst)
    qtbot.waitUntil(lambda: panel.model.pending_changes() == 0, timeout=10_000)
    took = time.perf_counter() - started
    qtbot.wait(50)

    # Repainted once per burst (plus progress every 50 ms), not once per slice of it.
    assert counter.paints <= 3 + took / 0.05
    assert panel.table.viewport().updatesEnabled()
    # The newest critical alert is on top, and what the screen shows is what a fresh paint shows.
    assert panel.model.alert(0).id == 5001
    table = panel.table
    area = QRect(table.viewport().mapTo(panel, table.viewport().rect().topLeft()), table.viewport().size())
    assert on_screen(panel).copy(area) == panel.grab().toImage().copy(area)
    open_count = sum(1 for a in {**{a.id: a for a in alerts}, **{a.id: a for a in burst}}.values()
                     if a.state.is_open)
    assert f"({open_count})" in panel.tabs.tabText(4)


def test_countdown_colours_flash_and_selection_are_drawn(qtbot: Any) -> None:
    rnd = random.Random(6)
    now = time.time()
    critical = {"severity": Severity.CRITICAL, "state": State.NEW}
    alerts = [
        make(1, now, rnd, received_at=now - 60, ack_due=now - 300, **critical),  # overdue: red
        make(2, now, rnd, received_at=now - 120, ack_due=now + 300, **critical),  # 5 min left: amber
        make(3, now, rnd, received_at=now - 180, ack_due=now + 3 * 3600, **critical),  # plenty: plain
        make(4, now, rnd, received_at=now - 240, ack_due=now + 3 * 3600, **critical),  # selected
    ] + [make(i, now, rnd, severity=Severity.MINOR) for i in range(5, 40)]
    panel = shown_panel(qtbot, alerts)
    panel.model.flashing = {3}
    panel.model.set_flash(True)
    assert panel.select_alert(4)
    qtbot.wait(50)
    image = on_screen(panel)
    table = panel.table

    def cell(alert_id: int, column: Column) -> QRect:
        row = panel.model.find_row(alert_id)
        assert row is not None
        rect = table.visualRect(panel.model.index(row, column))
        return QRect(table.viewport().mapTo(panel, rect.topLeft()), rect.size())

    assert near(cell_colours(image, cell(1, Column.DEADLINE)), theme.RED)
    assert near(cell_colours(image, cell(2, Column.DEADLINE)), theme.AMBER)
    plain = cell_colours(image, cell(3, Column.DEADLINE))
    assert not near(plain, theme.RED) and not near(plain, theme.AMBER)
    assert theme.FLASH.getRgb()[:3] in cell_colours(image, cell(3, Column.STATE))  # flashing row background
    highlight = panel.palette().highlight().color().getRgb()[:3]
    assert highlight in cell_colours(image, cell(4, Column.TOWN))
    assert highlight not in cell_colours(image, cell(3, Column.TOWN))

    panel.model.set_flash(False)
    qtbot.wait(50)
    assert theme.FLASH.getRgb()[:3] not in cell_colours(on_screen(panel), cell(3, Column.STATE))


def test_selection_listeners_hear_only_real_changes(qtbot: Any) -> None:
    rnd = random.Random(7)
    now = time.time()
    alerts = [make(i, now, rnd, state=State.NEW) for i in range(1, 2001)]
    panel = shown_panel(qtbot, alerts)
    chosen = alerts[1000].id
    assert panel.select_alert(chosen)
    heard: list[list[int]] = []
    panel.sig_selection_changed.connect(lambda selected: heard.append([a.id for a in selected]))
    # New alerts sort in above it, others leave the view: its row moves, the selection does not change.
    changes = [make(i, now, rnd, state=State.NEW, received_at=now - i) for i in range(3001, 3301)]
    changes += [a.copy() for a in rnd.sample([a for a in alerts if a.id != chosen], 300)]
    for a in changes[300:]:
        a.state = State.CLOSED
    panel.model.add_changes(changes)
    qtbot.waitUntil(lambda: panel.model.pending_changes() == 0, timeout=10_000)
    current = panel.current_alert()
    assert current is not None and current.id == chosen
    assert heard == []
    other = 3001
    assert panel.select_alert(other)
    assert heard == [[other]]


def test_a_new_queue_highlights_the_tab_of_the_view_it_shows(qtbot: Any) -> None:
    now = time.time()
    panel = shown_panel(qtbot, [make(i, now, random.Random(i)) for i in range(1, 4)])
    assert panel.tabs.currentIndex() == list(type(panel.current_view())).index(panel.current_view())
    assert panel.tabs.tabText(panel.tabs.currentIndex()).startswith(panel.tr("All open"))
