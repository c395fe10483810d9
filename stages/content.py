"""Load and validate the YAML content in content/.

Everything a person reads (stages, actions, rules, questions, UI strings) is data in YAML files.
This module turns those files into frozen dataclasses once, and refuses bad content with an error
that names the file, the key path and what is wrong. Python never contains the words themselves.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import string
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import ahocorasick
import yaml
from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language

from stages.chinese import to_simplified, to_traditional

# Languages people can choose, as Django names them; authors write the first and last,
# zh-hant is derived with OpenCC (see stages/chinese.py).
LANGUAGES = ("zh-hans", "zh-hant", "en")
AUTHORED = {"zh-Hans": "zh-hans", "en": "en"}


class ContentError(Exception):
    """Bad content: says which file, which key, and what is wrong."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}: {key or '(top level)'}: {problem}")


# ---------------------------------------------------------------------------------------------
# Closed sets


class Force(StrEnum):
    """How binding a source is. A breach of a standard or an industry rule is a complaint."""

    LAW = "law"
    JUDICIAL = "judicial_interpretation"
    REGULATION = "regulation"
    NOTICE = "notice"  # a ministry's or regulator's notice (通知, 规定): binds those it addresses
    NATIONAL_STANDARD = "national_standard"
    INDUSTRY_RULE = "industry_rule"
    OFFICIAL_NOTICE = "official_notice"
    NEWS_REPORT = "news_report"


class Verification(StrEnum):
    """The marks of shared/facts.md."""

    PRIMARY = "verified-p"
    NEWS = "verified-n"
    SECONDARY = "verified-s"
    UNVERIFIED = "unverified"


class Channel(StrEnum):
    APP_REMINDER = "app_reminder"
    SMS = "sms"
    EMAIL = "email"
    CALL = "call"
    CONTACT_CALL = "contact_call"
    HOME_VISIT = "home_visit"
    AGENCY = "agency"
    LAWYER_LETTER = "lawyer_letter"
    LAWSUIT = "lawsuit"
    CREDIT_REPORT = "credit_report"
    FEES = "fees"


class QuestionKind(StrEnum):
    OVERDUE = "overdue"  # number of days, or the due date instead
    SINGLE = "single"
    MULTI = "multi"
    DATE = "date"


# The messages each kind of question must carry, one per rule it checks.
REQUIRED_ERRORS: dict[QuestionKind, tuple[str, ...]] = {
    QuestionKind.OVERDUE: (
        "empty",
        "not_a_number",
        "negative",
        "too_large",
        "bad_date",
        "too_old",
        "both",
        "too_far",
    ),
    QuestionKind.SINGLE: ("empty", "invalid"),
    QuestionKind.MULTI: ("empty", "invalid", "none_and_other"),
    QuestionKind.DATE: ("bad_date", "future", "too_old"),
}


class DueKind(StrEnum):
    DAYS = "days"  # N days from today
    FROM_ANSWER = "from_answer"  # N days from a date the person gave


class PlanSection(StrEnum):
    """Where a step goes on the plan, in this order. A step's date comes from its section."""

    TODAY = "today"
    WEEK = "week"  # within the next 7 days
    NEXT_STAGE = "next_stage"  # before the next stage typically begins
    GOOD_TO_KNOW = "good_to_know"  # background and don'ts: folded away, no box to tick


# The words an action may use for the person's product (content/products.yaml).
PRODUCT_WORDS = ("lender", "pay", "talk")

# Message check: how near the words of one pattern must be, in tokens (a Chinese character or a
# Latin word), unless the pattern says otherwise.
DEFAULT_WITHIN = 12


# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of text in every language. str() gives the active language's version."""

    zh_hans: str
    zh_hant: str
    en: str

    def get(self, language: str | None) -> str:
        match (language or "zh-hans").lower():
            case "en":
                return self.en
            case "zh-hant":
                return self.zh_hant
            case _:
                return self.zh_hans

    def __str__(self) -> str:
        return self.get(get_language())

    def format(self, **values: object) -> str:
        return str(self).format(**values)

    def fill(self, values: Mapping[str, Text]) -> Text:
        """Each language's text with {names} filled from the same language of `values`."""
        if not values or "{" not in self.zh_hans + self.en:
            return self
        return Text(
            zh_hans=self.zh_hans.format(**{k: v.zh_hans for k, v in values.items()}),
            zh_hant=self.zh_hant.format(**{k: v.zh_hant for k, v in values.items()}),
            en=self.en.format(**{k: v.en for k, v in values.items()}),
        )


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    short: Text  # the name shown beside a claim
    title: Text
    publisher: Text
    url: str  # empty where facts.md gives no address
    date: str  # "2025", "2025-04", "2025-04-19" or "undated", as facts.md gives it
    force: Force
    verification: Verification
    binds: Text | None = None  # who it binds, where the force's own words do not say enough
    note: Text | None = None  # shown to readers
    internal: str = ""  # for authors only: never shown on a page

    @property
    def secondary_only(self) -> bool:
        return self.verification is Verification.SECONDARY

    @property
    def force_key(self) -> str:
        return f"force_{self.force.value}"

    @property
    def verification_key(self) -> str:
        return f"verification_{self.verification.value.replace('-', '_')}"


# `{question_id: {value, ...}}`: every key must match, any listed value matches. The key `stage`
# lists stage slugs; authors name a range of stages by order and the loader turns it into slugs.
type Condition = dict[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence of guidance and the sources behind it. `when`: only for people it applies to."""

    text: Text
    sources: tuple[Source, ...]
    channel: Channel | None = None
    when: Condition = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActionText:
    """What a person reads for one action. Texts may name the person's product's channels with
    {lender}, {pay} and {talk}."""

    title: Text
    why: Text
    how: tuple[Text, ...]
    sources: tuple[Source, ...]
    links: tuple[str, ...]  # URL names of pages that help with this action
    uses_product_words: bool = False

    @property
    def names_channel(self) -> bool:
        """Whether it names where to pay or talk ({pay}, {talk}), not only who lends."""
        return any(
            name in ("pay", "talk")
            for text in (self.title, self.why, *self.how)
            for _, name, _, _ in string.Formatter().parse(text.zh_hans)
        )


@dataclass(frozen=True, slots=True)
class ActionVariant:
    when: Condition
    text: ActionText


@dataclass(frozen=True, slots=True)
class Action:
    """Something a person can do. The first variant whose `when` matches replaces the base text."""

    id: str
    base: ActionText
    variants: tuple[ActionVariant, ...] = ()

    # The base text, for pages that are not personal (the stage guide).
    @property
    def title(self) -> Text:
        return self.base.title

    @property
    def why(self) -> Text:
        return self.base.why

    @property
    def how(self) -> tuple[Text, ...]:
        return self.base.how

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.base.sources

    @property
    def links(self) -> tuple[str, ...]:
        return self.base.links


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule lenders and collectors must follow: points, each with the sources that give it
    its force."""

    id: str
    title: Text
    points: tuple[Claim, ...]
    when: Condition = field(default_factory=dict)

    @property
    def sources(self) -> tuple[Source, ...]:
        seen: dict[str, Source] = {}
        for point in self.points:
            for source in point.sources:
                seen.setdefault(source.id, source)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class Stage:
    slug: str
    first_day: int | None  # None: not overdue yet
    last_day: int | None  # None: open-ended
    title: Text
    short: Text
    summary: Text
    happens: tuple[Claim, ...]
    means: tuple[Claim, ...]
    actions: tuple[Action, ...]
    rules: tuple[Rule, ...]
    sources: tuple[Source, ...]
    reviewed: dt.date

    def contains(self, days: int) -> bool:
        if self.first_day is None:
            return days < 0
        return days >= self.first_day and (self.last_day is None or days <= self.last_day)

    @property
    def all_sources(self) -> tuple[Source, ...]:
        """Every source the page cites, in the order first cited, without repeats."""
        seen: dict[str, Source] = {}
        claims = (*self.happens, *self.means)
        groups = [self.sources, *(c.sources for c in claims), *(a.sources for a in self.actions)]
        groups += [r.sources for r in self.rules]
        for group in groups:
            for source in group:
                seen.setdefault(source.id, source)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: Text
    hint: Text | None = None


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: QuestionKind
    label: Text
    hint: Text | None
    choices: tuple[Choice, ...]
    errors: dict[str, Text]
    ask_if: Condition
    optional: bool = False
    none_value: str = ""  # for MULTI: the exclusive "none of these" choice
    max_days: int = 0  # for OVERDUE and DATE: how far back an answer may go
    max_days_ahead: int = 0  # for OVERDUE: how far ahead a due date may be
    date_label: Text | None = None
    date_hint: Text | None = None

    @property
    def values(self) -> frozenset[str]:
        return frozenset(c.value for c in self.choices)

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)


