"""What the code needs from the content, declared in one place, and checked when the site starts
(overdue_help/startup.py) and by `manage.py check` (stages/checks.py).

A content edit that dropped one of these would otherwise become a server error, or an empty text
on a live page. The templates are read for the `ui.<key>` and the budget `words.<key>` they use, so
nothing listed here can fall behind them; the Python code's own uses are listed below, by module.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse

from overdue_help.middleware import REFUSALS
from stages import contact, letter
from stages.answers import DAYS
from stages.content.errors import Problem
from stages.content.models import (
    PRODUCT_QUESTION,
    Content,
    Force,
    Verdict,
    Verification,
    placeholder_problem,
)
from stages.questions import QuestionKind

# Question id -> its kind, and the choices the code names.
QUESTIONS: dict[str, tuple[QuestionKind, tuple[str, ...]]] = {
    DAYS: (QuestionKind.OVERDUE, ()),  # the first step: home.html and check.html name its field
    PRODUCT_QUESTION: (QuestionKind.SINGLE, ()),  # products.yaml, the letter, the budget's debts
    letter.CAN_PAY: (QuestionKind.SINGLE, ("all", "part")),  # the letter's dates; plan.html
}
# ui.yaml keys the Python code uses.
UI_KEYS = {
    "scam_empty",  # views.scam_check
    "scam_too_long",
    *(f"verdict_{verdict.value}" for verdict in Verdict),  # ContactCheck.verdict_key
    "verdict_no_detail",
    "money",  # templatetags/overdue.py money, budget.py
    "part_today",  # templatetags/overdue.py part_heading
    "part_week",
    "part_before_next",
    "part_after",
    "source_label",  # templatetags/overdue.py cite
    "secondary_only",
    *(f"force_{force.value}" for force in Force),  # cite, and includes/sources.html
    *(f"verification_{mark.value.replace('-', '_')}" for mark in Verification),
    "stage_pattern_note",  # calendar.py
    "ics_calendar_name",
    "ics_neutral_stage",
    "ics_neutral_steps",
    "ics_stage_summary",
    "ics_step_summary",
    "ics_deadline",
    *(f"{key}_{part}" for key in REFUSALS.values() for part in ("title", "body")),  # middleware
}
# budget.yaml `words` the Python code uses (budget.py).
BUDGET_WORDS = {"choose", "debt_field", "debt_legend", "income_title", "income_hint"}
BUDGET_WORDS |= {"spending_title", "spending_hint", "months", "one_month", "months_never"}
LENDER_TYPES = {contact.UNKNOWN_LENDER}  # contact.results, when no lender type is chosen
# guides.yaml guide -> the template that shows it (urls.py, views.guide; the log has its own).
GUIDES = {"credit": "stages/credit.html", "family_card": "stages/family_card.html"}
GUIDES |= {contact.LOG_GUIDE: "stages/contact_log.html"}
LETTER_FIELDS = letter.SITE_FIELDS | letter.BROWSER_FIELDS


def check_needs(content: Content) -> list[Problem]:
    """Every id the code relies on, present in the content: nothing found is nothing missing."""
    return [
        *question_problems(content),
        *missing(set(content.ui), UI_KEYS | used_in_templates("ui"), "ui.yaml", "ui"),
        *missing(
            set(content.budget.words),
            BUDGET_WORDS | used_in_templates("words"),
            "budget.yaml",
            "words",
        ),
        *missing(
            {t.value for t in content.rights.lender_types},
            LENDER_TYPES,
            "rights.yaml",
            "lender_types",
        ),
        *guide_problems(content),
        *link_problems(content),
        *letter_problems(content),
    ]


def where(file: str) -> str:
    return f"{Path(settings.CONTENT_DIR).name}/{file}"


def missing(found: set[str], needed: set[str], file: str, key: str) -> list[Problem]:
    return [
        Problem(where(file), f"{key}.{name}", "is missing (the site's code uses it)")
        for name in sorted(needed - found)
    ]


def used_in_templates(name: str) -> set[str]:
    """Keys templates read from a mapping they call `name`: {{ ui.back }}, {% fmt words.title %}."""
    pattern = re.compile(rf"\b{name}\.(\w+)")
    templates = Path(settings.BASE_DIR, "templates").rglob("*.html")
    return {key for path in templates for key in pattern.findall(path.read_text(encoding="utf-8"))}


def question_problems(content: Content) -> list[Problem]:
    file, by_id = where("questions.yaml"), {q.id: q for q in content.questions}
    problems = []
    if content.questions[0].id != DAYS:
        problems.append(Problem(file, "questions[0].id", f"must be {DAYS!r}: the pages name it"))
    for question_id, (kind, values) in QUESTIONS.items():
        question = by_id.get(question_id)
        if question is None:
            problems.append(
                Problem(file, "questions", f"no question {question_id!r}: the site's code uses it")
            )
            continue
        key = f"questions[{content.questions.index(question)}]"
        if question.kind is not kind:
            problems.append(
                Problem(file, f"{key}.kind", f"must be {kind.value!r}: the site's code reads it so")
            )
        for value in sorted(set(values) - question.values):
            problems.append(
                Problem(file, f"{key}.choices", f"no choice {value!r}: the site's code uses it")
            )
    return problems


def guide_problems(content: Content) -> list[Problem]:
    problems = missing(set(content.guides), set(GUIDES), "guides.yaml", "guides")
    for guide_id, template in GUIDES.items():
        try:
            get_template(template)
        except TemplateDoesNotExist:
            problems.append(
                Problem(
                    where("guides.yaml"),
                    f"guides.{guide_id}",
                    f"has no page: {template} is missing",
                )
            )
    return problems


def link_problems(content: Content) -> list[Problem]:
    """An action's links are pages of the site, each with its label in ui.yaml."""
    problems = []
    for index, action in enumerate(content.actions.values()):
        texts = [("", action.links)]
        texts += [(f".variants[{i}]", v.links) for i, v in enumerate(action.variants) if v.links]
        for part, links in texts:
            for number, name in enumerate(links):
                key = f"actions[{index}]{part}.links[{number}]"
                try:
                    reverse(name)
                except NoReverseMatch:
                    problems.append(
                        Problem(where("actions.yaml"), key, f"{name!r} is not a page of the site")
                    )
                if name not in content.ui:
                    problems.append(
                        Problem(where("actions.yaml"), key, f"{name!r} has no label in ui.yaml")
                    )
    return problems


def letter_problems(content: Content) -> list[Problem]:
    """The letter's placeholders are ones stages/letter.py fills."""
    texts = [("letter.subject", content.letter.subject)]
    texts += [
        (f"letter.paragraphs[{i}].text", p.text) for i, p in enumerate(content.letter.paragraphs)
    ]
    return [
        Problem(where("negotiation.yaml"), key, found)
        for key, text in texts
        if (found := placeholder_problem(text, LETTER_FIELDS))
    ]
