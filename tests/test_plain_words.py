"""Plain words on the pages people read frightened, on a phone: stage pages, plans, cards, scripts,
rights and the letter. Short Chinese sentences; a legal term explained where it first appears;
no English "an overdue" and no comma splices."""

from __future__ import annotations

import re
import statistics
from html.parser import HTMLParser

import pytest
from django.test import Client

from stages.content import get_content

PEOPLE = [
    "days=3&product=baitiao&can_pay=all&happened=reminders&situation=none",
    "days=12&product=jintiao&can_pay=part&happened=calls_me&situation=income",
    "days=25&product=other_loan&can_pay=none&happened=calls_contacts&happened=home_visit"
    "&situation=several_debts",
    "days=45&product=credit_card&can_pay=none&happened=calls_contacts&happened=threats"
    "&happened=court_papers&happened=personal_account&happened=agency&papers_date=2026-11-20"
    "&situation=overwhelmed&situation=illness",
    "due_date=2099-01-01",
]


def pages() -> list[str]:
    content = get_content()
    found = [f"/stages/{stage.slug}/" for stage in content.stage_order]
    found += ["/family-card/", "/credit/", "/scripts/", "/log/"]
    ticked = "&".join(f"contact={check.id}" for check in content.rights.checks)
    found.append(f"/rights/?{ticked}&lender=microloan")
    for answers in PEOPLE[:-1]:
        found += [f"/plan/?{answers}", f"/scripts/?{answers}", f"/letter/?{answers}"]
        found += [f"/family-card/?{answers}"]
    return found


BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "label", "legend", "summary", "td", "th", "dd"}
BLOCKS |= {"dt", "blockquote", "div", "section", "article", "ol", "ul", "details"}
# Bibliography is names and dates, not sentences; hidden prefixes are for screen readers.
NOT_PROSE = {"cite", "sources", "source-meta", "cite-line", "visually-hidden", "plan-url"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Prose(HTMLParser):
    """The running text of <main>, block by block, in one language."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang, self.skip, self.blocks, self.current = lang, [False], [], []
        self.in_main = False

    def flush(self) -> None:
        text = "".join(self.current).strip()
        if text:
            self.blocks.append(re.sub(r"\s+", " ", text))
        self.current = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in VOID:
            return
        attributes = dict(attrs)
        self.in_main |= tag == "main"
        classes = set((attributes.get("class") or "").split())
        lang = attributes.get("lang")
        # A text box holds the plan as plain text to copy: the same words, not more prose.
        skip = self.skip[-1] or bool(classes & NOT_PROSE) or tag in ("script", "style", "textarea")
        skip = skip or (lang is not None and lang != self.lang)
        if tag in BLOCKS:
            self.flush()
        self.skip.append(skip)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if len(self.skip) > 1:
            self.skip.pop()
        if tag in BLOCKS:
            self.flush()
        if tag == "main":
            self.in_main = False

    def handle_data(self, data: str) -> None:
        if self.in_main and not self.skip[-1]:
            self.current.append(data)


def prose(client: Client, path: str, lang: str) -> list[str]:
    parser = Prose(lang)
    parser.feed(client.get(path).content.decode())
    parser.flush()
    return parser.blocks


def chinese_sentences(blocks: list[str]) -> list[str]:
    sentences = []
    for block in blocks:
        for sentence in re.split(r"(?<=[。！？])", block):
            sentence = re.sub(r"\s+", "", sentence)
            if len(re.findall(r"[\u3400-\u9fff]", sentence)) >= 2:
                sentences.append(sentence)
    return sentences


def test_chinese_sentences_are_short(client: Client) -> None:
    """No zh-Hans sentence over 60 characters, and half of them under 30."""
    sentences = {s for path in pages() for s in chinese_sentences(prose(client, path, "zh-Hans"))}
    too_long = sorted((s for s in sentences if len(s) > 60), key=len, reverse=True)
    assert not too_long, too_long[:5]
    assert statistics.median(len(s) for s in sentences) < 30


def test_the_sentence_splitter_finds_long_sentences() -> None:
    long = "这是一个很长的句子" * 8 + "。短句。"
    assert [len(s) for s in chinese_sentences([long])] == [73, 3]


# Legal terms: where one first appears on a page, an everyday explanation follows it ("诉讼时效，
# 就是法律给债主追讨的期限"), in the same sentence or the next.
TERMS = ["诉讼时效", "缺席判决", "答辩状", "异议", "个性化分期", "恶意透支"]
EXPLAINED = r"[”」]?(?:，|”)?(?:就是|也就是|是一种|，是|是用)"


@pytest.mark.parametrize("path", [p for p in pages() if not p.startswith("/letter/")])
def test_a_legal_term_is_explained_where_it_first_appears(client: Client, path: str) -> None:
    """The letter is left out: it is written to the lender, who knows the words."""
    text = "".join(prose(client, path, "zh-Hans"))
    for term in TERMS:
        first = text.find(term)
        if first == -1:
            continue
        following = text[first : first + 90]
        assert re.search(re.escape(term) + EXPLAINED, following) or re.search(
            "(?:就是|也就是)", following[len(term) : len(term) + 40]
        ), (term, following)


# "Overdue" is an adjective in English; and two sentences joined by a comma read as one.
NOUN_OVERDUE = re.compile(r"\b(an|this|the) overdue\b(?! (?:debt|account|loan|amount|payment))")
SPLICE = re.compile(
    r"(?:^|(?<=[.!?:;]) )([^.!?:;\"]*?), (?:you|they|it|this|that|there|we|he|she|the \w+) "
    r"(?:is|are|was|were|can|may|must|should|will|would|do|does|did|have|has)\b[^.!?]*[.!?]"
)
OPENS_A_CLAUSE = re.compile(
    r"^\W*(if|when|unless|once|until|before|after|while|because|although|as|where|whether|"
    r"for|in|on|at|during|by|with|without|even|so|and|but|or)\b",
    re.IGNORECASE,
)


def test_english_uses_overdue_as_an_adjective_and_no_comma_splices(client: Client) -> None:
    found = []
    for path in pages():
        for block in prose(client, f"/en{path}", "en"):
            found += [f"{path}: {m.group(0)}" for m in NOUN_OVERDUE.finditer(block)]
            for splice in SPLICE.finditer(block):
                if not OPENS_A_CLAUSE.match(splice.group(1).strip()):
                    found.append(f"{path}: {splice.group(0)}")
    assert not found, found[:5]


def test_the_english_checks_catch_what_they_look_for() -> None:
    assert NOUN_OVERDUE.search("the day the overdue ends")
    assert not NOUN_OVERDUE.search("an overdue account")
    splice = SPLICE.search("Pay what you can, it is enough.")
    assert splice and not OPENS_A_CLAUSE.match(splice.group(1))
    subordinate = SPLICE.search("If you can, it is enough.")
    assert subordinate and OPENS_A_CLAUSE.match(subordinate.group(1))