@dataclass(frozen=True, slots=True)
class Due:
    kind: DueKind
    days: int = 0
    answer: str = ""


@dataclass(frozen=True, slots=True)
class PlanRule:
    """Put an action in a section of the plan when the answers match `when` (all keys, any value).
    `due` overrides the section's date (e.g. 15 days from the day court papers came)."""

    action: Action
    when: Condition
    section: PlanSection
    due: Due | None = None
    unless: tuple[Condition, ...] = ()  # does not apply when any of these matches


@dataclass(frozen=True, slots=True)
class PlanRules:
    today_limit: int  # at most this many steps today; the rest move to this week, in order
    rules: tuple[PlanRule, ...]
    calm_when: Condition = field(default_factory=dict)  # for these people, a shorter today
    calm_limit: int = 0


@dataclass(frozen=True, slots=True)
class Product:
    """What differs by product: the words actions use, the letter's addressee, and the lender
    type it usually has."""

    id: str
    name: Text  # as a sentence names it: "my credit card", "我的信用卡"
    words: dict[str, Text]  # PRODUCT_WORDS
    letter_to: Text
    lender_type: str  # a rights.yaml lender type, chosen for the person on the rights page
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class HelpLine:
    id: str
    number: str
    label: Text
    when: Text
    sources: tuple[Source, ...]
    highlight_when: Condition


class Route(StrEnum):
    """Where a complaint about a contact goes."""

    LENDER = "lender"  # depends on who the lender is
    POLICE = "police"
    ANTI_FRAUD = "anti_fraud"
    CREDIT = "credit"
    PERSONAL_INFO = "personal_info"  # misuse of personal information (PIPL)


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of lines. A line that states a fact carries its sources."""

    title: Text
    items: tuple[Claim, ...]
    when: Condition


@dataclass(frozen=True, slots=True)
class Guide:
    id: str
    title: Text
    intro: Text
    sections: tuple[Section, ...]


# ---------------------------------------------------------------------------------------------
# Rights and the message check (rights.yaml, scams.yaml)


@dataclass(frozen=True, slots=True)
class ForProducts:
    """A line for the products it names (products.yaml ids, `general` for someone who has not
    said): a card holder never reads JD lines, a JD user never reads card lines. No products:
    for everyone."""

    text: Text
    sources: tuple[Source, ...]
    products: frozenset[str] = frozenset()

    def fits(self, product_id: str) -> bool:
        return not self.products or product_id in self.products


@dataclass(frozen=True, slots=True)
class LenderType:
    value: str
    label: Text
    route: tuple[ForProducts, ...]

    def route_for(self, product_id: str) -> tuple[ForProducts, ...]:
        return tuple(line for line in self.route if line.fits(product_id))


class Verdict(StrEnum):
    """The first words of an answer to "was this allowed?"."""

    NO = "no"  # 不可以
    NO_UNLESS = "no_unless"  # 一般不可以，除非…
    YES_BUT = "yes_but"  # 可以，但…


@dataclass(frozen=True, slots=True)
class ContactCheck:
    """One thing that may have happened: is it allowed, the rule, evidence, where to complain."""

    id: str
    label: Text
    verdict: Verdict
    verdict_detail: Text | None  # what follows "unless" / "but" (or, after "no", why)
    rule: Rule | None
    detail: Claim | None
    notes: tuple[ForProducts, ...]
    route: Route
    evidence: tuple[Text, ...]

    @property
    def verdict_key(self) -> str:
        """The ui.yaml text that opens the answer: verdict_no, verdict_no_detail ..."""
        if self.verdict is Verdict.NO and self.verdict_detail is not None:
            return "verdict_no_detail"
        return f"verdict_{self.verdict.value}"


@dataclass(frozen=True, slots=True)
class Rights:
    lender_types: tuple[LenderType, ...]
    routes: dict[Route, Claim]
    checks: tuple[ContactCheck, ...]

    def check(self, check_id: str) -> ContactCheck | None:
        return next((c for c in self.checks if c.id == check_id), None)


class Finding(StrEnum):
    """What a message check concludes, in the order the result shows it."""

    SCAM = "scam"  # likely a scam: pay nothing
    RULES = "rules"  # collection that breaks the rules: evidence, complaint
    VERIFY = "verify"  # claims to be a court, the police or a lawyer: check it yourself


class FoundKind(StrEnum):
    """What the message check pulls out of a message, to say what to do with each."""

    PHONE = "phone"
    LINK = "link"
    ACCOUNT = "account"  # a bank card or account number
    WECHAT = "wechat"
    QQ = "qq"
    ALIPAY = "alipay"


@dataclass(frozen=True, slots=True)
class Term:
    """Words a pattern looks for. `folded` went through fold_message, as a message does."""

    folded: str
    shown: Text  # as the content writes it, in the page's script
    whole_word: bool  # Latin words match at word boundaries ("court" is not in "courtesy")


@dataclass(frozen=True)  # no slots: `folded` is computed once and kept
class Pattern:
    """A concept: one word of every group occurs, each within `within` tokens (a Chinese
    character or a Latin word) of the first. A group is words, or a kind of thing found in the
    message (a card number anywhere in it). `unless`: words that cancel it in the same clause."""

    groups: tuple[tuple[Term, ...] | FoundKind, ...]
    within: int
    unless: tuple[Term, ...] = ()

    @functools.cached_property
    def folded(self) -> tuple[frozenset[str] | FoundKind, ...]:
        """Each group's words by their folded form, to intersect with a message's words at once."""
        return tuple(
            g if isinstance(g, FoundKind) else frozenset(t.folded for t in g) for g in self.groups
        )


@dataclass(frozen=True, slots=True)
class ScamFlag:
    id: str
    finding: Finding
    label: Text
    meaning: Text  # may name the person's channels: {lender}, {pay}, {talk}
    todo: Text
    sources: tuple[Source, ...]
    patterns: tuple[Pattern, ...]
    negatable: bool = True  # "请勿向个人账户转账" is a warning, not a request
    rights: tuple[str, ...] = ()  # rights.yaml checks it breaks (findings of `rules`)
    not_with: tuple[str, ...] = ()  # left out when one of these flags is found
    notes: tuple[ForProducts, ...] = ()


@dataclass(frozen=True, slots=True)
class FindingText:
    title: Text  # the finding, in a few words
    summary: Text  # what to do first, one line
    points: tuple[Claim, ...]  # the facts behind it
    verdict: Text | None = None  # its words in the verdict line ("likely a scam")


@dataclass(frozen=True, slots=True)
class FoundText:
    label: Text
    todo: Text


@dataclass(frozen=True, slots=True)
class Pitch:
    id: str
    label: Text
    text: Text


@dataclass(frozen=True, slots=True)
class Scams:
    max_length: int
    findings: dict[Finding, FindingText]
    nothing_found: FindingText
    limits: Text  # what the check cannot do, always shown with a result
    flags: tuple[ScamFlag, ...]
    found: dict[FoundKind, FoundText]
    official_numbers: dict[str, Claim]  # numbers we list ourselves (12368, 110 ...)
    pitches: tuple[Pitch, ...]
    negations: tuple[Term, ...]  # words that make the rest of a clause a warning
    clause_breaks: tuple[str, ...]  # words that start a new clause ("然后", " and ")
    variants: dict[str, str]  # single characters folded together after conversion (帐 -> 账)
    terms: dict[str, Term]  # every word the check looks for, by its folded form
    # Every word above and every clause break, found in one pass over a message (Aho-Corasick).
    automaton: ahocorasick.Automaton = field(repr=False, compare=False)

    def flag(self, flag_id: str) -> ScamFlag | None:
        return next((f for f in self.flags if f.id == flag_id), None)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Text
    when: Condition


@dataclass(frozen=True, slots=True)
class Letter:
    subject: Text
    paragraphs: tuple[Paragraph, ...]


GENERAL_PRODUCT = "general"

# Filled by the site from the answers / typed by the person in the browser, never sent to us.
LETTER_SITE_FIELDS = frozenset(
    {"product", "due_date", "days", "today", "reply_by", "first_payment", "contact_again"}
)
LETTER_BROWSER_FIELDS = frozenset({"name", "amount_now", "monthly"})


def base_or(base: ActionText | None, name: str) -> tuple:
    return getattr(base, name) if base else ()


def uses_placeholders(text: Text) -> bool:
    return any(name for _, name, _, _ in string.Formatter().parse(text.zh_hans + text.en))


# ---------------------------------------------------------------------------------------------
# The budget page (/budget/, content/budget.yaml): closed sets and data


class Period(StrEnum):
    """How often an amount comes or goes; stages/budget.py converts a week to a month."""

    MONTH = "month"
    WEEK = "week"


class Court(StrEnum):
    """Court papers for one debt: none, papers with a deadline running, or a judgment or award."""

    NONE = "none"
    PAPERS = "papers"
    JUDGMENT = "judgment"


class Priority(StrEnum):
    """Why a debt is dealt with first. The members are in order: most urgent first."""

    COURT_PAPERS = "court_papers"
    JUDGMENT = "judgment"
    LARGE_CARD = "large_card"


class BudgetFlag(StrEnum):
    LONG_CARD_PLAN = "long_card_plan"  # a credit-card plan longer than the 5-year limit
    SMALL_OFFER = "small_offer"  # small, but still worth offering in writing


class Offer(StrEnum):
    """What the budget leaves for the debts."""

    PAY = "pay"  # a monthly amount, split across the debts
    NOTHING = "nothing"  # zero or less: the can't-pay-now path
    CLEAR = "clear"  # enough to clear every debt at once


# Conditions a budget letter paragraph or script line may name, and their values. `product` takes
# the questionnaire's product choices.
BUDGET_CONDITIONS: dict[str, frozenset[str]] = {
    "offer": frozenset(Offer),
    "court": frozenset(Court),
    "several": frozenset({"yes", "no"}),
    "long_plan": frozenset({"yes", "no"}),
    "overdue": frozenset({"yes", "no"}),
}
# Placeholders the budget's letter and scripts may use; stages/budget.py fills every one.
BUDGET_LETTER_FIELDS = frozenset(
    {
        "product",
        "owed",
        "offer",
        "months",
        "days",
        "count",
        "available",
        "today",
        "reply_by",
        "first_payment",
        "contact_again",
    }
)
# Placeholders a flag's text may use: the offer, the months it takes, the plan limit in months,
# and the monthly amount that would clear the debt within that limit.
BUDGET_FLAG_FIELDS = frozenset({"offer", "months", "limit", "needed"})
# Error messages, each with the placeholders it may use.
BUDGET_ERRORS: dict[str, frozenset[str]] = {
    "amount_not_a_number": frozenset({"label"}),
    "amount_negative": frozenset({"label"}),
    "amount_too_large": frozenset({"label", "max"}),
    "period_invalid": frozenset({"label"}),
    "income_empty": frozenset(),
    "spending_empty": frozenset(),
    "debts_empty": frozenset(),
    "too_many_debts": frozenset({"max"}),
    "name_too_long": frozenset({"n", "max"}),
    "product_empty": frozenset({"n"}),
    "product_invalid": frozenset({"n"}),
    "owed_empty": frozenset({"n"}),
    "owed_zero": frozenset({"n"}),
    "days_not_a_number": frozenset({"n"}),
    "days_negative": frozenset({"n"}),
    "days_too_large": frozenset({"n"}),
    "court_invalid": frozenset({"n"}),
}
# The fields of one debt, in the order they are asked.
DEBT_FIELDS = ("name", "product", "owed", "asked", "days", "court")


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """An income source, a spending category or a debt field: a label and a hint."""

    id: str
    label: Text
    hint: Text | None = None
    short: Text | None = None  # a debt field's name inside a sentence ("amount owed")


@dataclass(frozen=True, slots=True)
class Reason:
    """A titled explanation with its sources: why a debt comes first, or what a flag means."""

    title: Text
    text: Text
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Budget:
    card_product: str  # the product choice that is a bank credit card
    max_debts: int
    max_amount: int  # yuan, for any one amount typed
    max_name: int  # characters in a debt's short name
    blank_rows: int  # debt rows on a fresh form
    plan_months: int  # the longest credit-card plan (Art. 70: 5 years)
    card_principal: int  # the malicious-overdraft threshold (yuan), §6
    small_offer: int  # an offer under this (yuan a month) is flagged as small...
    small_offer_percent: int  # ...as is one under this share of what the lender asks
    income: tuple[BudgetLine, ...]
    spending: tuple[BudgetLine, ...]
    periods: dict[Period, Text]
    courts: dict[Court, Text]
    fields: dict[str, BudgetLine]  # DEBT_FIELDS
    errors: dict[str, Text]
    words: dict[str, Text]
    priorities: dict[Priority, Reason]
    rest: Reason
    flags: dict[BudgetFlag, Reason]
    notes: tuple[Claim, ...]  # shown beside any offer
    cannot_pay: tuple[Claim, ...]
    letter: Letter
    script: tuple[Paragraph, ...]
    reviewed: dt.date

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source the page can cite, in the order first cited, without repeats."""
        reasons = (*self.priorities.values(), self.rest, *self.flags.values())
        groups = [r.sources for r in reasons] + [c.sources for c in (*self.notes, *self.cannot_pay)]
        return tuple({s.id: s for group in groups for s in group}.values())


