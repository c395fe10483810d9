"""One visit to every page in every language (tests/pages.py), and every rule each page keeps,
checked on that one response: it answers in its language; it sends the security headers and puts
this response's nonce on every script; nothing of it is kept (no-store, no cookie); every text is
in the page's language, and a Traditional page has no Simplified-only character; stage days come
with their caveat; no author's note shows; a quick exit is there; nothing loads from another site.

A page, stage or question added to the site is in the sweep without a test edit (tests/pages.py
builds the list from the URL patterns and the content). Below the sweep, each check is shown
failing on a page made to break it, so none of them passes for want of looking."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.http import HttpResponse

from stages.content import get_content
from stages.templatetags.overdue import HAN_RUN
from tests.pages import (
    ENGLISH_MARK,
    ENGLISH_PHRASE,
    LANGUAGE_PREFIXES,
    page_paths,
    simplified_only,
    texts_in,
)

ATTRIBUTE = {"zh-Hans": "zh_hans", "zh-Hant": "zh_hant", "en": "en"}


@dataclass
class Page:
    lang: str  # zh-Hans, zh-Hant or en
    name: str  # as tests/pages.py names it
    status: int
    headers: dict[str, str]
    html: str

    @classmethod
    def of(cls, response: HttpResponse, lang: str, name: str) -> Page:
        headers = {k.lower(): v for k, v in response.headers.items()}
        if response.cookies:
            headers["set-cookie"] = str(response.cookies)
        return cls(lang, name, response.status_code, headers, response.content.decode())

    @property
    def main_text(self) -> str:
        start, end = self.html.find("<main"), self.html.find("</main>")
        return html.unescape(re.sub(r"<[^>]+>", " ", self.html[start:end]))


type Check = Callable[[Page], list[str]]


def answers_in_its_language(page: Page) -> list[str]:
    """200 (404 for the missing page), with <html lang> the language of its address."""
    expected = 404 if page.name == "not_found" else 200
    problems = [f"status {page.status}"] if page.status != expected else []
    if f'<html lang="{page.lang}">' not in page.html:
        problems.append("<html lang> is not the page's language")
    return problems


def sends_the_security_headers(page: Page) -> list[str]:
    """A strict CSP (no unsafe-inline, no unsafe-eval, nothing framed), nosniff, no referrer."""
    policy = page.headers.get("content-security-policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    wanted = {
        "no unsafe-inline": "'unsafe-inline'" not in policy,
        "no unsafe-eval": "'unsafe-eval'" not in policy,
        "default-src 'self'": directives.get("default-src") == ["'self'"],
        "frame-ancestors 'none'": directives.get("frame-ancestors") == ["'none'"],
        "object-src and base-uri 'none'": directives.get("object-src")
        == directives.get("base-uri")
        == ["'none'"],
        "nosniff": page.headers.get("x-content-type-options") == "nosniff",
        "no-referrer": page.headers.get("referrer-policy") == "no-referrer",
        "same-origin opener": page.headers.get("cross-origin-opener-policy") == "same-origin",
        "no camera, no location": {"camera=()", "geolocation=()"}
        <= set(page.headers.get("permissions-policy", "").replace(",", " ").split()),
    }
    return [name for name, ok in wanted.items() if not ok]


def scripts_carry_this_responses_nonce(page: Page) -> list[str]:
    """Every inline script has the nonce of the CSP sent with it; no inline handler or style
    (the CSP would block them)."""
    found = re.search(r"'nonce-([^']+)'", page.headers.get("content-security-policy", ""))
    nonce = found.group(1) if found else None
    scripts = re.findall(r"<script\b[^>]*>", page.html)
    problems = [] if scripts else ["no script at all"]
    problems += [tag for tag in scripts if f'nonce="{nonce}"' not in tag and " src=" not in tag]
    if re.search(r"<[^>]+\son[a-z]+=", page.html):
        problems.append("an inline event handler")
    if re.search(r"<[^>]+\sstyle=", page.html):
        problems.append("an inline style")
    return problems


def keeps_nothing(page: Page) -> list[str]:
    """Pages carry answers: no browser, back-forward cache or proxy may keep one; no cookie."""
    problems = [] if page.headers.get("cache-control") == "no-store" else ["not no-store"]
    return problems + (["sets a cookie"] if "set-cookie" in page.headers else [])


def is_in_one_language(page: Page) -> list[str]:
    """Every text read or heard is in the page's language, except what carries its own lang."""
    texts = texts_in(page.html, page.lang)
    if len(texts) <= 10:
        return ["the page's own text was not found under its lang"]
    if page.lang == "en":
        return [f"Chinese in English: {t}" for t in texts if HAN_RUN.search(t)]
    problems = [f"English words: {t}" for t in texts if re.search(ENGLISH_PHRASE, t)]
    problems += [f"English punctuation: {t}" for t in texts if re.search(ENGLISH_MARK, t)]
    if page.lang == "zh-Hant":
        found = sorted({ch for ch in "".join(texts) if ch in simplified_only()})
        problems += [f"Simplified-only characters: {''.join(found)}"] if found else []
    return problems


