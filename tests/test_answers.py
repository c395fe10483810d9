"""Reading questionnaire answers from the URL (stages/answers.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from stages import answers as qa
from stages.content import get_content

TODAY = dt.date(2026, 11, 23)


def read(query: str) -> qa.Answers:
    return qa.read_answers(QueryDict(query), get_content(), today=TODAY)


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("12", 12),
        (" 12 ", 12),
        ("１２", 12),  # full-width digits
        ("12天", 12),
        ("１２ 天", 12),
        ("12 days", 12),
        ("٣٠", 30),  # Arabic-Indic digits
        ("0", 0),
        ("-0", 0),
        ("007", 7),
        ("10950", 10950),
    ],
)
def test_parse_days_accepts_what_people_type(typed: str, days: int) -> None:
    assert qa.parse_days(typed, max_days=10950) == days


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("twelve", "not_a_number"),
        ("12.5", "not_a_number"),
        ("1e9", "not_a_number"),
        ("NaN", "not_a_number"),
        ("12 3", "not_a_number"),
        ("<b>1</b>", "not_a_number"),
        ("-3", "negative"),
        ("-99999999999", "negative"),
        ("10951", "too_large"),
        ("1" + "0" * 30, "too_large"),
        ("9" * 100_000, "too_large"),
        ("1١", "not_a_number"),  # two scripts' digits: int() would read 11
        ("١2", "not_a_number"),
        ("１٢", "not_a_number"),  # full-width (becomes ASCII) beside Arabic-Indic
    ],
)
def test_parse_days_refuses_with_the_right_rule(typed: str, code: str) -> None:
    with pytest.raises(qa.Invalid) as caught:
        qa.parse_days(typed, max_days=10950)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("2026-11-03", dt.date(2026, 11, 3)),
        ("2026/11/3", dt.date(2026, 11, 3)),
        ("2026年11月3日", dt.date(2026, 11, 3)),
        ("２０２６－１１－０３", dt.date(2026, 11, 3)),
        ("2026.11.03", dt.date(2026, 11, 3)),
        ("2026 - 11 - 03", dt.date(2026, 11, 3)),
        ("2026.11.3.", dt.date(2026, 11, 3)),
    ],
)
def test_parse_date_accepts_common_forms(typed: str, date: dt.date) -> None:
    assert qa.parse_date(typed, field="due_date") == date


@pytest.mark.parametrize(
    "typed",
    [
        "2026-02-30",
        "2026-13-01",
        "yesterday",
        "2026-11",
        "11/03/2026x",
        "-2026-01-01",  # reads as a year before zero, not as 2026
        "+2026-01-01",
        "/2026/01/01",
        "2026-01-01-01",
    ],
)
def test_parse_date_refuses_impossible_dates(typed: str) -> None:
    with pytest.raises(qa.Invalid) as caught:
        qa.parse_date(typed, field="due_date")
    assert caught.value.code == "bad_date"


def test_due_date_gives_days_in_shanghai_calendar() -> None:
    """Days overdue = today (Asia/Shanghai) minus the due date; a future date is negative."""
    assert read("due_date=2026-11-03").days == 20
    assert read("due_date=2026-11-30").days == -7
    assert read("due_date=2026-11-23").days == 0


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("days=abc", "days", "not_a_number"),
        ("days=-4", "days", "negative"),
        ("days=99999", "days", "too_large"),
        ("due_date=2026-02-30", "due_date", "bad_date"),
        ("due_date=1970-01-01", "due_date", "too_old"),
        ("due_date=2062-11-23", "due_date", "too_far"),
        ("days=3&due_date=2026-11-01", "days", "both"),
        ("days=3&product=house", "product", "invalid"),
        ("days=3&happened=none&happened=threats", "happened", "none_and_other"),
        ("days=3&happened=ufo", "happened", "invalid"),
        ("days=3&papers_date=2026-12-01", "papers_date", "future"),
        ("days=3&papers_date=2001-01-01", "papers_date", "too_old"),
    ],
)
def test_each_rule_names_its_message(query: str, field: str, code: str) -> None:
    """A broken answer is reported at its own field, and the message exists in every language."""
    answers = read(query)
    assert answers.errors == {field: code}
    question = next(q for q in get_content().questions if field in qa.field_names(q))
    message = question.errors[code]
    assert message.zh_hans and message.zh_hant and message.en


def test_every_question_has_a_message_for_empty_where_required() -> None:
    content = get_content()
    for question in content.questions:
        answers = qa.Answers(raw={})
        qa.check_question(question, answers, today=TODAY)
        if question.optional:
            assert not answers.errors
        else:
            (code,) = answers.errors.values()
            assert code == "empty"
            assert str(question.errors[code])


def test_raw_answers_are_kept_even_when_wrong() -> None:
    """Never a lost answer: the typed text survives a failed check."""
    answers = read("days=twelve&product=baitiao")
    assert answers.first("days") == "twelve"
    assert "days=twelve" in answers.query()


def test_unknown_parameters_are_ignored() -> None:
    answers = read("days=3&utm_source=x&name=Li")
    assert set(answers.raw) == {"days"}
    assert "name" not in answers.query()


def test_papers_date_is_asked_only_after_court_papers() -> None:
    content = get_content()
    without = [q.id for q in qa.applicable(content, read("days=40&happened=calls_me"))]
    with_papers = [q.id for q in qa.applicable(content, read("days=40&happened=court_papers"))]
    assert "papers_date" not in without
    assert "papers_date" in with_papers


def test_due_date_may_be_up_to_a_year_ahead() -> None:
    ahead = get_content().question("days").max_days_ahead
    last = TODAY + dt.timedelta(days=ahead)
    assert read(f"due_date={last.isoformat()}").days == -ahead
    later = last + dt.timedelta(days=1)
    assert read(f"due_date={later.isoformat()}").errors == {"due_date": "too_far"}
