"""Turn answers into a personal plan: the stage, the dates ahead, and what to do today, this week
and before the next stage, with background folded away as "good to know"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from stages.answers import Answers, matches
from stages.content.models import (
    Action,
    ActionText,
    Content,
    Due,
    DueKind,
    HelpLine,
    PlanRule,
    PlanSection,
    Product,
    Rule,
    Source,
    Stage,
)

WEEK_DAYS = 6  # "this week": by the sixth day from today, today included makes seven


@dataclass(frozen=True, slots=True)
class Milestone:
    """The day a later stage typically begins."""

    stage: Stage
    date: dt.date
    in_days: int


@dataclass(frozen=True, slots=True)
class Step:
    action: Action
    text: ActionText  # the words for this person: their variant, their product's channels
    due: Due | None  # a date of its own, e.g. 15 days from the day court papers came
    by: dt.date | None  # None: no date can be given (see `due` for the wording)
    # Which words these are (content ids only): the variant's index (-1: the base) and the
    # product, so the rendered words can be reused for anyone with the same ones.
    words_key: tuple[str, int, str] = ("", -1, "")


@dataclass(frozen=True, slots=True)
class Part:
    """One section of the plan: its steps and the date they are due by (None: no fixed date)."""

    section: PlanSection
    by: dt.date | None
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    today: dt.date
    days: int
    stage: Stage
    product: Product
    milestones: tuple[Milestone, ...]
    parts: tuple[Part, ...]  # today, this week, before the next stage: only those with steps
    good_to_know: tuple[Step, ...]
    rules: tuple[Rule, ...]  # the stage's rules that apply to this person
    help_lines: tuple[HelpLine, ...]  # highlighted by the answers first, then the rest
    highlighted: int  # how many of help_lines the answers called for
    calm: bool = False  # they said they cannot cope: one thing today, and a word first

    @property
    def due_date(self) -> dt.date:
        return self.today - dt.timedelta(days=self.days)

    @property
    def days_until_due(self) -> int:
        return -self.days

    @property
    def called_for(self) -> tuple[HelpLine, ...]:
        return self.help_lines[: self.highlighted]

    @property
    def next_milestone(self) -> Milestone | None:
        return self.milestones[0] if self.milestones else None

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step with a box to tick, in the order shown."""
        return tuple(step for part in self.parts for step in part.steps)

    @property
    def sources(self) -> tuple[Source, ...]:
        """What the plan cites, in order, without repeats."""
        seen: dict[str, Source] = {}
        for step in (*self.steps, *self.good_to_know):
            for source in step.text.sources:
                seen.setdefault(source.id, source)
        for rule in self.rules:
            for source in rule.sources:
                seen.setdefault(source.id, source)
        for line in self.help_lines:
            for source in line.sources:
                seen.setdefault(source.id, source)
        return tuple(seen.values())


def milestones(content: Content, days: int, today: dt.date) -> tuple[Milestone, ...]:
    """Each later stage and the date it typically begins, counting from today."""
    later = [s for s in content.stages if s.first_day is not None and s.first_day > days]
    return tuple(
        Milestone(
            stage=s, date=today + dt.timedelta(days=s.first_day - days), in_days=s.first_day - days
        )
        for s in later
    )


def applies(rule: PlanRule, answers: Answers) -> bool:
    return matches(rule.when, answers) and not any(
        matches(condition, answers) for condition in rule.unless
    )


def variant_index(action: Action, answers: Answers) -> int:
    """The first variant that fits this person, or -1 for the base text."""
    return next((i for i, v in enumerate(action.variants) if matches(v.when, answers)), -1)


def action_text(action: Action, answers: Answers) -> ActionText:
    """The action's words for this person: the first variant that fits, with their product's
    channels filled in (and what backs those channels cited)."""
    text = action.text(variant_index(action, answers))
    if not text.uses_product_words:
        return text
    product = answers.product
    words = product.words
    # What backs a named channel (the JD Finance app's service) is cited where a channel is named.
    names_channel = text.names_channel
    extra = tuple(s for s in product.sources if names_channel and s not in text.sources)
    return ActionText.model_construct(
        title=text.title.fill(words),
        why=text.why.fill(words),
        how=tuple(step.fill(words) for step in text.how),
        sources=text.sources + extra,
        links=text.links,
    )


