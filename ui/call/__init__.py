"""The call panel: calling a town from an alert (ringing, video, controls, quality, snapshot)."""

from ui.call.controller import CallController
from ui.call.history import CallHistoryView
from ui.call.panel import CallPanel
from ui.call.town_picker import TownPicker

__all__ = ["CallController", "CallHistoryView", "CallPanel", "TownPicker"]
