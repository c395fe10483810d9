"""End-to-end in Debian's Chromium through Playwright: JavaScript on and off, and print to PDF."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from stages.content import get_content
from tests.pdf import glyph_outlines, han
from tests.pdf import read as read_pdf

pytestmark = pytest.mark.browser

WORST_CASE = (
    "/plan/?days=25&product=jintiao&can_pay=none&happened=calls_me&happened=calls_contacts"
    "&happened=home_visit&happened=case_filed&happened=court_papers&happened=threats"
    "&happened=personal_account&happened=agency&papers_date=2026-11-20"
    "&situation=income&situation=illness&situation=several_debts&situation=overwhelmed"
)


def answer_steps(page, *, days: str) -> None:
    """Fill in the questionnaire from its first step, the way a person would."""
    page.fill("#field-days", days)
    page.click("button[type=submit]")
    page.check("#field-product")  # Baitiao
    page.click("button[type=submit]")
    page.click("label[for=field-can_pay-4]")  # nothing right now
    page.click("button[type=submit]")
    page.click("label[for=field-happened-2]")  # calls to me
    page.click("button[type=submit]")
    page.click("label[for=field-situation]")  # income fell
    page.click("button[type=submit]")


def test_home_to_stage_to_plan_on_a_phone(phone, server_url: str) -> None:
    """390 px: home -> a stage page from the timeline -> the questionnaire -> the plan."""
    phone.goto(server_url + "/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.click(".timeline a[href='/stages/calls/']")
    assert phone.locator("main").get_attribute("data-stage") == "calls"
    phone.click("main a.button[href='/check/']")
    answer_steps(phone, days="12")
    phone.wait_for_url(re.compile(r"/plan/\?"))
    assert phone.locator("main").get_attribute("data-stage") == "calls"
    assert "can_pay=none" in phone.url
    assert phone.locator(".checklist > li").count() >= 5
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_questionnaire_without_javascript(phone_no_js, server_url: str) -> None:
    page = phone_no_js
    page.goto(server_url + "/en/check/")
    page.fill("#field-days", "abc")
    page.click("button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.input_value("#field-days") == "abc"
    answer_steps(page, days="３０天")
    assert "/en/plan/?" in page.url
    assert page.locator("main").get_attribute("data-stage") == "escalation"
    # Without JavaScript the print button stays hidden; the page still prints from the browser.
    assert page.locator("[data-print]").is_hidden()


def test_htmx_swaps_steps_and_keeps_the_back_button(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/check/")
    phone.fill("#field-days", "5")
    phone.click("button[type=submit]")
    phone.wait_for_url(re.compile(r"step=product"))
    assert phone.locator("#field-product").is_visible()
    phone.go_back()
    phone.wait_for_url(re.compile(r"/en/check/$"))
    phone.wait_for_selector("#field-days")


def test_typing_days_shows_the_stage_live(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/check/")
    phone.locator("#field-days").press_sequentially("20")
    escalation = get_content().get_stage("escalation").title.en
    phone.wait_for_selector(f"#stage-preview:has-text('{escalation}')")
    # The preview is announced politely and does not steal focus from the field.
    assert phone.evaluate("document.activeElement.id") == "field-days"
    assert phone.locator(".preview-region").get_attribute("aria-live") == "polite"


def test_error_summary_gets_focus_with_htmx(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/check/?step=product&days=5")
    phone.click("button[type=submit]")
    phone.wait_for_selector(".error-summary")
    assert phone.evaluate("document.activeElement.classList.contains('error-summary')")


def test_plan_prints_on_at_most_two_pages(phone, server_url: str) -> None:
    """The printed plan: a checklist with the date made, stage and next dates; no navigation."""
    phone.goto(server_url + WORST_CASE)
    pdf, compact = read_pdf(phone.pdf(format="A4", print_background=True))
    assert len(pdf.pages) <= 2, f"{len(pdf.pages)} pages"
    assert "制定日期" in compact  # the date it was made
    assert "已逾期25天" in compact  # the stage, in Chinese glyphs that survived
    assert "起,通常进入" in compact  # the next stage's date (NFKC: full-width comma read as ",")
    assert "不是法律规定" in compact  # the day ranges are this guide's, not the law's
    assert get_content().ui["nav_check"].zh_hans not in compact  # no navigation
    assert get_content().ui["print_plan"].zh_hans not in compact  # no buttons
    assert len(han(compact)) > 200
    assert glyph_outlines(pdf) > len(han(compact)) * 0.8


def test_print_button_opens_the_print_dialog(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/plan/?days=3")
    phone.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    phone.click("[data-print]")
    assert phone.evaluate("window.__printed") == 1


@pytest.mark.parametrize("details", [False, True])
def test_calendar_form_downloads_an_ics(phone, server_url: str, details: bool) -> None:
    """The answers ride along in the form; titles stay neutral unless the box is ticked."""
    phone.goto(server_url + "/en/plan/?days=3&can_pay=part")
    if details:
        phone.check("#calendar-details")
    with phone.expect_download() as download:
        phone.click(".calendar-form button[type=submit]")
    assert download.value.suggested_filename == "reminders.ics"
    body = download.value.path().read_text(encoding="utf-8")
    assert ("SUMMARY:Reminder:" in body) is not details


def test_contact_log_saves_exports_and_deletes(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/log/")
    phone.fill("#log-when", "2026-11-20T22:30")
    phone.fill("#log-number", "0571-1234")
    phone.fill("#log-who", 'Says "legal dept", XYZ')
    phone.fill("#log-what", "Threatened to call my boss")
    phone.check("#tag-night_calls")
    phone.click("#log-form button[type=submit]")
    assert phone.locator("#log-rows tr:not(.blank-row)").count() == 1
    phone.reload()  # kept on this device only
    assert phone.locator("#log-rows tr:not(.blank-row)").count() == 1
    with phone.expect_download() as download:
        phone.click("#log-export")
    csv = download.value.path().read_bytes().decode("utf-8-sig")
    lines = csv.strip().splitlines()
    assert lines[0].startswith('"Date and time","Number"')
    assert '"2026-11-20 22:30","0571-1234","Says ""legal dept"", XYZ"' in lines[1]
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.click("#log-clear")
    assert phone.locator("#log-rows tr:not(.blank-row)").count() == 0
    assert phone.evaluate("localStorage.length") == 0


def test_contact_log_without_javascript_is_a_blank_printable_log(phone_no_js, server_url) -> None:
    phone_no_js.goto(server_url + "/log/")
    assert phone_no_js.locator("#log-app").is_hidden()
    assert phone_no_js.locator("#log-rows tr.blank-row").count() >= 8
    pdf = PdfReader(io.BytesIO(phone_no_js.pdf(format="A4")))
    assert len(pdf.pages) <= 2


def test_rights_checker_updates_live(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/rights/")
    phone.click("label[for=contact-threats]")
    phone.wait_for_selector('#contact-result[data-results="1"]')
    phone.click("label[for=contact-night_calls]")
    phone.wait_for_selector('#contact-result[data-results="2"]')
    assert "contact=threats" in phone.url  # the ticks are in the address, so it can be shared


def test_scam_check_with_htmx_stores_nothing(phone, server_url: str) -> None:
    phone.goto(server_url + "/en/scam-check/")
    phone.fill("#scam-message", "Transfer to this safe account within 24 hours")
    phone.click("form:not(.pitches) button[type=submit]")
    phone.wait_for_selector("#scam-result[data-red-flags='1'][data-findings='scam']")
    assert "safe" not in phone.url
    assert phone.context.cookies() == []
    # htmx keeps only the current path in sessionStorage; the message is in no storage at all.
    stored = phone.evaluate(
        "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    )
    assert "safe account" not in stored and "24 hours" not in stored


def test_letter_fills_in_the_browser_and_prints_on_one_page(phone, server_url: str) -> None:
    requests = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.goto(server_url + "/en/letter/?days=12&product=baitiao&can_pay=part&situation=income")
    phone.fill("#fill-name", "Li Hua")
    phone.fill("#fill-amount_now", "300")
    assert phone.locator(".letter [data-fill=name]").first.text_content() == "Li Hua"
    pdf = PdfReader(io.BytesIO(phone.pdf(format="A4")))
    text = unicodedata.normalize("NFKC", pdf.pages[0].extract_text())
    assert len(pdf.pages) == 1
    assert "Li Hua" in text and "300" in text and "12 days overdue" in text
    assert not any("Li%20Hua" in url or "Li Hua" in url for url in requests)


def test_quick_exit_leaves_without_a_way_back(phone, server_url: str) -> None:
    phone.route("https://www.baidu.com/**", lambda route: route.fulfill(body="neutral"))
    phone.goto(server_url + "/en/")
    phone.goto(server_url + "/en/rights/")
    phone.click("[data-quick-exit]")
    phone.wait_for_url("https://www.baidu.com/")
    phone.go_back()
    assert "/rights/" not in phone.url  # the page was replaced in history


def test_home_shows_the_stage_as_the_days_are_typed(phone, server_url: str) -> None:
    """One box, one button: the stage, what typically comes next and its date appear at once."""
    phone.goto(server_url + "/en/")
    assert phone.locator("main .button, main button").count() == 1
    phone.fill("#home-days", "12")
    stage = phone.locator("#home-result .home-stage")
    stage.wait_for()
    text = stage.inner_text()
    assert "Days 8-17" in text and "Days 18-30" in text and "not set by law" in text
    phone.click("main button[type=submit]")
    phone.wait_for_url(re.compile(r"step=product"))


def test_home_without_javascript_shows_the_stage_on_the_next_step(phone_no_js, server_url) -> None:
    page = phone_no_js
    page.goto(server_url + "/en/")
    page.fill("#home-days", "25")
    page.click("main button[type=submit]")
    assert "Days 18-30" in page.locator(".preview-box").inner_text()
    assert page.locator("#field-product").count() == 1


def test_none_of_these_clears_the_other_boxes_and_back(phone, server_url: str) -> None:
    phone.goto(server_url + "/check/?step=happened&days=12&product=baitiao&can_pay=part")
    phone.click("label[for=field-happened-2]")
    phone.click("label[for=field-happened-3]")
    none = phone.locator("input[data-none-choice]")
    none.check()
    assert phone.locator("input[name=happened]:checked").count() == 1
    phone.click("label[for=field-happened-2]")
    assert not none.is_checked()
    phone.click("button[type=submit]")
    assert phone.locator(".error-summary").count() == 0


def test_header_is_compact_and_quick_exit_stays_on_screen(phone, server_url: str) -> None:
    for prefix in ("", "/zh-hant", "/en"):
        phone.goto(server_url + prefix + "/plan/?days=12&product=jintiao&can_pay=part")
        header = phone.locator(".site-header").bounding_box()
        assert header["height"] <= 150, prefix
        exit_box = phone.locator(".quick-exit").bounding_box()
        assert exit_box["y"] + exit_box["height"] <= header["height"]


def test_contact_log_entries_are_cards_on_a_phone(phone, server_url: str) -> None:
    phone.goto(server_url + "/log/")
    phone.fill("#log-when", "2026-11-20T21:30")
    phone.fill("#log-who", "自称律师事务所的人")
    phone.fill("#log-what", "说要上门")
    phone.click("#log-form button[type=submit]")
    cell = phone.locator("#log-rows tr:not(.blank-row) td").nth(2)
    assert cell.bounding_box()["width"] > 250  # a full-width line, not a one-character column
    label = phone.evaluate(
        "(td) => getComputedStyle(td, '::before').content", cell.element_handle()
    )
    assert "对方自称是谁" in label


def test_letter_copy_button_copies_the_filled_letter(browser, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    page.goto(server_url + "/en/letter/?days=20&product=credit_card&can_pay=part")
    page.fill("#fill-amount_now", "300")
    page.click("[data-copy]")
    page.locator("[data-copy-status]:not(:empty)").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "card-issuing bank" in copied and "I can pay 300 yuan" in copied
    context.close()


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/en"])
def test_the_plan_copies_as_text(browser, server_url: str, prefix: str) -> None:
    """Stage, dates, today and this week, the help lines and the plan's own link, as plain text."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    query = "days=12&product=jintiao&can_pay=part&happened=calls_me"
    page.goto(f"{server_url}{prefix}/plan/?{query}")
    page.click("details.copy-text summary")
    page.click("details.copy-text [data-copy]")
    page.locator("details.copy-text [data-copy-status]:not(:empty)").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert page.locator(".stage-line").inner_text().split()[-1] in copied
    for title in page.locator(".plan-part").first.locator(".check-head label").all_inner_texts():
        assert title.strip() in copied
    for number in ("110", "12368", "96110", "12356", "12348", "12378"):
        assert number in copied
    assert f"{prefix}/plan/?{query}" in copied
    assert "<" not in copied  # plain text, no markup
    context.close()


