"""Answers -> a personal plan (stages/plan.py with content/plan_rules.yaml).

The first tests run the engine on the fixture content set (tests/fixtures/content/) and on plan
rules written here, so they say the rule themselves; the rest check what issues 10 and 11 ask of
the live plan: the urgent thing first, the person's own product, their situation, and nothing
frightening that does not apply."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
import yaml
from django.http import QueryDict
from django.test import Client

from stages.answers import read_answers
from stages.content import get_content, load_content
from stages.content.models import PlanSection
from stages.plan import build_plan

TODAY = dt.date(2026, 11, 23)


def plan_for(query: str, content=None):
    content = content or get_content()
    return build_plan(content, read_answers(QueryDict(query), content, today=TODAY))


def ids(steps) -> list[str]:
    return [step.action.id for step in steps]


def part(plan, section: PlanSection) -> list[str]:
    return next((ids(p.steps) for p in plan.parts if p.section is section), [])


def with_rules(fixture_copy: Path, rules: list[dict], today_limit: int = 3):
    path = fixture_copy / "plan_rules.yaml"
    path.write_text(yaml.safe_dump({"today_limit": today_limit, "rules": rules}), encoding="utf-8")
    return load_content(fixture_copy)


# --- The engine, on the fixture content and on rules written here -----------------------------


def test_today_holds_at_most_the_limit_and_the_rest_lead_the_week(fixture_copy: Path) -> None:
    actions = ["answer-papers", "pay-now", "talk-to-lender", "know-limits"]
    rules = [{"action": a, "section": "today"} for a in actions]
    rules.append({"action": "keep-records", "section": "week"})
    plan = plan_for("days=20", with_rules(fixture_copy, rules, today_limit=2))
    assert part(plan, PlanSection.TODAY) == actions[:2]
    assert part(plan, PlanSection.WEEK) == [*actions[2:], "keep-records"]


def test_someone_who_cannot_cope_gets_a_shorter_today(fixture_content) -> None:
    """calm_today: for these answers, its own limit; the rest waits in the week."""
    full = plan_for("days=40&happened=papers&can_pay=part", fixture_content)
    calm = plan_for("days=40&happened=papers&can_pay=none", fixture_content)
    assert (full.calm, part(full, PlanSection.TODAY)) == (False, ["answer-papers", "pay-now"])
    assert (calm.calm, part(calm, PlanSection.TODAY)) == (True, ["answer-papers"])
    assert part(calm, PlanSection.WEEK)[0] == "talk-to-lender"


def test_an_action_appears_once_at_its_first_matching_rule(fixture_content) -> None:
    """keep-records: this week after calls; otherwise before the next stage."""
    calls = plan_for("days=12&happened=calls", fixture_content)
    assert ids(calls.steps).count("keep-records") == 1
    assert "keep-records" in part(calls, PlanSection.WEEK)
    assert "keep-records" in part(plan_for("days=12", fixture_content), PlanSection.NEXT_STAGE)


def test_unless_keeps_a_rule_from_applying(fixture_content) -> None:
    assert "talk-to-lender" in ids(plan_for("days=12&can_pay=none", fixture_content).steps)
    assert "talk-to-lender" not in ids(plan_for("days=12&can_pay=all", fixture_content).steps)


def test_unless_as_a_list_applies_when_any_of_them_matches(fixture_content) -> None:
    def knows(query: str) -> bool:
        return "know-limits" in ids(plan_for(query, fixture_content).good_to_know)

    assert knows("days=12&can_pay=part&happened=calls")
    assert not knows("days=12&can_pay=all&happened=calls")
    assert not knows("days=12&can_pay=part&happened=none")


def test_stage_ranges_follow_stage_order(fixture_copy: Path) -> None:
    rule = {"action": "keep-records", "section": "week", "when": {"stage": {"from": "middle"}}}
    before = {"action": "plan-ahead", "section": "week", "when": {"stage": {"before": "middle"}}}
    content = with_rules(fixture_copy, [rule, before])
    assert ids(plan_for("days=9", content).steps) == ["plan-ahead"]
    assert ids(plan_for("days=10", content).steps) == ["keep-records"]
    assert ids(plan_for("days=400", content).steps) == ["keep-records"]
    assert ids(plan_for("due_date=2026-11-30", content).steps) == ["plan-ahead"]


def test_sections_are_dated_and_the_week_ends_before_the_next_stage(fixture_copy: Path) -> None:
    rules = [
        {"action": "talk-to-lender", "section": "today"},
        {"action": "keep-records", "section": "week"},
        {"action": "know-limits", "section": "next_stage"},
    ]
    content = with_rules(fixture_copy, rules)
    early = plan_for("days=0", content)  # the next stage (day 10) in 10 days: a full week first
    assert [(p.section, p.by) for p in early.parts] == [
        (PlanSection.TODAY, TODAY),
        (PlanSection.WEEK, TODAY + dt.timedelta(days=6)),
        (PlanSection.NEXT_STAGE, TODAY + dt.timedelta(days=9)),
    ]
    near = plan_for("days=7", content)  # day 10 is 3 days away: one section before it
    assert [(p.section, p.by) for p in near.parts] == [
        (PlanSection.TODAY, TODAY),
        (PlanSection.WEEK, TODAY + dt.timedelta(days=2)),
    ]
    assert ids(near.parts[1].steps) == ["keep-records", "know-limits"]
    last = plan_for("days=40", content)  # no next stage: the last section has no date
    assert [(p.section, p.by) for p in last.parts][-1] == (PlanSection.NEXT_STAGE, None)


def test_milestones_are_the_later_stages_and_when_they_typically_begin(fixture_content) -> None:
    plan = plan_for("days=5", fixture_content)
    assert [(m.stage.slug, m.in_days, m.date) for m in plan.milestones] == [
        ("middle", 5, TODAY + dt.timedelta(days=5)),
        ("late", 25, TODAY + dt.timedelta(days=25)),
    ]
    assert plan_for("days=40", fixture_content).milestones == ()


def test_good_to_know_has_no_box_to_tick(fixture_copy: Path) -> None:
    rules = [{"action": "know-limits", "section": "good_to_know"}]
    plan = plan_for("days=40", with_rules(fixture_copy, rules))
    assert not plan.steps and ids(plan.good_to_know) == ["know-limits"]


def test_a_deadline_counts_from_the_date_the_person_gave(fixture_content) -> None:
    plan = plan_for("days=40&happened=papers&papers_date=2026-11-20", fixture_content)
    papers = next(s for s in plan.steps if s.due)
    assert papers.by == dt.date(2026, 12, 5)  # 20 Nov + 15 days
    undated = next(s for s in plan_for("days=40&happened=papers", fixture_content).steps if s.due)
    assert undated.by is None  # no invented deadline


def test_the_persons_product_names_the_channels_and_cites_what_backs_them(fixture_content) -> None:
    """{lender} and {talk} become the product's words; a named channel cites its source."""
    loan = plan_for("days=12&product=loan&can_pay=none", fixture_content)
    talk = next(s.text for s in loan.steps if s.action.id == "talk-to-lender")
    assert (talk.title.en, talk.how[0].en) == (
        "Talk to the loan company",
        "Use the loan app's service.",
    )
    assert [s.id for s in talk.sources] == ["channel-source"]
    anyone = plan_for("days=12&can_pay=none", fixture_content)
    talk = next(s.text for s in anyone.steps if s.action.id == "talk-to-lender")
    assert (talk.title.en, talk.sources) == ("Talk to the lender", ())


