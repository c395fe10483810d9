"""Every sentence true for the person, with its scope (issue 11): the claims that could hurt someone
if they were wrong, the caveats that must travel with day ranges, and sources people can trust.
Every page's caveat and the absence of authors' notes are checked in the sweep (test_sweep.py)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from icalendar import Calendar

from stages.content import get_content
from stages.content.models import Force, Verification
from tests.test_chinese import all_texts


def text_of(page: str) -> str:
    main = page[page.index("<main") : page.index("</main>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


def everything() -> list:
    return list(all_texts(get_content()))


def test_the_family_card_says_who_might_owe(client: Client) -> None:
    """Only a contact owes nothing; a guarantor, or a spouse when the money went on family
    spending, may be asked to pay, and the card says how to check."""
    zh = text_of(client.get("/family-card/").content.decode())
    en = text_of(client.get("/en/family-card/").content.decode())
    assert "只是被留作联系人的，没有借这笔钱，也没有担保它" in zh
    assert "担保人" in zh and "配偶" in zh and "家庭开支" in zh and "12348" in zh
    assert "guarantor" in en and "spouse" in en and "12348" in en
    assert "You do not have to repay someone else's debt." not in en  # the old unconditional line


def test_nothing_says_courts_or_police_never_phone() -> None:
    """Real courts also phone from a court office line; the advice is to verify through 12368."""
    never = re.compile(r"不会(?:通过)?电话办案|(?:never|do not|don't) handle cases by phone", re.I)
    assert not [t.en for t in everything() if never.search(t.zh_hans + t.en)]


@pytest.mark.parametrize(
    "path",
    [
        "/plan/?days=45&product=credit_card&can_pay=none",
        "/plan/?days=20&product=credit_card&can_pay=part&happened=threats",
        "/stages/legal/?days=45&product=credit_card",
    ],
)
def test_malicious_overdraft_comes_with_its_real_conditions(client: Client, path: str) -> None:
    text = text_of(client.get(path).content.decode())
    assert "恶意透支" in text
    assert "5万元" in text and "3个月" in text
    assert "只是没按时还款，不能认定" in text


def test_calendar_events_carry_the_day_range_caveat(client: Client) -> None:
    body = client.get("/en/plan/calendar.ics?days=3&can_pay=part").content
    content = get_content()
    note = content.ui["stage_pattern_note"].en
    titles = [stage.title.en for stage in content.stages]
    stage_events = [
        e
        for e in Calendar.from_ical(body).walk("VEVENT")
        if any(title in str(e["description"]) for title in titles)
    ]
    assert stage_events
    for event in stage_events:
        assert note in str(event["description"])


def test_a_claim_shows_its_sources_short_name_and_force(client: Client) -> None:
    content = get_content()
    page = client.get("/plan/?days=45&product=credit_card&can_pay=none").content.decode()
    cites = re.findall(r'<span class="cite">(.*?)</span>', page)
    assert cites
    for cite in cites:
        for link in re.findall(r'href="/sources/#source-([\w-]+)"', cite):
            source = content.sources[link]
            shown = html.unescape(re.sub(r"<[^>]+>", "", cite))
            assert source.short.zh_hans in shown
            assert content.ui[f"force_{source.force.value}"].zh_hans in shown


def test_secondary_sources_say_so_and_nothing_unverified_backs_a_claim(client: Client) -> None:
    content = get_content()
    assert not [s for s in content.sources.values() if s.verification is Verification.UNVERIFIED]
    page = client.get("/en/plan/?days=12&product=credit_card&can_pay=part").content.decode()
    assert "Credit Card Measures" in page and "secondary sources only" in page


def test_rules_say_who_they_bind(client: Client) -> None:
    """A recommended standard binds nobody, an industry rule its members, the law everyone."""
    page = text_of(client.get("/en/stages/escalation/").content.decode())
    assert "not compulsory" in page
    assert "binds only members of the China Banking Association" in page
    law = get_content().ui[f"force_{Force.LAW.value}"].en
    assert f"({law}" in page


def test_the_15_days_are_for_a_court_complaint_not_arbitration() -> None:
    for text in everything():
        for sentence in re.split(r"(?<=[。！？])", text.zh_hans):
            assert not ("15" in sentence and "仲裁" in sentence), sentence


def test_card_instalments_are_at_the_banks_discretion(client: Client) -> None:
    """Art. 70: the bank may agree; debt beyond means and still willing to pay; once signed,
    collection stops and no new cards; interest is negotiated."""
    card = text_of(client.get("/plan/?days=20&product=credit_card&can_pay=none").content.decode())
    for words in (
        "可以同意，不是必须同意",
        "超出了你的还款能力",
        "停止催收",
        "不能申请任何银行的信用卡",
    ):
        assert words in card, words
    assert "不保证“停息挂账”" in card


def test_help_lines_include_free_legal_advice_and_the_sourced_support_line() -> None:
    lines = {line.number: line for line in get_content().help_lines}
    assert {"110", "12368", "96110", "12356", "12348"} <= set(lines)
    assert lines["12356"].sources[0].verification is Verification.NEWS


def test_free_representation_is_never_promised() -> None:
    promise = re.compile(r"免费(?:请人)?代理(?!出庭，不在)|free representation(?! when)", re.I)
    for text in everything():
        if "12348" in text.zh_hans or "法律援助" in text.zh_hans:
            assert "不要指望" in text.zh_hans or not promise.search(text.zh_hans + text.en)
