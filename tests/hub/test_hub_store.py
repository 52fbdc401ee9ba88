"""The hub and its store, on SQLite and on PostgreSQL: intake, de-duplication, audit, conflicts, resume."""

from __future__ import annotations

import asyncio
import base64
import time

import httpx
import numpy as np
from sqlalchemy import func, select

from console.client.hub_client import HubRefused, Listener
from console.domain.enums import State
from console.sim.png import encode_png
from console.store.schema import AlertRow, AuditRow
from tests.hub.hub_kit import SOURCE_KEY, LiveHub, connected, until

AUTH = {"Authorization": f"Bearer {SOURCE_KEY}"}


def post(live: LiveHub, body: object) -> httpx.Response:
    return httpx.post(f"{live.http}/api/alerts", json=body, headers=AUTH, timeout=10)


def count(live: LiveHub, table: type) -> int:
    with live.hub.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def test_intake_derives_town_and_deduplicates(live_hub: LiveHub) -> None:
    first = post(live_hub, {"category": "hazmat_vehicle", "severity": "critical", "title": "苏A12345 偏离路线",
                            "source_ref": "苏A12345:route", "lat": 31.92, "lon": 118.72})
    assert first.status_code == 201
    alert_id = first.json()["accepted"][0]["id"]
    again = post(live_hub, [{"category": "hazmat_vehicle", "severity": "critical", "title": "repeat",
                             "source_ref": "苏A12345:route"}] * 3)
    assert again.status_code == 200
    assert {r["id"] for r in again.json()["accepted"]} == {alert_id}
    assert all(r["duplicate"] for r in again.json()["accepted"])
    assert count(live_hub, AlertRow) == 1
    with live_hub.hub.engine.connect() as conn:
        row = conn.execute(select(AlertRow.__table__).where(AlertRow.id == alert_id)).one()
    assert row.duplicate_count == 3 and row.town == "lh" and row.grid is not None
    assert row.ack_due > row.received_at and row.title == "苏A12345 偏离路线"


def test_lifecycle_over_the_socket_with_audit_trail(live_hub: LiveHub) -> None:
    alert_id = post(live_hub, {"category": "hotline_order", "severity": "minor", "title": "共享单车占道",
                               "town": "qs"}).json()["accepted"][0]["id"]

    async def scenario() -> None:
        async with connected(live_hub) as client:
            await until(lambda: alert_id in client.book.alerts)
            a = await client.command("acknowledge", alert_id)
            a = await client.command("dispatch", a)
            a = await client.command("bounce", a, reason="不属于本镇 not ours")
            assert a.state is State.ACKNOWLEDGED
            a = await client.command("dispatch", a, town="hx")
            a = await client.command("sign", a)
            a = await client.command("feedback", a, note="已清理 cleared")
            a = await client.command("redo", a, reason="citizen unsatisfied", satisfaction="unsatisfied")
            a = await client.command("sign", a)
            a = await client.command("feedback", a, note="cleared again")
            a = await client.command("verify", a, satisfaction="satisfied", note="回访满意")
            assert a.state is State.CLOSED and a.town == "hx"
            await until(lambda: client.book.alerts[alert_id].state is State.CLOSED)
            history = await client.query("history", alert_id=alert_id)
            actions = [e["action"] for e in reversed(history)]
            assert actions == ["create", "acknowledge", "dispatch", "bounce", "dispatch", "sign", "feedback",
                               "redo", "sign", "feedback", "verify"]
            assert history[0]["actor"] == "duty1" and history[0]["from_state"] == "handled"
            assert "不属于本镇" in next(e["note"] for e in history if e["action"] == "bounce")

    asyncio.run(scenario())
    assert count(live_hub, AuditRow) == 11


def test_two_operators_acknowledge_at_once_one_wins(live_hub: LiveHub) -> None:
    alert_id = post(live_hub, {"category": "other", "severity": "major", "title": "x"}).json()["accepted"][0]["id"]

    async def scenario() -> None:
        async with connected(live_hub, "duty1") as one, connected(live_hub, "duty2") as two:
            await until(lambda: alert_id in one.book.alerts and alert_id in two.book.alerts)
            results = await asyncio.gather(one.command("acknowledge", alert_id), two.command("acknowledge", alert_id),
                                           return_exceptions=True)
            wins = [r for r in results if not isinstance(r, Exception)]
            losses = [r for r in results if isinstance(r, HubRefused)]
            assert len(wins) == 1 and len(losses) == 1
            assert losses[0].code == "conflict"
            assert f"changed by {wins[0].assignee} (acknowledge)" in losses[0].message
            assert losses[0].alert is not None and losses[0].alert["state"] == "acknowledged"

    asyncio.run(scenario())
    with live_hub.hub.engine.connect() as conn:
        acks = conn.execute(select(func.count()).select_from(AuditRow)
                            .where(AuditRow.alert_id == alert_id, AuditRow.action == "acknowledge")).scalar()
    assert acks == 1


