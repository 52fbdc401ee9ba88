"""Snapshot encoding: a BGR frame to PNG bytes (evidence attached to an alert)."""

from __future__ import annotations

import cv2
import numpy as np


def png_bytes(frame: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".png", frame, [cv2.IMWRITE_PNG_COMPRESSION, 3])
    if not ok:
        raise ValueError("could not encode the frame as PNG")
    return buf.tobytes()
