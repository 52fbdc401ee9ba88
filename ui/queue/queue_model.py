"""The plain queue: every alert the console knows, the current view, filters and sort order. No Qt.

Built for 100,000 alerts with a steady stream of changes:
- every alert gets a dense slot number; what the filters look at (category, severity, state, town,
  assignee, view membership, running deadline) is kept in numpy columns by slot, so a filter is a
  vectorised mask and never walks the Alert objects (walking 100k scattered objects in sort order
  costs ~250 ms here in cache misses alone; the mask costs a few ms);
- `_master` is the list of slots in sort order, kept sorted incrementally (bisect by key); the visible
  rows are `_master` masked, so a filter needs no sort;
- a change is a bisect-remove plus a bisect-insert, reported to an observer (the Qt adapter) as
  insert/remove/move/changed, so selections survive; tab counts are kept incrementally.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

import numpy as np

from console.domain.alert import Alert
from console.domain.enums import Category, Severity, State

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
    received_from: float | None = None  # a period (the dashboard's clicked hour or period)
    received_to: float | None = None

    def is_empty(self) -> bool:
        return not (self.categories or self.severities or self.states or self.towns
                    or self.assignee is not None or self.text or self.received_from is not None
                    or self.received_to is not None)


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
_CATEGORIES = list(Category)
_CAT_CODE = {c: i for i, c in enumerate(_CATEGORIES)}
_SEVERITIES = list(Severity)
_SEV_CODE = {s: i for i, s in enumerate(_SEVERITIES)}
_STATES = list(State)
_STATE_CODE = {s: i for i, s in enumerate(_STATES)}
_BIT = {View.UNACKNOWLEDGED: 1, View.CRITICAL: 2, View.MINE: 4, View.OPEN: 8, View.CLOSED_TODAY: 16}
_VIEWS_OF_BITS = [tuple(v for v, bit in _BIT.items() if bits & bit) for bits in range(32)]


@dataclass
class QueueModel:
    user: str = ""
    observer: QueueObserver = field(default_factory=QueueObserver)
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        self.view = View.OPEN
        self.filters = Filters()
        self.sort_column = Column.SEVERITY
        self.descending = False
        self._today = start_of_today(self.clock())
        self._overdue_checked_at = self.clock()
        self._clear()
        self._predicate = self._build_predicate()

    def _clear(self) -> None:
        self.alerts: dict[int, Alert] = {}
        self._slot_of: dict[int, int] = {}
        self._ids: list[int] = []  # slot -> alert id
        self._keys: list[Key] = []  # slot -> sort key
        self._search: list[str] = []  # slot -> lower-case text the search looks in
        self._master: list[int] = []  # slots in sort order
        self._visible: list[int] = []  # slots shown, in sort order
        self._town_code: dict[str | None, int] = {None: 0}
        self._assignee_code: dict[str | None, int] = {None: 0}
        self._view_counts: dict[View, int] = dict.fromkeys(View, 0)
        self._alloc(1024)

    def _alloc(self, capacity: int) -> None:
        def grow(old: np.ndarray | None, dtype: type, fill: float = 0) -> np.ndarray:
            new = np.full(capacity, fill, dtype=dtype)
            if old is not None:
                new[: len(old)] = old
            return new
        had = hasattr(self, "_cat") and len(self._ids) > 0
        self._cat = grow(self._cat if had else None, np.int8)
        self._sev = grow(self._sev if had else None, np.int8)
        self._state = grow(self._state if had else None, np.int8)
        self._town = grow(self._town if had else None, np.int32)
        self._assignee = grow(self._assignee if had else None, np.int32)
        self._bits = grow(self._bits if had else None, np.uint8)
        self._due = grow(self._due if had else None, np.float64, math.nan)
        self._recv = grow(self._recv if had else None, np.float64)

    # ---- reading
    def row_count(self) -> int:
        return len(self._visible)

    def alert_at(self, row: int) -> Alert:
        return self.alerts[self._ids[self._visible[self._index(row)]]]

    def _vis_pos(self, key: Key) -> int:
        return bisect.bisect_left(self._visible, key, key=self._keys.__getitem__)

    def row_of(self, alert_id: int) -> int | None:
        slot = self._slot_of.get(alert_id)
        if slot is None:
            return None
        i = self._vis_pos(self._keys[slot])
        if i < len(self._visible) and self._visible[i] == slot:
            return self._row(i, len(self._visible))
        return None

    def visible_ids(self) -> list[int]:
        ids = self._ids
        out = [ids[s] for s in self._visible]
        return out[::-1] if self.descending else out

    def count(self, view: View) -> int:
        if view is View.OVERDUE:
            return self.overdue_count()
        return self._view_counts[view]

    def overdue_count(self) -> int:
        n = len(self._ids)
        return int(np.count_nonzero(self._due[:n] < self.clock()))

    def towns(self) -> list[str]:
        return sorted(t for t in self._town_code if t)

    def assignees(self) -> list[str]:
        return sorted(a for a in self._assignee_code if a)

    # ---- row index <-> list index (descending order is the ascending list read backwards)
    def _index(self, row: int) -> int:
        return len(self._visible) - 1 - row if self.descending else row

    def _row(self, index: int, length: int) -> int:
        return length - 1 - index if self.descending else index

    # ---- keys and membership
    def _key(self, a: Alert) -> Key:
        column = self.sort_column
        if column is Column.SEVERITY:
            value: object = _SEV_CODE[a.severity]
        elif column is Column.CATEGORY:
            value = _CAT_CODE[a.category]
        elif column is Column.TITLE:
            value = a.title
        elif column is Column.TOWN:
            value = a.town or ""
        elif column is Column.RECEIVED:
            value = a.received_at
        elif column is Column.DEADLINE:
            value = current_due(a) or _INF
        elif column is Column.STATE:
            value = _STATE_CODE[a.state]
        elif column is Column.ASSIGNEE:
            value = a.assignee or ""
        else:
            value = a.duplicate_count
        # Ties: newest first, then the id so every key is unique.
        return (value, -a.received_at, a.id)

    def _bits_of(self, a: Alert) -> int:
        if not a.state.is_open:
            return _BIT[View.CLOSED_TODAY] if (a.closed_at or 0) >= self._today else 0
        bits = _BIT[View.OPEN]
        if a.state is State.NEW:
            bits |= _BIT[View.UNACKNOWLEDGED]
        if a.severity is Severity.CRITICAL:
            bits |= _BIT[View.CRITICAL]
        if self.user and a.assignee == self.user:
            bits |= _BIT[View.MINE]
        return bits

    def _count_bits(self, bits: int, sign: int) -> None:
        counts = self._view_counts
        for view in _VIEWS_OF_BITS[bits]:
            counts[view] += sign

    def _build_predicate(self) -> Callable[[int, Alert], bool]:
        """The filter for one alert (incremental updates); `_mask` is the same test, vectorised."""
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
        if f.received_from is not None:
            checks.append(lambda a, t=f.received_from: a.received_at >= t)
        if f.received_to is not None:
            checks.append(lambda a, t=f.received_to: a.received_at < t)
        needle = f.text.strip().lower()
        if needle:
            search = self._search
            slot_of = self._slot_of
            checks.append(lambda a: needle in search[slot_of[a.id]])
        view = self.view
        if view is View.OVERDUE:
            def in_view(slot: int, _a: Alert) -> bool:
                return bool(self._due[slot] < self.clock())
        else:
            bit = _BIT[view]

            def in_view(slot: int, _a: Alert) -> bool:
                return bool(self._bits[slot] & bit)
        return lambda slot, a: in_view(slot, a) and all(c(a) for c in checks)

    def _mask(self) -> np.ndarray:
        n = len(self._ids)
        f = self.filters
        if self.view is View.OVERDUE:
            mask = self._due[:n] < self.clock()
        else:
            mask = (self._bits[:n] & _BIT[self.view]) != 0
        if f.categories:
            mask &= np.isin(self._cat[:n], [_CAT_CODE[Category(c)] for c in f.categories])
        if f.severities:
            mask &= np.isin(self._sev[:n], [_SEV_CODE[Severity(c)] for c in f.severities])
        if f.states:
            mask &= np.isin(self._state[:n], [_STATE_CODE[State(c)] for c in f.states])
        if f.towns:
            mask &= np.isin(self._town[:n], [self._town_code.get(t, -1) for t in f.towns])
        if f.assignee is not None:
            mask &= self._assignee[:n] == self._assignee_code.get(f.assignee or None, -1)
        if f.received_from is not None:
            mask &= self._recv[:n] >= f.received_from
        if f.received_to is not None:
            mask &= self._recv[:n] < f.received_to
        needle = f.text.strip().lower()
        if needle:
            candidates = np.flatnonzero(mask)
            search = self._search
            hits = np.fromiter((needle in search[i] for i in candidates.tolist()), dtype=bool,
                               count=len(candidates))
            mask[:] = False
            mask[candidates[hits]] = True
        return mask

    @staticmethod
    def _search_text(a: Alert) -> str:
        return f"#{a.id} {a.title} {a.town or ''} {a.address} {a.assignee or ''} {a.camera or ''}".lower()

    # ---- changing the settings (full refilter: a vectorised mask over the sorted slots, no sort)
    def set_view(self, view: View) -> None:
        self.view = View(view)
        self.refilter()

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.refilter()

    def set_text(self, text: str) -> None:
        f = self.filters
        self.set_filters(dataclasses.replace(f, text=text))

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
        alerts, ids = self.alerts, self._ids
        self._keys = [self._key(alerts[ids[slot]]) for slot in range(len(ids))]
        self._master = sorted(range(len(ids)), key=self._keys.__getitem__)
        self._filter()
        self.observer.end_reset()

    def refilter(self) -> None:
        self.observer.begin_reset()
        self._filter()
        self.observer.end_reset()

    def _filter(self) -> None:
        self._predicate = self._build_predicate()
        master = np.fromiter(self._master, dtype=np.int64, count=len(self._master))
        mask = self._mask()
        self._visible = master[mask[master]].tolist()

    # ---- feeding
    def reset(self, alerts: Iterable[Alert]) -> None:
        """A snapshot: replaces everything."""
        self.observer.begin_reset()
        self._clear()
        for a in alerts:
            self._store(a, None)
        self._master = sorted(range(len(self._ids)), key=self._keys.__getitem__)
        self._filter()
        self.observer.end_reset()
        self.observer.counts_changed()

    def _store(self, a: Alert, slot: int | None, key: Key | None = None) -> int:
        """Writes the alert's columns; a new alert gets the next slot."""
        if key is None:
            key = self._key(a)
        if slot is None:
            slot = len(self._ids)
            if slot >= len(self._cat):
                self._alloc(len(self._cat) * 2)
            self._slot_of[a.id] = slot
            self._ids.append(a.id)
            self._keys.append(key)
            self._search.append(self._search_text(a))
        else:
            self._count_bits(int(self._bits[slot]), -1)
            self._keys[slot] = key
            self._search[slot] = self._search_text(a)
        self.alerts[a.id] = a
        self._cat[slot] = _CAT_CODE[a.category]
        self._sev[slot] = _SEV_CODE[a.severity]
        self._state[slot] = _STATE_CODE[a.state]
        self._town[slot] = self._town_code.setdefault(a.town, len(self._town_code))
        self._assignee[slot] = self._assignee_code.setdefault(a.assignee, len(self._assignee_code))
        bits = self._bits_of(a)
        self._bits[slot] = bits
        self._count_bits(bits, +1)
        due = current_due(a)
        self._due[slot] = math.nan if due is None else due
        self._recv[slot] = a.received_at
        return slot

    def _recount(self) -> None:
        self._today = start_of_today(self.clock())
        self._view_counts = dict.fromkeys(View, 0)
        for slot, alert_id in enumerate(self._ids):
            bits = self._bits_of(self.alerts[alert_id])
            self._bits[slot] = bits
            self._count_bits(bits, +1)

    def upsert(self, a: Alert) -> None:
        """One changed or new alert: incremental, reported row by row."""
        slot = self._slot_of.get(a.id)
        by_key = self._keys.__getitem__
        vis_i: int | None = None  # where the alert is shown now (found by its old key)
        old_key: Key | None = None
        key = self._key(a)
        if slot is not None:
            old_key = self._keys[slot]
            i = self._vis_pos(old_key)
            if i < len(self._visible) and self._visible[i] == slot:
                vis_i = i
            # Most changes (state, assignee, duplicates) keep the sort key: the slot stays where it
            # is in `_master`, which saves two ~10 us memmoves of a 100k list per change.
            if key != old_key:
                del self._master[bisect.bisect_left(self._master, old_key, key=by_key)]
        slot = self._store(a, slot, key)
        if key != old_key:
            bisect.insort(self._master, slot, key=by_key)
        now_visible = self._predicate(slot, a)
        if vis_i is not None and now_visible:
            self._move(slot, vis_i, old_key == key)
        elif vis_i is not None:
            self._remove(vis_i)
        elif now_visible:
            self._insert(slot)

    def _is_visible(self, slot: int) -> bool:
        i = self._vis_pos(self._keys[slot])
        return i < len(self._visible) and self._visible[i] == slot

    def _insert(self, slot: int) -> None:
        i = self._vis_pos(self._keys[slot])
        n = len(self._visible)
        row = n - i if self.descending else i
        self.observer.begin_insert(row)
        self._visible.insert(i, slot)
        self.observer.end_insert()

    def _remove(self, i: int) -> None:
        self.observer.begin_remove(self._row(i, len(self._visible)))
        del self._visible[i]
        self.observer.end_remove()

    def _move(self, slot: int, i: int, same_key: bool) -> None:
        vis = self._visible
        n = len(vis)
        src = self._row(i, n)
        if same_key:
            self.observer.row_changed(src)
            return
        # Where it lands once removed (an index into the list without it), found without touching
        # the list: Qt must see the old rows until begin_move has returned (selection, current row).
        keys = self._keys
        key = keys[slot]
        if i > 0 and key < keys[vis[i - 1]]:
            j = bisect.bisect_left(vis, key, 0, i, key=keys.__getitem__)
        elif i + 1 < n and keys[vis[i + 1]] < key:
            j = bisect.bisect_left(vis, key, i + 1, n, key=keys.__getitem__) - 1
        else:
            j = i
        new_row = n - 1 - j if self.descending else j  # its row after the move
        dest = new_row if new_row <= src else new_row + 1
        if new_row == src or not self.observer.begin_move(src, dest):
            self.observer.row_changed(src)
            return
        del vis[i]
        vis.insert(j, slot)
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
            n = len(self._ids)
            due = self._due[:n]
            for slot in np.flatnonzero((due >= self._overdue_checked_at) & (due < now)).tolist():
                if not self._is_visible(slot) and self._predicate(slot, self.alerts[self._ids[slot]]):
                    self._insert(slot)
        self._overdue_checked_at = now
        self.observer.counts_changed()

