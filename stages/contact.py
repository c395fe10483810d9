"""\"Was this contact allowed?\" on the rights page, and the contact log: what each ticked contact
breaks and where the complaint goes (content/rights.yaml)."""

from __future__ import annotations

from stages.content.models import ContactCheck, ForProducts, LenderType, Rights, Route, Sourced

UNKNOWN_LENDER = "unknown"  # the lender type for "I do not know": its route says how to find out
LOG_GUIDE = "log"  # the contact log's guide in content/guides.yaml


def lender_type(rights: Rights, chosen: str) -> LenderType | None:
    return next((t for t in rights.lender_types if t.value == chosen), None)


def results(
    rights: Rights, ticked: set[str], lender: LenderType | None, product_id: str
) -> list[tuple[ContactCheck, tuple[ForProducts | Sourced, ...], tuple[ForProducts, ...]]]:
    """Each ticked contact, in content order, with where to complain about it and its notes for
    this product. A complaint about the lender goes where its lender type says, in the lines for
    this product; without a lender type, the unknown type says how to tell."""
    route = (lender or lender_type(rights, UNKNOWN_LENDER)).route_for(product_id)
    return [
        (
            check,
            route if check.route is Route.LENDER else (rights.routes[check.route],),
            tuple(note for note in check.notes if note.fits(product_id)),
        )
        for check in rights.checks
        if check.id in ticked
    ]
