"""Why a camera is offline: the reader's error read as a kind an operator acts on, with passwords hidden.

The error texts below are the ones FFmpeg, the probe and the OS printed here for each case (the end-to-end
test in test_offline_tiles.py gets them from real servers)."""

from __future__ import annotations

import time

import pytest

from media.capture import HealthConfig
from media.capture.failure import Failure, classify
from media.capture.health import StreamHealth
from media.capture.probe import hide_passwords


@pytest.mark.parametrize(("error", "failure"), [
    ("cannot open 'rtsp://admin:***@10.0.0.7:554/x': [Errno 825242872] Server returned 401 Unauthorized "
     "(authorization failed): 'rtsp://admin:***@10.0.0.7:554/x'", Failure.UNAUTHORIZED),
    ("cannot open 'rtsp://127.0.0.1:38375/nope': [Errno 875574520] Server returned 404 Not Found: "
     "'rtsp://127.0.0.1:38375/nope'", Failure.NOT_FOUND),
    ("camera unreachable at 127.0.0.1:1: [Errno 111] Connection refused", Failure.REFUSED),
    # a port with 404 or 401 in it is no status code
    ("camera unreachable at 10.0.0.7:14041: [Errno 111] Connection refused", Failure.REFUSED),
    ("camera unreachable at nosuchhost.invalid:554: [Errno -2] Name or service not known", Failure.UNKNOWN_HOST),
    ("no RTSP answer from 10.255.255.1:554", Failure.NO_ANSWER),
    ("camera unreachable at 10.0.0.7:554: timed out", Failure.NO_ANSWER),
    ("no picture from 'rtsp://127.0.0.1:4000/cam': the stream opened but sent no video", Failure.NO_VIDEO),
    ("stream ended", Failure.BROKE_OFF),
    ("no such video file: /srv/clips/cam01.mp4", Failure.NO_FILE),
    ("unsupported video URL: 'gopher://camera'", Failure.UNSUPPORTED),
    ("RuntimeError: something nobody foresaw", Failure.OTHER),
])
def test_an_error_is_read_as_the_kind_of_failure_it_tells_of(error: str, failure: Failure) -> None:
    assert classify(error) is failure


def test_passwords_in_urls_are_hidden_and_user_names_kept() -> None:
    error = ("cannot open 'rtsp://admin:Secret1@10.0.0.7/x': Server returned 404 Not Found: "
             "'rtsp://admin:Secret1@10.0.0.7/x'")
    assert hide_passwords(error) == ("cannot open 'rtsp://admin:***@10.0.0.7/x': Server returned 404 Not Found: "
                                     "'rtsp://admin:***@10.0.0.7/x'")
    assert hide_passwords("rtsp://admin:p@ss@10.0.0.7/x") == "rtsp://admin:***@10.0.0.7/x"  # an unescaped @
    unchanged = "rtsp://10.0.0.7:554/x and http://viewer@10.0.0.8/mjpg"  # a port, a user without password
    assert hide_passwords(unchanged) == unchanged


def test_a_stream_keeps_its_error_without_the_password() -> None:
    health = StreamHealth(HealthConfig())
    health.failed(time.monotonic(), "cannot open 'rtsp://admin:Secret1@10.0.0.7/x': 401 Unauthorized", 1.0)
    assert "Secret1" not in health.error and "admin:***@" in health.error
