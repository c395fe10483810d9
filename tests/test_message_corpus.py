"""The message check on a corpus of whole messages in our own words (tests/data/messages.yaml):
every scam and rule-breaking message caught, no genuine reminder flagged. Run this file as a
script for the figures: `.venv/bin/python -m tests.test_message_corpus`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from stages.content import get_content
from stages.content.models import Finding
from stages.scam import check_message

CORPUS = yaml.safe_load((Path(__file__).parent / "data" / "messages.yaml").read_text("utf-8"))
MESSAGES = CORPUS["messages"]


def language(text: str) -> str:
    """zh-Hant when OpenCC would change it back to Simplified, zh-Hans for other Chinese."""
    from stages.chinese import to_simplified

    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return "en"
    return "zh-Hant" if to_simplified(text) != text else "zh-Hans"


def test_the_corpus_is_big_and_varied_enough() -> None:
    """At least 80 messages: 50 scams or rule-breaking ones across the three languages, and 20
    genuine reminders."""
    kinds = Counter(m["kind"] for m in MESSAGES)
    assert len(MESSAGES) >= 80 and kinds["bad"] >= 50 and kinds["genuine"] >= 20
    bad_languages = Counter(language(m["text"]) for m in MESSAGES if m["kind"] == "bad")
    assert min(bad_languages[lang] for lang in ("zh-Hans", "zh-Hant", "en")) >= 12
    genuine_languages = {language(m["text"]) for m in MESSAGES if m["kind"] == "genuine"}
    assert genuine_languages == {"zh-Hans", "zh-Hant", "en"}
    assert len({m["text"] for m in MESSAGES}) == len(MESSAGES)


@pytest.mark.parametrize(
    "message", MESSAGES, ids=[f"{i}-{m['kind']}" for i, m in enumerate(MESSAGES)]
)
def test_each_message_gets_the_findings_a_careful_reader_would(message: dict) -> None:
    findings = [f.value for f in check_message(message["text"], get_content().scams).findings]
    assert findings == message["expect"]


def test_no_genuine_reminder_raises_anything() -> None:
    scams = get_content().scams
    for message in (m for m in MESSAGES if m["kind"] == "genuine"):
        assert check_message(message["text"], scams).matches == (), message["text"]


def figures() -> dict[str, object]:
    scams = get_content().scams
    table: Counter[str] = Counter()
    for message in MESSAGES:
        checked = check_message(message["text"], scams)
        kind, lang = message["kind"], language(message["text"])
        table[f"{kind} {lang}"] += 1
        if kind == "bad" and checked.findings:
            table[f"{kind} {lang} caught"] += 1
        if kind == "bad" and Finding.SCAM in checked.findings and "scam" in message["expect"]:
            table["scams called scams"] += 1
        if kind == "genuine" and checked.matches:
            table["genuine raising anything"] += 1
        if kind == "court" and checked.findings == (Finding.VERIFY,):
            table["court notices: verify only"] += 1
        table["exact"] += [f.value for f in checked.findings] == message["expect"]
    return dict(sorted(table.items()))


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overdue_help.settings")
    django.setup()
    for key, value in figures().items():
        print(f"{key}: {value}")
