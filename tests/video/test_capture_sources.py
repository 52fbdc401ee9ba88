"""The other real sources (HTTP MJPEG with ffmpeg as the camera's web server, a looping video file) and how
a file's pictures are scaled and converted for a tile."""

from __future__ import annotations

import socket
import subprocess
import time
from functools import partial
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from media.capture import (
    CaptureStream,
    StreamState,
    fit_size,
    fits_cropped,
    nv12_scaler,
    open_source,
    scaled_size,
)
from media.capture.frame_code import read_code
from media.capture.nv12_scaler import scale_nv12, scale_to_bgrx
from media.picture import is_nv12, nv12_to_bgrx, picture_size, to_bgr
from media.rtsp_server import Content, encode
from tests.video.conftest import FAST_HEALTH, Clips
from tests.video.helpers import collect, wait_for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_http_mjpeg_camera(clips: Clips) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/cam.mjpg"
    server = subprocess.Popen(["ffmpeg", "-loglevel", "error", "-re", "-stream_loop", "-1", "-f", "h264",
                               "-i", str(clips.sub), "-c:v", "mjpeg", "-q:v", "6", "-f", "mpjpeg",
                               "-listen", "1", url])
    stream = CaptureStream(url, target_size=(320, 180), config=FAST_HEALTH)
    try:
        time.sleep(0.3)
        stream.start()
        wait_for(lambda: stream.state() is StreamState.LIVE, 8, "live")
        frames = collect(stream, 1.0)
        assert len(frames) >= 15 and frames[-1].source_size == (640, 360)
        assert frames[-1].image.shape == (180, 320, 3)
        server.kill()  # the camera goes away
        wait_for(lambda: stream.state() is StreamState.OFFLINE, 8, "offline")
    finally:
        server.kill()
        server.wait()
        stream.stop()
        assert stream.join(5)


def test_video_file_plays_at_its_rate_and_loops(tmp_path: Path) -> None:
    clip = encode(Content("loop", 320, 180, 25, 25))  # one second
    mp4 = tmp_path / "loop.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "h264", "-r", "25", "-i", str(clip), "-c", "copy",
                    str(mp4)], check=True)
    stream = CaptureStream(f"file://{mp4}", config=FAST_HEALTH).start()
    try:
        wait_for(lambda: stream.state() is StreamState.LIVE, 5, "live")
        frames = collect(stream, 2.5)
        counters = [read_code(f.image) for f in frames]
        assert 35 <= len(frames) <= 70  # paced at 25 fps (62 in 2.5 s), not as fast as it decodes
        assert max(counters) == 24 and counters.count(0) >= 2  # came round to the start again
        assert stream.state() is StreamState.LIVE
    finally:
        stream.stop()
        assert stream.join(5)
    missing = CaptureStream(str(tmp_path / "nope.mp4"), config=FAST_HEALTH).start()
    try:
        wait_for(lambda: missing.state() is StreamState.OFFLINE, 5, "offline")
        assert "no such video file" in missing.health.error
    finally:
        missing.stop()
        missing.join(5)


def tagged(clip: Path, out: Path, *, matrix: int) -> Path:
    """A copy of an H.264 clip whose stream says it uses colour matrix ``matrix`` (1 = BT.709); no re-encode."""
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(clip), "-c", "copy", "-bsf:v",
                    f"h264_metadata=colour_primaries={matrix}:transfer_characteristics={matrix}:"
                    f"matrix_coefficients={matrix}", "-f", "h264", str(out)], check=True)
    return out


