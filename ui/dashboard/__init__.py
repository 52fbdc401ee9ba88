"""The situation dashboard: live figures from the hub's store over a chosen period."""

from ui.dashboard.panel import DashboardPanel, Fetch, direct_fetch

__all__ = ["DashboardPanel", "Fetch", "direct_fetch"]
