"""Which desks of which town are online, and what they are doing: online, busy or offline per town."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TownStatus(StrEnum):
    ONLINE = "online"
    BUSY = "busy"  # every online desk is ringing or in a call
    OFFLINE = "offline"


@dataclass(slots=True)
class Desk:
    conn: str
    town: str
    name: str
    call_id: str | None = None  # ringing for, or in, this call

    @property
    def free(self) -> bool:
        return self.call_id is None


class Presence:
    def __init__(self, towns: set[str] | None = None) -> None:
        self.known_towns = set(towns or ())
        self.desks: dict[str, Desk] = {}  # by connection id

    def add(self, conn: str, town: str, name: str) -> Desk:
        desk = Desk(conn, town, name)
        self.desks[conn] = desk
        self.known_towns.add(town)
        return desk

    def remove(self, conn: str) -> Desk | None:
        return self.desks.pop(conn, None)

    def of_town(self, town: str) -> list[Desk]:
        return [d for d in self.desks.values() if d.town == town]

    def status(self, town: str) -> TownStatus:
        desks = self.of_town(town)
        if not desks:
            return TownStatus.OFFLINE
        return TownStatus.ONLINE if any(d.free for d in desks) else TownStatus.BUSY

    def snapshot(self) -> dict[str, dict[str, object]]:
        return {t: {"status": str(self.status(t)), "desks": len(self.of_town(t))} for t in sorted(self.known_towns)}
