"""Match a pasted message against the red flags in content/scams.yaml. Nothing is kept."""

from __future__ import annotations

from dataclasses import dataclass

from stages.content import ScamFlag, Scams, Text, fold_both_scripts


@dataclass(frozen=True, slots=True)
class Match:
    flag: ScamFlag
    words: tuple[Text, ...]  # the patterns found, as the content writes them


def red_flags(message: str, scams: Scams) -> list[Match]:
    """Every flag whose patterns occur in the message, in content order. A message in
    Traditional characters is compared in Traditional, so either script matches."""
    written, traditional = fold_both_scripts(message, scams.terms)
    found = []
    for flag in scams.flags:
        words = tuple(
            p.text for p in flag.patterns if p.written in written or p.traditional in traditional
        )
        if words:
            found.append(Match(flag=flag, words=words))
    return found
