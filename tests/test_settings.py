"""Deploy mode (overdue_help/settings.py, gunicorn.conf.py): refuses unsafe starts, passes
`check --deploy`, serves hashed compressed static files and logs no answers."""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from overdue_help.production import BASE_DIR, deploy_env, running_server

pytestmark = pytest.mark.server


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_deploy_mode_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = deploy_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_deploy_check_is_clean_behind_a_tls_proxy(tmp_path: Path) -> None:
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **deploy_env(tmp_path, DJANGO_HTTPS="1")
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_warns_when_https_settings_are_off(tmp_path: Path) -> None:
    """Without DJANGO_HTTPS the HSTS and redirect warnings show: the switch is what fixes them."""
    result = manage("check", "--deploy", **deploy_env(tmp_path))
    assert {"security.W004", "security.W008"} <= set(re.findall(r"security\.W\d+", result.stderr))


def test_https_mode_redirects_and_sends_hsts(static_root: Path, tmp_path: Path) -> None:
    with running_server(static_root, tmp_path / "log", workers=1, DJANGO_HTTPS="1") as server:
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(server.url + "/en/")
        assert redirect.value.code == 301
        assert redirect.value.headers["Location"] == server.url.replace("http:", "https:") + "/en/"
        # Behind the proxy (X-Forwarded-Proto: https) the page is served, with HSTS.
        _, headers, _ = fetch(server.url + "/en/", **{"X-Forwarded-Proto": "https"})
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        # Health checks from a load balancer come over plain http and are not redirected.
        assert fetch(server.url + "/healthz")[0] == 200


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_static_files_are_hashed_compressed_and_cached_for_ever(production_server) -> None:
    _, _, body = fetch(production_server.url + "/en/")
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body.decode())
    assert css, "the page links the hashed stylesheet"
    _, headers, compressed = fetch(production_server.url + css[1], **{"Accept-Encoding": "br"})
    assert headers["Content-Encoding"] == "br"
    assert "immutable" in headers["Cache-Control"]
    plain = (BASE_DIR / "static/css/site.css").read_bytes()
    assert len(compressed) < len(plain) / 3


def test_pages_are_compressed(production_server) -> None:
    _, headers, body = fetch(production_server.url + "/en/stages/", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"


def test_unknown_page_is_the_site_404_not_a_debug_page(production_server) -> None:
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(production_server.url + "/en/no-such-page/")
    assert missing.value.code == 404
    assert b"Django" not in missing.value.read()


def test_access_log_records_paths_without_answers(production_server) -> None:
    fetch(production_server.url + "/en/plan/?days=23&can_pay=none&situation=illness")
    fetch(production_server.url + "/en/check/?step=product&days=23")
    # The worker writes its log line just after answering: give it a moment.
    deadline = time.monotonic() + 10
    while '"GET /en/check/ HTTP/1.1" 200' not in production_server.log.read_text():
        assert time.monotonic() < deadline, production_server.log.read_text()
        time.sleep(0.05)
    log = production_server.log.read_text()
    assert '"GET /en/plan/ HTTP/1.1" 200' in log
    assert "days=" not in log and "illness" not in log and "127.0.0.1 -" not in log


def test_two_server_processes_give_the_same_plan(static_root: Path, tmp_path: Path) -> None:
    """Stateless: any instance behind a load balancer answers a plan URL the same way."""
    path = "/zh-hant/plan/?days=25&product=baitiao&can_pay=none&happened=threats&situation=illness"
    pages = []
    for name in ("a", "b"):
        with running_server(static_root, tmp_path / name, workers=1) as server:
            # Behind a load balancer every instance sees the same Host.
            pages.append(fetch(server.url + path, Host="localhost")[2].decode())
    # Only the per-response CSP nonce may differ.
    same = [re.sub(r'nonce="[^"]+"', 'nonce=""', page) for page in pages]
    assert same[0] == same[1]
    assert 'data-stage="escalation"' in same[0]


def test_the_static_manifest_is_not_served(production_server) -> None:
    """staticfiles.json lists every file: it is kept beside STATIC_ROOT, not in it."""
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(production_server.url + "/static/staticfiles.json")
    assert missing.value.code == 404


def test_https_is_only_what_x_forwarded_proto_says(static_root: Path, tmp_path: Path) -> None:
    """gunicorn trusts no scheme header of its own: X-Forwarded-SSL or X-Forwarded-Protocol
    from a client on loopback still gets the redirect to https."""
    with running_server(static_root, tmp_path / "log", workers=1, DJANGO_HTTPS="1") as server:
        opener = urllib.request.build_opener(NoRedirect)
        for header, value in [("X-Forwarded-SSL", "on"), ("X-Forwarded-Protocol", "ssl")]:
            request = urllib.request.Request(server.url + "/en/", headers={header: value})
            with pytest.raises(urllib.error.HTTPError) as redirect:
                opener.open(request)
            assert redirect.value.code == 301, header


def test_a_chunked_post_is_read(production_server) -> None:
    """A body sent in chunks (no Content-Length) reaches the scam check whole."""
    connection = http.client.HTTPConnection(production_server.url.removeprefix("http://"))
    chunks = iter([b"message=pay+into+this+", b"safe+account"])
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", "/en/scam-check/", body=chunks, headers=form, encode_chunked=True)
    response = connection.getresponse()
    assert response.status == 200
    assert b'data-red-flags="1"' in response.read()
    connection.close()


@contextlib.contextmanager
def sending(url: str, head: bytes, body: bytes) -> Iterator[socket.socket]:
    """A connection that has sent a request head and (some of) its body, and no more."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(head)
        # The server may answer and close without reading it all: that is the point.
        with contextlib.suppress(OSError):
            sock.sendall(body)
        sock.settimeout(10)
        yield sock


def multipart(size: int) -> tuple[bytes, bytes]:
    body = b'--b\r\nContent-Disposition: form-data; name="file"; filename="m.txt"\r\n\r\n'
    body += b"safe account " * (size // 13)
    head = (
        b"POST /en/scam-check/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: multipart/form-data; boundary=b\r\n"
        b"Content-Length: %d\r\n\r\n" % (len(body) + 8)
    )
    return head, body


def test_uploads_leave_nothing_in_the_temporary_directory(static_root, tmp_path) -> None:
    """A 30 MB file part, and one whose sender stalls half way (it used to sit in /tmp until the
    worker timed out, and stay there): refused before the body is read, nothing written."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    with running_server(static_root, tmp_path / "log", workers=1, TMPDIR=str(temp)) as server:
        head, body = multipart(30_000_000)
        with sending(server.url, head, body) as sock:
            assert sock.recv(100).startswith(b"HTTP/1.1 413")
        head, body = multipart(5_000_000)
        with sending(server.url, head, body[: len(body) // 2]) as sock:
            time.sleep(2)  # the sender stalls
            assert list(temp.iterdir()) == []
            assert sock.recv(100).startswith(b"HTTP/1.1 413")  # answered, not timed out
        head, body = multipart(60_000)  # under the size limit: refused for its type
        with sending(server.url, head, body) as sock:
            assert sock.recv(100).startswith(b"HTTP/1.1 415")
    assert list(temp.iterdir()) == []
