"""The .ics export and the help-line contacts (stages/calendar.py): reminders keep the secret."""

from __future__ import annotations

import datetime as dt

import pytest
import vobject
from django.http import QueryDict
from django.test import Client
from icalendar import Calendar

from stages.answers import read_answers
from stages.calendar import SHANGHAI, plan_calendar_bytes
from stages.content import get_content
from stages.plan import build_plan

TODAY = dt.date(2026, 11, 23)
MORNING = dt.datetime(2026, 11, 23, 8, 0, tzinfo=SHANGHAI)
AFTERNOON = dt.datetime(2026, 11, 23, 15, 27, tzinfo=SHANGHAI)
LATE = dt.datetime(2026, 11, 23, 23, 30, tzinfo=SHANGHAI)


def calendar_for(query: str, *, now=MORNING, language="zh-hans", details=False):
    content = get_content()
    answers = read_answers(QueryDict(query), content, today=TODAY)
    plan = build_plan(content, answers)
    raw = plan_calendar_bytes(
        plan, language=language, plan_url="http://x/plan/?" + query, now=now, details=details
    )
    return Calendar.from_ical(raw), plan


def events(calendar: Calendar) -> list:
    return calendar.walk("VEVENT")


def test_titles_are_neutral_by_default() -> None:
    """Lock screens and shared calendars show titles: no stage, action or debt in them."""
    calendar, plan = calendar_for("days=12&product=baitiao&can_pay=none")
    titles = [str(e["SUMMARY"]) for e in events(calendar)]
    assert titles and all(t.startswith("提醒：") for t in titles)
    secret = [s.text.title.zh_hans for s in plan.steps] + [
        m.stage.title.zh_hans for m in plan.milestones
    ]
    for word in ("逾期", "催收", "欠款", "白条", *secret):
        assert not any(word in t for t in titles), word
    assert str(calendar["X-WR-CALNAME"]) == "我的提醒"
    # The detail is in the description.
    described = "\n".join(str(e["DESCRIPTION"]) for e in events(calendar))
    assert plan.steps[0].text.title.zh_hans in described


def test_details_in_titles_when_asked() -> None:
    calendar, plan = calendar_for("days=12&can_pay=none", details=True, language="en")
    titles = " ".join(str(e["SUMMARY"]) for e in events(calendar))
    assert plan.steps[0].text.title.en in titles
    assert plan.milestones[0].stage.title.en in titles


def test_steps_due_the_same_day_share_one_reminder_named_by_their_numbers() -> None:
    calendar, plan = calendar_for("days=12&can_pay=none&situation=income", language="en")
    by_day = {}
    for number, step in enumerate(plan.steps, start=1):
        by_day.setdefault(step.by, []).append(number)
    step_events = [e for e in events(calendar) if "step" in str(e["SUMMARY"])]
    assert len(step_events) == len(by_day)
    week = by_day[plan.parts[1].by]
    assert f"Reminder: step {week[0]}–{week[-1]}" in [str(e["SUMMARY"]) for e in step_events]


def test_every_timed_event_has_an_evening_and_a_morning_alarm() -> None:
    calendar, _ = calendar_for("days=3&can_pay=part", now=MORNING)
    for event in events(calendar):
        start = event.decoded("dtstart")
        triggers = sorted(a.decoded("trigger") for a in event.walk("VALARM"))
        if start.date() > TODAY:
            assert start.time() == dt.time(9, 0)
            assert triggers == [-dt.timedelta(hours=13), dt.timedelta(0)]  # 20:00 the day before
        for alarm in event.walk("VALARM"):
            assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])  # neutral on the lock screen


@pytest.mark.parametrize(("now", "start"), [(MORNING, dt.time(9, 0)), (AFTERNOON, dt.time(16, 0))])
def test_nothing_is_set_in_the_past(now, start) -> None:
    calendar, _ = calendar_for("days=3&can_pay=part", now=now)
    today = [e for e in events(calendar) if e.decoded("dtstart").date() == TODAY]
    assert [e.decoded("dtstart").time() for e in today] == [start]
    for event in events(calendar):
        begins = event.decoded("dtstart")
        assert begins >= now if isinstance(begins, dt.datetime) else begins >= now.date()
        for alarm in event.walk("VALARM"):
            assert begins + alarm.decoded("trigger") > now