def test_tile_pictures_are_contiguous_and_keep_the_colours_the_stream_names(clips: Clips, tmp_path: Path) -> None:
    # A 2x2 wall on a 1920x1080 screen has 959x539 tiles: 720p fits them at 958x539.
    fit = partial(scaled_size, target=(959, 539))
    untagged = open_source(str(clips.main))
    hd = open_source(str(tagged(clips.main, tmp_path / "bt709.h264", matrix=1)))
    try:
        got, got_hd = untagged.read_scaled(fit, True, True), hd.read_scaled(fit, True, True)
        assert got is not None and got_hd is not None
        (image, size), (image_hd, size_hd) = got, got_hd
        assert size == size_hd == (1280, 720)
        # 4:2:0 scaled by 3/4 (libyuv's own routine, far cheaper than the exact fit), handed over as NV12
        # for the tile to convert while painting: a pixel larger than the tile each way, shown cropped.
        assert is_nv12(image) and picture_size(image) == (960, 540) and image.flags.c_contiguous
        assert fits_cropped((960, 540), (959, 539))
        # A BT.709 stream goes through swscale to BGRX at the same size.
        assert image_hd.shape == (540, 960, 4) and image_hd.flags.c_contiguous
        # The same pixels read as BT.709 are another colour than read as BT.601 (the green test picture
        # shifts by several levels): the tag was honoured, not ignored.
        centre = (slice(200, 340), slice(400, 560))
        bgr = to_bgr(image)
        shift = np.abs(image_hd[centre][..., :3].astype(int).mean((0, 1)) - bgr[centre].astype(int).mean((0, 1)))
        assert shift.max() > 4, shift
        # A height whose half is odd (662: the chroma planes are 331 lines) still scales.
        odd = untagged.read_scaled(partial(scaled_size, target=(1177, 662)), True, True)
        assert odd is not None and picture_size(odd[0]) == (1176, 662)
        assert abs(to_bgr(odd[0])[300:360, 500:600].astype(int).mean() - bgr[245:295, 408:489].astype(int).mean()) < 8
        # A small picture (a 4x4 grid's tile) is converted by the reader: it stays in the caches.
        small = untagged.read_scaled(partial(scaled_size, target=(320, 180)), True, True)
        assert small is not None and small[0].shape == (180, 320, 4) and small[0].flags.c_contiguous
        # A tile that cannot convert 4:2:0 itself (a scaled high-DPI screen) gets BGRX.
        bgrx = untagged.read_scaled(fit, True)
        assert bgrx is not None and bgrx[0].shape == (540, 960, 4) and bgrx[0].flags.c_contiguous
        # Same size as the source: handed over as decoded, never scaled.
        full = untagged.read_scaled(None, True, True)
        assert full is not None and picture_size(full[0]) == (1280, 720) and is_nv12(full[0])
    finally:
        untagged.close()
        hd.close()


def test_cheap_reductions_scale_like_an_area_average_with_or_without_libyuv(clips: Clips,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # make test installs Debian's libyuv0: the wall's fast path is what is tested here, never skipped.
    assert nv12_scaler.LIBYUV is not None, "libyuv0 is missing: run scripts/system-deps.sh"
    container = av.open(str(clips.main), format="h264")
    try:
        frame = next(container.decode(video=0))
    finally:
        container.close()
    full = frame.to_ndarray(format="bgr24")
    for size in ((960, 540), (480, 270), (640, 360), (320, 180)):
        # The reference: an area average of the full picture (the best a reduction can look).
        reference = cv2.resize(full, size, interpolation=cv2.INTER_AREA)
        fast = to_bgr(scale_nv12(frame, *size))
        with monkeypatch.context() as m:
            m.setattr(nv12_scaler, "LIBYUV", None)  # a machine without libyuv: OpenCV scales
            fallback = to_bgr(scale_nv12(frame, *size))
        assert picture_size(fast) == picture_size(fallback) == size
        # Measured: 38-46 dB either way (a wrong plane, offset or stride falls far below 30).
        assert cv2.PSNR(fast, reference) > 35 and cv2.PSNR(fast, reference) > cv2.PSNR(fallback, reference) - 2, size
        assert cv2.PSNR(fallback, reference) > 35, size
    # Any other size: OpenCV, either way.
    assert picture_size(scale_nv12(frame, 958, 538)) == (958, 538)
    # A small picture the reader converts itself goes from the decoder's planes to BGRX in one step: the
    # same picture as through NV12 (and OpenCV's conversion: within its rounding).
    for size in ((320, 180), (640, 360), (958, 538)):
        one_step = scale_to_bgrx(frame, *size)
        assert one_step.shape == (size[1], size[0], 4) and (one_step[..., 3] == 255).all()
        assert np.abs(one_step.astype(int) - nv12_to_bgrx(scale_nv12(frame, *size))).max() <= 2, size


def test_a_reader_picks_a_cheap_exact_reduction_when_it_is_within_4_percent_of_the_fit() -> None:
    # (source, tile) -> the picture the reader scales to (the tile shows its middle when it is larger)
    cases = {
        ((1280, 720), (959, 539)): (960, 540),  # 3/4: a 2x2 wall of main streams on 1920x1080
        ((1280, 720), (958, 538)): (960, 540),
        ((640, 360), (319, 179)): (320, 180),  # 1/2: a 4x4 grid of sub-streams on 1280x720
        ((640, 360), (479, 269)): (480, 270),  # 3/4 of a sub-stream
        ((1280, 720), (479, 269)): (480, 270),  # 3/8
        ((1280, 720), (1920, 1080)): (1920, 1080),  # enlarged: the exact fit
        ((1280, 720), (1177, 662)): (1177, 662),  # no cheap ratio near 0.92: the exact fit
        ((640, 360), (239, 134)): (238, 134),  # 3/8 of 640x360 is 240x135: odd, not 4:2:0, so the fit
        ((1280, 720), (640, 360)): (640, 360),
    }
    for (source, tile), expected in cases.items():
        got = scaled_size(source, tile)
        assert got == expected, (source, tile, got)
        assert got == fit_size(source, tile) or fits_cropped(got, tile), (source, tile, got)
