"""Read questionnaire answers from a query string, and walk the questions they lead to.

Answers live only in the URL. Raw text is kept exactly as typed, so a rejected answer is shown back
to the person, never lost. Each kind of question cleans its own answer (stages/questions.py);
messages come from content/questions.yaml by rule name. The answers resolve once per request:
they carry the day they were read, the stage the days put them in and the product they named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.http import QueryDict

from stages.content.models import PRODUCT_QUESTION, Content, Product, Question, Stage
from stages.questions import MAX_FIELD_LENGTH, Invalid

DAYS = "days"  # the first question's id: templates name its field, and the plan counts from it


@dataclass
class Answers:
    """What a person answered: raw text per field, and the values that passed their rules."""

    raw: dict[str, list[str]]
    today: dt.date  # the day the answers were read on: the days overdue count to it
    product: Product  # the product they named, or the general wording
    stage: Stage | None = None  # where the days put them; None until the days are answered
    values: dict[str, object] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # field -> rule code

    def choices(self, question_id: str) -> frozenset[str]:
        value = self.values.get(question_id)
        if isinstance(value, list):
            return frozenset(value)
        return frozenset([value]) if isinstance(value, str) else frozenset()

    @property
    def days(self) -> int | None:
        value = self.values.get(DAYS)
        return value if isinstance(value, int) else None

    @property
    def personal(self) -> bool:
        """Whether a page can fit itself to them: it needs at least the days."""
        return self.days is not None

    def first(self, name: str) -> str:
        values = self.raw.get(name) or [""]
        return values[0]

    def query(self, *, without: tuple[str, ...] = (), **extra: str) -> str:
        """The answers as a query string, for links and redirects."""
        pairs = [(k, v) for k, vs in self.raw.items() if k not in without for v in vs if v]
        pairs += [(k, v) for k, v in extra.items() if v]
        return urlencode(pairs)

    def at(self, stage: Stage) -> Answers:
        """The same answers read against another stage: a stage page shows its own stage."""
        return replace(self, stage=stage)


def read_raw(query: QueryDict, content: Content) -> dict[str, list[str]]:
    """Only the fields of our questions, trimmed and length-capped; anything else is ignored."""
    raw: dict[str, list[str]] = {}
    for question in content.questions:
        for name in question.fields:
            values = [v.strip()[: MAX_FIELD_LENGTH * 10] for v in query.getlist(name)]
            values = [v for v in values if v]
            if values:
                raw[name] = values
    return raw


def read_answers(query: QueryDict, content: Content, *, today: dt.date) -> Answers:
    """Check every answer given; questions not answered yet are simply absent."""
    raw = read_raw(query, content)
    answers = Answers(raw=raw, today=today, product=content.product(first(raw, PRODUCT_QUESTION)))
    for question in content.questions:
        if any(name in raw for name in question.fields):
            check_question(question, answers)
    if answers.days is not None:
        answers.stage = content.stage_for_days(answers.days)
    return answers


def first(raw: Mapping[str, list[str]], name: str) -> str:
    return (raw.get(name) or [""])[0]


def check_question(question: Question, answers: Answers) -> bool:
    """Check one question, even if left empty (the person pressed Continue): its value, or the
    rule it broke at its field. True when it passed."""
    for name in question.fields:
        answers.errors.pop(name, None)
    try:
        answers.values[question.id] = question.clean(answers.raw, today=answers.today)
    except Invalid as problem:
        answers.errors[problem.field] = problem.code
        answers.values.pop(question.id, None)
        return False
    return True


def matches(condition: Mapping[str, frozenset[str]], answers: Answers) -> bool:
    """Every key must match; a key matches when any of its values was answered. The key `stage`
    is the stage the answers are read against."""
    for key, wanted in condition.items():
        if key == "stage":
            given = frozenset([answers.stage.slug]) if answers.stage else frozenset()
        else:
            given = answers.choices(key)
        if not wanted & given:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# Walking the questions


def applicable(content: Content, answers: Answers) -> list[Question]:
    """The questions this person is asked, given what they answered so far."""
    return [q for q in content.questions if matches(q.ask_if, answers)]


def question_at(content: Content, question_id: str) -> Question | None:
    return next((q for q in content.questions if q.id == question_id), None)


@dataclass(frozen=True)
class Step:
    """Where a question stands among the ones this person is asked."""

    number: int  # from 1
    total: int
    previous: Question | None


def step_of(content: Content, answers: Answers, question: Question) -> Step:
    asked = applicable(content, answers)
    if question not in asked:
        asked.append(question)
    index = asked.index(question)
    return Step(index + 1, len(asked), asked[index - 1] if index else None)


def next_question(content: Content, answers: Answers, done: Question) -> Question | None:
    """The question after one the person just answered; None when the plan comes next."""
    asked = applicable(content, answers)
    later = asked[asked.index(done) + 1 :] if done in asked else []
    return later[0] if later else None
