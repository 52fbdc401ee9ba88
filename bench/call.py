"""Call benchmark on loopback: a console (this process: aiortc + an offscreen Qt view painting the remote
video) calls an aiortc town desk (a child process) through a real hub.

Measures: "call" -> ringing heard back at the console (ring_ms); answer -> first remote frame painted
(first_frame_ms); one-way latency p50/p95 from a counter and a send time burned into each 1280x720
frame and read back on receipt (both ways); frames per second held both ways; CPU of each side.
The last line printed is one JSON object.

    .venv/bin/python bench/call.py [--seconds 10] [--width 1280 --height 720 --fps 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/ holds scripts whose names shadow the standard library (bench/queue.py): keep it off the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 1)


# ---- the town side (child process) ---------------------------------------------------------------------
def town_main(hub_url: str, token: str, width: int, height: int, fps: int) -> None:
    import psutil

    from media.town_endpoint import TownEndpoint
    from media.webrtc.config import MediaConfig

    async def run() -> None:
        done = asyncio.Event()
        frame_times: list[float] = []
        town = TownEndpoint(hub_url, token, auto_answer_delay_s=0.2, label="town",
                            config=MediaConfig(width=width, height=height, fps=fps),
                            burn_counter=True, read_counter=True,
                            on_frame=lambda img: frame_times.append(time.monotonic()),
                            on_event=lambda name, data: done.set() if name in ("ended", "taken") else None)
        await town.start()
        print(json.dumps({"ready": True}), flush=True)
        proc = psutil.Process()
        await until_media(town)
        media = town.media
        await asyncio.sleep(2.0)  # warm-up
        proc.cpu_percent(None)
        n0, t0, lat0 = len(frame_times), time.monotonic(), len(media.latencies_ms)
        await done.wait()
        t1, n1 = time.monotonic(), len(frame_times)
        cpu = proc.cpu_percent(None)
        lat = media.latencies_ms[lat0:]
        print(json.dumps({"fps_in": round((n1 - n0) / (t1 - t0), 1), "latency_p50_ms": pct(lat, 0.5),
                          "latency_p95_ms": pct(lat, 0.95), "cpu_percent": round(cpu, 1),
                          "frames_out": media.frames_out}), flush=True)
        await town.stop()

    async def until_media(town: TownEndpoint) -> None:
        while town.media is None or town.media.frames_in == 0:
            await asyncio.sleep(0.01)

    asyncio.run(run())


# ---- the console side ----------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=720)
    ap.add_argument("--fps", type=int, default=30)
    ap.add_argument("--town", nargs=2, metavar=("HUB_URL", "TOKEN"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.town:
        town_main(args.town[0], args.town[1], args.width, args.height, args.fps)
        return

    import psutil
    from PySide6.QtWidgets import QApplication

    from console.config import HubConfig
    from console.hub.hub import Hub
    from console.hub.server import EmbeddedHub
    from media.frame_mailbox import FrameMailbox
    from media.webrtc.config import MediaConfig
    from media.webrtc.loop_thread import LoopThread
    from media.webrtc.outgoing import OutgoingCall
    from media.webrtc.signaling import WsSignaling
    from media.webrtc.sources import SwitchableSource, SyntheticSource
    from ui.call.video_view import VideoView

    app = QApplication.instance() or QApplication([])
    tmp = tempfile.mkdtemp(prefix="bench-call-")
    hub = Hub(HubConfig(host="127.0.0.1", port=0, database_url=f"sqlite:///{tmp}/hub.db",
                        sqlite_synchronous="NORMAL"))
    embedded = EmbeddedHub(hub).start()
    hub.auth.add_operator("bench", "bench-pw")
    token = hub.auth.add_town_token("bench-desk", "lh")

    town = subprocess.Popen([sys.executable, __file__, "--town", embedded.http_url, token, "--width",
                             str(args.width), "--height", str(args.height), "--fps", str(args.fps)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert json.loads(town.stdout.readline()).get("ready"), "the town desk did not start"

    lt = LoopThread("bench-call")
    mailbox = FrameMailbox()
    first_paint: list[float] = []

    class View(VideoView):
        def paintEvent(self, event):  # noqa: N802 - Qt's name
            super().paintEvent(event)
            if self.painted and not first_paint:
                first_paint.append(time.monotonic())

    view = View(mailbox, poll_hz=100)
    view.resize(960, 540)
    view.show()

    presence: dict[str, str] = {}
    call_box: list[OutgoingCall] = []

    async def on_msg(msg: dict) -> None:
        if msg.get("type") == "presence.update":
            presence[msg["town"]] = msg["status"]
        elif msg.get("type") == "presence.snapshot":
            presence.update({t: v["status"] for t, v in msg["towns"].items()})
        if call_box and str(msg.get("type", "")).startswith("call."):
            await call_box[0].on_message(msg)

    link = WsSignaling(embedded.ws_url + "/ws/console", {"type": "auth", "user": "bench", "password": "bench-pw"},
                       on_msg)
    lt.call(link.connect())

    def pump(until: float, pred=lambda: False) -> None:
        while time.monotonic() < until and not pred():
            app.processEvents()
            time.sleep(0.002)

    pump(time.monotonic() + 10, lambda: presence.get("lh") == "online")
    cfg = MediaConfig(width=args.width, height=args.height, fps=args.fps)
    call = OutgoingCall(link, cfg, SwitchableSource(SyntheticSource(args.width, args.height, "hall"),
                                                    args.width, args.height),
                        burn_counter=True, read_counter=True, on_frame=lambda img: mailbox.put(img))
    call_box.append(call)
    lt.call(call.invite("lh", {"id": 1, "title": "bench"}))
    pump(time.monotonic() + 15, lambda: bool(first_paint))
    if not first_paint:
        raise SystemExit(f"no remote frame painted: {call.times}, end={call.end_reason}")
    pump(time.monotonic() + 2.0)  # warm-up
    proc = psutil.Process()
    proc.cpu_percent(None)
    n0, lat0, t0, painted0 = call.media.frames_in, len(call.media.latencies_ms), time.monotonic(), view.painted
    pump(t0 + args.seconds)
    t1 = time.monotonic()
    cpu = proc.cpu_percent(None)
    fps_in = (call.media.frames_in - n0) / (t1 - t0)
    painted_fps = (view.painted - painted0) / (t1 - t0)
    lat = call.media.latencies_ms[lat0:]
    lt.call(call.hangup())
    town_line = json.loads(town.stdout.readline() or "{}")
    town.wait(10)
    lt.call(link.close())
    lt.stop()
    embedded.stop()

    t = call.times
    result = {
        "ring_ms": round((t["ringing"] - t["invite"]) * 1000, 1),
        "first_frame_ms": round((first_paint[0] - t["answered"]) * 1000, 1),
        "latency_p50_ms": pct(lat, 0.5),
        "latency_p95_ms": pct(lat, 0.95),
        "fps_to_town": town_line.get("fps_in"),
        "fps_to_console": round(fps_in, 1),
        "fps_painted_console": round(painted_fps, 1),
        "cpu_percent": round(cpu, 1),
        "cpu_percent_town": town_line.get("cpu_percent"),
        "latency_to_town_p50_ms": town_line.get("latency_p50_ms"),
        "latency_to_town_p95_ms": town_line.get("latency_p95_ms"),
        "resolution": f"{args.width}x{args.height}@{args.fps}",
        "seconds": args.seconds,
        "cores": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),  # other work on the machine skews every figure
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
