"""The production pair (overdue_help/production.py, deploy/nginx/): what `make serve` runs,
nginx in front of gunicorn, tested on loopback."""

from __future__ import annotations

import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from overdue_help.production import nginx_config, running_server
from stages.content import get_content
from tests.test_logs import CLIENT, SECRET, assert_no_secret, failing_requests, send

pytestmark = pytest.mark.server

SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, *, data: bytes | None = None, context=None, **headers: str):
    """Status, headers and body; an HTTP error status is an answer like any other."""
    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))
    if data is not None:
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@contextmanager
def slow_clients(url: str, count: int = 10) -> Iterator[None]:
    """count connections that each send part of a request and then wait: half of them stop in
    the headers, half in the body. The probe's slowloris held every sync worker this way."""
    host, port = url.removeprefix("http://").split(":")
    sockets = []
    try:
        for n in range(count):
            sock = socket.create_connection((host, int(port)))
            if n % 2:
                sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n")
            else:
                sock.sendall(
                    b"POST /en/scam-check/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: 1000\r\n\r\nmessage=pay"
                )
            sockets.append(sock)
        time.sleep(0.5)  # the server has taken them all
        yield
    finally:
        for sock in sockets:
            sock.close()


def test_ten_slow_clients_do_not_stop_the_site(production_pair) -> None:
    """With 10 slow clients holding connections (2 gunicorn workers behind), a normal page is
    served in under a second: nginx waits for them, not the workers."""
    with slow_clients(production_pair.url):
        started = time.monotonic()
        status, _, _ = fetch(production_pair.url + "/en/stages/")
        took = time.monotonic() - started
    assert status == 200
    assert took < 1.0, f"{took:.2f} s"


def test_without_the_front_server_slow_clients_do_stop_it(static_root, tmp_path) -> None:
    """Why the pair: the same slow clients against gunicorn alone leave nothing for a normal
    request (this is what the test above would see without nginx)."""
    with (
        running_server(static_root, tmp_path / "log", workers=2) as server,
        slow_clients(server.url),
        pytest.raises(OSError),
    ):
        urllib.request.urlopen(server.url + "/en/stages/", timeout=1)


def test_pages_keep_their_headers_through_nginx(production_pair) -> None:
    status, headers, _ = fetch(production_pair.url + "/en/plan/?days=40")
    assert status == 200
    for name in SECURITY_HEADERS:
        assert headers[name], name
    assert headers["Cache-Control"] == "no-store"
    assert headers["Server"] == "nginx"  # no version
    assert "Set-Cookie" not in headers


def test_static_files_keep_their_long_cache_through_nginx(production_pair) -> None:
    _, _, page = fetch(production_pair.url + "/en/")
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.decode())[1]
    status, headers, _ = fetch(production_pair.url + css, **{"Accept-Encoding": "br"})
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert "immutable" in headers["Cache-Control"]


def test_bodies_over_the_limit_are_413_and_nothing_is_written(production_pair) -> None:
    """nginx refuses past 256 KiB itself; Django past 128 KiB, with its page. Either way the
    body stayed in memory: nginx's temporary folders are empty."""
    url = production_pair.url + "/en/scam-check/"
    status, _, _ = fetch(url, data=b"message=" + b"x" * 300_000)
    assert status == 413
    status, _, body = fetch(url, data=b"message=" + b"x" * 200_000)
    assert status == 413
    assert str(get_content().ui["refused_too_large_title"].en) in body.decode()
    status, _, body = fetch(url, data=b"message=pay+into+this+safe+account")
    assert status == 200 and b'data-red-flags="1"' in body
    temporary = [p for p in (production_pair.run_dir / "tmp").rglob("*") if p.is_file()]
    assert temporary == []


def test_nginx_logs_no_answer_and_no_address(production_pair) -> None:
    """Every request the probe found leaking, sent through nginx from the person's address;
    then nginx's lines (access and error) and gunicorn's are searched."""
    requests = failing_requests(2)
    requests.append(
        (
            f"POST /scam-check/?situation={SECRET} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 300000\r\n\r\n",
            0,
        )
    )
    for raw, stall in requests:
        if stall:  # a body that never finishes: give up on it, as a phone losing signal does
            host, port = production_pair.url.removeprefix("http://").split(":")
            with socket.create_connection((host, int(port)), source_address=(CLIENT, 0)) as sock:
                sock.sendall(raw.encode())
                time.sleep(stall)
        else:
            assert send(production_pair.url, raw.encode()).startswith(b"HTTP/1.1")
    time.sleep(0.5)  # nginx writes its access line just after answering
    nginx_log = production_pair.log.read_text()
    assert '"POST /scam-check/ HTTP/1.1" 413' in nginx_log  # the lines are there
    assert "too large body" in nginx_log  # and the error line that named the address
    assert_no_secret(nginx_log)
    assert_no_secret(production_pair.server.log.read_text())


def test_nginx_sets_x_forwarded_proto_itself(tls_pair, local_ca) -> None:
    """A client's own X-Forwarded-Proto: https over plain http is replaced, so Django still
    redirects it to https; over TLS the page is served with HSTS."""
    status, headers, _ = fetch(tls_pair.url + "/en/", **{"X-Forwarded-Proto": "https"})
    assert status == 301
    assert headers["Location"].startswith("https://")
    context = ssl.create_default_context(cafile=local_ca["ca"])
    status, headers, _ = fetch(tls_pair.tls_url + "/en/", context=context)
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["Cache-Control"] == "no-store"


def test_plain_http_on_the_tls_port_is_redirected(tls_pair) -> None:
    status, headers, _ = fetch(tls_pair.tls_url.replace("https:", "http:") + "/en/?days=3")
    assert status == 301
    assert headers["Location"] == tls_pair.tls_url + "/en/?days=3"


def handshake(url: str, ca: Path, version: ssl.TLSVersion) -> str:
    context = ssl.create_default_context(cafile=ca)
    context.minimum_version = context.maximum_version = version
    context.set_ciphers("DEFAULT:@SECLEVEL=0")  # let this client offer old versions at all
    host, port = url.removeprefix("https://").split(":")
    with (
        socket.create_connection((host, int(port))) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        return tls.version()


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3], ids=str)
def test_tls_1_2_and_1_3_are_spoken(tls_pair, local_ca, version) -> None:
    assert handshake(tls_pair.tls_url, local_ca["ca"], version) == version.name.replace("_", ".")


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion:DeprecationWarning")
@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1], ids=str)
def test_older_tls_is_refused(tls_pair, local_ca, version) -> None:
    with pytest.raises(ssl.SSLError) as refused:
        handshake(tls_pair.tls_url, local_ca["ca"], version)
    # The server's alert: this client did offer the version, and nginx refused it.
    assert "ALERT_PROTOCOL_VERSION" in str(refused.value)


def test_the_shipped_config_has_every_value_filled(tmp_path: Path) -> None:
    from overdue_help.production import Tls

    tls = Tls(listen="127.0.0.1:8443", cert=tmp_path / "c.pem", key=tmp_path / "k.pem")
    config = nginx_config(listen="127.0.0.1:8000", upstream="127.0.0.1:8001", tls=tls)
    assert "{{" not in config and "}}" not in config
    assert "listen 127.0.0.1:8443 ssl http2;" in config
    assert "server 127.0.0.1:8001;" in config
