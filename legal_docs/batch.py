"""`legal-docs batch`: a packet for every row of a sheet, through the same pipeline as `generate`.

The main thread reads a row, validates and plans it (`plan_mapping`, as `generate` does) and
queues each packet that is missing or out of date; worker threads render, convert (on the
converter: the local LibreOffice pool by default) and assemble each packet with
`pipeline.make_packet`, which stages it in a hidden folder and renames it into place whole. The
queue is bounded, so memory stays flat however many rows there are.

Output: `OUT/<matter id or row-0001>/<court>/` per packet, `OUT/errors.csv` (row, matter id,
field label, column, plain message: never a cell's value) and `OUT/batch-manifest.json` (every
row's status and packets). A rerun skips packets whose manifest says complete with the same
answers, templates, clauses and exhibits, and makes the rest.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import json
import logging
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import atomic_write
from .answers import describe_loc
from .clauses import clause_hashes
from .errors import InputError, LegalDocsError, Problem
from .i18n import _, ngettext
from .manifest import Manifest, read_manifest
from .pipeline import Planned, make_packet, plan_mapping, prepare_out_folder, private_files
from .plan import PacketPlan
from .render import template_path
from .resources import sha256_file
from .settings import Settings, in_context, use
from .sheet import MATTER_ID, SHEET_FORMATS, Row, Source, matter_folder, safe_cell, spreadsheet_habits, typed

log = logging.getLogger(__name__)

BATCH_MANIFEST = "batch-manifest.json"
ERRORS_CSV = "errors.csv"
ERROR_COLUMNS = ["row", "matter_id", "field", "column", "message"]
REVIEW_CSV = "review.csv"
REVIEW_COLUMNS = ["row", "matter_id", "courts", "what", "message"]  # courts: the packets an item concerns
LOCK = ".batch.lock"
SCHEMA_VERSION = 1

# Row statuses: made now, already complete, valid but nothing to file, bad answers, failed.
OK_STATUSES = ("done", "skipped", "no-petition")


@dataclass
class RowOutcome:
    number: int
    matter_id: str
    status: str = "done"
    kind: str | None = None
    packets: list[dict[str, Any]] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)  # errors.csv's field (label), column (dotted), message
    source: str = ""
    notes: list[str] = field(default_factory=list)  # what was done to the row's cells (a ZIP padded...)

    def entry(self) -> dict[str, Any]:
        out: dict[str, Any] = {"row": self.number, "matter_id": self.matter_id, "status": self.status,
                               "kind": self.kind, "packets": self.packets, "errors": len(self.errors)}
        if self.notes:
            out["cells_changed"] = self.notes
        if self.source:
            out["source"] = self.source
        return out

    def review_lines(self) -> Iterator[tuple[str, str, str]]:
        """(courts, what, message) for review.csv: the cells changed, then the packets' warnings
        (offenses left out among them) and authorities to check before filing, each item once
        with the courts of the packets it concerns ("Los Angeles; Orange")."""
        for note in self.notes:
            yield "", "cell changed", note
        items: dict[tuple[str, str], list[str]] = {}
        for packet in sorted(self.packets, key=lambda p: str(p.get("court") or "")):
            court = str(packet.get("court") or "")
            for what, key in (("warning", "warnings"), ("check before filing", "needs_review")):
                for line in packet.get(key, []):
                    courts = items.setdefault((what, line), [])
                    if court and court not in courts:
                        courts.append(court)
        for (what, line), courts in sorted(items.items(), key=lambda item: item[0][0] != "warning"):
            yield "; ".join(courts), what, line


@dataclass
class BatchResult:
    rows: int = 0
    done: int = 0
    skipped: int = 0
    no_petition: int = 0
    invalid: int = 0  # answers to fix (errors.csv names each field)
    failed: int = 0  # a packet that could not be made from valid answers
    warnings: int = 0  # review.csv: warnings (offenses left out among them) and cells changed
    to_check: int = 0  # review.csv: authorities to check before filing
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.invalid == 0

    def summary(self) -> str:
        parts = [_("{n} made").format(n=self.done), _("{n} already complete").format(n=self.skipped)]
        if self.no_petition:
            parts.append(_("{n} with nothing to file").format(n=self.no_petition))
        if self.invalid:
            parts.append(_("{n} with answers to fix (see {file})").format(n=self.invalid, file=ERRORS_CSV))
        failed = _("{n} failed (see {file})").format(n=self.failed, file=ERRORS_CSV) if self.failed else _("0 failed")
        if self.warnings or self.to_check:
            failed += "; " + _("{warnings} and {checks} (see {file})").format(
                warnings=ngettext("{n} warning", "{n} warnings", self.warnings).format(n=self.warnings),
                checks=ngettext("{n} item to check before filing", "{n} items to check before filing",
                                self.to_check).format(n=self.to_check),
                file=REVIEW_CSV)
        return ngettext("Batch: {rows} row: {parts}, {failed}; {seconds} s.",
                        "Batch: {rows} rows: {parts}, {failed}; {seconds} s.", self.rows).format(
            rows=self.rows, parts=", ".join(parts), failed=failed, seconds=f"{self.seconds:.0f}")


OnRow = Callable[[RowOutcome], None]


def run_batch(
    source: Source,
    out_dir: Path,
    *,
    jobs: int,
    converter: str | None = None,
    total: int | None = None,
    on_row: OnRow = lambda _: None,
    replace: bool = False,
    settings: Settings | None = None,
) -> BatchResult:
    """Make every row's packets under `out_dir` with `settings` (None: those in force; the workers
    use them too); report each finished row to `on_row`. A person's files in a packet folder to be
    remade fail that row, unless `replace` (set aside; ownership.py)."""
    from .converters import open_converter
    from .pipeline import import_pdf_libraries

    import_pdf_libraries()  # before the workers: first imports from several threads can deadlock
    started = time.monotonic()
    with use(settings), private_files(), _locked(out_dir):
        _remove_leftovers(out_dir)
        recorder = _Recorder(out_dir, on_row)
        remote = (converter or "local").strip() != "local"
        threads = jobs if remote else 2 * jobs  # extra threads render and merge while LibreOffice converts
        work: queue.Queue[_Task | None] = queue.Queue(maxsize=2 * threads)
        stopping = threading.Event()
        ended: list[threading.Event] = []
        with recorder:
            try:
                with open_converter(converter, jobs=jobs) as conv:
                    guarded = _StopsWithTheRun(conv, stopping)
                    # each worker says it has ended by its own Event: a Thread.join() interrupted by
                    # Ctrl-C leaves the thread looking ended to a later join (CPython before 3.13)
                    ended = [threading.Event() for _ in range(threads)]
                    workers = [
                        threading.Thread(target=in_context(_worker), args=(work, guarded, recorder, ended[i]),
                                         daemon=True, name=f"batch-{i}")  # under the batch's settings
                        for i in range(threads)
                    ]
                    for t in workers:
                        t.start()
                    try:
                        width = max(4, len(str(total or 0)))
                        seen: set[str] = set()
                        for row in source.rows():
                            _plan_row(row, source=source, out_dir=out_dir, width=width, seen=seen, work=work,
                                      recorder=recorder, replace=replace)
                        for _ in workers:
                            work.put(None)
                        for done in ended:
                            done.wait()
                    except BaseException:
                        stopping.set()  # before the converter closes: what fails from here on is the stop
                        _drain(work)  # packets not started yet are left for the rerun
                        raise
            except BaseException:
                # Ctrl-C, SIGTERM or an error: the converter is closed now, so a conversion in flight
                # ends (a local LibreOffice is stopped; a service's answer is waited for) and its
                # packet's staging folder, which holds the client's papers, is removed by its worker
                # instead of left behind; nothing half-made is put in a packet's place. Another Ctrl-C
                # stops the wait.
                stopping.set()
                _drain(work)
                for _ in ended:
                    with contextlib.suppress(queue.Full):
                        work.put_nowait(None)
                for done in ended:
                    done.wait()
                raise
        result = recorder.result
        result.seconds = time.monotonic() - started
        recorder.write_manifest(
            {"format": source.format, "converter": "local" if not remote else converter_kind(converter), "jobs": jobs},
            result,
        )
    return result


class RunStopped(KeyboardInterrupt):
    """Raised in a worker when the run is stopping: its packet is abandoned and its staging removed."""


class _StopsWithTheRun:
    """The run's converter, refusing to finish a conversion once the run is stopping: the packet is
    then abandoned (its staging folder removed) instead of installed with its Word files only."""

    def __init__(self, inner: Any, stopping: threading.Event) -> None:
        self.inner = inner
        self.stopping = stopping

    def convert(self, docx_paths: Any, *, outdir: Path, timeout: float) -> list[Path]:
        if self.stopping.is_set():
            raise RunStopped
        try:
            return self.inner.convert(docx_paths, outdir=outdir, timeout=timeout)  # type: ignore[no-any-return]
        except BaseException:
            if self.stopping.is_set():
                raise RunStopped from None
            raise


def _drain(work: queue.Queue[Any]) -> None:
    with contextlib.suppress(queue.Empty):
        while True:
            work.get_nowait()


def converter_kind(address: str | None) -> str:
    """The kind of converter, for the manifest (never the address, which may hold a password)."""
    address = (address or "local").strip()
    return "unoserver" if address.startswith("unoserver:") else "local" if address == "local" else "gotenberg"


# -- planning one row (main thread) --------------------------------------------------------------


@dataclass
class _Task:
    plan: PacketPlan
    planned: Planned
    folder: Path
    state: "_RowState"
    replace: bool = False


class _RowState:
    """The packets of one row still being made; the row is recorded when the last one is in."""

    def __init__(self, outcome: RowOutcome, pending: int) -> None:
        self.outcome = outcome
        self.pending = pending
        self.lock = threading.Lock()

    def finish(self, packet: dict[str, Any], errors: list[Problem]) -> bool:
        with self.lock:
            self.outcome.packets.append(packet)
            self.outcome.errors.extend(errors)
            self.pending -= 1
            return self.pending == 0


def _plan_row(
    row: Row, *, source: Source, out_dir: Path, width: int, seen: set[str],
    work: queue.Queue[_Task | None], recorder: "_Recorder", replace: bool = False,
) -> None:
    """Plan one row and queue its packets; whatever the row holds, its failure is its own status."""
    try:
        tasks = _plan_tasks(row, source=source, out_dir=out_dir, width=width, seen=seen, recorder=recorder)
    except Exception as exc:  # a bug, or input nothing above foresaw: this row fails, the run goes on
        log.debug("row failed", exc_info=True)
        outcome = RowOutcome(row.line, f"row-{row.number:0{width}d}", status="failed", source=row.source)
        outcome.errors = [Problem((), _("row"), _("internal error while reading this row ({error}); the other rows "
                                                  "go on").format(error=type(exc).__name__))]
        recorder.record(outcome)
        return
    if tasks is None:
        return
    outcome, planned, folder, plans = tasks
    folder.mkdir(exist_ok=True)
    state = _RowState(outcome, len(plans))
    for plan in plans:
        work.put(_Task(plan, planned, folder, state, replace))


def _plan_tasks(
    row: Row, *, source: Source, out_dir: Path, width: int, seen: set[str], recorder: "_Recorder",
) -> tuple[RowOutcome, Planned, Path, list[PacketPlan]] | None:
    """The row's packets to make (None when the row was recorded already: invalid, or nothing to do)."""
    matter, bad_id = matter_folder(row, width=width)
    outcome = RowOutcome(row.line, matter, source=row.source)
    problems = list(row.problems) + ([bad_id] if bad_id else [])
    if not bad_id and matter in seen:
        problems.append(Problem.at_column(MATTER_ID, _("is the same as an earlier row's; each client needs their own")))
    seen.add(matter)
    model = _model_for(row.data)
    outcome.kind = _kind_name(row.data)
    data = row.data
    if model is not None and source.format in SHEET_FORMATS:
        data, habits = spreadsheet_habits(model, data)
        problems += habits.problems
        outcome.notes = [f"{_label(model, p.location)} ({p.dotted}) {p.message}" for p in habits.notes]
    if problems:
        outcome.status = "invalid"
        outcome.errors = [replace(p, label=_label(model, p.location)) for p in problems]
        recorder.record(outcome)
        return None
    try:
        data = typed(model, data) if model is not None and source.format in SHEET_FORMATS else data
        planned = plan_mapping(data, base_dir=source.base_dir)
    except InputError as exc:
        outcome.status = "invalid"
        outcome.errors = _answer_errors(exc, row.data)
        recorder.record(outcome)
        return None
    except LegalDocsError as exc:
        outcome.status = "failed"
        outcome.errors = [Problem((), "", exc.message)]
        recorder.record(outcome)
        return None
    folder = out_dir / matter
    outcome.packets += _stale_packets(folder, planned)
    tasks = []
    for plan in planned.plans:
        where = f"{matter}/{plan.folder}"
        if not plan.documents:
            outcome.packets.append({"court": plan.court, "folder": None, "status": "no-petition", **plan_notes(plan)})
        elif packet_is_current(folder / plan.folder, plan, planned):
            outcome.packets.append({"court": plan.court, "folder": where, "status": "skipped", **plan_notes(plan)})
        else:
            tasks.append(plan)
    if not tasks:
        made = [p for p in outcome.packets if p["status"] == "skipped"]
        outcome.status = "skipped" if made else "no-petition"
        recorder.record(outcome)
        return None
    return outcome, planned, folder, tasks


