"""ICE and media settings of a call, always explicit (aiortc's default public STUN stalls 5 s offline)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiortc import RTCConfiguration, RTCIceServer


@dataclass(slots=True, frozen=True)
class IceServer:
    urls: tuple[str, ...]
    username: str | None = None
    credential: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IceServer:
        urls = data["urls"]
        return cls(tuple([urls] if isinstance(urls, str) else urls), data.get("username"), data.get("credential"))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"urls": list(self.urls)}
        if self.username:
            out["username"] = self.username
            out["credential"] = self.credential
        return out


@dataclass(slots=True, frozen=True)
class MediaConfig:
    ice_servers: tuple[IceServer, ...] = ()
    width: int = 1280
    height: int = 720
    fps: int = 30
    # No inbound media for this long = the path is lost: both sides show "reconnecting".
    loss_timeout_s: float = 2.0
    # How long we keep renegotiating before ending with "network_failure".
    reconnect_window_s: float = 20.0
    # Each renegotiation attempt gets this long to connect before the next new offer.
    reoffer_interval_s: float = 3.0
    stats_interval_s: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)

    def rtc_configuration(self) -> RTCConfiguration:
        return RTCConfiguration(
            iceServers=[RTCIceServer(urls=list(s.urls), username=s.username, credential=s.credential)
                        for s in self.ice_servers]
        )
