"""Traditional Chinese derivation (stages/chinese.py) and the zh-Hant pages it produces."""

from __future__ import annotations

import functools
import html
import re
import subprocess
from pathlib import Path

import opencc
import pytest
from django.test import Client

from stages.chinese import to_traditional
from stages.content import get_content


@functools.cache
def simplified_only() -> frozenset[str]:
    """Characters OpenCC's own table maps only to other characters: simplified, never traditional.

    Read from OpenCC's STCharacters dictionary (shipped inside the opencc wheel) with its own tool.
    """
    base = Path(opencc.__file__).parent / "clib"
    out = subprocess.run(
        [
            str(base / "bin" / "opencc_dict"),
            "-i",
            str(base / "share/opencc/STCharacters.ocd2"),
            "-o",
            "/dev/stdout",
            "-f",
            "ocd2",
            "-t",
            "text",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    chars = set()
    for line in out.splitlines():
        key, _, values = line.partition("\t")
        if key not in values.split():
            chars.add(key)
    assert len(chars) > 2000  # the table really was read
    return frozenset(chars)


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    # Links to other languages are named in their own language on purpose.
    page = re.sub(r'<a [^>]*lang="(zh-Hans|en)"[^>]*>.*?</a>', " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_terms_table_wins_over_opencc() -> None:
    assert to_traditional("账户", {}) != "帳戶"  # OpenCC alone gives another form...
    assert to_traditional("账户", {"账户": "帳戶"}) == "帳戶"  # ...the table fixes it


def test_domain_terms_convert_as_chosen() -> None:
    content = get_content()
    text = content.stages[-1].summary.zh_hant + content.actions["check-credit-report"].title.zh_hant
    assert "徵信" in text or "信用報告" in text
    assert "征信" not in text


PAGES = ["/", "/stages/", "/check/", "/sources/", "/plan/?days=12&can_pay=none&happened=threats"]
PAGES += [f"/stages/{s.slug}/" for s in (*get_content().stages, get_content().before_due)]


@pytest.mark.parametrize("path", PAGES)
def test_zh_hant_pages_have_no_simplified_only_characters(client: Client, path: str) -> None:
    response = client.get("/zh-hant" + path)
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    found = sorted({ch for ch in text if ch in simplified_only()})
    assert not found, f"simplified-only characters on /zh-hant{path}: {''.join(found)}"
