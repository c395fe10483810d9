"""Simplified -> Traditional Chinese with OpenCC, plus our own table for terms it gets wrong."""

import functools
from collections.abc import Mapping

import opencc

# Taiwan-standard character forms, without swapping mainland vocabulary (信息 stays 信息):
# the people reading are in mainland China and the names of laws and products must stay as named.
CONFIG = "s2tw"


# Quotation marks as Traditional Chinese sets them (Taiwan and Hong Kong): corner brackets.
# OpenCC converts characters only.
QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(CONFIG)


@functools.cache
def _converted(term: str) -> str:
    return _converter().convert(term)


def to_traditional(
    simplified: str, terms: Mapping[str, str], fixes: Mapping[str, str] | None = None
) -> str:
    """Convert, then put each domain term (simplified -> traditional) in the form we chose, then
    mend what OpenCC misreads in context (traditional -> traditional)."""
    text = _converter().convert(simplified).translate(QUOTES)
    for source, target in terms.items():
        text = text.replace(_converted(source), target)
    for wrong, right in (fixes or {}).items():
        text = text.replace(wrong, right)
    return text


# For matching only (the message check): Traditional characters fold back to Simplified, so a
# pattern written once in Simplified matches either script. Many Traditional forms fold into one
# Simplified form, never the other way round. Character by character: OpenCC's phrase tables
# ("tw2sp") would also turn 匯入 (pay in) into 导入 (import). Taiwan words (螢幕, 軟體) are folded
# afterwards by a table in content/scams.yaml.
@functools.cache
def _simplifier() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _simplifier().convert(text)
