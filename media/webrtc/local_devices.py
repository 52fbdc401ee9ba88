"""The workstation's own camera and microphone, when it has them; None otherwise (the call then sends a
generated card and silence, and says so)."""

from __future__ import annotations

import logging
import os
from typing import Any

from media.webrtc.sources import CaptureSource

log = logging.getLogger(__name__)


def open_camera(width: int, height: int, index: int | str | None = None) -> CaptureSource | None:
    target: int | str = index if index is not None else int(os.environ.get("HALL_CAMERA_INDEX", "0"))
    if isinstance(target, int) and not os.path.exists(f"/dev/video{target}") and os.name == "posix":
        return None  # no device node: skip OpenCV's noisy probing
    try:
        return CaptureSource(target, width, height, loop=False)
    except OSError:
        log.info("no camera at %r", target)
        return None


def open_microphone() -> Any | None:
    """An aiortc audio track from the default input (PulseAudio/PipeWire on Linux, DirectShow elsewhere)."""
    from aiortc.contrib.media import MediaPlayer

    attempts = [("default", "pulse"), ("default", "alsa")] if os.name == "posix" else [("audio=default", "dshow")]
    for device, fmt in attempts:
        try:
            player = MediaPlayer(device, format=fmt)
        except Exception:  # noqa: BLE001 - any failure = no microphone
            continue
        if player.audio is not None:
            return player.audio
    return None
