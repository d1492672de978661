"""Benchmark: filling the official forms of the protective-order DVRO sample against the fastest known
way to do the same file work, measured side by side in the same run.

Each round, one after the other, each side into a fresh folder:
  (a) fill: the seven forms of `legal-docs example protective-order --variant dvro` (DV-100, DV-101,
      DV-109, DV-110, CLETS-001, DV-200, DV-130) filled from the planner's answers as `generate` fills
      them (find the PDF by sha256, open, drop XFA and /Perms, set every field, draw appearances, tick
      boxes, name the fields, metadata, write once);
  (b) floor: qpdf (pikepdf) opening the same seven blank PDFs, dropping XFA and /Perms and saving them:
      the least any filler must do with these files, done the fastest way known here;
  (c) for reference, pypdf's open, decrypt, clone and write of the same blank PDFs (the floor this
      benchmark used before, and what filling cost when it was done with pypdf).
The medians and the ratios against (b) are printed as a Markdown table.

Run: `python benchmarks/bench_forms.py [--rounds N]`.
"""

from __future__ import annotations

import argparse
import logging
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
                pdf.save(out / f"{n}.pdf")

    def pypdf_copy(out: Path) -> None:
        for n, blank in enumerate(blanks):
            reader = PdfReader(blank)
            if reader.is_encrypted:
                reader.decrypt("")
            writer = PdfWriter(clone_from=reader)
            with (out / f"{n}.pdf").open("wb") as fh:
                writer.write(fh)

    sides = (("floor", qpdf_floor), ("fill", fill), ("pypdf", pypdf_copy))
    timings: dict[str, list[float]] = {label: [] for label, _ in sides}
    with tempfile.TemporaryDirectory() as tmp:
        for _label, work in sides:  # warm the caches (maps, digests, fonts) and the disk for every side
            with tempfile.TemporaryDirectory(dir=tmp) as out:
                work(Path(out))
        for _ in range(args.rounds):
            for label, work in sides:
                with tempfile.TemporaryDirectory(dir=tmp) as out:
                    start = time.perf_counter()
                    work(Path(out))
                    timings[label].append(time.perf_counter() - start)
    floor_s, fill_s, pypdf_s = (statistics.median(timings[k]) for k in ("floor", "fill", "pypdf"))
    print(f"| {len(jobs)} official forms of the DVRO sample, medians of {args.rounds} rounds | seconds | vs floor |")
    print("| --- | ---: | ---: |")
    print(f"| floor: qpdf (pikepdf) opens, drops XFA and /Perms, saves the blank PDFs | {floor_s:.2f} | 1.00x |")
    print(f"| fill as `generate` does (qpdf, one pass, written once) | {fill_s:.2f} | {fill_s / floor_s:.2f}x |")
    print(f"| reference: pypdf opens, decrypts, clones, writes the blank PDFs | {pypdf_s:.2f} | "
          f"{pypdf_s / floor_s:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
