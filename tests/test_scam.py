"""Scam check (stages/scam.py, views.scam_check, content/scams.yaml)."""

from __future__ import annotations

import logging
import re

import pytest
from django.test import Client
from django.utils.html import escape

from stages.chinese import to_traditional
from stages.content import get_content
from stages.scam import red_flags

SCAMS = get_content().scams


@pytest.mark.parametrize(
    ("flag", "words"),
    [(f, p.zh_hans) for f in SCAMS.flags for p in f.patterns],
    ids=lambda v: getattr(v, "id", v),
)
def test_every_pattern_raises_its_flag(flag, words: str) -> None:
    found = red_flags(f"…{words.upper()}…", SCAMS)
    assert flag.id in [m.flag.id for m in found]


@pytest.mark.parametrize(
    ("flag", "words"),
    [(f, to_traditional(p.zh_hans, {})) for f in SCAMS.flags for p in f.patterns],
    ids=lambda v: getattr(v, "id", v),
)
def test_every_pattern_in_traditional_characters_raises_its_flag(flag, words: str) -> None:
    """A message pasted in Traditional characters, in OpenCC's forms or ours, still matches."""
    found = red_flags(f"請看：{words}。", SCAMS)
    assert flag.id in [m.flag.id for m in found]


def test_traditional_variants_match() -> None:
    """帳戶 and 賬戶 are both Traditional for 账户; a message may use either."""
    for message in ("轉到這個個人帳戶", "轉到這個個人賬戶", "转到这个个人帐户"):
        assert "personal_account" in [m.flag.id for m in red_flags(message, SCAMS)], message


def test_matched_words_are_shown_in_the_page_script(client: Client) -> None:
    page = client.post("/zh-hant/scam-check/", {"message": "请交保证金"}).content.decode()
    assert "「保證金」" in page and "保证金」" not in page


def test_full_width_text_still_matches() -> None:
    found = red_flags("ＨＴＴＰ：／／ｘ", SCAMS)
    assert [m.flag.id for m in found] == ["link"]


def test_plain_message_raises_nothing() -> None:
    assert red_flags("您本期账单已出，请按时还款。", SCAMS) == []


@pytest.mark.parametrize("pitch", SCAMS.pitches, ids=lambda p: p.id)
@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/en"])
def test_every_common_pitch_raises_several_flags(client: Client, pitch, prefix: str) -> None:
    page = client.post(f"{prefix}/scam-check/", {"pitch": pitch.id}).content.decode()
    count = int(re.search(r'data-red-flags="(\d+)"', page).group(1))
    assert count >= 2


def test_result_counts_flags_and_says_no_match_is_no_proof(client: Client) -> None:
    page = client.post("/en/scam-check/", {"message": "Pay to this safe account today only"})
    html = page.content.decode()
    assert 'data-red-flags="2"' in html
    assert escape(get_content().ui["scam_no_proof"].en) in html


def test_no_flags_still_warns(client: Client) -> None:
    html = client.post("/en/scam-check/", {"message": "Your bill is ready."}).content.decode()
    assert 'data-red-flags="0"' in html
    assert escape(get_content().ui["scam_no_proof"].en) in html


def test_too_long_message_gets_a_clear_limit(client: Client) -> None:
    response = client.post("/en/scam-check/", {"message": "x" * (SCAMS.max_length + 1)})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Paste up to {SCAMS.max_length} characters" in html
    assert 'aria-invalid="true"' in html and "data-red-flags" not in html


def test_empty_message_gets_a_message(client: Client) -> None:
    html = client.post("/scam-check/", {"message": "   "}).content.decode()
    assert get_content().ui["scam_empty"].zh_hans in html


def test_markup_in_a_message_is_not_reflected(client: Client) -> None:
    html = client.post("/scam-check/", {"message": "<img src=x onerror=alert(1)>"}).content.decode()
    assert "<img src=x" not in html


def test_message_is_never_logged_or_stored(client: Client, caplog) -> None:
    """The message is used in the request only: no log line, no cookie, no URL carries it."""
    secret = "SECRET-MESSAGE-8841 安全账户"
    with caplog.at_level(logging.DEBUG):
        response = client.post("/scam-check/", {"message": secret})
        client.post("/scam-check/", {"message": secret + "x" * SCAMS.max_length})
    assert "SECRET-MESSAGE-8841" not in caplog.text
    assert not response.cookies
    assert "SECRET-MESSAGE-8841" not in response.get("Location", "")
    assert 'method="post"' in client.get("/scam-check/").content.decode()


def test_head_is_answered_like_get(client: Client) -> None:
    """Link checkers and proxies ask with HEAD; the page exists, so the answer is 200."""
    assert client.head("/en/scam-check/").status_code == 200
    assert client.put("/en/scam-check/").status_code == 405
