"""Rights page and "Was this contact allowed?" (views.rights, content/rights.yaml)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.utils.html import escape

from stages.content import get_content
from stages.content.models import Route, Verdict

CONTENT = get_content()
RIGHTS = CONTENT.rights
UI = CONTENT.ui


def result_text(page: str) -> str:
    part = page[page.index('<div id="contact-result"') :]
    part = part[: part.index('<section aria-labelledby="rules-title"')]
    return unescape(
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"</?(?:span|a)\b[^>]*>", "", part)))
    )


@pytest.mark.parametrize("check", RIGHTS.checks, ids=lambda c: c.id)
def test_each_check_shows_rule_evidence_and_route(client: Client, check) -> None:
    page = client.get(f"/en/rights/?contact={check.id}&lender=bank").content.decode()
    page = re.sub(r'<a href="tel:(\d+)">\1</a>', r"\1", page)  # numbers in the text are links
    rule_text = check.rule.points[0].text.en if check.rule else check.detail.text.en
    assert 'data-results="1"' in page
    assert escape(rule_text) in page
    for evidence in check.evidence:
        assert escape(evidence.en) in page


@pytest.mark.parametrize("check", RIGHTS.checks, ids=lambda c: c.id)
@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/en"])
def test_each_ticked_item_opens_with_its_verdict(client: Client, check, prefix: str) -> None:
    """不可以 / 一般不可以，除非… / 可以，但…, before the rule."""
    language = {"": "zh-Hans", "/zh-hant": "zh-Hant", "/en": "en"}[prefix]
    text = result_text(client.get(f"{prefix}/rights/?contact={check.id}").content.decode())
    opening = UI[check.verdict_key].get(language).split("{")[0]
    assert opening in text
    if check.verdict.detail:
        assert check.verdict.detail.get(language) in text
    rule = (check.rule.title if check.rule else check.detail.text).get(language)
    assert text.index(opening) < text.index(rule)


def test_the_three_verdicts_read_as_the_issue_says() -> None:
    assert UI["verdict_no"].zh_hans == "不可以。"
    assert UI["verdict_no_unless"].zh_hans.startswith("一般不可以，除非")
    assert UI["verdict_yes_but"].zh_hans.startswith("可以，但")
    assert {c.verdict.kind for c in RIGHTS.checks} == set(Verdict)


def test_paying_into_a_personal_account_is_a_scam_sign_not_the_phone_rule(client: Client) -> None:
    text = result_text(client.get("/en/rights/?contact=pay_personal").content.decode())
    private_phones = CONTENT.rules["no-private-channels"]
    assert private_phones.title.en not in text
    assert "scam" in text and RIGHTS.routes[Route.ANTI_FRAUD].text.en in text


def test_one_visitor_or_no_id_is_a_complaint_and_forced_entry_is_110(client: Client) -> None:
    visit = result_text(client.get("/en/rights/?contact=visit_rules&lender=bank").content.decode())
    entry = result_text(client.get("/en/rights/?contact=home_entry&lender=bank").content.decode())
    police = RIGHTS.routes[Route.POLICE].text.en
    assert police not in visit and "12378" in visit
    assert police in entry


@pytest.mark.parametrize("lender", RIGHTS.lender_types, ids=lambda t: t.value)
def test_collection_complaints_are_routed_by_lender_type(client: Client, lender) -> None:
    text = result_text(
        client.get(f"/en/rights/?contact=night_calls&lender={lender.value}").content.decode()
    )
    for line in lender.route_for("general"):
        assert line.text.en in text
    others = [t for t in RIGHTS.lender_types if t.value != lender.value]
    own = {line.text.en for line in lender.route}
    assert not any(
        line.text.en in text for t in others for line in t.route if line.text.en not in own
    )


def test_bank_route_is_12378_and_microloan_is_local_regulator(client: Client) -> None:
    bank = result_text(client.get("/en/rights/?contact=night_calls&lender=bank").content.decode())
    micro = result_text(
        client.get("/en/rights/?contact=night_calls&lender=microloan").content.decode()
    )
    assert "12378" in bank and "local financial regulator" not in bank
    assert "local financial regulator" in micro


def test_microloan_route_says_how_to_find_where_it_is_registered(client: Client) -> None:
    """The loan contract names the lender; for JD's microloan company that is Chongqing."""
    jd = result_text(
        client.get(
            "/rights/?contact=night_calls&lender=microloan&days=40&product=baitiao"
        ).content.decode()
    )
    assert "借款合同" in jd and "重庆" in jd
    card = result_text(
        client.get(
            "/rights/?contact=night_calls&lender=microloan&days=40&product=credit_card"
        ).content.decode()
    )
    assert "借款合同" in card and "重庆" not in card and "京东" not in card


