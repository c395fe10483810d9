"""Turn answers into a personal plan: the stage, the dates ahead, and an ordered checklist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stages.answers import Answers, matches
from stages.content import Action, Content, Due, DueKind, HelpLine, Source, Stage


@dataclass(frozen=True, slots=True)
class Milestone:
    """The day a later stage typically begins."""

    stage: Stage
    date: dt.date
    in_days: int


@dataclass(frozen=True, slots=True)
class Step:
    action: Action
    urgent: bool
    due: Due | None
    by: dt.date | None  # None: no date can be given (see `due` for the wording)


@dataclass(frozen=True, slots=True)
class Plan:
    today: dt.date
    days: int
    stage: Stage
    milestones: tuple[Milestone, ...]
    steps: tuple[Step, ...]
    help_lines: tuple[HelpLine, ...]  # highlighted by the answers first, then the rest
    highlighted: int  # how many of help_lines the answers called for

    @property
    def due_date(self) -> dt.date:
        return self.today - dt.timedelta(days=self.days)

    @property
    def days_until_due(self) -> int:
        return -self.days

    @property
    def sources(self) -> tuple[Source, ...]:
        """The stage's sources, then those of the checklist, without repeats."""
        seen = {s.id: s for s in self.stage.all_sources}
        for step in self.steps:
            for source in step.action.sources:
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


def due_by(
    due: Due | None, *, answers: Answers, today: dt.date, ahead: tuple[Milestone, ...]
) -> dt.date | None:
    if due is None:
        return None
    match due.kind:
        case DueKind.TODAY:
            return today
        case DueKind.DAYS:
            return today + dt.timedelta(days=due.days)
        case DueKind.NEXT_STAGE:
            # The day before the next stage begins; the last stage has none.
            return ahead[0].date - dt.timedelta(days=1) if ahead else None
        case DueKind.FROM_ANSWER:
            start = answers.values.get(due.answer)
            return start + dt.timedelta(days=due.days) if isinstance(start, dt.date) else None


def build_plan(content: Content, answers: Answers, *, today: dt.date) -> Plan:
    """The plan for valid answers; needs at least the days overdue."""
    days = answers.days
    if days is None:
        raise ValueError("a plan needs the days overdue")
    stage = content.stage_for_days(days)
    ahead = milestones(content, days, today)
    steps: dict[str, Step] = {}
    for rule in content.plan_rules:
        if rule.action.id in steps or not matches(rule.when, answers, stage.slug):
            continue
        by = due_by(rule.due, answers=answers, today=today, ahead=ahead)
        steps[rule.action.id] = Step(action=rule.action, urgent=rule.urgent, due=rule.due, by=by)
    ordered = sorted(steps.values(), key=lambda step: not step.urgent)  # stable: file order
    called_for = [
        h
        for h in content.help_lines
        if h.highlight_when and matches(h.highlight_when, answers, stage.slug)
    ]
    others = [h for h in content.help_lines if h not in called_for]
    return Plan(
        today=today,
        days=days,
        stage=stage,
        milestones=ahead,
        steps=tuple(ordered),
        help_lines=(*called_for, *others),
        highlighted=len(called_for),
    )
