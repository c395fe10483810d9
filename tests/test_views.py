"""Pages and the questionnaire flow (stages/views.py), through Django's test client."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from stages.content import get_content

LANGUAGES = {"": "zh-Hans", "/zh-hant": "zh-Hant", "/en": "en"}
STAGES = [s.slug for s in (*get_content().stages, get_content().before_due)]
PAGES = ["/", "/stages/", "/check/", "/sources/", "/plan/?days=12"]
PAGES += [f"/stages/{slug}/" for slug in STAGES]
PAGES += [f"/check/?step={q.id}&days=40&happened=court_papers" for q in get_content().questions]


@pytest.mark.parametrize("prefix", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_in_every_language(client: Client, prefix: str, path: str) -> None:
    response = client.get(prefix + path)
    assert response.status_code == 200
    assert f'<html lang="{LANGUAGES[prefix]}">' in response.content.decode()


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


@pytest.mark.parametrize(
    ("days", "slug"),
    [("0", "reminders"), ("17", "calls"), ("18", "escalation"), ("10000", "legal")],
)
def test_plan_main_carries_the_stage(client: Client, days: str, slug: str) -> None:
    assert f'data-stage="{slug}"' in client.get(f"/plan/?days={days}").content.decode()


def test_plan_accepts_full_width_digits_and_spaces(client: Client) -> None:
    response = client.get("/plan/", {"days": " １２ "})
    assert 'data-stage="calls"' in response.content.decode()


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


def test_questionnaire_walks_to_the_plan_without_javascript(client: Client) -> None:
    """Each step is a GET form; Continue redirects to the next step, the last one to the plan."""
    response = client.get("/check/?from=days&days=12")
    assert response.status_code == 302
    url = response["Location"]
    assert url == "/check/?days=12&step=product"
    answers = {"product": "baitiao", "can_pay": "none", "happened": "calls_me", "situation": "none"}
    for name, value in answers.items():
        page = client.get(url).content.decode()
        assert f'name="from" value="{name}"' in page
        hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', page))
        hidden.pop("from")
        response = client.get("/check/", {**hidden, "from": name, name: value})
        assert response.status_code == 302
        url = response["Location"]
    assert url.startswith("/plan/?")
    plan = client.get(url).content.decode()
    assert 'data-stage="calls"' in plan


def test_questionnaire_error_keeps_every_other_answer(client: Client) -> None:
    response = client.get("/en/check/?from=product&days=12&can_pay=part")
    page = response.content.decode()
    assert response.status_code == 200
    assert get_content().question("product").errors["empty"].en in page
    assert "<title>Error:" in page
    assert 'name="days" value="12"' in page and 'name="can_pay" value="part"' in page


def test_questionnaire_progress_and_back_link(client: Client) -> None:
    page = client.get("/en/check/?step=can_pay&days=12&product=baitiao").content.decode()
    assert "Step 3 of 5" in page
    assert 'href="/en/check/?days=12&amp;product=baitiao&amp;step=product"' in page


def test_court_papers_add_a_step(client: Client) -> None:
    page = client.get("/en/check/?step=situation&days=40&happened=court_papers").content.decode()
    assert "Step 6 of 6" in page


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
    assert get_content().get_stage("escalation").title.en in page
    empty = client.get("/en/check/?days=xyz", headers=headers).content.decode()
    assert "escalation" not in empty.lower()


def test_htmx_last_step_redirects_the_whole_page(client: Client) -> None:
    response = client.get(
        "/check/?from=situation&days=3&product=baitiao&can_pay=all&happened=none&situation=none",
        headers={"HX-Request": "true", "HX-Target": "question"},
    )
    assert response["HX-Redirect"].startswith("/plan/?days=3")


@pytest.mark.parametrize("path", PAGES[:5])
def test_no_cookies_and_strict_headers(client: Client, path: str) -> None:
    response = client.get(path)
    assert not response.cookies
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_load_nothing_from_other_sites(client: Client) -> None:
    """No CDN, fonts, analytics or embeds: src= and stylesheet links point at our own server."""
    for path in PAGES[:5]:
        page = client.get(path).content.decode()
        assert not re.findall(r'\bsrc="(?:https?:)?//', page)
        assert not re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="(?:https?:)?//', page)


def test_every_ui_key_used_in_templates_exists() -> None:
    """A missing key would render as empty text: a half-translated page."""
    ui = get_content().ui
    used = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        used |= set(re.findall(r"\bui\.(\w+)", template.read_text(encoding="utf-8")))
    assert used
    assert used - set(ui) == set()


def test_every_action_link_has_a_label_and_a_page() -> None:
    ui = get_content().ui
    for action in get_content().actions.values():
        for text in (action.base, *(variant.text for variant in action.variants)):
            for name in text.links:
                assert name in ui, action.id
                assert reverse(name), action.id


def test_stage_page_shows_sources_and_review_date(client: Client) -> None:
    page = client.get("/en/stages/legal/").content.decode()
    stage = get_content().get_stage("legal")
    assert "Last reviewed: " + f"{stage.reviewed.day} " in page
    for source in stage.all_sources:
        assert f'id="source-{source.id}"' in page


NEW_PAGES = ["/rights/", "/scam-check/", "/log/", "/scripts/", "/credit/", "/family-card/"]


@pytest.mark.parametrize("prefix", LANGUAGES)
@pytest.mark.parametrize("path", [*NEW_PAGES, "/letter/?days=9&can_pay=part"])
def test_issue_4_pages_answer_in_every_language(client: Client, prefix: str, path: str) -> None:
    response = client.get(prefix + path)
    assert response.status_code == 200
    assert f'<html lang="{LANGUAGES[prefix]}">' in response.content.decode()


@pytest.mark.parametrize("path", [*PAGES[:5], *NEW_PAGES])
def test_every_page_has_a_quick_exit(client: Client, path: str) -> None:
    page = client.get(path).content.decode()
    assert re.search(
        r'<a class="quick-exit" href="https://[^"]+" rel="noreferrer" data-quick-exit>', page
    )


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
