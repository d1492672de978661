"""Benchmark: a cold `legal-docs generate` of one packet against bare LibreOffice on the same DOCX files.

Two packets, each against a bare `soffice --headless --convert-to pdf` of its own DOCX files in one
call, measured side by side in the same rounds (the fastest known way to make those PDFs: one
LibreOffice process, cold, with a fresh profile, as `generate` starts one):
  - vacatur: the sample cut to its Los Angeles offenses: its court papers and the client letter;
    limit 1.2x;
  - protective-order, DVRO route: seven official forms filled (no LibreOffice) and the client
    letter (1 DOCX); limit 1.5x (aim 1.2x): the forms are the Python-side work LibreOffice does not do.

How it is measured, to keep the ratio honest on a shared machine:
  - one untimed `generate` per packet first (it writes the DOCX files the baseline converts, and
    warms the disk cache and Python's bytecode for both sides);
  - then each round runs, for each packet, (a) `legal-docs generate` in a new process into a fresh
    output folder and (b) one bare `soffice --headless --convert-to pdf` of that packet's DOCX
    files with a fresh profile of its own (`legal-docs` also starts LibreOffice with a fresh
    profile, so both pay the same first start), back to back, in alternating order (a then b in
    odd rounds, b then a in even ones), so a change of load mid-run falls on both sides alike;
  - the ratio checked against the limit is the median of the rounds' own ratios (each a pair run
    back to back), not a ratio of medians taken minutes apart; the medians are shown beside it;
  - CPU seconds are reported too (user + system): `generate`'s own Python process, and the bare
    `soffice` call with the LibreOffice it waited for. On a busy machine wall time grows with the
    load, CPU time much less, so they say where the time goes when the wall-clock ratio is noisy.
    (`generate`'s LibreOffice is not counted: it is not a child `generate` waits for in a way
    getrusage sees, so no "CPU ratio" is printed.)
The table is Markdown; the load average is printed at the start and at the end. A second table
compares `legal-docs --help` with `python -c pass` (start-up cost of the CLI), alternating too.

Run with `make bench`, or `python benchmarks/bench_generate.py [--rounds N] [--check]`.
Exit status: 0, unless --check is given and a ratio is over its limit (1), or a run failed (2).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

COUNTY = "Los Angeles"


class Case:
    """One packet to time: the sample answers, the packet folder it makes, its DOCX count, the limit."""

    def __init__(self, label: str, kind: str, variant: str | None, folder: str, documents: int, limit: float):
        self.label, self.kind, self.variant = label, kind, variant
        self.folder, self.documents, self.limit = folder, documents, limit


CASES = [
    Case("vacatur: court papers + letter", "vacatur", None, "los-angeles", 0, 1.2),
    Case("protective order (DVRO): 7 official forms + letter", "protective-order", "dvro", "alameda", 0, 1.5),
]
GENERATE_TIMEOUT = 600
SOFFICE_TIMEOUT = 300


class BenchError(RuntimeError):
    pass


def legal_docs_command() -> str:
    """The `legal-docs` installed beside this interpreter (the project venv), else on PATH."""
    beside = Path(sys.executable).parent / "legal-docs"
    if beside.is_file():
        return str(beside)
    found = shutil.which("legal-docs")
    if found is None:
        raise BenchError("`legal-docs` is not installed: run `make setup` first")
    return found


def soffice_command() -> str:
    from legal_docs.convert import find_soffice  # light: no docxtpl or pypdf

    return find_soffice()


class Timing:
    """Wall seconds and CPU seconds (user + system of the process and the children it waited for)."""

    def __init__(self, wall: float, cpu: float, python_cpu: float | None = None):
        self.wall, self.cpu, self.python_cpu = wall, cpu, python_cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# An installed legal-docs has its bytecode compiled (pip does it); a shell that sets
# PYTHONDONTWRITEBYTECODE would make every run here compile the package's modules again (0.2 s of
# CPU measured), which no user pays. So the untimed first run writes the bytecode, as said above.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], *, cwd: Path, timeout: float) -> Timing:
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, env=ENV
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise BenchError(
            f"{Path(command[0]).name} exited {done.returncode}:\n"
            + done.stderr.decode(errors="replace")[-2000:]
        )
    return Timing(elapsed, _children_cpu() - cpu_before)


# `legal-docs` run in this interpreter as its console script runs it (legal_docs_cli.launch, which
# starts LibreOffice before the imports), writing the CPU seconds of its own Python process,
# LibreOffice aside, to a file on exit.
RUNNER = """
import atexit, resource, sys
out = sys.argv.pop(1)
def own():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    open(out, "w").write(repr(usage.ru_utime + usage.ru_stime))
atexit.register(own)
sys.argv[0] = "legal-docs"
from legal_docs_cli.launch import main
main()
"""


def write_answers(legal_docs: str, folder: Path, case: Case) -> Path:
    """The sample answers of `case` (vacatur: cut to the Los Angeles offenses, one packet)."""
    command = [legal_docs, "example", case.kind] + (["--variant", case.variant] if case.variant else [])
    example = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout
    answers = yaml.safe_load(example)
    if case.kind == "vacatur":
        answers["offenses"] = [o for o in answers["offenses"] if o.get("county") == COUNTY]
        if not answers["offenses"]:
            raise BenchError(f"The example has no {COUNTY} offenses any more")
    path = folder / f"{case.kind}.yaml"
    path.write_text(yaml.safe_dump(answers, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def run_generate(answers: Path, out: Path, case: Case) -> tuple[Timing, list[Path]]:
    """(a): the wall and CPU time and the packet's DOCX files, after checking the packet is complete."""
    own = out.parent / f"{out.name}.cpu"
    timing = timed(
        [sys.executable, "-c", RUNNER, str(own), "generate", str(answers), "--out", str(out)],
        cwd=answers.parent,
        timeout=GENERATE_TIMEOUT,
    )
    timing.python_cpu = float(own.read_text())
    folders = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    if folders != [case.folder]:
        raise BenchError(f"Expected one packet folder {case.folder!r}, got {folders}")
    packet = out / case.folder
    manifest = json.loads((packet / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("status") != "complete":
        raise BenchError(f"Packet status is {manifest.get('status')!r}, not 'complete'")
    docx = sorted(packet.glob("*.docx"))
    if not docx:
        raise BenchError("The packet has no DOCX files")
    case.documents = len(docx)  # what the table reports
    return timing, docx


def run_soffice(soffice: str, docx: list[Path], work: Path) -> Timing:
    """(b): one bare soffice call over the same files, with a fresh profile and output folder."""
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
    outdir = Path(tempfile.mkdtemp(prefix="soffice-out-", dir=work))
    timing = timed(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, docx),
        ],
        cwd=work,
        timeout=SOFFICE_TIMEOUT,
    )
    # soffice exits 0 even when it wrote nothing: a run without every PDF does not count.
    made = sorted(p.stem for p in outdir.glob("*.pdf") if p.stat().st_size > 0)
    if made != sorted(p.stem for p in docx):
        raise BenchError(f"Bare soffice wrote {len(made)} of {len(docx)} PDFs")
    return timing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="generate/soffice pairs (default 5)")
    parser.add_argument(
        "--help-rounds", type=int, default=15, help="`--help` / `python -c pass` pairs (default 15)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a ratio is over its limit")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.help_rounds < 1:
        parser.error("rounds must be at least 1")

    try:
        legal_docs = legal_docs_command()
        soffice = soffice_command()
        load_start = os.getloadavg()[0]
        with tempfile.TemporaryDirectory(prefix="legal-docs-bench-") as tmp:
            work = Path(tmp)
            answers = {case.label: write_answers(legal_docs, work, case) for case in CASES}
            docx = {case.label: run_generate(answers[case.label], work / f"warm-{i}", case)[1]
                    for i, case in enumerate(CASES)}  # untimed: the DOCX files (b) converts
            gen: dict[str, list[Timing]] = {case.label: [] for case in CASES}
            bare: dict[str, list[Timing]] = {case.label: [] for case in CASES}
            for n in range(1, args.rounds + 1):
                for i, case in enumerate(CASES):
                    sides = [lambda: gen[case.label].append(
                                 run_generate(answers[case.label], work / f"out-{n}-{i}", case)[0]),
                             lambda: bare[case.label].append(run_soffice(soffice, docx[case.label], work))]
                    for side in sides if n % 2 else reversed(sides):
                        side()
                    print(f"round {n}, {case.kind}: generate {gen[case.label][-1].wall:.2f} s, "
                          f"soffice {bare[case.label][-1].wall:.2f} s", file=sys.stderr)
            help_times: list[float] = []
            python_times: list[float] = []
            for n in range(args.help_rounds):
                pair = [lambda: help_times.append(timed([legal_docs, "--help"], cwd=work, timeout=60).wall),
                        lambda: python_times.append(timed([sys.executable, "-c", "pass"], cwd=work, timeout=60).wall)]
                for side in pair if n % 2 else reversed(pair):
                    side()
    except (BenchError, subprocess.SubprocessError, OSError) as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 2

    median = statistics.median
    print(
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average "
        f"{load_start:.1f} at the start and {os.getloadavg()[0]:.1f} at the end; {args.rounds} rounds, "
        f"each side run back to back in alternating order (start-up: {args.help_rounds} pairs)."
    )
    print()
    print("| Packet | `legal-docs generate`, cold | bare `soffice`, same DOCX, one call | ratio | limit | |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    failed = False
    for case in CASES:
        ours, theirs = gen[case.label], bare[case.label]
        ratio = median(a.wall / b.wall for a, b in zip(ours, theirs))
        spread = sorted(a.wall / b.wall for a, b in zip(ours, theirs))
        passed = ratio <= case.limit
        failed = failed or not passed
        print(f"| {case.label} ({case.documents} DOCX) | {median(t.wall for t in ours):.2f} s | "
              f"{median(t.wall for t in theirs):.2f} s | {ratio:.2f}x ({spread[0]:.2f} to {spread[-1]:.2f}) | "
              f"{case.limit}x | **{'PASS' if passed else 'FAIL'}** |")
    print()
    print("Ratio: the median of the rounds' ratios (the range in brackets); times: medians.")
    print()
    print("| Packet, CPU seconds (medians) | `generate`'s Python process (its LibreOffice aside) | "
          "bare `soffice` (LibreOffice's own) |")
    print("| --- | ---: | ---: |")
    for case in CASES:
        ours, theirs = gen[case.label], bare[case.label]
        print(f"| {case.label} | {median(t.python_cpu or 0.0 for t in ours):.2f} | "
              f"{median(t.cpu for t in theirs):.2f} |")
    help_median = median(help_times)
    python_median = median(python_times)
    print()
    print("| Start-up | Median wall time |")
    print("| --- | ---: |")
    print(f"| `legal-docs --help` | {help_median * 1000:.0f} ms |")
    print(f"| `python -c pass` | {python_median * 1000:.0f} ms |")
    print(f"| ratio `--help` / `python -c pass` | {median(h / p for h, p in zip(help_times, python_times)):.2f}x |")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
