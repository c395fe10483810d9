"""The message check: matching (stages/scam.py), extraction (stages/extract.py) and the page
(views.scam_check, content/scams.yaml). Whole messages: test_message_corpus.py."""

from __future__ import annotations

import logging
import os
import re
from html import unescape

import opencc
import pytest
from django.test import Client

from stages.content import get_content
from stages.content.models import Finding, FoundKind
from stages.extract import extract
from stages.scam import Scan, check_message, fold_message

CONTENT = get_content()
SCAMS = CONTENT.scams

# A sample of each kind of thing the check pulls out, for patterns that need one.
SAMPLES = {
    FoundKind.ACCOUNT: "6222 0212 3456 7890 123",
    FoundKind.LINK: "http://pay-help.top/a",
    FoundKind.PHONE: "13812345678",
    FoundKind.WECHAT: "微信号：kefu_2026",
    FoundKind.QQ: "QQ：12345678",
    FoundKind.ALIPAY: "支付宝账号：13912345678",
}
TO_TRADITIONAL = {name: opencc.OpenCC(name) for name in ("s2t", "s2tw", "s2twp", "s2hk")}


def raised(message: str) -> set[str]:
    return {m.flag.id for m in check_message(message, SCAMS).matches}


def raw_flags(message: str, flag) -> bool:
    """Whether the flag's own patterns match, before other flags can set it aside (not_with)."""
    folded = fold_message(message, SCAMS.variants)
    kinds = frozenset(item.kind for item in extract(message, folded))
    scan = Scan(folded, SCAMS, kinds)
    return any(scan.match(p, flag.negatable) is not None for p in flag.patterns)


def pattern_examples():
    """For every word of every pattern: a message with that word and the first word of each other
    group (or a sample of the thing it needs), with the flag it must raise."""
    for flag in SCAMS.flags:
        for index, pattern in enumerate(flag.patterns):
            for g, group in enumerate(pattern.groups):
                if isinstance(group, FoundKind):
                    continue
                for term in group:
                    parts = []
                    for h, other in enumerate(pattern.groups):
                        if isinstance(other, FoundKind):
                            parts.append(SAMPLES[other])
                        else:
                            parts.append((term if h == g else other[0]).shown.zh_hans)
                    yield pytest.param(
                        flag, parts, id=f"{flag.id}[{index}.{g}]-{term.shown.zh_hans}"
                    )


@pytest.mark.parametrize(("flag", "parts"), list(pattern_examples()))
def test_every_pattern_word_raises_its_flag_in_every_script(flag, parts: list[str]) -> None:
    """Each word, as written, upper-cased, and in Traditional characters (as OpenCC writes them
    for Taiwan, with Taiwan vocabulary, and for Hong Kong) raises its flag."""
    message = " ".join(parts)
    assert raw_flags(message, flag), message
    assert raw_flags(message.upper(), flag), message.upper()
    for name, converter in TO_TRADITIONAL.items():
        traditional = converter.convert(message)
        assert raw_flags(traditional, flag), f"{name}: {traditional}"


@pytest.mark.parametrize("flag", [f for f in SCAMS.flags if f.notes], ids=lambda f: f.id)
def test_flag_notes_are_for_known_products(flag) -> None:
    assert all(note.products <= set(CONTENT.products) for note in flag.notes)


# --- The concepts, in wording of our own -------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        ("pay_elsewhere", "请把钱打到监管账户，收款人王强"),
        ("pay_elsewhere", "款项汇至下面这个支付宝账号：13912345678"),
        ("pay_elsewhere", "还款请转入过渡账户，账号6217000011112222333"),
        ("pay_elsewhere", "Please wire the balance to the account below, payee Chen Li."),
        ("fee_first", "办理前先交押金2000元"),
        ("fee_first", "Pay the handling fee first and we release the funds."),
        ("credit_repair", "专业征信修复，三天上岸"),
        ("fake_policy", "政府出台新政，逾期利息全部减免"),
        ("fake_policy", "A new government policy means your interest can be waived."),
        ("cancel_account", "您的校园贷账户需要注销"),
        ("screen_share_code", "请把收到的短信验证码报给我"),
        ("unknown_app", "请安装下面链接里的软件 http://a-b.top/x"),
        ("secrecy", "此事请严格保密"),
        ("impersonation", "我是征信中心工作人员"),
        ("contact_threat", "我们会打电话给你的领导和同事"),
        ("contact_threat", "We will contact your relatives today."),
        ("public_shaming", "把你的照片发到朋友圈"),
        ("legal_threat", "不还就让你坐牢"),
        ("fraud_threat", "你这是恶意透支"),
        ("threats_insults", "你等着，后果自负"),
        ("borrow_to_repay", "去网贷平台借钱先还上"),
        ("private_channel", "加我微信聊"),
        ("collection_fees", "需另付外访费"),
        ("court_claim", "法院已受理你的案件"),
        ("police_claim", "派出所通知你"),
        ("lawyer_claim", "律师事务所受托处理"),
    ],
)
def test_concepts_in_new_wording(flag: str, message: str) -> None:
    assert flag in raised(message)


