"""Loading and validating content (stages/content/). The rules run on the small fixture set
(tests/fixtures/content/); the site's own content/ is tested for being valid, whole and read."""

from __future__ import annotations

import gc
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from stages.content import ContentError, load_content
from stages.content.loader import Files, json_schemas
from tests.conftest import FIXTURES

CONTENT = Path(settings.CONTENT_DIR)


# --- The site's content -------------------------------------------------------------------------


def test_every_file_under_content_is_read_and_valid(monkeypatch) -> None:
    """The whole set loads, and the loader reads every YAML file there: no stray, unchecked
    content (a file it does not read would never be validated, nor shown)."""
    read = set()
    original = Files.read
    monkeypatch.setattr(
        Files, "read", lambda self, name: read.add(str(name)) or original(self, name)
    )
    load_content(CONTENT)
    on_disk = {str(p.relative_to(CONTENT)) for p in CONTENT.rglob("*.yaml")}
    assert on_disk - read == set()


def test_check_command_passes_on_real_content() -> None:
    call_command("check")


def test_the_committed_json_schema_is_current() -> None:
    """content/schema/ is what `manage.py content_schema` writes from the models today."""
    committed = {p.name: p.read_text(encoding="utf-8") for p in (CONTENT / "schema").glob("*")}
    assert committed == json_schemas(), "run: python manage.py content_schema"


def test_the_json_schema_says_what_the_loader_refuses() -> None:
    """Editors learn the same rules: required keys, no unknown ones."""
    stage = json.loads(json_schemas()["stage.schema.json"])
    assert {"slug", "days", "title", "actions"} <= set(stage["required"])
    assert stage["additionalProperties"] is False
    text = stage["$defs"]["Text"]
    assert set(text["required"]) == {"zh-Hans", "en"}  # zh-Hant is derived unless written


# --- Rules, on the fixture content -------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "slug"),
    [(-1, "before-due"), (0, "early"), (9, "early"), (10, "middle"), (29, "middle")]
    + [(30, "late"), (10000, "late")],
)
def test_stage_for_days_takes_the_stage_whose_range_holds_the_day(fixture_content, days, slug):
    assert fixture_content.stage_for_days(days).slug == slug


def test_zh_hant_is_derived_unless_written(fixture_content) -> None:
    """OpenCC with our term table (账户 -> 帳戶); a written zh-Hant is kept as written."""
    (word,) = fixture_content.scams.flags[0].patterns[0].groups[0]
    assert (word.shown.zh_hans, word.shown.zh_hant) == ("个人账户", "個人帳戶")
    assert fixture_content.stage_order[0].title.zh_hant == "還沒逾期"


def test_the_latest_stage_review_is_the_contents_date(fixture_content) -> None:
    assert fixture_content.reviewed == max(s.reviewed for s in fixture_content.stage_order)


