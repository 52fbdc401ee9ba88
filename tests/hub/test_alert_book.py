"""The console's copy of the alerts: changes already seen are ignored, a hole is refused."""

from __future__ import annotations

import pytest

from console.client.alert_book import AlertBook, GapDetected
from console.domain.alert import Alert
from console.domain.enums import Category, Severity
from console.hub.change_feed import ChangeFeed


def alert(alert_id: int, version: int = 1) -> Alert:
    return Alert(id=alert_id, source="s", category=Category.OTHER, severity=Severity.INFO, title=f"a{alert_id}",
                 received_at=1.0, occurred_at=1.0, version=version)


def decode(message: str) -> dict:  # type: ignore[type-arg]
    import json

    return json.loads(message)


def test_replay_after_reconnect_and_snapshot_after_hub_restart() -> None:
    feed, book = ChangeFeed(capacity=10), AlertBook()
    sent: list[str] = []
    feed.subscribe(sent.append)
    book.apply_snapshot({"epoch": feed.epoch, "seq": feed.seq, "alerts": []})
    feed.publish([alert(1), alert(2)])
    book.apply_changes(decode(sent[-1]))
    feed.publish([alert(1, 2)])  # missed while away
    feed.publish([alert(3)])
    replay = feed.replay(book.epoch, book.seq)
    assert replay is not None and replay != ""
    book.apply_changes(decode(replay))
    book.apply_changes(decode(sent[-1]))  # the live copy of a change already replayed: ignored
    assert book.seq == feed.seq == 4 and book.alerts[1].version == 2 and set(book.alerts) == {1, 2, 3}
    assert feed.replay(book.epoch, book.seq) == ""
    assert ChangeFeed().replay(book.epoch, book.seq) is None  # another epoch: the hub restarted
    for i in range(20):  # the ring forgot what came after seq 4
        feed.publish([alert(10 + i)])
    assert feed.replay(book.epoch, 4) is None


def test_a_hole_in_the_stream_is_refused() -> None:
    feed, book = ChangeFeed(), AlertBook()
    sent: list[str] = []
    feed.subscribe(sent.append)
    book.apply_snapshot({"epoch": feed.epoch, "seq": 0, "alerts": []})
    feed.publish([alert(1)])
    feed.publish([alert(2)])
    with pytest.raises(GapDetected):
        book.apply_changes(decode(sent[-1]))
