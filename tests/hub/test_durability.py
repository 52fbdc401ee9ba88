"""Kill the hub with SIGKILL while a source streams: every alert it was told was accepted is stored."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import websockets
from sqlalchemy import select

from console.store.engine import make_engine
from console.store.schema import AlertRow

HALL = [sys.executable, "-m", "console.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def stream_until_killed(url: str, key: str, hub: subprocess.Popen[bytes]) -> dict[str, int]:
    """Streams alerts; returns source_ref -> id for every alert the hub said it accepted."""
    accepted: dict[str, int] = {}
    refs: dict[int, str] = {}
    try:
        async with websockets.connect(f"{url}/ws/intake", max_size=None) as ws:
            await ws.send(json.dumps({"type": "auth", "key": key}))
            await ws.recv()

            async def send() -> None:
                for seq in range(1_000_000):
                    refs[seq] = f"durable-{seq}"
                    await ws.send(json.dumps({"type": "alert", "seq": seq, "alert": {
                        "category": "other", "severity": "info", "title": f"t{seq}", "source_ref": refs[seq]}}))
                    if seq % 200 == 0:
                        await asyncio.sleep(0)

            sender = asyncio.create_task(send())
            killed = False
            async for text in ws:
                for item in json.loads(text)["items"]:
                    result = item["results"][0]
                    assert "error" not in result, result
                    accepted[refs[item["seq"]]] = result["id"]
                if len(accepted) > 3000 and not killed:
                    hub.send_signal(signal.SIGKILL)  # mid-stream, with alerts in flight
                    killed = True
            sender.cancel()
    except (websockets.ConnectionClosed, OSError):
        pass
    return accepted


def test_sigkill_loses_no_accepted_alert(db_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "HALL_DATABASE_URL": db_url}
    key = subprocess.run([*HALL, "key", "add", "durability"], env=env, capture_output=True, text=True,
                         check=True).stdout.strip()
    port = free_port()
    hub = subprocess.Popen([*HALL, "hub", "--port", str(port)], env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).json()["status"] == "ok":
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and hub.poll() is None, "hub did not start"
            time.sleep(0.1)
        accepted = asyncio.run(stream_until_killed(f"ws://127.0.0.1:{port}", key, hub))
    finally:
        hub.kill()
        hub.wait(10)
    assert hub.returncode == -signal.SIGKILL
    assert len(accepted) > 3000
    engine = make_engine(db_url)
    with engine.connect() as conn:
        stored = dict(conn.execute(select(AlertRow.source_ref, AlertRow.id)).tuples().all())
    engine.dispose()
    missing = {ref for ref, alert_id in accepted.items() if stored.get(ref) != alert_id}
    assert not missing, f"{len(missing)} accepted alerts were lost, e.g. {sorted(missing)[:3]}"
