"""A frame counter burned into the picture as black/white blocks, readable after scaling and H.264.

Test and demo content carries it so the wall's latency can be measured from the pixels a tile paints:
the block positions are relative to the picture, so a frame resized to any tile still reads back.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from media.picture import luma

BITS = 16
# The code strip sits in the top-left corner: BITS blocks across CODE_WIDTH of the width, CODE_HEIGHT tall.
CODE_WIDTH = 0.40
CODE_HEIGHT = 0.045
# Each block's value when read back: the first block is the highest bit.
WEIGHTS = 1 << np.arange(BITS - 1, -1, -1)


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
    painted: BGR, BGRX or NV12)."""
    return read_code_line(code_line(image))


def code_line(image: np.ndarray) -> np.ndarray:
    """The line of the picture's grey (a view) that crosses the code's blocks: all ``read_code_line`` needs.
    A benchmark that reads the code of every painted frame keeps a copy of this and decodes it later."""
    grey = luma(image)
    return grey[max(0, int(grey.shape[0] * CODE_HEIGHT / 2))]


def read_code_line(line: np.ndarray) -> int:
    """Reads the value from ``code_line``'s pixels."""
    bits = line[_centres(line.shape[0])] > 127
    return int(bits @ WEIGHTS)


@lru_cache(maxsize=32)
def _centres(width: int) -> np.ndarray:
    block_w = width * CODE_WIDTH / BITS
    return np.array([int((bit + 0.5) * block_w) for bit in range(BITS)])
