"""aiortc console <-> aiortc town desk over the real hub on loopback: every call outcome of the issue."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from calls_kit import ConsoleLink, Hall, until

from console.domain.enums import Category, Severity
from console.hub.identity import Identity
from console.protocol.intake import AlertIn
from media.town_endpoint import TownEndpoint
from media.webrtc.config import MediaConfig
from media.webrtc.outgoing import OutgoingCall
from media.webrtc.sources import SwitchableSource, SyntheticSource

SMALL = MediaConfig(width=640, height=360)
ALERT = {"id": None, "title": "Hazmat truck stopped on the bridge", "category": "hazmat_vehicle",
         "severity": "critical", "address": "Bridge 3"}


def run(coro: Awaitable[Any]) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 60))


async def console(hall: Hall, user: str = "alice") -> ConsoleLink:
    link = ConsoleLink(hall, user, f"pw-{user}")
    await link.link.connect()
    return link


async def desk(hall: Hall, name: str, **kwargs: Any) -> TownEndpoint:
    town = TownEndpoint(hall.http_url, hall.tokens[name], config=SMALL, label=name, **kwargs)
    await town.start()
    return town


def outgoing(link: ConsoleLink, **kwargs: Any) -> OutgoingCall:
    call = OutgoingCall(link, SMALL, SwitchableSource(SyntheticSource(640, 360, "hall"), 640, 360), **kwargs)
    link.call = call
    return call


async def close(*things: Any) -> None:
    for t in things:
        if isinstance(t, TownEndpoint):
            await t.stop()
        elif isinstance(t, ConsoleLink):
            if t.call is not None:
                await t.call.hangup()
            await t.link.close()


async def with_parts(body: Callable[..., Awaitable[None]], *parts: Any) -> None:
    try:
        await body(*parts)
    finally:
        await close(*parts)


def make_alert(hall: Hall) -> int:
    hub = hall.embedded.hub
    item = AlertIn(category=Category.HAZMAT_VEHICLE, severity=Severity.CRITICAL, title=ALERT["title"], town="lh")
    results = hall.embedded.call(hub.alerts.intake([item], Identity("test-source", "source")))
    return results[0].id


def test_invite_ring_answer_media_both_ways_hangup_recorded(hall: Hall) -> None:
    alert_id = make_alert(hall)

    async def body() -> None:
        op = await console(hall)
        town = await desk(hall, "lh-1", auto_answer_delay_s=0.3, burn_counter=True, read_counter=True)
        try:
            await op.wait_for(lambda m: m["type"] == "presence.update" and m["town"] == "lh"
                              and m["status"] == "online")
            call = outgoing(op, burn_counter=True, read_counter=True)
            await call.invite("lh", {**ALERT, "id": alert_id})
            await until(lambda: "ringing" in call.times)
            ring = next(e[2] for e in town.events if e[1] == "ringing")
            assert ring["alert"]["title"] == ALERT["title"] and ring["caller"] == "alice"
            await until(lambda: call.media.frames_in >= 30 and town.media is not None and town.media.frames_in >= 30)
            # Media both ways, with the burned counters read back on each side.
            assert len(call.media.latencies_ms) >= 20 and len(town.media.latencies_ms) >= 20
            assert call.media.state == "connected"
            assert op.of_type("presence.update")[-1]["status"] == "busy"
            await until(lambda: call.media.stats.fps_in > 0)
            await call.hangup()
            await until(lambda: any(e[1] == "ended" for e in town.events))
            assert [e for e in town.events if e[1] == "ended"][0][2]["reason"] == "normal"
            op.call = None
            await op.send({"type": "call.history", "alert_id": alert_id})
            hist = await op.wait_for(lambda m: m["type"] == "call.history")
            rec = hist["calls"][0]
            assert (rec["town"], rec["caller"], rec["answered_by"], rec["end_reason"]) == ("lh", "alice", "lh-1", "normal")
            assert rec["invited_at"] <= rec["answered_at"] <= rec["ended_at"] and rec["duration_s"] > 0
        finally:
            await close(op, town)

    run(body())
    # The ended call is in the alert's timeline.
    hub = hall.embedded.hub

    def timeline() -> list[Any]:
        from console.store import alert_repository as repo

        with hub.engine.connect() as conn:
            return [e for e in repo.history(conn, alert_id) if e.action == "call"]

    async def wait_timeline() -> None:
        await until(lambda: bool(timeline()), 5)

    run(wait_timeline())
    event = timeline()[0]
    assert event.actor == "alice" and event.data["town"] == "lh" and event.data["end_reason"] == "normal"


def test_decline_with_a_reason(hall: Hall) -> None:
    async def body() -> None:
        op = await console(hall)
        town = await desk(hall, "lh-1", decline_reason="on site")
        try:
            call = outgoing(op)
            await call.invite("lh", ALERT)
            await asyncio.wait_for(call.ended.wait(), 10)
            assert call.end_reason == "declined"
            ended = op.of_type("call.ended")[-1]
            assert ended["detail"] == "on site"
        finally:
            await close(op, town)

    run(body())


def test_missed_after_the_configured_timeout(hall: Hall) -> None:
    hall.calls.service.no_answer_s = 1.0

    async def body() -> None:
        op = await console(hall)
        town = await desk(hall, "lh-1", auto_answer_delay_s=None)
        try:
            call = outgoing(op)
            await call.invite("lh", ALERT)
            await until(lambda: "ringing" in call.times)
            assert town.incoming["no_answer_s"] == 1.0
            await asyncio.wait_for(call.ended.wait(), 5)
            assert call.end_reason == "missed"
            await until(lambda: any(e[1] == "ended" and e[2]["reason"] == "missed" for e in town.events))
        finally:
            await close(op, town)

    try:
        run(body())
    finally:
        hall.calls.service.no_answer_s = 30.0


def test_town_offline(hall: Hall) -> None:
    async def body() -> None:
        op = await console(hall)
        try:
            call = outgoing(op)
            await call.invite("hx", ALERT)
            await asyncio.wait_for(call.ended.wait(), 5)
            assert call.end_reason == "offline"
            assert op.of_type("presence.snapshot")[0]["towns"]["hx"]["status"] == "offline"
        finally:
            await close(op)

    run(body())


def test_two_desks_first_answer_wins(hall: Hall) -> None:
    async def body() -> None:
        op = await console(hall)
        d1 = await desk(hall, "lh-1", auto_answer_delay_s=0.2)
        d2 = await desk(hall, "lh-2", auto_answer_delay_s=0.2)
        try:
            call = outgoing(op)
            await call.invite("lh", ALERT)
            await until(lambda: call.media.frames_in >= 10)
            kinds = {d.label: [e[1] for e in d.events] for d in (d1, d2)}
            winners = [d for d in (d1, d2) if d.media is not None]
            assert len(winners) == 1, kinds
            loser = d2 if winners[0] is d1 else d1
            # The loser either got "taken" before answering, or answered too late and was refused.
            assert "taken" in [e[1] for e in loser.events] or any(
                e[1] == "error" and e[2]["error"] == "already_answered" for e in loser.events), kinds
            assert len(op.of_type("call.answered")) == 1
            assert op.of_type("call.answered")[0]["desk"] == winners[0].label
        finally:
            await close(op, d1, d2)

    run(body())


def test_busy_and_glare_two_operators_call_one_desk_at_once(hall: Hall) -> None:
    async def body() -> None:
        alice, bob = await console(hall, "alice"), await console(hall, "bob")
        town = await desk(hall, "qs-1", auto_answer_delay_s=None)
        try:
            a, b = outgoing(alice), outgoing(bob)
            await asyncio.gather(a.invite("qs", ALERT), b.invite("qs", ALERT))
            await until(lambda: a.ended.is_set() or b.ended.is_set())
            loser, winner = (a, b) if a.ended.is_set() else (b, a)
            assert loser.end_reason == "busy"
            await until(lambda: "ringing" in winner.times)
            assert not winner.ended.is_set()
            assert [e[2]["call_id"] for e in town.events if e[1] == "ringing"] == [winner.call_id]
            # Busy also when called later while the desk talks.
            await town.answer()
            await until(lambda: winner.media.frames_in > 5)
            late = outgoing(bob if loser is b else alice)
            await late.invite("qs", ALERT)
            await asyncio.wait_for(late.ended.wait(), 5)
            assert late.end_reason == "busy"
        finally:
            await close(alice, bob, town)

    run(body())


def test_a_town_cannot_answer_another_towns_call(hall: Hall) -> None:
    async def body() -> None:
        op = await console(hall)
        lh = await desk(hall, "lh-1", auto_answer_delay_s=None)
        qs = await desk(hall, "qs-1", auto_answer_delay_s=None)
        try:
            call = outgoing(op)
            await call.invite("lh", ALERT)
            await until(lambda: "ringing" in call.times)
            assert not any(e[1] == "ringing" for e in qs.events)  # qs never saw it
            errors: list[dict[str, Any]] = []
            qs.on_event = lambda name, data: errors.append(data) if name == "error" else None
            await qs.link.send({"type": "call.answer", "call_id": call.call_id, "sdp": "v=0"})
            await until(lambda: bool(errors))
            assert errors[0]["error"] == "not_your_call"
            assert not op.of_type("call.answered") and not call.ended.is_set()
            await lh.answer()  # its own desk still can
            await until(lambda: call.media.frames_in > 5)
        finally:
            await close(op, lh, qs)

    run(body())


def test_hanging_up_while_dialing_cancels_the_call_at_the_hub(hall: Hall) -> None:
    async def body() -> None:
        op = await console(hall)
        town = await desk(hall, "lh-1", auto_answer_delay_s=None)
        try:
            call = outgoing(op)
            await call.invite("lh", ALERT)
            await call.hangup()  # most likely before the hub has even named the call
            assert call.end_reason == "cancelled"
            await until(lambda: any(e[1] == "ended" and e[2]["reason"] == "cancelled" for e in town.events), 5)
            await until(lambda: hall.calls.service.presence.status("lh") == "online", 5)
        finally:
            await close(op, town)

    run(body())


def test_hanging_up_during_the_offer_sends_nothing(hall: Hall) -> None:
    async def body() -> None:
        op = await console(hall)
        try:
            call = outgoing(op)
            invite = asyncio.ensure_future(call.invite("lh", ALERT))
            await asyncio.sleep(0)  # the offer is being made
            await call.hangup()
            await invite
            assert call.end_reason == "cancelled" and call.media.state == "ended"
            await asyncio.sleep(0.3)
            assert not op.of_type("call.created")
        finally:
            await close(op)

    run(body())
