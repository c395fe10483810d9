"""\"Was this contact allowed?\" on the rights page, and the contact log: what each ticked contact
breaks and where the complaint goes (content/rights.yaml)."""

from __future__ import annotations

from stages.content.models import ContactCheck, LenderType, Rights, Route, Sourced

UNKNOWN_LENDER = "unknown"  # the lender type for "I do not know": its route says how to find out
LOG_GUIDE = "log"  # the contact log's guide in content/guides.yaml


def lender_type(rights: Rights, chosen: str) -> LenderType | None:
    return next((t for t in rights.lender_types if t.value == chosen), None)


def results(
    rights: Rights, ticked: set[str], lender: LenderType | None
) -> list[tuple[ContactCheck, Sourced]]:
    """Each ticked contact, in content order, with where to complain about it. A complaint about
    the lender goes where its lender type says; without one, the unknown type says how to tell."""
    route = (lender or lender_type(rights, UNKNOWN_LENDER)).route
    return [
        (check, route if check.route is Route.LENDER else rights.routes[check.route])
        for check in rights.checks
        if check.id in ticked
    ]
