from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from stages.content import get_content

# BCP 47 spelling for <html lang> and hreflang.
HTML_LANG = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}
NATIVE_NAMES = {"zh-hans": "简体中文", "zh-hant": "繁體中文", "en": "English"}
# Short enough for one row on a 390 px phone; the full name is the link's title.
SHORT_NAMES = {"zh-hans": "简体", "zh-hant": "繁體", "en": "English"}


def site(request: HttpRequest) -> dict:
    content = get_content()
    current = get_language()
    path = request.get_full_path()
    languages = [
        {
            "code": code,
            "lang": HTML_LANG[code],
            "name": NATIVE_NAMES[code],
            "short": SHORT_NAMES[code],
            # translate_url keeps the page and its query string (the answers).
            "url": translate_url(path, code),
            # hreflang links must be absolute for search engines.
            "absolute_url": request.build_absolute_uri(translate_url(path, code)),
            "current": code == current,
        }
        for code in HTML_LANG
    ]
    return {
        "ui": content.ui,
        "help_lines": content.help_lines,
        "content_reviewed": content.reviewed,
        "html_lang": HTML_LANG.get(current, "zh-Hans"),
        "languages": languages,
    }
