"""The plain queue: every alert the console knows, the current view, filters and sort order. No Qt.

Built for 100,000 alerts with a steady stream of changes:
- `_master` holds one sort key per alert, always sorted; a filter is one pass over it that keeps the
  order (no re-sort), a change is a bisect-remove plus a bisect-insert (no re-sort either);
- the visible rows are a sorted sub-list, updated incrementally, and every change is reported to an
  observer (the Qt adapter) as insert/remove/move/changed, so selections survive;
- tab counts are kept incrementally; "overdue" is time-dependent, so it is counted from a sorted
  list of running deadlines with a bisect.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from console.domain.alert import Alert
from console.domain.enums import Severity, State

_INF = float("inf")
_STATE_ORDER = {s: i for i, s in enumerate(State)}
_CATEGORY_ORDER: dict[str, int] = {}


class Column(IntEnum):
    SEVERITY = 0
    CATEGORY = 1
    TITLE = 2
    TOWN = 3
    RECEIVED = 4
    DEADLINE = 5
    STATE = 6
    ASSIGNEE = 7
    DUPLICATES = 8


class View(StrEnum):
    UNACKNOWLEDGED = "unacknowledged"
    CRITICAL = "critical"
    OVERDUE = "overdue"
    MINE = "mine"
    OPEN = "open"
    CLOSED_TODAY = "closed_today"


def current_due(alert: Alert) -> float | None:
    """The deadline of the step the alert is waiting for, if one is running."""
    state = alert.state
    if state is State.NEW:
        return alert.ack_due
    if state is State.ACKNOWLEDGED:
        return alert.dispatch_due
    if state in (State.DISPATCHED, State.SIGNED):
        return alert.feedback_due
    return None


def start_of_today(now: float) -> float:
    local = time.localtime(now)
    return time.mktime((local.tm_year, local.tm_mon, local.tm_mday, 0, 0, 0, 0, 0, -1))


@dataclass
class Filters:
    categories: frozenset[str] = frozenset()  # empty: any
    severities: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    towns: frozenset[str] = frozenset()
    assignee: str | None = None  # exact name; "" means unassigned
    text: str = ""

    def is_empty(self) -> bool:
        return not (self.categories or self.severities or self.states or self.towns
                    or self.assignee is not None or self.text)


class QueueObserver:
    """What the Qt adapter hears; rows are display rows (already reversed for descending order)."""

    def begin_reset(self) -> None: ...
    def end_reset(self) -> None: ...
    def begin_insert(self, row: int) -> None: ...
    def end_insert(self) -> None: ...
    def begin_remove(self, row: int) -> None: ...
    def end_remove(self) -> None: ...
    def begin_move(self, src: int, dest: int) -> bool: return True  # noqa: E704
    def end_move(self) -> None: ...
    def row_changed(self, row: int) -> None: ...
    def counts_changed(self) -> None: ...


Key = tuple


@dataclass
class QueueModel:
    user: str = ""
    observer: QueueObserver = field(default_factory=QueueObserver)
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        self.alerts: dict[int, Alert] = {}
        self._keys: dict[int, Key] = {}
        self._master: list[Key] = []
        self._visible: list[Key] = []
        self._search: dict[int, str] = {}
        self._due: dict[int, float] = {}
        self._due_sorted: list[tuple[float, int]] = []
        self._view_counts: dict[View, int] = dict.fromkeys(View, 0)
        self.view = View.OPEN
        self.filters = Filters()
        self.sort_column = Column.SEVERITY
        self.descending = False
        self._today = start_of_today(self.clock())
        self._overdue_checked_at = self.clock()
        self._predicate = self._build_predicate()

    # ---- reading
    def row_count(self) -> int:
        return len(self._visible)

    def alert_at(self, row: int) -> Alert:
        return self.alerts[self._visible[self._index(row)][-1]]

    def row_of(self, alert_id: int) -> int | None:
        key = self._keys.get(alert_id)
        if key is None:
            return None
        i = bisect.bisect_left(self._visible, key)
        if i < len(self._visible) and self._visible[i] == key:
            return self._row(i, len(self._visible))
        return None

    def visible_ids(self) -> list[int]:
        ids = [k[-1] for k in self._visible]
        return ids[::-1] if self.descending else ids

    def count(self, view: View) -> int:
        if view is View.OVERDUE:
            return self.overdue_count()
        return self._view_counts[view]

    def overdue_count(self) -> int:
        return bisect.bisect_left(self._due_sorted, (self.clock(), -1))

    def towns(self) -> list[str]:
        return sorted({a.town for a in self.alerts.values() if a.town})

    def assignees(self) -> list[str]:
        return sorted({a.assignee for a in self.alerts.values() if a.assignee})

    # ---- row index <-> list index (descending order is the ascending list read backwards)
    def _index(self, row: int) -> int:
        return len(self._visible) - 1 - row if self.descending else row

    def _row(self, index: int, length: int) -> int:
        return length - 1 - index if self.descending else index

    # ---- keys and membership
    def _key(self, a: Alert) -> Key:
        column = self.sort_column
        if column is Column.SEVERITY:
            value: object = a.severity.rank
        elif column is Column.CATEGORY:
            value = _CATEGORY_ORDER.setdefault(a.category, len(_CATEGORY_ORDER))
        elif column is Column.TITLE:
            value = a.title
        elif column is Column.TOWN:
            value = a.town or ""
        elif column is Column.RECEIVED:
            value = a.received_at
        elif column is Column.DEADLINE:
            value = current_due(a) or _INF
        elif column is Column.STATE:
            value = _STATE_ORDER[a.state]
        elif column is Column.ASSIGNEE:
            value = a.assignee or ""
        else:
            value = a.duplicate_count
        # Ties: newest first, then the id so every key is unique.
        return (value, -a.received_at, a.id)

    def _views_of(self, a: Alert) -> tuple[View, ...]:
        if not a.state.is_open:
            return (View.CLOSED_TODAY,) if (a.closed_at or 0) >= self._today else ()
        views = [View.OPEN]
        if a.state is State.NEW:
            views.append(View.UNACKNOWLEDGED)
        if a.severity is Severity.CRITICAL:
            views.append(View.CRITICAL)
        if self.user and a.assignee == self.user:
            views.append(View.MINE)
        return tuple(views)

    def _in_view(self, a: Alert) -> bool:
        view = self.view
        if view is View.OVERDUE:
            due = self._due.get(a.id)
            return due is not None and due < self.clock()
        return view in self._views_of(a)

    def _build_predicate(self) -> Callable[[Alert], bool]:
        f = self.filters
        checks: list[Callable[[Alert], bool]] = []
        if f.categories:
            checks.append(lambda a, s=f.categories: a.category in s)
        if f.severities:
            checks.append(lambda a, s=f.severities: a.severity in s)
        if f.states:
            checks.append(lambda a, s=f.states: a.state in s)
        if f.towns:
            checks.append(lambda a, s=f.towns: a.town in s)
        if f.assignee is not None:
            checks.append(lambda a, who=f.assignee: (a.assignee or "") == who)
        needle = f.text.strip().lower()
        if needle:
            search = self._search
            checks.append(lambda a: needle in search[a.id])
        in_view = self._in_view
        if not checks:
            return in_view
        if len(checks) == 1:
            only = checks[0]
            return lambda a: only(a) and in_view(a)
        return lambda a: all(c(a) for c in checks) and in_view(a)

    @staticmethod
    def _search_text(a: Alert) -> str:
        return f"#{a.id} {a.title} {a.town or ''} {a.address} {a.assignee or ''} {a.camera or ''}".lower()

    # ---- changing the settings (full refilter: one ordered pass, no sort)
    def set_view(self, view: View) -> None:
        self.view = View(view)
        self.refilter()

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.refilter()

    def set_text(self, text: str) -> None:
        f = self.filters
        self.set_filters(Filters(f.categories, f.severities, f.states, f.towns, f.assignee, text))

    def set_user(self, user: str) -> None:
        if user == self.user:
            return
        self.user = user
        self._recount()
        self.refilter()

    def sort(self, column: int, descending: bool = False) -> None:
        # The observer hears "reset" before anything moves, so it can still read the old rows.
        self.observer.begin_reset()
        self.sort_column = Column(column)
        self.descending = descending
        self._keys = {i: self._key(a) for i, a in self.alerts.items()}
        self._master = sorted(self._keys.values())
        self._filter()
        self.observer.end_reset()

    def refilter(self) -> None:
        self.observer.begin_reset()
        self._filter()
        self.observer.end_reset()

    def _filter(self) -> None:
        self._predicate = self._build_predicate()
        predicate, alerts = self._predicate, self.alerts
        self._visible = [k for k in self._master if predicate(alerts[k[-1]])]

    # ---- feeding
    def reset(self, alerts: Iterable[Alert]) -> None:
        """A snapshot: replaces everything."""
        self.observer.begin_reset()
        self.alerts = {a.id: a for a in alerts}
        self._keys = {i: self._key(a) for i, a in self.alerts.items()}
        self._master = sorted(self._keys.values())
        self._search = {i: self._search_text(a) for i, a in self.alerts.items()}
        self._due = {}
        for a in self.alerts.values():
            due = current_due(a)
            if due is not None:
                self._due[a.id] = due
        self._due_sorted = sorted((d, i) for i, d in self._due.items())
        self._recount()
        self._filter()
        self.observer.end_reset()
        self.observer.counts_changed()

    def _recount(self) -> None:
        self._today = start_of_today(self.clock())
        counts = dict.fromkeys(View, 0)
        for a in self.alerts.values():
            for v in self._views_of(a):
                counts[v] += 1
        self._view_counts = counts

    def upsert(self, a: Alert) -> None:
        """One changed or new alert: incremental, reported row by row."""
        old = self.alerts.get(a.id)
        old_key = self._keys.get(a.id)
        if old is not None:
            for v in self._views_of(old):
                self._view_counts[v] -= 1
        for v in self._views_of(a):
            self._view_counts[v] += 1
        self.alerts[a.id] = a
        self._search[a.id] = self._search_text(a)
        self._set_due(a)
        key = self._key(a)
        self._keys[a.id] = key
        if old_key is not None:
            del self._master[bisect.bisect_left(self._master, old_key)]
        bisect.insort(self._master, key)

        was_visible = old_key is not None and self._is_visible(old_key)
        now_visible = self._predicate(a)
        if was_visible and now_visible:
            self._move(old_key, key)
        elif was_visible:
            self._remove(old_key)
        elif now_visible:
            self._insert(key)

    def _set_due(self, a: Alert) -> None:
        old = self._due.pop(a.id, None)
        if old is not None:
            i = bisect.bisect_left(self._due_sorted, (old, a.id))
            if i < len(self._due_sorted) and self._due_sorted[i] == (old, a.id):
                del self._due_sorted[i]
        due = current_due(a)
        if due is not None:
            self._due[a.id] = due
            bisect.insort(self._due_sorted, (due, a.id))

    def _is_visible(self, key: Key) -> bool:
        i = bisect.bisect_left(self._visible, key)
        return i < len(self._visible) and self._visible[i] == key

    def _insert(self, key: Key) -> None:
        i = bisect.bisect_left(self._visible, key)
        n = len(self._visible)
        row = n - i if self.descending else i
        self.observer.begin_insert(row)
        self._visible.insert(i, key)
        self.observer.end_insert()

    def _remove(self, key: Key) -> None:
        i = bisect.bisect_left(self._visible, key)
        self.observer.begin_remove(self._row(i, len(self._visible)))
        del self._visible[i]
        self.observer.end_remove()

    def _move(self, old_key: Key, key: Key) -> None:
        vis = self._visible
        n = len(vis)
        i = bisect.bisect_left(vis, old_key)
        src = self._row(i, n)
        if old_key == key:
            self.observer.row_changed(src)
            return
        # Where it lands once removed, in rows of the shortened list, then in pre-move rows for Qt.
        j = bisect.bisect_left(vis, key)
        if j > i:
            j -= 1
        new_row = n - 1 - j if self.descending else j  # its row after the move
        dest = new_row if new_row <= src else new_row + 1
        if new_row == src:
            vis[i] = key
            self.observer.row_changed(src)
            return
        if not self.observer.begin_move(src, dest):
            vis[i] = key
            self.observer.row_changed(src)
            return
        del vis[i]
        vis.insert(j, key)
        self.observer.end_move()
        self.observer.row_changed(new_row)

    def apply(self, alerts: Iterable[Alert]) -> None:
        for a in alerts:
            self.upsert(a)
        self.observer.counts_changed()

    def tick(self) -> None:
        """Called every second or so: the day changes, deadlines pass."""
        now = self.clock()
        if start_of_today(now) != self._today:
            self._recount()
            if self.view is View.CLOSED_TODAY:
                self.refilter()
        if self.view is View.OVERDUE:
            # Alerts whose deadline passed since the last tick join the Overdue view.
            lo = bisect.bisect_left(self._due_sorted, (self._overdue_checked_at, -1))
            hi = bisect.bisect_left(self._due_sorted, (now, -1))
            for _due, alert_id in self._due_sorted[lo:hi]:
                key = self._keys[alert_id]
                if not self._is_visible(key) and self._predicate(self.alerts[alert_id]):
                    self._insert(key)
        self._overdue_checked_at = now
        self.observer.counts_changed()
