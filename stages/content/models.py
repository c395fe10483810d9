"""What each file under content/ may say: pydantic models, one per kind of thing an author writes.

Every model refuses unknown keys and is frozen; closed sets are StrEnums. A text is {zh-Hans, en};
zh-Hant is derived with OpenCC (stages/chinese.py) unless the author wrote one. An id that names
something in another file (a source, an action, a rule, a question, a stage) is resolved through
the validation context (`Known`, filled by loader.py file by file), so a model holds the thing
itself. Rules that hold inside one file are validators here; checks over the whole set are in
loader.py, and what the code needs from the content is in stages/needs.py.
"""

import dataclasses
import datetime as dt
import functools
import string
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Annotated, Any

import ahocorasick
from django.utils.translation import get_language
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    Strict,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from stages.content.errors import type_name
from stages.questions import QuestionKind

# The product question: products.yaml has one entry per choice, and `general` for no answer.
PRODUCT_QUESTION = "product"
GENERAL_PRODUCT = "general"
# The words an action or a guide line may use for the person's product (products.yaml).
PRODUCT_WORDS = ("lender", "pay", "talk")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# ---------------------------------------------------------------------------------------------
# Problems said in our words, at the key they are about


def problem(text: str) -> PydanticCustomError:
    """A problem in the house wording (errors.py shows `text` as it is)."""
    return PydanticCustomError("content", "{problem}", {"problem": text})


def raise_problems(found: list[tuple[tuple, str]]) -> None:
    """Every problem a validator found, each at its own key path below the value it checked."""
    if found:
        details = [InitErrorDetails(type=problem(t), loc=loc, input=None) for loc, t in found]
        raise ValidationError.from_exception_data("content", details)


# ---------------------------------------------------------------------------------------------
# Closed sets


class Force(StrEnum):
    """How binding a source is. A breach of a standard or an industry rule is a complaint."""

    LAW = "law"
    JUDICIAL = "judicial_interpretation"
    REGULATION = "regulation"
    NOTICE = "notice"  # a ministry's or regulator's notice (通知, 规定): binds those it addresses
    NATIONAL_STANDARD = "national_standard"
    INDUSTRY_RULE = "industry_rule"
    OFFICIAL_NOTICE = "official_notice"
    NEWS_REPORT = "news_report"


class Verification(StrEnum):
    """The marks of shared/facts.md."""

    PRIMARY = "verified-p"
    NEWS = "verified-n"
    SECONDARY = "verified-s"
    UNVERIFIED = "unverified"


class Channel(StrEnum):
    APP_REMINDER = "app_reminder"
    SMS = "sms"
    EMAIL = "email"
    CALL = "call"
    CONTACT_CALL = "contact_call"
    HOME_VISIT = "home_visit"
    AGENCY = "agency"
    LAWYER_LETTER = "lawyer_letter"
    LAWSUIT = "lawsuit"
    CREDIT_REPORT = "credit_report"
    FEES = "fees"


class DueKind(StrEnum):
    DAYS = "days"  # N days from today
    FROM_ANSWER = "from_answer"  # N days from a date the person gave


class PlanSection(StrEnum):
    """Where a step goes on the plan, in this order. A step's date comes from its section."""

    TODAY = "today"
    WEEK = "week"  # within the next 7 days
    NEXT_STAGE = "next_stage"  # before the next stage typically begins
    GOOD_TO_KNOW = "good_to_know"  # background and don'ts: folded away, no box to tick


class Route(StrEnum):
    """Where a complaint about a contact goes."""

    LENDER = "lender"  # depends on who the lender is
    POLICE = "police"
    ANTI_FRAUD = "anti_fraud"
    CREDIT = "credit"
    PERSONAL_INFO = "personal_info"  # misuse of personal information (PIPL)


class Verdict(StrEnum):
    """The first words of an answer to "was this allowed?"."""

    NO = "no"  # 不可以
    NO_UNLESS = "no_unless"  # 一般不可以，除非…
    YES_BUT = "yes_but"  # 可以，但…


class Finding(StrEnum):
    """What a message check concludes, in the order the result shows it."""

    SCAM = "scam"  # likely a scam: pay nothing
    RULES = "rules"  # collection that breaks the rules: evidence, complaint
    VERIFY = "verify"  # claims to be a court, the police or a lawyer: check it yourself


class FoundKind(StrEnum):
    """What the message check pulls out of a message, to say what to do with each."""

    PHONE = "phone"
    LINK = "link"
    ACCOUNT = "account"  # a bank card or account number
    WECHAT = "wechat"
    QQ = "qq"
    ALIPAY = "alipay"


# ---------------------------------------------------------------------------------------------
# Values


def _id(value: Any) -> str:
    if not isinstance(value, str):
        raise problem(f"expected an id, found {type_name(value)}")
    value = value.strip()
    if not value or not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in value):
        raise problem(f"{value!r} is not a valid id (use a-z, 0-9, - and _)")
    return value


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise problem(f"expected a date like 2026-11-23, found {value!r}")


