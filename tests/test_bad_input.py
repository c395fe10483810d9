"""Bad input on every form field and query parameter of every page: never a server error, never
markup echoed back, and what is refused gets a message at its field (stages/answers.py, views)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stages.content import get_content
from tests.pages import LANGUAGE_PREFIXES, page_paths

# Every field of every question: a question added to content/questions.yaml is fuzzed too.
ANSWER_FIELDS = [name for question in get_content().questions for name in question.fields]
# Every parameter a page reads, by path; the answer pages read the questionnaire's fields.
PARAMETERS = {
    "/check/": [*ANSWER_FIELDS, "step", "from"],
    "/plan/": ANSWER_FIELDS,
    "/plan/calendar.ics": ANSWER_FIELDS,
    "/scripts/": ANSWER_FIELDS,
    "/letter/": ANSWER_FIELDS,
    "/rights/": ["contact", "lender"],
    "/scam-check/": [],
    "/budget/": [],  # reads only a POST body; tests/test_budget.py fuzzes that
}
PAGES_WITHOUT_PARAMETERS = [p for p in page_paths().values() if "?" not in p]
PROBE = "<zz-probe>"  # a tag no page contains: if it comes back unescaped, input was reflected

NASTY = [
    "１２",  # full-width digits
    "١٢",  # Arabic-Indic digits
    "12天",
    "12 days",
    "1e9",
    str(10**30),
    "9" * 5000,
    "-0",
    "-5",
    "+7",
    "NaN",
    "Infinity",
    "0x1F",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "1; DROP TABLE debts;",
    "{{ 7*7 }}",
    "{% debug %}",
    "\x00",
    "\u202e12",  # right-to-left override
    "x" * 100_000,
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "99999-01-01",
    "9999-12-31",
    "1900-01-01",
    "2026年11月3日",
    "2026/11/3",
    "２０２６－１１－０３",
    "",
    " ",
]

text_values = st.one_of(st.text(max_size=300), st.sampled_from(NASTY))
queries = st.lists(
    st.tuples(st.sampled_from(sorted({f for fs in PARAMETERS.values() for f in fs})), text_values),
    max_size=8,
)


def is_clean(response) -> None:
    assert response.status_code < 500
    assert response.status_code in (200, 302, 404, 405), response.status_code
    if response.get("Content-Type", "").startswith("text/html"):
        assert PROBE not in response.content.decode("utf-8", "replace")


def client_get(client: Client, path: str, pairs: list[tuple[str, str]], **headers: str):
    return client.get(path, [(k, v) for k, v in pairs], headers=headers)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=st.sampled_from(sorted(PARAMETERS)), pairs=queries, htmx=st.booleans())
def test_any_query_never_breaks_a_page(client: Client, path: str, pairs, htmx: bool) -> None:
    headers = {"HX-Request": "true"} if htmx else {}
    is_clean(client_get(client, path, pairs, **headers))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(sorted(PARAMETERS)),
    field=st.sampled_from(sorted({f for fs in PARAMETERS.values() for f in fs})),
    before=st.text(max_size=40),
    after=st.text(max_size=40),
    target=st.sampled_from(["", "stage-preview", "question", "contact-result"]),
)
def test_markup_in_any_field_is_never_reflected(
    client: Client, path: str, field: str, before: str, after: str, target: str
) -> None:
    headers = {"HX-Request": "true", "HX-Target": target} if target else {}
    value = before + PROBE + after
    is_clean(
        client_get(client, path, [(field, value), ("from", field), ("step", field)], **headers)
    )
    is_clean(client_get(client, path, [("days", "3"), (field, value), ("from", field)]))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(message=st.one_of(st.text(max_size=4000), st.sampled_from(NASTY)), pitch=text_values)
def test_scam_check_takes_any_message(client: Client, message: str, pitch: str) -> None:
    for data in ({"message": message}, {"message": message + PROBE}, {"pitch": pitch}):
        is_clean(client.post("/en/scam-check/", data))
        is_clean(client.post("/en/scam-check/", data, headers={"HX-Request": "true"}))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(days=text_values)
def test_a_refused_days_answer_gets_a_message_at_the_field(client: Client, days: str) -> None:
    """Continue on the first step either moves on, or says what is wrong beside the field."""
    response = client.get("/en/check/", {"from": "days", "days": days})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        page = response.content.decode()
        assert 'class="error-summary"' in page
        assert 'href="#field-days"' in page and 'id="days-error"' in page
        assert 'aria-invalid="true"' in page
        messages = get_content().question("days").errors
        assert any(str(m.en) in page for m in messages.values())


TABLE = [
    # (query, what must happen) for the first question; a redirect moves on to the next step.
    ("days=%EF%BC%91%EF%BC%92", "next"),  # full-width 12
    ("days=%D9%A1%D9%A2", "next"),  # Arabic-Indic 12
    ("days=1%D9%A1", "not_a_number"),  # "1١": two scripts, not 11
    ("days=12%E5%A4%A9", "next"),  # 12天
    ("days=-0", "next"),
    ("days=1e9", "not_a_number"),
    (f"days={10**30}", "too_large"),
    ("days=NaN", "not_a_number"),
    ("days=-5", "negative"),
    ("days=%3Cb%3E12%3C%2Fb%3E", "not_a_number"),
    ("days=12%27%20OR%201%3D1", "not_a_number"),
    ("days=" + "9" * 100_000, "too_large"),
    ("days=%FF%FE", "not_a_number"),  # invalid UTF-8
    ("due_date=2026-02-30", "bad_date"),
    ("due_date=1900-01-01", "too_old"),
    ("due_date=99999-01-01", "bad_date"),
    ("due_date=9999-12-31", "too_far"),
    ("due_date=%FF", "bad_date"),
    ("due_date=-2026-01-01", "bad_date"),  # a minus year, not 2026
    ("days=5&due_date=2026-11-01", "both"),
    ("days=5&days=abc", "next"),  # repeated: the first one counts
    ("days=abc&days=5", "not_a_number"),
]


@pytest.mark.parametrize(("query", "expected"), TABLE)
def test_nasty_answers_to_the_first_question(client: Client, query: str, expected: str) -> None:
    response = client.get(f"/en/check/?from=days&{query}")
    if expected == "next":
        assert response.status_code == 302
        assert "step=product" in response["Location"]
        return
    assert response.status_code == 200
    message = get_content().question("days").errors[expected].en
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "step=papers_date&from=papers_date&days=40&happened=court_papers&papers_date=2999-01-01",
        "step=papers_date&from=papers_date&days=40&happened=court_papers&papers_date=1800-01-01",
        "step=product&from=product&days=4&product=%3Cscript%3E",
        "step=happened&from=happened&days=4&happened=none&happened=threats",
        "step=nonsense&from=nonsense&days=4",
    ],
)
def test_nasty_answers_to_later_questions_are_refused_at_the_field(client: Client, query) -> None:
    response = client.get(f"/en/check/?{query}")
    assert response.status_code in (200, 302)
    if "nonsense" in query:
        return  # an unknown step falls back to the first question
    page = response.content.decode()
    field = re.search(r"from=(\w+)", query)[1]
    assert 'class="error-summary"' in page and f'href="#field-{field}"' in page
    assert f'id="{field}-error"' in page  # the message beside the field


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("path", PAGES_WITHOUT_PARAMETERS)
def test_pages_ignore_unknown_and_repeated_parameters(
    client: Client, prefix: str, path: str
) -> None:
    response = client.get(prefix + path, {"utm": PROBE, "x": ["1", "2"], "days": ["1", "2"]})
    is_clean(response)
    assert response.status_code == (404 if "no-such-page" in path else 200)


@pytest.mark.parametrize("slug", ["..", "%00", "a" * 1000, "<b>", "calls%2F..%2F", "legal.yaml"])
def test_odd_stage_addresses_are_404(client: Client, slug: str) -> None:
    response = client.get(f"/stages/{slug}/")
    is_clean(response)
    assert response.status_code == 404


def test_invalid_utf8_in_the_query_string_is_handled(client: Client) -> None:
    for path in PARAMETERS:
        response = client.generic("GET", path, QUERY_STRING="days=%FF%FE&product=%C3%28&from=days")
        is_clean(response)
    assert re.search(
        r"error-summary", client.get("/en/check/?from=days&days=%C3%28").content.decode()
    )
