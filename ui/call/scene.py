"""What "Share the scene" sends: the wall's selected live camera, straight from its reader's mailbox.

    calls.set_scene_provider(wall_scene_provider(video_panel))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

Newest = Callable[[], np.ndarray | None]


def wall_scene_provider(video_panel: Any) -> Callable[[], Newest | None]:
    """A provider for CallController.set_scene_provider over a VideoWallPanel (None: no live tile)."""

    def provider() -> Newest | None:
        tile = video_panel.wall.selected_tile()
        stream = getattr(tile, "stream", None)
        if stream is None:
            return None

        def newest() -> np.ndarray | None:
            frame = stream.mailbox.peek()
            return None if frame is None else frame.image

        return newest

    return provider
