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
        assert [t for t in texts if re.search(ENGLISH_MARK, t)] == []


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


def test_the_check_can_fail() -> None:
    """The rules above do find a half-translated page."""
    page = '<html lang="en"><p>Overdue</p><p>还款计划</p><a lang="zh-Hans">简体中文</a></html>'
    english = texts_in(page, "en")
    assert english == ["Overdue", "还款计划"]
    assert HAN_RUN.search(english[1])
    assert re.search(ENGLISH_PHRASE, "逾期 see the plan")
    for wrong in (
        "来源: 条例",
        ". 只应向债务人催收",
        "不在夜间打电话.",
        "期限 (第15天)",
        "“安全账户”、 “注销”",
        ": 有人",
        '说"注销"',
    ):
        assert re.search(ENGLISH_MARK, wrong), wrong
    right_ones = (
        "加入日历（.ics）",
        "来源：条例",
        "期限（第15天）",
        "打12368核实。",
        "12月5日（周六）",
    )
    for right in right_ones:
        assert not re.search(ENGLISH_MARK, right), right


def test_chinese_names_in_english_are_marked_as_chinese(client: Client) -> None:
    page = client.get("/en/check/?step=happened&days=40").content.decode()
    assert '<span lang="zh-Hans">法院专递</span>' in page
    chinese = client.get("/check/?step=happened&days=40").content.decode()
    assert "法院专递" in chinese and '<span lang="zh-Hans">' not in chinese  # marked on en only
