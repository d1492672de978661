"""`legal-docs batch` and the sheets `legal-docs example --format csv|xlsx` writes.

Light at import time: the batch machinery (docxtpl, pypdf, openpyxl, tqdm) is imported inside
the command, so `legal-docs --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from legal_docs.i18n import _

from legal_docs.errors import InputError

CONVERTER_HELP = (
    "Where DOCX becomes PDF: `local` (LibreOffice workers on this machine), a Gotenberg address "
    "(http://host:3000), a unoserver address (unoserver://host:2003), or several service addresses "
    "separated by commas (one per machine; a packet goes to a free one, and to another if one fails). "
    "A service receives the documents: use one the clinic runs."
)


REPLACE_HELP = (
    "Files in a packet folder that legal-docs did not make (or a Word file edited since) fail that row; "
    "with --replace they are moved into a dated set-aside folder beside it instead (never deleted)."
)


@click.command(epilog="""Examples:

\b
  legal-docs example vacatur --format xlsx > clients.xlsx
  legal-docs batch clients.xlsx --out out/ --jobs 2
  legal-docs batch clients.xlsx --out out/     again: complete, unchanged packets are kept

Then read out/review.csv (warnings, authorities to check) and out/errors.csv.""")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the packets: one sub-folder per client (matter_id or row-0001).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Conversions at a time: LibreOffice workers, or requests to a service (default: cores).")
@click.option("--converter", default="local", show_default=True, help=CONVERTER_HELP)
@click.option("--replace", is_flag=True, help=REPLACE_HELP)
@click.pass_obj
def batch(run: Any, input_path: Path, out_dir: Path, jobs: int | None, converter: str, replace: bool) -> None:
    """Make a packet for every client in INPUT: a CSV or XLSX sheet (one row per client, dotted
    column names; see `example KIND --format csv`), a JSONL file, or a folder of answers files.

    Bad rows are listed in OUT/errors.csv and the others are made; OUT/batch-manifest.json has
    every row's status. Rerunning skips packets already complete and unchanged. Exit 0 when every
    row succeeded, 1 otherwise.
    """

    def body() -> None:
        from legal_docs.batch import default_jobs, run_batch
        from legal_docs.sheet import open_source

        source = open_source(input_path)
        total = source.count()
        with _progress_bar(total) as on_row:
            result = run_batch(
                source, out_dir, jobs=jobs or default_jobs(), converter=converter, total=total, on_row=on_row,
                replace=replace, settings=run.settings,
            )
        click.echo(result.summary())
        if not result.ok:
            sys.exit(1)

    run(body)


class _progress_bar:
    """A bar on a terminal (rows done, rows with answers to fix, failures, rate, time left); nothing otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None
        self.invalid = 0
        self.failed = 0

    def __enter__(self) -> Any:
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit="row", file=sys.stderr, dynamic_ncols=True, desc="Packets")
        return self.on_row

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()

    def on_row(self, outcome: Any) -> None:
        if self.bar is None:
            return
        if outcome.status == "invalid":
            self.invalid += 1
        elif outcome.status not in ("done", "skipped", "no-petition"):
            self.failed += 1
        self.bar.set_postfix(to_fix=self.invalid, failed=self.failed, refresh=False)
        self.bar.update(1)


def echo_example_sheet(kind: str, fmt: str, *, example: str | None = None) -> None:
    """Write KIND's batch sheet (every column, one sample row from ``example``) to standard output."""
    import io

    from legal_docs.sheet import example_sheet, write_csv, xlsx_bytes

    headers, row = example_sheet(kind, example=example)
    if fmt == "csv":
        buffer = io.StringIO()
        write_csv(buffer, headers, [row])
        click.echo(buffer.getvalue(), nl=False)
        return
    out = sys.stdout.buffer
    if sys.stdout.isatty():
        raise InputError(
            _("An .xlsx workbook is not text: send it to a file, e.g. legal-docs example {kind} --format xlsx > "
              "clients.xlsx").format(kind=kind)
        )
    out.write(xlsx_bytes(headers, [row]))
    out.flush()
