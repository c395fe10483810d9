"""A start-up error is one line naming the file, the key and the problem, and exit status 1:
no traceback, under `manage.py check`, `runserver` and gunicorn (overdue_help/startup.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from overdue_help.production import BASE_DIR, deploy_env, free_port

COMMANDS = {
    "check": [sys.executable, "manage.py", "check"],
    "runserver": [sys.executable, "manage.py", "runserver", "127.0.0.1:{port}"],
    "gunicorn": [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
}


def start(command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    port = free_port()
    args = [arg.format(port=port) for arg in COMMANDS[command]]
    env = {**env, "BIND": f"127.0.0.1:{port}"}
    # A server that started would run until the timeout: that is a failure too.
    return subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_content_stops_start_up_with_one_line(edit_yaml, tmp_path: Path, command) -> None:
    content = edit_yaml("stages/calls.yaml", lambda data: data["days"].update({"from": "soon"}))
    env = deploy_env(tmp_path, OVERDUE_HELP_CONTENT_DIR=str(content))
    result = start(command, env)
    assert result.returncode == 1
    output = (result.stdout + result.stderr).strip()
    assert "Traceback" not in output
    (line,) = output.splitlines()
    assert "content/stages/calls.yaml: days.from: expected a whole number" in line


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_secret_key_stops_start_up_with_one_line(tmp_path: Path, command) -> None:
    env = deploy_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = start(command, env)
    assert result.returncode == 1
    (line,) = (result.stdout + result.stderr).strip().splitlines()
    assert "DJANGO_SECRET_KEY is not set" in line


@pytest.mark.parametrize("command", ["check", "gunicorn"])
def test_content_without_what_the_code_needs_stops_start_up(edit_yaml, tmp_path, command) -> None:
    """A text a template uses (the questionnaire's "Step 2 of 5") is gone: the file is valid on
    its own, but the site would show an empty text. It does not start."""
    content = edit_yaml("ui.yaml", lambda data: data["ui"].pop("step_of"))
    env = deploy_env(tmp_path, OVERDUE_HELP_CONTENT_DIR=str(content))
    result = start(command, env)
    assert result.returncode == 1
    (line,) = (result.stdout + result.stderr).strip().splitlines()
    assert "content/ui.yaml: ui.step_of: is missing" in line


def test_several_problems_in_a_file_stop_start_up_in_one_line(edit_yaml, tmp_path) -> None:
    def two_faults(stage: dict) -> None:
        stage["days"]["from"] = "soon"
        stage["title"].pop("en")

    content = edit_yaml("stages/calls.yaml", two_faults)
    result = start("check", deploy_env(tmp_path, OVERDUE_HELP_CONTENT_DIR=str(content)))
    assert result.returncode == 1
    (line,) = (result.stdout + result.stderr).strip().splitlines()
    assert line.startswith("Overdue Help cannot start: content/stages/calls.yaml: ")
    assert "days.from: expected a whole number" in line and "; title.en: is missing" in line
