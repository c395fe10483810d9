"""The budget at /budget/ (stages/budget.py, views.budget): reading amounts, the arithmetic, the
checks at each field, the order of debts, the flags, the letters, and privacy (no amount in a URL,
a log, a cookie or a cache)."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
import time
import urllib.request
from decimal import Decimal
from fractions import Fraction
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stages import budget as calc
from stages.content import get_content
from stages.content.models import BudgetFlag, Offer, Priority
from stages.letter import CONTACT_AGAIN_DAYS, FIRST_PAYMENT_DAYS, REPLY_WITHIN_DAYS
from stages.questions import Invalid
from tests.pages import ENGLISH_MARK, ENGLISH_PHRASE, LANGUAGE_PREFIXES, simplified_only, texts_in

BUDGET = get_content().budget
TODAY = dt.date(2026, 11, 23)
MAX = 10_000_000


def debt(n: int, *, name="", product="", owed="", asked="", days="", court="none") -> dict:
    fields = {"name": name, "product": product, "owed": owed, "asked": asked, "days": days}
    return {f"debt-{n}-{key}": value for key, value in {**fields, "court": court}.items()}


def form(income=None, spending=None, debts=(), **extra) -> dict:
    """A POST body: income and spending as {line: amount or (amount, period)}, then debts."""
    data = {}
    for prefix, lines in (("income", income or {}), ("spending", spending or {})):
        for line, value in lines.items():
            amount, period = value if isinstance(value, tuple) else (value, "month")
            data[f"{prefix}-{line}"] = amount
            data[f"{prefix}-{line}-period"] = period
    for n, fields in enumerate(debts, start=1):
        data |= debt(n, **fields)
    return data | extra


# The worked example of the closing note: 3 debts, a card over 50,000 yuan, court papers on another.
EXAMPLE = form(
    income={"wages": "5000", "odd_jobs": ("300", "week")},
    spending={
        "housing": "1800",
        "food": ("350", "week"),
        "transport": "200",
        "phone_utilities": "250",
        "family": "800",
        "medical": "150",
        "other": "300",
    },
    debts=[
        {
            "name": "Card A",
            "product": "credit_card",
            "owed": "6.2万",
            "asked": "6200",
            "days": "75",
        },
        {
            "name": "Baitiao",
            "product": "baitiao",
            "owed": "8,500",
            "asked": "1500",
            "days": "40",
            "court": "papers",
        },
        {"name": "Loan app", "product": "other_loan", "owed": "15000元", "asked": "2000"},
    ],
)


def post(client: Client, data: dict, prefix: str = "/en", **headers: str):
    response = client.post(f"{prefix}/budget/", data, headers=headers)
    assert response.status_code == 200
    return response, response.content.decode()


def figures(page: str) -> tuple[int | None, list[tuple[int, str]]]:
    """data-available, and (data-share, data-months) of each debt row in the page's order."""
    available = re.search(r'data-available="(-?\d+)"', page)
    rows = re.findall(r'<tr data-share="(\d+)" data-months="(\d*)">', page)
    return (int(available[1]) if available else None), [(int(s), m) for s, m in rows]


def row_names(page: str) -> list[str]:
    return re.findall(r'<span class="debt-name">([^<]*)</span>', page)


