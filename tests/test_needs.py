"""What the code needs from the content (stages/needs.py): each need, missing, is reported at the
file and key that should hold it. Start-up stopping on one is in tests/test_startup.py."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stages.content import get_content
from stages.content.models import Text
from stages.needs import UI_KEYS, check_needs, used_in_templates


def keys(problems) -> set[tuple[str, str]]:
    return {(p.file, p.key) for p in problems}


def test_the_sites_content_has_everything_the_code_needs() -> None:
    assert check_needs(get_content()) == []


def test_templates_are_read_for_the_ui_keys_they_use() -> None:
    used = used_in_templates("ui")
    assert {"step_of", "error_prefix", "plan_title"} <= used  # {% fmt ui.step_of %}, {{ ui.… }}
    assert "budget" not in used_in_templates("words")  # words.<key> only, not budget.words


@pytest.mark.parametrize("key", ["step_of", "scam_empty", "force_law", "refused_type_title"])
def test_a_ui_text_the_code_uses_is_missing(key: str) -> None:
    """From a template (step_of), a view (scam_empty), a tag (force_law) or the middleware."""
    content = get_content()
    ui = {name: text for name, text in content.ui.items() if name != key}
    problems = check_needs(replace(content, ui=ui))
    assert keys(problems) == {("content/ui.yaml", f"ui.{key}")}
    assert "is missing" in problems[0].text


def test_the_python_list_of_ui_keys_names_only_keys_the_code_reads() -> None:
    """Each listed key appears in the code as written, or is built from a closed set there."""
    from pathlib import Path

    from django.conf import settings

    code = "".join(p.read_text() for p in Path(settings.BASE_DIR, "stages").rglob("*.py"))
    code += Path(settings.BASE_DIR, "overdue_help/middleware.py").read_text()
    built = ("force_", "verification_", "refused_", "verdict_")
    assert [k for k in UI_KEYS if f'"{k}"' not in code and not k.startswith(built)] == []


def test_a_question_the_code_reads_is_missing_or_changed() -> None:
    content = get_content()
    questions = tuple(q for q in content.questions if q.id != "product")
    can_pay = next(q for q in questions if q.id == "can_pay")
    fewer = can_pay.model_copy(
        update={"choices": tuple(c for c in can_pay.choices if c.value != "part")}
    )
    questions = tuple(fewer if q is can_pay else q for q in questions)
    problems = check_needs(replace(content, questions=questions))
    assert keys(problems) == {
        ("content/questions.yaml", "questions"),
        ("content/questions.yaml", f"questions[{questions.index(fewer)}].choices"),
    }
    assert {p.text for p in problems} == {
        "no question 'product': the site's code uses it",
        "no choice 'part': the site's code uses it",
    }


def test_the_days_question_comes_first() -> None:
    content = get_content()
    problems = check_needs(replace(content, questions=content.questions[::-1]))
    assert ("content/questions.yaml", "questions[0].id") in keys(problems)


def test_the_unknown_lender_type_and_the_guides_pages_show() -> None:
    content = get_content()
    rights = content.rights.model_copy(
        update={
            "lender_types": tuple(t for t in content.rights.lender_types if t.value != "unknown")
        }
    )
    guides = {key: guide for key, guide in content.guides.items() if key != "log"}
    problems = check_needs(replace(content, rights=rights, guides=guides))
    assert keys(problems) == {
        ("content/rights.yaml", "lender_types.unknown"),
        ("content/guides.yaml", "guides.log"),
    }


def test_an_action_links_only_to_pages_with_a_label() -> None:
    content = get_content()
    first = next(iter(content.actions.values()))
    linked = first.model_copy(update={"links": ("nowhere",)})
    problems = check_needs(replace(content, actions={**content.actions, first.id: linked}))
    assert [(p.key, p.text) for p in problems] == [
        ("actions[0].links[0]", "'nowhere' is not a page of the site"),
        ("actions[0].links[0]", "'nowhere' has no label in ui.yaml"),
    ]


def test_the_letter_uses_only_what_the_letter_page_fills() -> None:
    content = get_content()
    subject = Text.of("{product} {debt}", "{product} {debt}", "{product} {debt}")
    letter = content.letter.model_copy(update={"subject": subject})
    problems = check_needs(replace(content, letter=letter))
    assert keys(problems) == {("content/negotiation.yaml", "letter.subject")}
    assert "unknown placeholder {debt}" in problems[0].text


def test_the_fixture_set_lacks_what_only_the_site_needs(fixture_content) -> None:
    """Rule tests' content need not hold the site's words: the loader does not ask for them."""
    problems = keys(check_needs(fixture_content))
    assert ("content/guides.yaml", "guides.log") in problems
    assert ("content/ui.yaml", "ui.scam_empty") in problems
    assert not [key for file, key in problems if file.endswith("questions.yaml")]