@pytest.mark.parametrize(
    "message",
    [
        "请勿向任何个人账户转账，谨防诈骗。",
        "本行不会要求您下载会议软件或共享屏幕。",
        "We will never ask you to transfer money to a safe account.",
        "验证码123456，请勿告诉任何人。",
        "切勿相信任何“征信修复”广告。",
    ],
)
def test_a_warning_is_not_a_request(message: str) -> None:
    """A negation earlier in the clause makes it a warning, the way real reminders end."""
    assert raised(message) == set()


def test_a_new_clause_ends_the_warning() -> None:
    assert "pay_elsewhere" in raised("不要在App里还了，而是转到这个安全账户")
    assert "pay_elsewhere" in raised("不要慌，把钱转到安全账户")


def test_secrecy_is_not_cancelled_by_its_own_negation() -> None:
    assert "secrecy" in raised("不要告诉你的家人和银行")


def test_secrecy_about_a_code_is_a_warning() -> None:
    """ "Tell nobody your code" is what a real bank says: `unless` cancels it."""
    assert "secrecy" not in raised("请勿把验证码告诉任何人")


def test_words_far_apart_do_not_make_a_concept() -> None:
    near = "请转账到这个账户"
    far = "请转账。" + "今天是还款日，" * 8 + "这个账户是您本人的。"
    assert "pay_elsewhere" in raised(near)
    assert "pay_elsewhere" not in raised(far)


def test_latin_words_match_whole_words_only() -> None:
    assert "court_claim" not in raised("This is a courtesy reminder.")
    assert "court_claim" in raised("The courts will decide.")


def test_a_flag_is_set_aside_by_the_flags_it_is_not_with() -> None:
    """An agency's WeChat is part of its scam, not a collector's private channel."""
    found = raised("专业征信修复，加微信 abc12345 了解")
    assert "credit_repair" in found and "private_channel" not in found


def test_genuine_reminders_raise_nothing() -> None:
    for message in (
        "您本期账单已出，请按时还款。",
        "您的借款已逾期3天，请在App内还款，以免产生违约金，影响征信。",
        "Your payment is overdue. Please pay in the app to avoid a late fee.",
    ):
        assert check_message(message, SCAMS).matches == (), message


# --- Findings -------------------------------------------------------------------------------------

ALL_THREE = "我是法院的，再不还就通知你单位，先把钱转到安全账户。"


def test_findings_come_in_order_and_count_only_real_signs() -> None:
    checked = check_message(ALL_THREE, SCAMS)
    assert checked.findings == (Finding.SCAM, Finding.RULES, Finding.VERIFY)
    signs = [m for m in checked.matches if m.flag.finding is not Finding.VERIFY]
    assert checked.red_flags == len(signs) and checked.red_flags < len(checked.matches)


def test_a_real_looking_court_notice_is_only_to_be_checked() -> None:
    message = "【某区人民法院】你有一件民事案件已立案，请登录人民法院在线服务查看。"
    assert check_message(message, SCAMS).findings == (Finding.VERIFY,)


# --- Extraction -----------------------------------------------------------------------------------


def found(message: str) -> dict[str, set[str]]:
    items = extract(message, fold_message(message, SCAMS.variants))
    result: dict[str, set[str]] = {}
    for item in items:
        result.setdefault(item.kind.value, set()).add(item.value)
    return result


def test_extraction_finds_each_kind() -> None:
    message = (
        "请拨打 138-1234-5678 或 0571-88886666，访问 t.cn/AbC9 或 https://pay.example.top/x?id=1，"
        "转到卡号 6222 0212 3456 7890 123，加微信：kefu_2026，"
        "QQ号 987654321，支付宝账号 a.b@163.com。"
    )
    result = found(message)
    assert result["phone"] == {"138-1234-5678", "0571-88886666"}
    assert result["link"] == {"t.cn/AbC9", "https://pay.example.top/x?id=1"}
    assert result["account"] == {"6222 0212 3456 7890 123"}
    assert result["wechat"] == {"kefu_2026"}
    assert result["qq"] == {"987654321"}
    assert result["alipay"] == {"a.b@163.com"}


