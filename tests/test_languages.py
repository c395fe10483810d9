"""No page is half-translated: every text on a page is in the page's language, except parts that
carry their own lang attribute (the language switcher, and Chinese names the English quotes,
which are marked so a screen reader reads them in Chinese: WCAG 3.1.2). Every page is checked in
the sweep (tests/test_sweep.py); here, the results the sweep's pages do not show."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.pages import ENGLISH_MARK, LANGUAGE_PREFIXES, texts_in


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_scam_result_quotes_and_punctuates_in_chinese(client: Client, prefix: str) -> None:
    """The matched words are quoted as the language quotes: “…” Simplified, 「…」 Traditional."""
    message = "请把保证金转到这个个人账户"
    page = client.post(f"{prefix}/scam-check/", {"message": message})
    texts = [t for t in texts_in(page.content.decode(), LANGUAGE_PREFIXES[prefix]) if t != message]
    assert [t for t in texts if re.search(ENGLISH_MARK, t)] == []
    quoted = [t for t in texts if "保证金" in t or "保證金" in t]
    assert quoted and all(("“" in t) == (prefix == "") for t in quoted)
    assert all(("「" in t) == (prefix != "") for t in quoted)


def test_chinese_names_in_english_are_marked_as_chinese(client: Client) -> None:
    page = client.get("/en/check/?step=happened&days=40").content.decode()
    assert '<span lang="zh-Hans">法院专递</span>' in page
    chinese = client.get("/check/?step=happened&days=40").content.decode()
    assert "法院专递" in chinese and '<span lang="zh-Hans">' not in chinese  # marked on en only
