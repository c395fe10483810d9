"""The kinds of question and reading what people type (stages/questions.py): each kind says what
its content must give and cleans its own answer; numbers and dates are read as people write them."""

from __future__ import annotations

import datetime as dt

import pytest

from stages.questions import Invalid, QuestionKind, parse_date, parse_days

TODAY = dt.date(2026, 11, 23)


def test_each_kind_needs_a_message_for_each_rule_it_checks(fixture_content) -> None:
    """Every code a kind's cleaning can raise has its message in the kind's list."""
    raised = {kind: set() for kind in QuestionKind}
    tries = ["", "x", "-3", "99999", "12", "2026-02-30", "2026-11-30", "1990-01-01", "2099-01-01"]
    for question in fixture_content.questions:
        for value in tries:
            for name in question.fields:
                for raw in ({name: [value]}, {n: [value] for n in question.fields}):
                    try:
                        question.clean(raw, today=TODAY)
                    except Invalid as problem:
                        raised[question.kind].add(problem.code)
        if question.none_value:
            try:
                question.clean({question.id: [question.none_value, "calls"]}, today=TODAY)
            except Invalid as problem:
                raised[question.kind].add(problem.code)
    for kind, codes in raised.items():
        assert codes and codes <= set(kind.messages), kind


def test_an_overdue_question_has_a_second_field_for_the_due_date() -> None:
    assert QuestionKind.OVERDUE.fields("days") == ("days", "due_date")
    assert QuestionKind.SINGLE.fields("product") == ("product",)


def test_single_takes_the_first_value_and_multi_all_of_them(fixture_content) -> None:
    product, happened = fixture_content.question("product"), fixture_content.question("happened")
    assert product.clean({"product": ["loan", "card"]}, today=TODAY) == "loan"
    assert happened.clean({"happened": ["papers", "calls", "papers"]}, today=TODAY) == [
        "papers",
        "calls",
    ]


def test_a_date_question_may_be_left_empty(fixture_content) -> None:
    assert fixture_content.question("papers_date").clean({}, today=TODAY) is None


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
    assert parse_days(typed, max_days=10950) == days


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
    with pytest.raises(Invalid) as caught:
        parse_days(typed, max_days=10950)
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
    assert parse_date(typed, field="due_date") == date


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
    with pytest.raises(Invalid) as caught:
        parse_date(typed, field="due_date")
    assert caught.value.code == "bad_date"


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("11月19日", dt.date(2026, 11, 19)),  # earlier this year
        ("11-25", dt.date(2026, 11, 25)),  # today
        ("12月3日", dt.date(2025, 12, 3)),  # not yet this year: last year's
    ],
)
def test_a_past_date_may_leave_out_the_year(typed: str, date: dt.date) -> None:
    """Papers received "11月19日" were received on the last 19 November, not in the future."""
    assert parse_date(typed, field="papers_date", past_of=dt.date(2026, 11, 25)) == date


def test_a_date_without_a_year_needs_one_where_it_may_lie_ahead() -> None:
    """A due date may be in the future, so "12月3日" alone would be a guess."""
    with pytest.raises(Invalid):
        parse_date("12月3日", field="due_date")