def refused(root: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return caught.value


def expect(root: Path, file: str, key: str, words: str) -> None:
    """The file is refused, and one of its problems is at `key` and says `words`."""
    error = refused(root)
    assert error.file == f"content/{file}", str(error)
    assert [p for p in error.problems if p.key == key and words in p.text], str(error)


def test_every_problem_in_a_file_is_reported_in_one_line(edit_fixture) -> None:
    """Four faults in one file: four problems, each at its key, on one line."""

    def four_faults(stage: dict) -> None:
        stage.pop("summary")
        stage["colour"] = "red"
        stage["title"].pop("en")
        stage["days"]["from"] = "ten"

    error = refused(edit_fixture("stages/middle.yaml", four_faults))
    assert {(p.key, p.text.split(" (")[0]) for p in error.problems} == {
        ("summary", "is missing"),
        ("colour", "unknown key"),
        ("title.en", "is missing"),
        ("days.from", "expected a whole number, found text"),
    }
    (line,) = str(error).splitlines()
    assert line.startswith("content/stages/middle.yaml: ") and line.count("content/") == 1


def test_error_missing_key(edit_fixture) -> None:
    root = edit_fixture("stages/middle.yaml", lambda d: d.pop("summary"))
    expect(root, "stages/middle.yaml", "summary", "is missing")


def test_error_unknown_key_names_the_keys_allowed_there(edit_fixture) -> None:
    root = edit_fixture("rules.yaml", lambda d: d["rules"][1]["points"][0].update(colour="red"))
    error = refused(root)
    assert error.key == "rules[1].points[0].colour"
    assert error.problem == "unknown key (expected one of: channel, sources, text, when)"


def test_error_missing_language(edit_fixture) -> None:
    root = edit_fixture("stages/late.yaml", lambda d: d["title"].pop("en"))
    expect(root, "stages/late.yaml", "title.en", "is missing")


def test_error_empty_text(edit_fixture) -> None:
    def blank(d: dict) -> None:
        d["happens"][0]["text"]["zh-Hans"] = "  "

    root = edit_fixture("stages/late.yaml", blank)
    expect(root, "stages/late.yaml", "happens[0].text.zh-Hans", "must not be empty")
    assert len(refused(root).problems) == 1  # not also "happens: must not be empty"


def test_error_text_that_is_not_text(edit_fixture) -> None:
    root = edit_fixture("stages/late.yaml", lambda d: d["short"].update(en=42))
    expect(root, "stages/late.yaml", "short.en", "expected text, found a number")


def test_error_gap_between_stages(edit_fixture) -> None:
    root = edit_fixture("stages/early.yaml", lambda d: d["days"].update({"to": 8}))
    expect(root, "stages/middle.yaml", "days.from", "day 9 is not covered")


def test_error_overlap_between_stages(edit_fixture) -> None:
    root = edit_fixture("stages/middle.yaml", lambda d: d["days"].update({"from": 5}))
    expect(root, "stages/middle.yaml", "days.from", "covered twice")


def test_error_range_backwards(edit_fixture) -> None:
    root = edit_fixture("stages/middle.yaml", lambda d: d["days"].update({"to": 2}))
    expect(root, "stages/middle.yaml", "days.to", "ends (2) before it starts (10)")


def test_error_last_stage_not_open_ended(edit_fixture) -> None:
    root = edit_fixture("stages/late.yaml", lambda d: d["days"].update({"to": 90}))
    expect(root, "stages/late.yaml", "days.to", "must be open-ended")


def test_error_first_stage_not_day_zero(edit_fixture) -> None:
    root = edit_fixture("stages/early.yaml", lambda d: d["days"].update({"from": 1}))
    expect(root, "stages/early.yaml", "days.from", "day 0 is not covered")


def test_error_slug_differs_from_file_name(edit_fixture) -> None:
    root = edit_fixture("stages/middle.yaml", lambda d: d.update(slug="phone"))
    expect(root, "stages/middle.yaml", "slug", "must match the file name 'middle'")


@pytest.mark.parametrize(
    ("file", "change", "key", "words"),
    [
        (
            "stages/middle.yaml",
            lambda d: d["actions"].append("fly"),
            "actions[3]",
            "unknown action id 'fly'",
        ),
        (
            "stages/early.yaml",
            lambda d: d["rules"].append("nope"),
            "rules[1]",
            "unknown rule id 'nope'",
        ),
        (
            "actions.yaml",
            lambda d: d["actions"][2]["sources"].append("blog"),
            "actions[2].sources[1]",
            "unknown source id 'blog'",
        ),
        (
            "plan_rules.yaml",
            lambda d: d["rules"][0].update(action="fly"),
            "rules[0].action",
            "unknown action id 'fly'",
        ),
        (
            "rights.yaml",
            lambda d: d["checks"][0].update(rule="nope"),
            "checks[0].rule",
            "unknown rule id 'nope'",
        ),
    ],
)
def test_error_an_id_from_another_file_that_does_not_exist(edit_fixture, file, change, key, words):
    expect(edit_fixture(file, change), file, key, words)


def test_error_unverified_source_backs_a_claim(edit_fixture) -> None:
    """A source marked unverified cannot back anything, a help line included."""
    root = edit_fixture("help.yaml", lambda d: d["lines"][0]["sources"].insert(0, "a-rumour"))
    expect(root, "help.yaml", "lines[0].sources[0]", "'a-rumour' is UNVERIFIED")


def test_error_bad_date(edit_fixture) -> None:
    root = edit_fixture("stages/middle.yaml", lambda d: d.update(reviewed="2026-02-30"))
    expect(root, "stages/middle.yaml", "reviewed", "expected a date like 2026-11-23")


def test_error_bad_source_date(edit_fixture) -> None:
    root = edit_fixture("sources.yaml", lambda d: d["sources"][1].update(date="last spring"))
    expect(root, "sources.yaml", "sources[1].date", "expected a date like 2026")


def test_error_unknown_enum_value(edit_fixture) -> None:
    root = edit_fixture("sources.yaml", lambda d: d["sources"][0].update(force="gossip"))
    expect(root, "sources.yaml", "sources[0].force", "'gossip' is not one of: law, judicial")


def test_error_duplicate_id(edit_fixture) -> None:
    root = edit_fixture("actions.yaml", lambda d: d["actions"].append(dict(d["actions"][0])))
    expect(root, "actions.yaml", "actions[6].id", "duplicate action id 'pay-now'")


def test_error_wrong_type(edit_fixture) -> None:
    root = edit_fixture("stages/middle.yaml", lambda d: d.update(actions="keep-records"))
    expect(root, "stages/middle.yaml", "actions", "expected a list, found text")


def test_error_bad_id(edit_fixture) -> None:
    root = edit_fixture("rules.yaml", lambda d: d["rules"][0].update(id="quiet hours"))
    expect(root, "rules.yaml", "rules[0].id", "'quiet hours' is not a valid id")


def test_error_unknown_placeholder_in_an_action(edit_fixture) -> None:
    """Actions name the person's channels with {lender}, {pay} and {talk}, nothing else."""
    root = edit_fixture("actions.yaml", lambda d: d["actions"][0]["why"].update(en="Pay {fee}."))
    expect(root, "actions.yaml", "actions[0].why", "unknown placeholder {fee} (expected one of:")


def test_error_condition_on_an_answer_the_question_does_not_offer(edit_fixture) -> None:
    root = edit_fixture("plan_rules.yaml", lambda d: d["rules"][1]["when"].update(can_pay=["lots"]))
    expect(root, "plan_rules.yaml", "rules[1].when.can_pay[0]", "'lots' is not one of: all, none")


def test_error_condition_on_a_question_without_choices(edit_fixture) -> None:
    root = edit_fixture("plan_rules.yaml", lambda d: d["rules"][1]["when"].update(days=["3"]))
    expect(root, "plan_rules.yaml", "rules[1].when.days", "is not a question with choices")


def test_error_a_stage_range_no_stage_is_in(edit_fixture) -> None:
    """`from` after `before`: nothing in that range can ever apply."""

    def backwards(d: dict) -> None:
        d["rules"][2]["when"] = {"stage": {"from": "late", "before": "middle"}}

    root = edit_fixture("plan_rules.yaml", backwards)
    expect(root, "plan_rules.yaml", "rules[2].when.stage", "no stage is in this range")


def test_error_a_stage_range_names_a_stage_that_does_not_exist(edit_fixture) -> None:
    root = edit_fixture(
        "plan_rules.yaml", lambda d: d["rules"][2].update(when={"stage": {"from": "x"}})
    )
    expect(
        root, "plan_rules.yaml", "rules[2].when.stage.from", "'x' is not one of: before-due, early"
    )


def test_error_a_plan_rule_after_one_for_everyone_never_applies(edit_fixture) -> None:
    """An action appears once, at its first matching rule: a later rule for it is dead."""

    def everyone_first(d: dict) -> None:
        d["rules"].insert(0, {"action": "keep-records", "section": "week"})

    root = edit_fixture("plan_rules.yaml", everyone_first)
    expect(root, "plan_rules.yaml", "rules[5]", "never applies: rules[0] puts this action")


def test_error_a_variant_after_one_for_everyone_is_never_used(edit_fixture) -> None:
    def two_variants(d: dict) -> None:
        d["actions"][4]["variants"] = [{"when": {}, "title": {"zh-Hans": "甲", "en": "A"}}] * 2

    root = edit_fixture("actions.yaml", two_variants)
    expect(root, "actions.yaml", "actions[4].variants[1]", "variants[0] applies to everyone")


def test_error_a_due_date_counted_from_a_question_that_asks_no_date(edit_fixture) -> None:
    root = edit_fixture("plan_rules.yaml", lambda d: d["rules"][0]["due"].update(after="product"))
    expect(root, "plan_rules.yaml", "rules[0].due.after", "'product' is not a date question")


def test_error_question_missing_a_message_its_kind_needs(edit_fixture) -> None:
    root = edit_fixture("questions.yaml", lambda d: d["questions"][0]["errors"].pop("too_large"))
    expect(root, "questions.yaml", "questions[0].errors.too_large", "is missing")


def test_error_question_message_its_kind_never_shows(edit_fixture) -> None:
    root = edit_fixture(
        "questions.yaml",
        lambda d: d["questions"][4]["errors"].update(both={"zh-Hans": "甲", "en": "A"}),
    )
    expect(
        root,
        "questions.yaml",
        "questions[4].errors.both",
        "unknown key (expected one of: bad_date, future, too_old)",
    )


def test_error_a_choice_question_without_choices(edit_fixture) -> None:
    root = edit_fixture("questions.yaml", lambda d: d["questions"][1].pop("choices"))
    expect(root, "questions.yaml", "questions[1].choices", "is missing")


def test_error_the_first_question_asks_the_days(edit_fixture) -> None:
    root = edit_fixture("questions.yaml", lambda d: d["questions"].reverse())
    expect(root, "questions.yaml", "questions[0].kind", "the first question must be 'overdue'")


def test_error_ask_if_names_a_later_question(edit_fixture) -> None:
    root = edit_fixture(
        "questions.yaml", lambda d: d["questions"][1].update(ask_if={"happened": ["calls"]})
    )
    expect(root, "questions.yaml", "questions[1].ask_if.happened", "not an earlier question")


def test_error_a_product_for_no_answer_and_an_answer_without_product(edit_fixture) -> None:
    root = edit_fixture("products.yaml", lambda d: d["products"][2].update(id="mortgage"))
    error = refused(root)
    assert {(p.key, p.text) for p in error.problems} == {
        ("products[2].id", "'mortgage' is not one of: card, general, loan"),
        ("products", "missing products: loan"),
    }


def test_error_a_products_lender_type_the_rights_page_lacks(edit_fixture) -> None:
    root = edit_fixture("products.yaml", lambda d: d["products"][1].update(lender_type="pawnshop"))
    expect(
        root, "products.yaml", "products[1].lender_type", "'pawnshop' is not one of: bank, unknown"
    )


def test_error_a_contact_check_needs_a_rule_or_a_detail(edit_fixture) -> None:
    root = edit_fixture("rights.yaml", lambda d: d["checks"][0].pop("rule"))
    expect(root, "rights.yaml", "checks[0]", "needs a 'rule' or a 'detail'")


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        (
            lambda d: d["checks"][0]["verdict"].pop("detail"),
            "checks[0].verdict",
            "'no_unless' needs a 'detail' (what follows unless / but)",
        ),
        (
            lambda d: d["checks"][1].update(verdict={"kind": "maybe"}),
            "checks[1].verdict.kind",
            "'maybe' is not one of: no, no_unless, yes_but",
        ),
        (
            lambda d: d["lender_types"][0]["route"][1].update(products=["mortgage"]),
            "lender_types[0].route[1].products[0]",
            "'mortgage' is not one of: card, general, loan",
        ),
        (
            lambda d: d["checks"][1]["notes"][0]["text"].update(en="Repay through {bank}."),
            "checks[1].notes[0].text",
            "unknown placeholder {bank}",
        ),
        (lambda d: d["routes"].pop("personal_info"), "routes.personal_info", "is missing"),
    ],
)
def test_error_rights_verdicts_routes_and_product_lines(edit_fixture, change, key, words) -> None:
    expect(edit_fixture("rights.yaml", change), "rights.yaml", key, words)


