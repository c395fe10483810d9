"""Build the repayment-request letter from the answers: concrete dates, the person's own case.

Names and amounts are never sent to the server: they appear as blanks that the person's browser
fills from fields on the page (static/js/letter.js), or that they fill in by hand on paper.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from stages.answers import Answers, matches
from stages.content.models import BudgetParagraph, Content, PlanSection, Text
from stages.plan import WEEK_DAYS, milestones, section_dates

CONTACT_AGAIN_DAYS = 30  # "I will contact you again by": a month, for someone who cannot pay yet
CAN_PAY = "can_pay"  # the question: paying all or part today changes the first payment's date
PAYING = ("all", "part")

# The letter's placeholders: filled by the site from the answers, or typed by the person in the
# browser and never sent to us (stages/needs.py checks content/negotiation.yaml uses no other).
SITE_FIELDS = frozenset(
    {"product", "due_date", "days", "today", "reply_by", "first_payment", "contact_again"}
)
BROWSER_FIELDS = frozenset({"name", "amount_now", "monthly", "pay_on"})


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    fill: str = ""  # a browser-filled field name; text is then empty


def pieces(text: str, values: dict[str, str]) -> list[Piece]:
    out = []
    for literal, name, _, _ in string.Formatter().parse(text):
        if literal:
            out.append(Piece(literal))
        if name is None:
            continue
        out.append(Piece("", fill=name) if name in BROWSER_FIELDS else Piece(values[name]))
    return out


def letter_values(
    content: Content, answers: Answers, *, language: str, human_date
) -> dict[str, str]:
    days, today = answers.days or 0, answers.today
    # The plan's dates: pay today if you can; otherwise, like the reply, within this week.
    dates = section_dates(today, milestones(content, days, today))
    this_week = dates[PlanSection.WEEK]
    paying = answers.first(CAN_PAY) in PAYING
    return {
        "product": answers.product.name.get(language),
        "due_date": human_date(today - dt.timedelta(days=days)),
        "days": str(days),
        "today": human_date(today),
        "reply_by": human_date(this_week),
        "first_payment": human_date(today if paying else this_week),
        "contact_again": human_date(today + dt.timedelta(days=CONTACT_AGAIN_DAYS)),
    }


def build_letter(
    content: Content, answers: Answers, *, language: str, human_date
) -> tuple[list[Piece], list[list[Piece]]]:
    """The subject and the paragraphs that apply to these answers (they need the days)."""
    values = letter_values(content, answers, language=language, human_date=human_date)
    chosen: list[Text] = [p.text for p in content.letter.paragraphs if matches(p.when, answers)]
    subject = pieces(content.letter.subject.get(language), values)
    return subject, [pieces(text.get(language), values) for text in chosen]


# ---------------------------------------------------------------------------------------------
# The budget's letters and phone scripts (stages/budget.py): the same pieces, filled from an offer.
# There the amounts come from the budget's POST body, used for that one answer and never kept.

# A budget offer names its own dates: a reply and the first payment within this week, the same
# "this week" as the plan's (so the two letters never name different days).
REPLY_WITHIN_DAYS = WEEK_DAYS
FIRST_PAYMENT_DAYS = WEEK_DAYS


def offer_dates(*, today: dt.date, human_date) -> dict[str, str]:
    """The concrete dates an offer letter names."""
    return {
        "today": human_date(today),
        "reply_by": human_date(today + dt.timedelta(days=REPLY_WITHIN_DAYS)),
        "first_payment": human_date(today + dt.timedelta(days=FIRST_PAYMENT_DAYS)),
        "contact_again": human_date(today + dt.timedelta(days=CONTACT_AGAIN_DAYS)),
    }


def fill_paragraphs(
    paragraphs: Iterable[BudgetParagraph],
    facts: Mapping[str, str],
    values: dict[str, str],
    language: str,
) -> list[list[Piece]]:
    """The paragraphs whose `when` fits the facts (every key; any listed value), filled in."""
    chosen = [
        p.text
        for p in paragraphs
        if all(facts.get(key) in wanted for key, wanted in p.when.items())
    ]
    return [pieces(text.get(language), values) for text in chosen]
