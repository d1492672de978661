"""Benchmark: a cold `legal-docs generate` of one packet against bare LibreOffice on the same DOCX files.

Two packets, each against a bare `soffice --headless --convert-to pdf` of its own DOCX files in one
call, measured side by side in the same rounds (the fastest known way to make those PDFs: one
LibreOffice process, cold, with a fresh profile, as `generate` starts one):
  - vacatur: the sample cut to its Los Angeles offenses: its court papers and the client letter;
    limit 1.2x;
  - protective-order, DVRO route: seven official forms filled (no LibreOffice) and the client
    letter (1 DOCX); limit 1.5x (aim 1.2x): the forms are the Python-side work LibreOffice does not do.

Each round runs, one after the other, for each packet:
  (a) `legal-docs generate` in a new process into a fresh output folder (wall time);
  (b) one bare `soffice --headless --convert-to pdf` of the DOCX files that (a) wrote, with a
      fresh profile of its own (`legal-docs` also starts LibreOffice with a fresh profile, so both
      pay the same first-start cost).
The medians, their ratio and PASS/FAIL against the limit are printed as a Markdown table. A
second table compares `legal-docs --help` with `python -c pass` (start-up cost of the CLI).

Run with `make bench`, or `python benchmarks/bench_generate.py [--rounds N] [--check]`.
Exit status: 0, unless --check is given and a ratio is over its limit (1), or a run failed (2).
"""

from __future__ import annotations

import argparse
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


def timed(command: list[str], *, cwd: Path, timeout: float) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise BenchError(
            f"{Path(command[0]).name} exited {done.returncode}:\n"
            + done.stderr.decode(errors="replace")[-2000:]
        )
    return elapsed


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


def run_generate(legal_docs: str, answers: Path, out: Path, case: Case) -> tuple[float, list[Path]]:
    """(a): the wall time and the packet's DOCX files, after checking the packet is complete."""
    elapsed = timed(
        [legal_docs, "generate", str(answers), "--out", str(out)],
        cwd=answers.parent,
        timeout=GENERATE_TIMEOUT,
    )
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
    return elapsed, docx


def run_soffice(soffice: str, docx: list[Path], work: Path) -> float:
    """(b): one bare soffice call over the same files, with a fresh profile and output folder."""
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
    outdir = Path(tempfile.mkdtemp(prefix="soffice-out-", dir=work))
    elapsed = timed(
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
    return elapsed


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
        with tempfile.TemporaryDirectory(prefix="legal-docs-bench-") as tmp:
            work = Path(tmp)
            answers = {case.label: write_answers(legal_docs, work, case) for case in CASES}
            times: dict[str, tuple[list[float], list[float]]] = {case.label: ([], []) for case in CASES}
            for n in range(1, args.rounds + 1):
                for i, case in enumerate(CASES):
                    elapsed, docx = run_generate(legal_docs, answers[case.label], work / f"out-{n}-{i}", case)
                    bare = run_soffice(soffice, docx, work)
                    times[case.label][0].append(elapsed)
                    times[case.label][1].append(bare)
                    print(f"round {n}, {case.kind}: generate {elapsed:.2f} s, soffice {bare:.2f} s", file=sys.stderr)
            help_times: list[float] = []
            python_times: list[float] = []
            for _ in range(args.help_rounds):
                help_times.append(timed([legal_docs, "--help"], cwd=work, timeout=60))
                python_times.append(timed([sys.executable, "-c", "pass"], cwd=work, timeout=60))
    except (BenchError, subprocess.SubprocessError, OSError) as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 2

    print(
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average "
        f"{os.getloadavg()[0]:.1f} at the end; medians of {args.rounds} rounds (start-up: {args.help_rounds})."
    )
    print()
    print("| Packet | `legal-docs generate`, cold | bare `soffice`, same DOCX, one call | ratio | limit | |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    failed = False
    for case in CASES:
        gen = statistics.median(times[case.label][0])
        bare = statistics.median(times[case.label][1])
        ratio = gen / bare
        passed = ratio <= case.limit
        failed = failed or not passed
        print(f"| {case.label} ({case.documents} DOCX) | {gen:.2f} s | {bare:.2f} s | {ratio:.2f}x | "
              f"{case.limit}x | **{'PASS' if passed else 'FAIL'}** |")
    help_median = statistics.median(help_times)
    python_median = statistics.median(python_times)
    print()
    print("| Start-up | Median wall time |")
    print("| --- | ---: |")
    print(f"| `legal-docs --help` | {help_median * 1000:.0f} ms |")
    print(f"| `python -c pass` | {python_median * 1000:.0f} ms |")
    print(f"| ratio `--help` / `python -c pass` | {help_median / python_median:.2f}x |")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
