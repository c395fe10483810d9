"""Reading questionnaire answers from the URL, and walking the questions (stages/answers.py), on
the fixture content set."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from stages.answers import applicable, check_question, matches, next_question, read_answers, step_of

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def read(fixture_content):
    return lambda query: read_answers(QueryDict(query), fixture_content, today=TODAY)


def test_due_date_gives_days_in_shanghai_calendar(read) -> None:
    """Days overdue = today (Asia/Shanghai) minus the due date; a future date is negative."""
    assert read("due_date=2026-11-03").days == 20
    assert read("due_date=2026-11-30").days == -7
    assert read("due_date=2026-11-23").days == 0


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("days=abc", "days", "not_a_number"),
        ("days=-4", "days", "negative"),
        ("days=1001", "days", "too_large"),
        ("due_date=2026-02-30", "due_date", "bad_date"),
        ("due_date=2020-01-01", "due_date", "too_old"),
        ("due_date=2027-01-01", "due_date", "too_far"),
        ("days=3&due_date=2026-11-01", "days", "both"),
        ("days=3&product=house", "product", "invalid"),
        ("days=3&happened=none&happened=calls", "happened", "none_and_other"),
        ("days=3&happened=ufo", "happened", "invalid"),
        ("days=3&papers_date=2026-12-01", "papers_date", "future"),
        ("days=3&papers_date=2024-01-01", "papers_date", "too_old"),
    ],
)
def test_each_rule_names_its_message_at_its_field(read, fixture_content, query, field, code):
    """A broken answer is reported at its own field, with a message its question carries."""
    answers = read(query)
    assert answers.errors == {field: code}
    question = next(q for q in fixture_content.questions if field in q.fields)
    assert question.errors[code].en


def test_an_empty_answer_gets_the_empty_message_unless_optional(fixture_content) -> None:
    for question in fixture_content.questions:
        answers = read_answers(QueryDict(""), fixture_content, today=TODAY)
        assert check_question(question, answers) is question.optional
        assert list(answers.errors.values()) == ([] if question.optional else ["empty"])


def test_raw_answers_are_kept_even_when_wrong(read) -> None:
    """Never a lost answer: the typed text survives a failed check."""
    answers = read("days=twelve&product=card")
    assert answers.first("days") == "twelve"
    assert "days=twelve" in answers.query()


def test_unknown_parameters_are_ignored(read) -> None:
    answers = read("days=3&utm_source=x&name=Li")
    assert set(answers.raw) == {"days"}
    assert "name" not in answers.query()


def test_answers_carry_their_day_stage_and_product(read) -> None:
    """Resolved once, when read: every page and the plan use the same."""
    answers = read("days=12&product=card")
    assert (answers.today, answers.stage.slug, answers.product.id) == (TODAY, "middle", "card")
    assert read("due_date=2026-11-30").stage.slug == "before-due"
    unanswered = read("product=house")
    assert (unanswered.stage, unanswered.product.id) == (None, "general")


def test_conditions_match_every_key_and_any_value(read) -> None:
    answers = read("days=12&product=card&happened=calls&happened=papers")
    assert matches({"product": frozenset({"card", "loan"})}, answers)
    assert matches({"happened": frozenset({"papers"}), "stage": frozenset({"middle"})}, answers)
    assert not matches({"happened": frozenset({"none"}), "product": frozenset({"card"})}, answers)
    assert not matches({"stage": frozenset({"middle"})}, read("product=card"))  # no days


def test_a_stage_page_reads_answers_against_its_own_stage(read, fixture_content) -> None:
    late = fixture_content.get_stage("late")
    answers = read("days=12").at(late)
    assert matches({"stage": frozenset({"late"})}, answers) and answers.days == 12


def test_a_question_is_asked_only_when_earlier_answers_call_for_it(read, fixture_content) -> None:
    without = [q.id for q in applicable(fixture_content, read("days=40&happened=calls"))]
    with_papers = [q.id for q in applicable(fixture_content, read("days=40&happened=papers"))]
    assert "papers_date" not in without
    assert with_papers == [q.id for q in fixture_content.questions]


def test_steps_count_only_the_questions_asked(read, fixture_content) -> None:
    papers, happened = fixture_content.question("papers_date"), fixture_content.question("happened")
    step = step_of(fixture_content, read("days=40&happened=papers"), papers)
    assert (step.number, step.total, step.previous) == (5, 5, happened)
    # A question shown out of turn (its answer was changed) is counted after the others.
    assert step_of(fixture_content, read("days=40&happened=calls"), papers).number == 5
    assert step_of(fixture_content, read(""), fixture_content.questions[0]).previous is None


def test_the_next_question_skips_what_is_not_asked_and_ends_at_the_plan(read, fixture_content):
    happened, papers = fixture_content.question("happened"), fixture_content.question("papers_date")
    assert next_question(fixture_content, read("days=40&happened=papers"), happened) == papers
    assert next_question(fixture_content, read("days=40&happened=calls"), happened) is None
    assert next_question(fixture_content, read("days=40"), papers) is None  # not asked


def test_a_due_date_may_be_up_to_its_limit_ahead(read, fixture_content) -> None:
    ahead = fixture_content.questions[0].max_days_ahead
    last = TODAY + dt.timedelta(days=ahead)
    assert read(f"due_date={last.isoformat()}").days == -ahead
    later = last + dt.timedelta(days=1)
    assert read(f"due_date={later.isoformat()}").errors == {"due_date": "too_far"}
