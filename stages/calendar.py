"""The plan as an iCalendar file: when each later stage typically begins, and each deadline."""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from stages.content import get_content
from stages.plan import Plan

SHANGHAI = ZoneInfo("Asia/Shanghai")
REMINDER_TIME = dt.time(9, 0)  # a morning event is easier to act on than an all-day banner


def _event(*, summary: str, description: str, day: dt.date, uid_seed: str) -> Event:
    event = Event()
    start = dt.datetime.combine(day, REMINDER_TIME, tzinfo=SHANGHAI)
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=30))
    event.add("dtstamp", dt.datetime.now(tz=dt.UTC))
    # Stable ids: importing the same plan twice updates the events instead of duplicating them.
    event.add("uid", hashlib.sha256(uid_seed.encode()).hexdigest()[:32] + "@overdue-help")
    return event


def plan_calendar_bytes(plan: Plan, *, language: str, plan_url: str) -> bytes:
    ui = get_content().ui
    name = ui["site_name"].get(language)
    calendar = Calendar()
    calendar.add("prodid", "-//Overdue Help//overdue-help//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for milestone in plan.milestones:
        title = milestone.stage.title.get(language)
        calendar.add_component(
            _event(
                summary=ui["ics_stage_summary"].get(language).format(stage=title),
                description=(
                    f"{milestone.stage.summary.get(language)}\n\n"
                    f"{ui['stage_pattern_note'].get(language)}\n\n{plan_url}"
                ),
                day=milestone.date,
                uid_seed=f"{plan_url}|stage|{milestone.stage.slug}",
            )
        )
    for step in plan.steps:
        if step.by is None:
            continue
        calendar.add_component(
            _event(
                summary=ui["ics_step_summary"]
                .get(language)
                .format(action=step.text.title.get(language)),
                description=f"{step.text.why.get(language)}\n\n{plan_url}",
                day=step.by,
                uid_seed=f"{plan_url}|step|{step.action.id}",
            )
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()
