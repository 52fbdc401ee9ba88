"""Why a stream failed, as one of a few kinds an operator can act on, read from the reader's error text.

The errors come from FFmpeg, the reachability probe and the OS, in English and in no fixed form. A tile
names the kind in the operator's language (the text itself shows on hover); the kinds are what an operator
does something different about: a wrong password is not a dead switch.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Failure(StrEnum):
    UNAUTHORIZED = "unauthorized"  # the camera wants other credentials
    NOT_FOUND = "not_found"  # the camera answers, but has no stream at that path
    NO_FILE = "no_file"
    REFUSED = "refused"  # the address answers, nothing listens on the port
    UNKNOWN_HOST = "unknown_host"
    NO_ANSWER = "no_answer"  # nothing answers at all: a dead camera, switch or route
    NO_VIDEO = "no_video"  # connected, and no picture came
    BROKE_OFF = "broke_off"  # the stream was running and ended
    UNSUPPORTED = "unsupported"  # the URL itself cannot be read
    OTHER = "other"


# First match wins; matched case-insensitively. Status codes as whole numbers only (a port may contain 404).
_PATTERNS: tuple[tuple[Failure, re.Pattern[str]], ...] = tuple(
    (failure, re.compile("|".join(alternatives), re.IGNORECASE)) for failure, alternatives in (
        (Failure.UNAUTHORIZED, (r"\b401\b", r"unauthori[sz]ed", r"authentication failed")),
        (Failure.NOT_FOUND, (r"\b404\b", r"not found")),
        (Failure.NO_FILE, (r"no such video file", r"no such file")),
        (Failure.UNSUPPORTED, (r"unsupported (video url|source)",)),
        (Failure.REFUSED, (r"connection refused",)),
        (Failure.UNKNOWN_HOST, (r"name or service not known", r"name resolution", r"no address associated",
                                r"nodename nor servname")),
        (Failure.NO_VIDEO, (r"sent no video", r"no video in")),
        (Failure.NO_ANSWER, (r"no rtsp answer", r"timed out", r"timeout", r"unreachable", r"no route to host")),
        (Failure.BROKE_OFF, (r"stream ended", r"dropped the connection", r"connection reset", r"end of file",
                             r"broken pipe")),
    ))


def classify(error: str) -> Failure:
    """The kind of failure ``error`` (a reader's error text) tells of."""
    for failure, pattern in _PATTERNS:
        if pattern.search(error):
            return failure
    return Failure.OTHER
