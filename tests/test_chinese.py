"""Traditional Chinese derivation (stages/chinese.py) and the zh-Hant pages it produces."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import yaml
from django.conf import settings
from pydantic import BaseModel

from stages.chinese import to_traditional
from stages.content import get_content
from stages.content.models import Text
from tests.pages import simplified_only


def test_terms_table_wins_over_opencc() -> None:
    assert to_traditional("账户", {}) != "帳戶"  # OpenCC alone gives another form...
    assert to_traditional("账户", {"账户": "帳戶"}) == "帳戶"  # ...the table fixes it


def test_quotation_marks_become_corner_brackets() -> None:
    assert to_traditional("所谓“软暴力”和‘安全账户’", {}) == "所謂「軟暴力」和『安全賬戶』"


def test_chinese_texts_use_chinese_quotation_marks() -> None:
    """Straight quotes are English typography: Simplified text uses “…”, Traditional 「…」."""
    for text in all_texts(get_content()):
        assert not set('"“”‘’') & set(text.zh_hant), text.zh_hant
        assert '"' not in text.zh_hans, text.zh_hans
        assert text.zh_hans.count("“") == text.zh_hans.count("”"), text.zh_hans


def test_domain_terms_convert_as_chosen() -> None:
    content = get_content()
    text = content.stages[-1].summary.zh_hant + content.actions["check-credit-report"].title.zh_hant
    assert "徵信" in text or "信用報告" in text
    assert "征信" not in text


# The words a frightened reader meets first; each must read right in Traditional Chinese.
DOMAIN_TERMS = [
    "征信",
    "催收",
    "白条",
    "金条",
    "逾期",
    "还款",
    "借款",
    "网贷",
    "信用报告",
    "律师函",
]
DOMAIN_TERMS += ["罚息", "违约金", "诉讼时效", "异议", "账户", "放款机构"]


def all_texts(value: object) -> Iterator[Text]:
    """Every Text anywhere in the loaded content."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from all_texts(getattr(value, name))
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            yield from all_texts(getattr(value, item.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_texts(item)
    elif isinstance(value, (tuple, list, frozenset)):
        for item in value:
            yield from all_texts(item)


def terms_table() -> dict[str, str]:
    path = Path(settings.CONTENT_DIR) / "zh_hant.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]


def test_terms_table_covers_the_domain_terms() -> None:
    assert set(DOMAIN_TERMS) <= set(terms_table())


def test_terms_table_is_traditional() -> None:
    for simplified, traditional in terms_table().items():
        assert not set(traditional) & simplified_only(), (simplified, traditional)


def test_every_text_uses_the_chosen_traditional_terms() -> None:
    """Wherever a term appears in the Simplified text, its chosen form is in the Traditional."""
    texts = list(all_texts(get_content()))
    assert len(texts) > 500
    checked = 0
    for simplified, traditional in terms_table().items():
        for text in texts:
            if simplified in text.zh_hans:
                assert traditional in text.zh_hant, (simplified, text.zh_hant)
                checked += 1
    assert checked > 100


# Conversions OpenCC gets wrong for our sentences, and the form we show instead.
MISREAD = {
    "標明瞭": "標明了",
    "天后": "天後",
    "髮卡": "發卡",
    "報告里": "報告裡",
    "已併入": "已並入",
}


def test_zh_hant_has_one_form_for_account_and_no_misread_words() -> None:
    """帳 everywhere (帳戶, 帳單, 轉帳), never 賬 beside it; 了 the particle stays 了 and 後 is
    "after", whatever OpenCC's word list says."""
    for text in all_texts(get_content()):
        assert "賬" not in text.zh_hant, text.zh_hant
        for wrong in MISREAD:
            assert wrong not in text.zh_hant, text.zh_hant


def test_misread_words_are_fixed_by_the_terms_table() -> None:
    terms = terms_table()
    assert to_traditional("我们标明了它", terms).endswith("標明了它")
    assert to_traditional("（6天后）", terms) == "（6天後）"
    assert to_traditional("转账到账户", terms) == "轉帳到帳戶"
    assert to_traditional("向发卡银行", terms) == "向發卡銀行"
