"""LibreOffice started before the imports, and conversions over its UNO bridge.

`legal-docs generate` starts its LibreOffice first (legal_docs_cli.launch, office_launch.start_early)
and the command's Office adopts it; the Office converts over uno_bridge.py, or hands the conversion
over on the command line when no Python with LibreOffice's `uno` can run the bridge. Tests that need a
real LibreOffice are marked ``libreoffice``.
"""

from __future__ import annotations

import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from helpers import example_data, one_county, write_docx
from legal_docs import convert, office_launch
from legal_docs.convert import SOFFICE_ENV, Office, convert_to_pdf
from legal_docs.errors import ConverterError
from legal_docs_cli.launch import command_of

libreoffice = pytest.mark.libreoffice


def _fake_soffice(tmp_path: Path) -> str:
    """A program that stays up like a listening LibreOffice and converts nothing."""
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\nsleep 60\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def _gone(process: subprocess.Popen[bytes] | None) -> bool:
    return process is None or process.poll() is not None


@pytest.mark.parametrize("args, command", [
    (["generate", "a.yaml"], "generate"),
    (["--debug", "--templates", "generate", "assemble", "out"], "assemble"),  # a folder named generate
    (["--forms-dir", "f", "--debug", "generate"], "generate"),
    (["--help"], None),
    (["-h", "generate"], None),
    ([], None),
    (["validate", "generate.yaml"], "validate"),
])
def test_the_launcher_finds_the_command(args: list[str], command: str | None) -> None:
    assert command_of(args) == command


def test_the_office_adopts_the_early_instance_of_its_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOFFICE_ENV, _fake_soffice(tmp_path))
    office_launch.start_early()
    early = office_launch._early[0]
    with Office() as office:
        assert office.profile == early.profile and office._process is early.process
        assert office_launch._early == []  # adopted once
    assert _gone(early.process) and not early.profile.exists()


def test_an_early_instance_of_another_program_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOFFICE_ENV, _fake_soffice(tmp_path))
    office_launch.start_early()
    early = office_launch._early[0]
    other = tmp_path / "other"
    other.mkdir()
    with Office(soffice=_fake_soffice(other)) as office:
        assert office.profile != early.profile
        assert _gone(early.process) and not early.profile.exists()


def test_an_early_instance_nobody_adopts_is_stopped_at_exit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOFFICE_ENV, _fake_soffice(tmp_path))
    office_launch.start_early()
    early = office_launch._early[0]
    assert not _gone(early.process)
    office_launch.discard_early()  # registered with atexit by start_early
    assert _gone(early.process) and not early.profile.exists()


def test_a_stand_in_program_gets_no_bridge(tmp_path: Path) -> None:
    """The bridge is for a LibreOffice installation only; a stand-in is handed conversions as before."""
    assert office_launch.python_for_uno(_fake_soffice(tmp_path)) is None


@libreoffice
def test_conversions_go_over_the_bridge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_hand_over(*args: object, **kwargs: object) -> None:
        raise AssertionError("a second soffice process was started")

    monkeypatch.setattr(convert, "_run_soffice", no_hand_over)
    docs = [write_docx(tmp_path / f"paper{i}.docx", f"Paper {i}") for i in range(3)]
    with Office() as office:
        first = convert_to_pdf(docs[:2], outdir=tmp_path / "one", office=office)
        second = convert_to_pdf(docs[2:], outdir=tmp_path / "two", office=office)  # the same instance again
        assert office.bridged()
    assert [PdfReader(p).pages[0].extract_text().strip() for p in first + second] == ["Paper 0", "Paper 1", "Paper 2"]