def plan_notes(plan: PacketPlan) -> dict[str, Any]:
    """A packet's warnings, offenses left out and authorities to check before filing, for the
    batch manifest and review.csv (the same the packet's own manifest and `generate` give)."""
    out: dict[str, Any] = {}
    if plan.warnings:
        out["warnings"] = list(plan.warnings)
    if plan.excluded:
        out["excluded"] = [{"offense": e.offense, "reason": e.reason} for e in plan.excluded]
    if plan.documents and plan.review_authorities:
        out["needs_review"] = plan.review_authorities
    return out


def _stale_packets(folder: Path, planned: Planned) -> list[dict[str, Any]]:
    """Packet folders of this row that its answers no longer make (an offense moved or was
    removed): removed when legal-docs made every file in them, else kept and reported."""
    from .ownership import foreign_files

    if not folder.is_dir() or folder.is_symlink():
        return []
    current = {plan.folder for plan in planned.plans if plan.documents}
    out: list[dict[str, Any]] = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or child.name in current or child.is_symlink() or not child.is_dir():
            continue
        if not (child / "manifest.json").is_file():
            continue  # not a packet: a person's folder, left alone
        court = child.name
        try:
            court = read_manifest(child).court or child.name
        except LegalDocsError:
            pass
        if foreign_files(child):
            out.append({"court": court, "folder": f"{folder.name}/{child.name}", "status": "stale-kept"})
        else:
            shutil.rmtree(child)
            out.append({"court": court, "folder": None, "status": "stale-removed"})
    return out


