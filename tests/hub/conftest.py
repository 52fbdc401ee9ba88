from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hub.hub_kit import LiveHub, start_hub


@pytest.fixture
def live_hub(db_url: str) -> Iterator[LiveHub]:
    live = start_hub(db_url)
    try:
        yield live
    finally:
        live.stop()
