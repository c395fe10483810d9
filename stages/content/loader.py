"""Read content/ and validate it: each file against its model (models.py), in the order their ids
need, then the checks over the whole set. The first file with problems stops the load, with every
problem in that file (errors.py says them in the house wording)."""

from __future__ import annotations

import functools
import gc
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from stages.chinese import to_traditional
from stages.content.errors import ContentError, Problem, problems_in
from stages.content.models import (
    ActionList,
    Budget,
    Content,
    Guides,
    HelpLines,
    Known,
    Negotiation,
    OverdueStage,
    PlanRules,
    Product,
    Products,
    Questions,
    Rights,
    RuleList,
    Scams,
    SourceList,
    Stage,
    Ui,
    ZhHant,
)

# libyaml's safe loader parses ~10x faster than the pure-Python one (PyYAML's wheels ship it).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Each kind of file and its model, for the JSON Schema editors use (content/schema/).
SCHEMAS: dict[str, type[BaseModel]] = {
    "sources": SourceList,
    "questions": Questions,
    "actions": ActionList,
    "rules": RuleList,
    "stage": OverdueStage,
    "before_due": Stage,
    "plan_rules": PlanRules,
    "products": Products,
    "help": HelpLines,
    "ui": Ui,
    "guides": Guides,
    "rights": Rights,
    "scams": Scams,
    "negotiation": Negotiation,
    "budget": Budget,
    "zh_hant": ZhHant,
}


def load_content(root: Path) -> Content:
    """Read and validate every content file under root. Raises ContentError."""
    # Loading makes many long-lived objects and no garbage cycles. Left on, the cyclic collector
    # walks them again and again as they grow: paused, load time stays linear.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(Files(Path(root)))
    finally:
        if enabled:
            gc.enable()


def _load(files: Files) -> Content:
    """Each file after the files its ids name: the context `known` grows by one file at a time."""
    # The message check's fold, for scams.yaml's words (stages.scam imports the models).
    from stages.scam import fold_message

    untranslated = Known(translate=str, fold_message=fold_message)
    zh_hant = files.validate(ZhHant, "zh_hant.yaml", untranslated)
    translate = functools.partial(to_traditional, terms=zh_hant.terms, fixes=zh_hant.fixes)
    known = Known(translate=translate, fold_message=fold_message)
    known = replace(known, sources=by_id(files.validate(SourceList, "sources.yaml", known).sources))
    questions = files.validate(Questions, "questions.yaml", known).questions
    known = replace(known, questions=by_id(questions))
    stage_files = files.stage_files()
    before_due_file = files.read("before_due.yaml")
    known = replace(known, stage_order=stage_order(stage_files, before_due_file))
    known = replace(known, actions=by_id(files.validate(ActionList, "actions.yaml", known).actions))
    known = replace(known, rules=by_id(files.validate(RuleList, "rules.yaml", known).rules))
    stages = in_day_order([overdue_stage(files, name, data, known) for name, data in stage_files])
    before_due = files.validate(Stage, "before_due.yaml", known, before_due_file)
    products = files.validate(Products, "products.yaml", known).products
    known = replace(known, products=by_id(products))  # lines for some products name them
    rights = files.validate(Rights, "rights.yaml", known)
    known = replace(known, rights_checks=by_id(rights.checks))  # the message check names them
    check_lender_types(products, rights, files.name("products.yaml"))
    negotiation = files.validate(Negotiation, "negotiation.yaml", known)
    return Content(
        sources=dict(known.sources),
        actions=dict(known.actions),
        rules=dict(known.rules),
        stages=tuple(stage for stage, _ in stages),
        before_due=before_due,
        questions=questions,
        plan=files.validate(PlanRules, "plan_rules.yaml", known),
        products={product.id: product for product in products},
        help_lines=files.validate(HelpLines, "help.yaml", known).lines,
        ui=files.validate(Ui, "ui.yaml", known).ui,
        guides=files.validate(Guides, "guides.yaml", known).guides,
        rights=rights,
        scams=files.validate(Scams, "scams.yaml", known),
        scripts=negotiation.scripts,
        letter=negotiation.letter,
        budget=files.validate(Budget, "budget.yaml", known),
        reviewed=max(s.reviewed for s in (before_due, *(stage for stage, _ in stages))),
    )


