"""Check a pasted message against the concepts in content/scams.yaml. Nothing is kept.

The message is folded once (fold_message: case, full-width forms, Traditional -> Simplified), then
one pass of an Aho-Corasick automaton finds every word the patterns use, so a 3,000-character
message costs one scan and a little work per word found, not one search per word.
A pattern matches when one word of each of its groups occurs near the first group's word; a word
after a negation in the same clause ("请勿向个人账户转账") is a warning and does not count.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.urls import reverse

from stages.chinese import to_simplified
from stages.contact import UNKNOWN_LENDER, lender_type
from stages.content.models import (
    ContactCheck,
    Content,
    Finding,
    FindingText,
    ForProducts,
    FoundKind,
    Pattern,
    Route,
    ScamFlag,
    Scams,
    Source,
    Sourced,
    Term,
    Text,
)
from stages.extract import Found, extract

if TYPE_CHECKING:
    from stages.answers import Answers

# Where a clause ends: punctuation as it is after NFKC (，-> , ；-> ;), a full stop, a new line.
CLAUSE_END = re.compile(r"[,;!?:\n。…]|\.(?=\s|$)")
SENTENCE_END = re.compile(r"[!?\n。…]|\.(?=\s|$)")
# A token, for distances: a Latin word or number, or one other character (a Chinese character).
TOKEN = re.compile(r"[0-9a-z'\-]+|[^\x00-\x7f\s]")
LONGEST_TOKEN = 12  # characters, a space included: further apart than this many per token is far
LONGEST_WORD = 40  # characters in the longest word a pattern looks for
LATIN_TAIL = re.compile(r"[a-z]*")
# Endings a Latin word may take and still be the word ("courts", "arrested", "cancelled").
ENDINGS = frozenset({"", "s", "es", "d", "ed", "ing", "red", "ring", "led", "ling", "ted"})


def normalise_text(text: str) -> str:
    """For matching: full-width forms folded, case ignored."""
    return unicodedata.normalize("NFKC", text).casefold()


def fold_message(text: str, variants: Mapping[str, str]) -> str:
    """For matching in either script: full-width forms and case folded, Traditional characters
    folded to Simplified, then `variants` (longest first): the words OpenCC keeps apart (帐/账,
    Taiwan's 螢幕 for 屏幕). Messages and the words of scams.yaml (models.Scams) go through it."""
    folded = to_simplified(normalise_text(text))
    for variant, common in variants.items():
        folded = folded.replace(variant, common)
    return folded


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    term: Term


@dataclass(frozen=True, slots=True)
class Match:
    flag: ScamFlag
    words: tuple[Text, ...]  # the words found, as the content writes them


@dataclass(frozen=True, slots=True)
class Checked:
    """The outcome for one message: flags in content order, and what was pulled out of it."""

    matches: tuple[Match, ...]
    found: tuple[Found, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        present = {m.flag.finding for m in self.matches}
        return tuple(f for f in Finding if f in present)

    @property
    def red_flags(self) -> int:
        """Signs of a scam or of rule-breaking; a "check it yourself" note is not one."""
        return sum(1 for m in self.matches if m.flag.finding is not Finding.VERIFY)

    def of(self, finding: Finding) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if m.flag.finding is finding)


class Scan:
    """One folded message: where the pattern words occur (looked up when a pattern asks), and
    where its clauses begin."""

    def __init__(self, text: str, scams: Scams, kinds: frozenset[FoundKind]) -> None:
        self.text = text
        self.kinds = kinds
        self.hits: dict[str, list[Hit]] = {}
        breaks = set(scams.clause_breaks)
        starts = {0, *(m.end() for m in CLAUSE_END.finditer(text))}
        # One pass finds every word of every pattern, nested and overlapping ones included.
        for last, word in scams.automaton.iter(text):
            start = last + 1 - len(word)
            if word in breaks:
                starts.add(start)
            if word in scams.terms:
                hit = self._hit(scams.terms[word], start, last + 1)
                if hit is not None:
                    self.hits.setdefault(word, []).append(hit)
        self.clause_starts = sorted(starts)
        self.sentence_starts = sorted({0, *(m.end() for m in SENTENCE_END.finditer(text))})
        # "不得不" (must) and "不会不" are not negations.
        self.negations = sorted(
            hit.end
            for term in scams.negations
            for hit in self.find(term)
            if not text.startswith("不", hit.end)
        )

    def _hit(self, term: Term, start: int, end: int) -> Hit | None:
        """Latin words count only as whole words, with an ending ("courts", not "courtesy")."""
        if not term.whole_word:
            return Hit(start, end, term)
        text = self.text
        if start and text[start - 1].isascii() and text[start - 1].isalnum():
            return None
        tail = LATIN_TAIL.match(text, end).group()
        return Hit(start, end + len(tail), term) if tail in ENDINGS else None

    def find(self, term: Term) -> list[Hit]:
        return self.hits.get(term.folded, [])

    def clause(self, hit: Hit) -> tuple[int, int]:
        i = bisect.bisect_right(self.clause_starts, hit.start) - 1
        end = self.clause_starts[i + 1] if i + 1 < len(self.clause_starts) else len(self.text)
        return self.clause_starts[i], end

    def sentence(self, hit: Hit) -> tuple[int, int]:
        starts = self.sentence_starts
        i = bisect.bisect_right(starts, hit.start) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else len(self.text)

    def negated(self, hit: Hit) -> bool:
        """A negation ends between the start of the hit's clause and the hit."""
        start, _ = self.clause(hit)
        i = bisect.bisect_right(self.negations, hit.start)
        return i > 0 and self.negations[i - 1] > start

    def occurrences(self, words: frozenset[str], negatable: bool) -> list[Hit]:
        # In the message's order: a set's order changes with each process's hash seed, and the
        # words found must read the same from every worker.
        found = [hit for word in words & self.hits.keys() for hit in self.hits[word]]
        hits = sorted(found, key=lambda hit: (hit.start, hit.end))
        if negatable and self.negations:
            hits = [hit for hit in hits if not self.negated(hit)]
        return hits

    def within(self, a: Hit, b: Hit, most: int) -> bool:
        """At most `most` tokens between two hits that do not overlap. A token is a Chinese
        character or a Latin word; counted only when the characters alone do not settle it."""
        if a.start < b.end and b.start < a.end:
            return False
        lo, hi = (a.end, b.start) if a.start < b.start else (b.end, a.start)
        if hi - lo <= most:
            return True
        if hi - lo > most * LONGEST_TOKEN:
            return False
        return len(TOKEN.findall(self.text, lo, hi)) <= most

    def has_any(self, terms: tuple[Term, ...], start: int, end: int) -> bool:
        return any(start <= hit.start < end for t in terms for hit in self.find(t))

    def match(self, pattern: Pattern, negatable: bool) -> tuple[Term, ...] | None:
        """The words that make the pattern match, or None."""
        if any(isinstance(g, FoundKind) and g not in self.kinds for g in pattern.groups):
            return None
        groups = [g for g in pattern.folded if not isinstance(g, FoundKind)]
        if not groups:
            return ()
        occurrences = []
        for group in groups:
            hits = self.occurrences(group, negatable)
            if not hits:
                return None
            occurrences.append(hits)
        if len(occurrences) == 1:
            # Plain words: every word found is shown, unless its clause cancels it.
            kept = [h for h in occurrences[0] if not self.cancelled(h, pattern)]
            return tuple({h.term.folded: h.term for h in kept}.values()) or None
        others = [sorted(hits, key=lambda hit: hit.start) for hits in occurrences[1:]]
        starts = [[hit.start for hit in hits] for hits in others]
        reach = pattern.within * LONGEST_TOKEN + LONGEST_WORD
        for anchor in occurrences[0]:
            if self.cancelled(anchor, pattern):
                continue
            chosen = [anchor]
            start, end = self.clause(anchor) if pattern.clause else (0, len(self.text))
            for hits, positions in zip(others, starts, strict=True):
                # Only the hits that start near enough to be within reach are measured.
                lo = bisect.bisect_left(positions, max(start, anchor.start - reach))
                hi = bisect.bisect_right(positions, min(end - 1, anchor.end + reach))
                other = next(
                    (
                        o
                        for o in hits[lo:hi]
                        if o.end <= end and self.within(anchor, o, pattern.within)
                    ),
                    None,
                )
                if other is None:
                    break
                chosen.append(other)
            else:
                return tuple(hit.term for hit in chosen)
        return None

    def cancelled(self, hit: Hit, pattern: Pattern) -> bool:
        """An `unless` word in the same sentence: "验证码123456，请勿告诉任何人" is about a code."""
        return bool(pattern.unless) and self.has_any(pattern.unless, *self.sentence(hit))


def check_message(message: str, scams: Scams) -> Checked:
    """Which flags the message raises, in content order, and what it holds."""
    normalised = unicodedata.normalize("NFKC", message)
    folded = fold_message(normalised, scams.variants)
    found = tuple(extract(normalised, folded))
    scan = Scan(folded, scams, frozenset(item.kind for item in found))
    matches = []
    for flag in scams.flags:
        words: dict[str, Text] = {}
        raised = False
        for pattern in flag.patterns:
            terms = scan.match(pattern, flag.negatable)
            if terms is not None:
                raised = True
                words.update((term.folded, term.shown) for term in terms)
        if raised:
            # "negotiation agency" adds nothing beside "debt negotiation agency".
            shown = (t for w, t in words.items() if not any(w != o and w in o for o in words))
            matches.append(Match(flag, tuple(shown)))
    raised = {m.flag.id for m in matches}
    kept = tuple(m for m in matches if not raised.intersection(m.flag.not_with))
    return Checked(kept, found)


# ---------------------------------------------------------------------------------------------
# The result as the page shows it, in the person's words


@dataclass(frozen=True, slots=True)
class ShownFlag:
    flag: ScamFlag
    words: tuple[Text, ...]
    meaning: Text  # with the person's channels named
    todo: Text
    notes: tuple[ForProducts, ...]  # the lines for their product


@dataclass(frozen=True, slots=True)
class ShownFinding:
    finding: Finding
    text: FindingText
    flags: tuple[ShownFlag, ...]


@dataclass(frozen=True, slots=True)
class ShownItem:
    found: Found
    label: Text
    todo: Text
    sources: tuple[Source, ...] = ()  # for a number we list ourselves (12368, 110 ...)


@dataclass(frozen=True, slots=True)
class Result:
    findings: tuple[ShownFinding, ...]
    red_flags: int
    items: tuple[ShownItem, ...]
    nothing_found: FindingText
    limits: Text
    checks: tuple[ContactCheck, ...]  # the rights checks the rule-breaking signs break
    routes: tuple[ForProducts | Sourced, ...]  # where to complain about them
    rights_url: str  # /rights/ with those checks ticked and the answers kept
    log_url: str

    @property
    def finding_ids(self) -> str:
        return " ".join(f.finding.value for f in self.findings)


def filled[T: FindingText](text: T, words: Mapping[str, Text]) -> T:
    points = tuple(p.model_copy(update={"text": p.text.fill(words)}) for p in text.points)
    return text.model_copy(update={"summary": text.summary.fill(words), "points": points})


def check_and_explain(message: str, content: Content, answers: Answers) -> Result:
    """A message checked and explained for this person: their product's channels and lines, and
    their answers kept in the links onwards."""
    checked = check_message(message, content.scams)
    return explain(checked, content, product_id=answers.product.id, query=answers.query())


def explain(checked: Checked, content: Content, *, product_id: str, query: str) -> Result:
    """What the page shows for a checked message, fitted to the person's product: their own
    channels ({pay}, {talk}), only the lines for their product, their lender's complaint route."""
    scams, rights = content.scams, content.rights
    words = content.product(product_id).words
    findings = []
    for finding in checked.findings:
        flags = tuple(
            ShownFlag(
                flag=m.flag,
                words=m.words,
                meaning=m.flag.meaning.fill(words),
                todo=m.flag.todo.fill(words),
                notes=tuple(
                    n.model_copy(update={"text": n.text.fill(words)})
                    for n in m.flag.notes
                    if n.fits(product_id)
                ),
            )
            for m in checked.of(finding)
        )
        findings.append(ShownFinding(finding, filled(scams.findings[finding], words), flags))
    check_ids = dict.fromkeys(i for m in checked.of(Finding.RULES) for i in m.flag.rights)
    checks = tuple(c for c in (rights.check(i) for i in check_ids) if c is not None)
    lender = lender_type(rights, content.product(product_id).lender_type) or lender_type(
        rights, UNKNOWN_LENDER
    )
    routes: list[ForProducts | Sourced] = []
    for route in dict.fromkeys(c.route for c in checks):
        if route is Route.LENDER:
            routes.extend(lender.route_for(product_id))
        else:
            routes.append(rights.routes[route])
    items = []
    for item in checked.found:
        official = scams.official_numbers.get(item.value) if item.kind is FoundKind.PHONE else None
        text = scams.found[item.kind]
        if official:
            items.append(ShownItem(item, text.label, official.text, official.sources))
        else:
            items.append(ShownItem(item, text.label, text.todo.fill(words)))
    ticks = urlencode([("contact", c.id) for c in checks])
    return Result(
        findings=tuple(findings),
        red_flags=checked.red_flags,
        items=tuple(items),
        nothing_found=filled(scams.nothing_found, words),
        limits=scams.limits.fill(words),
        checks=checks,
        routes=tuple(routes),
        rights_url=f"{reverse('rights')}?{'&'.join(q for q in (ticks, query) if q)}",
        log_url=f"{reverse('log')}?{query}" if query else reverse("log"),
    )