def test_the_first_variant_that_fits_replaces_what_it_lists(fixture_content) -> None:
    def know(query: str):
        plan = plan_for(query, fixture_content)
        return next(s.text for s in plan.good_to_know if s.action.id == "know-limits")

    card, loan = (
        know("days=12&product=card&can_pay=part"),
        know("days=12&product=loan&can_pay=part"),
    )
    assert (card.title.en, card.why.en, card.sources) == ("Know the limits", "For a card.", ())
    assert (loan.why.en, [s.id for s in loan.sources]) == ("In general.", ["a-standard"])


def test_the_plan_shows_the_stages_rules_that_fit_and_help_lines_called_for(fixture_content):
    card = plan_for("days=12&product=card&can_pay=none", fixture_content)
    assert [r.id for r in card.rules] == ["quiet-hours", "card-rule"]
    assert [r.id for r in plan_for("days=12&product=loan", fixture_content).rules] == [
        "quiet-hours"
    ]
    assert ([h.id for h in card.help_lines], card.highlighted) == (["support", "police"], 1)


def test_plan_sources_cover_every_step(fixture_content) -> None:
    plan = plan_for("days=40&product=loan&happened=papers&can_pay=none", fixture_content)
    cited = {s.id for s in plan.sources}
    for step in (*plan.steps, *plan.good_to_know):
        assert {s.id for s in step.text.sources} <= cited


