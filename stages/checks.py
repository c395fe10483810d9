"""`manage.py check` validates the content with the same loader the site uses."""

from django.conf import settings
from django.core import checks

from stages.content import ContentError, load_content


@checks.register()
def content_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    try:
        load_content(settings.CONTENT_DIR)
    except ContentError as error:
        return [
            checks.Error(str(error), hint="Fix the content file named above.", id="stages.E001")
        ]
    return []