def test_extraction_leaves_amounts_dates_and_id_numbers_alone() -> None:
    message = (
        "欠款12000元，2026-11-20到期，案号（2026）京0105民初1234号，身份证110105199003071234。"
    )
    assert found(message) == {}
    traditional = "欠款3.8萬元，案號（2026）粵0304民初12345號，共12筆。"
    assert found(traditional) == {}


def test_extraction_reads_full_width_and_traditional() -> None:
    assert found("加微信：ｗｘ＿ｋｅｆｕ８８")["wechat"] == {"wx_kefu88"}
    assert found("轉到支付寶帳號：13912345678")["alipay"] == {"13912345678"}


def test_numbers_we_list_are_said_as_what_they_are(client: Client) -> None:
    page = client.post("/en/scam-check/", {"message": "有疑问请拨打12368核实。"}).content.decode()
    assert SCAMS.official_numbers["12368"].text.en in unescape(page)


# --- The page ----------------------------------------------------------------------------


def result_of(html: str) -> str:
    """The result, without the message echoed back (htmx shows it above the verdict)."""
    part = html[html.index('<div id="scam-result"') :]
    return re.sub(r'<blockquote class="checked-message">.*?</blockquote>', "", part, flags=re.S)


def text_of(html: str) -> str:
    return unescape(
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"</?(?:span|a)\b[^>]*>", "", html)))
    )


def test_result_root_says_flags_and_findings(client: Client) -> None:
    html = client.post("/en/scam-check/", {"message": ALL_THREE}).content.decode()
    checked = check_message(ALL_THREE, SCAMS)
    assert f'data-red-flags="{checked.red_flags}"' in html
    assert 'data-findings="scam rules verify"' in html


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/en"])
def test_verdict_line_comes_first_and_names_each_finding(client: Client, prefix: str) -> None:
    html = client.post(f"{prefix}/scam-check/", {"message": ALL_THREE}).content.decode()
    language = {"": "zh-Hans", "/zh-hant": "zh-Hant", "/en": "en"}[prefix]
    result = result_of(html)
    verdict = re.search(r'<h2 id="scam-verdict-title">(.*?)</h2>', result, re.S).group(1)
    positions = [verdict.index(SCAMS.findings[f].verdict.get(language)) for f in Finding]
    assert positions == sorted(positions)
    sections = [result.index(f'id="finding-{f.value}"') for f in Finding]
    assert result.index('id="scam-verdict"') < sections[0] and sections == sorted(sections)


def test_nothing_found_says_it_proves_nothing(client: Client) -> None:
    html = client.post("/en/scam-check/", {"message": "Your bill is ready."}).content.decode()
    assert 'data-red-flags="0"' in html and 'data-findings=""' in html
    general = CONTENT.product("").words
    assert SCAMS.nothing_found.summary.fill(general).en in text_of(html)


def test_verify_says_a_court_may_phone_and_never_that_it_cannot(client: Client) -> None:
    """Real courts also phone from a court office line (facts.md §6.8): a person who believes
    "courts never phone" may ignore a real case."""
    html = text_of(client.post("/scam-check/", {"pitch": "court_text"}).content.decode())
    assert "12368" in html and "法院也可能用法院的办公电话打给你" in html
    every_text = str(CONTENT.scams) + str(CONTENT.rights)
    for wrong in ("不会通过电话办案", "不会打电话", "never phone", "do not handle cases by phone"):
        assert wrong not in every_text


def test_rules_finding_links_to_rights_with_boxes_ticked_and_answers_kept(client: Client) -> None:
    answers = "days=20&product=credit_card"
    html = client.post(f"/scam-check/?{answers}", {"pitch": "collector_threat"}).content.decode()
    link = unescape(re.search(r'<a href="(/rights/\?[^"]+)"', html).group(1))
    assert "contact=contacts_told" in link and "contact=public_posting" in link
    assert answers in link
    rights = client.get(link).content.decode()
    assert 'id="contact-contacts_told" name="contact" value="contacts_told" checked' in rights
    assert 'data-results="3"' in rights
    assert f'href="/log/?{answers.replace("&", "&amp;")}"' in html


