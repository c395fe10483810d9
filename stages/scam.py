"""Match a pasted message against the red flags in content/scams.yaml. Nothing is kept.

A message in Traditional characters is compared in Traditional, so either script matches: the
message and every pattern go through the same fold, full-width forms and case ignored."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from stages.chinese import to_traditional
from stages.content.models import ScamFlag, Scams, Text


@dataclass(frozen=True, slots=True)
class Match:
    flag: ScamFlag
    words: tuple[Text, ...]  # the patterns found, as the content writes them


def red_flags(message: str, scams: Scams) -> list[Match]:
    """Every flag whose patterns occur in the message, in content order."""
    written, traditional = fold_both_scripts(message, scams.terms)
    terms = tuple(scams.terms.items())
    found = []
    for flag in scams.flags:
        words = tuple(
            pattern
            for pattern in flag.patterns
            if (folded := _folded(pattern.zh_hans, terms))[0] in written or folded[1] in traditional
        )
        if words:
            found.append(Match(flag=flag, words=words))
    return found


def normalise_text(text: str) -> str:
    """For matching: full-width forms folded, case ignored."""
    return unicodedata.normalize("NFKC", text).casefold()


def fold_both_scripts(text: str, terms: dict[str, str]) -> tuple[str, str]:
    """The text normalised as written, and in Traditional with our term table."""
    written = normalise_text(text)
    return written, normalise_text(to_traditional(written, terms))


@functools.lru_cache(maxsize=1024)
def _folded(words: str, terms: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """A pattern's fold: content only (the words and the term table), so kept per process."""
    return fold_both_scripts(words, dict(terms))
