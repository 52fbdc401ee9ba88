from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from calls_kit import hall  # noqa: F401  (the module-scoped real hub fixture)


def _decoder_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.endswith("-decoder") and t.is_alive()}


@pytest.fixture(autouse=True)
def _every_call_is_closed() -> Iterator[None]:
    """aiortc's decoder threads (not daemons) end only when their peer connection is closed: one still
    alive after a test is a call that was not fully closed, and it would keep the process from exiting.
    Fail the test that left it, by name, instead of hanging at the end of the run."""
    before = _decoder_threads()
    yield
    deadline = time.monotonic() + 2.0  # a decoder's last frame may still be on its way out
    while (left := _decoder_threads() - before) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"decoder threads still running after the test: {sorted(t.name for t in left)}"