def test_nothing_from_the_message_reaches_a_link(client: Client) -> None:
    html = client.post("/scam-check/", {"message": "通知你单位 SECRET-7731"}).content.decode()
    assert not re.search(r'href="[^"]*SECRET', html)


def product_wording(*product_ids: str) -> set[str]:
    """What only these products' readers should see: their channels and their own notes."""
    words = set()
    for product_id in product_ids:
        for text in CONTENT.products[product_id].words.values():
            words |= {text.zh_hans, text.en}
    for flag in SCAMS.flags:
        for note in flag.notes:
            if note.products and note.products <= set(product_ids):
                words |= {note.text.zh_hans, note.text.en}
    return words


JD_WORDS = (
    "京东",
    "白条",
    "金条",
    "JD",
    "Baitiao",
    "Jintiao",
    *product_wording("baitiao", "jintiao"),
)
CARD_WORDS = tuple(product_wording("credit_card"))
EVERYTHING = (
    "我是京东客服，你的账户需要注销，不然影响征信。你这是恶意透支，我们会通知你单位，"
    "把钱转到安全账户，加微信 abc12345，请拨打13812345678。"
)


def test_a_card_holder_never_reads_jd_wording(client: Client) -> None:
    for prefix in ("", "/en"):
        html = client.post(
            f"{prefix}/scam-check/?days=40&product=credit_card", {"message": EVERYTHING}
        )
        result = text_of(result_of(html.content.decode()))
        assert [word for word in CARD_WORDS if word in result]  # their own channels
        assert not [word for word in JD_WORDS if word in result]


@pytest.mark.parametrize("product", ["baitiao", "jintiao"])
def test_a_jd_user_never_reads_card_wording(client: Client, product: str) -> None:
    for prefix in ("", "/en"):
        html = client.post(
            f"{prefix}/scam-check/?days=40&product={product}", {"message": EVERYTHING}
        )
        result = text_of(result_of(html.content.decode()))
        assert "JD Finance app" in result or "京东金融App" in result
        assert not [word for word in CARD_WORDS if word in result]


def test_without_a_plan_the_advice_is_general(client: Client) -> None:
    """No product said: the general channels, and no JD-only line."""
    html = client.post("/en/scam-check/", {"message": EVERYTHING}).content.decode()
    result = text_of(result_of(html))
    assert CONTENT.product("").words["pay"].en in result
    assert not [word for word in JD_WORDS if word in result]


def test_malicious_overdraft_is_explained_calmly(client: Client) -> None:
    """Card holders (and people who have not said) read the real conditions; others read that
    it is about credit cards; everyone reads: do not change your number or hide."""
    threat = "你这是恶意透支，要坐牢的"
    card = text_of(
        client.post(
            "/scam-check/?days=40&product=credit_card", {"message": threat}
        ).content.decode()
    )
    jd = text_of(
        client.post("/scam-check/?days=40&product=baitiao", {"message": threat}).content.decode()
    )
    general = text_of(client.post("/scam-check/", {"message": threat}).content.decode())
    for page in (card, general):
        assert "5万元" in page and "30天" in page and "3个月" in page and "不起诉" in page
    assert "5万元" not in jd and "你这笔借款不是信用卡" in jd
    for page in (card, jd, general):
        assert "不要换号" in page


@pytest.mark.parametrize("pitch", SCAMS.pitches, ids=lambda p: p.id)
@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/en"])
def test_every_common_message_gets_a_verdict(client: Client, pitch, prefix: str) -> None:
    page = client.post(f"{prefix}/scam-check/", {"pitch": pitch.id}).content.decode()
    assert re.search(r'data-findings="(scam|rules|verify)', page)
    assert 'id="scam-verdict"' in page


def test_no_js_form_opens_the_result_at_the_verdict(client: Client) -> None:
    page = client.get("/scam-check/?days=12&product=baitiao").content.decode()
    assert 'action="/scam-check/?days=12&amp;product=baitiao#scam-verdict" method="post"' in page
    assert 'data-hx-post="/scam-check/?days=12&amp;product=baitiao"' in page


