"""WCAG 2.2 AA in a real browser: axe-core on every page in every language with JavaScript on and
off, the keyboard alone through the questionnaire, reflow at 320 px and 200% zoom, 44 px targets,
reduced motion, and the Nu Html Checker over every page."""

from __future__ import annotations

import html as html_module
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from overdue_help.production import BASE_DIR
from stages.content import get_content
from tests.pages import LANGUAGE_PREFIXES, page_paths

pytestmark = pytest.mark.browser

AXE = BASE_DIR / "node_modules/axe-core/axe.min.js"
VNU = BASE_DIR / "node_modules/vnu-jar/build/dist/vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGES = {
    f"{prefix or '/'}:{name}": prefix + path
    for prefix in LANGUAGE_PREFIXES
    for name, path in page_paths().items()
}


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v =>
                `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
        }""",
        WCAG_TAGS,
    )
    return found


@pytest.fixture(scope="module")
def js_page(browser) -> Iterator[object]:
    """One 390 px tab for every page, recording console errors (CSP violations among them)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    yield page
    context.close()


@pytest.fixture(scope="module")
def no_js_page(browser) -> Iterator[object]:
    """The pages as they render without JavaScript. axe itself needs JavaScript to run, so the
    browser keeps it on but refuses every script file of ours: nothing of the site's runs."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route(re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_axe_finds_nothing_with_javascript(js_page, server_url: str, path: str) -> None:
    js_page.console_errors.clear()
    js_page.goto(server_url + path)
    assert js_page.evaluate("document.documentElement.classList.contains('js')")
    assert axe_violations(js_page) == []
    expected = ["404 (Not Found)"] if "no-such-page" in path else []
    assert [e for e in js_page.console_errors if not any(x in e for x in expected)] == []


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_axe_finds_nothing_without_javascript(no_js_page, server_url: str, path: str) -> None:
    no_js_page.goto(server_url + path)
    assert not no_js_page.evaluate("document.documentElement.classList.contains('js')")
    assert axe_violations(no_js_page) == []


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_axe_finds_nothing_after_htmx_swaps(phone, server_url: str, prefix: str) -> None:
    """Swapped-in fragments: an error summary, the live stage preview, rights and scam results."""
    phone.goto(f"{server_url}{prefix}/check/?step=happened&days=20")
    phone.click("button[type=submit]")
    phone.wait_for_selector(".error-summary")
    assert axe_violations(phone) == []
    phone.goto(f"{server_url}{prefix}/check/")
    phone.locator("#field-days").press_sequentially("45")
    phone.wait_for_selector("#stage-preview .preview")
    assert axe_violations(phone) == []
    phone.goto(f"{server_url}{prefix}/rights/")
    phone.click("label[for=contact-threats]")
    phone.wait_for_selector('#contact-result[data-results="1"]')
    assert axe_violations(phone) == []
    phone.goto(f"{server_url}{prefix}/scam-check/")
    phone.click("form:not(.pitches) button[type=submit]")  # empty: the error summary
    phone.wait_for_selector("#scam-errors .error-summary")
    assert axe_violations(phone) == []
    phone.fill("#scam-message", "Pay the deposit to this personal account within 24 hours")
    phone.click("form:not(.pitches) button[type=submit]")
    phone.wait_for_selector("#scam-result[data-red-flags]")
    assert axe_violations(phone) == []


def test_scam_check_error_is_at_the_field_with_htmx(phone, server_url: str) -> None:
    """With JavaScript too, a refused message is marked at its field, and the mark goes away."""
    phone.goto(server_url + "/en/scam-check/")
    phone.click("form:not(.pitches) button[type=submit]")
    phone.wait_for_selector("#scam-field.field-error #scam-error")
    assert phone.get_attribute("#scam-message", "aria-invalid") == "true"
    assert phone.evaluate("document.activeElement.classList.contains('error-summary')")
    phone.fill("#scam-message", "Pay the deposit to this personal account within 24 hours")
    phone.click("form:not(.pitches) button[type=submit]")
    phone.wait_for_selector("#scam-result[data-red-flags]")
    # A selector wait, not wait_for_function: a string predicate polls through eval, which our CSP
    # rightly refuses once the first check comes back false.
    phone.wait_for_selector(".error-summary, .field-error", state="detached")
    assert phone.get_attribute("#scam-message", "aria-invalid") is None
    assert "personal account" in phone.input_value("#scam-message")


def title_of(response) -> str:
    """The <title> of a full page, as a browser shows it in the tab."""
    found = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return html_module.unescape(found.group(1))


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_htmx_swaps_retitle_the_page_as_without_javascript(
    phone, server_url: str, client: Client, prefix: str
) -> None:
    """WCAG 2.4.2: after an htmx step, or an htmx error, the tab's title is the one the same
    page has without JavaScript, "Error:" prefix included."""
    phone.goto(f"{server_url}{prefix}/check/")
    first = phone.title()
    phone.fill("#field-days", "20")
    phone.click("#question button[type=submit]")
    phone.wait_for_url(re.compile(r"step="))
    phone.wait_for_selector("#question .question-title")
    assert phone.title() != first
    path = phone.url.removeprefix(server_url)
    assert phone.title() == title_of(client.get(path))
    phone.click("#question button[type=submit]")  # nothing chosen: an error
    phone.wait_for_selector("#question .error-summary")
    step = parse_qs(urlsplit(path).query)["step"][0]
    assert phone.title() == title_of(client.get(f"{path}&from={step}"))
    assert phone.title() != title_of(client.get(path))  # it says there is an error
    phone.goto(f"{server_url}{prefix}/scam-check/")
    clean = phone.title()
    phone.click("form:not(.pitches) button[type=submit]")
    phone.wait_for_selector("#scam-errors .error-summary")
    assert phone.title() == title_of(client.post(f"{prefix}/scam-check/", {"message": ""}))
    assert phone.title() != clean
    phone.fill("#scam-message", "Pay the deposit to this personal account within 24 hours")
    phone.click("form:not(.pitches) button[type=submit]")
    phone.wait_for_selector("#scam-errors .error-summary", state="detached")
    assert phone.title() == clean


def html_errors(files: list[Path]) -> list[str]:
    """What the Nu Html Checker (vnu-jar) finds in these files: "file:line: message"."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    return [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_every_page_is_valid_html(client: Client, tmp_path: Path) -> None:
    """The Nu Html Checker (vnu-jar) finds no error in any page, error states included."""
    files = []
    extra = {
        "check_empty_choice": "/check/?step=happened&from=happened&days=20",
        "check_bad_date": "/check/?step=papers_date&from=papers_date&days=40"
        "&happened=court_papers&papers_date=2026-02-30",
    }
    for prefix in LANGUAGE_PREFIXES:
        for name, path in {**page_paths(), **extra}.items():
            file = tmp_path / f"{prefix.strip('/') or 'zh-hans'}-{name.replace(':', '-')}.html"
            file.write_bytes(client.get(prefix + path).content)
            files.append(file)
        scam = client.post(prefix + "/scam-check/", {"message": "pay a fee to a personal account"})
        file = tmp_path / f"{prefix.strip('/') or 'zh-hans'}-scam-result.html"
        file.write_bytes(scam.content)
        files.append(file)
    assert html_errors(files) == []
    assert len(files) == 3 * (len(page_paths()) + len(extra) + 1)


FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    return {
        id: el.id, tag: el.tagName, text: (el.textContent || "").trim().slice(0, 40),
        visible: outlined || style.boxShadow !== "none",
    };
}"""


def tab_to(page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until focus reaches selector; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"], f"focus is not visible on {focused}"
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def choose_and_continue(page, name: str) -> None:
    """Tab to the first choice, tick it with Space, Tab on to Continue and press Enter."""
    tab_to(page, f"input[name={name}]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")


def test_questionnaire_by_keyboard_alone(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/check/")
    tab_to(phone, "#field-days")
    phone.keyboard.type("20")
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"step=product"))
    # After the swap, focus is on the new question, not lost at the top of the page.
    assert phone.evaluate("document.activeElement.classList.contains('question-title')")
    for step in ("product", "can_pay"):
        choose_and_continue(phone, step)
        phone.wait_for_selector(f"input[name={step}]:not([type=hidden])", state="detached")
    # Continue with nothing ticked: focus moves to the error summary, which is announced.
    tab_to(phone, "button[type=submit]")
    phone.keyboard.press("Enter")
    phone.wait_for_selector(".error-summary")
    assert phone.evaluate("document.activeElement.classList.contains('error-summary')")
    assert phone.get_attribute(".error-summary", "role") == "alert"
    choose_and_continue(phone, "happened")
    phone.wait_for_url(re.compile(r"step=situation"))
    choose_and_continue(phone, "situation")
    phone.wait_for_url(re.compile(r"/en/plan/\?"))
    assert phone.locator("main").get_attribute("data-stage") == "escalation"


def test_live_regions_are_polite_and_never_take_focus(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/rights/")
    phone.focus("#contact-threats")
    phone.keyboard.press("Space")
    phone.wait_for_selector('#contact-result[data-results="1"]')
    region = phone.locator("[aria-live]:has(#contact-result)")
    assert region.get_attribute("aria-live") == "polite"
    assert phone.evaluate("document.activeElement.id") == "contact-threats"


VIEWPORTS = {
    "320px": {"viewport": {"width": 320, "height": 640}},
    # A 1280 px window zoomed to 200% lays pages out in 640 CSS pixels.
    "zoom200": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}


@pytest.mark.parametrize("size", VIEWPORTS)
def test_no_horizontal_scroll_on_any_page(browser, server_url: str, size: str) -> None:
    context = browser.new_context(**VIEWPORTS[size])
    page = context.new_page()
    wide = []
    for path in PAGES.values():
        page.goto(server_url + path)
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            wide.append(f"{path}: {scroll} > {client}")
    context.close()
    assert wide == []


SMALL_TARGETS = """() => {
    // WCAG 2.5.8 exempts a link inside a sentence; everything else must be 44 x 44 px.
    const inSentence = (el) => {
        const block = el.closest("p, li, td, dd");
        return block && block.textContent.trim().length > el.textContent.trim().length + 1;
    };
    const small = [];
    const targets = "a[href], button, input:not([type=hidden]), select, textarea, summary";
    for (const el of document.querySelectorAll(targets)) {
        if (el.matches(".skip-link") || el.closest("[hidden]")) continue;
        let box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (el.matches("a") && inSentence(el)) continue;
        if (el.matches("input[type=checkbox], input[type=radio]") && el.labels.length) {
            // The label is part of the target: tapping it ticks the box.
            const label = el.labels[0].getBoundingClientRect();
            const top = Math.min(box.top, label.top), left = Math.min(box.left, label.left);
            box = {width: Math.max(box.right, label.right) - left,
                   height: Math.max(box.bottom, label.bottom) - top};
        }
        if (box.width < 44 || box.height < 44) {
            const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
            small.push(`${el.outerHTML.slice(0, 80)} ${size}`);
        }
    }
    return small;
}"""


def test_touch_targets_are_at_least_44px(js_page, server_url: str) -> None:
    small = {}
    for name, path in PAGES.items():
        js_page.goto(server_url + path)
        if found := js_page.evaluate(SMALL_TARGETS):
            small[name] = found
    assert small == {}


def test_reduced_motion_stops_all_motion(browser, server_url: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(server_url + "/en/check/")
    moving = page.evaluate(
        """() => [...document.querySelectorAll("*")].filter(el => {
            const s = getComputedStyle(el);
            return parseFloat(s.transitionDuration) > 0 || parseFloat(s.animationDuration) > 0
                || s.scrollBehavior === "smooth";
        }).map(el => el.tagName)"""
    )
    rule = page.evaluate(
        """() => [...document.styleSheets].flatMap(s => [...s.cssRules])
            .some(r => r.media && r.media.mediaText.includes("prefers-reduced-motion: reduce"))"""
    )
    context.close()
    assert moving == []
    assert rule


def test_language_switcher_keeps_the_page_and_the_answers(phone, server_url: str) -> None:
    query = "days=25&product=baitiao&can_pay=none&happened=threats&situation=illness"
    phone.goto(f"{server_url}/plan/?{query}")
    steps = phone.locator(".checklist > li").count()
    phone.click("nav.languages a[hreflang=zh-Hant]")
    assert phone.url == f"{server_url}/zh-hant/plan/?{query}"
    assert phone.locator("html").get_attribute("lang") == "zh-Hant"
    assert phone.locator(".checklist > li").count() == steps
    phone.click("nav.languages a[hreflang=en]")
    assert phone.url == f"{server_url}/en/plan/?{query}"
    assert get_content().get_stage("escalation").title.en in phone.locator("main").inner_text()