class Files:
    """The files under one content root, read with libyaml and named as problems name them."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def name(self, relative: str | Path) -> str:
        path = self.root / relative
        base = self.root.parent
        return str(path.relative_to(base)) if path.is_relative_to(base) else str(path)

    def read(self, relative: str | Path) -> Any:
        name = self.name(relative)
        try:
            return yaml.load((self.root / relative).read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        except FileNotFoundError:
            raise ContentError.one(name, "", "file is missing") from None
        except UnicodeDecodeError:
            raise ContentError.one(name, "", "file is not UTF-8 text") from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark else ""
            problem = getattr(error, "problem", error)
            raise ContentError.one(name, where, f"not valid YAML: {problem}") from None
        except ValueError as error:  # a timestamp YAML recognises but Python refuses: 2026-02-30
            raise ContentError.one(name, "", f"not valid YAML: {error}") from None

    def validate[M: BaseModel](
        self, model: type[M], relative: str | Path, known: Known, data: Any = None, *, also=()
    ) -> M:
        """The file as its model, or ContentError with every problem found in it (and `also`)."""
        name = self.name(relative)
        data = self.read(relative) if data is None else data
        try:
            result = model.model_validate(data, context=known)
        except ValidationError as error:
            raise ContentError([*problems_in(error, model, name, data), *also]) from None
        if also:
            raise ContentError(also)
        return result

    def stage_files(self) -> list[tuple[str, Any]]:
        """Each overdue stage's file, read: (path under the root, data)."""
        paths = sorted((self.root / "stages").glob("*.yaml"))
        if not paths:
            raise ContentError.one(self.name("stages"), "", "no stage files found")
        return [(str(p.relative_to(self.root)), self.read(p.relative_to(self.root))) for p in paths]


def by_id(items: tuple) -> dict[str, Any]:
    return {item.id: item for item in items}


def stage_order(stage_files: list[tuple[str, Any]], before_due: Any) -> tuple[str, ...]:
    """The slugs in day order, before-due first, read before the stages are validated: other files'
    conditions name stages by this order. A file too broken to place sorts last, and its own
    validation then says what is wrong."""

    def first_day(data: Any) -> float:
        days = data.get("days") if isinstance(data, dict) else None
        start = days.get("from") if isinstance(days, dict) else None
        return start if isinstance(start, int) else float("inf")

    def slug(data: Any) -> str:
        value = data.get("slug") if isinstance(data, dict) else None
        return value.strip() if isinstance(value, str) else ""

    ordered = sorted((data for _, data in stage_files), key=first_day)
    return (slug(before_due), *(slug(data) for data in ordered))


def overdue_stage(files: Files, relative: str, data: Any, known: Known) -> tuple[OverdueStage, str]:
    """One stage file, whose slug is its file name."""
    expected = Path(relative).stem
    slug = data.get("slug") if isinstance(data, dict) else None
    also = []
    if isinstance(slug, str) and slug.strip() != expected:
        also = [
            Problem(files.name(relative), "slug", f"{slug!r} must match the file name {expected!r}")
        ]
    return files.validate(OverdueStage, relative, known, data, also=also), files.name(relative)


def in_day_order(stages: list[tuple[OverdueStage, str]]) -> list[tuple[OverdueStage, str]]:
    """Overdue stages must cover day 0 to infinity, with no gap and no overlap."""
    ordered = sorted(stages, key=lambda pair: pair[0].first_day)
    expected = 0
    for index, (stage, file) in enumerate(ordered):
        if stage.first_day != expected:
            taken = "not covered by any stage" if stage.first_day > expected else "covered twice"
            problem = f"starts at day {stage.first_day}, but day {expected} is {taken}"
            raise ContentError.one(file, "days.from", problem)
        if stage.last_day is None:
            if index < len(ordered) - 1:
                raise ContentError.one(file, "days.to", "only the last stage may be open-ended")
            return ordered
        expected = stage.last_day + 1
    last = ordered[-1][1]
    raise ContentError.one(last, "days.to", "the last stage must be open-ended (no 'to')")


def check_lender_types(products: tuple[Product, ...], rights: Rights, file: str) -> None:
    """Each product's lender type is one the rights page offers."""
    known = [t.value for t in rights.lender_types]
    problems = [
        Problem(
            file,
            f"products[{i}].lender_type",
            f"{p.lender_type!r} is not one of: {', '.join(known)}",
        )
        for i, p in enumerate(products)
        if p.lender_type not in known
    ]
    if problems:
        raise ContentError(problems)


def json_schemas() -> dict[str, str]:
    """Each kind of file's JSON Schema, as committed in content/schema/ for editors."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2)
        + "\n"
        for name, model in SCHEMAS.items()
    }
