"""The production server: `make serve` (see README). Values come from the environment."""

import os

# Production is never in debug mode, whatever the shell says, unless asked for by name.
os.environ.setdefault("DJANGO_DEBUG", "0")

wsgi_app = "overdue_help.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers for CPU-bound pages: about two per core, as gunicorn's docs advise.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# Load and validate the content once, before forking: a broken file stops the server at start,
# and the workers share the loaded content's memory.
preload_app = True
# The remote control socket is not needed and would leave a file in $HOME.
control_socket_disable = True

# Only Django decides whether a request came over https, from the X-Forwarded-Proto header the
# front server sets itself (settings.py, deploy/nginx/nginx.conf). gunicorn's default would also
# trust X-Forwarded-SSL and X-Forwarded-Protocol from loopback, which nginx passes on as sent.
secure_scheme_headers: dict[str, str] = {}
# Nor may a header rewrite SCRIPT_NAME or PATH_INFO.
forwarder_headers = ""

# Answers live in query strings, so the access log records the path only (%(U)s), and neither
# the address nor the user agent of the person asking. The error log goes through the same
# filter as Django's: no query string, no client address, even in a traceback.
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
logger_class = "overdue_help.logs.GunicornLogger"
