"""Scaling a decoded 4:2:0 picture to a tile, as an NV12 block (media/picture.py) the tile converts while
painting. By the reductions libyuv has its own routines for (3/4, 3/8, 1/2, 1/4: see media/libyuv.py) libyuv
scales the planes; OpenCV scales them by any other ratio.

Why: measured here right after decoding (the reader's case), swscale's scaled conversion of 720p to a
960x540 tile took 1.0 ms a frame, OpenCV resizing the three planes and then converting the small picture
0.53 ms; 360p to 320x180: 0.12 against 0.06 ms. Handing the tile the scaled 4:2:0 picture instead of
converting it here saved another 0.4 ms a frame on a 2x2 wall of 720p (4.0 -> 3.6 ms): 12 bits a pixel
cross between the threads instead of 32, and the 32-bit picture is written once, into the window.
swscale for the planes' scaling measured no cheaper in the wall (0.72 ms either way). OpenCV only
converts BT.601 limited-range YUV, so pictures tagged anything else (BT.709, full range) stay with
swscale, which honours the tags; untagged pictures are BT.601 limited range for swscale too.
"""

from __future__ import annotations

import cv2
import numpy as np
from av.video.frame import VideoFrame

from media.capture.bgr_source import resize_interpolation
from media.libyuv import LIBYUV, is_fast_reduction
from media.picture import nv12_from_planes, nv12_planes, nv12_to_bgrx


def single_threaded_opencv() -> None:
    """Makes OpenCV work on the calling thread only. Every reader is a thread of its own already; OpenCV's
    pool woke its threads for each resize and conversion of a picture (measured on a 2x2 wall of 720p:
    4.0 -> 3.8 ms a frame, fewer thread switches). Process-wide, idempotent."""
    if cv2.getNumThreads() != 1:
        cv2.setNumThreads(1)


# FFmpeg's AVColorSpace values read as BT.601 (2 = unspecified: swscale's default is BT.601 too).
BT601_LIKE = frozenset({2, 5, 6})  # unspecified, BT470BG, SMPTE170M
FULL_RANGE = 2  # AVCOL_RANGE_JPEG


def accepts(frame: VideoFrame) -> bool:
    """True for an untagged or BT.601, limited-range yuv420p picture of even size."""
    return (frame.format.name == "yuv420p" and frame.color_range != FULL_RANGE
            and frame.colorspace in BT601_LIKE and not (frame.width | frame.height) & 1)


def even_size(width: int, height: int) -> tuple[int, int]:
    """The size a picture for (width, height) gets: 4:2:0 needs both even. Rounded down, so the picture
    never outgrows what it was scaled for (a tile shows a line of black instead of cropping one)."""
    return max(2, width & ~1), max(2, height & ~1)


def scale_nv12(frame: VideoFrame, width: int, height: int) -> np.ndarray:
    """``frame`` (see ``accepts``) scaled to (width, height) as a new NV12 block of even size."""
    width, height = even_size(width, height)
    source = (frame.width, frame.height)
    if source == (width, height):
        return nv12_from_planes(*_planes(frame))
    block = np.empty((height * 3 // 2, width), np.uint8)
    block_y, block_uv = nv12_planes(block)
    # U and V are scaled one plane at a time, then interleaved (cheaper than interleaving the larger source
    # planes and scaling once).
    u, v = chroma = np.empty((2, height // 2, width // 2), np.uint8)
    if LIBYUV is not None and is_fast_reduction(source, (width, height)):
        at, half = chroma.ctypes.data, width // 2
        LIBYUV.scale_i420(_plane_addresses(frame), source,
                          ((block.ctypes.data, width), (at, half), (at + u.size, half)), (width, height))
    else:
        interpolation = resize_interpolation(source, (width, height))
        for plane, out in zip(_planes(frame), (block_y, u, v), strict=True):
            cv2.resize(plane, (out.shape[1], out.shape[0]), dst=out, interpolation=interpolation)
    cv2.merge((u, v), dst=block_uv)
    return block


def scale_to_bgrx(frame: VideoFrame, width: int, height: int) -> np.ndarray:
    """``frame`` (see ``accepts``) scaled to (width, height), even, as a new BGRX picture: for the small
    pictures a reader converts itself."""
    width, height = even_size(width, height)
    source = (frame.width, frame.height)
    if LIBYUV is None or not is_fast_reduction(source, (width, height)):
        return nv12_to_bgrx(scale_nv12(frame, width, height))
    # Two libyuv calls: for a small picture the Python between more steps cost more than their pixels
    # (measured: 56 -> 30 us a 320x180 picture).
    area, half = width * height, width // 2
    scaled = np.empty(area * 3 // 2, np.uint8)  # Y, U, V one after the other
    at = scaled.ctypes.data
    planes = ((at, width), (at + area, half), (at + area + area // 4, half))
    LIBYUV.scale_i420(_plane_addresses(frame), source, planes, (width, height))
    out = np.empty((height, width, 4), np.uint8)
    LIBYUV.i420_to_bgrx(planes, (out.ctypes.data, width * 4), (width, height))
    return out


def _plane_addresses(frame: VideoFrame) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """The decoded picture's planes (Y, U, V) for libyuv: addresses and line strides. Valid while ``frame``
    lives (the caller holds it)."""
    y, u, v = frame.planes
    return (y.buffer_ptr, y.line_size), (u.buffer_ptr, u.line_size), (v.buffer_ptr, v.line_size)


def _planes(frame: VideoFrame) -> list[np.ndarray]:
    """Views of the decoded picture's planes (Y, U, V), without their line padding."""
    return [np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)[:plane.height, :plane.width]
            for plane in frame.planes]
