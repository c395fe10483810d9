"""The site's content, read from content/*.yaml once per process: get_content() and
get_stage_or_404(). What each file may say is in models.py, how the set is read and checked in
loader.py, and the house wording of a problem in errors.py."""

import functools

from django.conf import settings
from django.http import Http404

from stages.content.errors import ContentError, Problem
from stages.content.loader import load_content
from stages.content.models import Content, Stage

__all__ = ["ContentError", "Problem", "get_content", "get_stage_or_404", "load_content"]


@functools.cache
def get_content() -> Content:
    """The site's content, loaded once per process."""
    return load_content(settings.CONTENT_DIR)


def get_stage_or_404(slug: str) -> Stage:
    stage = get_content().get_stage(slug)
    if stage is None:
        raise Http404(slug)
    return stage
