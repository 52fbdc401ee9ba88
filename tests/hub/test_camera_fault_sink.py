"""Camera faults from the wall become one camera-fault alert per camera, with recovery on it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from console.client.camera_faults import HubCameraFaultSink
from console.domain.enums import Category
from tests.hub.hub_kit import LiveHub, connected, until


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_fault_flapping_and_recovery(live_hub: LiveHub) -> None:
    async def scenario() -> None:
        async with connected(live_hub) as client:
            loop = asyncio.get_running_loop()
            sink = HubCameraFaultSink(client, lambda coro: asyncio.run_coroutine_threadsafe(coro, loop),
                                      {"cam03": "河西街道桥头 03"})
            since = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
            reason = "camera unreachable at 10.0.3.3:554: [Errno 111] Connection refused"
            await asyncio.to_thread(sink.raise_fault, "cam03", "offline", since, reason, "refused")
            await until(lambda: any(a.category is Category.CAMERA_FAULT for a in client.book.alerts.values()))
            alert = next(a for a in client.book.alerts.values() if a.category is Category.CAMERA_FAULT)
            assert alert.camera == "cam03" and alert.town == "hx" and "河西街道桥头 03" in alert.title
            # Why it is offline is recorded: whoever handles the fault knows whether to send a technician.
            assert reason in alert.description and alert.extra["reason"] == reason
            assert alert.extra["cause"] == "refused"  # a key to group faults by
            await asyncio.to_thread(sink.raise_fault, "cam03", "offline", since)  # it flaps: no new alert
            await until(lambda: client.book.alerts[alert.id].duplicate_count == 1)
            await asyncio.to_thread(sink.recover, "cam03", datetime(2026, 11, 29, 8, 5, tzinfo=UTC))
            await until(lambda: client.book.alerts[alert.id].updated_action == "recover")
            history = await client.query("history", alert_id=alert.id)
            assert [e["action"] for e in history] == ["recover", "duplicate", "create"]
            assert "08:05" in history[0]["note"]
            assert len([a for a in client.book.alerts.values() if a.category is Category.CAMERA_FAULT]) == 1

    asyncio.run(scenario())