# ---------------------------------------------------------------------------------------------
# Reading amounts


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1200", "1200"),
        ("1,200", "1200"),
        ("1200元", "1200"),
        ("１２００", "1200"),  # full-width digits
        ("￥1200", "1200"),  # full-width yuan sign
        ("¥1,200.50", "1200.50"),
        ("1.2万", "12000"),
        ("1.2万元", "12000"),
        ("3千", "3000"),
        ("3k", "3000"),
        ("1.5w", "15000"),
        (" 1 200 ", "1200"),
        ("RMB 800", "800"),
        ("800块", "800"),
        ("3.8萬", "38000"),  # Traditional characters, as the zh-Hant page's own hint shows
        ("1,200塊錢", "1200"),
        ("0", "0"),
        ("-0", "0"),
        ("10000000", "10000000"),  # the limit itself is allowed
    ],
)
def test_amounts_are_read_as_people_write_them(typed: str, expected: str) -> None:
    assert calc.parse_amount(typed, maximum=MAX) == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("abc", "not_a_number"),
        ("一千", "not_a_number"),
        ("1e9", "not_a_number"),
        ("NaN", "not_a_number"),
        ("Infinity", "not_a_number"),
        ("1,2", "not_a_number"),
        ("12..3", "not_a_number"),
        ("<b>1</b>", "not_a_number"),
        ("-5", "negative"),
        ("－5", "negative"),  # full-width minus
        ("-¥5", "negative"),
        ("¥-5", "negative"),
        ("10000001", "too_large"),
        ("1001万", "too_large"),
        ("9" * 5000, "too_large"),
    ],
)
def test_amounts_that_are_refused_and_why(typed: str, code: str) -> None:
    with pytest.raises(Invalid) as refused:
        calc.parse_amount(typed, maximum=MAX)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("amount", "period", "expected"),
    [
        ("300", "week", 1300),  # 300 × 52 ÷ 12, exactly
        ("350", "week", 1517),  # 1516.67, rounded
        ("100.5", "month", 101),  # half up, not half to even
        ("99.4", "month", 99),
    ],
)
def test_weekly_amounts_become_monthly_whole_yuan(amount, period, expected) -> None:
    assert calc.monthly(Decimal(amount), calc.Period(period)) == expected


# ---------------------------------------------------------------------------------------------
# The split: properties


owed_lists = st.lists(st.integers(min_value=1, max_value=MAX), min_size=1, max_size=10)


@given(available=st.integers(min_value=1, max_value=10 * MAX), owed=owed_lists)
def test_split_sums_to_the_money_available(available: int, owed: list[int]) -> None:
    assert sum(calc.split(available, owed)) == available


@given(available=st.integers(min_value=-MAX, max_value=10 * MAX), owed=owed_lists)
def test_split_never_gives_a_negative_share(available: int, owed: list[int]) -> None:
    assert all(share >= 0 for share in calc.split(available, owed))


@given(available=st.integers(min_value=1, max_value=10 * MAX), owed=owed_lists)
def test_split_is_proportional_within_a_yuan(available: int, owed: list[int]) -> None:
    """Each share is within one yuan of its exact share of what is owed."""
    total = sum(owed)
    for share, amount in zip(calc.split(available, owed), owed, strict=True):
        assert abs(share - Fraction(available * amount, total)) < 1


@given(available=st.integers(min_value=1, max_value=10 * MAX), owed=owed_lists)
def test_who_owes_more_never_gets_less(available: int, owed: list[int]) -> None:
    """More owed, never a smaller share; the same owed, shares at most a yuan apart."""
    shares = calc.split(available, owed)
    for i in range(len(owed)):
        for j in range(len(owed)):
            if owed[i] > owed[j]:
                assert shares[i] >= shares[j]
            elif owed[i] == owed[j]:
                assert abs(shares[i] - shares[j]) <= 1


@given(available=st.integers(max_value=0), owed=owed_lists)
def test_nothing_to_share_gives_nothing(available: int, owed: list[int]) -> None:
    assert calc.split(available, owed) == [0] * len(owed)


def test_split_by_hand() -> None:
    """Worked by hand: the yuan left over go to the largest remainders, earlier debts on a tie."""
    assert calc.split(100, [1, 1, 1]) == [34, 33, 33]
    assert calc.split(10, [5, 3, 2]) == [5, 3, 2]
    assert calc.split(1283, [62000, 8500, 15000]) == [930, 128, 225]  # 930.4, 127.5, 224.9


def test_months_to_clear_round_up() -> None:
    assert calc.months_to_clear(900, 300) == 3
    assert calc.months_to_clear(901, 300) == 4
    assert calc.months_to_clear(5, 0) is None


# ---------------------------------------------------------------------------------------------
# The page, through the test client


