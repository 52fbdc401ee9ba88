"""Translated names for the domain's enums: the wire values stay English, the operator reads their language.

Built lazily and cached; `reset()` after a translator is installed.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication

from console.domain.enums import Action, Category, Satisfaction, Severity, State


@cache
def _severity() -> dict[str, str]:
    return {Severity.CRITICAL: QCoreApplication.translate("Labels", "Critical"), Severity.MAJOR: QCoreApplication.translate("Labels", "Major"),
            Severity.MINOR: QCoreApplication.translate("Labels", "Minor"), Severity.INFO: QCoreApplication.translate("Labels", "Info")}


@cache
def _category() -> dict[str, str]:
    return {Category.HAZMAT_VEHICLE: QCoreApplication.translate("Labels", "Hazmat vehicle"),
            Category.ILLEGAL_CONSTRUCTION: QCoreApplication.translate("Labels", "Illegal construction"),
            Category.HOTLINE_ORDER: QCoreApplication.translate("Labels", "Hotline order"), Category.CAMERA_FAULT: QCoreApplication.translate("Labels", "Camera fault"),
            Category.OTHER: QCoreApplication.translate("Labels", "Other")}


@cache
def _state() -> dict[str, str]:
    return {State.NEW: QCoreApplication.translate("Labels", "New"), State.ACKNOWLEDGED: QCoreApplication.translate("Labels", "Acknowledged"), State.DISPATCHED: QCoreApplication.translate("Labels", "Dispatched"),
            State.SIGNED: QCoreApplication.translate("Labels", "Signed"), State.HANDLED: QCoreApplication.translate("Labels", "Handled"), State.CLOSED: QCoreApplication.translate("Labels", "Closed"),
            State.FALSE_ALARM: QCoreApplication.translate("Labels", "False alarm"), State.MERGED: QCoreApplication.translate("Labels", "Merged")}


@cache
def _action() -> dict[str, str]:
    return {Action.CREATE: QCoreApplication.translate("Labels", "Created"), Action.DUPLICATE: QCoreApplication.translate("Labels", "Reported again"),
            Action.ACKNOWLEDGE: QCoreApplication.translate("Labels", "Acknowledged"), Action.ASSIGN: QCoreApplication.translate("Labels", "Assigned"),
            Action.DISPATCH: QCoreApplication.translate("Labels", "Dispatched"), Action.SIGN: QCoreApplication.translate("Labels", "Signed by the town"),
            Action.FEEDBACK: QCoreApplication.translate("Labels", "Feedback"), Action.BOUNCE: QCoreApplication.translate("Labels", "Bounced back"),
            Action.VERIFY: QCoreApplication.translate("Labels", "Verified and closed"), Action.REDO: QCoreApplication.translate("Labels", "Redo"),
            Action.REOPEN: QCoreApplication.translate("Labels", "Reopened"), Action.FALSE_ALARM: QCoreApplication.translate("Labels", "Closed as false alarm"),
            Action.MERGE: QCoreApplication.translate("Labels", "Merged"), Action.NOTE: QCoreApplication.translate("Labels", "Note"), Action.ATTACH: QCoreApplication.translate("Labels", "Attachment"),
            Action.CALL: QCoreApplication.translate("Labels", "Call"), Action.RECOVER: QCoreApplication.translate("Labels", "Recovered")}


@cache
def _satisfaction() -> dict[str, str]:
    return {Satisfaction.SATISFIED: QCoreApplication.translate("Labels", "Satisfied"), Satisfaction.BASICALLY_SATISFIED: QCoreApplication.translate("Labels", "Basically satisfied"),
            Satisfaction.UNSATISFIED: QCoreApplication.translate("Labels", "Unsatisfied"), Satisfaction.UNREACHABLE: QCoreApplication.translate("Labels", "Unreachable")}


def severity(value: str) -> str:
    return _severity().get(value, value)


def category(value: str) -> str:
    return _category().get(value, value)


def state(value: str) -> str:
    return _state().get(value, value)


def action(value: str) -> str:
    return _action().get(value, value)


def satisfaction(value: str | None) -> str:
    return _satisfaction().get(value or "", value or "")


def reset() -> None:
    for table in (_severity, _category, _state, _action, _satisfaction):
        table.cache_clear()
