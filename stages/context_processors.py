from django.http import HttpRequest
from django.utils.translation import get_language

from stages.content import get_content

# BCP 47 spelling for <html lang> and hreflang.
HTML_LANG = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}
NATIVE_NAMES = {"zh-hans": "简体中文", "zh-hant": "繁體中文", "en": "English"}
# Short enough for one row on a 390 px phone; the full name is the link's title.
SHORT_NAMES = {"zh-hans": "简体", "zh-hant": "繁體", "en": "English"}
# How each language's pages are addressed (i18n_patterns, zh-Hans unprefixed).
PREFIXES = {"zh-hans": "", "zh-hant": "/zh-hant", "en": "/en"}


def in_language(path: str, current: str, code: str) -> str:
    """The same page and answers in another language: only the language prefix changes."""
    prefix = PREFIXES.get(current, "")
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :] or "/"
    return PREFIXES[code] + path


def site(request: HttpRequest) -> dict:
    content = get_content()
    current = get_language()
    path = request.get_full_path()
    # hreflang links must be absolute for search engines.
    origin = request.build_absolute_uri("/")[:-1]
    languages = []
    for code in HTML_LANG:
        url = in_language(path, current, code)
        languages.append(
            {
                "code": code,
                "lang": HTML_LANG[code],
                "name": NATIVE_NAMES[code],
                "short": SHORT_NAMES[code],
                "url": url,
                "absolute_url": origin + url,
                "current": code == current,
            }
        )
    # WeChat's and QQ's own browsers often block downloads and printing: pages say how to open
    # the phone's browser. Read for display only; the User-Agent is never stored or logged.
    agent = request.headers.get("User-Agent", "")
    return {
        "in_app_browser": "MicroMessenger" in agent or "QQ/" in agent,
        "ui": content.ui,
        "help_lines": content.help_lines,
        "content_reviewed": content.reviewed,
        "html_lang": HTML_LANG.get(current, "zh-Hans"),
        "languages": languages,
        # The same page in Simplified Chinese: what a lender or a family reads (letter, card).
        "chinese_url": next(lang["url"] for lang in languages if lang["code"] == "zh-hans"),
    }
