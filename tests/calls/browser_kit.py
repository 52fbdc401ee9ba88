"""Debian's headless Chromium driven by Playwright (never a downloaded browser): fake camera and mic."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FAKE_DEVICES = "--use-fake-device-for-media-stream"
FLAGS = [
    FAKE_DEVICES, "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]


async def launch(playwright: Any, fake_devices: bool = True) -> tuple[Any, str]:
    """A persistent context in a fresh profile folder (returned so the caller can remove it).

    fake_devices=False: a desk with no camera and no microphone at all."""
    if not CHROMIUM.exists():  # loud, never a silent skip
        raise RuntimeError(f"{CHROMIUM} is missing: run scripts/system-deps.sh (Debian package 'chromium')")
    profile = tempfile.mkdtemp(prefix="town-chromium-")
    context = await playwright.chromium.launch_persistent_context(
        profile, executable_path=str(CHROMIUM), headless=True, args=[f for f in FLAGS if fake_devices or f != FAKE_DEVICES],
        viewport={"width": 1280, "height": 860}, ignore_default_args=["--mute-audio"])
    return context, profile


def cleanup(profile: str) -> None:
    shutil.rmtree(profile, ignore_errors=True)
