"""Content loading and validation (stages/content.py)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from stages.content import (
    ContentError,
    Verification,
    get_content,
    load_content,
)

CONTENT = Path(settings.CONTENT_DIR)
YAML_FILES = sorted(p.relative_to(CONTENT) for p in CONTENT.rglob("*.yaml"))


@pytest.mark.parametrize("name", [str(p) for p in YAML_FILES])
def test_every_yaml_file_is_used_and_valid(name: str) -> None:
    """Every file under content/ is read by the loader, and the whole set validates."""
    content = load_content(CONTENT)
    assert content.stages
    # Each file is something the loader reads: no stray, unvalidated content.
    known = {"sources.yaml", "actions.yaml", "rules.yaml", "before_due.yaml", "questions.yaml"}
    known |= {"plan_rules.yaml", "help.yaml", "ui.yaml", "zh_hant.yaml", "rights.yaml"}
    known |= {"scams.yaml", "guides.yaml", "negotiation.yaml", "products.yaml", "budget.yaml"}
    assert name in known or name.startswith("stages/")


def test_content_is_loaded_once() -> None:
    """get_content() returns the same object every time: no per-request loading."""
    assert get_content() is get_content()


@pytest.mark.parametrize(
    ("days", "slug"),
    [
        (-1, "before-due"),
        (0, "reminders"),
        (7, "reminders"),
        (8, "calls"),
        (17, "calls"),
        (18, "escalation"),
        (30, "escalation"),
        (31, "legal"),
        (10000, "legal"),
    ],
)
def test_stage_for_days_boundaries(days: int, slug: str) -> None:
    """Each boundary day maps to the stage whose range contains it."""
    assert get_content().stage_for_days(days).slug == slug


def test_every_text_has_all_languages() -> None:
    """Every stage, action and UI text is non-empty in zh-Hans, zh-Hant and en."""
    content = get_content()
    texts = list(content.ui.values())
    for stage in (*content.stages, content.before_due):
        texts += [stage.title, stage.summary, stage.short]
        texts += [claim.text for claim in (*stage.happens, *stage.means)]
    for action in content.actions.values():
        texts += [action.title, action.why, *action.how]
    for text in texts:
        assert text.zh_hans and text.zh_hant and text.en


def test_no_claim_cites_an_unverified_source() -> None:
    """UNVERIFIED items in facts.md are never the basis of a stated fact."""
    content = get_content()
    cited = [s for stage in content.stages for s in stage.all_sources]
    cited += [s for a in content.actions.values() for s in a.sources]
    cited += [s for r in content.rules.values() for s in r.sources]
    assert cited
    assert all(s.verification is not Verification.UNVERIFIED for s in cited)


def _expect(root: Path, file: str, key: str, words: str) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    error = caught.value
    assert error.file.endswith(file), str(error)
    assert error.key == key, str(error)
    assert words in error.problem, str(error)


def test_error_missing_key(edit_yaml) -> None:
    root = edit_yaml("stages/calls.yaml", lambda d: d.pop("summary"))
    _expect(root, "stages/calls.yaml", "summary", "is missing")


def test_error_unknown_key(edit_yaml) -> None:
    root = edit_yaml("stages/calls.yaml", lambda d: d.update(colour="red"))
    _expect(root, "stages/calls.yaml", "colour", "unknown key")


def test_error_missing_language(edit_yaml) -> None:
    root = edit_yaml("stages/legal.yaml", lambda d: d["title"].pop("en"))
    _expect(root, "stages/legal.yaml", "title.en", "is missing")


def test_error_empty_text(edit_yaml) -> None:
    def blank(d: dict) -> None:
        d["happens"][1]["text"]["zh-Hans"] = "  "

    root = edit_yaml("stages/legal.yaml", blank)
    _expect(root, "stages/legal.yaml", "happens[1].text.zh-Hans", "expected non-empty text")


def test_error_gap_between_stages(edit_yaml) -> None:
    root = edit_yaml("stages/calls.yaml", lambda d: d["days"].update({"to": 16}))
    _expect(root, "stages/escalation.yaml", "days.from", "day 17 is not covered")


def test_error_overlap_between_stages(edit_yaml) -> None:
    root = edit_yaml("stages/escalation.yaml", lambda d: d["days"].update({"from": 15}))
    _expect(root, "stages/escalation.yaml", "days.from", "covered twice")


def test_error_range_backwards(edit_yaml) -> None:
    root = edit_yaml("stages/calls.yaml", lambda d: d["days"].update({"to": 2}))
    _expect(root, "stages/calls.yaml", "days.to", "ends (2) before it starts (8)")


def test_error_last_stage_not_open_ended(edit_yaml) -> None:
    root = edit_yaml("stages/legal.yaml", lambda d: d["days"].update({"to": 90}))
    _expect(root, "stages/legal.yaml", "days.to", "must be open-ended")


def test_error_first_stage_not_day_zero(edit_yaml) -> None:
    root = edit_yaml("stages/reminders.yaml", lambda d: d["days"].update({"from": 1}))
    _expect(root, "stages/reminders.yaml", "days.from", "day 0 is not covered")


def test_error_unknown_action_id(edit_yaml) -> None:
    root = edit_yaml("stages/calls.yaml", lambda d: d["actions"].append("fly-away"))
    last = len(yaml_list(root / "stages/calls.yaml", "actions")) - 1
    _expect(root, "stages/calls.yaml", f"actions[{last}]", "unknown action id 'fly-away'")


def test_error_unknown_source_id(edit_yaml) -> None:
    root = edit_yaml("actions.yaml", lambda d: d["actions"][0]["sources"].append("blog"))
    last = len(yaml_list(root / "actions.yaml", "actions")[0]["sources"]) - 1
    _expect(root, "actions.yaml", f"actions[0].sources[{last}]", "unknown source id 'blog'")


def test_error_unknown_rule_id(edit_yaml) -> None:
    root = edit_yaml("stages/reminders.yaml", lambda d: d["rules"].append("no-such-rule"))
    last = len(yaml_list(root / "stages/reminders.yaml", "rules")) - 1
    _expect(root, "stages/reminders.yaml", f"rules[{last}]", "unknown rule id")


def test_error_unverified_source_backs_a_claim(edit_yaml) -> None:
    """A source marked unverified cannot back anything, a help line included."""
    rumour = {
        "id": "rumour",
        "short": {"zh-Hans": "传言", "en": "Rumour"},
        "title": {"zh-Hans": "传言", "en": "Rumour"},
        "publisher": {"zh-Hans": "网友", "en": "Someone online"},
        "date": "undated",
        "force": "news_report",
        "verification": "unverified",
    }
    edit_yaml("sources.yaml", lambda d: d["sources"].append(rumour))
    root = edit_yaml("help.yaml", lambda d: d["lines"][0]["sources"].insert(0, "rumour"))
    _expect(root, "help.yaml", "lines[0].sources[0]", "'rumour' is UNVERIFIED")


def test_error_bad_date(edit_yaml) -> None:
    root = edit_yaml("stages/calls.yaml", lambda d: d.update(reviewed="2026-02-30"))
    _expect(root, "stages/calls.yaml", "reviewed", "expected a date")


def test_error_bad_source_date(edit_yaml) -> None:
    root = edit_yaml("sources.yaml", lambda d: d["sources"][2].update(date="last spring"))
    _expect(root, "sources.yaml", "sources[2].date", "expected a date")


def test_error_unknown_enum_value(edit_yaml) -> None:
    root = edit_yaml("sources.yaml", lambda d: d["sources"][0].update(force="gossip"))
    _expect(root, "sources.yaml", "sources[0].force", "'gossip' is not one of")


def test_error_duplicate_id(edit_yaml) -> None:
    root = edit_yaml("actions.yaml", lambda d: d["actions"].append(dict(d["actions"][0])))
    last = len(yaml_list(root / "actions.yaml", "actions")) - 1
    _expect(root, "actions.yaml", f"actions[{last}].id", "duplicate action id")


def test_error_wrong_type(edit_yaml) -> None:
    root = edit_yaml("stages/calls.yaml", lambda d: d.update(actions="contact-lender"))
    _expect(root, "stages/calls.yaml", "actions", "expected a list")


def test_error_slug_differs_from_file_name(edit_yaml) -> None:
    root = edit_yaml("stages/calls.yaml", lambda d: d.update(slug="phone"))
    _expect(root, "stages/calls.yaml", "slug", "must match the file name")


def test_error_condition_on_unknown_value(edit_yaml) -> None:
    root = edit_yaml("plan_rules.yaml", lambda d: d["rules"][0]["when"].update(happened=["aliens"]))
    _expect(root, "plan_rules.yaml", "rules[0].when.happened[0]", "'aliens' is not one of")


def test_error_question_missing_message(edit_yaml) -> None:
    root = edit_yaml("questions.yaml", lambda d: d["questions"][0]["errors"].pop("too_large"))
    _expect(root, "questions.yaml", "questions[0].errors.too_large", "is missing")


def test_error_invalid_yaml(content_copy: Path) -> None:
    (content_copy / "rules.yaml").write_text("rules: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    assert caught.value.file.endswith("rules.yaml")
    assert "not valid YAML" in caught.value.problem


def test_error_missing_file(content_copy: Path) -> None:
    (content_copy / "help.yaml").unlink()
    _expect(content_copy, "help.yaml", "", "file is missing")


def test_check_command_reports_file_and_key(edit_yaml, settings) -> None:
    """`manage.py check` fails on bad content, naming the file and the key."""
    settings.CONTENT_DIR = edit_yaml("stages/calls.yaml", lambda d: d["title"].pop("zh-Hans"))
    with pytest.raises(SystemCheckError) as caught:
        call_command("check")
    message = str(caught.value)
    assert "stages/calls.yaml" in message and "title.zh-Hans" in message


def test_check_command_passes_on_real_content() -> None:
    call_command("check")


def yaml_list(path: Path, key: str) -> list:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))[key]


def test_loading_leaves_the_garbage_collector_as_it_was(content_copy: Path) -> None:
    """The loader pauses the cyclic collector while it runs, and always switches it back on."""
    assert gc.isenabled()
    load_content(content_copy)
    assert gc.isenabled()
    (content_copy / "rules.yaml").write_text("rules: [", encoding="utf-8")
    with pytest.raises(ContentError):
        load_content(content_copy)
    assert gc.isenabled()
