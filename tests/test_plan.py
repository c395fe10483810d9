"""Answers -> checklist (stages/plan.py and content/plan_rules.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from stages import answers as qa
from stages.content import get_content
from stages.plan import build_plan

TODAY = dt.date(2026, 11, 23)


def plan_for(query: str):
    content = get_content()
    answers = qa.read_answers(QueryDict(query), content, today=TODAY)
    return build_plan(content, answers, today=TODAY)


def action_ids(query: str) -> list[str]:
    return [step.action.id for step in plan_for(query).steps]


def test_milestones_are_next_stage_starts_from_today() -> None:
    """12 days overdue: escalation starts at day 18 (in 6 days), legal at day 31 (in 19 days)."""
    plan = plan_for("days=12")
    assert [(m.stage.slug, m.in_days) for m in plan.milestones] == [
        ("escalation", 6),
        ("legal", 19),
    ]
    assert plan.milestones[0].date == TODAY + dt.timedelta(days=6)


def test_last_stage_has_no_milestones() -> None:
    assert plan_for("days=45").milestones == ()


def test_before_due_counts_to_the_due_date() -> None:
    plan = plan_for("due_date=2026-11-30")
    assert plan.stage.slug == "before-due"
    assert plan.milestones[0].stage.slug == "reminders"
    assert plan.milestones[0].date == dt.date(2026, 11, 30)
    pay = next(s for s in plan.steps if s.action.id == "pay-before-due")
    assert pay.by == dt.date(2026, 11, 29)  # the day before it becomes overdue


def test_each_action_appears_once() -> None:
    ids = action_ids("days=20&can_pay=none&situation=several_debts&happened=calls_contacts")
    assert len(ids) == len(set(ids))


def test_urgent_steps_come_first() -> None:
    plan = plan_for("days=20&can_pay=part&happened=threats&happened=calls_me")
    flags = [step.urgent for step in plan.steps]
    assert flags[0] is True
    assert flags == sorted(flags, reverse=True)


def test_court_papers_trigger_verification_and_15_day_deadline() -> None:
    plan = plan_for("days=40&happened=court_papers&papers_date=2026-11-20")
    steps = {step.action.id: step for step in plan.steps}
    assert steps["verify-court-papers"].by == TODAY
    assert steps["answer-court-papers"].by == dt.date(2026, 12, 5)  # 20 Nov + 15 days


def test_court_papers_without_date_gives_no_invented_deadline() -> None:
    steps = {s.action.id: s for s in plan_for("days=40&happened=court_papers").steps}
    assert steps["answer-court-papers"].by is None


def test_threats_bring_police_and_rights() -> None:
    plan = plan_for("days=20&happened=threats")
    ids = [step.action.id for step in plan.steps]
    assert ids[0] == "call-110"
    assert {"keep-records", "know-the-limits", "complain"} <= set(ids)
    assert plan.help_lines[0].number == "110"
    assert plan.highlighted == 1


def test_contacts_harassed_bring_family_card_and_complaint() -> None:
    ids = action_ids("days=10&happened=calls_contacts")
    assert {"protect-contacts", "complain", "keep-records"} <= set(ids)


@pytest.mark.parametrize("happened", ["personal_account", "agency"])
def test_scam_signs_bring_scam_warning(happened: str) -> None:
    plan = plan_for(f"days=10&happened={happened}")
    assert plan.steps[0].urgent
    assert {"no-personal-accounts", "avoid-debt-agencies"} & {s.action.id for s in plan.steps}
    assert plan.help_lines[0].number == "96110"


def test_nothing_right_now_gives_a_hardship_path() -> None:
    """Contact before the next stage, what to ask for, what not to agree to, no new loans."""
    plan = plan_for("days=10&can_pay=none")
    steps = {s.action.id: s for s in plan.steps}
    assert {"contact-lender", "ask-for-plan", "what-not-to-agree", "no-new-loan"} <= set(steps)
    assert "pay-what-you-can" not in steps
    next_stage_day = plan.milestones[0].date
    assert steps["contact-lender"].by == next_stage_day - dt.timedelta(days=1)


def test_can_pay_all_leads_with_paying_not_hardship() -> None:
    ids = action_ids("days=5&can_pay=all")
    assert "pay-what-you-can" in ids
    assert "what-not-to-agree" not in ids


def test_distress_highlights_the_support_line() -> None:
    plan = plan_for("days=10&situation=overwhelmed")
    assert plan.highlighted == 1
    assert plan.help_lines[0].number == "12356"


def test_no_distress_highlights_nothing() -> None:
    assert plan_for("days=10&situation=none").highlighted == 0


def test_plan_sources_cover_every_step() -> None:
    plan = plan_for("days=25&happened=threats&can_pay=none")
    ids = {s.id for s in plan.sources}
    for step in plan.steps:
        assert {s.id for s in step.action.sources} <= ids
