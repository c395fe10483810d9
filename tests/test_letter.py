"""The repayment-request letter and the scripts (stages/letter.py, views.letter, views.scripts)."""

from __future__ import annotations

import datetime as dt

from django.http import QueryDict
from django.test import Client

from stages.answers import read_answers
from stages.content import get_content
from stages.letter import build_letter

TODAY = dt.date(2026, 11, 23)


def letter_text(query: str, language: str = "en") -> str:
    content = get_content()
    answers = read_answers(QueryDict(query), content, today=TODAY)
    subject, paragraphs = build_letter(
        content, answers, language=language, human_date=lambda d: d.isoformat()
    )
    render = lambda pieces: "".join(p.text or f"[{p.fill}]" for p in pieces)  # noqa: E731
    return "\n".join([render(subject), *(render(p) for p in paragraphs)])


def test_letter_dates_are_the_plans_dates() -> None:
    """12 days overdue on 23 Nov: the next stage (day 18) starts on 29 Nov, so the plan's
    "this week" ends on 28 Nov. The letter asks for a reply by then, and offers the part payment
    today, as the plan does."""
    text = letter_text("days=12&product=jintiao&can_pay=part")
    assert "2026-11-11" in text  # the due date: 12 days before today
    assert "I can pay [amount_now] yuan on 2026-11-23" in text  # paid today, as the plan says
    assert "by 2026-11-28" in text  # the reply, by the end of the plan's week
    assert "12 days overdue" in text and "JD Jintiao" in text


def test_letter_without_money_now_asks_a_reply_this_week_and_updates_within_a_month() -> None:
    text = letter_text("days=40&can_pay=none")
    assert "reply in the app or in writing by 2026-11-29" in text  # the plan's week
    assert "contact you again by 2026-12-23" in text  # a month to find the money
    assert "[amount_now]" not in text


def test_paying_in_full_in_a_few_days_names_the_day_the_person_types() -> None:
    text = letter_text("days=20&product=other_loan&can_pay=soon")
    assert "I intend to repay in full on [pay_on]." in text
    assert text.count("2026-11-23") == 1  # only "today (2026-11-23)": no payment is dated today
    assert "[amount_now]" not in text and "[monthly]" not in text


def test_the_budget_letter_names_the_same_reply_date_as_the_plan_letter() -> None:
    """Someone in the last stage may send either letter: "this week" is one date in both."""
    from stages.letter import offer_dates

    text = letter_text("days=95&product=credit_card&can_pay=none")
    reply_by = offer_dates(today=TODAY, human_date=lambda d: d.isoformat())["reply_by"]
    assert f"by {reply_by}" in text


def test_the_letter_asks_only_for_the_amounts_it_uses(client: Client) -> None:
    none = client.get("/en/letter/?days=20&can_pay=none").content.decode()
    part = client.get("/en/letter/?days=20&can_pay=part").content.decode()
    assert 'id="fill-amount_now"' not in none and 'id="fill-monthly"' not in none
    assert 'id="fill-amount_now"' in part and 'id="fill-monthly"' in part


def test_the_letter_names_the_product_as_a_sentence_would() -> None:
    assert "my JD Baitiao account" in letter_text("days=9&product=baitiao")
    assert "my loan" in letter_text("days=9&product=other_loan")
    assert "Another online" not in letter_text("days=9&product=other_loan")


def test_card_holder_writes_to_the_bank(client: Client) -> None:
    def letter(product: str) -> str:
        page = client.get(f"/en/letter/?days=40&product={product}&can_pay=none").content.decode()
        # The letter itself (the page's head holds a random CSP nonce, which may spell anything).
        return page[page.index('id="letter-text"') : page.index("</article>")]

    card, jd = letter("credit_card"), letter("baitiao")
    assert "card-issuing bank" in card and "JD" not in card
    assert "JD Finance" in jd and "bank" not in jd


def test_letter_follows_the_answers() -> None:
    none = letter_text("days=40&can_pay=none&situation=illness")
    part = letter_text("days=40&can_pay=part&happened=calls_contacts")
    assert "cannot pay anything" in none and "Illness" in none
    assert "[amount_now]" in part and "[monthly]" in part and "contact only me" in part
    assert "[amount_now]" not in none and "contact only me" not in none


def test_names_and_amounts_are_left_to_the_browser() -> None:
    assert "[name]" in letter_text("days=5")


def test_letter_page_never_takes_a_name_from_the_url(client: Client) -> None:
    page = client.get("/en/letter/?days=5&name=Zhang%20San&amount_now=999").content.decode()
    letter = page[page.index('<article class="letter"') : page.index("</article>")]
    assert "Zhang San" not in letter and "999" not in letter
    # The fields people type in have no name attribute, so no form can ever submit them.
    assert 'data-fill-source="name"' in page
    assert 'name="name"' not in page


def test_letter_in_chinese_reads_in_chinese(client: Client) -> None:
    page = client.get("/letter/?days=5&product=baitiao&can_pay=all").content.decode()
    assert "京东白条" in page and "已经逾期5天" in page


def test_letter_without_days_goes_to_the_questionnaire(client: Client) -> None:
    assert client.get("/letter/").status_code == 302


def test_scripts_filter_by_answers(client: Client) -> None:
    scripts = get_content().scripts
    none_title = next(s.title.en for s in scripts if s.when.get("can_pay") == {"none"})
    all_title = next(s.title.en for s in scripts if s.when.get("can_pay") == {"all"})
    personal = client.get("/en/scripts/?days=12&can_pay=none").content.decode()
    everything = client.get("/en/scripts/").content.decode()
    assert none_title in personal and all_title not in personal
    assert none_title in everything and all_title in everything


def test_scripts_mention_the_limitation_period_only_at_the_legal_stage(client: Client) -> None:
    legal = client.get("/en/scripts/?days=45&can_pay=part").content.decode()
    early = client.get("/en/scripts/?days=5&can_pay=part").content.decode()
    assert "starts it again" in legal
    assert "limitation" not in early
