"""The plan as an iCalendar file that keeps the secret: neutral titles by default ("Reminder:
step 2"), the detail in the description (lock screens and shared calendars show titles only),
alarms the evening before and on the morning, and nothing scheduled in the past."""

from __future__ import annotations

import datetime as dt
import hashlib
from itertools import groupby
from zoneinfo import ZoneInfo

import vobject
from icalendar import Alarm, Calendar, Event

from stages.content import get_content
from stages.content.models import Text
from stages.plan import Plan, Step

SHANGHAI = ZoneInfo("Asia/Shanghai")
MORNING = dt.time(9, 0)  # the day's reminder: early enough to act on that day
EVENING_BEFORE = dt.timedelta(hours=13)  # 20:00 the day before a 09:00 event
LAST_START = dt.time(22, 0)  # a reminder for today is not set for the night
DURATION = dt.timedelta(minutes=30)


def start_time(day: dt.date, now: dt.datetime) -> dt.datetime | None:
    """09:00 on the day; for today after 09:00, the next full hour; None when today is too late
    for a timed reminder (the event is then all-day)."""
    start = dt.datetime.combine(day, MORNING, tzinfo=SHANGHAI)
    if start > now:
        return start
    next_hour = now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    if day == now.date() and next_hour.time() < LAST_START and next_hour.date() == day:
        return next_hour
    return None


def reminder(*, summary: str, description: str, day: dt.date, now: dt.datetime, uid: str) -> Event:
    event = Event()
    event.add("summary", summary)
    event.add("description", description)
    start = start_time(day, now)
    if start is None:
        event.add("dtstart", day)  # all day, today
    else:
        event.add("dtstart", start)
        event.add("dtend", start + DURATION)
        for before in (EVENING_BEFORE, dt.timedelta(0)):
            if start - before > now:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", summary)  # what the lock screen shows: the title
                alarm.add("trigger", -before)
                event.add_component(alarm)
    event.add("dtstamp", now.astimezone(dt.UTC))
    # Stable ids: importing the same plan twice updates the events instead of duplicating them.
    event.add("uid", hashlib.sha256(uid.encode()).hexdigest()[:32] + "@overdue-help")
    return event


def step_numbers(steps: list[tuple[int, Step]]) -> str:
    first, last = steps[0][0], steps[-1][0]
    return str(first) if first == last else f"{first}–{last}"


def plan_calendar_bytes(
    plan: Plan, *, language: str, plan_url: str, now: dt.datetime, details: bool = False
) -> bytes:
    ui = get_content().ui

    def say(key: str, **values: object) -> str:
        return ui[key].get(language).format(**values)

    def text(value: Text) -> str:
        return value.get(language)

    calendar = Calendar()
    calendar.add("prodid", "-//Overdue Help//overdue-help//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", say("ics_calendar_name"))
    caveat = text(ui["stage_pattern_note"])
    for milestone in plan.milestones:
        if milestone.date < now.date():
            continue
        title = text(milestone.stage.title)
        summary = say("ics_stage_summary", stage=title) if details else say("ics_neutral_stage")
        lines = [say("ics_stage_summary", stage=title), text(milestone.stage.summary), caveat]
        calendar.add_component(
            reminder(
                summary=summary,
                description="\n\n".join([*lines, plan_url]),
                day=milestone.date,
                now=now,
                uid=f"{plan_url}|stage|{milestone.stage.slug}",
            )
        )
    # Steps due on the same day share one reminder; nothing is set for a day already gone.
    numbered = [
        (n, step) for n, step in enumerate(plan.steps, start=1) if step.by and step.by >= now.date()
    ]
    for day, group in groupby(sorted(numbered, key=lambda p: p[1].by), key=lambda p: p[1].by):
        steps = list(group)
        numbers = step_numbers(steps)
        titles = "; ".join(text(step.text.title) for _, step in steps)
        summary = (
            say("ics_step_summary", action=titles)
            if details
            else say("ics_neutral_steps", steps=numbers)
        )
        lines = [f"{n}. {text(step.text.title)}\n{text(step.text.why)}" for n, step in steps]
        for _, step in steps:
            if step.due and step.due.after:  # a court deadline: the date and the days it counts
                lines.append(say("ics_deadline", date=day.isoformat(), days=step.due.days))
        calendar.add_component(
            reminder(
                summary=summary,
                description="\n\n".join([*lines, plan_url]),
                day=day,
                now=now,
                uid=f"{plan_url}|steps|{numbers}",
            )
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def help_lines_vcf(content, *, language: str) -> str:
    """Each help line as a vCard: the number, its name and what it is for."""
    cards = []
    for line in content.help_lines:
        card = vobject.vCard()
        name = f"{line.number} {line.label.get(language)}"
        card.add("fn").value = name
        card.add("n").value = vobject.vcard.Name(family=name)
        tel = card.add("tel")
        tel.value = line.number
        tel.type_param = "VOICE"
        card.add("note").value = line.when.get(language)
        cards.append(card.serialize())
    return "".join(cards)
