"""Read questionnaire answers from a query string, the way a person may have typed them.

Answers live only in the URL. Raw text is kept exactly as typed, so a rejected answer is shown back
to the person, never lost. Messages come from content/questions.yaml by rule name.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict

from stages.content import Content, Question, QuestionKind

DUE_DATE_FIELD = "due_date"  # the OVERDUE question's second input
MAX_FIELD_LENGTH = 100  # longer raw text is never an answer to any question here

# "12天", "12 days", "12日": the number is what counts.
_UNIT = re.compile(r"\s*(天|日|days?)\s*$", re.IGNORECASE)
_WHOLE = re.compile(r"^([+-]?)(\d+)$")
_DATE_SEPARATORS = re.compile(r"[-年月/.．。\s]+")
# Year, month, day; one separator may close it ("2026.11.3."), none may open it ("-2026-01-01").
_DATE = re.compile(r"([0-9]+)-([0-9]+)-([0-9]+)-?")


class Invalid(Exception):
    """An answer broke a rule; `code` names the message in questions.yaml."""

    def __init__(self, code: str, field: str) -> None:
        super().__init__(code)
        self.code, self.field = code, field


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


def parse_date(raw: str, *, field: str) -> dt.date:
    """2026-11-03, 2026/11/3, 2026年11月3日 and full-width forms; refuses 2026-02-30."""
    text = normalise(raw).removesuffix("日")
    match = _DATE.fullmatch(_DATE_SEPARATORS.sub("-", text))
    if not match:
        raise Invalid("bad_date", field)
    year, month, day = (int(p) for p in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Invalid("bad_date", field) from None


@dataclass
class Answers:
    """What a person answered: raw text per field, and the values that passed their rules."""

    raw: dict[str, list[str]]
    values: dict[str, object] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # field -> rule code

    def choices(self, question_id: str) -> frozenset[str]:
        value = self.values.get(question_id)
        if isinstance(value, list):
            return frozenset(value)
        return frozenset([value]) if isinstance(value, str) else frozenset()

    @property
    def days(self) -> int | None:
        value = self.values.get("days")
        return value if isinstance(value, int) else None

    def first(self, name: str) -> str:
        values = self.raw.get(name) or [""]
        return values[0]

    def query(self, *, without: tuple[str, ...] = (), **extra: str) -> str:
        """The answers as a query string, for links and redirects."""
        pairs = [(k, v) for k, vs in self.raw.items() if k not in without for v in vs if v]
        pairs += [(k, v) for k, v in extra.items() if v]
        return urlencode(pairs)


def field_names(question: Question) -> tuple[str, ...]:
    if question.kind is QuestionKind.OVERDUE:
        return (question.id, DUE_DATE_FIELD)
    return (question.id,)


def read_raw(query: QueryDict, content: Content) -> dict[str, list[str]]:
    """Only the fields of our questions, trimmed and length-capped; anything else is ignored."""
    raw: dict[str, list[str]] = {}
    for question in content.questions:
        for name in field_names(question):
            values = [v.strip()[: MAX_FIELD_LENGTH * 10] for v in query.getlist(name)]
            values = [v for v in values if v]
            if values:
                raw[name] = values
    return raw


def clean(question: Question, raw: Mapping[str, list[str]], *, today: dt.date) -> object:
    """The answer's value, or Invalid. Single answers use the first value given."""
    match question.kind:
        case QuestionKind.OVERDUE:
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
                return overdue  # negative: the due date is still ahead
            if not days:
                raise Invalid("empty", question.id)
            if len(days) > MAX_FIELD_LENGTH:
                raise Invalid("too_large", question.id)
            return parse_days(days, max_days=question.max_days, field=question.id)
        case QuestionKind.SINGLE:
            value = raw.get(question.id, [""])[0]
            if not value:
                raise Invalid("empty", question.id)
            if value not in question.values:
                raise Invalid("invalid", question.id)
            return value
        case QuestionKind.MULTI:
            values = list(dict.fromkeys(raw.get(question.id, [])))
            if not values:
                raise Invalid("empty", question.id)
            if any(v not in question.values for v in values):
                raise Invalid("invalid", question.id)
            if question.none_value in values and len(values) > 1:
                raise Invalid("none_and_other", question.id)
            return values
        case QuestionKind.DATE:
            value = raw.get(question.id, [""])[0]
            if not value:
                return None
            if len(value) > MAX_FIELD_LENGTH:
                raise Invalid("bad_date", question.id)
            date = parse_date(value, field=question.id)
            if date > today:
                raise Invalid("future", question.id)
            if (today - date).days > question.max_days:
                raise Invalid("too_old", question.id)
            return date


def matches(condition: Mapping[str, frozenset[str]], answers: Answers, stage_slug: str) -> bool:
    """Every key must match; a key matches when any of its values was answered."""
    for key, wanted in condition.items():
        given = frozenset([stage_slug]) if key == "stage" else answers.choices(key)
        if not wanted & given:
            return False
    return True


def applicable(content: Content, answers: Answers) -> list[Question]:
    """The questions this person is asked, given what they answered so far."""
    slug = content.stage_for_days(answers.days).slug if answers.days is not None else ""
    return [q for q in content.questions if matches(q.ask_if, answers, slug)]


def read_answers(query: QueryDict, content: Content, *, today: dt.date) -> Answers:
    """Check every answer given; questions not answered yet are simply absent."""
    answers = Answers(raw=read_raw(query, content))
    for question in content.questions:
        if not any(name in answers.raw for name in field_names(question)):
            continue
        try:
            answers.values[question.id] = clean(question, answers.raw, today=today)
        except Invalid as problem:
            answers.errors[problem.field] = problem.code
    return answers


def check_question(question: Question, answers: Answers, *, today: dt.date) -> None:
    """Check one question even if left empty (the person pressed Continue)."""
    for name in field_names(question):
        answers.errors.pop(name, None)
    try:
        value = clean(question, answers.raw, today=today)
    except Invalid as problem:
        answers.errors[problem.field] = problem.code
        answers.values.pop(question.id, None)
    else:
        answers.values[question.id] = value