@libreoffice
def test_without_uno_the_conversion_is_handed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This environment's Python has no `uno`: the bridge says so and the instance takes a hand-over."""
    monkeypatch.setattr(office_launch, "python_for_uno", lambda program: sys.executable)
    handed_over = []
    run_soffice = convert._run_soffice

    def counting(*args: object, **kwargs: object) -> None:
        handed_over.append(args)
        run_soffice(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(convert, "_run_soffice", counting)
    docs = [write_docx(tmp_path / f"paper{i}.docx", f"Handed over {i}") for i in range(2)]
    with Office() as office:
        listener = office._process
        (first,) = convert_to_pdf(docs[:1], outdir=tmp_path / "out", office=office)
        assert not office.bridged()
        # started without the keep-alive document (it had a bridge's Python), it was given one
        # when the bridge failed, so it outlives the hand-over and takes the next one too
        assert office.alive() and office._process is listener
        (second,) = convert_to_pdf(docs[1:], outdir=tmp_path / "out", office=office)
        assert office._process is listener
    assert len(handed_over) == 2
    assert [PdfReader(p).pages[0].extract_text().strip() for p in (first, second)] == ["Handed over 0",
                                                                                      "Handed over 1"]


@libreoffice
def test_stopping_the_conversions_ends_a_bridge_conversion(tmp_path: Path) -> None:
    """The run is ending (Ctrl-C, SIGTERM): the thread waiting on the bridge gets a ConverterError at
    once and no staging folder is left; the instance is not reused."""
    long_doc = write_docx(tmp_path / "long.docx", *[f"Paragraph {i} " + "word " * 80 for i in range(4000)])
    outdir = tmp_path / "out"
    caught: list[BaseException] = []

    with Office() as office:
        assert office.wait_ready(120)

        def run() -> None:
            try:
                convert_to_pdf([long_doc], outdir=outdir, office=office, timeout=300)
            except BaseException as exc:
                caught.append(exc)

        assert office._bridge is not None and office._bridge.usable()  # before the conversion asks
        thread = threading.Thread(target=run)
        thread.start()
        while not any(outdir.glob(".legal-docs-convert-*")) and thread.is_alive():
            thread.join(0.05)
        thread.join(0.5)  # the request is on its way; the long document takes seconds to convert
        assert thread.is_alive()
        office.stop_conversions()
        thread.join(60)
        assert not thread.is_alive()
    assert len(caught) == 1 and isinstance(caught[0], ConverterError), caught
    assert list(outdir.iterdir()) == []


@libreoffice
def test_generate_through_the_launcher_keeps_the_pdfs_private(tmp_path: Path) -> None:
    """The launcher starts LibreOffice before the CLI sets its umask: it sets it first, so the PDFs
    LibreOffice writes are the user's only, like every other output."""


    answers = tmp_path / "client.yaml"
    answers.write_text(yaml.safe_dump(one_county(example_data()), allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", "from legal_docs_cli.launch import main; main()", "generate", str(answers),
         "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    pdfs = sorted(out.glob("*/*.pdf"))
    assert pdfs and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in pdfs)


def _fake_bridge(answer: str | None) -> subprocess.Popen[bytes]:
    """A stand-in for uno_bridge.py: says it has uno, then answers each request with `answer`
    (None: never answers, like a hung LibreOffice)."""
    reply = "pass" if answer is None else f"print({answer!r}, flush=True)"
    code = ("import sys, time\nprint('{\"uno\": true}', flush=True)\n"
            f"for line in sys.stdin:\n    {reply}\ntime.sleep(60)\n")
    return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            start_new_session=True)


class _OfficeWithBridge(Office):
    """An Office whose instance is a stand-in program and whose bridge is `bridge`."""

    def __init__(self, tmp_path: Path, bridge: subprocess.Popen[bytes]) -> None:
        super().__init__(soffice=_fake_soffice(tmp_path), bridge=False)
        self._stand_in = bridge

    def start(self) -> None:
        super().start()
        self._bridge = convert._Bridge(self._stand_in)


@pytest.mark.parametrize("answer, message", [
    (None, "timed out after 1 seconds converting 1 document"),  # a hung instance: the timeout ends it
    ('{"ok": false, "reason": "DisposedException"}', "stopped answering while converting 1 document"),
])
def test_a_failed_bridge_conversion_is_a_converter_error(tmp_path: Path, answer: str | None, message: str) -> None:
    doc = tmp_path / "paper.docx"
    doc.write_bytes(b"not read by the stand-in")
    with _OfficeWithBridge(tmp_path, _fake_bridge(answer)) as office:
        assert office.bridged()
        with pytest.raises(ConverterError, match=message):
            convert_to_pdf([doc], outdir=tmp_path / "out", office=office, timeout=1)
        assert not office.alive()  # a failed instance is not reused
    assert list((tmp_path / "out").iterdir()) == []


def test_a_pdf_the_bridge_did_not_write_is_named(tmp_path: Path) -> None:
    """The bridge lists a document LibreOffice could not load; the PDF check names it, as for a hand-over."""
    doc = tmp_path / "broken.docx"
    doc.write_bytes(b"not read by the stand-in")
    with _OfficeWithBridge(tmp_path, _fake_bridge('{"ok": true, "failed": ["broken.docx"]}')) as office:
        with pytest.raises(ConverterError, match="did not produce a PDF for 'broken.docx'"):
            convert_to_pdf([doc], outdir=tmp_path / "out", office=office, timeout=30)


def test_the_keep_alive_document_is_opened_only_without_a_bridge(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """With a bridge the instance holds no document (it would slow its start); when the bridge's
    Python cannot be started, the instance is started holding one, for the hand-overs."""
    program = _fake_soffice(tmp_path)
    monkeypatch.setattr(office_launch, "python_for_uno", lambda program: sys.executable)
    with_bridge = office_launch.start(program)
    monkeypatch.setattr(office_launch, "python_for_uno", lambda program: str(tmp_path / "no-such-python"))
    without = office_launch.start(program)
    try:
        assert with_bridge.bridge is not None
        assert not (with_bridge.profile / office_launch.KEEP_ALIVE).exists()
        assert without.bridge is None and without.process is not None
        assert (without.profile / office_launch.KEEP_ALIVE).exists()
    finally:
        with_bridge.stop()
        without.stop()