def flag(index: int, **values: object) -> Callable[[dict], None]:
    return lambda doc: doc["flags"][index].update(values)


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        (flag(2, rights=["nope"]), "flags[2].rights[0]", "unknown rights check 'nope'"),
        (flag(0, finding="rules"), "flags[0]", "a 'rules' flag lists the rights checks it breaks"),
        (flag(2, not_with=["ghost"]), "flags[2].not_with[0]", "unknown flag id 'ghost'"),
        (
            flag(0, patterns=[{"all": ["pay", "elswhere"]}]),
            "flags[0].patterns[0].all[1]",
            "'elswhere' is not a word list (see 'words')",
        ),
        (
            flag(0, patterns=[{"all": ["pay", ["安全", "#phone"]]}]),
            "flags[0].patterns[0].all[1][1]",
            "a #kind is a group of its own, not a word in a list",
        ),
        (
            flag(0, patterns=[{"all": ["pay", "#fax"]}]),
            "flags[0].patterns[0].all[1]",
            "'fax' is not one of: #phone, #link",
        ),
        (
            flag(0, patterns=[{"all": ["pay", "elsewhere"], "within": 0}]),
            "flags[0].patterns[0].within",
            "must be at least 1",
        ),
        (
            lambda d: d["negations"].append("x"),
            "negations[2]",
            "'x' is too short to look for (a Chinese character, or two)",
        ),
        (lambda d: d["clause_breaks"].append("  "), "clause_breaks[2]", "must contain a word"),
        (
            lambda d: d["official_numbers"][0].update(number="call 110"),
            "official_numbers[0].number",
            "'call 110' is not a phone number",
        ),
        (lambda d: d["found"].pop("wechat"), "found.wechat", "is missing"),
        (lambda d: d["findings"]["scam"].pop("verdict"), "findings.scam.verdict", "is missing"),
        (
            lambda d: d["nothing_found"].update(verdict=d["findings"]["scam"]["verdict"]),
            "nothing_found.verdict",
            "unknown key",
        ),
        (
            lambda d: d["flags"][1]["todo"].update(en="Call {bank}."),
            "flags[1].todo",
            "unknown placeholder {bank}",
        ),
    ],
)
def test_error_in_the_message_check(edit_fixture, change, key, words) -> None:
    expect(edit_fixture("scams.yaml", change), "scams.yaml", key, words)


