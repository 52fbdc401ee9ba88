"""A frame counter burned into the picture as black/white blocks, readable after scaling and H.264.

Test and demo content carries it so the wall's latency can be measured from the pixels a tile paints:
the block positions are relative to the picture, so a frame resized to any tile still reads back.
"""

from __future__ import annotations

import numpy as np

from media.picture import luma

BITS = 16
# The code strip sits in the top-left corner: BITS blocks across CODE_WIDTH of the width, CODE_HEIGHT tall.
CODE_WIDTH = 0.40
CODE_HEIGHT = 0.045


def burn_code(image: np.ndarray, value: int) -> None:
    """Draws ``value`` (mod 2**BITS) into the top-left strip of a BGR image, in place."""
    h, w = image.shape[:2]
    strip_h = max(4, round(h * CODE_HEIGHT))
    block_w = max(2, round(w * CODE_WIDTH / BITS))
    for bit in range(BITS):
        on = (value >> (BITS - 1 - bit)) & 1
        image[0:strip_h, bit * block_w:(bit + 1) * block_w] = 255 if on else 0


def read_code(image: np.ndarray) -> int:
    """Reads the value back from the block centres of a picture of any size and layout (the frame as
    painted: BGR, BGRX or I420)."""
    grey = luma(image)
    h, w = grey.shape[:2]
    y = max(0, int(h * CODE_HEIGHT / 2))
    block_w = w * CODE_WIDTH / BITS
    value = 0
    for bit in range(BITS):
        x = int((bit + 0.5) * block_w)
        value = (value << 1) | (1 if int(grey[y, x]) > 127 else 0)
    return value
