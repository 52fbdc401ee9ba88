"""The pixel layouts frames travel in, and the conversions between them.

A picture is a numpy uint8 array in one of these layouts:
  BGR    H x W x 3  (OpenCV's own; snapshots, calls)
  BGRX   H x W x 4  (what Qt paints as a plain copy: QImage.Format_RGB32)
  I420   H*3/2 x W  (a decoder's 4:2:0 picture in one block: the Y plane, then the U and V planes of
                     a quarter each; even W and H). A wall tile converts it while painting, straight
                     into the window: the reader hands over 12 bits a pixel instead of 32, and the
                     32-bit picture is written once, where it is shown, instead of twice.
The 4:2:0 pictures are BT.601 limited range (the only matrix OpenCV converts): readers send pictures
tagged otherwise as BGRX.
"""

from __future__ import annotations

import cv2
import numpy as np


def is_i420(image: np.ndarray) -> bool:
    return image.ndim == 2


def picture_size(image: np.ndarray) -> tuple[int, int]:
    """(width, height) of the picture in any layout."""
    height, width = image.shape[:2]
    return (width, height * 2 // 3) if image.ndim == 2 else (width, height)


def luma(image: np.ndarray) -> np.ndarray:
    """A grey view of the picture, not a copy: I420's Y plane, or the green channel of BGR(X)."""
    if image.ndim == 2:
        return image[: image.shape[0] * 2 // 3]
    return image[..., 1]


def i420_to_bgrx(image: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Converts an I420 block to BGRX (alpha 255), into ``out`` when given: an H x W x 4 array whose rows
    may be lines of a larger picture (a window's backing store)."""
    if out is None:
        return cv2.cvtColor(image, cv2.COLOR_YUV2BGRA_I420)
    # OpenCV writes into ``out`` only when it has exactly the right shape; otherwise it silently returns
    # a new array, and the pixels ``out`` stands for would keep whatever they held.
    if out.shape != (*picture_size(image)[::-1], 4):
        raise ValueError(f"cannot convert a {picture_size(image)} picture into {out.shape[1]}x{out.shape[0]} pixels")
    cv2.cvtColor(image, cv2.COLOR_YUV2BGRA_I420, dst=out)
    return out


def to_bgr(image: np.ndarray) -> np.ndarray:
    """The picture as contiguous BGR (itself when it is BGR already)."""
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_YUV2BGR_I420)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image
