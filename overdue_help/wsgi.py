"""WSGI entry point. Loads and validates the content at start-up: a broken file stops the server
with one line. Then a few fixes to requests that must happen before Django reads them."""

import codecs
import io
import os
from collections.abc import Callable, Iterable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overdue_help.settings")

from overdue_help import startup  # noqa: E402

startup.setup(set_prefix=False)  # as get_wsgi_application does: the prefix is set per request

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.utils.http import parse_header_parameters  # noqa: E402

from overdue_help.middleware import BAD_HEADER  # noqa: E402  (it answers 400 with a page)

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


def readable_content_type(value: str) -> bool:
    """Django decodes the query string and the body in the charset a Content-Type names, and
    fails inside, before any middleware, on codecs like rot13, base64 or "undefined". Our pages
    and forms are UTF-8: that charset, or none, is the only one taken."""
    try:
        _, params = parse_header_parameters(value)
        charset = params.get("charset")
        return charset is None or codecs.lookup(charset).name == "utf-8"
    except (ValueError, LookupError):
        return False


def read_chunked_body(environ: dict) -> None:
    """A chunked body comes without Content-Length, and Django reads only Content-Length bytes:
    it would see an empty form and drop the message. Read it here, in memory, one byte past the
    limit at most; a longer body gets the middleware's 413 from the length set here."""
    body = environ["wsgi.input"].read(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))


def guard(app: WSGIApp) -> WSGIApp:
    def guarded(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not readable_content_type(environ.get("CONTENT_TYPE", "")):
            environ[BAD_HEADER] = "Content-Type"
            del environ["CONTENT_TYPE"]  # so Django can build the request that carries the 400
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not environ.get("CONTENT_LENGTH"):
            read_chunked_body(environ)
        response = app(environ, start_response)
        if environ.get("REQUEST_METHOD") == "HEAD":
            # Headers only, as HTTP says. gunicorn drops the body too, but warns on every HEAD.
            if hasattr(response, "close"):
                response.close()
            return []
        return response

    return guarded


application = guard(get_wsgi_application())
