"""The budget in Debian's Chromium: without JavaScript and with htmx, by keyboard, accessible
(axe-core, the Nu Html Checker), on a 320 px phone, and its statement printed on one A4 page in
each language. Figures must never reach a URL, a cookie or the browser's storage."""

from __future__ import annotations

import re
from pathlib import Path
from unicodedata import normalize

import pytest
from django.test import Client

from stages.content import get_content
from tests.pages import LANGUAGE_PREFIXES, simplified_only
from tests.pdf import glyph_outlines, han
from tests.pdf import read as read_pdf
from tests.test_accessibility import axe_violations, html_errors
from tests.test_budget import EXAMPLE, form
from tests.test_print import quoted_chinese_names

pytestmark = pytest.mark.browser

BUDGET = get_content().budget
NAMES = {"en": ["Card A", "Baitiao", "Loan app"], "zh-Hant": ["信用卡甲", "白條", "網貸"]}
NAMES["zh-Hans"] = ["信用卡甲", "白条", "网贷"]


def fill(page, data: dict) -> None:
    """Type a POST body into the form as a person would: text fields typed, menus chosen."""
    for key, value in data.items():
        selector = f"#field-{key}"
        if key.endswith(("-period", "-product", "-court")):
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


def example(lang: str) -> dict:
    return EXAMPLE | {f"debt-{n}-name": name for n, name in enumerate(NAMES[lang], start=1)}


def calculate(page) -> None:
    page.click("#budget-form > button.button[value=calculate]")


