"""Logs that keep the secret. Answers live in query strings, so no log line, warning or
traceback may carry one; nor a person's network address. Used by Django's logging (settings.py),
gunicorn's error log (gunicorn.conf.py) and nginx's error lines (overdue_help/production.py)."""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

# A query string: from "?" to the next space or quote (a request line, a URL in a message).
QUERY = re.compile(r"\?[^\s'\"]*")
# IPv4, and IPv6 written in full or with "::" (so "16:46:30" in a timestamp is not taken).
ADDRESS = re.compile(
    r"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}"
    r"|(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    r"|[0-9A-Fa-f:]*::[0-9A-Fa-f:.]*)(?![\w.:])"
)
# gunicorn's warning for a request it cannot parse repeats what the client sent, spaces and
# all, after the address: only the kind of error is kept.
GUNICORN_INVALID = re.compile(r"^Invalid request from ip=\S*: ([^:]*).*", re.DOTALL)


def scrub(text: str, *, addresses: bool = True) -> str:
    """The text without query strings and, unless told otherwise, network addresses."""
    text = QUERY.sub("", text)
    return ADDRESS.sub("-", text) if addresses else text


class KeepSecrets(logging.Filter):
    """Rewrites each record, message and traceback, before any handler formats it.

    Addresses are taken out of warnings and errors, where a request's details appear; the
    servers' own info lines ("Listening at: http://127.0.0.1:8000") keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        addresses = record.levelno >= logging.WARNING
        message = GUNICORN_INVALID.sub(r"Invalid request: \1", record.getMessage())
        record.msg, record.args = scrub(message, addresses=addresses), ()
        if record.exc_info:
            trace = logging.Formatter().formatException(record.exc_info)
            record.exc_text = scrub(trace, addresses=addresses)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info, addresses=addresses)
        return True


KEEP_SECRETS = KeepSecrets()


class GunicornLogger(Logger):
    """gunicorn's own logger, with KeepSecrets on its error log (gunicorn.conf.py)."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        self.error_log.addFilter(KEEP_SECRETS)  # once, even when setup runs again on SIGHUP