def test_the_plan_text_is_selectable_without_javascript(phone_no_js, server_url: str) -> None:
    page = phone_no_js
    page.goto(server_url + "/en/plan/?days=12&can_pay=part")
    page.click("details.copy-text summary")
    box = page.locator("details.copy-text textarea")
    assert box.is_visible() and "Today" in box.input_value()
    assert not page.locator("[data-copy]").is_visible()


VOICES = """
window.speechSynthesis.getVoices = () => [
  {lang: "zh-CN", name: "Chinese"}, {lang: "en-GB", name: "English"}
];
window.spoken = [];
window.speechSynthesis.speak = (u) => { window.spoken.push(u.text); };
"""


def test_read_aloud_shows_only_with_a_voice_and_never_starts_by_itself(browser, server_url) -> None:
    without = browser.new_context(viewport={"width": 390, "height": 844})
    without.add_init_script("window.speechSynthesis.getVoices = () => [];")
    page = without.new_page()
    page.goto(server_url + "/plan/?days=12&can_pay=part")
    assert not page.locator("[data-read-aloud]").is_visible()
    without.close()

    with_voice = browser.new_context(viewport={"width": 390, "height": 844})
    with_voice.add_init_script(VOICES)
    page = with_voice.new_page()
    for path in ("/plan/?days=12&can_pay=part", "/family-card/", "/scripts/"):
        page.goto(server_url + path)
        button = page.locator("[data-read-aloud] button")
        assert button.is_visible(), path
        assert page.evaluate("window.spoken.length") == 0  # nothing until asked
    page.goto(server_url + "/plan/?days=12&can_pay=part")
    page.locator("[data-read-aloud] button").focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.spoken")
    assert len(spoken) == 1 and "第8—17天" in spoken[0]
    with_voice.close()