def test_worked_example(client: Client) -> None:
    """Income 5,000 + 300 a week (1,300); spending 5,017 with 350 a week of food (1,517)."""
    _, page = post(client, EXAMPLE)
    available, rows = figures(page)
    assert available == 6300 - 5017
    # Court papers first, then the card over 50,000 yuan, then the rest.
    assert row_names(page) == ["Baitiao", "Card A", "Loan app"]
    assert rows == [(128, "67"), (930, "67"), (225, "67")]
    assert sum(share for share, _ in rows) == available


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    income=st.integers(min_value=0, max_value=200_000),
    spending=st.integers(min_value=0, max_value=200_000),
    owed=st.lists(st.integers(min_value=1, max_value=2_000_000), min_size=1, max_size=10),
)
def test_any_budget_splits_what_is_left(client: Client, income, spending, owed) -> None:
    """Through the page: what is left is income less spending, and the rows share it out."""
    debts = [{"product": "other_loan", "owed": str(amount)} for amount in owed]
    data = form(income={"wages": f"{income:,}"}, spending={"food": f"{spending}元"}, debts=debts)
    _, page = post(client, data)
    available, rows = figures(page)
    assert available == income - spending
    assert len(rows) == len(owed)
    assert all(share >= 0 for share, _ in rows)
    if 0 < available < sum(owed):
        assert sum(share for share, _ in rows) == available
    elif available >= sum(owed):  # everything can be cleared: each is offered what it owes
        assert sorted(share for share, _ in rows) == sorted(owed)
    else:
        assert all(share == 0 for share, _ in rows)


@pytest.mark.parametrize(
    "typed", ["1,200", "1200元", "１２００", "￥1200", "1.2千", "1200.4", " 1 200 "]
)
def test_each_way_of_writing_an_amount_gives_the_same_result(client: Client, typed) -> None:
    debts = [{"product": "baitiao", "owed": "100000"}]
    data = form(income={"wages": typed}, spending={"food": "200"}, debts=debts)
    assert figures(post(client, data)[1])[0] == 1000


def test_ten_thousand_and_thousand_marks(client: Client) -> None:
    debts = [{"product": "baitiao", "owed": "1000000"}]
    data = form(income={"wages": "1.2万"}, spending={"housing": "3千"}, debts=debts)
    assert figures(post(client, data)[1])[0] == 9000


def error_at_field(page: str, field: str, message: str) -> None:
    """The GOV.UK pattern: in the summary, linked to the field, and beside the field."""
    assert 'class="error-summary"' in page
    assert f'href="#field-{field}"' in page
    assert html.escape(message) in page
    field_html = re.search(
        rf'<input id="field-{field}"[^>]*>|<select id="field-{field}"[^>]*>', page
    )
    assert field_html and 'aria-invalid="true"' in field_html[0], field
    assert "-error" in field_html[0]  # aria-describedby names the message


REFUSED = [
    ("abc", "amount_not_a_number"),
    ("-300", "amount_negative"),
    ("20000000", "amount_too_large"),
    ("一千二", "amount_not_a_number"),
]


@pytest.mark.parametrize(("typed", "code"), REFUSED)
@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_a_refused_amount_is_named_at_its_field_in_the_page_language(
    client: Client, prefix: str, typed: str, code: str
) -> None:
    data = EXAMPLE | {"income-wages": typed}
    response, page = post(client, data, prefix=prefix)
    language = LANGUAGE_PREFIXES[prefix].lower()
    label = BUDGET.income[0].label.get(language)
    message = BUDGET.errors[code].get(language).format(label=label, max=f"{MAX:,}")
    error_at_field(page, "income-wages", message)
    assert 'data-available="' not in page  # no result from figures with a mistake in them
    assert f'value="{html.escape(typed)}"' in page  # the answer is not lost


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"debt-2-owed": ""}, "debt-2-owed", "owed_empty"),
        ({"debt-2-owed": "0"}, "debt-2-owed", "owed_zero"),
        ({"debt-2-owed": "0.3"}, "debt-2-owed", "owed_zero"),  # rounds to nothing
        ({"debt-2-product": ""}, "debt-2-product", "product_empty"),
        ({"debt-2-product": "mortgage"}, "debt-2-product", "product_invalid"),
        ({"debt-2-days": "abc"}, "debt-2-days", "days_not_a_number"),
        ({"debt-2-days": "-3"}, "debt-2-days", "days_negative"),
        ({"debt-2-days": "99999"}, "debt-2-days", "days_too_large"),
        ({"debt-2-court": "maybe"}, "debt-2-court", "court_invalid"),
        ({"debt-2-name": "x" * 21}, "debt-2-name", "name_too_long"),
    ],
)
def test_a_bad_debt_field_is_named_at_the_field(client: Client, change, field, code) -> None:
    _, page = post(client, EXAMPLE | change)
    message = BUDGET.errors[code].en.format(n=2, max=BUDGET.limits.name_length)
    error_at_field(page, field, message)
    for key, value in EXAMPLE.items():  # every other answer comes back as typed
        if key not in change and key.startswith("debt-") and not key.endswith(("court", "product")):
            assert f'value="{html.escape(value)}"' in page


