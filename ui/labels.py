"""Translated names for the domain's enums: the wire values stay English, the operator reads their language.

Built lazily and cached; `reset()` after a translator is installed.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication

from console.domain.enums import Action, Category, Satisfaction, Severity, State


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


@cache
def _severity() -> dict[str, str]:
    return {Severity.CRITICAL: _t("Critical"), Severity.MAJOR: _t("Major"),
            Severity.MINOR: _t("Minor"), Severity.INFO: _t("Info")}


@cache
def _category() -> dict[str, str]:
    return {Category.HAZMAT_VEHICLE: _t("Hazmat vehicle"),
            Category.ILLEGAL_CONSTRUCTION: _t("Illegal construction"),
            Category.HOTLINE_ORDER: _t("Hotline order"), Category.CAMERA_FAULT: _t("Camera fault"),
            Category.OTHER: _t("Other")}


@cache
def _state() -> dict[str, str]:
    return {State.NEW: _t("New"), State.ACKNOWLEDGED: _t("Acknowledged"), State.DISPATCHED: _t("Dispatched"),
            State.SIGNED: _t("Signed"), State.HANDLED: _t("Handled"), State.CLOSED: _t("Closed"),
            State.FALSE_ALARM: _t("False alarm"), State.MERGED: _t("Merged")}


@cache
def _action() -> dict[str, str]:
    return {Action.CREATE: _t("Created"), Action.DUPLICATE: _t("Reported again"),
            Action.ACKNOWLEDGE: _t("Acknowledged"), Action.ASSIGN: _t("Assigned"),
            Action.DISPATCH: _t("Dispatched"), Action.SIGN: _t("Signed by the town"),
            Action.FEEDBACK: _t("Feedback"), Action.BOUNCE: _t("Bounced back"),
            Action.VERIFY: _t("Verified and closed"), Action.REDO: _t("Redo"),
            Action.REOPEN: _t("Reopened"), Action.FALSE_ALARM: _t("Closed as false alarm"),
            Action.MERGE: _t("Merged"), Action.NOTE: _t("Note"), Action.ATTACH: _t("Attachment"),
            Action.CALL: _t("Call"), Action.RECOVER: _t("Recovered")}


@cache
def _satisfaction() -> dict[str, str]:
    return {Satisfaction.SATISFIED: _t("Satisfied"), Satisfaction.BASICALLY_SATISFIED: _t("Basically satisfied"),
            Satisfaction.UNSATISFIED: _t("Unsatisfied"), Satisfaction.UNREACHABLE: _t("Unreachable")}


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
