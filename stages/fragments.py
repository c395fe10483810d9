"""Rendered pieces of pages that are content only: an action's words for one product, the help
lines, a stage's rules. Each is rendered once per process and language and then reused.

Keys are content ids from closed sets (action, variant, product, rule and help-line ids) and the
language: never a date, a query string or anything a person typed. Answers pick which pieces a
page shows; they never become part of a piece.
"""

from __future__ import annotations

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, override

from stages.content import get_content
from stages.content.models import ActionText
from stages.fit import Shown

_rendered: dict[tuple, SafeString] = {}


def _render(template: str, key: tuple, context: dict) -> SafeString:
    language = get_language() or "zh-hans"
    cache_key = (template, key, language)
    found = _rendered.get(cache_key)
    if found is None:
        with override(language):
            html = get_template(template).render({"ui": get_content().ui, **context})
        found = _rendered[cache_key] = mark_safe(html)
    return found


def step_words(key: tuple[str, int, str], text: ActionText) -> SafeString:
    """The why and how of a step. `key` names the words (action, variant, product)."""
    return _render("includes/step_words.html", key, {"text": text})


def step_head(step) -> SafeString:
    """A step's box and title (its id and words are content; whether it has a date of its own
    is part of the rule, not of any person)."""
    return _render("includes/step_head.html", (step.words_key, bool(step.due)), {"step": step})


def know_item(step) -> SafeString:
    return _render("includes/know_item.html", step.words_key, {"step": step})


def help_box(lines: tuple, highlighted: int) -> SafeString:
    key = (tuple(line.id for line in lines), highlighted)
    return _render("includes/help_box.html", key, {"lines": lines, "highlighted": highlighted})


def rules(rules: tuple) -> SafeString:
    lines = [Shown(rule) for rule in rules]  # already the person's own: no product labels
    return _render("includes/rules.html", tuple(rule.id for rule in rules), {"rules": lines})


def site_nav() -> SafeString:
    return _render("includes/site_nav.html", (), {})


def site_footer() -> SafeString:
    content = get_content()
    return _render("includes/site_footer.html", (), {"content_reviewed": content.reviewed})
