"""WSGI entry point. Loads and validates the content at start-up: a broken file stops the server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overdue_help.settings")

application = get_wsgi_application()

from stages.content import get_content  # noqa: E402  (needs Django set up)

get_content()
