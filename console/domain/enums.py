"""The closed vocabularies of the domain. Values are stable wire and database strings."""

from enum import StrEnum


class Category(StrEnum):
    HAZMAT_VEHICLE = "hazmat_vehicle"
    ILLEGAL_CONSTRUCTION = "illegal_construction"
    HOTLINE_ORDER = "hotline_order"
    CAMERA_FAULT = "camera_fault"
    OTHER = "other"


class Severity(StrEnum):
    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 is the most urgent, for sorting."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.MAJOR: 1, Severity.MINOR: 2, Severity.INFO: 3}


class State(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    DISPATCHED = "dispatched"
    SIGNED = "signed"
    HANDLED = "handled"
    CLOSED = "closed"
    FALSE_ALARM = "false_alarm"
    MERGED = "merged"

    @property
    def is_open(self) -> bool:
        return self not in TERMINAL_STATES


TERMINAL_STATES = frozenset({State.CLOSED, State.FALSE_ALARM, State.MERGED})


class Action(StrEnum):
    CREATE = "create"
    DUPLICATE = "duplicate"
    ACKNOWLEDGE = "acknowledge"
    ASSIGN = "assign"
    DISPATCH = "dispatch"
    SIGN = "sign"
    FEEDBACK = "feedback"
    BOUNCE = "bounce"
    VERIFY = "verify"
    REDO = "redo"
    REOPEN = "reopen"
    FALSE_ALARM = "false_alarm"
    MERGE = "merge"
    NOTE = "note"
    ATTACH = "attach"
    CALL = "call"
    RECOVER = "recover"


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    UNSATISFIED = "unsatisfied"
    UNREACHABLE = "unreachable"


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    SOURCE = "source"
    TOWN = "town"
