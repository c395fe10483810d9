"""Pieces of `manage.py benchmark`: read wrk's report, count the bytes a visit costs, measure
worker memory, and write a synthetic content set of any size. Loopback only, bounded runs."""

from __future__ import annotations

import http.client
import re
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from stages.content import load_content
from stages.content.models import Content

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class WrkResult:
    requests: int
    per_second: float
    p99_ms: float
    errors: int  # socket errors (connect, read, write, timeout) and non-2xx/3xx answers


def parse_wrk(report: str) -> WrkResult:
    """wrk --latency's text report."""
    requests = int(re.search(r"(\d+) requests in", report)[1])
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", report)[1])
    value, unit = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", report, re.M).groups()
    errors = 0
    if socket := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    ):
        errors += sum(int(n) for n in socket.groups())
    if bad := re.search(r"Non-2xx or 3xx responses: (\d+)", report):
        errors += int(bad[1])
    return WrkResult(requests, per_second, float(value) * UNITS[unit], errors)


def wrk(urls: list[str], *, seconds: int, connections: int, script_dir: Path) -> WrkResult:
    """A bounded wrk run on loopback; several URLs are taken in turn."""
    for url in urls:
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"the benchmark only targets loopback, not {url}")
    base = "{0.scheme}://{0.netloc}".format(urlsplit(urls[0]))
    paths = ", ".join(f'"{urlsplit(u).path}?{urlsplit(u).query}"' for u in urls)
    script = script_dir / "rotate.lua"
    # Each request asks for the next URL and accepts compression, as a browser does.
    script.write_text(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        'wrk.headers["Accept-Encoding"] = "br, gzip"\n'
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format(nil, paths[i])\nend\n"
    )
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "5s", "-s", str(script), base]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=True)
    return parse_wrk(out.stdout)


def fetch(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], int, bytes]:
    """Status, headers, bytes on the wire (status line, headers, body as sent) and the body."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        target = f"{parts.path}?{parts.query}" if parts.query else parts.path
        connection.request("GET", target, headers=headers)
        response = connection.getresponse()
        body = response.read()
        head = sum(len(f"{k}: {v}\r\n") for k, v in response.getheaders()) + 17
        headers = {k.lower(): v for k, v in response.getheaders()}
        return response.status, headers, head + len(body), body
    finally:
        connection.close()


def visit_bytes(url: str) -> tuple[int, int]:
    """Bytes a first visit and a repeat visit to a page transfer, compressed.

    First: the page and every file of ours it links. Repeat: the page again; files the server
    marked immutable come from the browser's cache, the others are asked for again (a 304)."""
    accept = {"Accept-Encoding": "br, gzip"}
    status, _, page, _ = fetch(url, accept)
    if status != 200:
        raise RuntimeError(f"{url} answered {status}")
    html = fetch(url, {})[3].decode()  # uncompressed, to find the files it links
    base = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    assets = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html)))
    first, repeat = page, page
    for asset in assets:
        _, headers, size, _ = fetch(base + asset, accept)
        first += size
        if "immutable" not in headers.get("cache-control", ""):
            validators = {"If-None-Match": headers.get("etag", ""), **accept}
            repeat += fetch(base + asset, validators)[2]
    return first, repeat


def worker_memory_mb(master_pid: int) -> list[tuple[float, float]]:
    """(RSS, PSS) in MB of each gunicorn worker. PSS shares the preloaded pages fairly."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        rss = int(re.search(r"^Rss:\s+(\d+) kB", rollup, re.M)[1]) / 1024
        pss = int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)[1]) / 1024
        sizes.append((rss, pss))
    return sizes


def time_load(root: Path, *, runs: int = 3) -> tuple[float, Content]:
    """Median milliseconds to load and validate the content under root, and the content."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        content = load_content(root)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), content


def synthetic_content(source: Path, target: Path, *, stages: int, actions_per_stage: int) -> None:
    """A copy of the real content with `stages` overdue stages in all, each with its own actions.

    The real stages keep their files; the last real one ends where the synthetic ones begin, one
    day each, the last open-ended. Texts are numbered so no two are the same."""
    shutil.copytree(source, target)
    stage_dir = target / "stages"
    real = sorted(load_content(source).stages, key=lambda s: s.first_day)
    extra = stages - len(real)
    last = yaml.safe_load((stage_dir / f"{real[-1].slug}.yaml").read_text(encoding="utf-8"))
    first_day = last["days"]["from"] + 1
    if extra > 0:
        last["days"]["to"] = last["days"]["from"]
        (stage_dir / f"{real[-1].slug}.yaml").write_text(dump(last), encoding="utf-8")
    actions_file = target / "actions.yaml"
    catalogue = yaml.safe_load(actions_file.read_text(encoding="utf-8"))
    model = catalogue["actions"][0]
    for n in range(extra):
        slug = f"synthetic-{n:05d}"
        ids = [f"{slug}-{k}" for k in range(actions_per_stage)]
        for k, action_id in enumerate(ids):
            catalogue["actions"].append(numbered({**model, "id": action_id}, f"{n}.{k}"))
        stage = numbered({**last, "slug": slug, "actions": ids}, str(n))
        stage["days"] = {"from": first_day + n}
        if n < extra - 1:
            stage["days"]["to"] = first_day + n
        (stage_dir / f"{slug}.yaml").write_text(dump(stage), encoding="utf-8")
    actions_file.write_text(dump(catalogue), encoding="utf-8")


def numbered(item: dict, number: str) -> dict:
    """The same item with every text ending in its number."""

    def mark(value: object) -> object:
        if isinstance(value, dict) and set(value) >= {"zh-Hans", "en"}:
            return {lang: f"{text} {number}" for lang, text in value.items()}
        if isinstance(value, dict):
            return {
                k: v if k in ("id", "slug", "sources", "days") else mark(v)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [mark(v) for v in value]
        return value

    return mark(item)


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
