"""Benchmark: filling the official forms of the protective-order DV sample against the floor of any
filling, measured in the same run.

Each round, one after the other:
  (a) fill: the seven forms of `legal-docs example protective-order --variant dvro` (DV-100, DV-101,
      DV-109, DV-110, CLETS-001, DV-200, DV-130) filled from the planner's answers, as `generate` does
      (find the PDF by sha256, decrypt, drop XFA, fill fields and checkboxes, draw appearances, wrap
      multi-line boxes, write);
  (b) floor: the same seven blank PDFs opened, decrypted, cloned into a writer and written unchanged.
The medians and their ratio are printed as a Markdown table. The PDFs are the ones shipped with the
tool (or LEGAL_DOCS_FORMS_DIR's, when set, as for `generate`).

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    import yaml
    from pypdf import PdfWriter

    from legal_docs.answers import validate_answers
    from legal_docs.forms import fill_form, find_form
    from legal_docs.kinds import example_name, get_kind
    from legal_docs.packet import _open_pdf
    from legal_docs.resources import templates_root

    spec = get_kind("protective-order")
    data = yaml.safe_load((templates_root() / example_name(spec, "dvro")).read_text(encoding="utf-8"))
    _, model = validate_answers(data, base_dir=ROOT)
    (plan,) = spec.planner(model)
    jobs = [(d.form, d.context["form_answers"], d.filename) for d in plan.documents if d.form]

    def fill(out: Path) -> None:
        for form, answers, name in jobs:
            fill_form(form, answers, out=out / f"{name}.pdf", instance=name)

    def floor(out: Path) -> None:
        for form, _answers, name in jobs:
            _spec, _rev, blank = find_form(form)
            writer = PdfWriter(clone_from=_open_pdf(blank, noun=form))
            with (out / f"{name}.pdf").open("wb") as fh:
                writer.write(fh)

    timings: dict[str, list[float]] = {"fill": [], "floor": []}
    with tempfile.TemporaryDirectory() as tmp:
        fill(Path(tmp))  # warm the caches (maps, digests, fonts) for both sides
        for _ in range(args.rounds):
            for label, work in (("floor", floor), ("fill", fill)):
                with tempfile.TemporaryDirectory(dir=tmp) as out:
                    start = time.perf_counter()
                    work(Path(out))
                    timings[label].append(time.perf_counter() - start)
    fill_s, floor_s = statistics.median(timings["fill"]), statistics.median(timings["floor"])
    print(f"| {len(jobs)} official forms, {args.rounds} rounds | median (s) |")
    print("|---|---|")
    print(f"| floor: open, decrypt, clone, write | {floor_s:.2f} |")
    print(f"| fill (legal-docs) | {fill_s:.2f} |")
    print(f"| ratio | {fill_s / floor_s:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