def test_a_split_last_stage_loses_no_plan_items(fixture_copy: Path) -> None:
    """Splitting day 30+ into 30-89 and 90+ keeps every plan the same: rules name stages by
    order, so the new stage is inside every range that reached the old one."""
    people = [
        "days=100&product=card&can_pay=none&happened=calls",
        "days=100&product=loan&can_pay=part&happened=papers",
        "days=45&can_pay=all&happened=none",
    ]
    before = {q: (ids(plan_for(q, load_content(fixture_copy)).steps)) for q in people}
    late = yaml.safe_load((fixture_copy / "stages/late.yaml").read_text(encoding="utf-8"))
    later = {**late, "slug": "later", "days": {"from": 90}}
    late["days"] = {"from": 30, "to": 89}
    for name, data in (("late", late), ("later", later)):
        (fixture_copy / f"stages/{name}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
    split = load_content(fixture_copy)
    assert [s.slug for s in split.stages][-2:] == ["late", "later"]
    for query in people:
        assert ids(plan_for(query, split).steps) == before[query], query


# --- The live plan ------------------------------------------------------------------------------

# What each product's holder must never read on a page meant for someone else.
NAMES = {
    "baitiao": ["白条", "白條", "Baitiao"],
    "jintiao": ["金条", "金條", "Jintiao"],
    "jd": ["京东", "京東", "JD "],
    "credit_card": ["信用卡", "发卡银行", "發卡銀行", "credit card", "card-issuing", "cardholder"],
}
FOREIGN = {
    "baitiao": NAMES["jintiao"] + NAMES["credit_card"],
    "jintiao": NAMES["baitiao"] + NAMES["credit_card"],
    "credit_card": NAMES["baitiao"] + NAMES["jintiao"] + NAMES["jd"],
    "other_loan": NAMES["baitiao"] + NAMES["jintiao"] + NAMES["jd"] + NAMES["credit_card"],
}
DAYS = ["-3", "3", "12", "25", "45"]  # before due, then one day in each overdue stage
SITUATION = (
    "can_pay=none&happened=calls_contacts&happened=threats&happened=fake_service&situation=income"
)


def main_text(page: str) -> str:
    main = page[page.index("<main") : page.index("</main>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/en"])
@pytest.mark.parametrize("days", DAYS)
@pytest.mark.parametrize("product", FOREIGN)
def test_no_page_shows_another_products_names(client: Client, product, days, prefix) -> None:
    answers = f"{'due_date=2026-11-26' if days == '-3' else 'days=' + days}&product={product}"
    answers += f"&{SITUATION}"
    stage = plan_for(answers).stage.slug
    pages = ["plan", "scripts", "letter", f"stages/{stage}", "family-card", "credit"]
    for name in pages:
        text = main_text(client.get(f"{prefix}/{name}/?{answers}").content.decode())
        found = [word for word in FOREIGN[product] if word in text]
        assert not found, f"{name}: {found}"


@pytest.mark.parametrize("product", FOREIGN)
def test_the_plan_names_the_persons_own_channel(client: Client, product) -> None:
    page = main_text(
        client.get(f"/en/plan/?days=12&product={product}&can_pay=part").content.decode()
    )
    own = {
        "baitiao": "JD Finance app",
        "jintiao": "JD Finance app",
        "credit_card": "your bank's official app",
        "other_loan": "named in your loan contract",
    }
    assert own[product] in page


def test_urgent_triggers_come_first_today_in_order() -> None:
    """Court papers, then safety, then a scam, then paying or talking; at most three today."""
    plan = plan_for(
        "days=40&product=jintiao&can_pay=part&happened=court_papers&happened=threats"
        "&happened=personal_account&papers_date=2026-11-20"
    )
    today = part(plan, PlanSection.TODAY)
    assert today == ["court-papers", "call-110", "no-personal-accounts"]
    assert part(plan, PlanSection.WEEK)[0] == "pay-part-today"


@pytest.mark.parametrize(
    ("happened", "first"),
    [
        ("court_papers", "court-papers"),
        ("threats", "call-110"),
        ("personal_account", "no-personal-accounts"),
        ("agency", "avoid-debt-agencies"),
        ("fake_service", "hang-up-fake-service"),
        ("case_filed", "check-court-message"),
    ],
)
def test_each_urgent_trigger_leads_today(happened: str, first: str) -> None:
    plan = plan_for(f"days=20&product=baitiao&can_pay=part&happened={happened}")
    assert part(plan, PlanSection.TODAY)[0] == first


@pytest.mark.parametrize("can_pay", ["part", "none"])
def test_before_the_due_date_nobody_is_told_they_are_overdue_or_beyond_paying(
    client: Client, can_pay: str
) -> None:
    """A card bill due in 4 days: pay by the due date or talk before it. A personal instalment
    plan is for a debt beyond what someone can pay; it is not the first step for a bill."""
    answers = f"due_date=2026-11-29&product=credit_card&can_pay={can_pay}"
    plan = plan_for(answers)
    assert "ask-for-plan" not in ids(plan.steps)
    assert "pay-before-due" in ids(plan.steps)
    for name in ("plan", "scripts", "letter"):
        text = main_text(client.get(f"/{name}/?{answers}").content.decode())
        for words in ("个性化分期", "超出了我的还款能力", "我逾期的这笔"):
            assert words not in text, (name, words)


def test_what_they_can_pay_changes_today() -> None:
    def today(can_pay: str) -> list[str]:
        return part(plan_for(f"days=12&product=credit_card&can_pay={can_pay}"), PlanSection.TODAY)

    assert today("all") == ["pay-all-today"]
    assert today("soon") == ["tell-pay-date"]  # in full, on a day they name: not "pay today"
    assert today("part") == ["pay-part-today"]
    assert today("none") == ["tell-lender-cannot-pay"]


def test_cannot_pay_gets_the_hardship_path_with_letter_and_script(client: Client) -> None:
    query = "days=12&product=baitiao&can_pay=none"
    plan = plan_for(query)
    first = plan.steps[0]
    assert first.action.id == "tell-lender-cannot-pay"
    assert {"letter", "scripts", "budget"} <= set(first.text.links)
    assert {"ask-for-plan"} <= set(ids(plan.steps))
    assert {"what-not-to-agree", "no-new-loan"} <= set(ids(plan.good_to_know))
    page = client.get(f"/plan/?{query}").content.decode()
    assert f'href="/letter/?{query.replace("&", "&amp;")}"' in page


def test_situation_changes_the_plan() -> None:
    base = "days=20&product=jintiao&can_pay=part&happened=calls_me"
    plain = set(ids(plan_for(base + "&situation=none").steps))
    income = set(ids(plan_for(base + "&situation=income").steps))
    several = set(ids(plan_for(base + "&situation=several_debts").steps))
    assert income - plain == {"proof-ready", "add-statement"}
    assert "which-debt-first" in several - plain
    overwhelmed = plan_for(base + "&situation=overwhelmed")
    assert overwhelmed.highlighted == 1 and overwhelmed.help_lines[0].number == "12356"


def test_threats_put_110_at_the_top() -> None:
    plan = plan_for("days=20&happened=threats&happened=calls_contacts")
    assert plan.help_lines[0].number == "110" and plan.highlighted == 1
    assert plan.steps[0].action.id == "call-110"
    assert {"keep-records", "protect-contacts", "complain"} <= set(ids(plan.steps))


@pytest.mark.parametrize(
    "query",
    [
        "days=3&product=baitiao&can_pay=all&happened=reminders&situation=none",
        "days=5&product=jintiao&can_pay=part&happened=reminders&situation=income",
        "days=12&product=credit_card&can_pay=none&happened=calls_me&situation=income",
        "days=20&product=other_loan&can_pay=part&happened=calls_me&happened=calls_contacts&situation=none",
        "days=45&product=jintiao&can_pay=part&happened=case_filed&situation=several_debts",
        "days=40&product=credit_card&can_pay=none&happened=calls_contacts&happened=threats"
        "&situation=overwhelmed",
    ],
)
def test_a_typical_plan_has_at_most_seven_boxes(query: str) -> None:
    assert len(plan_for(query).steps) <= 7


@pytest.mark.parametrize("product", FOREIGN)
def test_early_plans_hold_nothing_frightening(client: Client, product: str) -> None:
    """Limitation periods, malicious overdraft and debt-collection costs are for later stages."""
    for prefix, words in (("", ["诉讼时效", "恶意透支"]), ("/en", ["limitation", "malicious"])):
        page = client.get(
            f"{prefix}/plan/?days=5&product={product}&can_pay=part&happened=reminders"
        )
        text = main_text(page.content.decode())
        assert not [w for w in words if w in text]


def test_malicious_overdraft_is_explained_to_card_holders_only(client: Client) -> None:
    card = main_text(client.get("/plan/?days=45&product=credit_card&can_pay=none").content.decode())
    loan = main_text(client.get("/plan/?days=45&product=jintiao&can_pay=none").content.decode())
    assert "恶意透支" in card and "5万元" in card and "只是没按时还款，不能认定" in card
    assert "恶意透支" not in loan


def test_limitation_is_explained_at_the_legal_stage() -> None:
    plan = plan_for("days=45&product=other_loan&can_pay=part")
    assert "limitation" in ids(plan.good_to_know)


def test_no_step_is_due_as_soon_as_you_can(client: Client) -> None:
    for query in ("days=12&can_pay=none", "days=45&happened=court_papers", "days=25&can_pay=part"):
        page = client.get(f"/plan/?{query}").content.decode()
        assert "尽快" not in main_text(page)


def test_every_link_from_the_plan_keeps_the_answers(client: Client) -> None:
    query = "days=20&product=credit_card&can_pay=none&happened=calls_contacts&situation=income"
    page = client.get(f"/plan/?{query}").content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    for name in ("letter", "scripts", "rights", "log", "family-card", "stages/escalation"):
        hrefs = re.findall(rf'href="(/{name}/[^"]*)"', main)
        assert hrefs, name
        assert all(query.replace("&", "&amp;") in href for href in hrefs), name


def test_a_jail_threat_gets_the_plain_answer_today() -> None:
    loan = plan_for("days=9&product=baitiao&can_pay=part&happened=crime_threat")
    assert part(loan, PlanSection.TODAY)[0] == "not-a-crime"
    assert "不是犯罪" in loan.steps[0].text.title.zh_hans
    card = plan_for("days=47&product=credit_card&can_pay=none&happened=crime_threat")
    first = card.steps[0].text
    assert "恶意透支" in first.title.zh_hans and "5万元" in "".join(t.zh_hans for t in first.how)
    # Not said twice: the folded card note gives way to the one for today.
    assert "card-malicious-overdraft" not in ids(card.good_to_know)


def test_someone_who_cannot_cope_gets_one_thing_today_and_the_support_line_first() -> None:
    plan = plan_for(
        "days=47&product=credit_card&can_pay=none&happened=case_filed&happened=threats"
        "&situation=overwhelmed"
    )
    assert plan.calm and len(part(plan, PlanSection.TODAY)) == 1
    assert plan.help_lines[0].number == "12356"
    assert not plan_for("days=47&can_pay=none&situation=income").calm


def test_finding_the_lender_waits_unless_a_complaint_needs_it() -> None:
    quiet = plan_for("days=9&product=baitiao&can_pay=part&happened=calls_me")
    assert "find-lender" in part(quiet, PlanSection.NEXT_STAGE)
    complaining = plan_for("days=9&product=baitiao&can_pay=part&happened=calls_contacts")
    week = part(complaining, PlanSection.WEEK)
    assert week[0] == "protect-contacts" and "find-lender" in week
