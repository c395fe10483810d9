"""A newcomer's `make run` (Makefile): it finds Python 3.13 or 3.12 by itself or says in one line
what to install, takes PORT, and installs only what serving needs."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from overdue_help.production import BASE_DIR, free_port, wait_until_up

MAKE = shutil.which("make") or "/usr/bin/make"


def make(folder: Path, *args: str, path: str, **env: str) -> subprocess.CompletedProcess:
    """make in folder with a PATH of our choosing and no pyenv in HOME."""
    clean = {"PATH": path, "HOME": str(folder), **env}
    return subprocess.run(
        [MAKE, "-C", str(folder), *args], env=clean, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The Makefile and the dependency list, without a virtual environment."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(BASE_DIR / name, tmp_path / name)
    return tmp_path


def python_named(folder: Path, name: str, target: str | Path) -> str:
    """A folder for PATH holding only `name`, which runs `target`."""
    folder.mkdir()
    (folder / name).symlink_to(target)
    return str(folder)


def test_without_python_3_13_or_3_12_make_run_says_what_to_install(checkout, tmp_path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = make(checkout, "run", path=str(empty))
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert "needs Python 3.13 or 3.12" in line and "install python3.13" in line
    assert not (checkout / ".venv").exists()


def test_a_python_too_old_under_a_new_name_is_passed_over(checkout, tmp_path) -> None:
    """A python3.13 that is really 3.11 (or anything else) is not taken at its name."""
    old = Path("/usr/bin/python3")  # Debian 12's: 3.11
    if not old.exists() or b"3.11" not in subprocess.check_output([old, "--version"]):
        pytest.skip("no Python 3.11 at /usr/bin/python3 to stand in for a too-old one")
    result = make(checkout, "run", path=python_named(tmp_path / "bin", "python3.13", old))
    assert result.returncode != 0
    assert "needs Python 3.13 or 3.12" in result.stderr


def test_python_3_12_on_the_path_is_found(checkout, tmp_path) -> None:
    """sys.executable is the Python running the tests: 3.13 or 3.12, with venv."""
    version = f"python3.{sys.version_info.minor}"
    folder = python_named(tmp_path / "bin", version, sys.executable)
    result = make(checkout, "-n", ".venv/bin/.installed", path=folder)
    assert result.returncode == 0, result.stderr
    assert f"{version} -m venv .venv" in result.stdout


def test_pyenv_pythons_are_found_without_pyenv_on_the_path(checkout, tmp_path) -> None:
    version = f"3.{sys.version_info.minor}.9"
    versions = tmp_path / "pyenv" / "versions" / version / "bin"
    versions.mkdir(parents=True)
    (versions / "python3").symlink_to(sys.executable)
    empty = tmp_path / "bin"
    empty.mkdir()
    result = make(
        checkout,
        "-n",
        ".venv/bin/.installed",
        path=str(empty),
        PYENV_ROOT=str(tmp_path / "pyenv"),
    )
    assert result.returncode == 0, result.stderr
    assert f"{versions}/python3 -m venv .venv" in result.stdout


def test_serving_installs_only_the_sites_dependencies(checkout, tmp_path) -> None:
    folder = python_named(tmp_path / "bin", "python3.13", sys.executable)
    serving = make(checkout, "-n", "run", path=folder).stdout
    assert "pip install -q -e .\n" in serving
    assert "--group" not in serving
    testing = make(checkout, "-n", "test", path=folder).stdout
    assert "pip install -q --group dev" in testing


def test_make_test_checks_the_lint_and_the_format_before_the_tests() -> None:
    """A file ruff would reformat fails `make test`, as a lint error does (this checkout)."""
    result = subprocess.run(
        [MAKE, "-n", "-C", str(BASE_DIR), "test"], capture_output=True, text=True, timeout=60
    )
    commands = result.stdout.splitlines()
    order = [line.split()[1:3] for line in commands if line.startswith(".venv/bin/")]
    assert order[-4:] == [["manage.py", "check"], ["check", "."], ["format", "--check"], []]


def test_port_chooses_the_port_of_make_run() -> None:
    """PORT=... make run, in this checkout (its virtual environment is already made)."""
    port = free_port()
    env = {**os.environ, "PORT": str(port), "DJANGO_DEBUG": "1"}
    server = subprocess.Popen(
        [MAKE, "-s", "run"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # runserver's reloader is a child: stop the whole group
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}", server, timeout=60)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=10) as response:
            assert response.status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