def _model_for(data: dict[str, Any]) -> Any:
    from .kinds import get_kind

    try:
        return get_kind(str(data.get("kind", ""))).model
    except InputError:
        return None


def _kind_name(data: dict[str, Any]) -> str | None:
    model = _model_for(data)
    return str(data.get("kind")).strip().lower() if model is not None else None


def _label(model: Any, location: tuple[str | int, ...]) -> str:
    """A sheet problem's field in plain words ("Offense 2, date of the offense"); "row" for the whole row."""
    if not location:
        return _("row")
    try:
        return describe_loc(model, list(location))[0]
    except Exception:  # an unknown column: the column name is the best label there is
        return Problem(location, "", "").dotted


def _answer_errors(exc: InputError, data: dict[str, Any]) -> list[Problem]:
    """validate_answers' problems, each with its field in plain words."""
    if "kind" not in data:
        return [Problem(("kind",), _("packet kind"), _("is required (e.g. vacatur)"))]
    if _model_for(data) is None:
        from .kinds import KINDS

        return [Problem(("kind",), _("packet kind"), _("is not a packet kind this tool makes (known: {kinds})").format(
            kinds=", ".join(KINDS)))]
    if exc.problems:
        return [p if p.label else replace(p, label=_("answers")) for p in exc.problems]
    return [Problem((), _("answers"), line) for line in exc.details] or [Problem((), _("answers"), exc.message)]


