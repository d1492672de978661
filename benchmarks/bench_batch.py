"""Benchmark: `legal-docs batch` against bare LibreOffice, and its memory for many rows.

The requirement (issues 6 and 20): 100 vacatur packets with `--jobs 2` against
  (a) bare `soffice` converting the same DOCX files in two parallel calls, each with its own
      profile (the conversion floor): batch wall time at most 1.3x of it;
  (b) one cold `soffice` per document: batch at least 5x faster;
and the peak memory of the Python process under 300 MB for 500 rows.

What runs, one after the other, in one process tree (--rounds times for 1-2, default 3; the batch
and the floor (a') back to back in alternating order, batch first in odd rounds, floor first in even
ones, so a change of load mid-run falls on both; the ratio checked is the median of the rounds' own
ratios):
  1. `legal-docs batch` over a CSV of N one-county rows (one packet each) with --jobs J, in a new
     Python process whose peak RSS (getrusage, its own, not LibreOffice's) is reported;
  2. (a) every DOCX that run wrote, copied to two folders, converted by two parallel bare
     `soffice --headless --convert-to pdf` calls with fresh profiles; the PDFs they wrote are
     counted, because soffice exits 0 even when it skipped files, and with more than about 250
     files in one call it does: (a') is the same two parallel lanes in calls of at most 200
     files, which writes them all, and is the floor the limit is checked against ((a) runs in
     the first round only, for reference);
  3. (b) a sample of K documents, each converted by its own `soffice` process (the profile is
     warmed by one untimed call first, which favours the baseline); the mean is multiplied by
     the number of documents: an extrapolation, said so in the table;
  4. `legal-docs batch` over M rows (default 500) for peak memory.
The table is Markdown, ready for the README. Ratios are from one run, not a timed test.

Run: `.venv/bin/python benchmarks/bench_batch.py [--packets 100] [--jobs 2] [--memory-rows 500]`.
Exit status: 0, or 1 with --check when a limit is missed, or 2 when a run failed.
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

FLOOR_LIMIT = 1.3
COLD_FACTOR = 5.0
MEMORY_LIMIT_MB = 300
COUNTY = "Los Angeles"
TIMEOUT = 3600
# One bare soffice call given more than about 250 files here exits 0 having silently skipped
# the rest (LibreOffice 7.4.7), so (a') feeds each lane in calls of at most this many.
PER_CALL = 200

# Runs the CLI in this interpreter and writes the process's own peak RSS (kB) to a file on exit.
RUNNER = """
import atexit, resource, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))
from legal_docs_cli.main import main
main(sys.argv[1:], prog_name="legal-docs")
"""


class BenchError(RuntimeError):
    pass


def write_sheet(path: Path, rows: int) -> None:
    """The example answers cut to one county (one packet per row), `rows` times, as a CSV."""
    from legal_docs.resources import template_file
    from legal_docs.sheet import flatten

    example = yaml.safe_load(template_file("vacatur/example.yaml").read_text(encoding="utf-8"))
    example["offenses"] = [o for o in example["offenses"] if o.get("county") == COUNTY]
    flat = []
    for i in range(1, rows + 1):
        row = copy.deepcopy(example)
        row["matter_id"] = f"bench-{i:04d}"
        flat.append(flatten(row))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(flat[0]))
        writer.writeheader()
        writer.writerows(flat)


def run_batch(sheet: Path, out: Path, *, jobs: int, work: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of `legal-docs batch` in a new process."""
    rss_file = work / f"rss-{out.name}.txt"
    command = [sys.executable, "-c", RUNNER, str(rss_file), "batch", str(sheet), "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise BenchError(f"batch exited {done.returncode}: {done.stdout[-500:]}{done.stderr[-1500:]}")
    print(f"  {done.stdout.strip()}", file=sys.stderr)
    return elapsed, int(rss_file.read_text()) // 1024


def packet_docx(out: Path) -> list[Path]:
    """Every DOCX the batch converted, after checking each packet is complete."""
    files = []
    for manifest_path in sorted(out.glob("*/*/manifest.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest["status"] != "complete":
            raise BenchError(f"{manifest_path.parent.name}: packet is {manifest['status']}")
        files += [manifest_path.parent / d["docx"] for d in manifest["documents"]]
        files += [manifest_path.parent / e["cover_docx"] for e in manifest["exhibits"]]
    return files


def soffice(program: str, files: list[Path], outdir: Path, profile: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def run_floor(program: str, docx: list[Path], work: Path, *, per_call: int | None = None) -> tuple[float, int]:
    """(a): two parallel lanes of bare soffice over halves of the files, each lane one call (or
    calls of at most `per_call` files, one after the other); wall seconds, PDFs written."""
    tag = f"floor-{per_call or 'all'}"
    halves = []
    for lane in (0, 1):
        folder = work / f"{tag}-in-{lane}"
        folder.mkdir()
        copies = []
        for path in docx[lane::2]:
            target = folder / f"{path.parent.parent.name}-{path.name}"
            shutil.copyfile(path, target)
            copies.append(target)
        halves.append(copies)
    outs = [work / f"{tag}-out-{lane}" for lane in (0, 1)]

    def lane(i: int) -> None:
        size = per_call or len(halves[i])
        for start in range(0, len(halves[i]), size):
            soffice(program, halves[i][start:start + size], outs[i], work / f"{tag}-profile-{i}").wait(timeout=TIMEOUT)

    import threading

    started = time.perf_counter()
    lanes = [threading.Thread(target=lane, args=(i,)) for i in (0, 1)]
    for t in lanes:
        t.start()
    for t in lanes:
        t.join()
    elapsed = time.perf_counter() - started
    made = sum(1 for o in outs for p in o.glob("*.pdf") if p.stat().st_size > 0)
    return elapsed, made


def run_cold(program: str, docx: list[Path], work: Path, sample: int) -> float:
    """(b): mean seconds of one soffice process per document, over `sample` documents."""
    profile = work / "cold-profile"
    out = work / "cold-out"
    soffice(program, docx[:1], out, profile).wait(timeout=600)  # warm the profile, untimed
    step = max(1, len(docx) // sample)
    chosen = docx[::step][:sample]
    times = []
    for path in chosen:
        started = time.perf_counter()
        soffice(program, [path], out, profile).wait(timeout=600)
        times.append(time.perf_counter() - started)
        if not (out / f"{path.stem}.pdf").is_file():
            raise BenchError(f"cold soffice wrote no PDF for {path.name}")
    return sum(times) / len(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packets", type=int, default=100, help="rows (one packet each) to time (100)")
    parser.add_argument("--jobs", type=int, default=2, help="batch --jobs (2)")
    parser.add_argument("--rounds", type=int, default=3, help="batch / bare soffice pairs, medians (3)")
    parser.add_argument("--cold-sample", type=int, default=10, help="documents timed one process each (10)")
    parser.add_argument("--memory-rows", type=int, default=500, help="rows for the memory run; 0 skips it (500)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a limit is missed")
    args = parser.parse_args(argv)

    from legal_docs.convert import find_soffice

    try:
        program = find_soffice()
        load_start = os.getloadavg()[0]
        with tempfile.TemporaryDirectory(prefix="legal-docs-bench-batch-") as tmp:
            work = Path(tmp)
            sheet = work / "clients.csv"
            write_sheet(sheet, args.packets)
            batch_times, floor_times, fair_times, rss_values = [], [], [], []
            floor_made = fair_made = 0
            docx: list[Path] = []
            for n in range(1, args.rounds + 1):
                round_dir = work / f"round-{n}"
                round_dir.mkdir()

                def batch_side(n: int = n, round_dir: Path = round_dir) -> list[Path]:
                    print(f"round {n}: batch of {args.packets} packets, --jobs {args.jobs}", file=sys.stderr)
                    seconds, rss = run_batch(sheet, round_dir / "out", jobs=args.jobs, work=round_dir)
                    batch_times.append(seconds)
                    rss_values.append(rss)
                    if len(list((round_dir / "out").glob("*/*/manifest.json"))) != args.packets:
                        raise BenchError("the batch did not make one packet per row")
                    return packet_docx(round_dir / "out")

                def floor_side(n: int = n, round_dir: Path = round_dir) -> None:
                    nonlocal fair_made
                    print(f"round {n}: (a') two parallel lanes of bare soffice over {len(docx)} DOCX, "
                          f"calls of at most {PER_CALL} files", file=sys.stderr)
                    seconds, fair_made = run_floor(program, docx, round_dir, per_call=PER_CALL)
                    fair_times.append(seconds)

                if n % 2:  # odd rounds: the batch first (round 1 makes the DOCX the floor converts)
                    docx = batch_side()
                    floor_side()
                else:  # even rounds: the floor first, on the same files (the last round's batch made them)
                    floor_side()
                    batch_side()
                if n == 1:  # (a), for reference only: one call per lane, which skips files past ~250
                    print(f"round {n}: (a) two parallel bare soffice calls over {len(docx)} DOCX", file=sys.stderr)
                    seconds, floor_made = run_floor(program, docx, round_dir)
                    floor_times.append(seconds)
            print(f"(b) {args.cold_sample} documents, one soffice each", file=sys.stderr)
            cold_mean = run_cold(program, docx, work, args.cold_sample)
            memory: tuple[int, float, int] | None = None
            if args.memory_rows:
                print(f"memory: batch of {args.memory_rows} rows", file=sys.stderr)
                big = work / "many.csv"
                write_sheet(big, args.memory_rows)
                seconds, rss = run_batch(big, work / "out-many", jobs=args.jobs, work=work)
                memory = (args.memory_rows, seconds, rss)
    except (BenchError, subprocess.SubprocessError, OSError) as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 2

    batch_s = statistics.median(batch_times)
    floor_s = statistics.median(floor_times)
    fair_s = statistics.median(fair_times)
    batch_rss = max(rss_values)
    round_ratios = sorted(b / f for b, f in zip(batch_times, fair_times))
    cold_total = cold_mean * len(docx)
    floor_ratio = batch_times[0] / floor_s
    fair_ratio = statistics.median(round_ratios)  # each round's pair run back to back
    cold_ratio = cold_total / batch_s
    verdicts = [fair_ratio <= FLOOR_LIMIT, cold_ratio >= COLD_FACTOR]
    mark = lambda ok: "PASS" if ok else "FAIL"  # noqa: E731
    print(
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {load_start:.1f} at the "
        f"start and {os.getloadavg()[0]:.1f} at the end; {args.rounds} round(s), batch and floor back to "
        "back in alternating order; times are medians, the ratio the median of the rounds' own ratios."
    )
    print()
    print("| What | Wall time | |")
    print("| --- | ---: | --- |")
    print(f"| `legal-docs batch`, {args.packets} vacatur packets ({len(docx)} DOCX), `--jobs {args.jobs}` "
          f"| {batch_s:.1f} s | |")
    print(f"| (a) two parallel bare `soffice` calls, own profiles, same DOCX: "
          f"wrote {floor_made} of {len(docx)} PDFs | {floor_s:.1f} s | |")
    print(f"| (a') the same two parallel lanes in calls of at most {PER_CALL} files: "
          f"wrote {fair_made} of {len(docx)} PDFs | {fair_s:.1f} s | |")
    print(f"| batch / (a') (limit {FLOOR_LIMIT}x; rounds {round_ratios[0]:.2f}x to {round_ratios[-1]:.2f}x) "
          f"| {fair_ratio:.2f}x | **{mark(verdicts[0])}** |")
    print(f"| batch / (a) (round 1 only), which skipped {len(docx) - floor_made} files | {floor_ratio:.2f}x | |")
    print(f"| (b) one `soffice` per document: {cold_mean:.2f} s mean of {args.cold_sample}, "
          f"x {len(docx)} (extrapolated) | {cold_total:.0f} s | |")
    print(f"| (b) / batch (at least {COLD_FACTOR:g}x) | {cold_ratio:.1f}x | **{mark(verdicts[1])}** |")
    print(f"| peak memory of the batch's Python process, {args.packets} rows | {batch_rss} MB | |")
    if memory is not None:
        rows, seconds, rss = memory
        verdicts.append(rss < MEMORY_LIMIT_MB)
        print(f"| peak memory of the batch's Python process, {rows} rows ({seconds:.0f} s) "
              f"(limit {MEMORY_LIMIT_MB} MB) | {rss} MB | **{mark(verdicts[-1])}** |")
    return 1 if args.check and not all(verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
