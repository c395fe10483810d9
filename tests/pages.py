"""Every page of the site, once, for the suites that visit them all (the sweep, axe, the HTML
checker, fuzzing), the text a page shows by language, and what counts as the wrong language.

Built from the URL patterns and the content, so a new page, stage or question is visited without
editing this list; test_pages.py fails if a URL pattern has no page here.
"""

from __future__ import annotations

import functools
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import opencc

from stages.content import get_content
from stages.examples import FULL_ANSWERS

LANGUAGE_PREFIXES = {"": "zh-Hans", "/zh-hant": "zh-Hant", "/en": "en"}


def page_paths() -> dict[str, str]:
    """name -> path (no language prefix). HTML pages only: the calendar file is not a page."""
    content = get_content()
    pages = {
        "home": "/",
        "stage_list": "/stages/",
        "check": "/check/",
        "check_error": "/check/?from=days&days=abc",
        "plan": f"/plan/?{FULL_ANSWERS}",
        "source_list": "/sources/",
        "rights": "/rights/",
        "rights_result": "/rights/?lender=bank&contact=threats&contact=night_calls",
        "scam_check": "/scam-check/",
        "log": "/log/",
        "scripts": "/scripts/",
        "scripts_personal": f"/scripts/?{FULL_ANSWERS}",
        "letter": f"/letter/?{FULL_ANSWERS}",
        "credit": "/credit/",
        "family_card": "/family-card/",
        "budget": "/budget/",
        "not_found": "/no-such-page/",
    }
    for stage in (content.before_due, *content.stages):
        pages[f"stage_detail:{stage.slug}"] = f"/stages/{stage.slug}/"
    for question in content.questions[1:]:
        pages[f"check:{question.id}"] = f"/check/?step={question.id}&{FULL_ANSWERS}"
    return pages


# Not HTML pages, or only redirects: the suites above do not visit these URL names.
NOT_PAGES = {
    "plan_calendar",
    "help_lines_vcard",
    "healthz",
    "default_language",
}  # files, a health check, a redirect


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class PageText(HTMLParser):
    """Text a person reads or hears (content, alt, aria-label, title), with its language."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = [("", None)]
        self.texts: list[tuple[str | None, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        lang = attributes.get("lang", self.stack[-1][1])
        if tag in ("script", "style") or self.stack[-1][1] == "-":
            lang = "-"  # not read by anyone
        for name in ("alt", "title", "aria-label", "placeholder"):
            if attributes.get(name):
                self.texts.append((lang, attributes[name]))
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append((self.stack[-1][1], data.strip()))


def texts_in(html: str, lang: str) -> list[str]:
    parser = PageText()
    parser.feed(html)
    return [text for text_lang, text in parser.texts if text_lang == lang]


# Two English words in a row on a Chinese page: an untranslated phrase.
ENGLISH_PHRASE = r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}"
# English punctuation beside a Chinese character, or a full-width mark followed by a space: Chinese
# sets its own full-width marks (：；，（）“”) with no space around them.
ENGLISH_MARK = "|".join(
    [
        r"[\u4e00-\u9fff（）：“”「」] ?[:;,()!?\"']",  # after Chinese
        r"[\u4e00-\u9fff）”」] ?\.",  # a full stop after Chinese (not "（.ics）")
        r"[:;,()!?\"'] ?[\u4e00-\u9fff]",  # before Chinese
        r"^[.:;,]",  # a label's mark left at the start of the next element
        r"[：；，、（] ",  # a space after a full-width mark
    ]
)


def opencc_table(name: str) -> dict[str, list[str]]:
    """One of OpenCC's dictionaries (shipped inside the opencc wheel), read with its own tool."""
    base = Path(opencc.__file__).parent / "clib"
    dictionary = str(base / f"share/opencc/{name}.ocd2")
    out = subprocess.run(
        [str(base / "bin/opencc_dict"), "-i", dictionary, "-o", "/dev/stdout"]
        + ["-f", "ocd2", "-t", "text"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    table = {}
    for line in out.splitlines():
        key, _, values = line.partition("\t")
        table[key] = values.split()
    return table


@functools.cache
def simplified_only() -> frozenset[str]:
    """Characters OpenCC maps only to other characters (simplified, never traditional), less the
    forms Taiwan's standard uses (OpenCC's TWVariants: 羣 is written 群 there)."""
    taiwan = {char for values in opencc_table("TWVariants").values() for char in values}
    chars = {key for key, values in opencc_table("STCharacters").items() if key not in values}
    chars -= taiwan
    assert len(chars) > 2000  # the table really was read
    return frozenset(chars)
