"""Console (aiortc) <-> headless Chromium on the town page served by the hub: the browser rings with the
alert card, answers, and frames flow both ways (getStats on the page, decoded frames on the console)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from browser_kit import cleanup, launch
from calls_kit import ConsoleLink, Hall, until
from playwright.async_api import async_playwright

from media.webrtc.config import MediaConfig
from media.webrtc.outgoing import OutgoingCall
from media.webrtc.sources import SwitchableSource, SyntheticSource

SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"
CFG = MediaConfig(width=1280, height=720)


def test_browser_desk_answers_and_video_flows_both_ways(hall: Hall) -> None:
    async def body() -> None:
        op = ConsoleLink(hall, "alice", "pw-alice")
        await op.link.connect()
        call: OutgoingCall | None = None
        async with async_playwright() as pw:
            context, profile = await launch(pw)
            try:
                page = context.pages[0] if context.pages else await context.new_page()
                page.on("console", lambda m: print("page:", m.text))
                await page.goto(f"{hall.http_url}/town?token={hall.tokens['lh-2']}&lang=en")
                await page.wait_for_function("window.town && window.town.status === 'online'", timeout=10_000)
                assert await page.inner_text("#town-name") == "Longhua Town"

                call = OutgoingCall(op, CFG, SwitchableSource(SyntheticSource(1280, 720, "hall"), 1280, 720))
                op.call = call
                await call.invite("lh", {"id": 42, "title": "Illegal construction at camera 12",
                                         "category": "illegal_construction", "severity": "major",
                                         "address": "No. 8 Riverside Rd"})
                await page.wait_for_selector("#ringing:not(.hidden)", timeout=5_000)
                await until(lambda: "ringing" in call.times, 5)
                assert "Illegal construction at camera 12" in await page.inner_text("#ctx-title")
                assert await page.inner_text("#ctx-location") == "No. 8 Riverside Rd"
                await page.click("#answer")
                await until(lambda: call.media.frames_in >= 30, 15)  # the browser's fake camera, decoded here
                await page.wait_for_function("window.town.stats.framesDecoded >= 30", timeout=15_000)
                await page.wait_for_function("window.town.stats.framesSent >= 30", timeout=5_000)
                await page.wait_for_function("window.town.media === 'connected'", timeout=5_000)
                assert call.media.state == "connected"
                await asyncio.sleep(1.5)  # let the quality line fill in for the screenshot
                SCREENS.mkdir(parents=True, exist_ok=True)
                await page.screenshot(path=str(SCREENS / "town_page_in_call.png"))
                # Chinese too.
                await page.click("#lang")
                assert await page.inner_text("#hangup") == "挂断"
                assert await page.inner_text("#town-name") == "龙华镇"
                await page.screenshot(path=str(SCREENS / "town_page_in_call_zh.png"))
                await page.click("#hangup")
                await asyncio.wait_for(call.ended.wait(), 5)
                assert call.end_reason == "normal"
                await page.wait_for_selector("#idle:not(.hidden)", timeout=5_000)
            finally:
                if call is not None:  # also after the page hung up: waits until its connections are closed
                    await call.hangup()
                await context.close()
                cleanup(profile)
        await op.link.close()

    asyncio.run(asyncio.wait_for(body(), 90))


def test_browser_desk_without_camera_or_microphone_sends_a_card(hall: Hall) -> None:
    async def body() -> None:
        op = ConsoleLink(hall, "bob", "pw-bob")
        await op.link.connect()
        call: OutgoingCall | None = None
        async with async_playwright() as pw:
            context, profile = await launch(pw, fake_devices=False)
            try:
                page = context.pages[0] if context.pages else await context.new_page()
                await page.goto(f"{hall.http_url}/town?token={hall.tokens['qs-1']}&lang=zh")
                await page.wait_for_function("window.town && window.town.status === 'online'", timeout=10_000)
                assert await page.inner_text("#town-name") == "青山街道"
                call = OutgoingCall(op, CFG, SwitchableSource(SyntheticSource(1280, 720, "hall"), 1280, 720))
                op.call = call
                await call.invite("qs", {"id": 43, "title": "危化品车辆违停", "severity": "critical"})
                await page.wait_for_selector("#ringing:not(.hidden)", timeout=5_000)
                assert await page.inner_text("#answer") == "接听"
                await page.click("#answer")
                await until(lambda: call.media.frames_in >= 20, 15)  # the page's generated card
                assert await page.evaluate("window.town.noDevices") is True
                assert "发送值守卡片和静音" in await page.inner_text("#media-state")
                await page.wait_for_function("window.town.stats.framesDecoded >= 20", timeout=10_000)
                await call.hangup()
                await page.wait_for_selector("#idle:not(.hidden)", timeout=5_000)
                assert "正常挂断" in await page.inner_text("#last-end")
            finally:
                if call is not None:  # also after the page hung up: waits until its connections are closed
                    await call.hangup()
                await context.close()
                cleanup(profile)
        await op.link.close()

    asyncio.run(asyncio.wait_for(body(), 90))


def test_browser_desk_reconnects_after_a_network_cut(hall: Hall) -> None:
    """The path between the console and Chromium runs through a UDP relay (both SDPs rewritten on the
    console side); cutting it makes both sides show reconnecting, restoring it lets the console's new
    offer through and the page answers it on a new connection."""
    from udp_relay import UdpRelay

    cfg = MediaConfig(width=640, height=360, loss_timeout_s=1.5, reconnect_window_s=20, reoffer_interval_s=2.0)

    async def body() -> None:
        relay = UdpRelay()
        op = ConsoleLink(hall, "alice", "pw-alice")
        await op.link.connect()
        call: OutgoingCall | None = None
        async with async_playwright() as pw:
            context, profile = await launch(pw)
            try:
                page = context.pages[0] if context.pages else await context.new_page()
                await page.goto(f"{hall.http_url}/town?token={hall.tokens['lh-2']}&lang=en")
                await page.wait_for_function("window.town && window.town.status === 'online'", timeout=10_000)
                call = OutgoingCall(op, cfg, SwitchableSource(SyntheticSource(640, 360, "hall"), 640, 360),
                                    sdp_filter=relay.rewrite, remote_sdp_filter=relay.rewrite)
                op.call = call
                await call.invite("lh", {"id": 44, "title": "reconnect"})
                await page.wait_for_selector("#ringing:not(.hidden)", timeout=5_000)
                await page.click("#answer")
                await until(lambda: call.media.frames_in >= 30, 15)
                await page.wait_for_function("window.town.media === 'connected'", timeout=5_000)
                assert relay.forwarded > 50

                relay.cut = True
                await until(lambda: call.media.state == "reconnecting", 5)
                await page.wait_for_function("window.town.media === 'reconnecting'", timeout=6_000)
                assert "reconnecting" in (await page.inner_text("#media-state")).lower()
                await asyncio.sleep(2.0)
                relay.cut = False
                frames = call.media.frames_in
                await until(lambda: call.media.state == "connected" and call.media.frames_in > frames + 30, 15)
                await page.wait_for_function("window.town.media === 'connected'", timeout=8_000)
                assert call.media.reconnects >= 1 and not call.ended.is_set()
                SCREENS.mkdir(parents=True, exist_ok=True)
                await page.screenshot(path=str(SCREENS / "town_page_after_reconnect.png"))
            finally:
                if call is not None:
                    await call.hangup()
                await context.close()
                cleanup(profile)
                relay.close()
        await op.link.close()

    asyncio.run(asyncio.wait_for(body(), 120))
