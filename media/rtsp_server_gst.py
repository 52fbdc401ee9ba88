"""The RTSP server process: GStreamer's RTSP server packetizing pre-encoded H.264 files in a loop.

Run by Debian's /usr/bin/python3 (python3-gi is not in the project's venv), never imported by the app:
    /usr/bin/python3 media/rtsp_server_gst.py '{"port": 8554, "fps": 25, "mounts": {"/cam01": "a.h264"}}'
Prints one JSON line {"port": ..., "t0": ...} when it listens. Every mount follows one global timeline:
access unit i of a file is sent at t0 + (k * frames + i + phase) / fps (wall clock), so a client that reads
the frame counter burned into the picture knows when that frame was sent. ``phase`` (a fraction of a frame
period, default 0) shifts the whole timeline: independent cameras are one server each, each its own
phase.
The files are Annex B H.264 with an access unit delimiter before each frame (x264 aud=1).
"""

import json
import os
import signal
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

AUD = b"\x00\x00\x00\x01\x09"


def split_access_units(data):
    starts = []
    i = data.find(AUD)
    while i >= 0:
        starts.append(i)
        i = data.find(AUD, i + 1)
    starts.append(len(data))
    return [data[a:b] for a, b in zip(starts, starts[1:], strict=False) if b > a]


def is_idr(au):
    i = 0
    while True:
        i = au.find(b"\x00\x00\x01", i)
        if i < 0 or i + 3 >= len(au):
            return False
        if au[i + 3] & 0x1F == 5:
            return True
        i += 3


class Mount:
    def __init__(self, path, data):
        self.path = path
        self.units = split_access_units(data)
        self.idr = [is_idr(u) for u in self.units]
        self.src = None  # the appsrc of the live shared media, if a client is watching
        self.need_idr = True


def exit_with_parent():
    """The parent holds our stdin open: when it dies (even killed), stdin ends and so do we."""
    sys.stdin.read()
    os._exit(0)


class Server:
    def __init__(self, config):
        Gst.init(None)
        self.fps = float(config.get("fps", 25))
        self.mounts = {}
        self.lock = threading.Lock()
        self.server = GstRtspServer.RTSPServer()
        self.server.set_address(config.get("address", "127.0.0.1"))
        self.server.set_service(str(config.get("port", 0)))
        points = self.server.get_mount_points()
        self.phase = float(config.get("phase", 0.0)) % 1.0
        for path, filename in config["mounts"].items():
            with open(filename, "rb") as f:
                mount = Mount(path, f.read())
            self.mounts[path] = mount
            factory = GstRtspServer.RTSPMediaFactory()
            factory.set_launch(
                "( appsrc name=src is-live=true format=time do-timestamp=true "
                "caps=video/x-h264,stream-format=byte-stream,alignment=au "
                "! h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1 )")
            factory.set_shared(True)
            factory.set_latency(0)
            factory.connect("media-configure", self.on_media_configure, mount)
            points.add_factory(path, factory)
        self.t0 = float(int(time.time()))

    def on_media_configure(self, factory, media, mount):
        src = media.get_element().get_child_by_name("src")
        with self.lock:
            mount.src = src
            mount.need_idr = True
        media.connect("unprepared", self.on_unprepared, mount, src)

    def on_unprepared(self, media, mount, src):
        with self.lock:
            if mount.src is src:
                mount.src = None

    def feed(self):
        """One thread paces every mount on the shared timeline."""
        n = max(0, int((time.time() - self.t0) * self.fps - self.phase))
        while True:
            due = self.t0 + (n + self.phase) / self.fps
            delay = due - time.time()
            if delay > 0:
                time.sleep(delay)
            elif delay < -1.0:  # fell far behind (suspended): jump to now
                n = int((time.time() - self.t0) * self.fps - self.phase)
                continue
            with self.lock:
                live = [(m, m.src) for m in self.mounts.values() if m.src is not None]
            for mount, src in live:
                i = n % len(mount.units)
                if mount.need_idr and src.get_state(0)[1] != Gst.State.PLAYING:
                    # Not yet: do-timestamp stamps a buffer with the pipeline's running time, which before
                    # PLAYING is the clock's absolute time (hours); the sink then holds the stream until
                    # that time comes. Seen here: ~1 in 300 new clients got no video at all.
                    continue
                if mount.need_idr:
                    # A new client: send at once from the last keyframe up to now, so it can decode
                    # (and the server can describe the stream) without waiting for the next keyframe.
                    mount.need_idr = False
                    k = i
                    while not mount.idr[k % len(mount.units)] and i - k < len(mount.units):
                        k -= 1
                    for j in range(k, i):
                        src.emit("push-buffer", Gst.Buffer.new_wrapped(mount.units[j % len(mount.units)]))
                src.emit("push-buffer", Gst.Buffer.new_wrapped(mount.units[i]))
            n += 1

    def run(self):
        self.server.attach(None)
        threading.Thread(target=self.feed, daemon=True).start()
        threading.Thread(target=exit_with_parent, daemon=True).start()
        print(json.dumps({"port": self.server.get_bound_port(), "t0": self.t0}), flush=True)
        loop = GLib.MainLoop()
        signal.signal(signal.SIGTERM, lambda *_: loop.quit())
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
        loop.run()


if __name__ == "__main__":
    Server(json.loads(sys.argv[1])).run()
