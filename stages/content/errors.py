"""Bad content, said in the house wording: the file, the key path and what is wrong.

pydantic reports every problem in a file at once; `problems_in` turns its reports into ours, so an
author reads "title.en: is missing", never "Field required"."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError


class Problem(NamedTuple):
    file: str
    key: str  # a key path: "rules[0].when.happened[1]"; "" for the file as a whole
    text: str


class ContentError(Exception):
    """One or more problems, said in one line: start-up prints it as it is."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        self.file, self.key, self.problem = self.problems[0]
        parts, file = [], None
        for problem in self.problems:
            said = f"{problem.key or '(top level)'}: {problem.text}"
            parts.append(said if problem.file == file else f"{problem.file}: {said}")
            file = problem.file
        super().__init__(" ".join("; ".join(parts).split()))  # one line, whatever a value held

    @classmethod
    def one(cls, file: str, key: str, text: str) -> ContentError:
        return cls([Problem(file, key, text)])


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number"}
    return names.get(type(value), type(value).__name__)


def key_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part != "[key]":  # a dict key that is itself wrong: the path already names it
            path += f".{part}" if path else str(part)
    return path


def problems_in(
    error: ValidationError, model: type[BaseModel], file: str, data: Any
) -> list[Problem]:
    """Every problem pydantic found, in our words, in the order the file says things. A list
    whose only item is wrong is not also said to be empty."""
    errors = error.errors()
    below = {e["loc"][:n] for e in errors for n in range(len(e["loc"]))}
    errors = [e for e in errors if not (e["type"] == "too_short" and e["loc"] in below)]
    errors.sort(key=lambda e: place_in(data, e["loc"]))
    return [Problem(file, key_path(e["loc"]), describe(e, model)) for e in errors]


def place_in(data: Any, loc: tuple) -> list[int]:
    """Where a key path points in the data, as positions: sorts problems top to bottom."""
    place = []
    for part in loc:
        keys = (
            list(data)
            if isinstance(data, dict)
            else list(range(len(data)))
            if isinstance(data, list)
            else []
        )
        place.append(keys.index(part) if part in keys else len(keys))
        data = data[part] if part in keys else None
    return place


def describe(error: Any, model: type[BaseModel]) -> str:
    """pydantic's report of one problem, in our words."""
    value, ctx = error.get("input"), error.get("ctx") or {}
    match error["type"]:
        case "content":  # our own validators' words (models.py)
            return ctx["problem"]
        case "missing":
            return "is missing"
        case "extra_forbidden":
            expected = ", ".join(sorted(keys_at(model, error["loc"][:-1])))
            return f"unknown key (expected one of: {expected})"
        case "string_type":
            return f"expected text, found {type_name(value)}"
        case "string_too_short" | "too_short":
            return "must not be empty"
        case "int_type" | "int_parsing" | "int_from_float":
            return f"expected a whole number, found {type_name(value)}"
        case "greater_than_equal":
            return f"must be at least {ctx['ge']}, found {value}"
        case "less_than_equal":
            return f"must be at most {ctx['le']}, found {value}"
        case "bool_type" | "bool_parsing":
            return f"expected true or false, found {type_name(value)}"
        case "list_type" | "tuple_type" | "set_type" | "frozen_set_type":
            return f"expected a list, found {type_name(value)}"
        case "dict_type" | "model_type" | "model_attributes_type":
            return f"expected a mapping, found {type_name(value)}"
        case "enum":
            options = re.findall(r"'([^']*)'", ctx["expected"])
            return f"{value!r} is not one of: {', '.join(options)}"
    return error["msg"]  # a problem no content has had yet: pydantic's own words


def keys_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the model allows at a place in a file: for "unknown key (expected one of: ...)"."""
    kind: Any = model
    for part in loc:
        kind = _inner(kind)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            fields = {field.alias or name: field for name, field in kind.model_fields.items()}
            kind = fields[part].annotation if part in fields else None
        elif typing.get_origin(kind) in (tuple, list, frozenset, dict):
            kind = typing.get_args(kind)[-1 if typing.get_origin(kind) is dict else 0]
    kind = _inner(kind)
    if not (isinstance(kind, type) and issubclass(kind, BaseModel)):
        return []
    return [field.alias or name for name, field in kind.model_fields.items()]


def _inner(kind: Any) -> Any:
    """Annotated[X, ...] and X | None are X."""
    while True:
        if typing.get_origin(kind) is typing.Annotated:
            kind = typing.get_args(kind)[0]
        elif typing.get_origin(kind) in (typing.Union, types.UnionType):
            kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
        else:
            return kind
