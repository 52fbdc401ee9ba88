"""The call panel: calling a town from an alert (ringing, video, controls, quality, snapshot)."""

from ui.call.controller import CallController
from ui.call.panel import CallPanel

__all__ = ["CallController", "CallPanel"]
