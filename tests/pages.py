"""Every page of the site, once, for the suites that visit them all (headers, axe, HTML, fuzzing).

Built from the URL patterns and the content, so a new page or stage is visited without editing
this list; test_pages.py fails if a URL pattern has no page here.
"""

from __future__ import annotations

from stages.content import get_content

LANGUAGE_PREFIXES = {"": "zh-Hans", "/zh-hant": "zh-Hant", "/en": "en"}

# A person far along: every question on the way is answered, court papers included.
FULL_ANSWERS = (
    "days=40&product=jintiao&can_pay=part&happened=calls_contacts&happened=court_papers"
    "&papers_date=2026-11-20&situation=income"
)


def page_paths() -> dict[str, str]:
    """name -> path (no language prefix). HTML pages only: the calendar file is not a page."""
    content = get_content()
    pages = {
        "home": "/",
        "stage_list": "/stages/",
        "check": "/check/",
        "check_error": "/check/?from=days&days=abc",
        "plan": f"/plan/?{FULL_ANSWERS}",
        "source_list": "/sources/",
        "rights": "/rights/",
        "rights_result": "/rights/?lender=bank&contact=threats&contact=night_calls",
        "scam_check": "/scam-check/",
        "log": "/log/",
        "scripts": "/scripts/",
        "scripts_personal": f"/scripts/?{FULL_ANSWERS}",
        "letter": f"/letter/?{FULL_ANSWERS}",
        "credit": "/credit/",
        "family_card": "/family-card/",
        "not_found": "/no-such-page/",
    }
    for stage in (content.before_due, *content.stages):
        pages[f"stage_detail:{stage.slug}"] = f"/stages/{stage.slug}/"
    for question in content.questions[1:]:
        pages[f"check:{question.id}"] = f"/check/?step={question.id}&{FULL_ANSWERS}"
    return pages


# Not HTML pages, or only redirects: the suites above do not visit these URL names.
NOT_PAGES = {"plan_calendar", "healthz"}
