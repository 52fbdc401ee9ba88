"""Video wall benchmark: a real RTSP server on loopback into an offscreen wall; prints ONE JSON line last.

Scenarios (each with the decode-only cost of the same streams measured in the same run, the ceiling:
the cheaper of PyAV's and OpenCV's plain readers decoding to full-size BGR pictures; decoding with no
conversion at all is reported too). Each scenario runs in rounds, the wall and its ceilings side by side
in alternating order; a ratio is the median of the rounds' ratios (each round's is listed):
  grid  16 x 640x360 25 fps H.264 sub-streams in a 4x4 wall of 1280x720 (tiles ~319x179)
  main  4 x 1280x720 25 fps main streams in a 2x2 wall of 1920x1080 (tiles ~959x539: pictures scaled by
        3/4 to 960x540, shown cropped)
  open  time from showing the 4x4 layout to all 16 tiles live (painted a frame)
  grid_aligned  the grid again with all 16 cameras sending their frames in the same millisecond (the worst
        case for 16 reader threads sharing one interpreter lock; its own ceilings measured the same way)
Cameras are independent: each is its own server process sending on its own phase of the frame period
(seeded, so every run has the same phases); real cameras' clocks run free, so their frames do not
arrive together.
Latency: glass-to-glass from the frame's send time (a counter burned into the picture, sent on the
server's timeline at the camera's phase) to the moment a tile paints it.
Run: .venv/bin/python bench/wall.py [--seconds 5] [--rounds 4]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import psutil  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.domain.geography import Camera  # noqa: E402
from media.capture.ffmpeg_options import rtsp_options  # noqa: E402
from media.capture.frame_code import code_line, read_code_line  # noqa: E402
from media.capture.frame_memory import keep_frame_buffers  # noqa: E402
from media.capture.nv12_scaler import single_threaded_opencv  # noqa: E402
from media.capture.sources import VideoSource, open_source  # noqa: E402
from media.frame_mailbox import Frame  # noqa: E402
from media.libyuv import LIBYUV  # noqa: E402
from media.rtsp_server import Content, RtspServer, encode  # noqa: E402
from ui.video.tile import VideoTile  # noqa: E402
from ui.video.wall import VideoWall  # noqa: E402

FRAMES = 250
PROC = psutil.Process()


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def cpu_seconds() -> float:
    t = PROC.cpu_times()
    return t.user + t.system


def gui_cpu_seconds() -> float:
    """CPU time of the GUI thread alone (the main thread's id is the process id on Linux)."""
    return next((t.user_time + t.system_time for t in PROC.threads() if t.id == PROC.pid), 0.0)


def percentile(ordered: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of an ascending list; NaN when it is empty."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


def wait(app: QApplication, seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


class OpenCvReader:
    """OpenCV's FFmpeg capture with the same low-latency options: the other way to decode to pictures."""

    _lock = threading.Lock()  # the options travel in an environment variable read at open

    def __init__(self, url: str) -> None:
        with self._lock:
            os.environ["OPENCV_FFMPEG_CAPTURE_OPTIONS"] = "|".join(f"{k};{v}" for k, v in rtsp_options().items())
            self._cap = cv2.VideoCapture(url, cv2.CAP_FFMPEG, [cv2.CAP_PROP_N_THREADS, 1])

    def read(self) -> object | None:
        ok, frame = self._cap.read()
        return frame if ok else None

    def grab(self) -> bool:
        return bool(self._cap.grab())

    def close(self) -> None:
        self._cap.release()


def decode_only(urls: list[str], seconds: float, how: str) -> dict[str, float]:
    """A ceiling: one plain reader thread per stream and nothing else. ``how``:
    picture  PyAV (what the wall reads with): decode, convert to a full-size BGR picture;
    opencv   OpenCV's capture: decode, convert to a full-size BGR picture;
    decode   PyAV: decode only, no conversion at all (no wall can show a picture this cheaply)."""
    counts = [0] * len(urls)
    started = [False] * len(urls)
    stop = threading.Event()
    measuring = threading.Event()

    def opener(url: str) -> OpenCvReader | VideoSource:
        return OpenCvReader(url) if how == "opencv" else open_source(url)

    def reader(i: int, url: str) -> None:
        src = opener(url)
        try:
            while not stop.is_set():
                ok = src.grab() if how == "decode" else src.read() is not None
                if not ok:  # reconnect, as the wall's readers would
                    src.close()
                    src = opener(url)
                    continue
                started[i] = True
                if measuring.is_set():
                    counts[i] += 1
        finally:
            src.close()

    threads = [threading.Thread(target=reader, args=(i, u), daemon=True) for i, u in enumerate(urls)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while not all(started) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    c0, t0 = cpu_seconds(), time.monotonic()
    measuring.set()
    time.sleep(seconds)
    measuring.clear()
    c1, t1 = cpu_seconds(), time.monotonic()
    stop.set()
    for t in threads:
        t.join(5)
    frames = sum(counts)
    return {"cpu_per_frame_ms": (c1 - c0) / max(1, frames) * 1000, "fps_min": min(counts) / (t1 - t0),
            "cores": (c1 - c0) / (t1 - t0)}


def measure_rounds(wall: Callable[[], dict[str, object]], urls: list[str], seconds: float, rounds: int,
                   name: str) -> dict[str, object]:
    """``rounds`` rounds of the wall and its ceilings side by side, their order alternating; a round's ratio
    compares the wall with the ceilings measured next to it. This machine's speed drifts (other guests on
    the host) by 10% and more within a minute: it moves a round's wall and ceilings together, and the
    median of the rounds' ratios leaves out a round the drift split."""
    ratios: dict[str, list[float]] = {"best": [], "picture": [], "decode": []}
    walls: list[dict[str, object]] = []
    ceils: list[dict[str, dict[str, float]]] = []
    for r in range(rounds):
        ceiling: dict[str, dict[str, float]] = {}
        order = ["ceilings", "wall"] if r % 2 == 0 else ["wall", "ceilings"]
        for step in order:
            if step == "wall":
                log(f"{name}: wall, round {r + 1}/{rounds}")
                walls.append(wall())
                log(f"  {walls[-1]}")
            else:
                for how in ("picture", "opencv", "decode"):
                    ceiling[how] = decode_only(urls, seconds, how)
                    log(f"{name}: ceiling ({how}), round {r + 1}/{rounds}: {ceiling[how]}")
        ceils.append(ceiling)
        wall_ms = float(walls[-1]["cpu_per_frame_ms"])  # type: ignore[arg-type]
        ratios["best"].append(wall_ms / min(ceiling[h]["cpu_per_frame_ms"] for h in ("picture", "opencv")))
        ratios["picture"].append(wall_ms / ceiling["picture"]["cpu_per_frame_ms"])
        ratios["decode"].append(wall_ms / ceiling["decode"]["cpu_per_frame_ms"])
    latencies = sorted(x for w in walls for x in w["latencies"])  # type: ignore[attr-defined]

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    return {
        "cpu_ratio": med(ratios["best"]),
        "cpu_ratio_rounds": [round(x, 3) for x in ratios["best"]],
        "cpu_ratio_same_reader": med(ratios["picture"]),
        "cpu_ratio_to_pure_decode": med(ratios["decode"]),
        "fps_per_tile_min": round(min(float(w["fps_min"]) for w in walls), 2),  # type: ignore[arg-type]
        "latency_p95_ms": round(percentile(latencies, 0.95), 1),
        "latency_p50_ms": round(percentile(latencies, 0.5), 1),
        "open_s": med([float(w["open_s"]) for w in walls]),  # type: ignore[arg-type]
        "open_s_max": round(max(float(w["open_s"]) for w in walls), 3),  # type: ignore[arg-type]
        "dropped": sum(int(w["dropped"]) for w in walls),  # type: ignore[call-overload]
        "cores": med([float(w["cores"]) for w in walls]),  # type: ignore[arg-type]
        "decode_only_cores": med([c["picture"]["cores"] for c in ceils]),
        "wall_ms_per_frame": med([float(w["cpu_per_frame_ms"]) for w in walls]),  # type: ignore[arg-type]
        "wall_gui_thread_ms_per_frame": med([float(w["gui_cpu_per_frame_ms"]) for w in walls]),  # type: ignore[arg-type]
        "ceiling_ms_per_frame": {h: med([c[h]["cpu_per_frame_ms"] for c in ceils]) for h in ("picture", "opencv", "decode")},
    }


def run_wall(app: QApplication, servers: dict[int, RtspServer], cameras: list[Camera], layout: str,
             size: tuple[int, int], seconds: float) -> dict[str, object]:
    """``servers`` by port: a painted frame's send time is on its camera's server's timeline."""
    wall = VideoWall(cameras, layout=layout)
    wall.resize(*size)
    # Each painted frame's paint time, its server and a copy of the line holding its burned counter: the
    # probe runs in every paint and counts as the wall's CPU, so it only copies; the counters are read after.
    painted_codes: list[tuple[float, RtspServer, np.ndarray]] = []
    measuring = [False]

    def probe_for(tile: VideoTile) -> Callable[[Frame], None]:
        server: list[RtspServer] = []  # the tile's camera's, found at its first painted frame

        def probe(frame: Frame) -> None:
            if measuring[0]:
                if not server:
                    server.append(servers[urlsplit(tile.url or "").port or 0])
                painted_codes.append((time.time(), server[0], code_line(frame.image).copy()))
        return probe

    for tile in wall.tiles:
        tile.paint_probe = probe_for(tile)
    start = time.monotonic()
    wall.show_cameras([c.id for c in cameras])
    wall.show()
    tiles = wall.visible_tiles()
    open_s = float("nan")
    deadline = start + 20
    history: list[str] = []  # each tile's state changes while opening, told when the opening was slow
    seen: dict[int, tuple[str, str]] = {}
    while time.monotonic() < deadline:
        wait(app, 0.02)
        for t in tiles:
            state = (t.state().value, t.stream.health.error if t.stream else "")
            if seen.get(t.index) != state:
                seen[t.index] = state
                history.append(f"{time.monotonic() - start:.2f}s tile {t.index}: {state[0]} {state[1]}".rstrip())
        if all(t.painted_frames > 0 for t in tiles):
            open_s = time.monotonic() - start
            break
    if not open_s < 2.0:
        log("  slow start, tile states while opening:\n    " + "\n    ".join(history))
    wait(app, 2.0)
    painted0 = [t.painted_frames for t in tiles]
    dropped0 = sum(t.stream.mailbox.dropped for t in tiles if t.stream)
    c0, g0, t0 = cpu_seconds(), gui_cpu_seconds(), time.monotonic()
    measuring[0] = True
    wait(app, seconds)
    measuring[0] = False
    c1, g1, t1 = cpu_seconds(), gui_cpu_seconds(), time.monotonic()
    painted = [t.painted_frames - p for t, p in zip(tiles, painted0, strict=True)]
    dropped = sum(t.stream.mailbox.dropped for t in tiles if t.stream) - dropped0
    wall.shutdown()
    wall.deleteLater()
    lat = sorted((now - server.send_time(read_code_line(line), FRAMES, now)) * 1000
                 for now, server, line in painted_codes)
    return {"open_s": open_s, "fps_min": min(painted) / (t1 - t0),
            "cpu_per_frame_ms": (c1 - c0) / max(1, sum(painted)) * 1000, "cores": (c1 - c0) / (t1 - t0),
            "gui_cpu_per_frame_ms": (g1 - g0) / max(1, sum(painted)) * 1000,
            "latency_p50_ms": percentile(lat, 0.5), "latency_p95_ms": percentile(lat, 0.95), "dropped": dropped,
            "latencies": lat}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0, help="each measurement's length")
    parser.add_argument("--rounds", type=int, default=4, help="rounds of wall and ceilings per scenario")
    parser.add_argument("--content", choices=["camera", "plain"], default="camera",
                        help="camera: detail + sensor noise at a camera's bit rates (sub 512 kb/s, main 2 Mb/s); "
                             "plain: the flat test picture (~150/300 kb/s), which decodes ~10x cheaper")
    args = parser.parse_args()
    log("encoding test content (cached after the first run)")
    camera = args.content == "camera"
    sub = encode(Content("bench", 640, 360, 25, FRAMES, camera_like=camera, bitrate_kbps=512 if camera else None))
    main_clip = encode(Content("bench", 1280, 720, 25, FRAMES, camera_like=camera,
                               bitrate_kbps=2048 if camera else None))
    rng = random.Random(2026)  # independent cameras: a phase each, the same in every run
    configs = [({"/sub": sub, "/main": main_clip}, rng.random()) for _ in range(16)]
    configs.append(({f"/aligned{i:02d}": sub for i in range(16)}, 0.0))  # all 16 in the same millisecond
    # As every capture stream does, so the ceilings' readers run with the same process settings.
    keep_frame_buffers()
    single_threaded_opencv()
    app = QApplication.instance() or QApplication(sys.argv)
    with ExitStack() as stack:
        # Started side by side (each takes ~0.5 s). Not concurrent.futures: bench/queue.py, next to this
        # script, shadows the standard library's queue module it imports.
        started = [RtspServer(mounts, phase=phase) for mounts, phase in configs]
        for server in started:
            stack.callback(server.stop)
        starters = [threading.Thread(target=server.start) for server in started]
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        servers = {s.port: s for s in started}
        grid_cams = [Camera(f"c{i:02d}", f"Camera {i:02d}", s.url("/main"), "t", s.url("/sub"))
                     for i, s in enumerate(started[:16])]
        main_cams = grid_cams[:4]
        def scenario(cams: list[Camera], layout: str, size: tuple[int, int], urls: list[str],
                     name: str) -> dict[str, object]:
            def wall() -> dict[str, object]:
                return run_wall(app, servers, cams, layout, size, args.seconds)
            return measure_rounds(wall, urls, args.seconds, args.rounds, name)

        grid = scenario(grid_cams, "16", (1280, 720), [c.sub_url or "" for c in grid_cams], "grid")
        main_wall = scenario(main_cams, "4", (1920, 1080), [c.url for c in main_cams], "main")
        aligned_server = started[16]
        aligned_cams = [Camera(f"a{i:02d}", f"Camera {i:02d}", aligned_server.url(f"/aligned{i:02d}"), "t",
                               aligned_server.url(f"/aligned{i:02d}")) for i in range(16)]
        aligned = scenario(aligned_cams, "16", (1280, 720), [c.sub_url or "" for c in aligned_cams],
                           "grid, aligned")

    def pick(prefix: str, figures: dict[str, object], *keys: str) -> dict[str, object]:
        return {f"{prefix}_{k}": figures[k] for k in keys}

    result: dict[str, object] = {
        # CPU per painted frame / CPU per frame of the cheapest reader that decodes to full-size pictures
        # (PyAV or OpenCV), the median of the rounds (each round's ratio listed); also against PyAV's
        # reader alone, and against decoding with no conversion at all.
        **pick("grid", grid, "fps_per_tile_min", "cpu_ratio", "cpu_ratio_rounds", "cpu_ratio_same_reader",
               "cpu_ratio_to_pure_decode", "latency_p95_ms", "latency_p50_ms", "cores", "decode_only_cores",
               "dropped"),
        **pick("main", main_wall, "fps_per_tile_min", "cpu_ratio", "cpu_ratio_rounds", "cpu_ratio_same_reader",
               "cpu_ratio_to_pure_decode", "latency_p95_ms", "cores", "decode_only_cores"),
        "open_16_s": grid["open_s"],
        "open_16_s_max": grid["open_s_max"],
        # All 16 cameras sending in the same millisecond: the worst case, not what independent cameras do.
        **pick("grid_aligned", aligned, "fps_per_tile_min", "cpu_ratio", "cpu_ratio_rounds",
               "cpu_ratio_same_reader", "latency_p95_ms", "wall_ms_per_frame", "ceiling_ms_per_frame"),
        "grid_aligned_open_16_s": aligned["open_s"],
        "content": args.content,
        # The pixel library the wall scaled and converted with (media/libyuv.py): libyuv, or OpenCV without it.
        "pixels": "libyuv" if LIBYUV is not None else "opencv",
        **pick("grid", grid, "wall_ms_per_frame", "wall_gui_thread_ms_per_frame", "ceiling_ms_per_frame"),
        **pick("main", main_wall, "wall_ms_per_frame", "wall_gui_thread_ms_per_frame", "ceiling_ms_per_frame"),
        # Other work on the machine inflates CPU per frame and latency: say how busy it was.
        "machine_load_1m": round(os.getloadavg()[0], 2),
        "cores": psutil.cpu_count(),
        "rounds": args.rounds,
        "seconds_per_measurement": args.seconds,
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
