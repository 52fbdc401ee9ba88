"""Generated pictures for simulated detections: a street scene with a new structure on it."""

from __future__ import annotations

import random

import numpy as np

from console.sim.png import encode_png


def construction_snapshot(rng: random.Random, width: int = 320, height: int = 180) -> bytes:
    image = np.zeros((height, width, 3), dtype=np.uint8)
    horizon = height // 2 + rng.randint(-15, 15)
    image[:horizon] = (150, 180, 210)          # sky
    image[horizon:] = (95, 95, 90)             # road / ground
    for _ in range(rng.randint(2, 4)):          # existing buildings
        x0 = rng.randint(0, width - 60)
        w, h = rng.randint(30, 70), rng.randint(30, horizon - 5)
        image[horizon - h:horizon, x0:x0 + w] = rng.choice([(180, 170, 150), (160, 160, 165), (200, 190, 170)])
    x0, w, h = rng.randint(20, width - 100), rng.randint(50, 90), rng.randint(25, 45)
    image[horizon - h:horizon, x0:x0 + w] = (40, 90, 170)     # the blue steel shed that should not be there
    image[horizon - h - 6:horizon - h, x0 - 4:x0 + w + 4] = (30, 70, 140)
    image[horizon - 4:horizon + 4, x0 - 6:x0 + w + 6] = (230, 40, 40)  # detector's box
    return encode_png(image)