def verdict_in_view(page) -> bool:
    box = page.locator("#scam-verdict").bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"] / 2


@pytest.mark.parametrize("pitch", ["fake_support", "collector_threat", "court_text"])
def test_message_check_moves_focus_to_the_verdict(phone, server_url: str, pitch: str) -> None:
    """With htmx, the verdict takes focus and is scrolled to the top half of a phone screen."""
    phone.goto(server_url + "/scam-check/?days=20&product=credit_card")
    phone.click(f"button[name=pitch][value={pitch}]")
    phone.wait_for_selector("#scam-result[data-findings]")
    phone.wait_for_selector("#scam-verdict:focus")  # a selector: CSP refuses eval polling
    assert verdict_in_view(phone)
    assert "credit_card" in phone.url and "#" not in phone.url  # htmx: no page change


def test_message_check_without_javascript_opens_at_the_verdict(phone_no_js, server_url) -> None:
    page = phone_no_js
    page.goto(server_url + "/en/scam-check/?days=20&product=baitiao")
    page.fill("#scam-message", "Add my WeChat zhao_collect99 or we will call your employer.")
    page.click("form:not(.pitches) button[type=submit]")
    page.wait_for_selector("#scam-result[data-findings='rules']")
    assert page.url.endswith("/en/scam-check/?days=20&product=baitiao#scam-verdict")
    assert verdict_in_view(page)
    # The rules finding links to the rights checker with the boxes ticked and the answers kept.
    page.click("#finding-rules a[href^='/en/rights/?']")
    assert page.locator("#contact-contacts_told").is_checked()
    assert page.locator("#contact-private_channel").is_checked()
    assert "product=baitiao" in page.url