def _partial_date(value: Any) -> str:
    """A year, a year and month, or a full date; or "undated"."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    text = str(value).strip() if isinstance(value, str | int) else ""
    if text == "undated":
        return text
    for form in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(text, form)
        except ValueError:
            continue
        return text
    raise problem(f"expected a date like 2026, 2026-01 or 2026-01-30, or undated; found {value!r}")


def _web_address(value: Any) -> str:
    if not isinstance(value, str) or not value.strip().startswith(("https://", "http://")):
        raise problem(f"expected a web address, found {value!r}")
    return value.strip()


def _phone_number(value: Any) -> str:
    """Shown as it is: digits and dashes only."""
    number = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if not number or not all(ch.isdigit() or ch == "-" for ch in number):
        raise problem(f"{value!r} is not a phone number")
    return number


def _string(**schema: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", **schema})


NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Id = Annotated[str, PlainValidator(_id), _string(pattern="^[A-Za-z0-9_-]+$")]
Day = Annotated[dt.date, PlainValidator(_day), _string(format="date")]
PartialDate = Annotated[
    str, PlainValidator(_partial_date), _string(pattern=r"^\d{4}(-\d\d){0,2}$|^undated$")
]
WebAddress = Annotated[str, PlainValidator(_web_address), _string(format="uri")]
PhoneNumber = Annotated[str, PlainValidator(_phone_number), _string(pattern="^[0-9-]+$")]
Count = Annotated[int, Strict(), Field(ge=1)]
Whole = Annotated[int, Strict(), Field(ge=0)]
Flag = Annotated[bool, Strict()]


def unique(key: str, what: str) -> AfterValidator:
    """No two items of a list share `key`."""

    def check(items: tuple) -> tuple:
        seen: set = set()
        found = []
        for index, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                found.append(((index, key), f"duplicate {what} {value!r}"))
            seen.add(value)
        raise_problems(found)
        return items

    return AfterValidator(check)


def every(name: str, kinds: Mapping[str, Any], enum: type[StrEnum] | None = None) -> Any:
    """A mapping that holds every one of these keys and no other, each with its own type: a model
    for validation and the schema, handed to the code as a dict (keyed by `enum`'s members)."""
    fields = {f"key_{i}": (kind, Field(alias=key)) for i, (key, kind) in enumerate(kinds.items())}
    model = create_model(name, __base__=Model, **fields)  # type: ignore[call-overload]
    keys = [(f"key_{i}", enum(key) if enum else key) for i, key in enumerate(kinds)]
    return Annotated[model, AfterValidator(lambda m: {key: getattr(m, f) for f, key in keys})]


# ---------------------------------------------------------------------------------------------
# Text


class Text(Model):
    """One piece of text in every language. str() gives the active language's version."""

    zh_hans: NonEmpty = Field(alias="zh-Hans")
    en: NonEmpty
    zh_hant: NonEmpty = Field("", alias="zh-Hant", description="derived with OpenCC unless given")

    @model_validator(mode="before")
    @classmethod
    def _derive_traditional(cls, data: Any, info: ValidationInfo) -> Any:
        simplified = data.get("zh-Hans") if isinstance(data, dict) else None
        if isinstance(simplified, str) and simplified.strip() and "zh-Hant" not in data:
            return {**data, "zh-Hant": info.context.translate(simplified.strip())}
        return data

    @classmethod
    def of(cls, zh_hans: str, zh_hant: str, en: str) -> "Text":
        """Text made by the code (already checked words), not read from a file."""
        return cls.model_construct(zh_hans=zh_hans, zh_hant=zh_hant, en=en)

    def get(self, language: str | None) -> str:
        match (language or "zh-hans").lower():
            case "en":
                return self.en
            case "zh-hant":
                return self.zh_hant
            case _:
                return self.zh_hans

    def __str__(self) -> str:
        return self.get(get_language())

    def format(self, **values: object) -> str:
        return str(self).format(**values)

    def fill(self, values: Mapping[str, "Text"]) -> "Text":
        """Each language's text with {names} filled from the same language of `values`."""
        if not values or "{" not in self.zh_hans + self.en:
            return self
        return Text.of(
            self.zh_hans.format(**{k: v.zh_hans for k, v in values.items()}),
            self.zh_hant.format(**{k: v.zh_hant for k, v in values.items()}),
            self.en.format(**{k: v.en for k, v in values.items()}),
        )

    @property
    def placeholders(self) -> set[str]:
        """The {names} it uses, in any language."""
        return {
            name
            for text in (self.zh_hans, self.zh_hant, self.en)
            for _, name, _, _ in string.Formatter().parse(text)
            if name
        }


def placeholder_problem(text: Text, allowed: Iterable[str]) -> str | None:
    """What is wrong with a text's {placeholders}, if anything: each must be one the code fills."""
    allowed = sorted(allowed)
    for language in (text.zh_hans, text.zh_hant, text.en):
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(language)]
        except ValueError as error:
            return f"bad placeholder: {error}"
        for name in names:
            if name is not None and name not in allowed:
                expected = ", ".join("{" + a + "}" for a in allowed) or "none"
                return f"unknown placeholder {{{name}}} (expected one of: {expected})"
    return None


def only(allowed: Iterable[str]) -> AfterValidator:
    """A text whose {placeholders} are all in `allowed`."""
    allowed = frozenset(allowed)

    def check(text: Text) -> Text:
        if found := placeholder_problem(text, allowed):
            raise problem(found)
        return text

    return AfterValidator(check)


ProductText = Annotated[Text, only(PRODUCT_WORDS)]


# ---------------------------------------------------------------------------------------------
# Sources


class Source(Model):
    id: Id
    short: Text  # the name shown beside a claim
    title: Text
    publisher: Text
    url: WebAddress = ""  # left out where facts.md gives no address
    date: PartialDate  # "2025", "2025-04", "2025-04-19" or "undated", as facts.md gives it
    force: Force
    verification: Verification
    binds: Text | None = None  # who it binds, where the force's own words do not say enough
    note: Text | None = None  # shown to readers
    internal: NonEmpty = ""  # for authors only: never shown on a page

    @property
    def secondary_only(self) -> bool:
        return self.verification is Verification.SECONDARY

    @property
    def force_key(self) -> str:
        return f"force_{self.force.value}"

    @property
    def verification_key(self) -> str:
        return f"verification_{self.verification.value.replace('-', '_')}"


def _look_up(table: str, what: str) -> Callable[[Any, ValidationInfo], Any]:
    """An id from another file, resolved to the thing it names."""

    def find(value: Any, info: ValidationInfo) -> Any:
        key = _id(value)
        found = getattr(info.context, table).get(key)
        if found is None:
            raise problem(f"unknown {what} id {key!r}")
        return found

    return find


def _cited(value: Any, info: ValidationInfo) -> Source:
    """A source that backs a claim: UNVERIFIED sources never do."""
    source = _look_up("sources", "source")(value, info)
    if source.verification is Verification.UNVERIFIED:
        raise problem(f"source {source.id!r} is UNVERIFIED and cannot back a claim")
    return source


Cited = Annotated[Source, PlainValidator(_cited), _string(description="a source id (sources.yaml)")]
Sources = tuple[Cited, ...]
SomeSources = Annotated[Sources, Field(min_length=1)]


# ---------------------------------------------------------------------------------------------
# Conditions: `{question_id: [value, ...]}`, every key must match, any listed value matches. The
# key `stage` names a range of stages by their order, `{from: <slug>, before: <slug>}`, so a stage
# added later falls in the right ranges; it becomes a set of slugs.

type Condition = dict[str, frozenset[str]]


def read_condition(value: Any, known: "Known", found: list, loc: tuple = ()) -> Condition:
    if not isinstance(value, dict):
        found.append((loc, f"expected a mapping, found {type_name(value)}"))
        return {}
    result = {}
    for key, values in value.items():
        if key == "stage":
            result[key] = stage_range(values, known.stage_order, found, (*loc, key))
            continue
        question = known.questions.get(key)
        if question is None or not question.choices:
            found.append(((*loc, key), f"{key!r} is not a question with choices, nor 'stage'"))
            continue
        result[key] = choices(values, question.values, found, (*loc, key))
    return result


def choices(values: Any, known: frozenset[str], found: list, loc: tuple) -> frozenset[str]:
    """A non-empty list of answers, each one of `known`."""
    if not isinstance(values, list) or not values:
        found.append((loc, f"expected a list of choices, found {type_name(values)}"))
        return frozenset()
    for index, item in enumerate(values):
        if not isinstance(item, str) or item not in known:
            found.append(((*loc, index), f"{item!r} is not one of: {', '.join(sorted(known))}"))
    return frozenset(item for item in values if isinstance(item, str))