@pytest.mark.parametrize("lender", ["microloan", "consumer_finance", "unknown"])
def test_nifa_reporting_platform_where_it_applies(client: Client, lender: str) -> None:
    text = result_text(client.get(f"/rights/?contact=night_calls&lender={lender}").content.decode())
    assert "jubao.nifa.org.cn" in text
    bank = result_text(client.get("/rights/?contact=night_calls&lender=bank").content.decode())
    assert "jubao.nifa.org.cn" not in bank


def test_personal_information_has_its_own_route(client: Client) -> None:
    """PIPL: see, copy and delete your data, then complain to the authorities (Arts. 44-47, 65);
    and the rule on lending apps and contact lists."""
    text = result_text(client.get("/en/rights/?contact=info_misuse").content.decode())
    assert RIGHTS.routes[Route.PERSONAL_INFO].text.en in text
    assert "contact list" in text  # the app-necessary-information rule's gist


def test_a_card_holder_never_reads_jd_wording_on_the_rights_page(client: Client) -> None:
    every = "&".join(f"contact={c.id}" for c in RIGHTS.checks)
    for prefix in ("", "/en"):
        page = client.get(f"{prefix}/rights/?{every}&days=40&product=credit_card").content.decode()
        text = unescape(re.sub(r"<[^>]+>", " ", page[page.index("<main") :]))
        assert not [w for w in ("京东", "白条", "金条", "JD ", "Baitiao", "Jintiao") if w in text]


def test_malicious_overdraft_conditions_only_where_they_apply(client: Client) -> None:
    card = result_text(
        client.get("/rights/?contact=legal_threat&days=40&product=credit_card").content.decode()
    )
    jd = result_text(
        client.get("/rights/?contact=legal_threat&days=40&product=jintiao").content.decode()
    )
    assert "5万元" in card and "30天" in card
    assert "5万元" not in jd and "借款不是信用卡" in jd
    assert "不要换号码" in card and "不要换号码" in jd


def test_the_product_chooses_the_lender_type(client: Client) -> None:
    page = client.get("/rights/?contact=night_calls&days=10&product=credit_card").content.decode()
    assert 'id="lender-bank" name="lender" value="bank" checked' in page


def test_threats_go_to_110_whatever_the_lender(client: Client) -> None:
    page = client.get("/en/rights/?contact=threats&lender=bank").content.decode()
    assert RIGHTS.routes[Route.POLICE].text.en in result_text(page)


def test_credit_errors_go_to_objection_then_pboc(client: Client) -> None:
    page = client.get("/en/rights/?contact=credit_error").content.decode()
    text = RIGHTS.routes[Route.CREDIT].text.en
    assert escape(text) in page and "20 days" in text and "PBOC" in text


def test_unknown_lender_says_to_check_the_contract(client: Client) -> None:
    text = result_text(client.get("/en/rights/?contact=night_calls").content.decode())
    unknown = next(t for t in RIGHTS.lender_types if t.value == "unknown")
    assert all(line.text.en in text for line in unknown.route_for("general"))


def test_nothing_ticked_asks_for_a_tick(client: Client) -> None:
    page = client.get("/en/rights/?lender=bank").content.decode()
    assert UI["contact_none_ticked"].en in page


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
    for rule in CONTENT.rules.values():
        assert escape(rule.title.en) in page
