"""Small template helpers: formatted UI text, dates in the reader's language, safe page links."""

import datetime as dt
import re
from collections.abc import Iterable

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from stages.content import Text, get_content

register = template.Library()

# A run of Chinese characters (CJK Unified Ideographs and Extension A).
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")

MONTHS = "January February March April May June July August September October November December"
MONTHS = MONTHS.split()
WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Marks that differ by language: Chinese sets full-width marks with no space around them, and
# Traditional Chinese quotes with corner brackets.
ZH_HANS_MARKS = {
    "colon": "：",
    "semicolon": "；",
    "full_stop": "。",
    "brackets": "（{}）",
    "quote": "“{}”",
    "list": "、",
}
PUNCTUATION = {
    "en": {
        "colon": ": ",
        "semicolon": "; ",
        "full_stop": ". ",
        "brackets": " ({})",
        "quote": '"{}"',
        "list": ", ",
    },
    "zh-hans": ZH_HANS_MARKS,
    "zh-hant": {**ZH_HANS_MARKS, "quote": "「{}」"},
}


def _marks() -> dict[str, str]:
    return PUNCTUATION.get((get_language() or "").lower(), PUNCTUATION["zh-hans"])


@register.simple_tag
def fmt(text: Text, **values: object) -> str:
    """A UI string with {placeholders} filled in: {% fmt ui.step_of step=2 total=5 %}."""
    return text.format(**values)


@register.simple_tag
def mark(name: str) -> str:
    """A mark in the page's language: {% mark "colon" %} after a label gives "规则：" / "Rule: ";
    {% mark "semicolon" %} between items, {% mark "full_stop" %} after a bold title. Write the
    next word straight after the tag."""
    return _marks()[name]


@register.filter
def in_brackets(text: object) -> str:
    """An aside: "（收到文书后第15天）" / " (15 days after the papers)", with the English space."""
    return _marks()["brackets"].format(text)


@register.filter
def quoted_list(words: Iterable[object]) -> str:
    """Quoted words: “保证金”、“个人账户” / 「保證金」、「個人帳戶」 / "deposit", "fee"."""
    marks = _marks()
    return marks["list"].join(marks["quote"].format(word) for word in words)


@register.filter
def human_date(day: dt.date | None, weekday: bool = False) -> str:
    """2026年11月23日 / 23 November 2026, with the weekday when asked."""
    if not isinstance(day, dt.date):
        return ""
    if get_language() == "en":
        text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        return f"{WEEKDAYS_EN[day.weekday()]} {text}" if weekday else text
    text = f"{day.year}年{day.month}月{day.day}日"
    return (
        f"{text}（{'周' if get_language() == 'zh-hans' else '週'}{WEEKDAYS_ZH[day.weekday()]}）"
        if weekday
        else text
    )


@register.simple_tag
def page_url(name: str) -> str:
    """The URL of one of our pages by name, or "" while that page does not exist."""
    try:
        return reverse(name) if name else ""
    except NoReverseMatch:
        return ""


@register.filter
def ui_key(ui: dict, key: str) -> Text | str:
    """ui|ui_key:"force_law" -> the text for a key built at render time."""
    return ui.get(key, "")


@register.filter
def lang_parts(text: Text | str) -> SafeString:
    """Escaped text; on English pages each Chinese name it quotes (a label in the court's app,
    the words on an envelope) is marked lang="zh-Hans", so screen readers read it in Chinese
    (WCAG 3.1.2, language of parts)."""
    escaped = conditional_escape(str(text))
    if get_language() != "en":
        return escaped
    return mark_safe(HAN_RUN.sub(r'<span lang="zh-Hans">\g<0></span>', escaped))


@register.filter
def money(amount: int | None) -> str:
    """Whole yuan in the page's language, with thousands marked: 1,234元 / 1,234 yuan."""
    if not isinstance(amount, int):
        return ""
    return get_content().ui["money"].format(amount=f"{amount:,}")