def test_a_bad_word_in_a_word_list_is_said_once_where_it_is_written(edit_fixture) -> None:
    """A pattern that names the list does not repeat the problem."""
    error = refused(edit_fixture("scams.yaml", lambda d: d["words"]["pay"].append("x")))
    assert [(p.key, p.text.split(" (")[0]) for p in error.problems] == [
        ("words.pay[3]", "'x' is too short to look for")
    ]


def test_words_fold_with_the_files_own_variants(edit_fixture) -> None:
    """帐 and 账 are one form after the file's `variants`, as a message is folded: a word
    written either way is one word, and a message in either form matches it."""
    from stages.scam import check_message

    root = edit_fixture("scams.yaml", lambda d: d["words"]["elsewhere"].insert(0, "个人帐户"))
    scams = load_content(root).scams
    assert "个人账户" in scams.terms and "个人帐户" not in scams.terms
    assert scams.terms["个人账户"].shown.zh_hans == "个人帐户"  # the first written
    for message in ("转到个人帐户", "转到个人账户", "轉到個人帳戶"):
        assert [m.flag.id for m in check_message(message, scams).matches] == ["personal_account"]


def test_the_first_problem_is_the_first_in_the_file(edit_yaml) -> None:
    """Problems are said in the order the file says things, not the order they are checked in:
    `words` is checked before `flags`, but edit_yaml writes keys in alphabetical order, so the
    file says the bad flag first."""

    def two_faults(doc: dict) -> None:
        doc["words"]["pay"].append("x")
        doc["flags"][3].pop("label")

    error = refused(edit_yaml("scams.yaml", two_faults))
    assert error.file == "content/scams.yaml"
    assert error.key == "flags[3].label" and error.problem == "is missing"
    assert [p.key.split("[")[0] for p in error.problems] == ["flags", "words.pay"]


