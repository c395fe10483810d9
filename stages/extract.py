"""Pull phone numbers, links, card or account numbers and WeChat, QQ or Alipay ids out of a
pasted message, so the check can say what to do with each. Used within one request and never kept.

These are formats, not words people read: the texts that go with each kind are in scams.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stages.content.models import FoundKind

# URL characters (RFC 3986), so a link stops at the Chinese text around it.
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]"
_TLDS = (
    "cn|com|net|org|top|xyz|vip|cc|me|io|info|co|app|site|link|ly|shop|club|icu|ltd|wang|online|"
    "tk|gd|ink|live|fun|work|pro|biz|tv|hk|tw"
)
LINK = re.compile(
    rf"(?:https?://|www\.){_URL_CHARS}+"
    # A bare domain ("3.cn/abc", "jd-pay.top"), not the end of an e-mail address.
    rf"|(?<![@A-Za-z0-9.\-])(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{{0,61}}[A-Za-z0-9])?\.)+"
    rf"(?:{_TLDS})(?![A-Za-z0-9\-])(?:/{_URL_CHARS}*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]'"

# Runs of digits, with the spaces or dashes people type inside numbers.
DIGITS = re.compile(r"(?<![\d.])\+?\d(?:[ \-]?\d){2,29}(?![\d.])")
MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{9,11}")  # area code and local number, as digits
SERVICE = re.compile(r"[48]00\d{7}|95\d{3,4}|96\d{3}|12\d{3}|106\d{5,17}")
# A short number is a phone number only if it is not an amount, a date or a case number:
# "95588", not "12000元" or "民初12345號" (this reads the message before Traditional is folded).
_NOT_A_NUMBER_AFTER = re.compile(
    r"\s*(?:元|块|塊|万|萬|千|百|年|月|日|号|號|天|个|個|期|笔|筆|次|分|人|%|yuan|rmb)"
)
EMERGENCY = re.compile(r"(?:拨打|报警|致电|打|call|dial)\s*(110|120|119)(?!\d)", re.IGNORECASE)

# Ids after their labels, found in the folded message (Simplified, lower case). A WeChat id
# written straight after "wechat" must look like one (a digit or _ in it): "wechat groups" is not.
WECHAT = re.compile(
    r"(?:微信|weixin|wechat|vx|v信|wx|薇信|威信)\s*(?:号码|号|id|账号)?\s*(:)?\s*"
    r"([a-z][-_a-z0-9]{5,19}|1[3-9]\d{9})(?![-_a-z0-9])"
)
QQ = re.compile(r"(?:qq|扣扣)\s*(?:号码|号|群)?\s*:?\s*(\d{5,11})(?!\d)")
ALIPAY = re.compile(
    r"(?:支付宝|alipay)\s*(?:账号|账户|号码|号)?\s*:?\s*"
    r"([a-z0-9._+\-]+@[a-z0-9\-]+\.[a-z0-9.\-]+|1[3-9]\d{9})(?!\d)"
)

LABELLED = (
    (FoundKind.WECHAT, WECHAT, ("微信", "weixin", "wechat", "vx", "v信", "wx", "薇信", "威信")),
    (FoundKind.QQ, QQ, ("qq", "扣扣")),
    (FoundKind.ALIPAY, ALIPAY, ("支付宝", "alipay")),
)
# A top-level domain after a dot: the only way a bare link can be there.
LINK_HINT = re.compile(rf"\.(?:{_TLDS})(?![A-Za-z0-9\-])", re.IGNORECASE)

MAX_ITEMS = 20  # a message full of numbers gets the advice once per kind anyway


@dataclass(frozen=True, slots=True)
class Found:
    kind: FoundKind
    value: str


def _is_id_number(digits: str, after: str) -> bool:
    """A resident ID number (18 characters, a birth date inside) is not an account to pay."""
    if len(digits) == 17 and after[:1] in ("X", "x"):
        return True
    if len(digits) != 18:
        return False
    year, month, day = digits[6:10], digits[10:12], digits[12:14]
    return year[:2] in ("19", "20") and "01" <= month <= "12" and "01" <= day <= "31"


def _number_kind(digits: str, after: str) -> FoundKind | None:
    if MOBILE.fullmatch(digits) or LANDLINE.fullmatch(digits) or SERVICE.fullmatch(digits):
        if len(digits) <= 6 and _NOT_A_NUMBER_AFTER.match(after):
            return None
        return FoundKind.PHONE
    if 12 <= len(digits) <= 25 and not _is_id_number(digits, after):
        return FoundKind.ACCOUNT
    return None


def _parts(run: str) -> list[str]:
    """Two phone numbers side by side ("13812345678 95588") are two numbers, not one account."""
    parts = run.split()
    phones = [p for p in parts if MOBILE.fullmatch(p) or SERVICE.fullmatch(p)]
    return parts if len(parts) > 1 and len(phones) == len(parts) else [run.strip()]


def extract(normalised: str, folded: str) -> list[Found]:
    """What the message holds, each value once, in the order of FoundKind. `normalised` is the
    message after NFKC (links keep their case); `folded` is fold_message's output."""
    found: dict[tuple[FoundKind, str], None] = {}
    labelled: set[str] = set()
    for kind, pattern, labels in LABELLED:
        if not any(label in folded for label in labels):
            continue  # a quick look first: each full search costs a pass over the message
        for match in pattern.finditer(folded):
            value = match.group(match.lastindex)
            if kind is FoundKind.WECHAT and not match.group(1) and value.isalpha():
                continue
            found[(kind, value)] = None
            labelled.add(re.sub(r"\D", "", value))
    maybe_link = "//" in normalised or "www." in normalised or LINK_HINT.search(normalised)
    links = list(LINK.finditer(normalised)) if maybe_link else []
    for match in links:
        found[(FoundKind.LINK, match.group().rstrip(_TRAILING))] = None
    in_links = [range(m.start(), m.end()) for m in links]
    for match in DIGITS.finditer(normalised):
        if any(match.start() in span for span in in_links):
            continue
        for part in _parts(match.group()):
            digits = re.sub(r"\D", "", part)
            if digits in labelled:
                continue
            kind = _number_kind(digits, normalised[match.end() : match.end() + 4])
            if kind is not None:
                found[(kind, part)] = None
    if "110" in normalised or "120" in normalised or "119" in normalised:
        for match in EMERGENCY.finditer(normalised):
            found[(FoundKind.PHONE, match.group(1))] = None
    order = list(FoundKind)
    items = sorted(found, key=lambda item: order.index(item[0]))
    return [Found(kind, value) for kind, value in items[:MAX_ITEMS]]
