"""The budget at /budget/: income and essential spending, up to 10 debts, and a fair offer to each.

The figures arrive in a POST body, are worked out and answered, and are forgotten: nothing is
stored, logged or put in a URL. Amounts are Decimal while they are read and converted to a month,
then whole yuan (rounded half up); the split across debts is exact integer arithmetic.
Messages come from content/budget.yaml, in the page's language, beside the field they are about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.http import QueryDict

from stages.answers import DAYS
from stages.chinese import to_simplified
from stages.content.models import (
    DEBT_FIELDS,
    PRODUCT_QUESTION,
    Budget,
    BudgetFlag,
    BudgetLine,
    Choice,
    Content,
    Court,
    Offer,
    Period,
    Priority,
    Reason,
    Text,
)
from stages.letter import Piece, fill_paragraphs, offer_dates, pieces
from stages.questions import MAX_FIELD_LENGTH, Invalid, normalise, parse_days

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
MAX_ROWS = 100  # debt rows read from one form; a person has at most 10, the rest is not a person
MAX_KEPT = MAX_FIELD_LENGTH * 10  # characters of one field kept to show back

# ---------------------------------------------------------------------------------------------
# Reading amounts the way people write them

_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")  # 1200, 1,200, 1200.5
_GAPS = re.compile(r"\s+")
_SIGNS = "+-−–—"  # after NFKC: plus, hyphen-minus, minus sign and the dashes people type
_PREFIXES = ("¥", "rmb", "cny", "人民币")  # NFKC makes the full-width ￥ a ¥
_SUFFIXES = ("块钱", "元钱", "人民币", "yuan", "rmb", "cny", "元", "块", "圆")
_MULTIPLIERS = {"万": 10_000, "w": 10_000, "千": 1_000, "k": 1_000, "百": 100}


def parse_amount(raw: str, *, maximum: int) -> Decimal:
    """Yuan as typed: 1200, 1,200, 1200元, ￥1200, １２００, 1.2万, 3.8萬, 3千, 3k.
    Raises Invalid with code not_a_number, negative or too_large."""
    text = to_simplified(_GAPS.sub("", normalise(raw)).casefold())  # 萬 → 万, 塊 → 块
    negative = False
    for _ in range(2):  # a sign before or after the currency mark: -¥100, ¥-100
        if text[:1] and text[0] in _SIGNS:
            negative |= text[0] != "+"
            text = text[1:]
        text = next((text.removeprefix(p) for p in _PREFIXES if text.startswith(p)), text)
    text = next((text.removesuffix(s) for s in _SUFFIXES if text.endswith(s)), text)
    multiplier = 1
    if text[-1:] in _MULTIPLIERS:
        multiplier, text = _MULTIPLIERS[text[-1]], text[:-1]
    # Length first: a 5,000-digit "amount" is a typing accident, and never worth converting.
    if len(text) > 30 or not _NUMBER.match(text):
        raise Invalid("too_large" if text.isdigit() else "not_a_number", "")
    value = Decimal(text.replace(",", "")) * multiplier
    if negative and value:
        raise Invalid("negative", "")
    if value > maximum:
        raise Invalid("too_large", "")
    return value


def whole_yuan(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def monthly(amount: Decimal, period: Period) -> int:
    """A month's worth in whole yuan: a week is 52/12 of a month."""
    return whole_yuan(amount * WEEKS_PER_MONTH if period is Period.WEEK else amount)


# ---------------------------------------------------------------------------------------------
# The arithmetic


def split(available: int, owed: Sequence[int]) -> list[int]:
    """Whole yuan in proportion to what is owed, summing to exactly `available` (largest
    remainder: each gets its exact share rounded down, and the yuan left over go one each to the
    largest remainders, the earlier debt first on a tie). Nothing to share gives nothing."""
    if available <= 0 or not owed:
        return [0] * len(owed)
    total = sum(owed)
    if total <= 0 or min(owed) <= 0:
        raise ValueError("every debt must owe more than 0")
    exact = [divmod(available * amount, total) for amount in owed]
    shares = [whole for whole, _ in exact]
    left_over = available - sum(shares)  # fewer than the number of debts
    for index in sorted(range(len(owed)), key=lambda i: -exact[i][1])[:left_over]:
        shares[index] += 1
    return shares


