"""The one LibreOffice wrapper: DOCX files in, checked PDF files out.

Every call starts one ``soffice`` process for all of its files (start-up dominates the cost:
about 0.9 s per process against about 0.12 s per extra document), with a fresh profile of its
own, so two calls never wait on each other's profile lock. ``soffice`` exits 0 even when it
could not load a file, so each PDF is opened and counted before it is trusted. Messages name
files by their base name only.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from legal_docs.errors import ConverterError

__all__ = ["INSTALL_COMMAND", "SOFFICE_ENV", "Office", "convert_to_pdf", "find_soffice"]

log = logging.getLogger(__name__)

SOFFICE_ENV = "LEGAL_DOCS_SOFFICE"
INSTALL_COMMAND = (
    "sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation"
)


def find_soffice() -> str:
    """Return the LibreOffice executable: ``$LEGAL_DOCS_SOFFICE``, else ``soffice`` or
    ``libreoffice`` on PATH."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise ConverterError(
                f"LibreOffice is missing: {SOFFICE_ENV} names a program that does not exist "
                "or is not executable.",
                details=[
                    f"Unset {SOFFICE_ENV} or point it at soffice.",
                    f"Install it with: {INSTALL_COMMAND}",
                ],
            )
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return found
    raise ConverterError(
        "LibreOffice is missing: it is needed to turn the Word documents into PDF.",
        details=[f"Install it with: {INSTALL_COMMAND}"],
    )


class Office:
    """A LibreOffice started ahead of the conversions, with a fresh profile of its own.

    Start-up is most of a conversion's cost (about 1.3 s of 1.9 s for a 5-paper packet here).
    Started when a command begins, it boots while Python validates and renders; each
    ``convert_to_pdf(..., office=...)`` then runs ``soffice --convert-to`` on the same profile,
    which LibreOffice hands to the running instance instead of starting another. If it failed
    to start, conversions simply start their own instance. Always used as a context manager:
    the instance and its profile are gone when the block ends, however it ends.
    """

    def __init__(self, *, soffice: str | None = None) -> None:
        self._soffice = soffice
        self.profile: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Office":
        try:
            program = self._soffice or find_soffice()
        except ConverterError:
            return self  # the conversion itself reports the missing LibreOffice
        self.profile = Path(tempfile.mkdtemp(prefix="legal-docs-lo-"))
        pipe = f"legal-docs-{os.getpid()}-{os.urandom(4).hex()}"
        command = [
            program,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless", "--norestore", "--nologo", "--nodefault",
            f"--accept=pipe,name={pipe};urp;",
        ]
        try:
            with open(self.profile / "listener.log", "wb") as output:
                self._process = subprocess.Popen(
                    command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
        except OSError:
            self._process = None
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None

    def stop(self) -> None:
        if self._process is not None:
            _kill_group(self._process)
            self._process = None


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
            _run_soffice(program, sources, profile=profile, logs=logs, staging=staging, timeout=timeout)
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
    program: str, sources: Sequence[Path], *, profile: Path, logs: Path, staging: Path, timeout: float
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
                f"LibreOffice could not be started ({exc.strerror or type(exc).__name__}).",
                details=[f"Install it with: {INSTALL_COMMAND}"],
            ) from None
        try:
            returncode = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise ConverterError(
                f"LibreOffice timed out after {timeout:g} seconds converting "
                f"{len(sources)} document(s); the Word files are kept."
            ) from None
        except BaseException:  # e.g. Ctrl-C: never leave LibreOffice running behind us
            _kill_group(process)
            raise
    log.debug(
        "soffice converted %d file(s) in %.2f s, exit %d: %s",
        len(sources),
        time.monotonic() - started,
        returncode,
        log_path.read_text(errors="replace").strip(),
    )
    if returncode != 0:
        raise ConverterError(
            f"LibreOffice failed (exit status {returncode}) converting {len(sources)} document(s); "
            "the Word files are kept."
        )


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def _check_pdf(pdf: Path, *, source_name: str) -> None:
    from pypdf import PdfReader  # lazy: keeps `--help` free of pypdf

    if not pdf.is_file():
        raise ConverterError(
            f"LibreOffice did not produce a PDF for '{source_name}'; the Word file is kept.",
            details=["LibreOffice reports success even when it cannot load a document."],
        )
    try:
        pages = len(PdfReader(pdf).pages)
    except Exception:  # pypdf raises many kinds of error on a damaged file; all mean "unusable"
        pages = -1
    if pages < 1:
        raise ConverterError(
            f"LibreOffice produced an unreadable or empty PDF for '{source_name}'; "
            "the Word file is kept."
        )
