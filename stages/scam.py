"""Match a pasted message against the red flags in content/scams.yaml. Nothing is kept."""

from __future__ import annotations

from dataclasses import dataclass

from stages.content import ScamFlag, Scams, normalise_text


@dataclass(frozen=True, slots=True)
class Match:
    flag: ScamFlag
    words: tuple[str, ...]  # the patterns found, as written in the content


def red_flags(message: str, scams: Scams) -> list[Match]:
    """Every flag whose patterns occur in the message, in content order."""
    text = normalise_text(message)
    found = []
    for flag in scams.flags:
        words = tuple(p for p in flag.patterns if p in text)
        if words:
            found.append(Match(flag=flag, words=words))
    return found
