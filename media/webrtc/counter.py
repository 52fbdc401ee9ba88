"""A frame counter and a send time burned into the picture as big black/white blocks, read back on receipt.

Blocks survive VP8/H.264 at call bitrates; a 4-bit checksum per row rejects misreads.
Row 0: 16-bit frame counter. Row 1: 24-bit wall clock in ms (same machine: one-way latency).
"""

from __future__ import annotations

import time

import numpy as np

COUNTER_BITS = 16
TIME_BITS = 24
CHECK_BITS = 4


def _block(width: int) -> int:
    return max(8, width // 40)


def _bits(value: int, n: int) -> list[int]:
    return [(value >> i) & 1 for i in range(n)]


def _check(value: int) -> int:
    return bin(value).count("1") % (1 << CHECK_BITS)


def now_ms24() -> int:
    return int(time.time() * 1000) % (1 << TIME_BITS)


def burn(img: np.ndarray, counter: int, stamp_ms: int | None = None) -> None:
    """Writes the counter (and the send time) into the top-left corner of a BGR frame, in place."""
    b = _block(img.shape[1])
    stamp_ms = now_ms24() if stamp_ms is None else stamp_ms
    rows = [
        (counter % (1 << COUNTER_BITS), COUNTER_BITS),
        (stamp_ms % (1 << TIME_BITS), TIME_BITS),
    ]
    for r, (value, n) in enumerate(rows):
        bits = _bits(value, n) + _bits(_check(value), CHECK_BITS)
        y = r * b
        for i, bit in enumerate(bits):
            img[y:y + b, i * b:(i + 1) * b] = 255 if bit else 0


def read(img: np.ndarray) -> tuple[int, int] | None:
    """(counter, send time ms24) from a received BGR (or gray) frame, or None when unreadable."""
    b = _block(img.shape[1])
    gray = img if img.ndim == 2 else img[..., 1]
    out = []
    for r, n in enumerate((COUNTER_BITS, TIME_BITS)):
        cy = r * b + b // 2
        centers = [int(gray[cy - b // 4:cy + b // 4, i * b + b // 4:(i + 1) * b - b // 4].mean())
                   for i in range(n + CHECK_BITS)]
        bits = [1 if v >= 128 else 0 for v in centers]
        value = sum(bit << i for i, bit in enumerate(bits[:n]))
        check = sum(bit << i for i, bit in enumerate(bits[n:]))
        if check != _check(value):
            return None
        out.append(value)
    return out[0], out[1]


def latency_ms(stamp_ms24: int, now: int | None = None) -> int:
    now = now_ms24() if now is None else now
    return (now - stamp_ms24) % (1 << TIME_BITS)