def stage_range(value: Any, order: tuple[str, ...], found: list, loc: tuple) -> frozenset[str]:
    if not isinstance(value, dict) or not value:
        found.append((loc, "expected 'from' and/or 'before' with a stage slug"))
        return frozenset()
    positions = {}
    for key, slug in value.items():
        if key not in ("from", "before"):
            found.append(((*loc, key), "unknown key (expected one of: before, from)"))
        elif slug not in order:
            found.append(((*loc, key), f"{slug!r} is not one of: {', '.join(order)}"))
        else:
            positions[key] = order.index(slug)
    chosen = order[positions.get("from", 0) : positions.get("before", len(order))]
    if not chosen:
        found.append((loc, "no stage is in this range, so nothing here can ever apply"))
    return frozenset(chosen)


def _when(value: Any, info: ValidationInfo) -> Condition:
    found: list = []
    condition = read_condition(value, info.context, found)
    raise_problems(found)
    return condition


def _unless(value: Any, info: ValidationInfo) -> tuple[Condition, ...]:
    """One condition, or a list of them."""
    found: list = []
    if isinstance(value, dict):
        conditions = (read_condition(value, info.context, found),)
    elif isinstance(value, list) and value:
        conditions = tuple(
            read_condition(item, info.context, found, (i,)) for i, item in enumerate(value)
        )
    else:
        raise problem(f"expected a condition or a list of them, found {type_name(value)}")
    raise_problems(found)
    return conditions


CONDITION_SCHEMA = {
    "type": "object",
    "description": "question id -> any of these answers; stage -> {from: slug, before: slug}",
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string"}, "minItems": 1},
            {
                "type": "object",
                "properties": {"from": {"type": "string"}, "before": {"type": "string"}},
                "additionalProperties": False,
            },
        ]
    },
}
When = Annotated[Condition, PlainValidator(_when), WithJsonSchema(CONDITION_SCHEMA)]
Unless = Annotated[
    tuple[Condition, ...],
    PlainValidator(_unless),
    WithJsonSchema({"anyOf": [CONDITION_SCHEMA, {"type": "array", "items": CONDITION_SCHEMA}]}),
]


# ---------------------------------------------------------------------------------------------
# Guidance: claims, actions, rules


class Claim(Model):
    """A sentence of guidance and the sources behind it. `when`: only for people it applies to."""

    text: Text
    sources: Sources = ()
    channel: Channel | None = None
    when: When = {}


class Point(Claim):
    """One point of a rule: it always names what gives it force."""

    sources: SomeSources


class Sourced(Model):
    """A fact and what backs it: a complaint route, a check's detail."""

    text: Text
    sources: SomeSources


