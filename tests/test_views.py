"""Pages and the questionnaire flow (stages/views.py), through Django's test client."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.http import QueryDict
from django.test import Client

from stages.answers import Answers, applicable, read_answers, step_of
from stages.content import get_content

LANGUAGES = {"": "zh-Hans", "/zh-hant": "zh-Hant", "/en": "en"}
TODAY = dt.date(2026, 11, 23)


def stage_days() -> list[tuple[int, str]]:
    """Each overdue stage's first and last day (a year on, for the open-ended last one)."""
    stages = get_content().stages
    return [(s.first_day, s.slug) for s in stages] + [
        (s.last_day or s.first_day + 365, s.slug) for s in stages
    ]


def read(query: str) -> Answers:
    return read_answers(QueryDict(query), get_content(), today=TODAY)


def test_language_switcher_keeps_page_and_answers(client: Client) -> None:
    page = client.get("/plan/?days=12&can_pay=none").content.decode()
    assert 'href="/en/plan/?days=12&amp;can_pay=none"' in page
    assert 'href="/zh-hant/plan/?days=12&amp;can_pay=none"' in page


def test_unknown_page_is_404_in_the_reader_language(client: Client) -> None:
    english = client.get("/en/no-such-page/")
    chinese = client.get("/no-such-page/")
    assert english.status_code == chinese.status_code == 404
    assert get_content().ui["not_found_title"].en in english.content.decode()
    assert get_content().ui["not_found_title"].zh_hans in chinese.content.decode()


def test_unknown_stage_is_404(client: Client) -> None:
    assert client.get("/stages/nope/").status_code == 404


@pytest.mark.parametrize(("days", "slug"), stage_days())
def test_plan_main_carries_the_stage_the_days_fall_in(client: Client, days: int, slug: str) -> None:
    assert f'data-stage="{slug}"' in client.get(f"/plan/?days={days}").content.decode()


def test_plan_accepts_full_width_digits_and_spaces(client: Client) -> None:
    response = client.get("/plan/", {"days": " １２ "})
    assert f'data-stage="{get_content().stage_for_days(12).slug}"' in response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "language"), [("", "zh_hans"), ("/zh-hant", "zh_hant"), ("/en", "en")]
)
def test_plan_with_bad_days_asks_again_with_message(client: Client, prefix, language) -> None:
    response = client.get(prefix + "/plan/?days=abc")
    page = response.content.decode()
    message = getattr(get_content().question("days").errors["not_a_number"], language)
    assert response.status_code == 200
    assert message in page
    assert 'aria-invalid="true"' in page
    assert 'class="error-summary"' in page
    assert 'value="abc"' in page  # the answer is not lost
    assert "data-stage" not in page


def test_plan_without_answers_starts_the_questionnaire(client: Client) -> None:
    response = client.get("/plan/")
    assert response.status_code == 302 and response["Location"] == "/check/"


def an_answer(question) -> str:
    """Something each kind of question takes: a number of days, a choice, or nothing (optional)."""
    match question.kind:
        case "overdue":
            return "12"
        case "single" | "multi":
            return next(c.value for c in question.choices if c.value != question.none_value)
    return ""


def test_questionnaire_walks_to_the_plan_without_javascript(client: Client) -> None:
    """Each step is a GET form; Continue redirects to the next step, the last one to the plan."""
    content = get_content()
    url, asked = "/check/", []
    while url.startswith("/check/"):
        page = client.get(url).content.decode()
        step = re.search(r'name="from" value="(\w+)"', page).group(1)
        asked.append(step)
        hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', page))
        hidden.pop("from")
        answer = an_answer(content.question(step))
        response = client.get("/check/", {**hidden, "from": step, step: answer})
        assert response.status_code == 302, step
        url = response["Location"]
    assert url.startswith("/plan/?")
    assert asked == [q.id for q in applicable(content, read(url.split("?")[1]))]
    assert f'data-stage="{content.stage_for_days(12).slug}"' in client.get(url).content.decode()


def test_questionnaire_error_keeps_every_other_answer(client: Client) -> None:
    response = client.get("/en/check/?from=product&days=12&can_pay=part")
    page = response.content.decode()
    assert response.status_code == 200
    assert get_content().question("product").errors["empty"].en in page
    assert "<title>Error:" in page
    assert 'name="days" value="12"' in page and 'name="can_pay" value="part"' in page


def test_questionnaire_progress_and_back_link(client: Client) -> None:
    content = get_content()
    product = content.question("product").choices[0].value
    query = f"days=12&product={product}"
    step = step_of(content, read(query), content.question("can_pay"))
    page = client.get(f"/en/check/?step=can_pay&{query}").content.decode()
    assert f"Step {step.number} of {step.total}" in page and step.number > 1
    back = f"/en/check/?{query.replace('&', '&amp;')}&amp;step={step.previous.id}"
    assert f'href="{back}"' in page


