"""Who is on the other end of a connection, and what their role lets them do."""

from __future__ import annotations

from dataclasses import dataclass

from console.domain.enums import Role

_RANK = {Role.SOURCE: 0, Role.TOWN: 0, Role.OPERATOR: 1, Role.SUPERVISOR: 2, Role.ADMIN: 3}


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    role: Role
    town: str | None = None  # set for town endpoints
    display_name: str = ""

    def at_least(self, role: Role) -> bool:
        """Operator < supervisor < admin; sources and towns are outside that ladder."""
        if self.role in (Role.SOURCE, Role.TOWN) or role in (Role.SOURCE, Role.TOWN):
            return self.role == role
        return _RANK[self.role] >= _RANK[role]