def months_to_clear(owed: int, share: int) -> int | None:
    """Whole months at `share` a month, interest and fees left out; None: never."""
    return -(-owed // share) if share > 0 else None


# ---------------------------------------------------------------------------------------------
# The form: everything as typed, and what became of it


class Action(StrEnum):
    CALCULATE = "calculate"
    ADD = "add"
    REMOVE = "remove"


@dataclass
class Entry:
    """One income or spending line."""

    line: BudgetLine
    name: str  # the amount's field name; the period's is name + "-period"
    raw: str = ""
    period: str = Period.MONTH.value
    monthly: int | None = None
    weekly: int | None = None  # the whole-yuan weekly amount, when typed by the week
    error: str = ""  # the message, in the page's language

    @property
    def period_name(self) -> str:
        return f"{self.name}-period"

    @property
    def described_by(self) -> str:
        """The ids of the hint, the message and the monthly conversion shown for this field."""
        parts = [("hint", self.line.hint), ("error", self.error), ("converted", self.weekly)]
        return " ".join(
            f"{self.name}-{part}" for part, shown in parts if shown is not None and shown != ""
        )


@dataclass
class DebtRow:
    n: int
    raw: dict[str, str]  # DEBT_FIELDS -> as typed
    errors: dict[str, str] = field(default_factory=dict)
    product: Choice | None = None
    owed: int | None = None
    asked: int | None = None
    days: int | None = None
    court: Court = Court.NONE

    def name(self, key: str) -> str:
        return f"debt-{self.n}-{key}"

    @property
    def filled(self) -> bool:
        typed = any(self.raw[key] for key in ("name", "product", "owed", "asked", "days"))
        return typed or self.raw["court"] not in ("", Court.NONE)


@dataclass
class BudgetForm:
    income: list[Entry]
    spending: list[Entry]
    debts: list[DebtRow]
    action: Action = Action.CALCULATE
    # (field id, message) in page order, for the error summary; a section's own message too.
    errors: list[tuple[str, str]] = field(default_factory=list)
    section_errors: dict[str, str] = field(default_factory=dict)  # income, spending, debts
    focus: str = ""  # the element htmx should move focus to after the swap

    @property
    def entries(self) -> list[Entry]:
        return [*self.income, *self.spending]

    @property
    def filled_debts(self) -> list[DebtRow]:
        return [row for row in self.debts if row.filled]


def _value(data: QueryDict | None, name: str) -> str:
    return (data.get(name, "") if data is not None else "").strip()[:MAX_KEPT]


_DEBT_KEY = re.compile(r"^debt-(\d{1,4})-([a-z]+)$")


def read_rows(data: QueryDict | None) -> list[dict[str, str]]:
    """The debt rows as typed, in the order of their numbers, renumbered from 1."""
    numbers: set[int] = set()
    for key in data or {}:
        found = _DEBT_KEY.match(key)
        if found and found[2] in DEBT_FIELDS:
            numbers.add(int(found[1]))
    return [
        {key: _value(data, f"debt-{n}-{key}") for key in DEBT_FIELDS}
        for n in sorted(numbers)[:MAX_ROWS]
    ]


def read_form(data: QueryDict | None, budget: Budget) -> BudgetForm:
    """The form as typed; for add and remove, the rows changed. Nothing is checked yet."""
    income = [_entry(data, line, f"income-{line.id}") for line in budget.income]
    spending = [_entry(data, line, f"spending-{line.id}") for line in budget.spending]
    rows = read_rows(data)
    action = Action.CALCULATE
    form = BudgetForm(income, spending, [])
    removed = _value(data, "remove")
    if removed.isascii() and removed.isdigit() and 1 <= int(removed) <= len(rows):
        action = Action.REMOVE
        del rows[int(removed) - 1]
        form.focus = "debts-title"
    elif _value(data, "action") == Action.ADD:
        action = Action.ADD
        if len(rows) >= budget.limits.debts:
            message = budget.errors["too_many_debts"].format(max=budget.limits.debts)
            form.section_errors["debts"] = message
            form.errors.append(("debts-title", message))
            form.focus = "error-summary"
        else:
            rows.append(dict.fromkeys(DEBT_FIELDS, ""))
            form.focus = f"field-debt-{len(rows)}-name"
    while len(rows) < budget.limits.blank_rows:
        rows.append(dict.fromkeys(DEBT_FIELDS, ""))
    form.action = action
    form.debts = [DebtRow(n, raw) for n, raw in enumerate(rows, start=1)]
    return form


def _entry(data: QueryDict | None, line: BudgetLine, name: str) -> Entry:
    period = _value(data, f"{name}-period") or Period.MONTH.value
    return Entry(line=line, name=name, raw=_value(data, name), period=period)


@dataclass(frozen=True)
class FieldView:
    """One debt field as the template draws it: a text input, or a select with options."""

    id: str
    name: str
    label: Text
    hint: Text | None
    value: str
    error: str
    options: tuple[tuple[str, Text], ...] = ()  # a select's (value, label); empty: a text input
    inputmode: str = ""


def debt_fields(row: DebtRow, content: Content) -> list[FieldView]:
    budget = content.budget
    choose = budget.words["choose"]
    products = tuple((c.value, c.label) for c in content.question(PRODUCT_QUESTION).choices)
    options = {
        "product": (("", choose), *products),
        "court": tuple((court.value, text) for court, text in budget.courts.items()),
    }
    modes = {"owed": "decimal", "asked": "decimal", "days": "numeric"}
    return [
        FieldView(
            id=f"field-{row.name(key)}",
            name=row.name(key),
            label=budget.debt_fields[key].label,
            hint=budget.debt_fields[key].hint,
            value=row.raw[key] or (Court.NONE.value if key == "court" else ""),
            error=row.errors.get(key, ""),
            options=options.get(key, ()),
            inputmode=modes.get(key, ""),
        )
        for key in DEBT_FIELDS
    ]


def sections(form: BudgetForm, budget: Budget) -> list[tuple[str, list[Entry], Text, Text]]:
    """The income and spending groups: (id, entries, title, hint)."""
    words = budget.words
    return [
        ("income", form.income, words["income_title"], words["income_hint"]),
        ("spending", form.spending, words["spending_title"], words["spending_hint"]),
    ]


# ---------------------------------------------------------------------------------------------
# Checking: a message at each field that is wrong


def check_form(form: BudgetForm, content: Content) -> None:
    """Fill in each value, or a message at its field and in the summary (page order)."""
    budget = content.budget
    errors = budget.errors
    for entry in form.entries:
        label = str(entry.line.label)
        if entry.period not in Period:
            entry.error = errors["period_invalid"].format(label=label)
            form.errors.append((f"field-{entry.period_name}", entry.error))
            continue
        if not entry.raw:
            continue
        try:
            amount = parse_amount(entry.raw, maximum=budget.limits.amount_yuan)
        except Invalid as problem:
            entry.error = amount_message(problem.code, label, budget)
            form.errors.append((f"field-{entry.name}", entry.error))
            continue
        entry.monthly = monthly(amount, Period(entry.period))
        if entry.period == Period.WEEK:
            entry.weekly = whole_yuan(amount)
    for section, entries in (("income", form.income), ("spending", form.spending)):
        if not any(entry.raw for entry in entries):
            message = str(errors[f"{section}_empty"])
            form.section_errors[section] = message
            form.errors.append((f"field-{entries[0].name}", message))
    filled = form.filled_debts
    if not filled:
        message = str(errors["debts_empty"])
        form.section_errors["debts"] = message
        form.errors.append((f"field-{form.debts[0].name('owed')}", message))
    elif len(filled) > budget.limits.debts:
        message = errors["too_many_debts"].format(max=budget.limits.debts)
        form.section_errors["debts"] = message
        form.errors.append(("debts-title", message))
    for row in filled:
        check_debt(row, content)
        form.errors += [(f"field-{row.name(key)}", row.errors[key]) for key in row.errors]
    form.errors.sort(key=lambda item: _page_order(form).get(item[0], 0))


def _page_order(form: BudgetForm) -> dict[str, int]:
    ids = [f"field-{e.name}" for e in form.entries] + ["debts-title"]
    ids += [f"field-{row.name(key)}" for row in form.debts for key in DEBT_FIELDS]
    return {element_id: index for index, element_id in enumerate(ids)}


def amount_message(code: str, label: str, budget: Budget) -> str:
    return budget.errors[f"amount_{code}"].format(label=label, max=f"{budget.limits.amount_yuan:,}")


def check_debt(row: DebtRow, content: Content) -> None:
    budget, errors, n = content.budget, content.budget.errors, row.n
    raw = row.raw
    if len(raw["name"]) > budget.limits.name_length:
        row.errors["name"] = errors["name_too_long"].format(n=n, max=budget.limits.name_length)
    product_question = content.question(PRODUCT_QUESTION)
    if not raw["product"]:
        row.errors["product"] = errors["product_empty"].format(n=n)
    elif (choice := product_question.choice(raw["product"])) is None:
        row.errors["product"] = errors["product_invalid"].format(n=n)
    else:
        row.product = choice
    for key in ("owed", "asked"):
        if not raw[key]:
            continue
        label = budget.words["debt_field"].format(n=n, field=budget.debt_fields[key].short)
        try:
            value = whole_yuan(parse_amount(raw[key], maximum=budget.limits.amount_yuan))
        except Invalid as problem:
            row.errors[key] = amount_message(problem.code, label, budget)
            continue
        setattr(row, key, value)
    if not raw["owed"]:
        row.errors["owed"] = errors["owed_empty"].format(n=n)
    elif row.owed == 0:
        row.errors["owed"] = errors["owed_zero"].format(n=n)
    if raw["days"]:
        try:
            row.days = parse_days(raw["days"], max_days=content.question(DAYS).max_days)
        except Invalid as problem:
            row.errors["days"] = errors[f"days_{problem.code}"].format(n=n)
    if raw["court"] and raw["court"] not in Court:
        row.errors["court"] = errors["court_invalid"].format(n=n)
    elif raw["court"]:
        row.court = Court(raw["court"])


def calculate(
    form: BudgetForm, content: Content, *, today: dt.date, language: str, human_date: Callable
) -> Result | None:
    """The result, if every field passed its check; where htmx should move the focus, either way."""
    check_form(form, content)
    if form.errors:
        form.focus = "error-summary"
        return None
    form.focus = "result-title"
    return work_out(form, content, today=today, language=language, human_date=human_date)


# ---------------------------------------------------------------------------------------------
# The result: what is left, the split, the order, the flags, a letter and a script for each


@dataclass(frozen=True)
class DebtOffer:
    n: int
    label: str  # the person's own short name, or "Debt 2"
    product: Choice
    owed: int
    asked: int | None
    days: int | None
    court: Court
    share: int
    months: int | None  # None: never, at this share
    months_text: str  # "34个月" / "34 months" / "never, at this amount"
    offer: Offer  # what this lender is offered
    reasons: tuple[Priority, ...]
    why: tuple[Reason, ...]  # the reasons' words, in the same order
    flags: tuple[BudgetFlag, ...]
    notes: tuple[tuple[Reason, str], ...]  # each flag's reason, its text filled in
    needed: int  # a month, to clear it within the plan limit
    subject: list[Piece]
    letter: list[list[Piece]]
    script: list[list[Piece]]
    letter_to: Text  # the product's lender, addressed as the plan's letter does


@dataclass(frozen=True)
class Result:
    today: dt.date
    income: int
    spending: int
    available: int
    offer: Offer
    debts: tuple[DebtOffer, ...]  # in the order to deal with them
    income_lines: tuple[Entry, ...]  # the lines filled in
    spending_lines: tuple[Entry, ...]
    total_owed: int
    total_share: int
    longest: int | None  # months until every debt is cleared at these shares; None: never
    longest_text: str

    @property
    def shortfall(self) -> int:
        return max(-self.available, 0)

    @property
    def several(self) -> bool:
        return len(self.debts) > 1

    @property
    def flagged(self) -> bool:
        return any(d.flags for d in self.debts)

    @property
    def prioritised(self) -> bool:
        return any(d.reasons for d in self.debts)

    @property
    def by_number(self) -> tuple[DebtOffer, ...]:
        """As typed: for the printed statement, where the order does not matter."""
        return tuple(sorted(self.debts, key=lambda d: d.n))


def statement_groups(result: Result, budget: Budget) -> list[tuple[Text, tuple[Entry, ...], int]]:
    """The statement's two tables: (title, lines filled in, monthly total)."""
    words = budget.words
    return [
        (words["income_title"], result.income_lines, result.income),
        (words["spending_title"], result.spending_lines, result.spending),
    ]


def reasons_for(row: DebtRow, budget: Budget) -> tuple[Priority, ...]:
    """Why this debt comes first, most urgent first (the order of Priority)."""
    found = set()
    match row.court:
        case Court.PAPERS:
            found.add(Priority.COURT_PAPERS)
        case Court.JUDGMENT:
            found.add(Priority.JUDGMENT)
    # A card the bank is chasing: overdue, or days not given (then we cannot rule it out).
    is_card = row.product is not None and row.product.value == budget.card_product
    if is_card and (row.owed or 0) >= budget.limits.card_principal_yuan and row.days != 0:
        found.add(Priority.LARGE_CARD)
    return tuple(p for p in Priority if p in found)


def flags_for(
    *, is_card: bool, share: int, months: int | None, asked: int | None, budget: Budget
) -> tuple[BudgetFlag, ...]:
    flags = []
    if is_card and (months is None or months > budget.limits.plan_months):
        flags.append(BudgetFlag.LONG_CARD_PLAN)
    small_next_to_asked = bool(asked) and share * 100 < asked * budget.limits.small_offer_percent
    if share < budget.limits.small_offer_yuan or small_next_to_asked:
        flags.append(BudgetFlag.SMALL_OFFER)
    return tuple(flags)


def work_out(
    form: BudgetForm, content: Content, *, today: dt.date, language: str, human_date: Callable
) -> Result:
    """The result for a form that passed its checks."""
    income = sum(e.monthly or 0 for e in form.income)
    spending = sum(e.monthly or 0 for e in form.spending)
    available = income - spending
    rows = form.filled_debts
    owed = [row.owed or 0 for row in rows]
    total_owed = sum(owed)
    if available <= 0:
        offer, shares = Offer.NOTHING, [0] * len(rows)
    elif available >= total_owed:
        offer, shares = Offer.CLEAR, owed  # enough to clear them all: no one is paid beyond
    else:
        offer, shares = Offer.PAY, split(available, owed)
    money = content.ui["money"]
    values = offer_dates(today=today, human_date=human_date) | {
        "count": str(len(rows)),
        "available": money.get(language).format(amount=f"{max(available, 0):,}"),
    }
    several = len(rows) > 1
    debts = [
        debt_offer(row, share, offer, content, values=values, language=language, several=several)
        for row, share in zip(rows, shares, strict=True)
    ]
    rank = {p: i for i, p in enumerate(Priority)}
    debts.sort(key=lambda d: (min((rank[r] for r in d.reasons), default=len(rank)), d.n))
    months = [d.months for d in debts]
    longest = None if None in months else max(months, default=0)
    return Result(
        today=today,
        income=income,
        spending=spending,
        available=available,
        offer=offer,
        debts=tuple(debts),
        income_lines=tuple(e for e in form.income if e.monthly is not None),
        spending_lines=tuple(e for e in form.spending if e.monthly is not None),
        total_owed=total_owed,
        total_share=sum(shares),
        longest=longest,
        longest_text=months_phrase(longest, content.budget, language),
    )


def debt_offer(
    row: DebtRow,
    share: int,
    offer: Offer,
    content: Content,
    *,
    values: dict[str, str],
    language: str,
    several: bool,
) -> DebtOffer:
    budget = content.budget
    assert row.product is not None and row.owed is not None  # checked by check_form
    months = months_to_clear(row.owed, share)
    mine = offer if offer is not Offer.PAY or share > 0 else Offer.NOTHING
    is_card = row.product.value == budget.card_product
    flags = ()
    if mine is Offer.PAY:
        flags = flags_for(
            is_card=is_card, share=share, months=months, asked=row.asked, budget=budget
        )
    money = content.ui["money"].get(language)
    facts = {
        "offer": mine.value,
        "court": row.court.value,
        "product": row.product.value,
        "several": "yes" if several else "no",
        "long_plan": "yes" if BudgetFlag.LONG_CARD_PLAN in flags else "no",
        "overdue": "yes" if row.days else "no",
    }
    filled = values | {
        "product": row.product.label.get(language),
        "owed": money.format(amount=f"{row.owed:,}"),
        "offer": money.format(amount=f"{share:,}"),
        "months": months_phrase(months, budget, language),
        "days": str(row.days or 0),
    }
    label = row.raw["name"] or budget.words["debt_legend"].get(language).format(n=row.n)
    reasons = reasons_for(row, budget)
    needed = -(-row.owed // budget.limits.plan_months)
    flag_values = {
        "offer": filled["offer"],
        "months": filled["months"],
        "limit": str(budget.limits.plan_months),
        "needed": money.format(amount=f"{needed:,}"),
    }
    notes = tuple(
        (budget.flags[flag], budget.flags[flag].text.get(language).format(**flag_values))
        for flag in flags
    )
    return DebtOffer(
        n=row.n,
        label=label,
        product=row.product,
        owed=row.owed,
        asked=row.asked,
        days=row.days,
        court=row.court,
        share=share,
        months=months,
        offer=mine,
        reasons=reasons,
        why=tuple(budget.priorities[p] for p in reasons),
        months_text=filled["months"],
        flags=flags,
        notes=notes,
        letter_to=content.product(row.product.value).letter_to,
        needed=needed,
        subject=pieces(budget.letter.subject.get(language), filled),
        letter=fill_paragraphs(budget.letter.paragraphs, facts, filled, language),
        script=fill_paragraphs(budget.script, facts, filled, language),
    )


def months_phrase(months: int | None, budget: Budget, language: str) -> str:
    words = budget.words
    if months is None:
        return words["months_never"].get(language)
    if months == 1:
        return words["one_month"].get(language)
    return words["months"].get(language).format(months=months)


def text_of(pieces_: Sequence[Piece]) -> str:
    """A letter's pieces as plain text (none of the budget's pieces is left to the browser)."""
    return "".join(piece.text for piece in pieces_)
