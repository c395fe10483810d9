"""Rights page and "Was this contact allowed?" (views.rights, content/rights.yaml)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils.html import escape

from stages.content import get_content
from stages.content.models import Route

RIGHTS = get_content().rights


@pytest.mark.parametrize("check", RIGHTS.checks, ids=lambda c: c.id)
def test_each_check_shows_rule_evidence_and_route(client: Client, check) -> None:
    page = client.get(f"/en/rights/?contact={check.id}&lender=bank").content.decode()
    page = re.sub(r'<a href="tel:(\d+)">\1</a>', r"\1", page)  # numbers in the text are links
    rule_text = check.rule.points[0].text.en if check.rule else check.detail.text.en
    assert 'data-results="1"' in page
    assert escape(rule_text) in page
    for evidence in check.evidence:
        assert escape(evidence.en) in page


@pytest.mark.parametrize("lender", RIGHTS.lender_types, ids=lambda t: t.value)
def test_collection_complaints_are_routed_by_lender_type(client: Client, lender) -> None:
    page = client.get(f"/en/rights/?contact=night_calls&lender={lender.value}").content.decode()
    assert escape(lender.route.text.en) in page
    others = [t for t in RIGHTS.lender_types if t.value != lender.value]
    assert not any(escape(t.route.text.en) in page for t in others)


def test_bank_route_is_12378_and_microloan_is_local_regulator(client: Client) -> None:
    bank = client.get("/en/rights/?contact=night_calls&lender=bank").content.decode()
    micro = client.get("/en/rights/?contact=night_calls&lender=microloan").content.decode()
    assert "12378" in bank and "local financial regulator" not in bank.split("contact-result")[1]
    assert "local financial regulator" in micro


def test_threats_go_to_110_whatever_the_lender(client: Client) -> None:
    page = client.get("/en/rights/?contact=threats&lender=bank").content.decode()
    assert escape(RIGHTS.routes[Route.POLICE].text.en) in page


def test_credit_errors_go_to_objection_then_pboc(client: Client) -> None:
    page = client.get("/en/rights/?contact=credit_error").content.decode()
    text = RIGHTS.routes[Route.CREDIT].text.en
    assert escape(text) in page and "20 days" in text and "PBOC" in text


def test_unknown_lender_says_to_check_the_contract(client: Client) -> None:
    page = client.get("/en/rights/?contact=night_calls").content.decode()
    unknown = next(t for t in RIGHTS.lender_types if t.value == "unknown")
    assert escape(unknown.route.text.en) in page


def test_nothing_ticked_asks_for_a_tick(client: Client) -> None:
    page = client.get("/en/rights/?lender=bank").content.decode()
    assert get_content().ui["contact_none_ticked"].en in page


def test_htmx_gets_only_the_result(client: Client) -> None:
    response = client.get(
        "/rights/?contact=threats", headers={"HX-Request": "true", "HX-Target": "contact-result"}
    )
    page = response.content.decode().strip()
    assert page.startswith('<div id="contact-result" data-results="1">')


def test_unknown_ticks_are_ignored(client: Client) -> None:
    page = client.get("/rights/?contact=<script>&lender=x").content.decode()
    assert 'data-results="0"' in page and "<script>&" not in page


def test_rules_page_lists_every_rule(client: Client) -> None:
    page = client.get("/en/rights/").content.decode()
    for rule in get_content().rules.values():
        assert escape(rule.title.en) in page