def due_by(due: Due | None, *, answers: Answers) -> dt.date | None:
    if due is None:
        return None
    match due.kind:
        case DueKind.DAYS:
            return answers.today + dt.timedelta(days=due.days)
        case DueKind.FROM_ANSWER:
            start = answers.values.get(due.after)
            return start + dt.timedelta(days=due.days) if isinstance(start, dt.date) else None


def section_dates(
    today: dt.date, ahead: tuple[Milestone, ...]
) -> dict[PlanSection, dt.date | None]:
    """Today; this week; the day before the next stage typically begins (none in the last
    stage). When the next stage begins within the week, "this week" ends the day before it."""
    week = today + dt.timedelta(days=WEEK_DAYS)
    before_next = ahead[0].date - dt.timedelta(days=1) if ahead else None
    if before_next is not None:
        week = max(min(week, before_next), today)
    return {PlanSection.TODAY: today, PlanSection.WEEK: week, PlanSection.NEXT_STAGE: before_next}


def build_plan(content: Content, answers: Answers) -> Plan:
    """The plan for valid answers; needs at least the days overdue."""
    days, stage, today = answers.days, answers.stage, answers.today
    if days is None or stage is None:
        raise ValueError("a plan needs the days overdue")
    ahead = milestones(content, days, today)
    dates = section_dates(today, ahead)
    by_section = chosen_steps(content, answers)
    # Too much for one day: the rest move to the top of this week, in order. Someone who cannot
    # cope gets a shorter today.
    calm_today = content.plan.calm_today
    calm = calm_today is not None and matches(calm_today.when, answers)
    limit = calm_today.limit if calm_today and calm else content.plan.today_limit
    overflow = by_section[PlanSection.TODAY][limit:]
    by_section[PlanSection.TODAY] = by_section[PlanSection.TODAY][:limit]
    by_section[PlanSection.WEEK] = overflow + by_section[PlanSection.WEEK]
    # When "this week" already ends the day before the next stage, the two are one section.
    if dates[PlanSection.WEEK] == dates[PlanSection.NEXT_STAGE]:
        by_section[PlanSection.WEEK] += by_section.pop(PlanSection.NEXT_STAGE)

    parts = tuple(
        Part(
            section=section,
            by=dates[section],
            steps=tuple(
                step if step.by or step.due else _dated(step, dates[section]) for step in steps
            ),
        )
        for section, steps in by_section.items()
        if section is not PlanSection.GOOD_TO_KNOW and steps
    )
    called_for = [
        h for h in content.help_lines if h.highlight_when and matches(h.highlight_when, answers)
    ]
    others = [h for h in content.help_lines if h not in called_for]
    return Plan(
        today=today,
        days=days,
        stage=stage,
        product=answers.product,
        milestones=ahead,
        parts=parts,
        good_to_know=tuple(by_section[PlanSection.GOOD_TO_KNOW]),
        rules=tuple(r for r in stage.rules if matches(r.when, answers)),
        help_lines=(*called_for, *others),
        highlighted=len(called_for),
        calm=calm,
    )


def chosen_steps(content: Content, answers: Answers) -> dict[PlanSection, list[Step]]:
    """Each action once, at the first rule that applies, in its rule's section."""
    chosen: dict[str, tuple[PlanRule, Step]] = {}
    for rule in content.plan.rules:
        if rule.action.id in chosen or not applies(rule, answers):
            continue
        index = variant_index(rule.action, answers)
        step = Step(
            action=rule.action,
            text=action_text(rule.action, answers),
            due=rule.due,
            by=due_by(rule.due, answers=answers),
            words_key=(rule.action.id, index, answers.product.id),
        )
        chosen[rule.action.id] = (rule, step)
    by_section: dict[PlanSection, list[Step]] = {section: [] for section in PlanSection}
    for rule, step in chosen.values():
        by_section[rule.section].append(step)
    return by_section


def _dated(step: Step, by: dt.date | None) -> Step:
    return replace(step, by=by)
