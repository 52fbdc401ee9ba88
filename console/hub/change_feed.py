"""The ordered stream of alert changes that every console follows.

Each committed change gets the next sequence number. A console that reconnects says which epoch and
sequence number it last saw: the hub replays what came after from a ring buffer, or, when that is
gone (hub restarted, console away too long), sends a fresh snapshot. Either way the console ends
with exactly the hub's state.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Iterable

import orjson

from console.domain.alert import Alert

Subscriber = Callable[[str], None]


def dumps(data: object) -> str:
    """Compact JSON; orjson encodes alert dataclasses directly, several times faster than json."""
    return orjson.dumps(data).decode()


class ChangeFeed:
    def __init__(self, capacity: int = 200_000) -> None:
        self.epoch = uuid.uuid4().hex[:12]
        self.seq = 0
        self._ring: deque[tuple[int, str]] = deque(maxlen=capacity)
        self._subscribers: list[Subscriber] = []
        # The newest JSON of each alert (by id, with its version), so a snapshot is a string join
        # instead of re-encoding the whole working set while every other connection waits.
        self._json: dict[int, tuple[int, str]] = {}

    def subscribe(self, push: Subscriber) -> None:
        self._subscribers.append(push)

    def unsubscribe(self, push: Subscriber) -> None:
        if push in self._subscribers:
            self._subscribers.remove(push)

    def publish(self, alerts: Iterable[Alert]) -> None:
        """Numbers the changes and pushes one message with all of them to every subscriber."""
        encoded = []
        for alert in alerts:
            self.seq += 1
            alert_json = dumps(alert)
            self._json[alert.id] = (alert.version, alert_json)
            item = f'{{"seq":{self.seq},"alert":{alert_json}}}'
            self._ring.append((self.seq, item))
            encoded.append(item)
        if not encoded:
            return
        message = self._message(encoded)
        for push in list(self._subscribers):
            push(message)

    def snapshot(self, alerts: Iterable[Alert]) -> str:
        """The snapshot message of these alerts, at the current sequence number."""
        parts = []
        for alert in alerts:
            cached = self._json.get(alert.id)
            if cached is None or cached[0] != alert.version:
                cached = (alert.version, dumps(alert))
                self._json[alert.id] = cached
            parts.append(cached[1])
        return f'{{"type":"snapshot","epoch":"{self.epoch}","seq":{self.seq},"alerts":[{",".join(parts)}]}}'

    def forget(self, alert_ids: Iterable[int]) -> None:
        """Alerts that left the working set need no cached JSON."""
        for alert_id in alert_ids:
            self._json.pop(alert_id, None)

    def _message(self, encoded: list[str]) -> str:
        # Already-encoded items are spliced in rather than decoded and encoded again.
        return f'{{"type":"changes","epoch":"{self.epoch}","changes":[{",".join(encoded)}]}}'

    def replay(self, epoch: str | None, after: int | None) -> str | None:
        """The changes after `after` as one message, '' when there are none, None when a snapshot is needed."""
        if epoch != self.epoch or after is None or after > self.seq:
            return None
        if after == self.seq:
            return ""
        if not self._ring or self._ring[0][0] > after + 1:
            return None
        start = after + 1 - self._ring[0][0]
        return self._message([item for _, item in list(self._ring)[start:]])