def packet_is_current(folder: Path, plan: PacketPlan, planned: Planned) -> bool:
    """True when `folder` holds a complete packet made from these answers, templates, clauses and
    exhibit files (the hashes its manifest recorded), with its packet.pdf and service-packet.pdf intact."""
    if not (folder / "manifest.json").is_file():
        return False
    from .ownership import member

    try:
        manifest = read_manifest(folder)
        inputs = manifest.inputs
        if manifest.status != "complete" or inputs.answers_sha256 != planned.answers_digest:
            return False
        templates = {d.template: sha256_file(template_path(d.template, kind=plan.kind))
                     for d in plan.documents if not d.form}
        templates.update(
            {e.cover.template: sha256_file(template_path(e.cover.template, kind=plan.kind)) for e in plan.exhibits}
        )
        clause_ids = sorted({c for d in plan.documents for c in d.clauses})
        if inputs.templates != templates or inputs.clauses != clause_hashes(clause_ids):
            return False
        # the exhibit as the person gave it (the packet holds a cleaned copy with its own hash)
        recorded = {e.letter: e.source_sha256 for e in manifest.exhibits}
        if any(recorded.get(e.letter) != sha256_file(Path(e.source)) for e in plan.exhibits):
            return False
        if not _forms_are_current(plan, manifest):
            return False
        # a packet made before service-packet.pdf existed (no "service_packet" key) is remade
        if "service_packet" not in manifest.model_fields_set:
            return False
        service, packet = manifest.service_packet, manifest.packet
        if service is not None and sha256_file(member(folder, service.pdf)) != service.sha256:
            return False
        return packet is not None and sha256_file(member(folder, packet.pdf)) == packet.sha256
    except (LegalDocsError, OSError):  # no manifest, one changed by hand, a file gone: made again
        return False