def _product_words(items: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """Guide lines may name the person's channels, with {lender}, {pay} and {talk}."""
    found = [
        ((i, "text"), p)
        for i, c in enumerate(items)
        if (p := placeholder_problem(c.text, PRODUCT_WORDS))
    ]
    raise_problems(found)
    return items


GuideLines = Annotated[tuple[Claim, ...], AfterValidator(_product_words)]


class Section(Model):
    """A titled group of lines. A line that states a fact carries its sources."""

    title: Text
    items: Annotated[tuple[Claim, ...], Field(min_length=1), AfterValidator(_product_words)]
    when: When = {}


Steps = Annotated[tuple[ProductText, ...], Field(min_length=1)]


class ActionText(Model):
    """What a person reads for one action. Texts may name the person's product's channels with
    {lender}, {pay} and {talk}."""

    title: ProductText
    why: ProductText
    how: Steps = ()
    sources: Sources = ()
    links: tuple[Id, ...] = ()  # URL names of pages that help with this action

    @property
    def uses_product_words(self) -> bool:
        return any(text.placeholders for text in (self.title, self.why, *self.how))

    @property
    def names_channel(self) -> bool:
        """Whether it names where to pay or talk ({pay}, {talk}), not only who lends."""
        return any(
            name in ("pay", "talk")
            for text in (self.title, self.why, *self.how)
            for _, name, _, _ in string.Formatter().parse(text.zh_hans)
        )


class Variant(Model):
    """Other words for some people. It keeps whatever of the base it does not list; an empty list
    clears the base's sources or links."""

    when: When
    title: ProductText | None = None
    why: ProductText | None = None
    how: Steps | None = None
    sources: Sources | None = None
    links: tuple[Id, ...] | None = None

    def over(self, base: ActionText) -> ActionText:
        return ActionText.model_construct(
            title=self.title or base.title,
            why=self.why or base.why,
            how=base.how if self.how is None else self.how,
            sources=base.sources if self.sources is None else self.sources,
            links=base.links if self.links is None else self.links,
        )


def _first_for_everyone(items: tuple, what: str) -> tuple:
    """Nothing after an item that applies to everyone can ever be used."""
    everyone = next((i for i, item in enumerate(items) if not item.when), None)
    if everyone is not None and everyone < len(items) - 1:
        later = f"{what}[{everyone}] applies to everyone, so what follows is never used"
        raise_problems([((everyone + 1,), later)])
    return items


class Action(ActionText):
    """Something a person can do. The first variant whose `when` matches replaces the base text;
    pages that are not personal (the stage guide) show the base."""

    id: Id
    variants: Annotated[
        tuple[Variant, ...], AfterValidator(lambda v: _first_for_everyone(v, "variants"))
    ] = ()

    def text(self, variant: int) -> ActionText:
        """The words of a variant, or of the base (-1)."""
        return self if variant < 0 else self.variants[variant].over(self)


class Rule(Model):
    """A rule lenders and collectors must follow: points, each with the sources that give it
    its force."""

    id: Id
    title: Text
    points: Annotated[tuple[Point, ...], Field(min_length=1)]
    when: When = {}

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple({s.id: s for point in self.points for s in point.sources}.values())


ActionId = Annotated[
    Action, PlainValidator(_look_up("actions", "action")), _string(description="an action id")
]
RuleId = Annotated[
    Rule, PlainValidator(_look_up("rules", "rule")), _string(description="a rule id")
]


# ---------------------------------------------------------------------------------------------
# Stages


class DayRange(Model):
    first: Whole = Field(alias="from")
    last: Whole | None = Field(None, alias="to")  # none: open-ended

    @model_validator(mode="after")
    def _forwards(self) -> "DayRange":
        if self.last is not None and self.last < self.first:
            raise_problems([(("to",), f"ends ({self.last}) before it starts ({self.first})")])
        return self


class Stage(Model):
    """The stage before the due date (before_due.yaml); overdue stages add their days."""

    slug: Id
    title: Text
    short: Text
    summary: Text
    # What typically happens is this guide's pattern (the page says so); facts cite sources.
    happens: Annotated[tuple[Claim, ...], Field(min_length=1)]
    means: Annotated[tuple[Claim, ...], Field(min_length=1)]
    actions: Annotated[tuple[ActionId, ...], Field(min_length=1)]
    rules: tuple[RuleId, ...]
    sources: SomeSources
    reviewed: Day

    @property
    def first_day(self) -> int | None:
        return None  # not overdue yet

    @property
    def last_day(self) -> int | None:
        return None

    def contains(self, days: int) -> bool:
        return days < 0

    @property
    def all_sources(self) -> tuple[Source, ...]:
        """Every source the page cites, in the order first cited, without repeats."""
        claims = (*self.happens, *self.means)
        groups = [self.sources, *(c.sources for c in claims), *(a.sources for a in self.actions)]
        groups += [r.sources for r in self.rules]
        return tuple({s.id: s for group in groups for s in group}.values())


class OverdueStage(Stage):
    """One file in content/stages/: its days must join its neighbours' (loader.py checks)."""

    days: DayRange

    @property
    def first_day(self) -> int:
        return self.days.first

    @property
    def last_day(self) -> int | None:
        return self.days.last

    def contains(self, days: int) -> bool:
        return days >= self.days.first and (self.days.last is None or days <= self.days.last)


# ---------------------------------------------------------------------------------------------
# The questionnaire


class Choice(Model):
    value: Id
    label: Text
    hint: Text | None = None


class Question(Model):
    """One step of the questionnaire. Its kind says which keys and messages it needs."""

    id: Id
    kind: QuestionKind
    label: Text
    hint: Text | None = None
    choices: Annotated[tuple[Choice, ...], unique("value", "choice value")] = ()
    none_value: Id = ""  # for MULTI: the exclusive "none of these" choice
    optional: Flag = False
    max_days: Count = 0  # for OVERDUE and DATE: how far back an answer may go
    max_days_ahead: Count = 0  # for OVERDUE: how far ahead a due date may be
    date_label: Text | None = None  # for OVERDUE: the due date instead of the days
    date_hint: Text | None = None
    ask_if: dict[Id, Annotated[frozenset[Id], Field(min_length=1)]] = {}  # earlier answers
    errors: dict[str, Text]  # one message per rule the kind checks

    @model_validator(mode="after")
    def _what_the_kind_needs(self) -> "Question":
        found = [
            ((key,), "is missing" if key not in self.model_fields_set else "must not be empty")
            for key in self.kind.needs
            if not getattr(self, key)
        ]
        found += [(("errors", k), "is missing") for k in self.kind.messages if k not in self.errors]
        expected = ", ".join(sorted(self.kind.messages))
        found += [
            (("errors", key), f"unknown key (expected one of: {expected})")
            for key in self.errors
            if key not in self.kind.messages
        ]
        if self.none_value and self.none_value not in self.values:
            found.append((("none_value",), f"{self.none_value!r} is not one of the choices"))
        if self.id == "stage":
            found.append((("id",), "'stage' is reserved: conditions name the stage with it"))
        raise_problems(found)
        return self

    @property
    def values(self) -> frozenset[str]:
        return frozenset(c.value for c in self.choices)

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    @property
    def fields(self) -> tuple[str, ...]:
        return self.kind.fields(self.id)

    def clean(self, raw: Mapping[str, list[str]], *, today: dt.date) -> object:
        return self.kind.clean(self, raw, today=today)


class Questions(Model):
    questions: Annotated[tuple[Question, ...], Field(min_length=1), unique("id", "question id")]

    @model_validator(mode="after")
    def _in_order(self) -> "Questions":
        """The first asks the days overdue; `ask_if` names only earlier questions."""
        found = []
        if self.questions[0].kind is not QuestionKind.OVERDUE:
            found.append((("questions", 0, "kind"), "the first question must be 'overdue'"))
        earlier: dict[str, Question] = {}
        for index, question in enumerate(self.questions):
            for key, values in question.ask_if.items():
                loc, asked = ("questions", index, "ask_if", key), earlier.get(key)
                if asked is None or not asked.choices:
                    found.append((loc, f"{key!r} is not an earlier question with choices"))
                for value in sorted(values - asked.values) if asked else ():
                    found.append(
                        (loc, f"{value!r} is not one of: {', '.join(sorted(asked.values))}")
                    )
            earlier[question.id] = question
        raise_problems(found)
        return self


# ---------------------------------------------------------------------------------------------
# The plan


def _date_question(value: Any, info: ValidationInfo) -> str:
    key = _id(value)
    question = info.context.questions.get(key)
    if question is None or question.kind is not QuestionKind.DATE:
        raise problem(f"{key!r} is not a date question")
    return key


class Due(Model):
    """A date of its own for a step: `days` from today, or from the date a question asked."""

    days: Whole
    after: Annotated[str, PlainValidator(_date_question), _string()] = ""

    @property
    def kind(self) -> DueKind:
        return DueKind.FROM_ANSWER if self.after else DueKind.DAYS


class PlanRule(Model):
    """Put an action in a section of the plan when the answers match `when` (all keys, any value)
    and none of `unless` matches."""

    action: ActionId
    section: PlanSection
    when: When = {}
    unless: Unless = ()
    due: Due | None = None


class CalmToday(Model):
    """For these people, a shorter today."""

    when: When
    limit: Count


class PlanRules(Model):
    today_limit: Count  # at most this many steps today; the rest move to this week, in order
    calm_today: CalmToday | None = None
    rules: Annotated[tuple[PlanRule, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _every_rule_can_apply(self) -> "PlanRules":
        """An action appears once, at its first matching rule: none after one for everyone."""
        for_everyone: dict[str, int] = {}
        found = []
        for index, rule in enumerate(self.rules):
            first = for_everyone.get(rule.action.id)
            if first is not None:
                found.append(
                    (
                        ("rules", index),
                        f"never applies: rules[{first}] puts this action on every plan first",
                    )
                )
            elif not rule.when and not rule.unless:
                for_everyone[rule.action.id] = index
        raise_problems(found)
        return self


# ---------------------------------------------------------------------------------------------
# Products, help lines, UI text, guides


ProductWords = every("ProductWords", dict.fromkeys(PRODUCT_WORDS, Text))


class Product(Model):
    """What differs by product: the words actions use, the letter's addressee, and the lender
    type it usually has."""

    id: Id
    name: Text  # as a sentence names it: "my credit card", "我的信用卡"
    words: ProductWords
    letter_to: Text
    lender_type: Id  # a rights.yaml lender type, chosen for the person on the rights page
    sources: Sources = ()  # what backs a channel named in `words`


class Products(Model):
    products: Annotated[tuple[Product, ...], Field(min_length=1), unique("id", "product id")]

    @model_validator(mode="after")
    def _one_per_answer(self, info: ValidationInfo) -> "Products":
        """One product per choice of the product question, and `general` for no answer."""
        question = info.context.questions.get(PRODUCT_QUESTION)
        known = (question.values if question else frozenset()) | {GENERAL_PRODUCT}
        found = [
            (("products", i, "id"), f"{p.id!r} is not one of: {', '.join(sorted(known))}")
            for i, p in enumerate(self.products)
            if p.id not in known
        ]
        if missing := sorted(known - {p.id for p in self.products}):
            found.append((("products",), f"missing products: {', '.join(missing)}"))
        raise_problems(found)
        return self


class HelpLine(Model):
    id: Id
    number: PhoneNumber
    label: Text
    when: Text  # when to call it
    sources: SomeSources
    highlight_when: When = {}  # answers that put it first on a plan


class HelpLines(Model):
    lines: Annotated[tuple[HelpLine, ...], Field(min_length=1), unique("id", "help line id")]


class Ui(Model):
    ui: dict[str, Text]


class Guide(Model):
    title: Text
    intro: Text
    sections: Annotated[tuple[Section, ...], Field(min_length=1)]


class Guides(Model):
    guides: dict[Id, Guide]


# ---------------------------------------------------------------------------------------------
# Rights, scams, scripts and the letter


def _product_id(value: Any, info: ValidationInfo) -> str:
    """A products.yaml id (`general`: someone who has not said)."""
    key = _id(value)
    products = info.context.products
    if key not in products:
        raise problem(f"{key!r} is not one of: {', '.join(sorted(products))}")
    return key


ProductId = Annotated[
    str, PlainValidator(_product_id), _string(description="a product id (products.yaml)")
]


class ForProducts(Model):
    """A line for the products it names (products.yaml ids, `general` for someone who has not
    said): a card holder never reads JD lines, a JD user never reads card lines. No products:
    for everyone."""

    text: ProductText
    sources: Sources = ()
    products: frozenset[ProductId] = frozenset()

    def fits(self, product_id: str) -> bool:
        return not self.products or product_id in self.products


class LenderType(Model):
    value: Id
    label: Text
    route: Annotated[tuple[ForProducts, ...], Field(min_length=1)]  # where a complaint goes

    def route_for(self, product_id: str) -> tuple[ForProducts, ...]:
        return tuple(line for line in self.route if line.fits(product_id))


class CheckVerdict(Model):
    """Was it allowed: `detail` is what follows "unless" / "but" (after "no", an optional why)."""

    kind: Verdict
    detail: Text | None = None

    @model_validator(mode="after")
    def _says_what_follows(self) -> "CheckVerdict":
        if self.kind is not Verdict.NO and self.detail is None:
            found = f"'{self.kind.value}' needs a 'detail' (what follows unless / but)"
            raise problem(found)
        return self


class ContactCheck(Model):
    """One thing that may have happened: is it allowed, the rule, evidence, where to complain."""

    id: Id
    label: Text
    verdict: CheckVerdict
    rule: RuleId | None = None
    detail: Sourced | None = None
    notes: tuple[ForProducts, ...] = ()  # more lines for some products
    route: Route
    evidence: Annotated[tuple[Text, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _says_why(self) -> "ContactCheck":
        if self.rule is None and self.detail is None:
            raise problem("needs a 'rule' or a 'detail'")
        return self

    @property
    def verdict_key(self) -> str:
        """The ui.yaml text that opens the answer: verdict_no, verdict_no_detail ..."""
        if self.verdict.kind is Verdict.NO and self.verdict.detail is not None:
            return "verdict_no_detail"
        return f"verdict_{self.verdict.kind.value}"


Routes = every("Routes", {r.value: Sourced for r in Route if r is not Route.LENDER}, Route)


class Rights(Model):
    lender_types: Annotated[
        tuple[LenderType, ...], Field(min_length=1), unique("value", "lender type")
    ]
    routes: Routes  # where each kind of complaint goes; LENDER depends on the lender type
    checks: Annotated[tuple[ContactCheck, ...], Field(min_length=1), unique("id", "check id")]

    def check(self, check_id: str) -> ContactCheck | None:
        return next((c for c in self.checks if c.id == check_id), None)


# ---------------------------------------------------------------------------------------------
# The message check (scams.yaml). Words are looked for as a message is folded (stages/scam.py
# fold_message), and the fold depends on the file's own `variants`: Scams folds every word first
# (`Folded`), then each word validates as a Term.

# How near the words of one pattern must be, in tokens (a Chinese character or a Latin word),
# unless the pattern says otherwise.
DEFAULT_WITHIN = 12


@dataclasses.dataclass(frozen=True, slots=True)
class Folded:
    """A word as the file writes it, and folded as a message is. Made by Scams, never written."""

    words: str
    folded: str


@dataclasses.dataclass(frozen=True, slots=True)
class WordList:
    """A pattern group that names a list under `words`: its words, folded (said there if bad)."""

    name: str
    items: tuple


class Term(Model):
    """Words a pattern looks for. `folded` went through fold_message, as a message does."""

    folded: str
    shown: Text  # as the content writes it, in the page's script
    whole_word: bool  # Latin words match at word boundaries ("court" is not in "courtesy")


def _term(value: Any, info: ValidationInfo) -> Term:
    if isinstance(value, str) and value.strip().startswith("#"):
        raise problem("a #kind is a group of its own, not a word in a list")
    if not isinstance(value, Folded) or not value.words:
        found = "nothing" if isinstance(value, Folded) else type_name(value)
        raise problem(f"expected words to look for, found {found}")
    words, folded = value.words, value.folded
    if len(folded) < 2 and (folded.isascii() or not folded.isalpha()):
        raise problem(f"{words!r} is too short to look for (a Chinese character, or two)")
    whole_word = folded.isascii() and folded[0].isalnum() and folded[-1].isalnum()
    shown = Text.of(words, info.context.translate(words), words)
    return Term.model_construct(folded=folded, shown=shown, whole_word=whole_word)


TermWords = Annotated[Term, PlainValidator(_term), _string(description="words to look for")]
Terms = Annotated[tuple[TermWords, ...], Field(min_length=1)]


def _terms(items: Iterable, info: ValidationInfo) -> tuple[tuple[Term, ...], list]:
    """The good words, and a problem at each bad one."""
    terms, found = [], []
    for index, item in enumerate(items):
        try:
            terms.append(_term(item, info))
        except PydanticCustomError as error:
            found.append(((index,), error.message()))
    return tuple(terms), found


def _group(value: Any, info: ValidationInfo) -> tuple[Term, ...] | FoundKind:
    """The name of a word list, "#kind" (something found in the message), or a list of words."""
    if isinstance(value, WordList):
        return _terms(value.items, info)[0]  # a bad word is said once, at words.<name>
    if isinstance(value, list):
        if not value:
            raise problem("must not be empty")
        terms, found = _terms(value, info)
        raise_problems(found)
        return terms
    if isinstance(value, str) and value.strip().startswith("#"):
        kind = value.strip()[1:]
        if kind not in set(FoundKind):
            raise problem(f"{kind!r} is not one of: {', '.join('#' + k for k in FoundKind)}")
        return FoundKind(kind)
    if isinstance(value, str):
        raise problem(f"{value.strip()!r} is not a word list (see 'words')")
    raise problem(
        f"expected a word list's name, a #kind or a list of words, found {type_name(value)}"
    )


Group = Annotated[
    tuple[Term, ...] | FoundKind,
    PlainValidator(_group),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "description": "a list under 'words', or #kind"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ]
        }
    ),
]


class Pattern(Model):
    """A concept: one word of every group occurs, each within `within` tokens (a Chinese
    character or a Latin word) of the first. A group is words, or a kind of thing found in the
    message (a card number anywhere in it). `unless`: words that cancel it in the same sentence.
    `clause`: every word in the first word's clause, as one instruction ("不要告诉家人").
    Plain words (a word, or a list of them) are one group: any of them."""

    groups: Annotated[tuple[Group, ...], Field(alias="all", min_length=1)]
    within: Count = DEFAULT_WITHIN
    unless: tuple[TermWords, ...] = ()
    clause: bool = False

    @model_validator(mode="before")
    @classmethod
    def _plain_words(cls, data: Any) -> Any:
        if isinstance(data, Folded):
            return {"all": [[data]]}
        if isinstance(data, list):
            return {"all": [data]}
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict:
        words = {"type": "string"}
        plain = [words, {"type": "array", "items": words, "minItems": 1}]
        return {"anyOf": [*plain, handler(core_schema)]}

    @functools.cached_property
    def folded(self) -> tuple[frozenset[str] | FoundKind, ...]:
        """Each group's words by their folded form, to intersect with a message's words at once."""
        return tuple(
            g if isinstance(g, FoundKind) else frozenset(t.folded for t in g) for g in self.groups
        )


def _rights_check(value: Any, info: ValidationInfo) -> str:
    key = _id(value)
    if key not in info.context.rights_checks:
        raise problem(f"unknown rights check {key!r}")
    return key


RightsCheckId = Annotated[
    str, PlainValidator(_rights_check), _string(description="a rights.yaml check id")
]


class ScamFlag(Model):
    id: Id
    finding: Finding
    label: Text
    meaning: ProductText  # may name the person's channels: {lender}, {pay}, {talk}
    todo: ProductText
    sources: SomeSources
    patterns: Annotated[tuple[Pattern, ...], Field(min_length=1)]
    negatable: Flag = True  # "请勿向个人账户转账" is a warning, not a request
    rights: tuple[RightsCheckId, ...] = ()  # rights.yaml checks it breaks (findings of `rules`)
    not_with: tuple[Id, ...] = ()  # left out when one of these flags is found
    notes: tuple[ForProducts, ...] = ()

    @model_validator(mode="after")
    def _rules_name_their_checks(self) -> "ScamFlag":
        if (self.finding is Finding.RULES) != bool(self.rights):
            raise problem("a 'rules' flag lists the rights checks it breaks; no other does")
        return self


class FindingText(Model):
    """What the result says: in a few words, what to do first, and the facts behind it."""

    title: Text
    summary: ProductText
    points: GuideLines = ()


class VerdictText(FindingText):
    """A finding, with its words in the verdict line ("likely a scam")."""

    verdict: Text


class FoundText(Model):
    label: Text
    todo: ProductText


def _digits(value: Any) -> str:
    number = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if not number.isdigit():
        raise problem(f"{value!r} is not a phone number")
    return number


class OfficialNumber(Model):
    """A number we list ourselves (12368, 110 ...): said as what it is, not "do not call"."""

    number: Annotated[str, PlainValidator(_digits), _string(pattern="^[0-9]+$")]
    text: Text
    sources: SomeSources


class Pitch(Model):
    id: Id
    label: Text
    text: Text


def _by_number(numbers: tuple[OfficialNumber, ...]) -> dict[str, OfficialNumber]:
    return {n.number: n for n in numbers}


def _clause_break(value: Any) -> str:
    """Kept as written: a leading or trailing space is the point of " and "."""
    if not isinstance(value, Folded):
        raise problem(f"expected text, found {type_name(value)}")
    if not value.folded.strip():
        raise problem("a clause break must contain a word")
    return value.folded


def folded_variants(
    variants: Any, fold_message: Callable[[str, Mapping[str, str]], str]
) -> dict[str, str]:
    """Forms folded together after Traditional -> Simplified, keyed as a message is folded and
    longest first, so 视讯会议 is folded before 视讯. Only the well-formed ones."""
    if not isinstance(variants, dict):
        return {}
    pairs = [
        (fold_message(key, {}), value.strip())
        for key, value in variants.items()
        if isinstance(key, str) and key.strip() and isinstance(value, str) and value.strip()
    ]
    return dict(sorted(pairs, key=lambda pair: -len(pair[0])))


class Scams(Model):
    max_length: Annotated[int, Strict(), Field(ge=100)]
    # Folded after Traditional -> Simplified: forms OpenCC keeps apart, and Taiwan words.
    variants: dict[NonEmpty, NonEmpty]
    negations: Terms  # words that make the rest of a clause a warning
    clause_breaks: tuple[Annotated[str, PlainValidator(_clause_break), _string()], ...]
    words: dict[Id, Terms]  # word lists that patterns name
    findings: every("Findings", dict.fromkeys(Finding, VerdictText), Finding)
    nothing_found: FindingText
    limits: ProductText  # what the check cannot do, always shown with a result
    flags: Annotated[tuple[ScamFlag, ...], Field(min_length=1), unique("id", "flag id")]
    found: every("FoundTexts", dict.fromkeys(FoundKind, FoundText), FoundKind)
    official_numbers: Annotated[
        tuple[OfficialNumber, ...],
        unique("number", "official number"),
        AfterValidator(_by_number),
    ]
    pitches: Annotated[tuple[Pitch, ...], Field(min_length=1), unique("id", "pitch id")]
    _terms: dict[str, Term] = PrivateAttr(default_factory=dict)
    _automaton: Any = PrivateAttr(None)

    @model_validator(mode="before")
    @classmethod
    def _fold_words(cls, data: Any, info: ValidationInfo) -> Any:
        """Every word to look for, folded with this file's variants (Folded)."""
        if not isinstance(data, dict):
            return data
        fold = info.context.fold_message
        variants = folded_variants(data.get("variants"), fold)
        raw_lists = data.get("words") if isinstance(data.get("words"), dict) else {}

        def word(value: Any, *, kinds_apart: bool = False) -> Any:
            if not isinstance(value, str) or (kinds_apart and value.strip().startswith("#")):
                return value
            return Folded(value.strip(), fold(value.strip(), variants))

        def words(value: Any, *, kinds_apart: bool = False) -> Any:
            if not isinstance(value, list):
                return value
            return [word(item, kinds_apart=kinds_apart) for item in value]

        def group(value: Any) -> Any:
            if isinstance(value, str) and value.strip() in raw_lists:
                items = words(raw_lists[value.strip()])
                return WordList(value.strip(), tuple(items) if isinstance(items, list) else ())
            return words(value, kinds_apart=True)

        def pattern(value: Any) -> Any:
            if isinstance(value, str):
                return word(value)
            if not isinstance(value, dict):
                return words(value)
            value = dict(value)
            if isinstance(value.get("all"), list):
                value["all"] = [group(g) for g in value["all"]]
            if "unless" in value:
                value["unless"] = words(value["unless"])
            return value

        def flag(value: Any) -> Any:
            if not isinstance(value, dict) or not isinstance(value.get("patterns"), list):
                return value
            return {**value, "patterns": [pattern(p) for p in value["patterns"]]}

        data = dict(data)
        if "negations" in data:
            data["negations"] = words(data["negations"])
        if isinstance(data.get("clause_breaks"), list):
            data["clause_breaks"] = [
                Folded(b, fold(b, variants)) if isinstance(b, str) else b
                for b in data["clause_breaks"]
            ]
        if raw_lists:
            data["words"] = {name: words(items) for name, items in raw_lists.items()}
        if isinstance(data.get("flags"), list):
            data["flags"] = [flag(f) for f in data["flags"]]
        return data

    @field_validator("variants", mode="after")
    @classmethod
    def _variants_folded(cls, variants: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        return folded_variants(variants, info.context.fold_message)

    @model_validator(mode="after")
    def _index_words(self) -> "Scams":
        """Flags set aside by others name flags that exist; every word and clause break, found in
        one pass over a message (an Aho-Corasick automaton)."""
        known = {f.id for f in self.flags}
        raise_problems(
            [
                (("flags", i, "not_with", j), f"unknown flag id {other!r}")
                for i, flag in enumerate(self.flags)
                for j, other in enumerate(flag.not_with)
                if other not in known
            ]
        )
        # One Term per folded form, the first written, in the order the file says them.
        groups = [self.negations, *self.words.values()]
        for flag in self.flags:
            for pattern in flag.patterns:
                groups += [g for g in pattern.groups if not isinstance(g, FoundKind)]
                groups.append(pattern.unless)
        for group in groups:
            for term in group:
                self._terms.setdefault(term.folded, term)
        automaton = ahocorasick.Automaton()
        for folded in (*self._terms, *self.clause_breaks):
            automaton.add_word(folded, folded)
        automaton.make_automaton()
        self._automaton = automaton
        return self

    @property
    def terms(self) -> dict[str, Term]:
        """Every word the check looks for, by its folded form."""
        return self._terms

    @property
    def automaton(self) -> Any:
        """Every word above and every clause break (ahocorasick.Automaton)."""
        return self._automaton

    def flag(self, flag_id: str) -> ScamFlag | None:
        return next((f for f in self.flags if f.id == flag_id), None)


class Paragraph(Model):
    text: Text
    when: When = {}


class Letter(Model):
    """The repayment-request letter. Its {placeholders} are the ones stages/letter.py fills."""

    subject: Text
    paragraphs: Annotated[tuple[Paragraph, ...], Field(min_length=1)]


class Negotiation(Model):
    scripts: Annotated[tuple[Section, ...], Field(min_length=1)]
    letter: Letter


class ZhHant(Model):
    """zh_hant.yaml: OpenCC's result, mended for our domain terms."""

    terms: dict[str, NonEmpty]  # the Simplified term -> the Traditional form we show
    fixes: dict[str, NonEmpty] = {}  # what OpenCC misreads in context, mended after conversion


# ---------------------------------------------------------------------------------------------
# The budget page (/budget/, content/budget.yaml)


class Period(StrEnum):
    """How often an amount comes or goes; stages/budget.py converts a week to a month."""

    MONTH = "month"
    WEEK = "week"


class Court(StrEnum):
    """Court papers for one debt: none, papers with a deadline running, or a judgment or award."""

    NONE = "none"
    PAPERS = "papers"
    JUDGMENT = "judgment"


class Priority(StrEnum):
    """Why a debt is dealt with first. The members are in order: most urgent first."""

    COURT_PAPERS = "court_papers"
    JUDGMENT = "judgment"
    LARGE_CARD = "large_card"


class BudgetFlag(StrEnum):
    LONG_CARD_PLAN = "long_card_plan"  # a credit-card plan longer than the 5-year limit
    SMALL_OFFER = "small_offer"  # small, but still worth offering in writing


class Offer(StrEnum):
    """What the budget leaves for the debts."""

    PAY = "pay"  # a monthly amount, split across the debts
    NOTHING = "nothing"  # zero or less: the can't-pay-now path
    CLEAR = "clear"  # enough to clear every debt at once


# Conditions a budget letter paragraph or script line may name, and their values. `product` takes
# the questionnaire's product choices.
BUDGET_CONDITIONS: dict[str, frozenset[str]] = {
    "offer": frozenset(Offer),
    "court": frozenset(Court),
    "several": frozenset({"yes", "no"}),
    "long_plan": frozenset({"yes", "no"}),
    "overdue": frozenset({"yes", "no"}),
}
# Placeholders the budget's letter and scripts may use; stages/budget.py fills every one.
BUDGET_LETTER_FIELDS = frozenset(
    {"product", "owed", "offer", "months", "days", "count", "available"}
    | {"today", "reply_by", "first_payment", "contact_again"}
)
# Placeholders a flag's text may use: the offer, the months it takes, the plan limit in months,
# and the monthly amount that would clear the debt within that limit.
BUDGET_FLAG_FIELDS = frozenset({"offer", "months", "limit", "needed"})
# Error messages, each with the placeholders it may use.
BUDGET_ERRORS: dict[str, frozenset[str]] = {
    "amount_not_a_number": frozenset({"label"}),
    "amount_negative": frozenset({"label"}),
    "amount_too_large": frozenset({"label", "max"}),
    "period_invalid": frozenset({"label"}),
    "income_empty": frozenset(),
    "spending_empty": frozenset(),
    "debts_empty": frozenset(),
    "too_many_debts": frozenset({"max"}),
    "name_too_long": frozenset({"n", "max"}),
    "product_empty": frozenset({"n"}),
    "product_invalid": frozenset({"n"}),
    "owed_empty": frozenset({"n"}),
    "owed_zero": frozenset({"n"}),
    "days_not_a_number": frozenset({"n"}),
    "days_negative": frozenset({"n"}),
    "days_too_large": frozenset({"n"}),
    "court_invalid": frozenset({"n"}),
}
# The fields of one debt, in the order they are asked.
DEBT_FIELDS = ("name", "product", "owed", "asked", "days", "court")


def _product_choice(value: Any, info: ValidationInfo) -> str:
    key = _id(value)
    question = info.context.questions.get(PRODUCT_QUESTION)
    if question is None or key not in question.values:
        raise problem(f"{key!r} is not a product choice")
    return key


def _budget_when(value: Any, info: ValidationInfo) -> Condition:
    """Facts about one debt's offer (BUDGET_CONDITIONS), or its product."""
    question = info.context.questions.get(PRODUCT_QUESTION)
    known = {**BUDGET_CONDITIONS, "product": question.values if question else frozenset()}
    if not isinstance(value, dict):
        raise problem(f"expected a mapping, found {type_name(value)}")
    found: list = []
    result = {}
    for key, values in value.items():
        if key in known:
            result[key] = choices(values, known[key], found, (key,))
        else:
            found.append(((key,), f"{key!r} is not one of: {', '.join(sorted(known))}"))
    raise_problems(found)
    return result


class BudgetLine(Model):
    """An income source or a spending category."""

    id: Id
    label: Text
    hint: Text | None = None


class DebtField(Model):
    label: Text
    short: Text  # its name inside a sentence ("amount owed")
    hint: Text | None = None


class Reason(Model):
    """A titled explanation: why a debt comes first. `sources` only where the text states a fact."""

    title: Text
    text: Annotated[Text, only(())]
    sources: Sources = ()


class FlagReason(Reason):
    """What a flag on an offer means; the text may name the offer and its months."""

    text: Annotated[Text, only(BUDGET_FLAG_FIELDS)]


LetterText = Annotated[Text, only(BUDGET_LETTER_FIELDS)]


class BudgetParagraph(Model):
    text: LetterText
    when: Annotated[Condition, PlainValidator(_budget_when), WithJsonSchema(CONDITION_SCHEMA)] = {}


class BudgetLetter(Model):
    subject: LetterText
    paragraphs: Annotated[tuple[BudgetParagraph, ...], Field(min_length=1)]


class Limits(Model):
    debts: Count
    amount_yuan: Count  # for any one amount typed
    name_length: Count  # characters in a debt's short name
    blank_rows: Count  # debt rows on a fresh form
    plan_months: Count  # the longest credit-card plan (Art. 70: 5 years)
    card_principal_yuan: Count  # the malicious-overdraft threshold, §6
    small_offer_yuan: Count  # an offer under this a month is flagged as small...
    small_offer_percent: Annotated[int, Strict(), Field(ge=1, le=100)]  # ...or under this share

    @model_validator(mode="after")
    def _rows_fit(self) -> "Limits":
        if self.blank_rows > self.debts:
            raise_problems([(("blank_rows",), f"must be at most limits.debts ({self.debts})")])
        return self


BudgetLines = Annotated[tuple[BudgetLine, ...], Field(min_length=1), unique("id", "line id")]


class Budget(Model):
    reviewed: Day
    card_product: Annotated[str, PlainValidator(_product_choice), _string()]  # a bank credit card
    limits: Limits
    periods: every("Periods", dict.fromkeys(Period, Text), Period)
    income: BudgetLines
    spending: BudgetLines
    debt_fields: every("DebtFields", dict.fromkeys(DEBT_FIELDS, DebtField))
    courts: every("Courts", dict.fromkeys(Court, Text), Court)
    errors: every("BudgetErrors", {k: Annotated[Text, only(v)] for k, v in BUDGET_ERRORS.items()})
    words: dict[str, Text]
    priorities: every("Priorities", dict.fromkeys(Priority, Reason), Priority)
    rest: Reason
    flags: every("BudgetFlags", dict.fromkeys(BudgetFlag, FlagReason), BudgetFlag)
    notes: Annotated[tuple[Claim, ...], Field(min_length=1)]  # shown beside any offer
    cannot_pay: Annotated[tuple[Claim, ...], Field(min_length=1)]
    letter: BudgetLetter
    script: Annotated[tuple[BudgetParagraph, ...], Field(min_length=1)]

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source the page can cite, in the order first cited, without repeats."""
        reasons = (*self.priorities.values(), self.rest, *self.flags.values())
        groups = [r.sources for r in reasons] + [c.sources for c in (*self.notes, *self.cannot_pay)]
        return tuple({s.id: s for group in groups for s in group}.values())


# ---------------------------------------------------------------------------------------------
# Files that are lists of one kind of thing


class SourceList(Model):
    sources: Annotated[tuple[Source, ...], Field(min_length=1), unique("id", "source id")]


class ActionList(Model):
    actions: Annotated[tuple[Action, ...], Field(min_length=1), unique("id", "action id")]


class RuleList(Model):
    rules: Annotated[tuple[Rule, ...], Field(min_length=1), unique("id", "rule id")]


# ---------------------------------------------------------------------------------------------
# The whole set, and what validation may refer to


@dataclasses.dataclass(frozen=True)
class Known:
    """The validation context: what files read so far define, for ids in the next ones."""

    translate: Callable[[str], str]  # Simplified -> Traditional, with our term table
    fold_message: Callable[[str, Mapping[str, str]], str]  # stages/scam.py: as a message is
    stage_order: tuple[str, ...] = ()  # slugs: the before-due stage, then the overdue stages
    sources: Mapping[str, Source] = dataclasses.field(default_factory=dict)
    questions: Mapping[str, Question] = dataclasses.field(default_factory=dict)
    actions: Mapping[str, Action] = dataclasses.field(default_factory=dict)
    rules: Mapping[str, Rule] = dataclasses.field(default_factory=dict)
    products: Mapping[str, Product] = dataclasses.field(default_factory=dict)
    rights_checks: Mapping[str, ContactCheck] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Content:
    sources: dict[str, Source]
    actions: dict[str, Action]
    rules: dict[str, Rule]
    stages: tuple[OverdueStage, ...]  # in day order
    before_due: Stage
    questions: tuple[Question, ...]
    plan: PlanRules
    products: dict[str, Product]  # by product answer; "general" when it is not answered
    help_lines: tuple[HelpLine, ...]
    ui: dict[str, Text]
    guides: dict[str, Guide]
    rights: Rights
    scams: Scams
    scripts: tuple[Section, ...]
    letter: Letter
    budget: Budget
    reviewed: dt.date  # the latest stage review

    def stage_for_days(self, days: int) -> Stage:
        if days < 0:
            return self.before_due
        return next(stage for stage in self.stages if stage.contains(days))

    def get_stage(self, slug: str) -> Stage | None:
        return next((s for s in self.stage_order if s.slug == slug), None)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def product(self, answer: str) -> Product:
        """The product the person named, or the general wording when they did not."""
        return self.products.get(answer) or self.products[GENERAL_PRODUCT]

    @property
    def stage_order(self) -> tuple[Stage, ...]:
        return (self.before_due, *self.stages)
