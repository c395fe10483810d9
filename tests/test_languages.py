"""No page is half-translated: every text on a page is in the page's language, except parts that
carry their own lang attribute (the language switcher, and Chinese names the English quotes,
which are marked so a screen reader reads them in Chinese: WCAG 3.1.2)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.pages import LANGUAGE_PREFIXES, page_paths
from tests.test_print import HAN_RUN

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Two English words in a row on a Chinese page: an untranslated phrase.
ENGLISH_PHRASE = r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}"


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


PAGES = [(prefix, path) for prefix in LANGUAGE_PREFIXES for path in page_paths().values()]


@pytest.mark.parametrize(("prefix", "path"), PAGES)
def test_no_page_is_half_translated(client: Client, prefix: str, path: str) -> None:
    lang = LANGUAGE_PREFIXES[prefix]
    texts = texts_in(client.get(prefix + path).content.decode(), lang)
    assert len(texts) > 10  # the page's own text was found under its lang
    if lang == "en":
        assert [t for t in texts if re.search(HAN_RUN, t)] == []
    else:
        assert [t for t in texts if re.search(ENGLISH_PHRASE, t)] == []


def test_the_check_can_fail() -> None:
    """The rules above do find a half-translated page."""
    page = '<html lang="en"><p>Overdue</p><p>还款计划</p><a lang="zh-Hans">简体中文</a></html>'
    english = texts_in(page, "en")
    assert english == ["Overdue", "还款计划"]
    assert re.search(HAN_RUN, english[1])
    assert re.search(ENGLISH_PHRASE, "逾期 see the plan")


def test_chinese_names_in_english_are_marked_as_chinese(client: Client) -> None:
    page = client.get("/en/check/?step=happened&days=40").content.decode()
    assert '<span lang="zh-Hans">法院专递</span>' in page
    chinese = client.get("/check/?step=happened&days=40").content.decode()
    assert "法院专递" in chinese and '<span lang="zh-Hans">' not in chinese  # marked on en only
