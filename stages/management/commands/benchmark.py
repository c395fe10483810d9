"""`python manage.py benchmark` (README: `make bench`): the production server on loopback, measured
in one bounded run. Every request goes to 127.0.0.1; every loop stops by itself."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from overdue_help.production import collect_static, running_server
from stages import bench
from stages.examples import FULL_ANSWERS

PLAN = f"/plan/?{FULL_ANSWERS}"
TARGETS = {
    "minimal view (/healthz)": "/healthz",
    "home": "/",
    "stage page": "/stages/calls/",
    "plan page": PLAN,
}
SCALE = (125, 250, 500, 1000)


class Command(BaseCommand):
    help = "Throughput, p99 latency, memory, bytes and content load time of the production server."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seconds", type=int, default=10, help="wrk run per page (default 10)")
        parser.add_argument("--connections", type=int, default=8, help="per page run (default 8)")
        parser.add_argument("--load-seconds", type=int, default=60, help="mixed load run (60)")
        parser.add_argument("--load-connections", type=int, default=50, help="mixed load run (50)")
        parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
        parser.add_argument("--skip-scale", action="store_true", help="no synthetic content run")

    def handle(self, *args, **options) -> None:
        out = self.stdout.write
        with tempfile.TemporaryDirectory(prefix="overdue-bench-") as tmp:
            work = Path(tmp)
            ms, _ = bench.time_load(settings.CONTENT_DIR, runs=5)
            out(f"Content load at start-up: {ms:.1f} ms")
            if not options["skip_scale"]:
                self.scale(work)
            collect_static(work / "static")
            log = work / "server.log"
            with running_server(work / "static", log, workers=options["workers"]) as server:
                self.pages(
                    server.url, work, seconds=options["seconds"], connections=options["connections"]
                )
                memory = bench.worker_memory_mb(server.process.pid)
                rss = sum(r for r, _ in memory) / len(memory)
                pss = sum(p for _, p in memory) / len(memory)
                out(
                    f"Memory per worker ({len(memory)} workers): RSS {rss:.1f} MB, PSS {pss:.1f} MB"
                )
                first, repeat = bench.visit_bytes(server.url + PLAN)
                out(f"Plan page: first visit {first / 1024:.1f} KB, repeat {repeat / 1024:.1f} KB")
                load = bench.wrk(
                    [server.url + path for path in TARGETS.values() if path != "/healthz"],
                    seconds=options["load_seconds"],
                    connections=options["load_connections"],
                    script_dir=work,
                )
                out(
                    f"Load run, {options['load_seconds']} s at {options['load_connections']} "
                    f"connections (home, stage, plan in turn): {load.requests} requests, "
                    f"{load.per_second:.0f} req/s, p99 {load.p99_ms:.1f} ms, {load.errors} errors"
                )
                errors = log.read_text().count("[ERROR]")
                out(f"Server log errors: {errors}")

    def pages(self, url: str, work: Path, *, seconds: int, connections: int) -> None:
        results = {}
        for name, path in TARGETS.items():
            results[name] = bench.wrk(
                [url + path], seconds=seconds, connections=connections, script_dir=work
            )
            r = results[name]
            self.stdout.write(
                f"{name:26} {r.per_second:8.0f} req/s   p99 {r.p99_ms:6.1f} ms   {r.errors} errors"
            )
        baseline = results["minimal view (/healthz)"].per_second
        for name in ("home", "stage page", "plan page"):
            self.stdout.write(f"{name} / minimal view: {results[name].per_second / baseline:.2f}")

    def scale(self, work: Path) -> None:
        """Load time against content size: linear growth keeps ms per stage about flat."""
        for stages in SCALE:
            root = work / f"scale-{stages}" / "content"
            bench.synthetic_content(settings.CONTENT_DIR, root, stages=stages, actions_per_stage=10)
            ms, content = bench.time_load(root, runs=1)
            actions = {a.id for s in content.stages for a in s.actions}
            self.stdout.write(
                f"Synthetic content: {len(content.stages):5} stages, {len(actions):6} actions: "
                f"{ms:8.0f} ms ({ms / len(content.stages):.2f} ms per stage)"
            )