def test_a_bad_debt_amount_names_the_debt_and_the_field(client: Client) -> None:
    _, page = post(client, EXAMPLE | {"debt-3-asked": "lots"})
    label = BUDGET.words["debt_field"].en.format(n=3, field=BUDGET.debt_fields["asked"].short.en)
    error_at_field(
        page, "debt-3-asked", BUDGET.errors["amount_not_a_number"].en.format(label=label)
    )


@pytest.mark.parametrize(
    ("emptied", "code", "field"),
    [
        ("income-", "income_empty", "income-wages"),
        ("spending-", "spending_empty", "spending-housing"),
        ("debt-", "debts_empty", "debt-1-owed"),
    ],
)
def test_an_empty_section_is_refused(client: Client, emptied: str, code: str, field: str) -> None:
    data = {k: v for k, v in EXAMPLE.items() if not k.startswith(emptied) or k.endswith("period")}
    _, page = post(client, data)
    assert html.escape(str(BUDGET.errors[code].en)) in page
    assert f'href="#field-{field}"' in page
    assert 'data-available="' not in page


def test_zero_income_is_an_answer(client: Client) -> None:
    data = form(income={"wages": "0"}, spending={"food": "600"}, debts=[EXAMPLE_DEBT])
    assert figures(post(client, data)[1])[0] == -600


EXAMPLE_DEBT = {"product": "baitiao", "owed": "8000"}


def test_more_than_ten_debts_are_refused_and_kept(client: Client) -> None:
    debts = [{"product": "baitiao", "owed": str(1000 + n)} for n in range(11)]
    _, page = post(client, form(income={"wages": "5000"}, spending={"food": "500"}, debts=debts))
    message = BUDGET.errors["too_many_debts"].en.format(max=BUDGET.limits.debts)
    assert html.escape(message) in page and 'href="#debts-title"' in page
    assert 'data-available="' not in page
    assert all(f'value="{1000 + n}"' in page for n in range(11))  # nothing typed is lost


def test_add_a_debt_row_and_remove_one(client: Client) -> None:
    _, page = post(client, EXAMPLE | {"action": "add"})
    assert 'id="field-debt-4-name"' in page and 'data-available="' not in page
    assert "error-summary" not in page  # adding a row checks nothing yet
    _, page = post(client, EXAMPLE | {"remove": "1"})
    assert 'value="Card A"' not in page
    assert re.search(r'id="field-debt-1-name"[^>]*value="Baitiao"', page)  # renumbered
    assert re.search(r'id="field-debt-2-name"[^>]*value="Loan app"', page)


def test_add_at_ten_rows_says_so_and_keeps_the_rows(client: Client) -> None:
    debts = [{"product": "baitiao", "owed": str(1000 + n)} for n in range(10)]
    _, page = post(client, form(debts=debts, action="add"))
    assert "field-debt-11-name" not in page
    assert html.escape(BUDGET.errors["too_many_debts"].en.format(max=10)) in page
    assert all(f'value="{1000 + n}"' in page for n in range(10))


def test_errors_come_back_in_page_order(client: Client) -> None:
    data = EXAMPLE | {"income-wages": "x", "spending-food": "y", "debt-1-owed": "z"}
    _, page = post(client, data)
    links = re.findall(r'<li><a href="#field-([\w-]+)">', page)
    assert links == ["income-wages", "spending-food", "debt-1-owed"]


