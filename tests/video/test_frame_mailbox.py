import threading

import numpy as np

from media.frame_mailbox import FrameMailbox


def frame(value: int) -> np.ndarray:
    return np.full((4, 6, 3), value, np.uint8)


def test_keeps_only_the_newest_frame_and_counts_the_dropped_ones() -> None:
    box = FrameMailbox()
    assert box.newer_than(0) is None and not box.has_newer_than(0)
    for v in range(5):
        box.put(frame(v))
    got = box.newer_than(0)
    assert got is not None and got.seq == 5 and int(got.image[0, 0, 0]) == 4
    assert got.source_size == (6, 4)
    assert box.dropped == 4
    assert box.newer_than(got.seq) is None  # nothing new: the consumer keeps what it painted
    assert not box.has_newer_than(got.seq)  # the timer's cheap question says the same
    box.put(frame(9))
    assert box.has_newer_than(got.seq)
    assert box.dropped == 4  # the previous frame was taken, so replacing it drops nothing
    assert box.peek() is not None and box.peek().seq == 6


def test_concurrent_producer_and_consumer_see_increasing_frames() -> None:
    box = FrameMailbox()
    seen: list[int] = []
    done = threading.Event()

    def consume() -> None:
        last = 0
        while not done.is_set() or box.seq > last:
            f = box.newer_than(last)
            if f is not None:
                seen.append(f.seq)
                last = f.seq

    t = threading.Thread(target=consume)
    t.start()
    for v in range(2000):
        box.put(frame(v % 255))
    done.set()
    t.join(5)
    assert seen == sorted(seen) and seen[-1] == 2000
    assert box.dropped == 2000 - len(seen)
