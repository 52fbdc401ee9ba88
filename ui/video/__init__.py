"""The live video wall: tiles, layouts, camera list, patrol tours and snapshots."""

from ui.video.panel import VideoWallPanel

__all__ = ["VideoWallPanel"]
