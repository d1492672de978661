"""Benchmark: filling the official forms of the protective-order DVRO sample against the fastest known
way to do the same file work, measured side by side in the same run.

Each round, one after the other, each side into a fresh folder:
  (a) fill: the seven forms of `legal-docs example protective-order --variant dvro` (DV-100, DV-101,
      DV-109, DV-110, CLETS-001, DV-200, DV-130) filled from the planner's answers as `generate` fills
      them (find the PDF by sha256, open, drop XFA and /Perms, set every field, draw appearances, tick
      boxes, name the fields, metadata, write once);
  (b) floor: qpdf (pikepdf) opening the same seven blank PDFs, dropping XFA and /Perms and saving them
      as `generate` saves every paper (to a temporary file, waited for on disk, renamed): the least
      any filler must do with these files, done the fastest way known here;
  (c) for reference, pypdf's open, decrypt, clone and write of the same blank PDFs (the floor this
      benchmark used before, and what filling cost when it was done with pypdf).
Each round runs the three back to back, each side first in turn (so a change of load mid-run falls
on all of them alike); the table gives the medians of wall and CPU seconds and, as each ratio against
(b), the median of the rounds' own ratios.

Run: `python benchmarks/bench_forms.py [--rounds N]`.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    import pikepdf
    import yaml
    from pypdf import PdfReader, PdfWriter

    from legal_docs.answers import validate_answers
    from legal_docs.forms import fill_form, find_form
    from legal_docs.kinds import example_name, get_kind
    from legal_docs.resources import templates_root

    spec = get_kind("protective-order")
    data = yaml.safe_load((templates_root() / example_name(spec, "dvro")).read_text(encoding="utf-8"))
    _, model = validate_answers(data, base_dir=ROOT)
    (plan,) = spec.planner(model)
    jobs = [(d.form, d.context["form_answers"], d.filename, d.title) for d in plan.documents if d.form]
    blanks = [find_form(form)[2] for form, *_ in jobs]

    def fill(out: Path) -> None:
        for form, answers, name, title in jobs:
            fill_form(form, answers, out=out / f"{name}.pdf", instance=name, title=title)

    def qpdf_floor(out: Path) -> None:
        for n, blank in enumerate(blanks):
            with pikepdf.open(blank) as pdf:
                if "/XFA" in pdf.Root.AcroForm:
                    del pdf.Root.AcroForm["/XFA"]
                if "/Perms" in pdf.Root:
                    del pdf.Root["/Perms"]
                part = out / f".{n}.pdf.part"  # written whole and waited for, then renamed, as every paper
                with part.open("wb") as fh:
                    pdf.save(fh)
                    fh.flush()
                    os.fsync(fh.fileno())
                part.replace(out / f"{n}.pdf")

    def pypdf_copy(out: Path) -> None:
        for n, blank in enumerate(blanks):
            reader = PdfReader(blank)
            if reader.is_encrypted:
                reader.decrypt("")
            writer = PdfWriter(clone_from=reader)
            with (out / f"{n}.pdf").open("wb") as fh:
                writer.write(fh)

    sides = (("floor", qpdf_floor), ("fill", fill), ("pypdf", pypdf_copy))
    wall: dict[str, list[float]] = {label: [] for label, _ in sides}
    cpu: dict[str, list[float]] = {label: [] for label, _ in sides}
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for _label, work in sides:  # warm the caches (maps, digests, fonts) and the disk for every side
            with tempfile.TemporaryDirectory(dir=tmp) as out:
                work(Path(out))
        for n in range(args.rounds):
            for label, work in sides[n % 3:] + sides[:n % 3]:  # each side first in turn
                with tempfile.TemporaryDirectory(dir=tmp) as out:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    work(Path(out))
                    wall[label].append(time.perf_counter() - start)
                    cpu[label].append(time.process_time() - start_cpu)
    median = statistics.median

    def ratio(label: str, times: dict[str, list[float]]) -> float:  # the rounds' own ratios' median
        return median(a / b for a, b in zip(times[label], times["floor"]))

    print(f"Load average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; {args.rounds} "
          "rounds, the three sides back to back, each first in turn; seconds are medians, a ratio is the "
          "median of the rounds' own ratios; CPU is this process's (one thread).")
    print()
    print(f"| {len(jobs)} official forms of the DVRO sample | wall s | vs floor | CPU s | vs floor |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, words in (("floor", "floor: qpdf (pikepdf) opens, drops XFA and /Perms, saves the blank PDFs (fsync, rename)"),
                         ("fill", "fill as `generate` does (qpdf, one pass, written once)"),
                         ("pypdf", "reference: pypdf opens, decrypts, clones, writes the blank PDFs")):
        print(f"| {words} | {median(wall[label]):.2f} | {ratio(label, wall):.2f}x | {median(cpu[label]):.2f} | "
              f"{ratio(label, cpu):.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
