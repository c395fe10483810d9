"""The kinds of question, and how each reads its answer from what a person typed.

Each kind says what its content must give (the messages for each rule it checks, and the keys it
needs) and how it cleans an answer: a value, or Invalid naming the rule it broke. Raw text is kept
exactly as typed elsewhere (stages/answers.py), so a refused answer is shown back, never lost.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

DUE_DATE_FIELD = "due_date"  # the OVERDUE question's second input
MAX_FIELD_LENGTH = 100  # longer raw text is never an answer to any question here

# "12天", "12 days", "12日": the number is what counts.
_UNIT = re.compile(r"\s*(天|日|days?)\s*$", re.IGNORECASE)
_WHOLE = re.compile(r"^([+-]?)(\d+)$")
_DATE_SEPARATORS = re.compile(r"[-年月/.．。\s]+")
# Year, month, day; one separator may close it ("2026.11.3."), none may open it ("-2026-01-01").
_DATE = re.compile(r"([0-9]+)-([0-9]+)-([0-9]+)-?")
# Month and day ("11月19日"): enough for a date in the past, whose year follows.
_MONTH_DAY = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-?")

type Raw = Mapping[str, list[str]]


class QuestionKind(StrEnum):
    OVERDUE = "overdue"  # number of days, or the due date instead
    SINGLE = "single"
    MULTI = "multi"
    DATE = "date"

    @property
    def messages(self) -> tuple[str, ...]:
        """The messages a question of this kind must carry, one per rule it checks."""
        match self:
            case QuestionKind.OVERDUE:
                rules = ("empty", "not_a_number", "negative", "too_large", "bad_date", "too_old")
                return (*rules, "both", "too_far")
            case QuestionKind.SINGLE:
                return ("empty", "invalid")
            case QuestionKind.MULTI:
                return ("empty", "invalid", "none_and_other")
            case QuestionKind.DATE:
                return ("bad_date", "future", "too_old")

    @property
    def needs(self) -> tuple[str, ...]:
        """The keys a question of this kind must have besides its messages."""
        match self:
            case QuestionKind.OVERDUE:
                return ("max_days", "max_days_ahead", "date_label", "date_hint")
            case QuestionKind.SINGLE | QuestionKind.MULTI:
                return ("choices",)
            case QuestionKind.DATE:
                return ("max_days",)

    def fields(self, question_id: str) -> tuple[str, ...]:
        """The names its inputs have in the URL."""
        if self is QuestionKind.OVERDUE:
            return (question_id, DUE_DATE_FIELD)
        return (question_id,)

    def clean(self, question: Any, raw: Raw, *, today: dt.date) -> object:
        """The answer's value, or Invalid. Single answers use the first value given."""
        match self:
            case QuestionKind.OVERDUE:
                return clean_overdue(question, raw, today=today)
            case QuestionKind.SINGLE:
                return clean_single(question, raw)
            case QuestionKind.MULTI:
                return clean_multi(question, raw)
            case QuestionKind.DATE:
                return clean_date(question, raw, today=today)


class Invalid(Exception):
    """An answer broke a rule; `code` names the message in questions.yaml."""

    def __init__(self, code: str, field: str) -> None:
        super().__init__(code)
        self.code, self.field = code, field


def clean_overdue(question: Any, raw: Raw, *, today: dt.date) -> int:
    """Days overdue, typed or counted from the due date (negative: the due date is ahead)."""
    days = raw.get(question.id, [""])[0]
    due = raw.get(DUE_DATE_FIELD, [""])[0]
    if days and due:
        raise Invalid("both", question.id)
    if due:
        if len(due) > MAX_FIELD_LENGTH:
            raise Invalid("bad_date", DUE_DATE_FIELD)
        overdue = (today - parse_date(due, field=DUE_DATE_FIELD)).days
        if overdue > question.max_days:
            raise Invalid("too_old", DUE_DATE_FIELD)
        if -overdue > question.max_days_ahead:
            raise Invalid("too_far", DUE_DATE_FIELD)
        return overdue
    if not days:
        raise Invalid("empty", question.id)
    if len(days) > MAX_FIELD_LENGTH:
        raise Invalid("too_large", question.id)
    return parse_days(days, max_days=question.max_days, field=question.id)


def clean_single(question: Any, raw: Raw) -> str:
    value = raw.get(question.id, [""])[0]
    if not value:
        raise Invalid("empty", question.id)
    if value not in question.values:
        raise Invalid("invalid", question.id)
    return value


def clean_multi(question: Any, raw: Raw) -> list[str]:
    values = list(dict.fromkeys(raw.get(question.id, [])))
    if not values:
        raise Invalid("empty", question.id)
    if any(v not in question.values for v in values):
        raise Invalid("invalid", question.id)
    if question.none_value in values and len(values) > 1:
        raise Invalid("none_and_other", question.id)
    return values


def clean_date(question: Any, raw: Raw, *, today: dt.date) -> dt.date | None:
    """A date in the past, or None when left empty (date questions are optional)."""
    value = raw.get(question.id, [""])[0]
    if not value:
        return None
    if len(value) > MAX_FIELD_LENGTH:
        raise Invalid("bad_date", question.id)
    date = parse_date(value, field=question.id, past_of=today)
    if date > today:
        raise Invalid("future", question.id)
    if (today - date).days > question.max_days:
        raise Invalid("too_old", question.id)
    return date


def normalise(raw: str) -> str:
    """Full-width digits and letters become ASCII; surrounding spaces go."""
    return unicodedata.normalize("NFKC", raw).strip()


def parse_days(raw: str, *, max_days: int, field: str = "days") -> int:
    text = _UNIT.sub("", normalise(raw))
    match = _WHOLE.match(text)
    if not match:
        raise Invalid("not_a_number", field)
    sign, digits = match.groups()
    # Each script's digits are fine alone ("٣٠"), but "1١" mixes two: int() would read 11.
    if len({ord(digit) - unicodedata.digit(digit) for digit in digits}) > 1:
        raise Invalid("not_a_number", field)
    # Compare by length first: int() of a 100 KB string is slow and refused past 4300 digits.
    if len(digits.lstrip("0")) > len(str(max_days)) or int(digits) > max_days:
        raise Invalid("negative" if sign == "-" else "too_large", field)
    days = int(digits)
    if sign == "-" and days:
        raise Invalid("negative", field)
    return days


def parse_date(raw: str, *, field: str, past_of: dt.date | None = None) -> dt.date:
    """2026-11-03, 2026/11/3, 2026年11月3日 and full-width forms; refuses 2026-02-30. With
    `past_of`, a month and day alone ("11月19日") is the last such day on or before that date."""
    text = _DATE_SEPARATORS.sub("-", normalise(raw).removesuffix("日"))
    try:
        if match := _DATE.fullmatch(text):
            year, month, day = (int(p) for p in match.groups())
            return dt.date(year, month, day)
        if past_of and (match := _MONTH_DAY.fullmatch(text)):
            month, day = (int(p) for p in match.groups())
            date = dt.date(past_of.year, month, day)
            return date if date <= past_of else dt.date(past_of.year - 1, month, day)
    except ValueError:
        raise Invalid("bad_date", field) from None
    raise Invalid("bad_date", field)
