"""The plain queue model: incremental updates report exactly what changed, in display rows."""

from __future__ import annotations

import random

import pytest

from console.domain.alert import Alert
from console.domain.enums import Category, Severity, State
from ui.queue.queue_model import Column, Filters, QueueModel, QueueObserver, View


class Shadow(QueueObserver):
    """Replays the reported operations on a plain list, as a Qt view would."""

    def __init__(self, model: QueueModel) -> None:
        self.model = model
        self.rows: list[int] = []
        self._pending: tuple | None = None

    def begin_reset(self) -> None: ...
    def end_reset(self) -> None:
        self.rows = self.model.visible_ids()

    def begin_insert(self, row: int) -> None:
        self._pending = ("insert", row)

    def end_insert(self) -> None:
        row = self._pending[1]
        self.rows.insert(row, self.model.alert_at(row).id)

    def begin_remove(self, row: int) -> None:
        del self.rows[row]

    def begin_move(self, src: int, dest: int) -> bool:
        item = self.rows.pop(src)
        self.rows.insert(dest if dest < src else dest - 1, item)
        return True


def make(i: int, rnd: random.Random) -> Alert:
    return Alert(id=i, source="t", category=rnd.choice(list(Category)), severity=rnd.choice(list(Severity)),
                 title=f"alert {rnd.randint(0, 50)}", received_at=1000.0 + rnd.randint(0, 100),
                 occurred_at=1000.0, town=rnd.choice(["a", "b", "c"]), state=rnd.choice(list(State)),
                 assignee=rnd.choice([None, "me", "you"]), duplicate_count=rnd.randint(0, 3),
                 ack_due=rnd.choice([None, 500.0, 5000.0]), closed_at=2000.0)


@pytest.mark.parametrize("column", list(Column))
@pytest.mark.parametrize("descending", [False, True])
def test_incremental_updates_match_a_full_rebuild(column: Column, descending: bool) -> None:
    rnd = random.Random(int(column) * 2 + descending)
    model = QueueModel(user="me", clock=lambda: 1500.0)
    shadow = Shadow(model)
    model.observer = shadow
    model.sort(column, descending)
    model.reset(make(i, rnd) for i in range(60))
    model.set_filters(Filters(text="alert 1"))
    model.set_filters(Filters())
    for _ in range(400):
        model.apply([make(rnd.randint(0, 90), rnd)])
        assert shadow.rows == model.visible_ids()
    fresh = QueueModel(user="me", clock=lambda: 1500.0)
    fresh.sort(column, descending)
    fresh.reset(model.alerts.values())
    assert fresh.visible_ids() == model.visible_ids()
    assert fresh.count(View.MINE) == model.count(View.MINE)
    assert fresh.count(View.CRITICAL) == model.count(View.CRITICAL)


def test_views_and_filters() -> None:
    rnd = random.Random(7)
    model = QueueModel(user="me", clock=lambda: 1500.0)
    alerts = [make(i, rnd) for i in range(200)]
    model.reset(alerts)
    expected = {
        View.UNACKNOWLEDGED: [a for a in alerts if a.state is State.NEW],
        View.CRITICAL: [a for a in alerts if a.state.is_open and a.severity is Severity.CRITICAL],
        View.MINE: [a for a in alerts if a.state.is_open and a.assignee == "me"],
        View.OVERDUE: [a for a in alerts if a.state is State.NEW and a.ack_due == 500.0],
    }
    for view, wanted in expected.items():
        model.set_view(view)
        assert sorted(model.visible_ids()) == sorted(a.id for a in wanted), view
        assert model.count(view) == len(wanted)
    model.set_view(View.OPEN)
    model.set_filters(Filters(categories=frozenset({Category.HAZMAT_VEHICLE}), towns=frozenset({"a"})))
    assert all(model.alerts[i].category is Category.HAZMAT_VEHICLE and model.alerts[i].town == "a"
               for i in model.visible_ids())
    model.set_filters(Filters(text="#17 alert"))
    assert model.visible_ids() in ([17], [])


def test_received_period_filter_matches_incremental_updates() -> None:
    rnd = random.Random(3)
    model = QueueModel(user="me", clock=lambda: 1500.0)
    shadow = Shadow(model)
    model.observer = shadow
    model.reset(make(i, rnd) for i in range(80))
    model.set_filters(Filters(received_from=1020.0, received_to=1060.0, severities=frozenset({"major", "minor"})))
    for _ in range(200):
        model.apply([make(rnd.randint(0, 120), rnd)])
        assert shadow.rows == model.visible_ids()
    assert all(1020.0 <= model.alerts[i].received_at < 1060.0 for i in model.visible_ids())
    fresh = QueueModel(user="me", clock=lambda: 1500.0)
    fresh.reset(model.alerts.values())
    fresh.set_filters(model.filters)
    assert fresh.visible_ids() == model.visible_ids()