def _forms_are_current(plan: PacketPlan, manifest: Manifest) -> bool:
    """Every official form was filled from the blank PDF and field map in force now (a new
    revision dropped in the forms folder, or an edited map, remakes the packet)."""
    from .forms import find_form, map_digest

    recorded = {d.key: d.form for d in manifest.documents}
    for doc in plan.documents:
        if not doc.form:
            continue
        _spec, rev, _blank = find_form(doc.form)  # found by its sha256, so rev.sha256 is the file's
        made = recorded.get(doc.key)
        if made is None or made.sha256 != rev.sha256 or made.map_sha256 != map_digest(rev):
            return False
    return True


# -- making packets (worker threads) ---------------------------------------------------------------


def _worker(work: queue.Queue[_Task | None], conv: Any, recorder: "_Recorder", ended: threading.Event) -> None:
    try:
        while True:
            task = work.get()
            if task is None:
                return
            try:
                _make_row_packet(task, conv, recorder)
            except RunStopped:  # the run is stopping: this packet is abandoned, its staging removed
                continue
    finally:
        ended.set()


def _make_row_packet(task: "_Task", conv: Any, recorder: "_Recorder") -> None:
    """Make one packet of a row; the row is recorded when its last packet is in."""
    plan = task.plan
    where = f"{task.folder.name}/{plan.folder}"
    errors: list[Problem] = []
    try:
        final, manifest, failure = make_packet(plan, task.folder, conv, planned=task.planned, replace=task.replace)
        packet: dict[str, Any] = {"court": plan.court, "folder": where, "status": manifest.status}
        if manifest.packet:
            packet["pages"] = manifest.packet.pages
        packet.update(plan_notes(plan))
        if failure is not None:
            errors.append(Problem((), _("PDF conversion"), _("{county} County packet: {message}").format(
                county=plan.court, message=failure.message)))
    except LegalDocsError as exc:  # e.g. the output scan found a full account number
        packet = {"court": plan.court, "folder": None, "status": "failed", **plan_notes(plan)}
        errors.append(Problem((), _("packet"), " ".join([_("{county} County packet: {message}").format(
            county=plan.court, message=exc.message), *exc.details])))
    except Exception as exc:  # a bug: say which row, not what it holds
        log.debug("packet failed", exc_info=True)
        packet = {"court": plan.court, "folder": None, "status": "failed"}
        errors.append(Problem((), _("packet"), _("{county} County packet: internal error ({error})").format(
            county=plan.court, error=type(exc).__name__)))
    if task.state.finish(packet, errors):
        outcome = task.state.outcome
        outcome.status = "failed" if outcome.errors else "done"
        recorder.record(outcome)