# ---------------------------------------------------------------------------------------------
# Which first, and the flags


def test_order_of_several_debts(client: Client) -> None:
    """Court papers, then a judgment or award, then a large card the bank is chasing, then the
    rest in the order typed."""
    debts = [
        {"name": "Other", "product": "other_loan", "owed": "9000", "days": "10"},
        {"name": "Big card", "product": "credit_card", "owed": "50000", "days": "100"},
        {"name": "Judged", "product": "jintiao", "owed": "7000", "court": "judgment"},
        {"name": "Sued", "product": "baitiao", "owed": "3000", "court": "papers"},
        {"name": "Small card", "product": "credit_card", "owed": "49999", "days": "100"},
    ]
    data = form(income={"wages": "9000"}, spending={"food": "6000"}, debts=debts)
    _, page = post(client, data)
    assert row_names(page) == ["Sued", "Judged", "Big card", "Other", "Small card"]
    order = page[page.index('class="order-list"') : page.index("</ol>", page.index("order-list"))]
    reasons = [BUDGET.priorities[p].title.en for p in Priority]
    positions = [order.index(html.escape(str(title))) for title in reasons]
    assert positions == sorted(positions)
    assert order.count(html.escape(str(BUDGET.rest.title.en))) == 2  # Other, Small card


@pytest.mark.parametrize(("days", "large"), [("100", True), ("", True), ("0", False)])
def test_a_large_card_comes_first_when_the_bank_is_chasing_it(days: str, large: bool) -> None:
    """Days not given: the bank may be chasing it, so the protections are shown."""
    row = calc.DebtRow(1, dict.fromkeys(calc.DEBT_FIELDS, ""))
    row.product = get_content().question("product").choice("credit_card")
    row.owed, row.days = 50_000, int(days) if days else None
    assert (Priority.LARGE_CARD in calc.reasons_for(row, BUDGET)) is large


def test_several_reasons_for_one_debt_are_all_shown(client: Client) -> None:
    debts = [{"product": "credit_card", "owed": "80000", "days": "90", "court": "papers"}]
    _, page = post(client, form(income={"wages": "5000"}, spending={"food": "1"}, debts=debts))
    assert html.escape(BUDGET.priorities[Priority.COURT_PAPERS].title.en) in page
    assert html.escape(BUDGET.priorities[Priority.LARGE_CARD].title.en) in page


def flags_of(page: str) -> list[str]:
    return re.findall(r'<li data-flag="([\w ]+)">', page)


@pytest.mark.parametrize(
    ("available", "flagged"),
    [(1000, False), (999, True)],  # 60,000 yuan: 60 months at 1,000; 61 at 999
)
def test_a_card_plan_longer_than_sixty_months_is_flagged(client, available, flagged) -> None:
    debts = [{"product": "credit_card", "owed": "60000", "days": "0"}]
    data = form(income={"wages": str(available)}, spending={"food": "0"}, debts=debts)
    _, page = post(client, data)
    assert (BudgetFlag.LONG_CARD_PLAN in " ".join(flags_of(page))) is flagged
    if flagged:
        assert "1,000 yuan" in page  # about 60,000 ÷ 60 a month would clear it in 5 years


def test_a_long_plan_is_not_flagged_for_other_loans(client: Client) -> None:
    debts = [{"product": "baitiao", "owed": "60000"}]
    data = form(income={"wages": "500"}, spending={"food": "0"}, debts=debts)
    assert BudgetFlag.LONG_CARD_PLAN not in " ".join(flags_of(post(client, data)[1]))


@pytest.mark.parametrize(
    ("share", "asked", "small"),
    [
        (99, "", True),  # under 100 yuan a month
        (100, "", False),
        (149, "1500", True),  # under a tenth of what the lender asks
        (150, "1500", False),
    ],
)
def test_a_small_offer_is_still_worth_making(client, share: int, asked: str, small) -> None:
    debts = [{"product": "baitiao", "owed": "100000", "asked": asked}]
    data = form(income={"wages": str(share)}, spending={"food": "0"}, debts=debts)
    _, page = post(client, data)
    assert (BudgetFlag.SMALL_OFFER in " ".join(flags_of(page))) is small


