"""Shared fixtures: the small content set rule tests run on (tests/fixtures/content/), copies of
it and of content/ to break on purpose, and a real server + Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
import yaml
from django.conf import settings
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


FORM = "application/x-www-form-urlencoded"
# A small content set that says each rule: tests of the loader, the plan and the answers run on
# it, so they hold whatever the site's own content says (README.md there).
FIXTURES = Path(__file__).parent / "fixtures" / "content"


class FormClient(Client):
    """Django's test client, posting as browsers send our forms: form-encoded. (Its default is
    multipart, which the site refuses unread: overdue_help/middleware.py.)"""

    def post(self, path, data=None, content_type=FORM, **kwargs):
        if content_type == FORM and isinstance(data, dict):
            data = urlencode(data, doseq=True)
        return super().post(path, data, content_type=content_type, **kwargs)


@pytest.fixture
def client() -> FormClient:
    return FormClient()


@pytest.fixture(scope="session")
def fixture_content():
    """The fixture content set, loaded."""
    from stages.content import load_content

    return load_content(FIXTURES)


def editor(root: Path) -> Callable[[str, Callable[[dict], object]], Path]:
    def edit(name: str, change: Callable[[dict], object]) -> Path:
        path = root / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return root

    return edit


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture content set."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture
def edit_fixture(fixture_copy: Path) -> Callable[[str, Callable[[dict], object]], Path]:
    """edit_fixture("stages/early.yaml", change) loads a fixture file, lets `change` mutate it,
    saves it, and gives the copy's root."""
    return editor(fixture_copy)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the real content directory (for what needs the whole site)."""
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


@pytest.fixture
def edit_yaml(content_copy: Path) -> Callable[[str, Callable[[dict], object]], Path]:
    """edit_yaml("stages/calls.yaml", change): as edit_fixture, on a copy of the real content."""
    return editor(content_copy)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Tests run with answers in URLs: log nothing, as production does."""


@pytest.fixture(scope="session")
def server_url(django_test_environment: None) -> Iterator[str]:
    """The site served over HTTP on a free loopback port, static files included."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application

    class ThreadedServer(WSGIServer):
        daemon_threads = True

    app = StaticFilesHandler(get_wsgi_application())
    server = make_server(
        "127.0.0.1", 0, app, server_class=ThreadedServer, handler_class=QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright. In CI a missing browser is a failure, never a skip."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing in CI: install Debian's chromium package")
        pytest.skip("Chromium not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser) -> Iterator[object]:
    """A 390 px wide page with JavaScript on."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_no_js(browser) -> Iterator[object]:
    """A 390 px wide page with JavaScript off."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=False, locale="zh-CN"
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def static_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """collectstatic's output in deploy mode: hashed names, gzip and brotli copies."""
    from overdue_help.production import collect_static

    root = tmp_path_factory.mktemp("staticfiles")
    collect_static(root)
    return root


@pytest.fixture(scope="session")
def production_server(static_root: Path, tmp_path_factory: pytest.TempPathFactory):
    """gunicorn alone (deploy mode, whitenoise) on loopback: the pair's back end."""
    from overdue_help.production import running_server

    log = tmp_path_factory.mktemp("gunicorn") / "server.log"
    with running_server(static_root, log, workers=2) as server:
        yield server


def need_nginx() -> None:
    """In CI a missing nginx is a failure, never a skip (.ci/run installs it)."""
    from overdue_help.production import NGINX

    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is missing in CI: install Debian's nginx package")
        pytest.skip("nginx not installed (apt-get install nginx)")


@pytest.fixture(scope="session")
def local_ca(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A certificate authority made here with openssl, and a certificate it signed for
    127.0.0.1 and localhost. Clients trust it by name (NODE_EXTRA_CA_CERTS, cafile)."""
    folder = tmp_path_factory.mktemp("ca")
    paths = {name: folder / f"{name}.pem" for name in ("ca", "ca_key", "cert", "key", "csr")}
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl = ["openssl", "req", *key]
    subprocess.run(
        [*openssl, "-x509", "-days", "2", "-keyout", paths["ca_key"], "-out", paths["ca"]]
        + ["-subj", "/CN=Overdue Help test CA", "-addext", "basicConstraints=critical,CA:TRUE"]
        + ["-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*openssl, "-keyout", paths["key"], "-out", paths["csr"], "-subj", "/CN=localhost"],
        check=True,
        capture_output=True,
    )
    extensions = folder / "server.ext"
    extensions.write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
    )
    subprocess.run(
        ["openssl", "x509", "-req", "-in", paths["csr"], "-CA", paths["ca"]]
        + ["-CAkey", paths["ca_key"], "-CAcreateserial", "-days", "2"]
        + ["-out", paths["cert"], "-extfile", extensions],
        check=True,
        capture_output=True,
    )
    return paths


@pytest.fixture(scope="session")
def production_pair(static_root: Path, tmp_path_factory: pytest.TempPathFactory):
    """What `make serve` runs: nginx in front of gunicorn, plain http, on loopback."""
    need_nginx()
    from overdue_help.production import running_pair

    with running_pair(static_root, tmp_path_factory.mktemp("pair"), workers=2) as pair:
        yield pair


@pytest.fixture(scope="session")
def tls_pair(static_root: Path, local_ca, tmp_path_factory: pytest.TempPathFactory):
    """The pair with TLS on, as `make serve` runs it given TLS_CERT and TLS_KEY."""
    need_nginx()
    from overdue_help.production import Tls, free_port, running_pair

    tls = Tls(listen=f"127.0.0.1:{free_port()}", cert=local_ca["cert"], key=local_ca["key"])
    run_dir = tmp_path_factory.mktemp("tls-pair")
    with running_pair(static_root, run_dir, tls=tls, workers=2, DJANGO_HTTPS="1") as pair:
        yield pair
