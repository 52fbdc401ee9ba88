"""Trusting a hall's own certificate authority for wss:// and https:// hubs."""

from __future__ import annotations

import ssl


def client_ssl_context(url: str, ca_file: str = "") -> ssl.SSLContext | None:
    """None for plain ws:// and http://; otherwise the system's CAs plus the hall's own, if given."""
    if not url.startswith(("wss://", "https://")):
        return None
    context = ssl.create_default_context()
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    return context
