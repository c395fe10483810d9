"""No page is half-translated: every text on a page is in the page's language, except parts that
carry their own lang attribute (the language switcher, and Chinese names the English quotes,
which are marked so a screen reader reads them in Chinese: WCAG 3.1.2)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from stages.templatetags.overdue import HAN_RUN
from tests.pages import LANGUAGE_PREFIXES, page_paths, texts_in

# Two English words in a row on a Chinese page: an untranslated phrase.
ENGLISH_PHRASE = r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}"


PAGES = [(prefix, path) for prefix in LANGUAGE_PREFIXES for path in page_paths().values()]


@pytest.mark.parametrize(("prefix", "path"), PAGES)
def test_no_page_is_half_translated(client: Client, prefix: str, path: str) -> None:
    lang = LANGUAGE_PREFIXES[prefix]
    texts = texts_in(client.get(prefix + path).content.decode(), lang)
    assert len(texts) > 10  # the page's own text was found under its lang
    if lang == "en":
        assert [t for t in texts if HAN_RUN.search(t)] == []
    else:
        assert [t for t in texts if re.search(ENGLISH_PHRASE, t)] == []


def test_the_check_can_fail() -> None:
    """The rules above do find a half-translated page."""
    page = '<html lang="en"><p>Overdue</p><p>还款计划</p><a lang="zh-Hans">简体中文</a></html>'
    english = texts_in(page, "en")
    assert english == ["Overdue", "还款计划"]
    assert HAN_RUN.search(english[1])
    assert re.search(ENGLISH_PHRASE, "逾期 see the plan")


def test_chinese_names_in_english_are_marked_as_chinese(client: Client) -> None:
    page = client.get("/en/check/?step=happened&days=40").content.decode()
    assert '<span lang="zh-Hans">法院专递</span>' in page
    chinese = client.get("/check/?step=happened&days=40").content.decode()
    assert "法院专递" in chinese and '<span lang="zh-Hans">' not in chinese  # marked on en only
