"""Logs keep the secret (overdue_help/logs.py): no query string and no client address, in
Django's log, gunicorn's error log or a traceback; then the real server, sent every kind of
request the probe found leaking."""

from __future__ import annotations

import logging
import socket
import sys
import time
from pathlib import Path

import pytest

from overdue_help.logs import KeepSecrets, scrub
from overdue_help.production import running_server

# The person's address: a loopback address of its own, so a log line naming it is found.
CLIENT = "127.0.0.2"
SECRET = "zq7secret"  # an answer nobody else would write


def record(message: str, *args, level: int = logging.WARNING, exc_info=None):
    return logging.LogRecord("test", level, __file__, 1, message, args, exc_info)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Error handling request GET /plan/?days=40&product=jintiao", "GET /plan/"),
        ('request: "GET /en/plan/?days=40 HTTP/1.1", host: "x"', '"GET /en/plan/ HTTP/1.1"'),
        ("Internal Server Error: /plan/", "Internal Server Error: /plan/"),
        ("client: 10.1.2.3, server: ", "client: -, server: "),
        ("from 2001:db8::7 and ::1 and ::ffff:10.0.0.1", "from - and - and -"),
        ("at 16:46:30 +0800 in Python 3.13.0", "at 16:46:30 +0800 in Python 3.13.0"),
    ],
)
def test_scrub_takes_out_queries_and_addresses(line: str, kept: str) -> None:
    assert kept in scrub(line)
    assert "days=" not in scrub(line) and "10.1.2.3" not in scrub(line)


def test_gunicorn_invalid_request_keeps_only_the_kind_of_error() -> None:
    """The error repeats the request line as sent, spaces and all: a query string cannot be
    cut out of it reliably, so none of it is kept."""
    line = f"Invalid request from ip={CLIENT}: Invalid HTTP request line: 'GET /?a={SECRET} b c'"
    logged = record(line)
    KeepSecrets().filter(logged)
    assert logged.getMessage() == "Invalid request: Invalid HTTP request line"


def test_a_traceback_loses_its_query_and_address() -> None:
    try:
        raise ValueError(f"bad /plan/?days={SECRET} from {CLIENT}")
    except ValueError:
        logged = record(
            "Error handling request %s", f"/plan/?days={SECRET}", exc_info=sys.exc_info()
        )
    KeepSecrets().filter(logged)
    text = logging.Formatter().format(logged)
    assert "ValueError: bad /plan/ from -" in text
    assert SECRET not in text and CLIENT not in text


def test_info_lines_keep_the_servers_own_address() -> None:
    logged = record("Listening at: http://127.0.0.1:8000 (1)", level=logging.INFO)
    KeepSecrets().filter(logged)
    assert logged.getMessage() == "Listening at: http://127.0.0.1:8000 (1)"


def test_djangos_log_handler_keeps_the_secret() -> None:
    """settings.LOGGING: the console handler Django's loggers write to carries the filter."""
    (handler,) = logging.getLogger("django").handlers
    try:
        raise RuntimeError(f"while reading /en/plan/?days={SECRET} for {CLIENT}")
    except RuntimeError:
        logged = record("Internal Server Error: %s", "/en/plan/", exc_info=sys.exc_info())
    assert handler.filter(logged)
    text = handler.format(logged)
    assert "Internal Server Error: /en/plan/" in text
    assert SECRET not in text and CLIENT not in text


def send(url: str, raw: bytes, *, stall: float = 0) -> bytes:
    """Raw bytes from the client's own address; the first line of the answer."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), source_address=(CLIENT, 0)) as sock:
        sock.sendall(raw)
        time.sleep(stall)
        sock.settimeout(15)
        try:
            return sock.recv(4096).split(b"\r\n")[0]
        except OSError:
            return b""


def failing_requests(n: int) -> list[tuple[bytes, float]]:
    """Each request the probe found leaking, its answers marked with SECRET and number n."""
    query = f"days=4{n}&situation={SECRET}"
    head = "Host: 127.0.0.1\r\n"
    return [
        # A charset Django cannot decode (was a 500 and a traceback with the URL).
        (
            f"GET /plan/?{query} HTTP/1.1\r\n{head}Content-Type: text/plain; charset=rot13\r\n\r\n",
            0,
        ),
        # A request line gunicorn cannot parse (was logged whole, with the address).
        (f"GET /plan/?{query} x HTTP/1.1\r\n{head}\r\n", 0),
        (f"get /plan/?{query} HTTP/1.1\r\n{head}\r\n", 0),
        (f"GET /plan/?{query} HTTP/1.1\r\n{head}Bad Header: 1\r\n\r\n", 0),
        # A body that never finishes: the worker times out in the middle of reading it.
        (
            f"POST /scam-check/?{query} HTTP/1.1\r\n{head}"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 900\r\n\r\n"
            f"message={SECRET}",
            3,
        ),
        # A file upload.
        (
            f"POST /scam-check/?{query} HTTP/1.1\r\n{head}"
            "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 30000000\r\n\r\n",
            0,
        ),
    ]


def assert_no_secret(log: str) -> None:
    assert log.strip()
    assert SECRET not in log, log
    assert CLIENT not in log, log
    assert "days=" not in log, log


@pytest.mark.server
def test_gunicorn_logs_no_answer_and_no_address(static_root: Path, tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    # A short worker timeout, so the stalled body is killed within the test.
    with running_server(static_root, log, workers=1, GUNICORN_CMD_ARGS="--timeout 2") as server:
        for n, (raw, stall) in enumerate(failing_requests(1)):
            assert send(server.url, raw.encode(), stall=stall).startswith(b"HTTP/1.1"), n
    assert_no_secret(log.read_text())
