"""`python manage.py time_message_check`: how long the message check takes for 3,000 characters
(the longest message it accepts), for several kinds of text. The goal is at most 5 ms."""

from __future__ import annotations

import statistics
import time

from django.core.management.base import BaseCommand

from stages.content import get_content
from stages.scam import check_message


def texts(length: int) -> dict[str, str]:
    """Texts of `length` characters, from the content's own example messages."""
    scams = get_content().scams
    every = "".join(str(p.text.zh_hans) for p in scams.pitches)
    english = " ".join(p.text.en for p in scams.pitches)
    reminder = str(scams.nothing_found.summary.zh_hans)
    samples = {
        "every common message, repeated (zh-Hans)": every,
        "every common message, repeated (en)": english,
        "advice text (few signs)": reminder,
        "one character repeated": "x",
    }
    return {name: (text * (length // len(text) + 1))[:length] for name, text in samples.items()}


class Command(BaseCommand):
    help = "Time the message check on 3,000-character messages (CPU time of this thread, and wall)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--runs", type=int, default=200, help="checks per text (default 200)")
        parser.add_argument("--length", type=int, default=3000, help="characters (default 3000)")

    def handle(self, *args, **options) -> None:
        scams = get_content().scams
        runs, length = max(options["runs"], 1), options["length"]
        out = self.stdout.write
        out(f"Message check, {length} characters, {runs} runs each (milliseconds)")
        out(f"{'text':44} {'cpu median':>10} {'cpu p95':>8} {'wall median':>11}")
        for name, text in texts(length).items():
            check_message(text, scams)  # warm: the first call loads OpenCC's tables
            cpu, wall = [], []
            for _ in range(runs):
                started, started_cpu = time.perf_counter(), time.thread_time()
                check_message(text, scams)
                cpu.append((time.thread_time() - started_cpu) * 1000)
                wall.append((time.perf_counter() - started) * 1000)
            cpu.sort()
            p95 = cpu[min(len(cpu) - 1, int(len(cpu) * 0.95))]
            out(
                f"{name:44} {statistics.median(cpu):10.2f} {p95:8.2f}"
                f" {statistics.median(wall):11.2f}"
            )
