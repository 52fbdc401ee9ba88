"""The hub's garbage-collector pacing: young objects frozen, frozen cycles still collected now and then."""

from __future__ import annotations

import gc
import weakref

from console.hub.gc_pacer import GcPacer


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_freezes_survivors_and_still_collects_old_cycles() -> None:
    now = [0.0]
    pacer = GcPacer(freeze_every_s=1.0, full_every_s=60.0, clock=lambda: now[0])
    try:
        a, b = Node(), Node()
        a.other, b.other = b, a
        probe = weakref.ref(a)
        frozen_before = gc.get_freeze_count()
        now[0] = 1.5
        pacer.after_batch()
        assert gc.get_freeze_count() > frozen_before  # the cycle is frozen with everything else
        del a, b
        gc.collect()
        assert probe() is not None  # a frozen cycle escapes ordinary collections ...
        now[0] = 30.0
        pacer.when_idle()
        assert pacer.full_collections == 0 and probe() is not None
        now[0] = 61.0
        pacer.when_idle()  # ... until the rare full pass when the hub is idle
        assert pacer.full_collections == 1 and probe() is None
    finally:
        gc.unfreeze()