def test_enough_to_clear_everything_offers_to_clear_it(client: Client) -> None:
    debts = [{"product": "baitiao", "owed": "800"}, {"product": "jintiao", "owed": "1200"}]
    data = form(income={"wages": "9000"}, spending={"food": "1000"}, debts=debts)
    _, page = post(client, data)
    assert figures(page) == (8000, [(800, "1"), (1200, "1")])
    assert html.escape(BUDGET.words["clear_intro"].en.split("{")[0]) in page


@pytest.mark.parametrize("spending", ["5000", "6000"])
def test_nothing_left_gives_the_cant_pay_path(client: Client, spending: str) -> None:
    data = form(income={"wages": "5000"}, spending={"housing": spending}, debts=[EXAMPLE_DEBT])
    _, page = post(client, data)
    available, rows = figures(page)
    assert available == 5000 - int(spending)
    assert rows == [(0, "")]
    for item in BUDGET.cannot_pay:
        assert html.escape(str(item.text.en)) in page
    assert "flags" not in page  # no flag on an offer that is not made


# ---------------------------------------------------------------------------------------------
# Letters and scripts, filled with the offer


def example_result(language: str = "en", data: dict = EXAMPLE) -> calc.Result:
    content = get_content()
    budget_form = calc.read_form(QueryDict(urlencode(data)), content.budget)
    calc.check_form(budget_form, content)
    assert budget_form.errors == []
    return calc.work_out(
        budget_form, content, today=TODAY, language=language, human_date=dt.date.isoformat
    )


def plain(pieces) -> str:
    return "\n".join(calc.text_of(p) for p in pieces)


def test_each_letter_and_script_carries_its_own_offer_and_dates() -> None:
    result = example_result()
    first_payment = (TODAY + dt.timedelta(days=FIRST_PAYMENT_DAYS)).isoformat()
    reply_by = (TODAY + dt.timedelta(days=REPLY_WITHIN_DAYS)).isoformat()
    for offer in result.debts:
        letter, script = plain(offer.letter), plain(offer.script)
        share = f"{offer.share:,} yuan"
        assert share in letter and share in script
        assert f"{offer.owed:,} yuan" in letter
        assert first_payment in letter and reply_by in letter and first_payment in script
        assert f"{result.available:,} yuan" in letter  # the budget behind the offer
        assert offer.product.label.en in calc.text_of(offer.subject)
        assert "{" not in letter + script  # every placeholder filled
    sued, card, loan = result.debts
    assert "court papers" in plain(sued.letter) and "court papers" not in plain(loan.letter)
    assert "12368" in plain(sued.script) and "12368" not in plain(loan.script)
    assert "5 years" in plain(card.letter)  # the card's plan runs past Art. 70's limit
    assert "5 years" not in plain(loan.letter)
    assert "40 days overdue" in plain(sued.letter)
    assert "overdue" not in plain(loan.letter)  # no days given


def test_the_cant_pay_letter_asks_for_a_pause_and_a_date_to_talk_again() -> None:
    data = form(income={"wages": "1000"}, spending={"food": "1000"}, debts=[EXAMPLE_DEBT])
    (offer,) = example_result(data=data).debts
    assert offer.offer is Offer.NOTHING
    contact_again = (TODAY + dt.timedelta(days=CONTACT_AGAIN_DAYS)).isoformat()
    letter = plain(offer.letter)
    assert "pause" in letter and contact_again in letter
    assert "a month from" not in letter
    assert contact_again in plain(offer.script)


def test_letters_follow_the_page_language() -> None:
    result = example_result("zh-hant")
    sued = result.debts[0]
    assert "128元" in plain(sued.letter) and "京東白條" in calc.text_of(sued.subject)
    assert not set(plain(sued.letter)) & simplified_only()


def test_the_page_shows_each_letter_and_script(client: Client) -> None:
    _, page = post(client, EXAMPLE)
    for n in (1, 2, 3):
        assert f'<article class="letter" id="letter-{n}"' in page
        assert f'<ul class="script" id="script-{n}">' in page
    assert page.count('data-copy="letter-') == 3  # a copy button each (shown by site.js)