# -- reporting -------------------------------------------------------------------------------------


class _Recorder:
    """Counts rows, streams errors.csv, and keeps each row's short manifest entry."""

    def __init__(self, out_dir: Path, on_row: OnRow) -> None:
        self.out_dir = out_dir
        self.on_row = on_row
        self.result = BatchResult()
        self.entries: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.started_at = _now()
        self._errors = contextlib.ExitStack()  # errors.csv is replaced whole when the batch ends without a crash
        self._fh = self._errors.enter_context(atomic_write(out_dir / ERRORS_CSV, text=True, newline=""))
        self._csv = csv.writer(self._fh)
        self._csv.writerow(ERROR_COLUMNS)
        self._review_rows: list[list[Any]] = []  # written in row order when the batch ends

    def __enter__(self) -> "_Recorder":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self._errors.__exit__(exc_type, exc, tb)

    def record(self, outcome: RowOutcome) -> None:
        with self.lock:
            r = self.result
            r.rows += 1
            if outcome.status == "done":
                r.done += 1
            elif outcome.status == "skipped":
                r.skipped += 1
            elif outcome.status == "no-petition":
                r.no_petition += 1
            elif outcome.status == "invalid":
                r.invalid += 1
            else:
                r.failed += 1
            for p in outcome.errors:
                self._csv.writerow([safe_cell(c) for c in (outcome.number, outcome.matter_id, p.label, p.dotted, p.message)])
            self._fh.flush()
            for court, what, message in outcome.review_lines():
                self._review_rows.append([safe_cell(c) for c in (outcome.number, outcome.matter_id, court, what, message)])
                if what == "check before filing":
                    r.to_check += 1
                else:
                    r.warnings += 1
            outcome.packets.sort(key=lambda p: p["court"])
            self.entries.append(outcome.entry())
            self.on_row(outcome)

    def write_manifest(self, run: dict[str, Any], result: BatchResult) -> None:
        self.entries.sort(key=lambda e: e["row"])
        in_order: list[list[Any]] = sorted(self._review_rows, key=lambda line: int(line[0]))
        with atomic_write(self.out_dir / REVIEW_CSV, text=True, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(REVIEW_COLUMNS)
            writer.writerows([safe_cell(c) for c in line] for line in in_order)  # never a formula (OWASP)
        data = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "legal-docs", "version": __version__},
            "input": {"format": run["format"]},
            "converter": run["converter"],
            "jobs": run["jobs"],
            "started_at": self.started_at,
            "finished_at": _now(),
            "summary": {"rows": result.rows, "done": result.done, "skipped": result.skipped,
                        "no_petition": result.no_petition, "invalid": result.invalid, "failed": result.failed,
                        "warnings": result.warnings, "to_check_before_filing": result.to_check},
            "rows": self.entries,
        }
        with atomic_write(self.out_dir / BATCH_MANIFEST, text=True) as fh:
            json.dump(data, fh, indent=1, ensure_ascii=False)
            fh.write("\n")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """One batch at a time per output folder (the lock goes with the process, even on kill -9)."""
    prepare_out_folder(out_dir)
    with open(out_dir / LOCK, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(_("Another batch is writing into '{name}'; wait for it to finish").format(
                name=out_dir.name)) from None
        yield


def _remove_leftovers(out_dir: Path) -> None:
    """Staging folders and part files a killed run left behind (never in a packet's place)."""
    for item in out_dir.iterdir():
        if item.name.startswith(".") and item.name.endswith(".part"):
            item.unlink(missing_ok=True)
        elif item.is_dir() and not item.name.startswith("."):
            for child in item.iterdir():
                if child.name.startswith(".") and (".staging-" in child.name or ".old-" in child.name):
                    shutil.rmtree(child, ignore_errors=True)


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


__all__ = ["BatchResult", "RowOutcome", "default_jobs", "packet_is_current", "run_batch"]
