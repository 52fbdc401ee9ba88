"""Errors the core raises. Each carries a stable code that travels over the wire."""


class DomainError(Exception):
    code = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransitionRefused(DomainError):
    """The action is not allowed in the alert's current state."""

    code = "wrong_state"


class ValidationFailed(DomainError):
    code = "invalid"


class VersionConflict(DomainError):
    """The command was based on a version of the alert that someone else has since changed."""

    code = "conflict"


class NotFound(DomainError):
    code = "not_found"


class PermissionDenied(DomainError):
    code = "forbidden"
