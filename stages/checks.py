"""`manage.py check` validates the content with the same loader the site uses, and checks that
it holds everything the code needs (stages/needs.py)."""

from django.conf import settings
from django.core import checks

from stages.content import ContentError, load_content
from stages.needs import check_needs


@checks.register()
def content_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    try:
        problems = check_needs(load_content(settings.CONTENT_DIR))
        if problems:
            raise ContentError(problems)
    except ContentError as error:
        return [
            checks.Error(str(error), hint="Fix the content file named above.", id="stages.E001")
        ]
    return []