def test_merge_adds_duplicates_to_target(live_hub: LiveHub) -> None:
    ids = [r["id"] for r in post(live_hub, [{"category": "other", "severity": "minor", "title": f"t{i}"}
                                            for i in range(2)]).json()["accepted"]]

    async def scenario() -> None:
        async with connected(live_hub) as client:
            await until(lambda: all(i in client.book.alerts for i in ids))
            merged = await client.command("merge", ids[1], into=ids[0])
            assert merged.state is State.MERGED and merged.merged_into == ids[0]
            await until(lambda: client.book.alerts[ids[0]].duplicate_count == 1)
            try:
                await client.command("merge", ids[0], into=999_999)
            except HubRefused as exc:
                assert exc.code == "not_found"
            else:
                raise AssertionError("merge into a missing alert was accepted")

    asyncio.run(scenario())


def test_console_resumes_without_gap_or_duplicate(live_hub: LiveHub) -> None:
    seen: list[int] = []

    async def scenario() -> None:
        changes: list[int] = []
        listener = Listener(on_changes=lambda alerts: changes.extend(a.id for a in alerts))
        async with connected(live_hub, listener=listener) as client:
            for i in range(5):
                post(live_hub, {"category": "other", "severity": "info", "title": f"before {i}"})
            await until(lambda: len(client.book.alerts) == 5)
            epoch, seq_before = client.book.epoch, client.book.seq
            await client._ws.close()  # the network drops
            for i in range(7):  # changes the console misses while away
                post(live_hub, {"category": "other", "severity": "info", "title": f"while away {i}"})
            await until(lambda: client.book.seq is not None and client.book.seq >= live_hub.hub.feed.seq)
            assert client.book.epoch == epoch  # resumed from the ring, not a fresh snapshot
            assert client.book.seq == seq_before + 7
            hub_state = {a.id: a.to_dict() for a in live_hub.hub.alerts.snapshot()}
            assert {i: a.to_dict() for i, a in client.book.alerts.items()} == hub_state
            assert len(changes) == len(set(changes)) == 12
        seen.extend(changes)

    asyncio.run(scenario())
    assert seen == sorted(seen)


def test_closed_alerts_leave_the_working_set_after_the_window(live_hub: LiveHub) -> None:
    ids = [r["id"] for r in post(live_hub, [{"category": "other", "severity": "minor", "title": f"p{i}"}
                                            for i in range(2)]).json()["accepted"]]

    async def close_first() -> None:
        async with connected(live_hub) as client:
            await until(lambda: ids[0] in client.book.alerts)
            await client.command("false_alarm", ids[0], reason="test")

    asyncio.run(close_first())
    service = live_hub.hub.alerts
    assert ids[0] in service.alerts  # closed today: still shown
    service.recent_closed_s = 0.0
    live_hub.embedded.loop.call_soon_threadsafe(service._prune)  # type: ignore[union-attr]
    deadline = time.monotonic() + 5
    while ids[0] in service.alerts and time.monotonic() < deadline:
        time.sleep(0.02)
    assert ids[0] not in service.alerts and ids[1] in service.alerts


def test_attachments_round_trip_and_bad_ones_are_refused(live_hub: LiveHub) -> None:
    png = encode_png(np.full((4, 6, 3), 200, dtype=np.uint8))
    alert_id = post(live_hub, {"category": "illegal_construction", "severity": "major", "title": "shed",
                               "camera": "cam05", "attachments": [{"name": "s.png", "mime": "image/png",
                                                                   "data": base64.b64encode(png).decode()}]}
                    ).json()["accepted"][0]["id"]

    async def scenario() -> None:
        async with connected(live_hub) as client:
            await until(lambda: alert_id in client.book.alerts)
            alert = client.book.alerts[alert_id]
            assert alert.town == "nh" and [a.name for a in alert.attachments] == ["s.png"]
            for bad in ({"name": "x.txt", "mime": "text/plain", "data": "aGk="},
                        {"name": "x.png", "mime": "image/png", "data": "%%% not base64"},
                        {"name": "", "mime": "image/png"}):
                try:
                    await client.command("attach", alert, **bad)
                except HubRefused as exc:
                    assert exc.code == "invalid" and exc.message
                else:
                    raise AssertionError(f"attachment {bad} was accepted")
            second = await client.command("attach", alert, name="t.png", mime="image/png",
                                          data=base64.b64encode(png).decode(), note="from the wall")
            assert [a.name for a in second.attachments] == ["s.png", "t.png"]
            headers = {"Authorization": f"Bearer {client.token}"}
            for attachment in second.attachments:
                got = httpx.get(f"{live_hub.http}/api/attachments/{attachment.id}", headers=headers, timeout=5)
                assert got.status_code == 200 and got.content == png
                assert got.headers["content-type"] == "image/png"
            source = httpx.get(f"{live_hub.http}/api/attachments/{second.attachments[0].id}",
                               headers={"Authorization": "Bearer test-source-key-0123456789"}, timeout=5)
            assert source.status_code == 403

    asyncio.run(scenario())
