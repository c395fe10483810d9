"""WSGI entry point. Loads and validates the content at start-up: a broken file stops the server
with one line."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overdue_help.settings")

from overdue_help import startup  # noqa: E402

startup.setup(set_prefix=False)  # as get_wsgi_application does: the prefix is set per request

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
