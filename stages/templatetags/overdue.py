"""Small template helpers: formatted UI text, dates in the reader's language, safe page links."""

import datetime as dt
import functools
import re
from collections.abc import Iterable

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from stages import fragments
from stages.content import get_content
from stages.content.models import Source, Text

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
    return _page_url(name, get_language() or "")


@functools.lru_cache(maxsize=256)
def _page_url(name: str, language: str) -> str:
    """URL names and languages are a closed set: each URL is worked out once per process."""
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
    """Escaped text; each help line's number in it becomes a tel: link, so one tap calls it. On
    English pages each Chinese name it quotes (a label in the court's app, the words on an
    envelope) is marked lang="zh-Hans", so screen readers read it in Chinese (WCAG 3.1.2)."""
    escaped = help_numbers().sub(r'<a href="tel:\g<0>">\g<0></a>', conditional_escape(str(text)))
    if get_language() == "en":
        escaped = HAN_RUN.sub(r'<span lang="zh-Hans">\g<0></span>', escaped)
    return mark_safe(escaped)


@functools.cache
def help_numbers() -> re.Pattern:
    """The help lines' numbers, standing alone (not part of a longer number)."""
    numbers = sorted((re.escape(line.number) for line in get_content().help_lines), key=len)
    return re.compile(rf"(?<![\d-])(?:{'|'.join(reversed(numbers))})(?![\d-])")


@register.simple_tag
def cite(sources: Iterable[Source], scope: bool = False) -> SafeString:
    """Sources beside a claim: each one's short name, one tap from its full entry, with its legal
    force ("law", "industry rule" ...) and, with scope=True, who it binds. A source seen only on
    secondary sites says so."""
    ids = tuple(source.id for source in sources)
    if not ids:
        return mark_safe("")
    return _cite(ids, get_language() or "zh-hans", scope)


@functools.lru_cache(maxsize=2048)
def _cite(ids: tuple[str, ...], language: str, scope: bool) -> SafeString:
    """Content only (source ids, language), never answers: safe to keep per process."""
    content = get_content()
    ui = content.ui
    marks = PUNCTUATION.get(language.lower(), PUNCTUATION["zh-hans"])
    page = reverse("source_list")
    items = []
    for source_id in ids:
        source = content.sources[source_id]
        details = [ui[f"force_{source.force.value}"].get(language)]
        if scope and source.binds:
            details[0] += marks["colon"] + source.binds.get(language)
        if source.secondary_only:
            details.append(ui["secondary_only"].get(language))
        name = conditional_escape(source.short.get(language))
        link = f'<a href="{page}#source-{source.id}">{name}</a>'
        aside = marks["brackets"].format(marks["list"].join(details))
        items.append(link + conditional_escape(aside))
    label = conditional_escape(ui["source_label"].get(language))
    text = label + marks["colon"] + marks["semicolon"].join(items)
    if language == "en":
        text = HAN_RUN.sub(r'<span lang="zh-Hans">\g<0></span>', text)
    return mark_safe(f'<span class="cite">{text}</span>')


@register.simple_tag
def part_heading(part, plan) -> str:
    """A plan section's heading with its date: "今天", "这一周：12月1日前", "12月7日前：在“升级”
    通常开始之前", or "接下来" in the last stage, where nothing typically comes next."""
    ui = get_content().ui
    upcoming = plan.next_milestone
    match part.section:
        case "today":
            return str(ui["part_today"])
        case "week" if not (upcoming and part.by == upcoming.date - dt.timedelta(days=1)):
            return ui["part_week"].format(date=human_date(part.by, True))
    if part.by is None or upcoming is None:
        return str(ui["part_after"])
    return ui["part_before_next"].format(date=human_date(part.by, True), stage=upcoming.stage.short)


@register.filter
def join_list(words: Iterable[object]) -> str:
    """京东白条、京东金条 / JD Baitiao, JD Jintiao."""
    return _marks()["list"].join(str(word) for word in words)


@register.simple_tag
def step_words(step) -> SafeString:
    """A plan step's why and how, rendered once per process for its words (see fragments.py)."""
    return fragments.step_words(step.words_key, step.text)


@register.simple_tag
def help_box(lines, highlighted: int = 0) -> SafeString:
    return fragments.help_box(tuple(lines), highlighted)


@register.simple_tag
def rules_list(rules) -> SafeString:
    return fragments.rules(tuple(rules))


@register.simple_tag
def site_nav() -> SafeString:
    return fragments.site_nav()


@register.simple_tag
def site_footer() -> SafeString:
    return fragments.site_footer()


@register.simple_tag
def step_links(step, query: str) -> SafeString:
    """Links to the pages that help with a step, keeping the person's answers. The list is
    content (URL names and labels), built once per language; only the answers go in here."""
    if not step.text.links:
        return mark_safe("")
    links = _step_links(tuple(step.text.links), get_language() or "")
    return mark_safe(links.replace(QUERY_MARK, conditional_escape(query)))


QUERY_MARK = "\x00"  # where the answers go; never in content, and escaped away from a query


@functools.lru_cache(maxsize=256)
def _step_links(names: tuple[str, ...], language: str) -> str:
    ui = get_content().ui
    items = format_html_join(
        "",
        '<li><a href="{}?' + QUERY_MARK + '">{}</a></li>',
        ((_page_url(name, language), ui[name].get(language)) for name in names),
    )
    return format_html('<ul class="step-links no-print">{}</ul>', items)


@register.simple_tag
def step_head(step) -> SafeString:
    return fragments.step_head(step)


@register.simple_tag
def know_item(step) -> SafeString:
    return fragments.know_item(step)


@register.filter
def money(amount: int | None) -> str:
    """Whole yuan in the page's language, with thousands marked: 1,234元 / 1,234 yuan."""
    if not isinstance(amount, int):
        return ""
    return get_content().ui["money"].format(amount=f"{amount:,}")