def stage_days_come_with_their_caveat(page: Page) -> list[str]:
    """Wherever a stage's days show, the page says they are this guide's pattern, not law."""
    content = get_content()
    language = ATTRIBUTE[page.lang]
    text = page.main_text
    titles = [getattr(stage.title, language) for stage in content.stages]
    note = getattr(content.ui["stage_pattern_note"], language)
    return (
        ["stage days without the caveat"]
        if any(t in text for t in titles) and note not in text
        else []
    )


def shows_no_note_for_authors(page: Page) -> list[str]:
    """A source's `internal` note is for authors only."""
    notes = [s.internal for s in get_content().sources.values() if s.internal]
    notes += ["待与官方原文核对", "发布前须核实"]
    return [f"an author's note: {note[:30]}" for note in notes if note in page.html]


def has_a_quick_exit(page: Page) -> list[str]:
    """One tap leaves for an ordinary site, with no referrer."""
    exit_link = r'<a class="quick-exit" href="https://[^"]+" rel="noreferrer" data-quick-exit>'
    return [] if re.search(exit_link, page.html) else ["no quick exit"]


def loads_nothing_from_other_sites(page: Page) -> list[str]:
    """No CDN, fonts, analytics or embeds: src= and stylesheets point at our own server."""
    found = re.findall(r'\bsrc="(?:https?:)?//[^"]*"', page.html)
    found += re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="(?:https?:)?//[^"]*"', page.html)
    return found


CHECKS: list[Check] = [
    answers_in_its_language,
    sends_the_security_headers,
    scripts_carry_this_responses_nonce,
    keeps_nothing,
    is_in_one_language,
    stage_days_come_with_their_caveat,
    shows_no_note_for_authors,
    has_a_quick_exit,
    loads_nothing_from_other_sites,
]
PAGES = {
    f"{prefix or '/'}:{name}": (prefix, name, path)
    for prefix in LANGUAGE_PREFIXES
    for name, path in page_paths().items()
}


@pytest.mark.parametrize(("prefix", "name", "path"), PAGES.values(), ids=PAGES.keys())
def test_every_page_keeps_every_rule(client, prefix: str, name: str, path: str) -> None:
    page = Page.of(client.get(prefix + path), LANGUAGE_PREFIXES[prefix], name)
    broken = {check.__name__: found for check in CHECKS if (found := check(page))}
    assert broken == {}


# --- Each check fails on a page made to break it ----------------------------------------------


def good_page(lang: str = "en", body: str = "") -> Page:
    """A page that keeps every rule, from a real response, and `body` put into its <main>."""
    from django.test import Client

    prefix = {v: k for k, v in LANGUAGE_PREFIXES.items()}[lang]
    page = Page.of(Client().get(prefix + "/stages/"), lang, "stage_list")
    page.html = page.html.replace("</main>", f"{body}</main>", 1)
    return page


def test_the_good_page_passes_every_check() -> None:
    page = good_page()
    assert {check.__name__: check(page) for check in CHECKS if check(page)} == {}


def drop_quick_exit(page: Page) -> None:
    page.html = page.html.replace("quick-exit", "exit")


BROKEN = {
    "server error": (answers_in_its_language, "en", "", lambda p: setattr(p, "status", 500)),
    "wrong lang": (answers_in_its_language, "en", "", lambda p: setattr(p, "lang", "zh-Hans")),
    "referrer": (sends_the_security_headers, "en", "", lambda p: p.headers.pop("referrer-policy")),
    "no nonce": (scripts_carry_this_responses_nonce, "en", "<script>alert(1)</script>", None),
    "inline style": (scripts_carry_this_responses_nonce, "en", '<p style="color: red">x</p>', None),
    "cached": (keeps_nothing, "en", "", lambda p: p.headers.update({"cache-control": "max-age=6"})),
    "cookie": (keeps_nothing, "en", "", lambda p: p.headers.update({"set-cookie": "a=b"})),
    "Chinese in en": (is_in_one_language, "en", "<p>还款计划</p>", None),
    "English words": (is_in_one_language, "zh-Hans", "<p>逾期 see the plan</p>", None),
    "English colon": (is_in_one_language, "zh-Hans", "<p>来源: 条例</p>", None),
    "Simplified in zh-Hant": (is_in_one_language, "zh-Hant", "<p>还款</p>", None),
    "author's note": (shows_no_note_for_authors, "en", "<p>发布前须核实</p>", None),
    "no quick exit": (has_a_quick_exit, "en", "", drop_quick_exit),
    "a CDN": (
        loads_nothing_from_other_sites,
        "en",
        '<img src="https://cdn.test/x.png" alt="">',
        None,
    ),
}


