"""Starting the site: a missing setting or a broken content file stops it with one line naming
what to fix, and exit status 1. No traceback: the line is the whole story (manage.py, wsgi.py)."""

import django
from django.core.exceptions import ImproperlyConfigured


def setup(*, set_prefix: bool = True) -> None:
    """Django's setup, then the content, loaded and validated once for this process, with
    everything the code needs from it (stages/needs.py)."""
    from stages.content import ContentError

    try:
        django.setup(set_prefix=set_prefix)
        from stages.content import get_content
        from stages.needs import check_needs

        if problems := check_needs(get_content()):
            raise ContentError(problems)
    except (ImproperlyConfigured, ContentError) as error:
        raise SystemExit(f"Overdue Help cannot start: {error}") from None
