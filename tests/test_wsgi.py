"""The WSGI layer (overdue_help/wsgi.py), called as gunicorn calls it: headers Django cannot
read become a 400 page, a chunked body is read, HEAD gets headers only."""

from __future__ import annotations

import codecs
import encodings.aliases
import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from overdue_help.middleware import REFUSALS
from overdue_help.wsgi import application
from stages.content import get_content

FORM = "application/x-www-form-urlencoded"


def call(
    method: str, path: str, *, body: bytes | io.BytesIO = b"", **headers: str
) -> tuple[int, dict[str, str], bytes]:
    """One request through the WSGI application: status, headers, body."""
    target, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": target,
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(body) if isinstance(body, bytes) else body,
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"] = value
    setup_testing_defaults(environ)
    started = {}

    def start_response(status: str, response_headers: list, exc_info=None) -> None:
        started["status"], started["headers"] = int(status[:3]), dict(response_headers)

    result = application(environ, start_response)
    try:
        content = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return started["status"], started["headers"], content


# Every codec the issue found making a 500, and some more that are not text encodings at all.
NOT_READABLE = [
    "rot13",
    "base64",
    "hex",
    "zlib",
    "bz2",
    "uu",
    "quopri",
    "undefined",
    "no-such-charset",
    "utf-16",
    "latin-1",
    "utf-8\x00",
]


@pytest.mark.parametrize("charset", NOT_READABLE)
@pytest.mark.parametrize(("prefix", "language"), [("", "zh_hans"), ("/en", "en")])
def test_a_charset_django_cannot_read_is_a_400_page(charset, prefix, language) -> None:
    status, headers, body = call(
        "GET", f"{prefix}/plan/?days=40", CONTENT_TYPE=f"text/plain; charset={charset}"
    )
    assert status == 400
    ui = get_content().ui
    assert str(getattr(ui[f"{REFUSALS[400]}_title"], language)) in body.decode()
    assert headers["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in headers


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"', "Utf-8"])
def test_utf8_in_any_spelling_is_read(charset: str) -> None:
    status, _, body = call(
        "POST",
        "/en/scam-check/",
        body=b"message=safe+account",
        CONTENT_TYPE=f"{FORM}; charset={charset}",
        CONTENT_LENGTH="20",
    )
    assert status == 200
    assert b'data-red-flags="1"' in body


charsets = st.one_of(
    st.sampled_from(sorted(set(encodings.aliases.aliases) | set(NOT_READABLE))),
    st.text(max_size=20),
)
parameters = st.lists(
    st.tuples(st.sampled_from(["charset", "boundary", "x", "charset*", ""]), charsets),
    max_size=4,
)


def utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"
    except (LookupError, ValueError):
        return False


@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from([FORM, "text/plain", "multipart/form-data", "", "a/b", ";", "x"]),
    params=parameters,
    path=st.sampled_from(["/plan/?days=40", "/en/check/?from=days&days=4", "/en/scam-check/"]),
    post=st.booleans(),
)
def test_any_content_type_is_a_page_or_a_400_never_a_500(kind, params, path, post) -> None:
    value = kind + "".join(f"; {name}={charset}" for name, charset in params)
    body = b"message=hello" if post else b""
    status, _, _ = call(
        "POST" if post else "GET",
        path,
        body=body,
        CONTENT_TYPE=value,
        CONTENT_LENGTH=str(len(body)),
    )
    assert status in (200, 302, 400, 403, 405, 415), (value, status)  # 403: CSRF on /plan/
    if params == [("charset", "utf-8")] and kind == FORM:
        assert status != 400
    if any(name == "charset" and not utf8(charset.strip('"')) for name, charset in params):
        assert status == 400, value


def test_a_chunked_body_is_read() -> None:
    """gunicorn passes a chunked body without Content-Length; Django alone would read nothing."""
    status, _, body = call(
        "POST",
        "/en/scam-check/",
        body=b"message=pay+into+this+safe+account",
        CONTENT_TYPE=FORM,
        TRANSFER_ENCODING="chunked",
    )
    assert status == 200
    assert b'data-red-flags="1"' in body


def test_a_chunked_body_over_the_limit_is_413_and_read_no_further() -> None:
    stream = io.BytesIO(b"message=" + b"x" * (10 * settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
    status, _, _ = call(
        "POST", "/en/scam-check/", body=stream, CONTENT_TYPE=FORM, TRANSFER_ENCODING="chunked"
    )
    assert status == 413
    assert stream.tell() == settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1


def test_head_sends_headers_only() -> None:
    status, headers, body = call("HEAD", "/en/scam-check/")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) > 1000  # the length a GET would have
