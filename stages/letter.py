"""Build the repayment-request letter from the answers: concrete dates, the person's own case.

Names and amounts are never sent to the server: they appear as blanks that the person's browser
fills from fields on the page (static/js/letter.js), or that they fill in by hand on paper.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from stages.answers import Answers, matches
from stages.content import LETTER_BROWSER_FIELDS, Content, PlanSection, Text
from stages.plan import milestones, section_dates


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
        out.append(Piece("", fill=name) if name in LETTER_BROWSER_FIELDS else Piece(values[name]))
    return out


def letter_values(
    content: Content, answers: Answers, *, today: dt.date, language: str, human_date
) -> dict[str, str]:
    days = answers.days or 0
    product_question = content.question("product")
    choice = product_question.choice(answers.first("product"))
    product = choice.label if choice else content.ui["letter_product_unknown"]
    # The plan's dates: pay today if you can; otherwise, like the reply, within this week.
    dates = section_dates(today, milestones(content, days, today))
    this_week = dates[PlanSection.WEEK]
    paying = answers.first("can_pay") in ("all", "part")
    return {
        "product": product.get(language),
        "due_date": human_date(today - dt.timedelta(days=days)),
        "days": str(days),
        "today": human_date(today),
        "reply_by": human_date(this_week),
        "first_payment": human_date(today if paying else this_week),
    }


def build_letter(
    content: Content, answers: Answers, *, today: dt.date, language: str, human_date
) -> tuple[list[Piece], list[list[Piece]]]:
    """The subject and the paragraphs that apply to these answers."""
    values = letter_values(content, answers, today=today, language=language, human_date=human_date)
    slug = content.stage_for_days(answers.days or 0).slug
    chosen: list[Text] = [
        p.text for p in content.letter.paragraphs if matches(p.when, answers, slug)
    ]
    subject = pieces(content.letter.subject.get(language), values)
    return subject, [pieces(text.get(language), values) for text in chosen]
