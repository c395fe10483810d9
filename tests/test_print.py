"""What prints (plan, letter, family card, contact log): in the language of the screens, with every
CJK glyph drawn, in a PDF printed by Chromium."""

from __future__ import annotations

from unicodedata import normalize

import pytest

from stages.content import get_content
from stages.examples import FULL_ANSWERS
from stages.templatetags.overdue import HAN_RUN
from tests.pages import LANGUAGE_PREFIXES, simplified_only
from tests.pdf import glyph_outlines, han
from tests.pdf import read as read_pdf
from tests.test_chinese import all_texts

pytestmark = pytest.mark.browser

PRINTED = {
    "plan": f"/plan/?{FULL_ANSWERS}",
    "letter": f"/letter/?{FULL_ANSWERS}",
    "family_card": "/family-card/",
    "log": "/log/",
}


def quoted_chinese_names() -> set[str]:
    return {run for text in all_texts(get_content()) for run in HAN_RUN.findall(text.en)}


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("name", PRINTED)
def test_printout_is_in_the_screen_language_with_glyphs_drawn(
    phone, server_url: str, name: str, prefix: str
) -> None:
    phone.goto(server_url + prefix + PRINTED[name])
    heading = phone.locator("main h1, main h2").first.inner_text()
    pdf, text = read_pdf(phone.pdf(format="A4"))
    assert len(pdf.pages) <= 2
    if prefix == "/en":
        # Only the Chinese names the English content quotes on purpose (a label in the court's
        # app, the words on an envelope) may appear; any other Chinese is an untranslated part.
        assert set(HAN_RUN.findall(text)) <= quoted_chinese_names()
        assert len(text) > 300
        return
    assert len(han(text)) > 50
    # Missing glyphs print as one repeated box: about one outline per distinct character.
    assert glyph_outlines(pdf) >= len(han(text)) * 0.8
    if prefix == "/zh-hant":
        assert not set(text) & simplified_only(), "simplified characters on a zh-Hant printout"
        assert normalize("NFKC", "".join(heading.split())) in text or name == "letter"


TYPICAL = "days=12&product=jintiao&can_pay=part&happened=calls_me&situation=income"


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
@pytest.mark.parametrize(("answers", "pages"), [(TYPICAL, 1), (FULL_ANSWERS, 2)])
def test_a_printed_plan_carries_the_help_lines_dates_and_first_steps(
    phone, server_url: str, prefix: str, answers: str, pages: int
) -> None:
    """On paper: every help line, the date made, the stage and the next dates, and today's and
    this week's steps; one A4 page for a typical plan, two for the longest."""
    phone.goto(f"{server_url}{prefix}/plan/?{answers}")
    pdf, text = read_pdf(phone.pdf(format="A4"))
    assert len(pdf.pages) <= pages
    for number in ("110", "12368", "96110", "12356", "12348"):
        assert number in text, number
    made = phone.locator(".plan-meta").inner_text()
    stage = phone.locator(".stage-line").inner_text()
    for shown in (made, stage, *phone.locator(".milestones li").all_inner_texts()):
        assert normalize("NFKC", "".join(shown.split())) in text
    for heading in phone.locator(".plan-part h2").all_inner_texts()[:2]:
        assert normalize("NFKC", "".join(heading.split())) in text
    # Two columns of steps can interleave in the PDF's text: each title's start is enough.
    first_steps = phone.locator(".plan-part").first.locator(".check-head label")
    for title in first_steps.all_inner_texts():
        assert normalize("NFKC", "".join(title.split()))[:6] in text, title
