"""No caching of answers, and request bodies refused unread (overdue_help/middleware.py,
the upload settings in overdue_help/settings.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.test.client import MULTIPART_CONTENT

from stages.content import get_content
from stages.examples import FULL_ANSWERS

FORM = "application/x-www-form-urlencoded"
LIMIT = settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.mark.parametrize(
    ("method", "path", "data", "headers"),
    [
        ("get", f"/plan/calendar.ics?{FULL_ANSWERS}", None, {}),
        ("get", f"/check/?step=product&{FULL_ANSWERS}", None, {"HX-Request": "true"}),
        ("get", "/check/?days=40", None, {"HX-Request": "true", "HX-Target": "stage-preview"}),
        ("get", "/check/?from=days&days=40", None, {}),  # a redirect to the next step
        ("get", "/rights/?contact=threats", None, {"HX-Request": "true"}),
        ("post", "/scam-check/", {"message": "pay into this safe account"}, {}),
        ("post", "/scam-check/", {"message": "pay into this safe account"}, {"HX-Request": "1"}),
        ("post", "/plan/", {"days": "40"}, {}),  # 405
        ("head", "/scam-check/", None, {}),
        ("get", "/healthz", None, {}),
    ],
)
def test_every_other_response_is_no_store(client: Client, method, path, data, headers) -> None:
    response = getattr(client, method)(path, data, headers=headers)
    assert response.status_code < 500
    assert response["Cache-Control"] == "no-store"


def refused_text(status: int, language: str) -> tuple[str, str]:
    from overdue_help.middleware import REFUSALS

    ui = get_content().ui
    key = REFUSALS[status]
    return getattr(ui[f"{key}_title"], language), getattr(ui[f"{key}_body"], language)


@pytest.mark.parametrize(("prefix", "language"), [("", "zh_hans"), ("/en", "en")])
def test_a_body_over_the_limit_is_refused_unread_in_the_persons_language(
    client: Client, prefix: str, language: str
) -> None:
    body = b"message=" + b"x" * LIMIT
    response = client.generic("POST", f"{prefix}/scam-check/", body, content_type=FORM)
    assert response.status_code == 413
    title, text = refused_text(413, language)
    assert title in response.content.decode() and text in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_a_long_message_under_the_limit_gets_the_message_at_the_field(client: Client) -> None:
    """Someone who pastes too much is told the real limit, not shown an error page."""
    message = "安" * (get_content().scams.max_length * 3)
    response = client.post("/en/scam-check/", {"message": message})
    assert response.status_code == 200
    assert 'id="scam-error"' in response.content.decode()


@pytest.mark.parametrize(("prefix", "language"), [("", "zh_hans"), ("/en", "en")])
@pytest.mark.parametrize("path", ["/scam-check/", "/plan/?days=40", "/"])
def test_a_file_upload_is_refused_unread(client: Client, prefix, language, path) -> None:
    """multipart (a file) on any page, even with a CSRF cookie that would make the CSRF check
    read the form: 415 and the page says what to do."""
    client.cookies["csrftoken"] = "a" * 32
    upload = SimpleUploadedFile("message.txt", b"safe account " * 1000)
    data = {"message": "hello", "file": upload}
    response = client.post(f"{prefix}{path}", data, content_type=MULTIPART_CONTENT)
    assert response.status_code == 415
    title, text = refused_text(415, language)
    assert title in response.content.decode() and text in response.content.decode()
    assert f'href="{prefix}/scam-check/"' in response.content.decode()  # back to the form


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/json", "application/octet-stream", ""]
)
def test_other_body_types_are_refused(client: Client, content_type: str) -> None:
    response = client.generic("POST", "/en/scam-check/", b"message=hi", content_type=content_type)
    assert response.status_code == 415


def test_the_form_and_an_empty_post_are_read(client: Client) -> None:
    assert client.post("/en/scam-check/", {"message": "hi"}).status_code == 200
    assert client.generic("POST", "/en/scam-check/", b"").status_code == 200


def test_a_file_part_is_never_written_to_disk(tmp_path: Path, monkeypatch) -> None:
    """Past the middleware too: if anything ever parsed a multipart body, no upload handler
    would keep its file, in memory or in the temporary directory."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    big = SimpleUploadedFile("message.txt", b"safe account " * 300_000)  # ~3.9 MB
    request = RequestFactory().post("/scam-check/", {"message": "hello", "file": big})
    assert request.POST["message"] == "hello"
    assert not request.FILES
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:8000\\@evil"])
def test_an_unknown_host_is_a_plain_400(client: Client, host: str) -> None:
    response = client.get("/en/", headers={"Host": host})
    assert response.status_code == 400


def test_too_many_fields_is_a_400_page(client: Client) -> None:
    query = "&".join(f"x{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.get(f"/en/plan/?days=3&{query}")
    assert response.status_code == 400
    assert refused_text(400, "en")[0] in response.content.decode()
