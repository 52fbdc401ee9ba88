"""Wire messages of calls and presence (JSON objects with a `type`), and their checks.

aiortc does not trickle ICE: an offer or an answer carries the full SDP in one message.

console -> hub  call.invite {ref, town, alert{id,title,category,severity,location,snapshot?}, sdp}
                call.cancel {call_id} | call.hangup {call_id, reason} | call.reoffer {call_id, sdp, attempt}
                call.media {call_id, state} | call.history {alert_id?} | presence.get {}
hub -> console  call.created {call_id, ref, town} | call.ringing {call_id} | call.answered {call_id, sdp, desk}
                call.reanswer {call_id, sdp, attempt} | call.media | call.ended {call_id, reason, detail?}
                call.history {calls} | presence.snapshot {towns} | presence.update {town, status, desks}
town -> hub     call.ringing {call_id} | call.answer {call_id, sdp} | call.decline {call_id, reason}
                call.hangup {call_id, reason} | call.reanswer {call_id, sdp} | call.media {call_id, state}
hub -> town     call.incoming {call_id, town, caller, alert, sdp} | call.taken {call_id}
                call.reoffer {call_id, sdp} | call.media | call.ended {call_id, reason}
                presence.self {town, status, desks}
hub -> anyone   call.error {call_id?, error, ref?}
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class T(StrEnum):
    INVITE = "call.invite"
    CREATED = "call.created"
    INCOMING = "call.incoming"
    RINGING = "call.ringing"
    ANSWER = "call.answer"
    ANSWERED = "call.answered"
    TAKEN = "call.taken"
    DECLINE = "call.decline"
    CANCEL = "call.cancel"
    HANGUP = "call.hangup"
    ENDED = "call.ended"
    REOFFER = "call.reoffer"
    REANSWER = "call.reanswer"
    MEDIA = "call.media"
    HISTORY = "call.history"
    ERROR = "call.error"
    PRESENCE_GET = "presence.get"
    PRESENCE_SNAPSHOT = "presence.snapshot"
    PRESENCE_UPDATE = "presence.update"
    PRESENCE_SELF = "presence.self"


class EndReason(StrEnum):
    NORMAL = "normal"
    DECLINED = "declined"
    MISSED = "missed"  # nobody answered before the no-answer timeout
    BUSY = "busy"
    OFFLINE = "offline"
    CANCELLED = "cancelled"
    NETWORK_FAILURE = "network_failure"
    MEDIA_FAILURE = "media_failure"
    CALLER_LEFT = "caller_left"
    CALLEE_LEFT = "callee_left"


# Reasons an endpoint may give when it hangs up (the rest are decided by the hub).
HANGUP_REASONS = {EndReason.NORMAL, EndReason.NETWORK_FAILURE, EndReason.MEDIA_FAILURE}


class Err(StrEnum):
    BAD_MESSAGE = "bad_message"
    UNKNOWN_CALL = "unknown_call"
    NOT_YOUR_CALL = "not_your_call"
    ALREADY_ANSWERED = "already_answered"
    NOT_ALLOWED = "not_allowed"
    UNKNOWN_TOWN = "unknown_town"


class ProtocolError(ValueError):
    def __init__(self, error: Err, detail: str = "") -> None:
        super().__init__(f"{error}: {detail}" if detail else str(error))
        self.error = error


def field(msg: dict[str, Any], name: str, kind: type = str, required: bool = True) -> Any:
    value = msg.get(name)
    if value is None:
        if required:
            raise ProtocolError(Err.BAD_MESSAGE, f"{msg.get('type')}: missing {name}")
        return None
    if not isinstance(value, kind):
        raise ProtocolError(Err.BAD_MESSAGE, f"{msg.get('type')}: {name} must be {kind.__name__}")
    return value


# Only these alert fields travel with an invite: the town sees the context card, nothing more.
ALERT_CONTEXT_FIELDS = ("id", "title", "category", "severity", "location", "address", "snapshot", "camera",
                        "occurred_at")
MAX_SNAPSHOT_CHARS = 400_000  # a data: URL of a JPEG thumbnail, not a full frame


def alert_context(alert: dict[str, Any]) -> dict[str, Any]:
    ctx = {k: alert[k] for k in ALERT_CONTEXT_FIELDS if k in alert and alert[k] is not None}
    snap = ctx.get("snapshot")
    if snap is not None and (not isinstance(snap, str) or len(snap) > MAX_SNAPSHOT_CHARS):
        ctx.pop("snapshot")
    return ctx