# ---------------------------------------------------------------------------------------------
# The printed statement carries no name


def test_the_statement_has_no_names(client: Client) -> None:
    data = EXAMPLE | {"debt-1-name": "Zhang San's card", "debt-2-name": "Wang Wu"}
    _, page = post(client, data)
    statement = page[
        page.index('id="statement"') : page.index("</section>", page.index('id="statement"'))
    ]
    assert "Zhang" not in statement and "Wang" not in statement
    assert (
        "62,000 yuan" in statement and "1,517 yuan" in statement and "350 yuan a week" in statement
    )


# ---------------------------------------------------------------------------------------------
# Languages: the result in each language, and Traditional Chinese that reads right


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_the_result_is_in_one_language(client: Client, prefix: str) -> None:
    lang = LANGUAGE_PREFIXES[prefix]
    names = {"en": ["Card A", "Baitiao", "Loan app"], "zh-Hant": ["信用卡", "白條", "網貸"]}.get(
        lang, ["信用卡", "白条", "网贷"]
    )
    data = EXAMPLE | {f"debt-{n}-name": name for n, name in enumerate(names, start=1)}
    spare = {"nothing": form(income={"wages": "1"}, spending={"food": "2"}, debts=[EXAMPLE_DEBT])}
    for body in (data, spare["nothing"], EXAMPLE | {"income-wages": "abc"}):
        _, page = post(client, body, prefix=prefix)
        texts = [t for t in texts_in(page, lang) if t not in names and t != "abc"]
        assert len(texts) > 50
        if lang == "en":
            from stages.templatetags.overdue import HAN_RUN

            assert [t for t in texts if HAN_RUN.search(t)] == []
        else:
            assert [t for t in texts if re.search(ENGLISH_PHRASE, t)] == []
            assert [t for t in texts if re.search(ENGLISH_MARK, t)] == []
        if lang == "zh-Hant":
            text = "".join(texts)
            assert not {ch for ch in text if ch in simplified_only()}


# ---------------------------------------------------------------------------------------------
# Privacy: POST only, no-store, no cookie, no amount in any URL or log


UNIQUE = {"income-wages": "73519", "spending-housing": "4271", "debt-1-owed": "918273"}


def test_responses_are_never_cached_and_set_no_cookie(client: Client) -> None:
    for response in (
        client.get("/budget/"),
        client.post("/budget/", EXAMPLE),
        client.post("/budget/", EXAMPLE, headers={"HX-Request": "true"}),
        client.post("/budget/", EXAMPLE | {"income-wages": "x"}),
    ):
        assert "no-store" in response["Cache-Control"]
        assert not response.cookies and "Set-Cookie" not in response.headers
        assert "HX-Request" in response["Vary"]


def test_no_amount_in_any_address_on_the_page(client: Client) -> None:
    for data in (EXAMPLE | UNIQUE, EXAMPLE | UNIQUE | {"debt-2-owed": "bad"}):
        _, page = post(client, data)
        addresses = re.findall(r'\s(?:href|action|src|data-hx-\w+)="([^"]*)"', page)
        assert addresses and all(value not in a for a in addresses for value in UNIQUE.values())
        assert 'method="post"' in page and 'method="get"' not in page.split('id="budget-form"')[1]


def test_the_form_is_never_read_from_the_query_string(client: Client) -> None:
    page = client.get("/en/budget/", UNIQUE).content.decode()
    assert 'value="73519"' not in page and 'data-available="' not in page


