"""Lighthouse (npm package, Debian's Chromium), mobile, against the production server: home, a
stage page and a plan. Scores are written to build/lighthouse.json for the record."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from overdue_help.production import BASE_DIR
from stages.examples import FULL_ANSWERS
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.server]

LIGHTHOUSE = BASE_DIR / "node_modules/.bin/lighthouse"
PAGES = {"home": "/", "stage": "/stages/calls/", "plan": f"/plan/?{FULL_ANSWERS}"}
MINIMUM = {"accessibility": 1.0, "best-practices": 1.0, "seo": 0.9, "performance": 0.95}


def lighthouse(url: str, out: Path, *, tries: int = 3) -> dict:
    """One report. Lighthouse now and then fails to record the page load's trace (NO_NAVSTART,
    a known flake of the tool, not of the page): that run is simply made again."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    for _ in range(tries):
        run = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                f"--chrome-path={CHROMIUM}",
                f"--chrome-flags={flags}",
                "--form-factor=mobile",
                f"--only-categories={','.join(MINIMUM)}",
                "--output=json",
                f"--output-path={out}",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        if run.returncode == 0:
            return json.loads(out.read_text())
        assert "NO_NAVSTART" in run.stderr + run.stdout, run.stderr
    raise AssertionError(f"Lighthouse failed {tries} times on {url}")


def scores(report: dict) -> dict[str, float]:
    return {key: report["categories"][key]["score"] for key in MINIMUM}


def passes(got: dict[str, float]) -> bool:
    return all(got[category] >= minimum for category, minimum in MINIMUM.items())


def test_lighthouse_scores(production_server, browser, tmp_path: Path) -> None:
    """Performance is scored from one page load's trace, which a busy 2-core machine can slow
    down (Lighthouse's docs on score variability recommend several runs): a page gets up to
    three runs, and must meet every minimum in one of them."""
    results = {}
    for name, path in PAGES.items():
        for attempt in range(3):
            got = scores(lighthouse(production_server.url + path, tmp_path / f"{name}.json"))
            results[name] = {**got, "runs": attempt + 1}
            if passes(got):
                break
    (BASE_DIR / "build").mkdir(exist_ok=True)
    (BASE_DIR / "build/lighthouse.json").write_text(json.dumps(results, indent=2))
    for name, got in results.items():
        for category, minimum in MINIMUM.items():
            assert got[category] >= minimum, f"{name} {category}: {got[category]}"
