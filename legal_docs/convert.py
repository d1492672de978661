"""The one LibreOffice wrapper: DOCX files in, checked PDF files out.

Every call starts one ``soffice`` process for all of its files (start-up dominates the cost:
about 0.9 s per process against about 0.12 s per extra document), with a fresh profile of its
own, so two calls never wait on each other's profile lock; with an ``Office`` (one running
instance) or an ``OfficePool`` (one per worker, for batches) the call is handed to an instance
that is already up. ``soffice`` exits 0 even when it
could not load a file, so each PDF is opened and counted before it is trusted. Messages name
files by their base name only.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import select
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable
from pathlib import Path

from legal_docs.errors import ConverterError
from legal_docs.i18n import _, ngettext
from legal_docs.office_launch import SOFFICE_ENV, adopt, keep_alive, kill_group, resolve_soffice, start

__all__ = ["INSTALL_COMMAND", "SOFFICE_ENV", "Converter", "Office", "OfficePool", "convert_to_pdf", "find_soffice",
           "import_first"]

log = logging.getLogger(__name__)

INSTALL_COMMAND = (
    "sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui python3-uno fonts-liberation"
)


_FIRST_IMPORTS = threading.Lock()


def import_first(*modules: str) -> None:
    """Import `modules` holding one lock shared by every thread. The PDF libraries are imported
    lazily and their modules import one another: two threads importing them for the first time at
    once can stop with Python's _DeadlockError (seen: the conversion thread checking a PDF while
    another filled a form). A thread that may be the first to use one calls this before using it;
    once imported, a call costs a lookup."""
    import importlib

    with _FIRST_IMPORTS:
        for name in modules:
            importlib.import_module(name)


def find_soffice() -> str:
    """Return the LibreOffice executable: ``$LEGAL_DOCS_SOFFICE``, else ``soffice`` or
    ``libreoffice`` on PATH."""
    from legal_docs.settings import current

    configured = current().soffice
    found = resolve_soffice(configured)
    if found is not None:
        return found
    if configured:
        raise ConverterError(
            _("LibreOffice is missing: {variable} names a program that does not exist or is not "
              "executable.").format(variable=SOFFICE_ENV),
            details=[
                _("Unset {variable} or point it at soffice.").format(variable=SOFFICE_ENV),
                _("Install it with: {command}").format(command=INSTALL_COMMAND),
            ],
        )
    raise ConverterError(
        _("LibreOffice is missing: it is needed to turn the Word documents into PDF."),
        details=[_("Install it with: {command}").format(command=INSTALL_COMMAND)],
    )


@runtime_checkable
class Converter(Protocol):
    """What turns DOCX files into PDFs: the PDFs land in ``outdir`` as ``<stem>.pdf``, in input
    order, each checked (it opens and has pages), all or none; ConverterError otherwise. Office
    (one local LibreOffice), OfficePool (several) and the conversion services implement it."""

    def convert(self, docx_paths: Sequence[Path], *, outdir: Path, timeout: float) -> list[Path]: ...


class Office:
    """A LibreOffice started ahead of the conversions, with a fresh profile of its own.

    Start-up is most of a conversion's cost (about 1.1 s of 1.5 s for a vacatur packet here).
    Started when a command begins (by ``legal-docs`` itself, before its imports: see
    office_launch.start_early), it boots while Python validates and renders. Each conversion then
    goes to the running instance over its UNO bridge (uno_bridge.py), one document after another,
    with no second process. Where no bridge can run (no Python with LibreOffice's ``uno``), it is
    handed over as ``soffice --convert-to`` on the same profile, which LibreOffice passes to the
    running instance; the instance holds an empty document open, since without one it quits after
    the first conversion handed to it. If it failed to start, conversions start their own
    instance. Always used as a context manager: the instance, its bridge and its profile are gone
    when the block ends, however it ends.
    """

    def __init__(self, *, soffice: str | None = None, bridge: bool = True) -> None:
        self._soffice = soffice
        self._program: str | None = None
        self._use_bridge = bridge
        self.profile: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._bridge: _Bridge | None = None
        self._pipe = ""
        self._converting: set[subprocess.Popen[bytes]] = set()  # soffice --convert-to calls under way
        self._lock = threading.Lock()

    def __enter__(self) -> "Office":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.stop_conversions()
        self._remove_profile()

    def stop_conversions(self) -> None:
        """Kill the conversions under way on this instance (the run is ending: Ctrl-C, SIGTERM): the
        thread waiting on each gets a ConverterError at once instead of waiting out the timeout."""
        with self._lock:
            running = list(self._converting)
            bridge = self._bridge
        for process in running:
            kill_group(process)
        if bridge is not None:
            bridge.stop()

    def _converting_now(self, process: subprocess.Popen[bytes], running: bool) -> None:
        with self._lock:
            (self._converting.add if running else self._converting.discard)(process)

    def start(self) -> None:
        try:
            program = self._soffice or find_soffice()
        except ConverterError:
            return  # the conversion itself reports the missing LibreOffice
        started = (adopt(program) if self._use_bridge else None) or start(program, bridge=self._use_bridge)
        self._program = program
        self.profile, self._pipe, self._process = started.profile, started.pipe, started.process
        self._bridge = _Bridge(started.bridge) if started.bridge is not None else None

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def convert(self, docx_paths: Sequence[Path], *, outdir: Path, timeout: float) -> list[Path]:
        """The Converter protocol: the documents converted by this instance (or, when it is not
        running, by a LibreOffice of their own)."""
        return convert_to_pdf(docx_paths, outdir=outdir, timeout=timeout, office=self)

    def bridged(self) -> bool:
        """Whether conversions go over the UNO bridge (it runs and its Python has ``uno``). When
        the bridge turns out to have no ``uno``, the instance is given a document to hold, as an
        instance started without a bridge holds one, so that it outlives the hand-overs."""
        if self._bridge is not None and not self._bridge.usable():
            self._bridge = None
            self._hold_a_document()
        return self.alive() and self._bridge is not None

    def _hold_a_document(self) -> None:
        """Open the empty keep-alive document in the running instance, handed over on the command
        line as conversions then are (the instance started without one, for its bridge)."""
        if not self.alive() or self.profile is None or self._program is None:
            return
        command = [self._program, f"-env:UserInstallation={self.profile.as_uri()}", "--headless", "--norestore",
                   str(keep_alive(self.profile))]
        try:
            subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=OfficePool.ready_timeout, start_new_session=True)
        except (OSError, subprocess.TimeoutExpired):
            pass  # without it the instance may quit after a conversion; the pool then starts another

    def convert_over_bridge(self, sources: Sequence[Path], *, staging: Path, timeout: float) -> None:
        """Convert ``sources`` into ``staging`` in the running instance; ConverterError when it
        timed out or the instance stopped (the caller checks each PDF, naming a missing one)."""
        bridge = self._bridge
        assert bridge is not None
        try:
            bridge.convert(sources, outdir=staging, timeout=timeout, alive=self.alive)
        except TimeoutError:
            raise ConverterError(_timed_out(timeout, len(sources))) from None
        except _BridgeGone:
            status = self._process.poll() if self._process is not None else None
            raise ConverterError(
                _failed(status, len(sources)) if status is not None
                else ngettext("LibreOffice stopped answering while converting {n} document; the Word file is kept.",
                              "LibreOffice stopped answering while converting {n} documents; the Word files are "
                              "kept.", len(sources)).format(n=len(sources))
            ) from None

    def wait_ready(self, timeout: float) -> bool:
        """Wait until the instance accepts connections (it then takes handed-over conversions);
        False if it exited or did not come up in time."""
        path = f"/tmp/OSL_PIPE_{os.getuid()}_{self._pipe}"  # where LibreOffice puts named pipes
        deadline = time.monotonic() + timeout
        while self.alive():
            with socket.socket(socket.AF_UNIX) as probe:
                try:
                    probe.connect(path)
                    return True
                except OSError:
                    pass
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return False

    def restart(self) -> None:
        """Kill the instance (hung, dead or healthy) and start a fresh one on a new profile."""
        self.stop()
        self._remove_profile()
        self.start()

    def stop(self) -> None:
        if self._bridge is not None:
            self._bridge.stop()
        if self._process is not None:
            kill_group(self._process)
            self._process = None

    def _remove_profile(self) -> None:
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None


class _BridgeGone(Exception):
    """The bridge ended (the instance died, or the run is ending and it was stopped)."""


class _Bridge:
    """The Office's side of uno_bridge.py: a request per conversion on its stdin, one JSON answer
    per line on its stdout, read with a deadline so a hung instance cannot hold the caller."""

    hello_timeout = 30.0  # its first line comes as soon as its Python has started

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self._buffer = b""
        self._has_uno: bool | None = None
        self._lock = threading.Lock()  # one request at a time
        self._hello_lock = threading.Lock()  # the first line is read once, by one thread

    def usable(self) -> bool:
        with self._hello_lock:
            if self._has_uno is None:
                try:
                    hello = self._read(time.monotonic() + self.hello_timeout, alive=lambda: True)
                except (TimeoutError, _BridgeGone):
                    hello = {}
                self._has_uno = bool(hello.get("uno"))
                if not self._has_uno:
                    log.info("LibreOffice's Python bridge is unavailable (%s): conversions are handed over "
                             "on the command line", hello.get("reason", "it did not start"))
                    self.stop()
            return self._has_uno

    def convert(self, sources: Sequence[Path], *, outdir: Path, timeout: float,
                alive: Callable[[], bool]) -> None:
        started = time.monotonic()
        # absolute: the bridge's working folder is the one it was started in
        request = {"sources": [str(Path(s).absolute()) for s in sources], "outdir": str(Path(outdir).absolute())}
        with self._lock:
            stdin = self.process.stdin
            assert stdin is not None
            try:
                stdin.write(json.dumps(request).encode() + b"\n")
                stdin.flush()
            except OSError:
                raise _BridgeGone from None
            answer = self._read(started + timeout, alive=alive)
        if not answer.get("ok"):
            raise _BridgeGone
        log.debug("the bridge converted %d file(s) in %.2f s; not converted: %s", len(sources),
                  time.monotonic() - started, answer.get("failed"))

    def _read(self, deadline: float, *, alive: Callable[[], bool]) -> dict[str, Any]:
        stdout = self.process.stdout
        assert stdout is not None
        descriptor = stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            if not alive():
                raise _BridgeGone
            try:
                ready, _w, _x = select.select([descriptor], [], [], min(remaining, 0.25))
                chunk = os.read(descriptor, 65536) if ready else None
            except (OSError, ValueError):  # closed by stop() in another thread
                raise _BridgeGone from None
            if chunk is not None:
                if not chunk:
                    raise _BridgeGone
                self._buffer += chunk
        line, _sep, self._buffer = self._buffer.partition(b"\n")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def stop(self) -> None:
        kill_group(self.process)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


class OfficePool:
    """The local converter for many packets: ``workers`` Offices, each with its own profile,
    kept alive across documents; each ``convert`` call (one packet's papers) goes to a free one.

    A worker found dead is restarted before it is used. A call that fails (LibreOffice hung past
    the timeout, died, or wrote no PDF) kills and restarts that worker and is tried once more on
    it; the second failure is raised for that call only. Thread-safe: one thread per worker.
    """

    ready_timeout = 60.0  # a cold LibreOffice starts in about 2 s here; a loaded machine is slower

    def __init__(self, workers: int, *, soffice: str | None = None) -> None:
        if workers < 1:
            raise ValueError("an OfficePool needs at least one worker")
        self.workers = workers
        self._soffice = soffice
        self._offices: list[Office] = []
        self._free: queue.Queue[Office] = queue.Queue()
        self.restarts = 0
        self._closed = False

    def __enter__(self) -> "OfficePool":
        if self._soffice is None:
            find_soffice()  # a missing LibreOffice is one clear error here, not one per packet
        for _i in range(self.workers):
            office = Office(soffice=self._soffice)
            office.start()
            self._offices.append(office)
            self._free.put(office)
        return self

    def __exit__(self, *exc: object) -> None:
        self._closed = True  # a call under way fails now instead of being tried again
        for office in self._offices:
            office.__exit__()
        self._offices.clear()

    def convert(self, docx_paths: Sequence[Path], *, outdir: Path, timeout: float) -> list[Path]:
        office = self._free.get()
        try:
            try:
                return self._convert_on(office, docx_paths, outdir=outdir, timeout=timeout)
            except ConverterError:
                if self._closed:
                    raise
                log.info("LibreOffice worker failed; restarted, trying the documents once more")
                self._restart(office)
            try:
                return self._convert_on(office, docx_paths, outdir=outdir, timeout=timeout)
            except ConverterError:
                self._restart(office)
                raise
        finally:
            self._free.put(office)

    def _convert_on(
        self, office: Office, docx_paths: Sequence[Path], *, outdir: Path, timeout: float
    ) -> list[Path]:
        if self._closed:  # the run is ending: no LibreOffice is started again
            raise ConverterError(_("The conversion was stopped because the run is ending."))
        if not office.alive():
            self._restart(office)
        office.wait_ready(min(self.ready_timeout, timeout))
        return convert_to_pdf(docx_paths, outdir=outdir, timeout=timeout, soffice=self._soffice, office=office)

    def _restart(self, office: Office) -> None:
        self.restarts += 1
        office.restart()


def convert_to_pdf(
    docx_paths: Sequence[Path],
    *,
    outdir: Path,
    timeout: float = 180.0,
    soffice: str | None = None,
    office: Office | None = None,
) -> list[Path]:
    """Convert all ``docx_paths`` to PDF in one LibreOffice process; return the PDFs in input order.

    With ``office``, the conversion is handed to that already running instance.
    Each PDF lands in ``outdir`` as ``<stem>.pdf`` only once it is complete and has been checked.
    If any document fails, none is moved and :class:`ConverterError` names the first bad file.
    """
    sources = [Path(p).absolute() for p in docx_paths]
    if not sources:
        return []
    _check_sources(sources)
    program = soffice or find_soffice()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    # The profile can live anywhere; the staging folder sits inside outdir so that moving a
    # finished PDF into place is an atomic rename on the same file system.
    with contextlib.ExitStack() as cleanup:
        logs = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="legal-docs-lo-")))
        profile = office.profile if office is not None and office.profile is not None else logs
        staging = Path(
            cleanup.enter_context(
                tempfile.TemporaryDirectory(prefix=".legal-docs-convert-", dir=outdir)
            )
        )
        try:
            if office is not None and office.bridged():
                office.convert_over_bridge(sources, staging=staging, timeout=timeout)
            else:
                _run_soffice(program, sources, profile=profile, logs=logs, staging=staging, timeout=timeout,
                             office=office)
        except ConverterError:
            if office is not None:
                office.stop()  # a hung or broken instance is not reused
            raise
        staged = [staging / f"{src.stem}.pdf" for src in sources]
        for src, pdf in zip(sources, staged):
            _check_pdf(pdf, source_name=src.name)
        results = []
        for pdf in staged:
            target = outdir / pdf.name
            os.replace(pdf, target)
            results.append(target)
    return results


def _check_sources(sources: Sequence[Path]) -> None:
    stems: set[str] = set()
    for src in sources:
        if not src.is_file():
            raise FileNotFoundError(f"Document to convert does not exist: {src.name}")
        if src.stem in stems:
            # LibreOffice names each PDF after the stem, so the second would overwrite the first.
            raise ValueError(f"Two documents to convert share the name {src.stem!r}")
        stems.add(src.stem)


def _run_soffice(
    program: str, sources: Sequence[Path], *, profile: Path, logs: Path, staging: Path, timeout: float,
    office: Office | None = None,
) -> None:
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(staging),
        *(str(src) for src in sources),
    ]
    # Output goes to a file, not a pipe: a pipe held open by a stray child could block reading.
    log_path = logs / "soffice-output.log"
    started = time.monotonic()
    with open(log_path, "wb") as output:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so a timeout can kill it whole
            )
        except OSError as exc:
            raise ConverterError(
                _("LibreOffice could not be started ({reason}).").format(reason=exc.strerror or type(exc).__name__),
                details=[_("Install it with: {command}").format(command=INSTALL_COMMAND)],
            ) from None
        if office is not None:
            office._converting_now(process, True)  # so that closing the instance stops it too
        try:
            returncode = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process)
            raise ConverterError(_timed_out(timeout, len(sources))) from None
        except BaseException:  # e.g. Ctrl-C: never leave LibreOffice running behind us
            kill_group(process)
            raise
        finally:
            if office is not None:
                office._converting_now(process, False)
    log.debug(
        "soffice converted %d file(s) in %.2f s, exit %d: %s",
        len(sources),
        time.monotonic() - started,
        returncode,
        log_path.read_text(errors="replace").strip(),
    )
    if returncode != 0:
        raise ConverterError(_failed(returncode, len(sources)))


def _timed_out(timeout: float, n: int) -> str:
    return ngettext("LibreOffice timed out after {seconds} seconds converting {n} document; the Word file is "
                    "kept.",
                    "LibreOffice timed out after {seconds} seconds converting {n} documents; the Word files "
                    "are kept.", n).format(seconds=f"{timeout:g}", n=n)


def _failed(status: int, n: int) -> str:
    return ngettext("LibreOffice failed (exit status {status}) converting {n} document; the Word file is kept.",
                    "LibreOffice failed (exit status {status}) converting {n} documents; the Word files are kept.",
                    n).format(status=status, n=n)


def _check_pdf(pdf: Path, *, source_name: str) -> None:
    import_first("pikepdf")  # lazy: keeps `--help` free of qpdf; see import_first
    import pikepdf

    if not pdf.is_file():
        raise ConverterError(
            _("LibreOffice did not produce a PDF for '{name}'; the Word file is kept.").format(name=source_name),
            details=[_("LibreOffice reports success even when it cannot load a document.")],
        )
    try:
        with pikepdf.open(pdf) as opened:  # qpdf: the packet is merged with it too
            pages = len(opened.pages)
    except Exception:  # a damaged file raises one of several errors; all mean "unusable"
        pages = -1
    if pages < 1:
        raise ConverterError(
            _("LibreOffice produced an unreadable or empty PDF for '{name}'; the Word file is kept.").format(
                name=source_name)
        )
