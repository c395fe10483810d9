"""What fits one person. Content may say who a line is for (`when`, plain data over the answers).
A personal page (answers in the URL) shows only the lines that fit; a general page shows them all,
each line for some products labelled with those products, so nobody mistakes it for their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from stages.answers import Answers, matches
from stages.content.models import PRODUCT_QUESTION, Claim, Condition, Content, Section, Text


class Conditional(Protocol):
    when: Condition


@dataclass(frozen=True, slots=True)
class Shown[T]:
    item: T
    label: tuple[Text, ...] = ()  # on a general page: the products this line is for


def shown[T: Conditional](
    items: tuple[T, ...], content: Content, answers: Answers
) -> list[Shown[T]]:
    if answers.personal:
        return [Shown(item) for item in items if matches(item.when, answers)]
    product = content.question(PRODUCT_QUESTION)
    return [
        Shown(
            item, tuple(c.label for c in product.choices if c.value in item.when[PRODUCT_QUESTION])
        )
        if PRODUCT_QUESTION in item.when
        else Shown(item)
        for item in items
        if set(item.when) <= {PRODUCT_QUESTION}  # lines for other situations wait for the answers
    ]


def sections_for(
    sections: tuple[Section, ...], content: Content, answers: Answers
) -> list[tuple[Section, list[Shown[Claim]]]]:
    """A guide's sections and lines for this person (or for anyone), with their channels
    ({lender}, {pay}, {talk}) named for their product."""
    words = answers.product.words
    result = []
    for section in sections:
        # Without answers every section shows: its title says when it applies.
        if answers.personal and not matches(section.when, answers):
            continue
        lines = [
            Shown(line.item.model_copy(update={"text": line.item.text.fill(words)}), line.label)
            for line in shown(section.items, content, answers)
        ]
        result.append((section, lines))
    return result
