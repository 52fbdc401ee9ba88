"""Network loss mid-call, through a UDP relay we cut on loopback: both sides show "reconnecting" within a
few seconds; the call recovers by renegotiation when the path returns within the window, or ends with
"network_failure" on both sides when it does not."""

from __future__ import annotations

import asyncio
import time

from calls_kit import ConsoleLink, Hall, until
from udp_relay import UdpRelay

from media.town_endpoint import TownEndpoint
from media.webrtc.config import MediaConfig
from media.webrtc.outgoing import OutgoingCall
from media.webrtc.sources import SwitchableSource, SyntheticSource


def config(window_s: float) -> MediaConfig:
    return MediaConfig(width=320, height=180, loss_timeout_s=1.5, reconnect_window_s=window_s, reoffer_interval_s=2.0)


async def start_call(hall: Hall, relay: UdpRelay, cfg: MediaConfig) -> tuple[ConsoleLink, OutgoingCall, TownEndpoint]:
    op = ConsoleLink(hall, "alice", "pw-alice")
    await op.link.connect()
    town = TownEndpoint(hall.http_url, hall.tokens["lh-1"], auto_answer_delay_s=0.1, config=cfg,
                        sdp_filter=relay.rewrite)
    await town.start()
    call = OutgoingCall(op, cfg, SwitchableSource(SyntheticSource(320, 180, "hall"), 320, 180),
                        sdp_filter=relay.rewrite)
    op.call = call
    await call.invite("lh", {"id": 5, "title": "loss test"})
    await until(lambda: call.media.frames_in > 20 and town.media is not None and town.media.frames_in > 20, 10)
    assert relay.forwarded > 100  # media really goes through the relay
    return op, call, town


def states(events: list, key: str = "media") -> list[str]:
    return [e[2]["state"] for e in events if e[1] == key]


def test_reconnects_when_the_path_returns_within_the_window(hall: Hall) -> None:
    async def body() -> None:
        relay = UdpRelay()
        console_events: list = []
        op, call, town = await start_call(hall, relay, config(window_s=15))
        call.on_event = lambda name, data: console_events.append((time.monotonic(), name, data))
        try:
            cut_at = time.monotonic()
            relay.cut = True
            await until(lambda: call.media.state == "reconnecting" and town.media.state == "reconnecting", 6)
            noticed = time.monotonic() - cut_at
            assert noticed < 4.0, f"loss noticed after {noticed:.1f}s"
            # Each side also hears that the other is reconnecting (through the hub).
            await until(lambda: "reconnecting" in states(console_events, "remote_media"), 3)
            await asyncio.sleep(3.0)
            relay.cut = False
            restored = time.monotonic()
            frames = call.media.frames_in
            await until(lambda: call.media.state == "connected" and town.media is not None
                        and town.media.state == "connected", 12)
            await until(lambda: call.media.frames_in > frames + 30, 5)
            print(f"loss noticed in {noticed:.2f}s, recovered {time.monotonic() - restored:.2f}s after the path "
                  f"returned, re-offers: {call.media.reconnects}")
            assert not call.ended.is_set()
            assert call.media.reconnects >= 1  # recovered by renegotiation
        finally:
            await call.hangup()
            await town.stop()
            await op.link.close()
            relay.close()

    asyncio.run(asyncio.wait_for(body(), 60))


def test_ends_with_network_failure_when_the_path_stays_down(hall: Hall) -> None:
    async def body() -> None:
        relay = UdpRelay()
        op, call, town = await start_call(hall, relay, config(window_s=4))
        try:
            relay.cut = True
            t0 = time.monotonic()
            await asyncio.wait_for(call.ended.wait(), 12)
            took = time.monotonic() - t0
            assert call.end_reason == "network_failure"
            await until(lambda: any(e[1] == "ended" and e[2].get("reason") == "network_failure"
                                    for e in town.events), 6)
            assert 4 <= took < 9, took
            op.call = None
            await op.send({"type": "call.history"})
            hist = await op.wait_for(lambda m: m["type"] == "call.history")
            assert hist["calls"][0]["id"] == call.call_id and hist["calls"][0]["end_reason"] == "network_failure"
        finally:
            await call.hangup()  # ended already: waits until its media has closed every connection
            await town.stop()
            await op.link.close()
            relay.close()

    asyncio.run(asyncio.wait_for(body(), 60))