def test_without_javascript_a_post_answers_and_keeps_everything(phone_no_js, server_url) -> None:
    page = phone_no_js
    page.goto(server_url + "/en/budget/")
    fill(page, EXAMPLE | {"income-wages": "5,000 yuan?"})
    calculate(page)
    assert page.url == server_url + "/en/budget/"  # no figure in the address
    assert page.locator(".error-summary").is_visible()
    assert page.input_value("#field-income-wages") == "5,000 yuan?"  # not lost
    assert page.input_value("#field-debt-1-owed") == "6.2万"
    page.fill("#field-income-wages", "5000")
    page.click("#budget-form button[value=add]")  # a fourth row, everything kept
    assert page.locator("#field-debt-4-name").is_visible()
    assert page.input_value("#field-debt-3-name") == "Loan app"
    calculate(page)
    result = page.locator("#budget-result")
    assert result.get_attribute("data-available") == "1283"
    shares = page.locator("tr[data-share]").evaluate_all("rows => rows.map(r => r.dataset.share)")
    assert shares == ["128", "930", "225"]
    assert page.locator("[data-copy]").first.is_hidden()  # copy needs JavaScript; text is there
    assert page.context.cookies() == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_with_htmx_the_result_comes_in_place(phone, server_url: str) -> None:
    requests = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.goto(server_url + "/en/budget/")
    phone.evaluate("window.__samePage = true")  # gone if the page were reloaded
    fill(phone, example("en"))
    calculate(phone)
    phone.wait_for_selector("#budget-result[data-available='1283']")
    assert phone.evaluate("window.__samePage") is True
    assert phone.url == server_url + "/en/budget/"
    # Focus moves to the result's heading, which is announced.
    assert phone.evaluate("document.activeElement.id") == "result-title"
    # The tab's title (kept in the browser's history) never carries a figure.
    assert phone.title().startswith(BUDGET.words["title"].en) and "1,283" not in phone.title()
    # Nothing typed went into an address, a cookie or the browser's storage.
    typed = ["6.2万", "8,500", "15000", "5000"]
    assert not [url for url in requests if any(value in url for value in typed)]
    assert phone.context.cookies() == []
    stored = phone.evaluate(
        "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    )
    assert not any(value in stored for value in ["1283", "8,500", "Card A"])


def test_with_htmx_an_error_takes_focus_and_keeps_the_answers(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/budget/")
    clean_title = phone.title()
    fill(phone, EXAMPLE | {"debt-2-days": "forty"})
    calculate(phone)
    phone.wait_for_selector("#error-summary")
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    assert phone.get_attribute("#field-debt-2-days", "aria-invalid") == "true"
    assert phone.input_value("#field-debt-2-days") == "forty"
    assert phone.title() != clean_title and phone.title().startswith("Error")
    phone.click("#error-summary a")  # the summary's link goes to the field
    assert phone.evaluate("document.activeElement.id") == "field-debt-2-days"
    phone.fill("#field-debt-2-days", "40")
    calculate(phone)
    phone.wait_for_selector("#budget-result")
    assert phone.locator("#error-summary").count() == 0


def test_enter_in_a_field_works_it_out_and_add_moves_focus(phone, server_url: str) -> None:
    """Enter means "work it out", never "add" or "remove" (a hidden default button comes
    first); "add" puts focus in the new row."""
    phone.goto(server_url + "/en/budget/")
    fill(phone, EXAMPLE)
    phone.click("#budget-form button[value=add]")
    phone.wait_for_selector("#field-debt-4-name")
    assert phone.evaluate("document.activeElement.id") == "field-debt-4-name"
    phone.focus("#field-debt-1-owed")
    phone.keyboard.press("Enter")
    phone.wait_for_selector("#budget-result")
    assert phone.locator("tr[data-share]").count() == 3


def test_remove_a_debt_with_htmx(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/budget/")
    fill(phone, example("en"))
    phone.click("#debt-1 button[name=remove]")
    phone.wait_for_function("() => !document.querySelector('#field-debt-3-owed')?.value")
    assert phone.input_value("#field-debt-1-name") == "Baitiao"
    assert phone.evaluate("document.activeElement.id") == "debts-title"


def test_copy_puts_the_letter_on_the_clipboard(browser, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    page.goto(server_url + "/en/budget/")
    fill(page, example("en"))
    calculate(page)
    page.wait_for_selector("#budget-result")
    page.click("[data-copy=letter-2]")  # the first letter: debts are in the order to handle
    page.wait_for_selector("[data-copied]:not(:empty)")
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert "128 yuan a month" in copied and "court papers" in copied
    assert "<" not in copied  # plain text, ready for the app's chat


def test_the_result_reads_on_a_320px_phone(browser, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for prefix, lang in LANGUAGE_PREFIXES.items():
        page.goto(f"{server_url}{prefix}/budget/")
        fill(page, example(lang) | {"debt-1-name": "一个很长很长很长的名称也不会撑破表格"})
        calculate(page)
        page.wait_for_selector("#budget-result")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{prefix}: {width}px"
        table = page.locator(".offer-table").bounding_box()
        assert table["x"] >= 0 and table["x"] + table["width"] <= 320
    context.close()


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_axe_finds_nothing_in_results_and_errors(phone, server_url: str, prefix: str) -> None:
    lang = LANGUAGE_PREFIXES[prefix]
    phone.goto(f"{server_url}{prefix}/budget/")
    calculate(phone)  # everything empty: the errors
    phone.wait_for_selector("#error-summary")
    assert axe_violations(phone) == []
    fill(phone, example(lang))
    calculate(phone)
    phone.wait_for_selector("#budget-result")
    phone.locator("details.offer-letter").evaluate_all("ds => ds.forEach(d => d.open = true)")
    assert axe_violations(phone) == []
    phone.fill("#field-income-wages", "100")  # nothing left: the can't-pay path
    calculate(phone)
    phone.wait_for_selector("#budget-result .cannot-pay")
    assert axe_violations(phone) == []


def test_axe_finds_nothing_in_the_result_without_javascript(browser, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route(re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort())
    page = context.new_page()
    page.goto(server_url + "/budget/")
    fill(page, example("zh-Hans"))
    calculate(page)
    page.wait_for_selector("#budget-result")
    assert axe_violations(page) == []
    context.close()


def test_result_pages_are_valid_html(client: Client, tmp_path: Path) -> None:
    """The Nu Html Checker on the POST answers: result, errors, can't pay, ten debts, htmx."""
    ten = form(
        income={"wages": "9000"},
        spending={"food": "500"},
        debts=[{"product": "baitiao", "owed": str(900 + n)} for n in range(10)],
    )
    bodies = {
        "result": EXAMPLE,
        "errors": EXAMPLE | {"income-wages": "abc", "debt-1-product": ""},
        "nothing": EXAMPLE | {"income-wages": "1"},
        "ten": ten,
    }
    files = []
    for prefix in LANGUAGE_PREFIXES:
        for name, body in bodies.items():
            file = tmp_path / f"{prefix.strip('/') or 'zh-hans'}-{name}.html"
            file.write_bytes(client.post(f"{prefix}/budget/", body).content)
            files.append(file)
    assert html_errors(files) == []


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_the_statement_prints_on_one_a4_page(phone, server_url: str, prefix: str) -> None:
    """Ten debts and every line filled, in each language: one page, the screen's language, CJK
    glyphs drawn, and no name (the short names typed are not on it)."""
    lang = LANGUAGE_PREFIXES[prefix]
    names = [f"Name{n}" if lang == "en" else f"名字{n}号" for n in range(10)]
    products = [c.value for c in get_content().question("product").choices]
    data = form(
        income={line.id: ("1200", "week") for line in BUDGET.income},
        spending={line.id: "1,500" for line in BUDGET.spending},
        debts=[
            {
                "name": name,
                "product": products[n % len(products)],
                "owed": f"{(n + 1) * 12345}",
                "asked": "999",
                "days": str(n * 20),
                "court": ["none", "papers", "judgment"][n % 3],
            }
            for n, name in enumerate(names)
        ],
    )
    phone.goto(f"{server_url}{prefix}/budget/")
    for _ in range(7):  # ten rows
        phone.click("#budget-form button[value=add]")
        phone.wait_for_selector(f"#field-debt-{_ + 4}-name")
    fill(phone, data)
    calculate(phone)
    phone.wait_for_selector("#budget-result")
    pdf, text = read_pdf(phone.pdf(format="A4"))
    assert len(pdf.pages) == 1
    title = normalize(
        "NFKC", "".join(str(BUDGET.words["statement_title"].get(lang.lower())).split())
    )
    assert title in text
    assert not any(name in text for name in names)
    assert "123,450" in text  # the tenth debt's amount owed: every row is on the page
    assert BUDGET.words["letters_title"].get(lang.lower()).replace(" ", "") not in text
    if lang == "en":
        assert set(re.findall(r"[\u4e00-\u9fff]+", text)) <= quoted_chinese_names()
        return
    assert len(han(text)) > 40
    assert glyph_outlines(pdf) >= len(han(text)) * 0.8
    if lang == "zh-Hant":
        assert not set(text) & simplified_only()
