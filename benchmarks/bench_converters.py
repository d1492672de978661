"""Benchmark: what one more conversion machine adds to a batch behind `--converter`.

Two real unoservers on this machine stand in for two machines (each its own LibreOffice; started as
the tests start them: unoserver from PyPI under the system python3 with python3-uno). One after the
other, each into a fresh folder, the same sheet of N one-county vacatur rows (one packet of court papers and a letter each):
  (1) `legal-docs batch --converter unoserver://A --jobs 1`;
  (2) `legal-docs batch --converter unoserver://A,unoserver://B --jobs 2`.
Each round runs (1) and (2) back to back, each first in turn (default 3 rounds). Printed: median wall
time, packets per minute and the gain of (2) over (1), the median of the rounds' own gains. On one 2-core machine the two
"machines" also share the cores with the batch's own Python, so the gain here is a lower bound of
what a second real machine adds.

Run: `python benchmarks/bench_converters.py [--rows 12] [--rounds 3]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the unoserver starter shared with the tests
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import write_sheet  # noqa: E402
from unoservers import unoserver  # noqa: E402


def run_batch(sheet: Path, out: Path, converter: str, jobs: int) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "legal_docs_cli.main", "batch", str(sheet), "--out", str(out),
         "--converter", converter, "--jobs", str(jobs)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=3600,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"batch exited {done.returncode}: {done.stdout[-800:]}{done.stderr[-800:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="legal-docs-bench-conv-") as tmp:
        work = Path(tmp)
        sheet = work / "clients.csv"
        write_sheet(sheet, args.rows)
        one: list[float] = []
        two: list[float] = []
        with unoserver(work / "a") as first, unoserver(work / "b") as second:
            run_batch(sheet, work / "warm", first.address, 1)  # each LibreOffice's first document is slow
            run_batch(sheet, work / "warm2", second.address, 1)
            for n in range(args.rounds):
                sides = [lambda: one.append(run_batch(sheet, work / f"one-{n}", first.address, 1)),
                         lambda: two.append(run_batch(sheet, work / f"two-{n}", f"{first.address},{second.address}", 2))]
                for side in sides if n % 2 == 0 else reversed(sides):  # each first in turn
                    side()
                print(f"round {n + 1}: one server {one[-1]:.1f} s, two {two[-1]:.1f} s", file=sys.stderr)
    one_s, two_s = statistics.median(one), statistics.median(two)
    gains = sorted(a / b for a, b in zip(one, two))
    rate = lambda s: args.rows / s * 60  # noqa: E731
    print(f"Load average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; {args.rounds} rounds, "
          "one server and two back to back, each first in turn; times are medians, the gain the median "
          "of the rounds' own gains.")
    print()
    print(f"| `--converter`, {args.rows} vacatur packets | wall time | packets per minute |")
    print("| --- | ---: | ---: |")
    print(f"| one unoserver, `--jobs 1` | {one_s:.1f} s | {rate(one_s):.1f} |")
    print(f"| two unoservers (two machines' stand-ins), `--jobs 2` | {two_s:.1f} s | {rate(two_s):.1f} |")
    print(f"| throughput gain of the second (rounds {gains[0]:.2f}x to {gains[-1]:.2f}x) | "
          f"{statistics.median(gains):.2f}x | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
