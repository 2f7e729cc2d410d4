"""Validation shared by the operations: each failure is an ``InvalidChange`` for a person."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TypeVar

from ..domain.text import problem as text_problem
from ..errors import InvalidChange

E = TypeVar("E", bound=Enum)


def text(value: object, what: str, *, blank_ok: bool = True) -> str:
    if not isinstance(value, str):
        raise InvalidChange(f"{what} must be text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidChange(f"{what} contains a character that is not valid Unicode") from None
    why = text_problem(value)
    if why is not None:
        raise InvalidChange(f"{what} {why}, which a review's text cannot hold")
    if not blank_ok and not value.strip():
        raise InvalidChange(f"{what} must not be blank")
    return value


def optional_text(value: object, what: str) -> str | None:
    return None if value is None else text(value, what)


def choice(enum: type[E], value: object, what: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum)
        raise InvalidChange(f"{what} must be one of: {allowed} (not {value!r})") from None


def optional_choice(enum: type[E], value: object, what: str) -> E | None:
    return None if value is None else choice(enum, value, what)


def moment(value: object, what: str) -> datetime:
    if not isinstance(value, datetime):
        raise InvalidChange(f"{what} must be a date and time")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidChange(f"{what} has no UTC offset")
    return value


def day(value: object, what: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidChange(f"{what} must be a calendar date")
    return value


def whole(value: object, what: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidChange(f"{what} must be a whole number from {low} to {high}")
    return value


def flag(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidChange(f"{what} must be true or false")
    return value
