"""Keeps Python's cyclic garbage collector from stalling the hub.

The hub keeps every open alert in memory. A full (generation 2) collection walks all of them:
~50 ms per 60,000 alerts here, a visible hiccup in the change stream. Objects that have survived a
second are frozen (moved out of the collector's sight; reference counting still frees them), so
collections only ever walk young objects. Rarely, when the hub has been idle for a moment, everything
is unfrozen and collected once, so cycles that became garbage after freezing are not kept forever.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


class GcPacer:
    def __init__(self, freeze_every_s: float = 1.0, full_every_s: float = 600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.freeze_every_s = freeze_every_s
        self.full_every_s = full_every_s
        self.clock = clock
        self._frozen_at = clock()
        self._full_at = clock()
        self.full_collections = 0

    def after_batch(self) -> None:
        """Call after each committed batch (cheap: freezing is a list splice)."""
        now = self.clock()
        if now - self._frozen_at >= self.freeze_every_s:
            gc.freeze()
            self._frozen_at = now

    def when_idle(self) -> None:
        """Call when there is no work queued: the one place a full collection may pause the hub."""
        now = self.clock()
        if now - self._full_at >= self.full_every_s:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self._full_at = self._frozen_at = now
            self.full_collections += 1
