"""The pixel layouts frames travel in, and the conversions between them.

A picture is a numpy uint8 array in one of these layouts:
  BGR    H x W x 3  (OpenCV's own; snapshots, calls)
  BGRX   H x W x 4  (what Qt paints as a plain copy: QImage.Format_RGB32)
  NV12   H*3/2 x W  (a 4:2:0 picture in one block: the Y plane, then H/2 lines of interleaved U and V
                     samples, one pair for every 2x2 pixels; even W and H). A wall tile converts it while
                     painting, straight into the window: the reader hands over 12 bits a pixel instead of
                     32, and the 32-bit picture is written once, where it is shown, instead of twice.
The 4:2:0 pictures are BT.601 limited range (the only matrix OpenCV converts): readers send pictures
tagged otherwise as BGRX.

Why NV12 and not I420 (three planes): its two planes are whole lines of the block, so any run of columns
is a view, and a conversion can be cut into runs (see SIMD_RUN).
"""

from __future__ import annotations

import cv2
import numpy as np

from media.libyuv import LIBYUV

# OpenCV converts 4:2:0 to RGB in runs of 64 pixels with SIMD, and what is left of each line one pixel at a
# time, about ten times slower. Measured here: a 958x538 picture took 0.52 ms, a 960x538 one 0.25 ms. The
# last 64 columns are converted once more as a run of their own (overlapping the body: the same pixels come
# out), so no pixel takes the slow path. (libyuv, when present, converts any width at full speed.)
SIMD_RUN = 64


def is_nv12(image: np.ndarray) -> bool:
    return image.ndim == 2


def picture_size(image: np.ndarray) -> tuple[int, int]:
    """(width, height) of the picture in any layout."""
    height, width = image.shape[:2]
    return (width, height * 2 // 3) if image.ndim == 2 else (width, height)


def luma(image: np.ndarray) -> np.ndarray:
    """A grey view of the picture, not a copy: NV12's Y plane, or the green channel of BGR(X)."""
    if image.ndim == 2:
        return image[: image.shape[0] * 2 // 3]
    return image[..., 1]


def nv12_planes(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Views of an NV12 block's planes: Y (H x W) and the chroma pairs (H/2 x W/2 x 2, U then V)."""
    width, height = picture_size(image)
    return image[:height], image[height:].reshape(height // 2, width // 2, 2)


def nv12_from_planes(y: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """One NV12 block of three planes (Y of even size, U and V of half its size; any line strides)."""
    height, width = y.shape
    block = np.empty((height * 3 // 2, width), np.uint8)
    block_y, block_uv = nv12_planes(block)
    np.copyto(block_y, y)
    cv2.merge([u, v], dst=block_uv)
    return block


def nv12_to_bgrx(image: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Converts an NV12 block to BGRX (alpha 255), into ``out`` when given: an H x W x 4 array whose rows
    may be lines of a larger picture (a window's backing store)."""
    width, height = picture_size(image)
    if out is None:
        out = np.empty((height, width, 4), np.uint8)
    elif out.shape != (height, width, 4):
        # OpenCV writes into ``out`` only when it has exactly the right shape; otherwise it silently returns
        # a new array, and the pixels ``out`` stands for would keep whatever they held.
        raise ValueError(f"cannot convert a {width}x{height} picture into {out.shape[1]}x{out.shape[0]} pixels")
    Nv12Into(out)(image)
    return out


class Nv12Into:
    """Converts NV12 blocks of one size into one place, again and again: a wall tile converting each frame
    into its window's pixels. The place's views (or addresses) are worked out once, so a frame costs one
    library call (the tile's Python work a frame was as long as the conversion's own setting-up).

    The place may be smaller than the blocks: ``crop`` (even x, y) is where in the block its top-left
    pixel comes from (a picture scaled a little larger than its tile, shown cropped)."""

    def __init__(self, out: np.ndarray, block_size: tuple[int, int] | None = None,
                 crop: tuple[int, int] = (0, 0)) -> None:
        """``out``: H x W x 4 pixels, pixels contiguous (any line stride); ``block_size``: (width, height)
        of the blocks to come, ``out``'s size when None."""
        height, width = out.shape[:2]
        block_w, block_h = block_size or (width, height)
        x, y = crop
        if x & 1 or y & 1 or width & 1 or height & 1 or x + width > block_w or y + height > block_h:
            raise ValueError(f"cannot convert {width}x{height} pixels at {crop} of a {block_w}x{block_h} picture")
        if out.strides[1:] != (4, 1):
            raise ValueError("the place's pixels must be contiguous within its lines")
        self._block_shape = (block_h * 3 // 2, block_w)
        if LIBYUV is not None:
            # Byte offsets in the block of the first Y and the first U-V pair; the place; its size.
            self._yuv = (y * block_w + x, (block_h + y // 2) * block_w + x, (out.ctypes.data, out.strides[0]),
                         (width, height))
            return
        self._yuv = None
        self._rows = slice(y, y + height)
        self._pair_rows = slice(block_h + y // 2, block_h + (y + height) // 2)
        body = width - width % SIMD_RUN
        if body in (0, width):
            self._runs = [(slice(x, x + width), out)]
        else:
            tail = width - SIMD_RUN  # even, as the chroma pairs need
            self._runs = [(slice(x, x + body), out[:, :body]), (slice(x + tail, x + width), out[:, tail:])]

    def __call__(self, image: np.ndarray) -> None:
        """Converts ``image`` (an NV12 block of the size given) into the place."""
        if image.shape != self._block_shape or not image.flags.c_contiguous:
            raise ValueError(f"expected a contiguous NV12 block of shape {self._block_shape}, got {image.shape}")
        if self._yuv is not None:
            y_at, uv_at, out, size = self._yuv
            base, stride = image.ctypes.data, self._block_shape[1]
            LIBYUV.nv12_to_bgrx((base + y_at, stride), (base + uv_at, stride), out, size)
            return
        y = image[self._rows]
        uv = image[self._pair_rows].reshape(y.shape[0] // 2, -1, 2)
        for columns, out in self._runs:
            cv2.cvtColorTwoPlane(y[:, columns], uv[:, columns.start // 2:columns.stop // 2],
                                 cv2.COLOR_YUV2BGRA_NV12, dst=out)


def to_bgr(image: np.ndarray) -> np.ndarray:
    """The picture as contiguous BGR (itself when it is BGR already)."""
    if image.ndim == 2:
        return cv2.cvtColorTwoPlane(*nv12_planes(image), cv2.COLOR_YUV2BGR_NV12)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image