def normalise_text(text: str) -> str:
    """For matching: full-width forms folded, case ignored."""
    return unicodedata.normalize("NFKC", text).casefold()


def fold_message(text: str, variants: Mapping[str, str]) -> str:
    """For matching in either script: full-width forms and case folded, Traditional characters
    folded to Simplified, then `variants` (longest first): the words OpenCC keeps apart (帐/账,
    Taiwan's 螢幕 for 屏幕). Patterns and messages go through this same fold."""
    folded = to_simplified(normalise_text(text))
    for variant, common in variants.items():
        folded = folded.replace(variant, common)
    return folded


@dataclass(frozen=True)
class Content:
    sources: dict[str, Source]
    actions: dict[str, Action]
    rules: dict[str, Rule]
    stages: tuple[Stage, ...]  # overdue stages, in day order
    before_due: Stage
    questions: tuple[Question, ...]
    plan: PlanRules
    products: dict[str, Product]  # by product answer; "general" when it is not answered
    help_lines: tuple[HelpLine, ...]
    ui: dict[str, Text]
    guides: dict[str, Guide]
    rights: Rights
    scams: Scams
    scripts: tuple[Section, ...]
    letter: Letter
    budget: Budget
    reviewed: dt.date = field(default=dt.date.min)

    def stage_for_days(self, days: int) -> Stage:
        if days < 0:
            return self.before_due
        return next(stage for stage in self.stages if stage.contains(days))

    def get_stage(self, slug: str) -> Stage | None:
        return next((s for s in (*self.stages, self.before_due) if s.slug == slug), None)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def product(self, answer: str) -> Product:
        """The product the person named, or the general wording when they did not."""
        return self.products.get(answer) or self.products[GENERAL_PRODUCT]

    @property
    def stage_order(self) -> tuple[Stage, ...]:
        return (self.before_due, *self.stages)


# ---------------------------------------------------------------------------------------------
# Reading YAML with key paths


