"""The .ics export (stages/calendar.py)."""

from __future__ import annotations

import datetime as dt

from django.http import QueryDict
from django.test import Client
from icalendar import Calendar

from stages import answers as qa
from stages.calendar import plan_calendar_bytes
from stages.content import get_content
from stages.plan import build_plan

TODAY = dt.date(2026, 11, 23)


def calendar_for(query: str, language: str = "zh-hans") -> tuple[Calendar, object]:
    content = get_content()
    answers = qa.read_answers(QueryDict(query), content, today=TODAY)
    plan = build_plan(content, answers, today=TODAY)
    raw = plan_calendar_bytes(plan, language=language, plan_url="http://x/plan/?" + query)
    return Calendar.from_ical(raw), plan


def test_calendar_has_stage_dates_and_deadlines() -> None:
    calendar, plan = calendar_for("days=12&can_pay=none")
    events = calendar.walk("VEVENT")
    starts = [e.decoded("dtstart") for e in events]
    dated_steps = [s for s in plan.steps if s.by]
    assert len(events) == len(plan.milestones) + len(dated_steps)
    assert {d.date() for d in starts} >= {m.date for m in plan.milestones}
    assert all(str(d.tzinfo) == "Asia/Shanghai" for d in starts)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Shanghai"


def test_calendar_text_is_in_the_page_language() -> None:
    english, plan = calendar_for("days=12", language="en")
    chinese, _ = calendar_for("days=12", language="zh-hans")
    first_en = str(english.walk("VEVENT")[0]["SUMMARY"])
    first_zh = str(chinese.walk("VEVENT")[0]["SUMMARY"])
    assert plan.milestones[0].stage.title.en in first_en
    assert plan.milestones[0].stage.title.zh_hans in first_zh


def test_calendar_uids_are_stable() -> None:
    one, _ = calendar_for("days=12")
    two, _ = calendar_for("days=12")
    assert [str(e["UID"]) for e in one.walk("VEVENT")] == [
        str(e["UID"]) for e in two.walk("VEVENT")
    ]


def test_calendar_download(client: Client) -> None:
    response = client.get("/en/plan/calendar.ics?days=3&can_pay=part")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert Calendar.from_ical(response.content).walk("VEVENT")


def test_calendar_with_bad_days_goes_back_to_the_plan(client: Client) -> None:
    response = client.get("/plan/calendar.ics?days=oops")
    assert response.status_code == 302
    assert response["Location"].startswith("/plan/?days=oops")
