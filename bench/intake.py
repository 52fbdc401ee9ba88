"""Intake benchmark: durable alerts/s into SQLite and PostgreSQL, and delivery latency to a console.

Runs the hub as its own process (`hall hub`), so the load generator does not share its interpreter,
and measures the raw ceiling (the same rows inserted in batches with plain SQLAlchemy Core, same
durability settings) in the same run. Prints one JSON line last.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Running a script puts its folder first on sys.path, where bench/queue.py would shadow the standard
# library's queue module: look in the project root instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

import asyncio
import json
import os
import socket
import statistics
import subprocess
import tempfile
import time

import httpx
import websockets
from sqlalchemy import insert

from console.domain.alert import Alert
from console.domain.enums import Category, Severity
from console.store.alert_repository import alert_to_row
from console.store.engine import make_engine
from console.store.migrate import upgrade
from console.store.schema import AlertRow, AuditRow
from tests.support.postgres import create_database, start_cluster

HALL = [sys.executable, "-m", "console.cli"]
WS_ALERTS = 40_000
HTTP_ALERTS = 3_000
FRAME = 100  # alerts per websocket frame for a high-rate source


def alert_body(i: int, tag: str) -> dict[str, object]:
    return {"category": "hazmat_vehicle", "severity": "major", "title": f"苏A{i:05d} 超速行驶",
            "source_ref": f"{tag}-{i}", "lat": 31.95, "lon": 118.8, "address": "龙华路100号",
            "extra": {"plate": f"苏A{i:05d}"}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HubProcess:
    def __init__(self, db_url: str) -> None:
        self.env = {**os.environ, "HALL_DATABASE_URL": db_url}
        self.key = subprocess.run([*HALL, "key", "add", "bench"], env=self.env, capture_output=True, text=True,
                                  check=True).stdout.strip()
        subprocess.run([*HALL, "user", "add", "bench"], env={**self.env, "HALL_PASSWORD": "bench"},
                       capture_output=True, check=True)
        self.port = free_port()
        self.proc = subprocess.Popen([*HALL, "hub", "--port", str(self.port)], env=self.env)
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.http}/health", timeout=1).json()["status"] == "ok":
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
            if time.monotonic() > deadline:
                raise RuntimeError("hub did not start")

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(20)


async def ws_stream(hub: HubProcess, count: int, frame: int, tag: str) -> float:
    """Alerts/s from first send to the last 'accepted' (each answer comes after its commit)."""
    async with websockets.connect(f"{hub.ws}/ws/intake", max_size=None, compression=None) as ws:
        await ws.send(json.dumps({"type": "auth", "key": hub.key}))
        await ws.recv()
        start = time.perf_counter()

        async def send() -> None:
            for seq, first in enumerate(range(0, count, frame)):
                items = [alert_body(i, tag) for i in range(first, min(first + frame, count))]
                message = {"type": "alerts", "seq": seq, "alerts": items} if frame > 1 else \
                    {"type": "alert", "seq": seq, "alert": items[0]}
                await ws.send(json.dumps(message, ensure_ascii=False))

        sender = asyncio.create_task(send())
        done = 0
        while done < count:
            for item in json.loads(await ws.recv())["items"]:
                for result in item["results"]:
                    if "error" in result:
                        raise RuntimeError(result["error"])
                    done += 1
        await sender
        return count / (time.perf_counter() - start)


class KeepAliveClient:
    """A minimal HTTP/1.1 keep-alive client: httpx spends more CPU per request than the hub does,
    which would make this benchmark measure the client."""

    def __init__(self, port: int, key: str) -> None:
        self.port = port
        self.head = (f"POST /api/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n"
                     "Content-Type: application/json\r\nContent-Length: ")

    async def __aenter__(self) -> KeepAliveClient:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.writer.close()

    async def post(self, body: bytes) -> int:
        self.writer.write(f"{self.head}{len(body)}\r\n\r\n".encode() + body)
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await self.reader.readexactly(length)
        return status


async def http_posts(hub: HubProcess, count: int, tag: str, concurrency: int = 16) -> float:
    """Single-alert POSTs from `concurrency` keep-alive connections; each answered after its commit."""
    bodies = [json.dumps(alert_body(i, tag), ensure_ascii=False).encode() for i in range(count)]
    start = time.perf_counter()

    async def worker(share: list[bytes]) -> None:
        async with KeepAliveClient(hub.port, hub.key) as client:
            for body in share:
                status = await client.post(body)
                if status not in (200, 201):
                    raise RuntimeError(f"HTTP {status}")

    await asyncio.gather(*(worker(bodies[i::concurrency]) for i in range(concurrency)))
    return count / (time.perf_counter() - start)


async def delivery_latency(hub: HubProcess, rate: int = 1000, seconds: float = 10.0) -> tuple[float, float]:
    """Steady `rate` alerts/s in single-alert frames; latency from send to arrival on a console socket."""
    latencies: list[float] = []
    async with websockets.connect(f"{hub.ws}/ws/console", max_size=None, compression=None) as console:
        await console.send(json.dumps({"type": "auth", "user": "bench", "password": "bench"}))
        await console.recv()
        await console.send(json.dumps({"type": "subscribe"}))
        while '"type":"snapshot"' not in await console.recv():  # call.config and presence come first
            pass
        async with websockets.connect(f"{hub.ws}/ws/intake", max_size=None, compression=None) as source:
            await source.send(json.dumps({"type": "auth", "key": hub.key}))
            await source.recv()
            total = int(rate * seconds)

            async def send() -> None:
                start = time.perf_counter()
                for i in range(total):
                    body = alert_body(i, "latency")
                    body["extra"] = {"sent_at": time.time()}
                    await source.send(json.dumps({"type": "alert", "seq": i, "alert": body}))
                    delay = start + (i + 1) / rate - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)

            async def drain_answers() -> None:
                async for _ in source:
                    pass

            sender = asyncio.create_task(send())
            drainer = asyncio.create_task(drain_answers())
            while len(latencies) < total:
                message = json.loads(await asyncio.wait_for(console.recv(), 30))
                now = time.time()
                for change in message.get("changes", []):
                    sent = change["alert"]["extra"].get("sent_at")
                    if sent is not None and change["alert"]["updated_action"] == "create":
                        latencies.append((now - sent) * 1000)
            await sender
            drainer.cancel()
    latencies.sort()
    return statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1]


def raw_ceiling(db_url: str, count: int = 40_000, batch: int = 1000) -> float:
    """Plain SQLAlchemy Core: the same alert and audit rows, committed in batches, same durability."""
    engine = make_engine(db_url)
    upgrade(engine)
    now = time.time()
    start = time.perf_counter()
    for first in range(0, count, batch):
        alerts = [Alert(id=i + 1, source="raw", category=Category.HAZMAT_VEHICLE, severity=Severity.MAJOR,
                        title=f"苏A{i:05d} 超速行驶", received_at=now, occurred_at=now, source_ref=f"raw-{i}",
                        lat=31.95, lon=118.8, address="龙华路100号", extra={"plate": f"苏A{i:05d}"})
                  for i in range(first, min(first + batch, count))]
        with engine.begin() as conn:
            conn.execute(insert(AlertRow.__table__), [alert_to_row(a) for a in alerts])
            conn.execute(insert(AuditRow.__table__), [
                {"alert_id": a.id, "at": now, "actor": "raw", "action": "create", "from_state": None,
                 "to_state": "new", "note": "", "data": {}} for a in alerts])
    rate = count / (time.perf_counter() - start)
    engine.dispose()
    return rate


def measure(db_url: str, tag: str) -> dict[str, float]:
    hub = HubProcess(db_url)
    try:
        figures = {
            f"ws_{tag}_per_s": asyncio.run(ws_stream(hub, WS_ALERTS, FRAME, f"{tag}-ws")),
            f"ws_single_{tag}_per_s": asyncio.run(ws_stream(hub, WS_ALERTS // 4, 1, f"{tag}-ws1")),
            f"http_{tag}_per_s": asyncio.run(http_posts(hub, HTTP_ALERTS, f"{tag}-http")),
        }
        if tag == "sqlite":
            p50, p99 = asyncio.run(delivery_latency(hub))
            figures.update(delivery_p50_ms=p50, delivery_p99_ms=p99)
        return figures
    finally:
        hub.stop()


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="hall-bench-"))
    os.environ["HALL_DATA_DIR"] = str(work)
    os.environ["HALL_SYSTEM_CONFIG"] = str(work / "none.toml")
    figures: dict[str, float] = {}
    figures["raw_sqlite_per_s"] = raw_ceiling(f"sqlite:///{work / 'raw.db'}")
    figures.update(measure(f"sqlite:///{work / 'hub.db'}", "sqlite"))
    # A durable PostgreSQL: fsync and synchronous commit on, as a hall would run it.
    cluster, stop = start_cluster(settings={"fsync": "on", "synchronous_commit": "on"})
    try:
        figures["raw_postgres_per_s"] = raw_ceiling(create_database(cluster, "raw"))
        figures.update(measure(create_database(cluster, "hub"), "postgres"))
    finally:
        stop()
    figures["ratio_ws_sqlite_to_raw"] = figures["ws_sqlite_per_s"] / figures["raw_sqlite_per_s"]
    figures["ws_frame_alerts"] = FRAME
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main()
