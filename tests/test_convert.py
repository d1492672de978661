"""The LibreOffice wrapper: one process per call, a timeout, and no trust in its exit status.

Tests that need a real LibreOffice are marked ``libreoffice``; the fake-``soffice`` tests run
anywhere with a POSIX shell.
"""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import write_docx
from legal_docs.convert import INSTALL_COMMAND, SOFFICE_ENV, convert_to_pdf, find_soffice
from legal_docs.errors import ConverterError, ExitCode

libreoffice = pytest.mark.libreoffice


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def _dummy_inputs(tmp_path: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        path = tmp_path / name
        path.write_bytes(b"not used by the fake soffice")
        paths.append(path)
    return paths


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


# -- finding LibreOffice ---------------------------------------------------------------------


def test_env_var_pointing_nowhere_is_a_converter_error(monkeypatch, tmp_path, outdir):
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    with pytest.raises(ConverterError) as caught:
        find_soffice()
    assert "LibreOffice is missing" in caught.value.message
    assert caught.value.exit_code == ExitCode.CONVERTER
    with pytest.raises(ConverterError):
        convert_to_pdf(_dummy_inputs(tmp_path, "a.docx"), outdir=outdir)


def test_no_soffice_on_path_names_the_install_command(monkeypatch, tmp_path):
    monkeypatch.delenv(SOFFICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: nothing to find
    with pytest.raises(ConverterError) as caught:
        find_soffice()
    assert "LibreOffice is missing" in caught.value.message
    assert any(INSTALL_COMMAND in line for line in caught.value.details)
    assert INSTALL_COMMAND.startswith("sudo apt-get install -y --no-install-recommends")


def test_env_var_wins_over_path(monkeypatch, tmp_path):
    fake = _fake_soffice(tmp_path, "exit 0")
    monkeypatch.setenv(SOFFICE_ENV, fake)
    assert find_soffice() == fake


def test_empty_list_starts_nothing(tmp_path):
    assert convert_to_pdf([], outdir=tmp_path, soffice=str(tmp_path / "no-such-soffice")) == []


# -- a misbehaving soffice (fake) --------------------------------------------------------------


def test_hanging_soffice_is_killed_after_the_timeout(tmp_path, outdir):
    pid_file = tmp_path / "child.pid"
    # The sleeping child stands in for soffice.bin, which oosplash starts as a child process.
    fake = _fake_soffice(tmp_path, f'sleep 30 &\necho $! > "{pid_file}"\nwait')
    inputs = _dummy_inputs(tmp_path, "a.docx", "b.docx")

    with pytest.raises(ConverterError) as caught:  # the message says the timeout ended it, not the sleep
        convert_to_pdf(inputs, outdir=outdir, timeout=1, soffice=fake)
    assert "timed out after 1 seconds" in caught.value.message
    assert list(outdir.iterdir()) == []  # no PDF, no staging folder
    assert _process_gone(int(pid_file.read_text())), "the whole process group must be killed"


def _process_gone(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return True
        if "\nState:\tZ" in status:  # killed, waiting to be reaped by init
            return True
        time.sleep(0.05)
    return False


def test_soffice_that_writes_nothing_names_the_file(tmp_path, outdir):
    fake = _fake_soffice(tmp_path, "exit 0")
    inputs = _dummy_inputs(tmp_path, "petition.docx")
    with pytest.raises(ConverterError) as caught:
        convert_to_pdf(inputs, outdir=outdir, soffice=fake)
    assert "'petition.docx'" in caught.value.message
    assert str(tmp_path) not in str(caught.value) + "".join(caught.value.details)
    assert list(outdir.iterdir()) == []


def test_soffice_that_writes_a_broken_pdf_is_caught(tmp_path, outdir):
    # Writes "%PDF-" garbage for each input into the folder given after --outdir.
    body = """
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2 ;;
    *.docx) name=$(basename "$1" .docx); printf '%%PDF-1.7\\ngarbage' > "$out/$name.pdf"; shift ;;
    *) shift ;;
  esac
done
"""
    fake = _fake_soffice(tmp_path, body)
    inputs = _dummy_inputs(tmp_path, "order.docx")
    with pytest.raises(ConverterError) as caught:
        convert_to_pdf(inputs, outdir=outdir, soffice=fake)
    assert "'order.docx'" in caught.value.message
    assert list(outdir.iterdir()) == []


def test_nonzero_exit_is_a_converter_error(tmp_path, outdir):
    fake = _fake_soffice(tmp_path, "exit 81")
    with pytest.raises(ConverterError, match="exit status 81"):
        convert_to_pdf(_dummy_inputs(tmp_path, "a.docx"), outdir=outdir, soffice=fake)


def test_fake_soffice_gets_a_fresh_profile_and_no_stdin(tmp_path, outdir):
    args_file = tmp_path / "args"
    stdin_file = tmp_path / "stdin"
    fake = _fake_soffice(
        tmp_path, f'printf "%s\\n" "$@" > "{args_file}"\ncat > "{stdin_file}"\nexit 0'
    )
    with pytest.raises(ConverterError):  # it wrote no PDF
        convert_to_pdf(_dummy_inputs(tmp_path, "a.docx"), outdir=outdir, soffice=fake)
    args = args_file.read_text().splitlines()
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert not Path(profile.removeprefix("-env:UserInstallation=file://")).exists()  # removed
    assert {"--headless", "--norestore", "--convert-to", "pdf", "--outdir"} <= set(args)
    assert stdin_file.read_bytes() == b""  # stdin is /dev/null, so cat ended at once


# -- the real LibreOffice ---------------------------------------------------------------------


@libreoffice
def test_converts_three_documents_in_one_call(tmp_path, outdir):
    inputs = [
        write_docx(tmp_path / f"doc{i}.docx", f"Document number {i}", "Second paragraph")
        for i in range(3)
    ]
    pdfs = convert_to_pdf(inputs, outdir=outdir)

    assert pdfs == [outdir / f"doc{i}.pdf" for i in range(3)]
    for i, pdf in enumerate(pdfs):
        reader = PdfReader(pdf)
        assert len(reader.pages) == 1
        assert f"Document number {i}" in reader.pages[0].extract_text()
    assert sorted(p.name for p in outdir.iterdir()) == ["doc0.pdf", "doc1.pdf", "doc2.pdf"]


@libreoffice
def test_several_files_take_one_soffice_process(tmp_path, outdir):
    real = shutil.which("soffice") or shutil.which("libreoffice")
    assert real, "LibreOffice is needed for this test"
    log = tmp_path / "invocations.log"
    fake = _fake_soffice(tmp_path, f'echo started >> "{log}"\nexec "{real}" "$@"')
    inputs = [write_docx(tmp_path / f"part{i}.docx", f"Part {i}") for i in range(4)]

    pdfs = convert_to_pdf(inputs, outdir=outdir, soffice=fake)

    assert log.read_text().splitlines() == ["started"]
    assert [len(PdfReader(p).pages) for p in pdfs] == [1, 1, 1, 1]


@libreoffice
def test_a_file_libreoffice_cannot_load_is_named(tmp_path, outdir):
    good = write_docx(tmp_path / "good.docx", "Fine")
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(ConverterError) as caught:
        convert_to_pdf([good, bad], outdir=outdir)
    assert "'broken.docx'" in caught.value.message
    assert list(outdir.iterdir()) == []  # nothing is moved when one document fails


@libreoffice
def test_relative_paths_and_existing_outdir_content(tmp_path, outdir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_docx(tmp_path / "rel.docx", "Relative")
    (outdir / "keep.txt").write_text("untouched")
    (pdf,) = convert_to_pdf([Path("rel.docx")], outdir=Path("out"))
    assert pdf == Path("out") / "rel.pdf"
    assert "Relative" in PdfReader(pdf).pages[0].extract_text()
    assert sorted(os.listdir(outdir)) == ["keep.txt", "rel.pdf"]


@libreoffice
def test_a_started_office_takes_the_conversions_and_is_gone_afterwards(tmp_path, outdir):
    from legal_docs.convert import Office

    inputs = [write_docx(tmp_path / f"early{i}.docx", f"Early {i}") for i in range(2)]
    with Office() as office:
        listener = office._process
        assert listener is not None and office.profile is not None
        profile = office.profile
        pdfs = convert_to_pdf(inputs, outdir=outdir, office=office)
        assert listener.poll() is None or listener.returncode == 0  # still serving (or handed over)
    assert [PdfReader(p).pages[0].extract_text().strip() for p in pdfs] == ["Early 0", "Early 1"]
    assert _process_gone(listener.pid)
    assert not profile.exists()


def test_an_office_without_libreoffice_does_not_fail_by_itself(monkeypatch, tmp_path):
    from legal_docs.convert import Office

    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "missing"))
    with Office() as office:
        assert office.profile is None
        with pytest.raises(ConverterError, match="LibreOffice is missing"):
            convert_to_pdf(_dummy_inputs(tmp_path, "a"), outdir=tmp_path / "o", office=office)


def test_every_converter_is_one_protocol() -> None:
    """generate's Office, batch's pool and the services all convert through Converter.convert,
    so make_packet and build_pdfs take one converter and never branch on its type."""
    from legal_docs.convert import Converter, Office, OfficePool
    from legal_docs.converters import GotenbergConverter, UnoserverConverter

    for converter in (Office(), OfficePool(1), GotenbergConverter("http://localhost:3000"),
                      UnoserverConverter("localhost", 2003)):
        assert isinstance(converter, Converter), type(converter).__name__