def test_late_at_night_today_is_an_all_day_reminder_without_alarms() -> None:
    calendar, _ = calendar_for("days=3&can_pay=part", now=LATE)
    today = [e for e in events(calendar) if e.decoded("dtstart") == TODAY]
    assert len(today) == 1 and not today[0].walk("VALARM")


def test_a_court_deadline_says_its_date_and_the_15_days() -> None:
    calendar, _ = calendar_for("days=40&happened=court_papers&papers_date=2026-11-20")
    deadline = [e for e in events(calendar) if "2026-12-05" in str(e["DESCRIPTION"])]
    assert deadline and "15" in str(deadline[0]["DESCRIPTION"])
    assert deadline[0].decoded("dtstart").date() == dt.date(2026, 12, 5)


def test_calendar_uids_are_stable() -> None:
    one, _ = calendar_for("days=12")
    two, _ = calendar_for("days=12")
    assert [str(e["UID"]) for e in events(one)] == [str(e["UID"]) for e in events(two)]


def test_calendar_download_is_never_cached(client: Client) -> None:
    response = client.get("/en/plan/calendar.ics?days=3&can_pay=part&titles=details")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="reminders.ics"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert "Reminder:" not in response.content.decode()  # details were asked for
    assert events(Calendar.from_ical(response.content))


def test_the_plan_offers_the_choice_of_titles_in_a_form_that_keeps_the_answers(client) -> None:
    page = client.get("/plan/?days=12&product=jintiao&can_pay=part").content.decode()
    form = page[
        page.index('class="calendar-form"') : page.index("</form>", page.index("calendar-form"))
    ]
    assert 'name="titles" value="details"' in form and "checked" not in form
    assert 'name="days" value="12"' in form and 'name="product" value="jintiao"' in form


def test_calendar_with_bad_days_goes_back_to_the_plan(client: Client) -> None:
    response = client.get("/plan/calendar.ics?days=oops")
    assert response.status_code == 302
    assert response["Location"].startswith("/plan/?days=oops")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_help_numbers_save_as_contacts(client: Client, prefix: str) -> None:
    response = client.get(f"{prefix}/help-lines.vcf")
    assert response["Content-Type"].startswith("text/vcard")
    cards = list(vobject.readComponents(response.content.decode()))
    numbers = {card.tel.value for card in cards}
    assert numbers == {"110", "12368", "96110", "12356", "12378", "12348"}
    assert all(card.note.value and card.fn.value for card in cards)


@pytest.mark.parametrize(
    ("agent", "shown"),
    [
        ("Mozilla/5.0 (iPhone) AppleWebKit Mobile/15E148 MicroMessenger/8.0.50 NetType/WIFI", True),
        ("Mozilla/5.0 (Linux; Android 13) Mobile Safari/537.36 QQ/9.0.30.9040 V1_AND_SQ", True),
        (
            "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36",
            False,
        ),
    ],
)
@pytest.mark.parametrize("path", ["/plan/?days=12", "/letter/?days=12", "/family-card/", "/log/"])
def test_in_app_browsers_get_a_way_out(client: Client, agent: str, shown: bool, path: str) -> None:
    response = client.get(path, headers={"User-Agent": agent})
    assert ("in-app-notice" in response.content.decode()) is shown
    assert "User-Agent" in response["Vary"]


def test_every_help_number_in_the_text_can_be_tapped(client: Client) -> None:
    """A number in a sentence ("call 12368") is a tel: link too, not only in the help box."""
    import re

    numbers = [line.number for line in get_content().help_lines]
    for path in (
        "/plan/?days=40&happened=court_papers&happened=threats",
        "/stages/legal/",
        "/family-card/",
    ):
        page = client.get(path).content.decode()
        main = page[page.index("<main") : page.index("</main>")]
        # Plain text to copy (a text box) cannot hold links, nor can a link to a source (its
        # title is the source's own name).
        main = re.sub(r"<textarea.*?</textarea>", "", main, flags=re.S)
        main = re.sub(r'<ol class="sources">.*?</ol>', "", main, flags=re.S)
        bare = re.sub(r'<a [^>]*href="tel:(\d+)">\1</a>', "", main)
        bare = re.sub(r"<[^>]+>", " ", bare)
        for number in numbers:
            assert not re.search(rf"(?<![\d-]){number}(?![\d-])", bare), (path, number)
