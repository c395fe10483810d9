"""The benchmark's pieces (stages/bench.py) and its command, run end to end for a moment."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from stages import bench
from stages.content import load_content

# wrk 4.1's report, as printed: one clean run, one with errors.
CLEAN = """Running 1s test @ http://127.0.0.1:8765/healthz
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   587.86us  277.57us   3.67ms   84.28%
    Req/Sec     3.06k   186.29     3.31k    72.73%
  Latency Distribution
     50%  515.00us
     75%  629.00us
     90%    0.98ms
     99%    1.59ms
  3354 requests in 1.10s, 2.55MB read
Requests/sec:   3048.96
Transfer/sec:      2.32MB
"""
FAILING = """Running 2s test @ http://127.0.0.1:8765/
  2 threads and 50 connections
  Latency Distribution
     50%  120.00ms
     99%    1.20s
  812 requests in 2.00s, 9.10MB read
  Socket errors: connect 0, read 3, write 0, timeout 4
  Non-2xx or 3xx responses: 5
Requests/sec:    405.77
"""


def test_parse_wrk_reads_rate_and_p99() -> None:
    result = bench.parse_wrk(CLEAN)
    assert (result.requests, result.per_second, result.errors) == (3354, 3048.96, 0)
    assert result.p99_ms == pytest.approx(1.59)


def test_parse_wrk_counts_every_kind_of_error_and_converts_seconds() -> None:
    result = bench.parse_wrk(FAILING)
    assert result.errors == 3 + 4 + 5
    assert result.p99_ms == pytest.approx(1200)


def test_wrk_refuses_any_address_but_loopback(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="loopback"):
        bench.wrk(["http://10.0.0.1/"], seconds=1, connections=1, script_dir=tmp_path)


def test_synthetic_content_loads_with_the_sizes_asked_for(tmp_path: Path) -> None:
    root = tmp_path / "content"
    bench.synthetic_content(settings.CONTENT_DIR, root, stages=30, actions_per_stage=3)
    content = load_content(root)
    assert len(content.stages) == 30
    synthetic = [s for s in content.stages if s.slug.startswith("synthetic-")]
    assert len(synthetic) == 30 - len(load_content(settings.CONTENT_DIR).stages)
    assert all(len(s.actions) == 3 for s in synthetic)
    assert content.stages[-1].last_day is None
    assert content.stage_for_days(10_000) is content.stages[-1]
    # Every text is its own: numbered, so no caching of equal strings flatters the timing.
    titles = [a.title.en for s in synthetic for a in s.actions]
    assert len(set(titles)) == len(titles)


@pytest.mark.server
def test_visit_bytes_counts_cached_files_once(production_server) -> None:
    first, repeat = bench.visit_bytes(production_server.url + "/en/stages/")
    # The stylesheet and scripts are hashed and immutable: a repeat visit fetches the page only.
    page = bench.fetch(production_server.url + "/en/stages/", {"Accept-Encoding": "br, gzip"})[2]
    assert abs(repeat - page) < 100  # gzip pads each response by a few random bytes (BREACH)
    assert first > repeat + 10_000


@pytest.mark.server
def test_worker_memory_is_read_for_each_worker(production_server) -> None:
    sizes = bench.worker_memory_mb(production_server.process.pid)
    assert len(sizes) == 2  # the fixture's workers
    assert all(rss >= pss > 1 for rss, pss in sizes)


@pytest.mark.server
def test_benchmark_command_runs_and_reports_every_figure() -> None:
    out = io.StringIO()
    call_command(
        "benchmark",
        seconds=1,
        connections=2,
        load_seconds=1,
        load_connections=4,
        workers=2,
        skip_scale=True,
        stdout=out,
    )
    report = out.getvalue()
    for figure in (
        "Content load at start-up",
        "plan page / minimal view",
        "Memory per worker",
        "Plan page: first visit",
        "Load run",
        "0 errors",
    ):
        assert figure in report, report
