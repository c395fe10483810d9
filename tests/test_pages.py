"""The shared page list (tests/pages.py) covers every URL the site has."""

from __future__ import annotations

from django.urls import get_resolver

from tests.pages import NOT_PAGES, page_paths


def url_names(patterns=None) -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if hasattr(pattern, "url_patterns"):
            names |= url_names(pattern.url_patterns)
        else:
            names.add(pattern.name)
    return names


def test_every_url_name_has_a_page_in_the_list() -> None:
    listed = {name.split(":")[0] for name in page_paths()}
    assert url_names() - NOT_PAGES <= listed