@pytest.mark.parametrize(("check", "lang", "body", "change"), BROKEN.values(), ids=BROKEN.keys())
def test_each_check_finds_what_it_looks_for(check: Check, lang, body, change) -> None:
    page = good_page(lang, body)
    if change:
        change(page)
    assert check(page)


def test_the_caveat_check_finds_stage_days_without_it() -> None:
    stage = get_content().stages[0]
    page = good_page("en", f"<p>{stage.title.en}</p>")
    note = get_content().ui["stage_pattern_note"].en
    page.html = page.html.replace(html.escape(note), "").replace(note, "")
    assert stage_days_come_with_their_caveat(page)


@pytest.mark.parametrize(
    "right",
    ["加入日历（.ics）", "来源：条例", "期限（第15天）", "打12368核实。", "12月5日（周六）"],
)
def test_chinese_punctuation_is_not_taken_for_english(right: str) -> None:
    assert not re.search(ENGLISH_MARK, right)


@pytest.mark.parametrize(
    "wrong",
    ["来源: 条例", ". 只应向债务人催收", "不在夜间打电话.", "期限 (第15天)", "“安全账户”、 “注销”"]
    + [": 有人", '说"注销"'],
)
def test_english_punctuation_in_chinese_is_found(wrong: str) -> None:
    assert re.search(ENGLISH_MARK, wrong)


def test_text_in_another_lang_attribute_is_not_the_pages() -> None:
    page = '<html lang="en"><p>Overdue</p><p>还款计划</p><a lang="zh-Hans">简体中文</a></html>'
    assert texts_in(page, "en") == ["Overdue", "还款计划"]


# --- A stage or a question added to the content is swept with no test edit --------------------


@pytest.fixture
def swap_content(settings):
    """Serve another content directory for one test, with every per-process cache of content
    emptied before and after (fragments, citations, help numbers)."""
    from stages import fragments
    from stages.templatetags import overdue

    def clear() -> None:
        get_content.cache_clear()
        fragments._rendered.clear()
        overdue._cite.cache_clear()
        overdue.help_numbers.cache_clear()

    def swap(root) -> None:
        settings.CONTENT_DIR = root
        clear()

    yield swap
    clear()


def test_a_new_stage_and_a_new_question_are_swept_without_a_test_edit(
    client, edit_yaml, swap_content
) -> None:
    """The last stage split in two (a new file, and its neighbour's range) and a single-choice
    question added with a rule that uses it: the page list takes both, and they keep every rule."""
    last = get_content().stages[-1]
    text = {"zh-Hans": "你现在有工作吗？", "en": "Are you working at the moment?"}

    def split(stage: dict) -> None:
        stage["days"] = {"from": last.first_day, "to": last.first_day + 59}

    def later(stage: dict) -> None:
        stage.update(slug="later", days={"from": last.first_day + 60})
        stage["title"] = {"zh-Hans": "两个月以后", "en": "Two months on"}

    def question(questions: dict) -> None:
        choices = [
            {"value": v, "label": {"zh-Hans": z, "en": e}}
            for v, z, e in (("yes", "有", "Yes"), ("no", "没有", "No"))
        ]
        errors = {
            code: {"zh-Hans": "请选择一项", "en": "Select one"} for code in ("empty", "invalid")
        }
        new = {
            "id": "working",
            "kind": "single",
            "label": text,
            "choices": choices,
            "errors": errors,
        }
        questions["questions"].insert(2, new)

    def rule(plan: dict) -> None:
        plan["rules"].append(
            {"action": plan["rules"][-1]["action"], "section": "week", "when": {"working": ["no"]}}
        )

    root = edit_yaml(f"stages/{last.slug}.yaml", split)
    copy = (root / f"stages/{last.slug}.yaml").read_text(encoding="utf-8")
    (root / "stages/later.yaml").write_text(copy, encoding="utf-8")
    edit_yaml("stages/later.yaml", later)
    edit_yaml("questions.yaml", question)
    swap_content(edit_yaml("plan_rules.yaml", rule))
    pages = page_paths()
    assert {"stage_detail:later", "check:working"} <= set(pages)
    for prefix, lang in LANGUAGE_PREFIXES.items():
        for name in ("stage_detail:later", "check:working", "plan", "home"):
            page = Page.of(client.get(prefix + pages[name]), lang, name)
            assert {check.__name__: found for check in CHECKS if (found := check(page))} == {}
    assert text["en"] in client.get("/en" + pages["check:working"]).content.decode()