def test_a_question_asked_only_after_an_answer_adds_a_step(client: Client) -> None:
    """A question with `ask_if` counts once its condition is answered."""
    content = get_content()
    later = next(q for q in content.questions if q.ask_if)
    key, values = next(iter(later.ask_if.items()))
    last = content.questions[-1].id
    without = client.get(f"/en/check/?step={last}&days=40").content.decode()
    with_it = client.get(f"/en/check/?step={last}&days=40&{key}={min(values)}").content.decode()
    total = lambda page: int(re.search(r"Step \d+ of (\d+)", page).group(1))  # noqa: E731
    assert total(with_it) == total(without) + 1


def test_htmx_step_returns_only_the_question_and_its_title(client: Client) -> None:
    """The step and a root-level <title>, which htmx puts in the tab: the full page's title."""
    response = client.get(
        "/check/?step=product&days=12", headers={"HX-Request": "true", "HX-Target": "question"}
    )
    page = response.content.decode()
    full = client.get("/check/?step=product&days=12").content.decode()
    title = re.search(r"<title>.*?</title>", full).group()
    assert page.startswith(title + '\n<div id="question"')
    assert "<html" not in page
    assert response["HX-Push-Url"] == "/check/?step=product&days=12"


def test_htmx_stage_preview_fragment(client: Client) -> None:
    headers = {"HX-Request": "true", "HX-Target": "stage-preview"}
    page = client.get("/en/check/?days=20", headers=headers).content.decode()
    assert page.strip().startswith('<div id="stage-preview">')
    stage = get_content().stage_for_days(20)
    assert stage.title.en in page
    empty = client.get("/en/check/?days=xyz", headers=headers).content.decode()
    assert stage.title.en not in empty


def test_htmx_last_step_redirects_the_whole_page(client: Client) -> None:
    response = client.get(
        "/check/?from=situation&days=3&product=baitiao&can_pay=all&happened=none&situation=none",
        headers={"HX-Request": "true", "HX-Target": "question"},
    )
    assert response["HX-Redirect"].startswith("/plan/?days=3")


def test_stage_page_shows_sources_and_review_date(client: Client) -> None:
    stage = get_content().stages[-1]
    page = client.get(f"/en/stages/{stage.slug}/").content.decode()
    assert "Last reviewed: " + f"{stage.reviewed.day} " in page
    for source in stage.all_sources:
        assert f'id="source-{source.id}"' in page


@pytest.mark.parametrize(
    ("answers", "page"),
    [
        ("happened=threats", "/rights/"),
        ("happened=calls_contacts", "/family-card/"),
        ("happened=agency", "/scam-check/"),
        ("happened=calls_me", "/log/"),
        ("can_pay=none", "/scripts/"),
    ],
)
def test_plan_links_the_pages_the_answers_call_for(client: Client, answers: str, page: str) -> None:
    plan = client.get(f"/plan/?days=20&{answers}").content.decode()
    assert f'href="{page}"' in plan


def test_plan_links_letter_and_scripts_with_the_answers(client: Client) -> None:
    plan = client.get("/plan/?days=20&can_pay=part").content.decode()
    assert 'href="/letter/?days=20&amp;can_pay=part"' in plan
    assert 'href="/scripts/?days=20&amp;can_pay=part"' in plan


def test_plan_without_those_answers_does_not_push_unrelated_pages(client: Client) -> None:
    plan = client.get("/plan/?days=3&can_pay=all&happened=none").content.decode()
    assert 'href="/family-card/"' not in plan.split("checklist")[1].split("plan-tools")[0]


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_server_error_page_is_in_the_reader_language(client: Client, prefix: str) -> None:
    """A view that fails shows our 500 page, with the answers still in the address."""
    from unittest import mock

    client.raise_request_exception = False
    with mock.patch("stages.views.build_plan", side_effect=RuntimeError("boom")):
        response = client.get(prefix + "/plan/?days=12")
    assert response.status_code == 500
    title = get_content().ui["server_error_title"]
    assert title.get(LANGUAGES[prefix]) in response.content.decode()
    assert f'<html lang="{LANGUAGES[prefix]}">' in response.content.decode()


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/zh-hans/", "/"),
        ("/zh-hans", "/"),
        ("/zh-Hans/plan/?days=12&product=baitiao", "/plan/?days=12&product=baitiao"),
        ("/zh-hans//evil.example/", "/evil.example/"),  # stays on this site
    ],
)
def test_the_default_language_prefix_leads_to_the_unprefixed_page(client, path, target) -> None:
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target
