"""Security headers (overdue_help/settings.py, overdue_help/middleware.py): every page's are
checked in the sweep (tests/test_sweep.py); here, a POST, and the MDN HTTP Observatory's verdict
on the production pair over TLS."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from overdue_help.production import BASE_DIR

# The scanner itself: its bin/ wrapper would replace NODE_EXTRA_CA_CERTS with Mozilla's bundle.
OBSERVATORY = BASE_DIR / "node_modules/@mdn/mdn-http-observatory/src/scan.js"


def csp(response) -> dict[str, list[str]]:
    directives = response.headers["Content-Security-Policy"].split(";")
    return {d.split()[0]: d.split()[1:] for d in directives if d.strip()}


def test_post_to_the_scam_check_sets_no_cookie(client: Client) -> None:
    response = client.post("/en/scam-check/", {"message": "pay into this account now"})
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.server
def test_http_observatory_gives_a_plus_with_every_test_passed(tls_pair, local_ca) -> None:
    """The MDN HTTP Observatory against the pair over TLS, trusting our local CA: it asks
    http://127.0.0.1:PORT (nginx redirects plain http on the TLS port to https), then https."""
    host = tls_pair.tls_url.removeprefix("https://")
    env = {**os.environ, "NODE_EXTRA_CA_CERTS": str(local_ca["ca"])}
    out = subprocess.run(
        ["node", str(OBSERVATORY), host],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
    ).stdout
    report = json.loads(out)
    Path(BASE_DIR / "build").mkdir(exist_ok=True)
    (BASE_DIR / "build/observatory.json").write_text(json.dumps(report, indent=2))
    failed = {name: test["result"] for name, test in report["tests"].items() if not test["pass"]}
    assert failed == {}
    assert report["scan"]["grade"] == "A+", report["scan"]
    assert report["tests"]["redirection"]["result"] == "redirection-to-https"
    assert report["tests"]["strict-transport-security"]["result"] == (
        "hsts-implemented-max-age-at-least-six-months"
    )
    assert report["tests"]["content-security-policy"]["result"] == "csp-implemented-with-no-unsafe"
    assert report["tests"]["cookies"]["result"] == "cookies-not-found"