def test_error_a_help_number_is_digits(edit_fixture) -> None:
    root = edit_fixture("help.yaml", lambda d: d["lines"][0].update(number="call 110"))
    expect(root, "help.yaml", "lines[0].number", "'call 110' is not a phone number")


def test_error_invalid_yaml(fixture_copy: Path) -> None:
    (fixture_copy / "rules.yaml").write_text("rules: [\n  - id: x\n", encoding="utf-8")
    error = refused(fixture_copy)
    assert error.file == "content/rules.yaml" and "not valid YAML" in error.problem


def test_error_missing_file(fixture_copy: Path) -> None:
    (fixture_copy / "help.yaml").unlink()
    expect(fixture_copy, "help.yaml", "", "file is missing")


# The budget page's words (content/budget.yaml).


def test_budget_a_letter_placeholder_the_page_cannot_fill(edit_fixture) -> None:
    def change(doc):
        doc["letter"]["paragraphs"][0]["text"]["en"] = "I am {name}."

    error = refused(edit_fixture("budget.yaml", change))
    assert error.key == "letter.paragraphs[0].text" and "{name}" in error.problem


def test_budget_an_unknown_condition_value(edit_fixture) -> None:
    root = edit_fixture(
        "budget.yaml", lambda doc: doc["script"][1].update(when={"offer": ["maybe"]})
    )
    expect(root, "budget.yaml", "script[1].when.offer[0]", "'maybe' is not one of: clear")