class Node:
    """A YAML value plus where it came from, so every error can name the file and key."""

    def __init__(self, file: str, path: str, value: Any) -> None:
        self.file, self.path, self.value = file, path, value

    def error(self, problem: str) -> ContentError:
        return ContentError(self.file, self.path, problem)

    def _child_path(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def mapping(self, *, required: tuple[str, ...] = (), allowed: tuple[str, ...] = ()) -> Node:
        """Check this is a mapping with the required keys and no key outside required + allowed."""
        self._require_mapping()
        for key in required:
            if key not in self.value:
                raise ContentError(self.file, self._child_path(key), "is missing")
        known = set(required) | set(allowed)
        for key in self.value:
            if known and key not in known:
                raise ContentError(
                    self.file,
                    self._child_path(str(key)),
                    f"unknown key (expected one of: {', '.join(sorted(known))})",
                )
        return self

    def __getitem__(self, key: str) -> Node:
        self._require_mapping()
        if key not in self.value:
            raise ContentError(self.file, self._child_path(key), "is missing")
        return Node(self.file, self._child_path(key), self.value[key])

    def _require_mapping(self) -> None:
        if not isinstance(self.value, dict):
            raise self.error(f"expected a mapping, found {type_name(self.value)}")

    def get(self, key: str) -> Node | None:
        self._require_mapping()
        if key not in self.value or self.value[key] is None:
            return None
        return Node(self.file, self._child_path(key), self.value[key])

    def items(self) -> Iterator[tuple[str, Node]]:
        self._require_mapping()
        for key, value in self.value.items():
            yield str(key), Node(self.file, self._child_path(str(key)), value)

    def list(self, *, allow_empty: bool = False) -> list[Node]:
        if not isinstance(self.value, list):
            raise self.error(f"expected a list, found {type_name(self.value)}")
        if not self.value and not allow_empty:
            raise self.error("must not be empty")
        return [Node(self.file, self._child_path(i), v) for i, v in enumerate(self.value)]

    def str(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            raise self.error(f"expected non-empty text, found {type_name(self.value)}")
        return self.value.strip()

    def id(self) -> str:
        value = self.str()
        if not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in value):
            raise self.error(f"{value!r} is not a valid id (use a-z, 0-9, - and _)")
        return value

    def int(self, *, minimum: int = 0) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.error(f"expected a whole number, found {type_name(self.value)}")
        if self.value < minimum:
            raise self.error(f"must be at least {minimum}, found {self.value}")
        return self.value

    def bool(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.error(f"expected true or false, found {type_name(self.value)}")
        return self.value

    def date(self) -> dt.date:
        value = self.value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.error(f"expected a date like 2026-11-23, found {value!r}")

    def partial_date(self) -> str:
        """A year, a year and month, or a full date; or "undated"."""
        value = self.value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        text = str(value).strip() if isinstance(value, str | int) else ""
        if text == "undated":
            return text
        for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
            try:
                dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
            return text
        raise self.error(
            f"expected a date like 2026, 2026-01 or 2026-01-30, or undated; found {value!r}"
        )

    def enum[E: StrEnum](self, enum: type[E]) -> E:
        value = self.str()
        try:
            return enum(value)
        except ValueError:
            options = ", ".join(member.value for member in enum)
            raise self.error(f"{value!r} is not one of: {options}") from None

    def text(self, translate: Callable[[str], str]) -> Text:
        """A {zh-Hans, en} mapping; zh-Hant is derived unless the author wrote one."""
        self.mapping(required=tuple(AUTHORED), allowed=("zh-Hant",))
        values = {lang: self[key].str() for key, lang in AUTHORED.items()}
        hant = self.get("zh-Hant")
        traditional = hant.str() if hant else translate(values["zh-hans"])
        return Text(zh_hans=values["zh-hans"], zh_hant=traditional, en=values["en"])


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


# libyaml's safe loader parses ~10x faster than the pure-Python one (PyYAML's wheels ship it).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, root: Path) -> Node:
    name = str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except FileNotFoundError:
        raise ContentError(name, "", "file is missing") from None
    except UnicodeDecodeError:
        raise ContentError(name, "", "file is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        raise ContentError(name, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    return Node(name, "", data)


# ---------------------------------------------------------------------------------------------
# Parsing each file


class Loader:
    """Reads content/ in dependency order: sources, then what cites them, then what refers to it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        overrides = read_yaml(root / "zh_hant.yaml", root)
        overrides.mapping(required=("terms",), allowed=("fixes",))
        fixes = overrides.get("fixes")
        self.fixes = {key: node.str() for key, node in fixes.items()} if fixes else {}
        self.terms = {key: node.str() for key, node in overrides["terms"].items()}

    def translate(self, simplified: str) -> str:
        return to_traditional(simplified, self.terms, self.fixes)

    def text(self, node: Node) -> Text:
        return node.text(self.translate)

    def optional_text(self, node: Node, key: str) -> Text | None:
        child = node.get(key)
        return self.text(child) if child else None

    def ids(
        self, node: Node, known: dict[str, Any], what: str, *, allow_empty: bool = False
    ) -> tuple[Any, ...]:
        found = []
        for item in node.list(allow_empty=allow_empty):
            key = item.id()
            if key not in known:
                raise item.error(f"unknown {what} id {key!r}")
            found.append(known[key])
        return tuple(found)

    def cited(
        self, node: Node, sources: dict[str, Source], *, allow_empty: bool = False
    ) -> tuple[Source, ...]:
        """Source ids for a factual claim. UNVERIFIED sources may not back a claim."""
        cited = self.ids(node["sources"], sources, "source", allow_empty=allow_empty)
        for index, source in enumerate(cited):
            if source.verification is Verification.UNVERIFIED:
                raise ContentError(
                    node.file,
                    f"{node.path}.sources[{index}]",
                    f"source {source.id!r} is UNVERIFIED and cannot back a claim",
                )
        return cited

    def sources(self) -> dict[str, Source]:
        doc = read_yaml(self.root / "sources.yaml", self.root).mapping(required=("sources",))
        sources: dict[str, Source] = {}
        for node in doc["sources"].list():
            node.mapping(
                required=("id", "short", "title", "publisher", "date", "force", "verification"),
                allowed=("note", "url", "binds", "internal"),
            )
            source_id = node["id"].id()
            if source_id in sources:
                raise node["id"].error(f"duplicate source id {source_id!r}")
            url = node["url"].str() if node.get("url") else ""
            if url and not url.startswith(("https://", "http://")):
                raise node["url"].error(f"expected a web address, found {url!r}")
            sources[source_id] = Source(
                id=source_id,
                short=self.text(node["short"]),
                title=self.text(node["title"]),
                publisher=self.text(node["publisher"]),
                url=url,
                date=node["date"].partial_date(),
                force=node["force"].enum(Force),
                verification=node["verification"].enum(Verification),
                binds=self.optional_text(node, "binds"),
                note=self.optional_text(node, "note"),
                internal=node["internal"].str() if node.get("internal") else "",
            )
        return sources

    def action_text(self, node: Node, sources: dict[str, Source], *, base: ActionText | None):
        """An action's words. A variant may leave out what it shares with the base."""
        keys = ("title", "why", "how", "sources", "links")
        if base is None:
            node.mapping(required=("title", "why"), allowed=("how", "links", "sources"))
        else:
            node.mapping(required=("when",), allowed=keys)

        def text_or(key: str, default: Text | None) -> Text:
            return self.product_text(node[key]) if node.get(key) or default is None else default

        how = node.get("how")
        links = node.get("links")
        title = text_or("title", base and base.title)
        why = text_or("why", base and base.why)
        steps = tuple(self.product_text(step) for step in how.list()) if how else None
        # A variant replaces what it lists; an empty list clears the base's sources or links.
        cited = node.get("sources")
        return ActionText(
            title=title,
            why=why,
            how=steps if steps is not None else (base.how if base else ()),
            sources=self.cited(node, sources, allow_empty=True)
            if cited
            else base_or(base, "sources"),
            links=tuple(link.id() for link in links.list(allow_empty=True))
            if links
            else base_or(base, "links"),
            uses_product_words=any(
                uses_placeholders(text) for text in (title, why, *(steps or ()))
            ),
        )

    def product_text(self, node: Node) -> Text:
        """Text that may name the person's product through {lender}, {pay} or {talk}."""
        text = self.text(node)
        for language in ("zh_hans", "zh_hant", "en"):
            for _, name, _, _ in string.Formatter().parse(getattr(text, language)):
                if name is not None and name not in PRODUCT_WORDS:
                    expected = ", ".join("{" + word + "}" for word in PRODUCT_WORDS)
                    raise node.error(
                        f"unknown placeholder {{{name}}} (expected one of: {expected})"
                    )
        return text

    def actions(self, sources: dict[str, Source]) -> dict[str, Action]:
        doc = read_yaml(self.root / "actions.yaml", self.root).mapping(required=("actions",))
        actions: dict[str, Action] = {}
        for node in doc["actions"].list():
            node.mapping(
                required=("id", "title", "why"), allowed=("how", "links", "sources", "variants")
            )
            action_id = node["id"].id()
            if action_id in actions:
                raise node["id"].error(f"duplicate action id {action_id!r}")
            base = self.action_text(
                Node(
                    node.file,
                    node.path,
                    {k: v for k, v in node.value.items() if k not in ("id", "variants")},
                ),
                sources,
                base=None,
            )
            variants = node.get("variants")
            actions[action_id] = Action(
                id=action_id,
                base=base,
                variants=tuple(
                    ActionVariant(
                        when=self.condition(variant.get("when")),
                        text=self.action_text(variant, sources, base=base),
                    )
                    for variant in variants.list()
                )
                if variants
                else (),
            )
        return actions

    def rules(self, sources: dict[str, Source]) -> dict[str, Rule]:
        doc = read_yaml(self.root / "rules.yaml", self.root).mapping(required=("rules",))
        rules: dict[str, Rule] = {}
        for node in doc["rules"].list():
            node.mapping(required=("id", "title", "points"), allowed=("when",))
            rule_id = node["id"].id()
            if rule_id in rules:
                raise node["id"].error(f"duplicate rule id {rule_id!r}")
            rules[rule_id] = Rule(
                id=rule_id,
                title=self.text(node["title"]),
                points=self.claims(node["points"], sources),
                when=self.condition(node.get("when")),
            )
        return rules

    def claims(
        self,
        node: Node,
        sources: dict[str, Source],
        *,
        sources_required: bool = True,
        product_words: bool = False,
    ) -> tuple[Claim, ...]:
        """Sentences of guidance; each states a fact and cites it, unless `sources_required` is
        off (advice in a guide needs no source, a fact still does). With `product_words`, a line
        may name the person's channels ({lender}, {pay}, {talk})."""
        read = self.product_text if product_words else self.text
        claims = []
        for item in node.list():
            required = ("text", "sources") if sources_required else ("text",)
            item.mapping(required=required, allowed=("sources", "channel", "when"))
            channel = item.get("channel")
            claims.append(
                Claim(
                    text=read(item["text"]),
                    sources=self.cited(item, sources) if item.get("sources") else (),
                    channel=channel.enum(Channel) if channel else None,
                    when=self.condition(item.get("when")),
                )
            )
        return tuple(claims)

    def stage_days(self, node: Node, *, overdue: bool) -> tuple[int | None, int | None]:
        if not overdue:
            return None, None
        days = node["days"].mapping(required=("from",), allowed=("to",))
        first_day = days["from"].int()
        to = days.get("to")
        last_day = to.int() if to else None
        if last_day is not None and last_day < first_day:
            raise days["to"].error(f"ends ({last_day}) before it starts ({first_day})")
        return first_day, last_day

    def stage(
        self,
        node: Node,
        *,
        sources: dict[str, Source],
        actions: dict[str, Action],
        rules: dict[str, Rule],
        overdue: bool,
    ) -> Stage:
        keys = ("slug", "title", "short", "summary", "happens", "means", "actions")
        keys += ("rules", "sources", "reviewed")
        node.mapping(required=(*keys, "days") if overdue else keys)
        first_day, last_day = self.stage_days(node, overdue=overdue)
        slug = node["slug"].id()
        expected_slug = Path(node.file).stem
        if overdue and slug != expected_slug:
            raise node["slug"].error(f"{slug!r} must match the file name {expected_slug!r}")
        return Stage(
            slug=slug,
            first_day=first_day,
            last_day=last_day,
            title=self.text(node["title"]),
            short=self.text(node["short"]),
            summary=self.text(node["summary"]),
            # What typically happens is this guide's pattern (the page says so); facts cite sources.
            happens=self.claims(node["happens"], sources, sources_required=False),
            means=self.claims(node["means"], sources, sources_required=False),
            actions=self.ids(node["actions"], actions, "action"),
            rules=self.ids(node["rules"], rules, "rule") if node["rules"].value else (),
            sources=self.cited(node, sources),
            reviewed=node["reviewed"].date(),
        )

    def check_coverage(self, days: list[tuple[int, int | None]], files: list[str]) -> None:
        """Overdue stages must cover day 0 to infinity, with no gap and no overlap."""
        expected = 0
        for (first_day, last_day), file in zip(days, files, strict=True):
            if first_day != expected:
                problem = f"starts at day {first_day}, but day {expected} is " + (
                    "not covered by any stage" if first_day > expected else "covered twice"
                )
                raise ContentError(file, "days.from", problem)
            if last_day is None:
                if file != files[-1]:
                    raise ContentError(file, "days.to", "only the last stage may be open-ended")
                return
            expected = last_day + 1
        raise ContentError(files[-1], "days.to", "the last stage must be open-ended (no 'to')")

    def condition(self, node: Node | None, *, stages: bool = True) -> Condition:
        """`{question_id: [value, ...]}`: every key must match, any listed value matches.
        `stage: {from: <slug>, before: <slug>}` names stages by their order (from one onward,
        before one), so a stage added later falls in the right ranges; it becomes a set of slugs."""
        if node is None:
            return {}
        result = {}
        for key, values in node.items():
            if key == "stage":
                if not stages:
                    raise values.error("'stage' cannot be used here")
                result[key] = self.stage_range(values)
                continue
            question = self.questions_by_id.get(key)
            if question is None or not question.choices:
                raise values.error(f"{key!r} is not a question with choices, nor 'stage'")
            items = values.list()
            for item in items:
                if item.str() not in question.values:
                    options = ", ".join(sorted(question.values))
                    raise item.error(f"{item.value!r} is not one of: {options}")
            result[key] = frozenset(item.str() for item in items)
        return result

    def stage_range(self, node: Node) -> frozenset[str]:
        node.mapping(allowed=("from", "before"))
        if not node.value:
            raise node.error("expected 'from' and/or 'before' with a stage slug")
        order = self.stage_order
        positions = {}
        for key in ("from", "before"):
            if node.get(key):
                slug = node[key].id()
                if slug not in order:
                    raise node[key].error(f"{slug!r} is not one of: {', '.join(order)}")
                positions[key] = order.index(slug)
        chosen = order[positions.get("from", 0) : positions.get("before", len(order))]
        if not chosen:
            raise node.error("no stage is in this range, so nothing here can ever apply")
        return frozenset(chosen)

    def questions(self) -> tuple[Question, ...]:
        doc = read_yaml(self.root / "questions.yaml", self.root).mapping(required=("questions",))
        questions: dict[str, Question] = {}
        self.questions_by_id = questions  # ask_if may refer to the questions before it
        for node in doc["questions"].list():
            node.mapping(
                required=("id", "kind", "label", "errors"),
                allowed=(
                    "hint",
                    "choices",
                    "ask_if",
                    "optional",
                    "none_value",
                    "max_days",
                    "max_days_ahead",
                    "date_label",
                    "date_hint",
                ),
            )
            question_id = node["id"].id()
            if question_id in questions or question_id == "stage":
                raise node["id"].error(f"duplicate or reserved question id {question_id!r}")
            kind = node["kind"].enum(QuestionKind)
            choices = ()
            if kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
                choices = tuple(self.choice(item) for item in node["choices"].list())
                values = [c.value for c in choices]
                if len(set(values)) != len(values):
                    raise node["choices"].error("two choices have the same value")
            errors_node = node["errors"].mapping(required=REQUIRED_ERRORS[kind])
            errors = {key: self.text(value) for key, value in errors_node.items()}
            none_value = node["none_value"].id() if node.get("none_value") else ""
            if none_value and none_value not in {c.value for c in choices}:
                raise node["none_value"].error(f"{none_value!r} is not one of the choices")
            max_days = max_days_ahead = 0
            if kind in (QuestionKind.OVERDUE, QuestionKind.DATE):
                max_days = node["max_days"].int(minimum=1)
            if kind is QuestionKind.OVERDUE:
                max_days_ahead = node["max_days_ahead"].int(minimum=1)
            questions[question_id] = Question(
                id=question_id,
                kind=kind,
                label=self.text(node["label"]),
                hint=self.optional_text(node, "hint"),
                choices=choices,
                errors=errors,
                ask_if=self.condition(node.get("ask_if"), stages=False),
                optional=node["optional"].bool() if node.get("optional") else False,
                none_value=none_value,
                max_days=max_days,
                max_days_ahead=max_days_ahead,
                date_label=self.optional_text(node, "date_label"),
                date_hint=self.optional_text(node, "date_hint"),
            )
        first = next(iter(questions.values()))
        if first.kind is not QuestionKind.OVERDUE:
            raise doc["questions"].list()[0]["kind"].error("the first question must be 'overdue'")
        return tuple(questions.values())

    def choice(self, node: Node) -> Choice:
        node.mapping(required=("value", "label"), allowed=("hint",))
        return Choice(
            value=node["value"].id(),
            label=self.text(node["label"]),
            hint=self.optional_text(node, "hint"),
        )

    def due(self, node: Node | None) -> Due | None:
        if node is None:
            return None
        node.mapping(required=("days",), allowed=("after",))
        days = node["days"].int()
        after = node.get("after")
        if after is None:
            return Due(DueKind.DAYS, days=days)
        answer = after.id()
        question = self.questions_by_id.get(answer)
        if question is None or question.kind is not QuestionKind.DATE:
            raise after.error(f"{answer!r} is not a date question")
        return Due(DueKind.FROM_ANSWER, days=days, answer=answer)

    def unless(self, node: Node | None) -> tuple[Condition, ...]:
        """One condition, or a list of them: the rule does not apply when any matches."""
        if node is None:
            return ()
        if isinstance(node.value, list):
            return tuple(self.condition(item) for item in node.list())
        return (self.condition(node),)

    def plan_rules(self, actions: dict[str, Action]) -> PlanRules:
        doc = read_yaml(self.root / "plan_rules.yaml", self.root)
        doc.mapping(required=("today_limit", "rules"), allowed=("calm_today",))
        rules = []
        for node in doc["rules"].list():
            node.mapping(required=("action", "section"), allowed=("when", "unless", "due"))
            action_id = node["action"].id()
            if action_id not in actions:
                raise node["action"].error(f"unknown action id {action_id!r}")
            rules.append(
                PlanRule(
                    action=actions[action_id],
                    when=self.condition(node.get("when")),
                    section=node["section"].enum(PlanSection),
                    due=self.due(node.get("due")),
                    unless=self.unless(node.get("unless")),
                )
            )
        calm = doc.get("calm_today")
        if calm:
            calm.mapping(required=("when", "limit"))
        return PlanRules(
            today_limit=doc["today_limit"].int(minimum=1),
            rules=tuple(rules),
            calm_when=self.condition(calm["when"]) if calm else {},
            calm_limit=calm["limit"].int(minimum=1) if calm else 0,
        )

    def products(self, sources: dict[str, Source]) -> dict[str, Product]:
        doc = read_yaml(self.root / "products.yaml", self.root).mapping(required=("products",))
        answers = self.questions_by_id.get("product")
        known = (answers.values if answers else frozenset()) | {GENERAL_PRODUCT}
        products: dict[str, Product] = {}
        for node in doc["products"].list():
            node.mapping(
                required=("id", "name", "words", "letter_to", "lender_type"), allowed=("sources",)
            )
            product_id = node["id"].id()
            if product_id not in known:
                raise node["id"].error(f"{product_id!r} is not one of: {', '.join(sorted(known))}")
            words = node["words"].mapping(required=PRODUCT_WORDS)
            products[product_id] = Product(
                id=product_id,
                name=self.text(node["name"]),
                words={word: self.text(words[word]) for word in PRODUCT_WORDS},
                letter_to=self.text(node["letter_to"]),
                lender_type=node["lender_type"].id(),
                sources=self.cited(node, sources) if node.get("sources") else (),
            )
        missing = sorted(known - set(products))
        if missing:
            raise doc["products"].error(f"missing products: {', '.join(missing)}")
        self.product_ids = tuple(products)  # lines for some products name them (ForProducts)
        return products

    def help_lines(self, sources: dict[str, Source]) -> tuple[HelpLine, ...]:
        doc = read_yaml(self.root / "help.yaml", self.root).mapping(required=("lines",))
        lines = []
        for node in doc["lines"].list():
            node.mapping(
                required=("id", "number", "label", "when", "sources"), allowed=("highlight_when",)
            )
            # A helpline number is shown as it is: digits and dashes only.
            number = str(node["number"].value)
            if not number or not all(ch.isdigit() or ch == "-" for ch in number):
                raise node["number"].error(f"{number!r} is not a phone number")
            lines.append(
                HelpLine(
                    id=node["id"].id(),
                    number=number,
                    label=self.text(node["label"]),
                    when=self.text(node["when"]),
                    sources=self.cited(node, sources),
                    highlight_when=self.condition(node.get("highlight_when")),
                )
            )
        return tuple(lines)

    def claim(self, node: Node, sources: dict[str, Source]) -> Claim:
        node.mapping(required=("text", "sources"))
        return Claim(text=self.text(node["text"]), sources=self.cited(node, sources))

    def sections(self, node: Node, sources: dict[str, Source]) -> tuple[Section, ...]:
        sections = []
        for section in node.list():
            section.mapping(required=("title", "items"), allowed=("when",))
            sections.append(
                Section(
                    title=self.text(section["title"]),
                    items=self.claims(
                        section["items"], sources, sources_required=False, product_words=True
                    ),
                    when=self.condition(section.get("when")),
                )
            )
        return tuple(sections)

    def guides(self, sources: dict[str, Source]) -> dict[str, Guide]:
        doc = read_yaml(self.root / "guides.yaml", self.root).mapping(required=("guides",))
        guides = {}
        for guide_id, node in doc["guides"].items():
            node.mapping(required=("title", "intro", "sections"))
            guides[guide_id] = Guide(
                id=guide_id,
                title=self.text(node["title"]),
                intro=self.text(node["intro"]),
                sections=self.sections(node["sections"], sources),
            )
        for needed in ("credit", "family_card", "log"):
            if needed not in guides:
                raise ContentError(doc.file, f"guides.{needed}", "is missing")
        return guides

    def for_products(self, node: Node, sources: dict[str, Source]) -> tuple[ForProducts, ...]:
        """Lines `{text, sources, products?}`; `products` lists products.yaml ids (or general)."""
        lines = []
        for item in node.list():
            item.mapping(required=("text",), allowed=("sources", "products"))
            products = frozenset()
            if item.get("products"):
                products = frozenset(p.id() for p in item["products"].list())
                unknown = sorted(products - set(self.product_ids))
                if unknown:
                    options = ", ".join(sorted(self.product_ids))
                    raise item["products"].error(f"{unknown[0]!r} is not one of: {options}")
            cited = self.cited(item, sources) if item.get("sources") else ()
            lines.append(ForProducts(self.product_text(item["text"]), cited, products))
        return tuple(lines)

    def rights(self, sources: dict[str, Source], rules: dict[str, Rule]) -> Rights:
        doc = read_yaml(self.root / "rights.yaml", self.root)
        doc.mapping(required=("lender_types", "routes", "checks"))
        lender_types = []
        for node in doc["lender_types"].list():
            node.mapping(required=("value", "label", "route"))
            lender_types.append(
                LenderType(
                    value=node["value"].id(),
                    label=self.text(node["label"]),
                    route=self.for_products(node["route"], sources),
                )
            )
        routes_node = doc["routes"].mapping(
            required=tuple(r.value for r in Route if r is not Route.LENDER)
        )
        routes = {Route(key): self.claim(value, sources) for key, value in routes_node.items()}
        checks = []
        for node in doc["checks"].list():
            node.mapping(
                required=("id", "label", "verdict", "route", "evidence"),
                allowed=("rule", "detail", "notes"),
            )
            rule = None
            if node.get("rule"):
                rule_id = node["rule"].id()
                if rule_id not in rules:
                    raise node["rule"].error(f"unknown rule id {rule_id!r}")
                rule = rules[rule_id]
            detail = self.claim(node["detail"], sources) if node.get("detail") else None
            if rule is None and detail is None:
                raise node.error("needs a 'rule' or a 'detail'")
            verdict = node["verdict"].mapping(required=("kind",), allowed=("detail",))
            kind = verdict["kind"].enum(Verdict)
            verdict_detail = self.optional_text(verdict, "detail")
            if kind is not Verdict.NO and verdict_detail is None:
                raise verdict.error(f"'{kind.value}' needs a 'detail' (what follows unless / but)")
            checks.append(
                ContactCheck(
                    id=node["id"].id(),
                    label=self.text(node["label"]),
                    verdict=kind,
                    verdict_detail=verdict_detail,
                    rule=rule,
                    detail=detail,
                    notes=self.for_products(node["notes"], sources) if node.get("notes") else (),
                    route=node["route"].enum(Route),
                    evidence=tuple(self.text(e) for e in node["evidence"].list()),
                )
            )
        ids = [c.id for c in checks]
        if len(set(ids)) != len(ids):
            raise doc["checks"].error("two checks have the same id")
        return Rights(tuple(lender_types), routes, tuple(checks))

    def scams(self, sources: dict[str, Source], rights: Rights) -> Scams:
        doc = read_yaml(self.root / "scams.yaml", self.root)
        keys = ("max_length", "variants", "negations", "clause_breaks", "words", "findings")
        keys += ("nothing_found", "limits", "flags", "found", "official_numbers", "pitches")
        doc.mapping(required=keys)
        # Folded as a message is, longest first, so 视讯会议 is folded before 视讯.
        pairs = [(normalise_text(to_simplified(k)), v.str()) for k, v in doc["variants"].items()]
        variants = dict(sorted(pairs, key=lambda pair: -len(pair[0])))
        self.variants = variants
        self.scam_terms: dict[str, Term] = {}
        negations = tuple(self.term(n) for n in doc["negations"].list())
        # Kept as written (a leading or trailing space is the point of " and ").
        breaks = tuple(fold_message(b.value, variants) for b in doc["clause_breaks"].list())
        if not all(b.strip() for b in breaks):
            raise doc["clause_breaks"].error("a clause break must contain a word")
        words = {
            name: tuple(self.term(t) for t in node.list()) for name, node in doc["words"].items()
        }

        findings_node = doc["findings"].mapping(required=tuple(f.value for f in Finding))
        findings = {
            Finding(key): self.finding_text(node, sources, verdict=True)
            for key, node in findings_node.items()
        }

        flags = []
        for node in doc["flags"].list():
            node.mapping(
                required=("id", "finding", "label", "meaning", "todo", "sources", "patterns"),
                allowed=("negatable", "rights", "not_with", "notes"),
            )
            finding = node["finding"].enum(Finding)
            rights_ids = tuple(r.id() for r in node["rights"].list()) if node.get("rights") else ()
            for index, check_id in enumerate(rights_ids):
                if rights.check(check_id) is None:
                    raise node["rights"].list()[index].error(f"unknown rights check {check_id!r}")
            if (finding is Finding.RULES) != bool(rights_ids):
                raise node.error("a 'rules' flag lists the rights checks it breaks; no other does")
            flags.append(
                ScamFlag(
                    id=node["id"].id(),
                    finding=finding,
                    label=self.text(node["label"]),
                    meaning=self.product_text(node["meaning"]),
                    todo=self.product_text(node["todo"]),
                    sources=self.cited(node, sources),
                    patterns=tuple(self.pattern(p, words) for p in node["patterns"].list()),
                    negatable=node["negatable"].bool() if node.get("negatable") else True,
                    rights=rights_ids,
                    not_with=tuple(n.id() for n in node["not_with"].list())
                    if node.get("not_with")
                    else (),
                    notes=self.for_products(node["notes"], sources) if node.get("notes") else (),
                )
            )
        known = [f.id for f in flags]
        if len(set(known)) != len(known):
            raise doc["flags"].error("two flags have the same id")
        for flag, node in zip(flags, doc["flags"].list(), strict=True):
            for other in flag.not_with:
                if other not in known:
                    raise node["not_with"].error(f"unknown flag id {other!r}")

        found_node = doc["found"].mapping(required=tuple(k.value for k in FoundKind))
        found = {}
        for key, node in found_node.items():
            node.mapping(required=("label", "todo"))
            found[FoundKind(key)] = FoundText(
                self.text(node["label"]), self.product_text(node["todo"])
            )
        numbers = {}
        for node in doc["official_numbers"].list():
            node.mapping(required=("number", "text", "sources"))
            number = str(node["number"].value)
            if not number.isdigit():
                raise node["number"].error(f"{number!r} is not a phone number")
            numbers[number] = Claim(self.text(node["text"]), self.cited(node, sources))

        pitches = []
        for node in doc["pitches"].list():
            node.mapping(required=("id", "label", "text"))
            pitches.append(
                Pitch(node["id"].id(), self.text(node["label"]), self.text(node["text"]))
            )
        automaton = ahocorasick.Automaton()
        for folded in (*self.scam_terms, *breaks):
            automaton.add_word(folded, folded)
        automaton.make_automaton()
        return Scams(
            max_length=doc["max_length"].int(minimum=100),
            findings=findings,
            nothing_found=self.finding_text(doc["nothing_found"], sources),
            limits=self.product_text(doc["limits"]),
            flags=tuple(flags),
            found=found,
            official_numbers=numbers,
            pitches=tuple(pitches),
            negations=negations,
            clause_breaks=breaks,
            variants=variants,
            terms=dict(self.scam_terms),
            automaton=automaton,
        )

    def finding_text(
        self, node: Node, sources: dict[str, Source], *, verdict: bool = False
    ) -> FindingText:
        keys = ("verdict", "title", "summary") if verdict else ("title", "summary")
        node.mapping(required=keys, allowed=("points",))
        points = node.get("points")
        return FindingText(
            title=self.text(node["title"]),
            summary=self.product_text(node["summary"]),
            points=self.claims(points, sources, sources_required=False, product_words=True)
            if points
            else (),
            verdict=self.text(node["verdict"]) if verdict else None,
        )

    def term(self, node: Node) -> Term:
        """Words to look for, folded as a message is: a Chinese character, or two characters."""
        words = node.str()
        folded = fold_message(words, self.variants)
        if len(folded) < 2 and (folded.isascii() or not folded.isalpha()):
            raise node.error(f"{words!r} is too short to look for (a Chinese character, or two)")
        whole_word = folded.isascii() and folded[0].isalnum() and folded[-1].isalnum()
        shown = Text(zh_hans=words, zh_hant=self.translate(words), en=words)
        # One Term per folded form, so the index lists each word once.
        return self.scam_terms.setdefault(folded, Term(folded, shown, whole_word))

    def pattern(self, node: Node, words: dict[str, tuple[Term, ...]]) -> Pattern:
        """Words (a list: any of them), or `{all: [group, ...], within: n, unless: [...]}` where a
        group is the name of a word list, `#kind` (something found in the message), or words."""
        if isinstance(node.value, str):
            return Pattern(groups=((self.term(node),),), within=0)
        if isinstance(node.value, list):
            return Pattern(groups=(tuple(self.term(t) for t in node.list()),), within=0)
        node.mapping(required=("all",), allowed=("within", "unless"))
        groups: list[tuple[Term, ...] | FoundKind] = []
        for group in node["all"].list():
            if isinstance(group.value, list):
                for item in group.list():
                    if str(item.value).startswith("#"):
                        raise item.error("a #kind is a group of its own, not a word in a list")
                groups.append(tuple(self.term(t) for t in group.list()))
            elif group.str().startswith("#"):
                groups.append(Node(group.file, group.path, group.str()[1:]).enum(FoundKind))
            elif group.str() in words:
                groups.append(words[group.str()])
            else:
                raise group.error(f"{group.str()!r} is not a word list (see 'words')")
        within = node["within"].int(minimum=1) if node.get("within") else DEFAULT_WITHIN
        unless = tuple(self.term(t) for t in node["unless"].list()) if node.get("unless") else ()
        return Pattern(tuple(groups), within, unless)

    def negotiation(self, sources: dict[str, Source]) -> tuple[tuple[Section, ...], Letter]:
        doc = read_yaml(self.root / "negotiation.yaml", self.root)
        doc.mapping(required=("scripts", "letter"))
        scripts = self.sections(doc["scripts"], sources)
        letter = doc["letter"].mapping(required=("subject", "paragraphs"))
        subject = self.letter_text(letter["subject"])
        paragraphs = []
        for node in letter["paragraphs"].list():
            node.mapping(required=("text",), allowed=("when",))
            paragraphs.append(
                Paragraph(self.letter_text(node["text"]), self.condition(node.get("when")))
            )
        return scripts, Letter(subject, tuple(paragraphs))

    def letter_text(self, node: Node) -> Text:
        """Letter text may only use the placeholders the letter page knows how to fill."""
        text = self.text(node)
        allowed = LETTER_SITE_FIELDS | LETTER_BROWSER_FIELDS
        for language in ("zh_hans", "en"):
            for _, name, _, _ in string.Formatter().parse(getattr(text, language)):
                if name is not None and name not in allowed:
                    raise node.error(f"unknown placeholder {{{name}}}")
        return text

    # -- The budget page (content/budget.yaml) ------------------------------------------------

    def budget(self, sources: dict[str, Source]) -> Budget:
        doc = read_yaml(self.root / "budget.yaml", self.root)
        keys = ("limits", "periods", "income", "spending", "debt_fields", "courts", "errors")
        keys += ("words", "priorities", "rest", "flags", "notes", "cannot_pay", "letter")
        doc.mapping(required=(*keys, "script", "card_product", "reviewed"))
        card_product = doc["card_product"].id()
        if card_product not in self.questions_by_id["product"].values:
            raise doc["card_product"].error(f"{card_product!r} is not a product choice")
        limits = doc["limits"].mapping(
            required=(
                "debts",
                "amount_yuan",
                "name_length",
                "blank_rows",
                "plan_months",
                "card_principal_yuan",
                "small_offer_yuan",
                "small_offer_percent",
            )
        )
        max_debts = limits["debts"].int(minimum=1)
        blank_rows = limits["blank_rows"].int(minimum=1)
        if blank_rows > max_debts:
            raise limits["blank_rows"].error(f"must be at most limits.debts ({max_debts})")
        percent = limits["small_offer_percent"].int(minimum=1)
        if percent > 100:
            raise limits["small_offer_percent"].error("must be at most 100")
        errors_node = doc["errors"].mapping(required=tuple(BUDGET_ERRORS))
        errors = {
            key: self.placeholder_text(node, BUDGET_ERRORS[key])
            for key, node in errors_node.items()
        }
        fields_node = doc["debt_fields"].mapping(required=DEBT_FIELDS)
        fields = {key: self.budget_line(node, key, short=True) for key, node in fields_node.items()}
        letter = doc["letter"].mapping(required=("subject", "paragraphs"))
        return Budget(
            card_product=card_product,
            max_debts=max_debts,
            max_amount=limits["amount_yuan"].int(minimum=1),
            max_name=limits["name_length"].int(minimum=1),
            blank_rows=blank_rows,
            plan_months=limits["plan_months"].int(minimum=1),
            card_principal=limits["card_principal_yuan"].int(minimum=1),
            small_offer=limits["small_offer_yuan"].int(minimum=1),
            small_offer_percent=percent,
            income=self.budget_lines(doc["income"]),
            spending=self.budget_lines(doc["spending"]),
            periods=self.keyed_texts(doc["periods"], Period),
            courts=self.keyed_texts(doc["courts"], Court),
            fields=fields,
            errors=errors,
            words={key: self.text(node) for key, node in doc["words"].items()},
            priorities=self.reasons(doc["priorities"], Priority, sources),
            rest=self.reason(doc["rest"], sources),
            flags=self.reasons(doc["flags"], BudgetFlag, sources, BUDGET_FLAG_FIELDS),
            notes=self.claims(doc["notes"], sources, sources_required=False),
            cannot_pay=self.claims(doc["cannot_pay"], sources, sources_required=False),
            letter=Letter(
                self.placeholder_text(letter["subject"], BUDGET_LETTER_FIELDS),
                self.budget_paragraphs(letter["paragraphs"]),
            ),
            script=self.budget_paragraphs(doc["script"]),
            reviewed=doc["reviewed"].date(),
        )

    def budget_lines(self, node: Node) -> tuple[BudgetLine, ...]:
        lines = [self.budget_line(item, item["id"].id()) for item in node.list()]
        ids = [line.id for line in lines]
        if len(set(ids)) != len(ids):
            raise node.error("two lines have the same id")
        return tuple(lines)

    def budget_line(self, node: Node, line_id: str, *, short: bool = False) -> BudgetLine:
        allowed = ("hint", "short") if short else ("hint", "id")
        node.mapping(required=("label", "short") if short else ("id", "label"), allowed=allowed)
        return BudgetLine(
            id=line_id,
            label=self.text(node["label"]),
            hint=self.optional_text(node, "hint"),
            short=self.optional_text(node, "short"),
        )

    def keyed_texts[E: StrEnum](self, node: Node, enum: type[E]) -> dict[E, Text]:
        """A label for every member of a closed set, in the set's order."""
        node.mapping(required=tuple(enum))
        return {member: self.text(node[member.value]) for member in enum}

    def reasons[E: StrEnum](
        self,
        node: Node,
        enum: type[E],
        sources: dict[str, Source],
        allowed: frozenset[str] = frozenset(),
    ) -> dict[E, Reason]:
        """A reason for every member of a closed set, in the set's order."""
        node.mapping(required=tuple(enum))
        return {member: self.reason(node[member.value], sources, allowed) for member in enum}

    def reason(
        self, node: Node, sources: dict[str, Source], allowed: frozenset[str] = frozenset()
    ) -> Reason:
        """`sources` only where the text states a fact."""
        node.mapping(required=("title", "text"), allowed=("sources",))
        text = self.placeholder_text(node["text"], allowed)
        cited = self.cited(node, sources) if node.get("sources") else ()
        return Reason(self.text(node["title"]), text, cited)

    def placeholder_text(self, node: Node, allowed: frozenset[str]) -> Text:
        """Text whose {placeholders} are all ones the page knows how to fill."""
        text = self.text(node)
        for language in ("zh_hans", "zh_hant", "en"):
            try:
                parsed = list(string.Formatter().parse(getattr(text, language)))
            except ValueError as problem:
                raise node.error(f"bad placeholder: {problem}") from None
            for _, name, _, _ in parsed:
                if name is not None and name not in allowed:
                    raise node.error(f"unknown placeholder {{{name}}}")
        return text

    def budget_paragraphs(self, node: Node) -> tuple[Paragraph, ...]:
        paragraphs = []
        products = self.questions_by_id["product"].values
        known = {**BUDGET_CONDITIONS, "product": products}
        for item in node.list():
            item.mapping(required=("text",), allowed=("when",))
            when: dict[str, frozenset[str]] = {}
            if item.get("when"):
                for key, values in item["when"].items():
                    if key not in known:
                        raise values.error(f"{key!r} is not one of: {', '.join(sorted(known))}")
                    for value in values.list():
                        if value.str() not in known[key]:
                            options = ", ".join(sorted(known[key]))
                            raise value.error(f"{value.value!r} is not one of: {options}")
                    when[key] = frozenset(v.str() for v in values.list())
            paragraphs.append(
                Paragraph(self.placeholder_text(item["text"], BUDGET_LETTER_FIELDS), when)
            )
        return tuple(paragraphs)

    def ui(self) -> dict[str, Text]:
        doc = read_yaml(self.root / "ui.yaml", self.root).mapping(required=("ui",))
        return {key: self.text(node) for key, node in doc["ui"].items()}

    def stage_nodes(self) -> tuple[list[Node], Node]:
        """The stage files, overdue stages in day order (checked: day 0 onward, no gap, no
        overlap), and the before-due stage. Read first: conditions name stages by this order."""
        paths = sorted((self.root / "stages").glob("*.yaml"))
        if not paths:
            raise ContentError("content/stages", "", "no stage files found")
        nodes = [read_yaml(path, self.root).mapping() for path in paths]
        days = [self.stage_days(node, overdue=True) for node in nodes]
        ordered = sorted(zip(days, nodes, strict=True), key=lambda pair: pair[0][0])
        self.check_coverage([d for d, _ in ordered], [n.file for _, n in ordered])
        before_due = read_yaml(self.root / "before_due.yaml", self.root).mapping()
        self.stage_order = (before_due["slug"].id(), *(n["slug"].id() for _, n in ordered))
        return [n for _, n in ordered], before_due

    def load(self) -> Content:
        # Order matters: conditions need the questions and the stage order; claims need sources.
        overdue_nodes, before_due_node = self.stage_nodes()
        sources = self.sources()
        questions = self.questions()
        actions = self.actions(sources)
        rules = self.rules(sources)
        cited = {"sources": sources, "actions": actions, "rules": rules}
        stages = [self.stage(node, **cited, overdue=True) for node in overdue_nodes]
        before_due = self.stage(before_due_node, **cited, overdue=False)
        reviewed = max(s.reviewed for s in (*stages, before_due))
        scripts, letter = self.negotiation(sources)
        products = self.products(sources)
        rights = self.rights(sources, rules)
        return Content(
            sources=sources,
            actions=actions,
            rules=rules,
            stages=tuple(stages),
            before_due=before_due,
            questions=questions,
            plan=self.plan_rules(actions),
            products=products,
            help_lines=self.help_lines(sources),
            ui=self.ui(),
            guides=self.guides(sources),
            rights=rights,
            scams=self.scams(sources, rights),
            scripts=scripts,
            letter=letter,
            budget=self.budget(sources),
            reviewed=reviewed,
        )


def load_content(root: Path) -> Content:
    """Read and validate every content file under root. Raises ContentError."""
    # The loader makes many long-lived objects and no garbage cycles. Left on, the cyclic
    # collector walks them again and again as they grow: paused, load time stays linear.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return Loader(Path(root)).load()
    finally:
        if enabled:
            gc.enable()


@functools.cache
def get_content() -> Content:
    """The site's content, loaded once per process."""
    return load_content(settings.CONTENT_DIR)


def get_stage_or_404(slug: str) -> Stage:
    stage = get_content().get_stage(slug)
    if stage is None:
        raise Http404(slug)
    return stage