def test_htmx_gets_the_result_with_the_field_and_errors_out_of_band(client: Client) -> None:
    response = client.post(
        "/scam-check/", {"pitch": "fake_support"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert page.startswith("<title>")
    assert '<div id="scam-result" data-red-flags=' in page
    assert 'id="scam-field" class="field" data-hx-swap-oob="true"' in page


def test_too_long_message_gets_a_clear_limit(client: Client) -> None:
    response = client.post("/en/scam-check/", {"message": "x" * (SCAMS.max_length + 1)})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Paste up to {SCAMS.max_length} characters" in html
    assert 'aria-invalid="true"' in html and "data-red-flags" not in html


def test_empty_message_gets_a_message(client: Client) -> None:
    html = client.post("/scam-check/", {"message": "   "}).content.decode()
    assert CONTENT.ui["scam_empty"].zh_hans in html


def test_markup_in_a_message_is_not_reflected(client: Client) -> None:
    html = client.post(
        "/scam-check/", {"message": "<img src=x onerror=alert(1)> t.cn/<b>"}
    ).content.decode()
    assert "<img src=x" not in html and "<b>" not in html


def test_message_is_never_logged_or_stored(client: Client, caplog) -> None:
    """The message and what is found in it are used in the request only: no log line, no cookie,
    no URL carries them, and no cache may keep the page."""
    secret = "SECRET-MESSAGE-8841 安全账户 加微信 secret_id88 13899998888"
    with caplog.at_level(logging.DEBUG):
        response = client.post("/scam-check/", {"message": secret})
        client.post("/scam-check/", {"message": secret + "x" * SCAMS.max_length})
    for part in ("SECRET-MESSAGE-8841", "secret_id88", "13899998888"):
        assert part not in caplog.text
        assert part not in response.get("Location", "")
    assert "secret_id88" in response.content.decode()  # shown once, in this response
    assert not response.cookies
    assert 'method="post"' in client.get("/scam-check/").content.decode()


def test_timing_command_reports_each_text() -> None:
    """`manage.py time_message_check` measures the 5 ms goal; here it only has to run."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("time_message_check", runs=2, length=300, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Message check, 300 characters") and len(lines) == 6


def test_head_is_answered_like_get(client: Client) -> None:
    """Link checkers and proxies ask with HEAD; the page exists, so the answer is 200."""
    assert client.head("/en/scam-check/").status_code == 200
    assert client.put("/en/scam-check/").status_code == 405


def test_the_same_message_gets_the_same_answer_in_every_process() -> None:
    """The words found come in the message's order, not a set's, which changes with each
    process's hash seed: every gunicorn worker must give the same answer."""
    import subprocess
    import sys

    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'overdue_help.settings'; "
        "django.setup(); from stages.content import get_content; "
        "from stages.scam import check_message; "
        "m = '征信有逾期记录？内部渠道快速消除不良记录，不成功不收费，已帮助上千人成功上岸。'; "
        "print([(x.flag.id, [w.zh_hans for w in x.words]) "
        "for x in check_message(m, get_content().scams).matches])"
    )
    answers = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(answers) == 1, answers


def test_a_clause_pattern_needs_every_word_in_one_clause(edit_fixture) -> None:
    """`clause: true` reads the words as one instruction: "不要告诉家人" is one, but "不要回拨，
    请联系银行" is two, and the second is what a real bank says."""
    from stages.content import load_content

    words = [["不要", "never"], ["告诉", "联系", "call"], ["家人", "银行", "bank"]]
    two_instructions = ["不要回拨陌生号码，请联系银行核实", "Never call back. Call your bank."]

    def raised_with(clause: bool, message: str) -> bool:
        def secrecy(data: dict) -> None:
            data["flags"][0].update(
                negatable=False, patterns=[{"all": words, "within": 10, "clause": clause}]
            )

        scams = load_content(edit_fixture("scams.yaml", secrecy)).scams
        flag = scams.flags[0].id
        return flag in {m.flag.id for m in check_message(message, scams).matches}

    assert raised_with(True, "不要告诉你的家人")
    assert raised_with(True, "Never call your bank about this")
    for message in two_instructions:
        assert raised_with(False, message), message
        assert not raised_with(True, message), message


def test_a_word_inside_another_found_word_is_not_shown_twice(edit_fixture) -> None:
    from stages.content import load_content

    def two_patterns(data: dict) -> None:
        data["flags"][0]["patterns"] = [["debt negotiation agency"], ["negotiation agency"]]

    scams = load_content(edit_fixture("scams.yaml", two_patterns)).scams
    (match,) = check_message("We are a debt negotiation agency.", scams).matches
    assert [word.en for word in match.words] == ["debt negotiation agency"]