def test_budget_every_priority_needs_its_reason(edit_fixture) -> None:
    root = edit_fixture("budget.yaml", lambda doc: doc["priorities"].pop("judgment"))
    expect(root, "budget.yaml", "priorities.judgment", "is missing")


def test_budget_the_card_product_is_a_questionnaire_product(edit_fixture) -> None:
    root = edit_fixture("budget.yaml", lambda doc: doc.update(card_product="visa"))
    expect(root, "budget.yaml", "card_product", "'visa' is not a product choice")


def test_budget_an_unverified_source_cannot_back_a_reason(edit_fixture) -> None:
    root = edit_fixture("budget.yaml", lambda doc: doc["rest"].update(sources=["a-rumour"]))
    expect(root, "budget.yaml", "rest.sources[0]", "UNVERIFIED")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda doc: doc["limits"].update(blank_rows=4), "limits.blank_rows"),
        (lambda doc: doc["limits"].update(small_offer_percent=101), "limits.small_offer_percent"),
        (lambda doc: doc["errors"].pop("owed_zero"), "errors.owed_zero"),
        (lambda doc: doc["courts"].pop("papers"), "courts.papers"),
        (lambda doc: doc["courts"].update(maybe={"zh-Hans": "甲", "en": "A"}), "courts.maybe"),
    ],
)
def test_budget_limits_and_closed_sets(edit_fixture, change, key: str) -> None:
    assert refused(edit_fixture("budget.yaml", change)).key == key


# --- manage.py check and the garbage collector ----------------------------------------------------


def test_check_command_reports_file_and_key(edit_yaml, settings) -> None:
    """`manage.py check` fails on bad content, naming the file and the key."""
    settings.CONTENT_DIR = edit_yaml("stages/calls.yaml", lambda d: d["title"].pop("zh-Hans"))
    with pytest.raises(SystemCheckError) as caught:
        call_command("check")
    message = str(caught.value)
    assert "stages/calls.yaml" in message and "title.zh-Hans" in message


def test_loading_leaves_the_garbage_collector_as_it_was(fixture_copy: Path) -> None:
    """The loader pauses the cyclic collector while it runs, and always switches it back on."""
    assert gc.isenabled()
    load_content(fixture_copy)
    assert gc.isenabled()
    (fixture_copy / "rules.yaml").write_text("rules: [", encoding="utf-8")
    with pytest.raises(ContentError):
        load_content(fixture_copy)
    assert gc.isenabled()


# --- Any value anywhere: a ContentError, never a crash -------------------------------------------

ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
FIXTURE_FILES = sorted(str(p.relative_to(FIXTURES)) for p in FIXTURES.rglob("*.yaml"))


def replace_somewhere(data: object, draw, value: object) -> object:
    """`data` with one node, chosen by `draw`, replaced by `value`."""
    if not isinstance(data, dict | list) or not data or draw(st.booleans()):
        return value
    keys = list(data) if isinstance(data, dict) else list(range(len(data)))
    key = draw(st.sampled_from(keys))
    changed = dict(data) if isinstance(data, dict) else list(data)
    changed[key] = replace_somewhere(data[key], draw, value)
    return changed


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(FIXTURE_FILES), value=ANY_VALUE, choice=st.data())
def test_any_value_anywhere_in_a_file_is_refused_in_words_or_loads(name, value, choice) -> None:
    """Whatever an author types, loading says what is wrong (file, key, problem) or succeeds."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        shutil.copytree(FIXTURES, root)
        data = yaml.safe_load((root / name).read_text(encoding="utf-8"))
        broken = replace_somewhere(data, choice.draw, value)
        (root / name).write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
        try:
            load_content(root)
        except ContentError as error:
            assert error.problems and "\n" not in str(error)