def test_nothing_typed_reaches_any_log(client: Client, caplog) -> None:
    """Every logger, at every level, while good, bad and htmx budgets are worked out."""
    caplog.set_level(logging.DEBUG)
    bad = EXAMPLE | UNIQUE | {"debt-2-owed": "-918273", "income-other": "abc73519"}
    for data in (EXAMPLE | UNIQUE, bad, {**UNIQUE, "debt-999-owed": "918273"}):
        client.post("/budget/", data)
        client.post("/en/budget/", data, headers={"HX-Request": "true"})
    # Requests Django does log (a wrong method, a body of more fields than any form has), with
    # the figures in them: the log line names the path, never the body.
    client.put("/budget/", urlencode(UNIQUE), content_type="application/x-www-form-urlencoded")
    flood = UNIQUE | {f"debt-{n}-days": "1" for n in range(1, 1100)}
    assert client.post("/budget/", flood).status_code == 400
    assert {r.name for r in caplog.records} >= {
        "django.request",
        "django.security.TooManyFieldsSent",
    }
    logged = "\n".join(
        f"{r.getMessage()} {r.exc_text or ''} {r.args!r} {getattr(r, 'request', '')!r}"
        for r in caplog.records
    )
    assert all(value not in logged for value in UNIQUE.values())


@pytest.mark.server
def test_access_log_has_no_amounts(production_server) -> None:
    body = urlencode(EXAMPLE | UNIQUE).encode()
    url = production_server.url + "/en/budget/"
    with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=10) as response:
        assert response.status == 200
        assert "no-store" in response.headers["Cache-Control"]
    deadline = time.monotonic() + 10
    while '"POST /en/budget/ HTTP/1.1" 200' not in production_server.log.read_text():
        assert time.monotonic() < deadline, production_server.log.read_text()
        time.sleep(0.05)
    log = production_server.log.read_text()
    assert all(value not in log for value in UNIQUE.values())


# ---------------------------------------------------------------------------------------------
# Bad input: never a server error, never markup reflected, never a lost answer


PROBE = "<zz-probe>"
FIELD_NAMES = [
    *(f"income-{line.id}" for line in BUDGET.income),
    *(f"spending-{line.id}" for line in BUDGET.spending),
    *(f"income-{line.id}-period" for line in BUDGET.income[:2]),
    *(f"debt-{n}-{key}" for n in (1, 2, 11, 999) for key in calc.DEBT_FIELDS),
    "action",
    "remove",
    "debt-x-owed",
]


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pairs=st.lists(
        st.tuples(
            st.sampled_from(FIELD_NAMES),
            st.one_of(st.text(max_size=60), st.sampled_from(["", " ", "9" * 5000, "-1", "1.2万"])),
        ),
        max_size=20,
    ),
    htmx=st.booleans(),
    prefix=st.sampled_from(list(LANGUAGE_PREFIXES)),
)
def test_any_body_never_breaks_the_page(client: Client, pairs, htmx: bool, prefix: str) -> None:
    headers = {"HX-Request": "true"} if htmx else {}
    data = QueryDict(mutable=True)
    for key, value in pairs:
        data.appendlist(key, value + PROBE if len(value) < 50 else value)
    body = data.urlencode()
    form_type = "application/x-www-form-urlencoded"
    response = client.post(f"{prefix}/budget/", body, content_type=form_type, headers=headers)
    assert response.status_code == 200
    page = response.content.decode()
    assert PROBE not in page
    if "remove" in data:
        return  # removing a row drops what it held, on purpose
    # Everything typed into a text field comes back (rows may be renumbered, never dropped).
    for key in data:
        value = data.getlist(key)[-1].strip()[: calc.MAX_KEPT]
        text_field = re.match(r"^(income|spending)-\w+$|^debt-\d+-(name|owed|asked|days)$", key)
        if text_field and not key.endswith("-period") and value:
            assert html.escape(value) in page, key


def test_a_weekly_amount_shows_its_monthly_value_at_the_field(client: Client) -> None:
    _, page = post(client, EXAMPLE)
    converted = re.search(
        r'<p class="hint converted" id="income-odd_jobs-converted">([^<]*)</p>', page
    )
    assert converted and "1,300 yuan" in converted[1]
    assert re.search(r'id="field-income-odd_jobs"[^>]*aria-describedby="[^"]*-converted"', page)


def test_several_debts_with_nothing_urgent_say_so(client: Client) -> None:
    debts = [{"product": "baitiao", "owed": "5000"}, {"product": "jintiao", "owed": "3000"}]
    _, page = post(client, form(income={"wages": "3000"}, spending={"food": "1000"}, debts=debts))
    assert html.escape(BUDGET.words["order_none"].en) in page
    assert 'class="order-list"' not in page
