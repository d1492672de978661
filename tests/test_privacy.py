"""Privacy and safety: full SSNs and account numbers, encryption at rest, purge, no network."""

from __future__ import annotations

import json
import socket
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import example_data, one_county
from legal_docs.answers import validate_answers
from legal_docs.errors import InputError, LegalDocsError
from legal_docs.redaction import check_output_texts, digest, find_sensitive
from legal_docs_cli.main import main


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("SSN 123-45-6789", True),
        ("SSN 123456789", True),
        ("card 4111 1111 1111 1111", True),
        ("account 12345678901", True),
        ("SSN ending in 6789 (xxx-xx-6789)", False),
        ("call (213) 555-0100 or 213-555-0100", False),
        ("case BA456789, booking 5512345, June 2, 2019, ZIP 90012-1234", False),
    ],
)
def test_sensitive_number_patterns(text: str, flagged: bool) -> None:
    assert bool(find_sensitive(text)) is flagged


def test_answers_with_a_full_ssn_are_refused_naming_the_field(tmp_path: Path) -> None:
    data = example_data()
    data["trafficking"]["summary"] += " My SSN is 123-45-6789."
    data["offenses"][0]["disposition"] = "Fines paid from account 000123456789"
    with pytest.raises(InputError) as info:
        validate_answers(data, base_dir=tmp_path)
    text = "\n".join(info.value.details)
    assert "trafficking.summary" in text and "Social Security" in text
    assert "offenses.1.disposition" in text and "account" in text
    assert "6789" not in text  # the number itself is never echoed


def test_long_case_and_booking_numbers_are_not_account_numbers(tmp_path: Path) -> None:
    data = example_data()
    data["offenses"][1]["booking_number"] = "123456789"
    data["offenses"][0]["case_number"] = "2019123456789"
    validate_answers(data, base_dir=tmp_path)  # no error


def test_output_scan_allows_identifiers_only_by_digest() -> None:
    check_output_texts([("a.docx", "Case No. 2019123456789")], allowed=[digest("2019123456789")])
    with pytest.raises(LegalDocsError, match="not finished"):
        check_output_texts([("a.docx", "Case No. 2019123456789")])
    with pytest.raises(LegalDocsError):
        check_output_texts([("a.docx", "SSN 123-45-6789")], allowed=[digest("123456789")])


@pytest.mark.libreoffice
def test_assemble_refuses_a_paralegal_edit_that_adds_a_full_ssn(tmp_path: Path, write_answers) -> None:
    from docx import Document

    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["generate", str(write_answers(one_county(example_data()))), "--out", str(out)]).exit_code == 0
    folder = out / "los-angeles"
    before = (folder / "packet.pdf").read_bytes()
    doc = Document(str(folder / "03-declaration-of-petitioner.docx"))
    doc.add_paragraph("My social security number is 123-45-6789.")
    doc.save(str(folder / "03-declaration-of-petitioner.docx"))
    result = CliRunner().invoke(main, ["assemble", str(out)])
    assert result.exit_code == 1
    assert "03-declaration-of-petitioner.docx" in result.output and "6789" not in result.output
    assert (folder / "packet.pdf").read_bytes() == before  # the finished packet was left as it was
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_encrypted_answers_are_read_transparently(tmp_path: Path, write_answers, monkeypatch) -> None:
    path = write_answers(example_data())
    plain = path.read_bytes()
    monkeypatch.setenv("LEGAL_DOCS_PASSPHRASE", "correct horse battery staple")
    assert CliRunner().invoke(main, ["encrypt", str(path)]).exit_code == 0
    blob = path.read_bytes()
    assert blob != plain and b"Rivera" not in blob
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert CliRunner().invoke(main, ["validate", str(path)]).exit_code == 0
    monkeypatch.setenv("LEGAL_DOCS_PASSPHRASE", "wrong")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2 and "wrong passphrase" in result.output
    monkeypatch.delenv("LEGAL_DOCS_PASSPHRASE")
    result = CliRunner().invoke(main, ["validate", str(path)])  # no terminal, no passphrase
    assert result.exit_code == 2 and "LEGAL_DOCS_PASSPHRASE" in result.output
    monkeypatch.setenv("LEGAL_DOCS_PASSPHRASE", "correct horse battery staple")
    out = tmp_path / "plain.yaml"
    assert CliRunner().invoke(main, ["decrypt", str(path), "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == plain


def _fake_packet(folder: Path) -> None:
    import hashlib

    folder.mkdir(parents=True)
    (folder / "01-notice-and-petition.docx").write_bytes(b"x")
    files = {"01-notice-and-petition.docx": hashlib.sha256(b"x").hexdigest()}
    (folder / "manifest.json").write_text(json.dumps({
        "schema_version": 1, "tool": {"name": "legal-docs"}, "kind": "vacatur", "court": "Los Angeles",
        "title": "Petition", "generated_at": "2026-11-22T00:00:00+00:00", "status": "docx-only",
        "documents": [{"key": "petition", "title": "Petition", "docx": "01-notice-and-petition.docx",
                       "pdf": "01-notice-and-petition.pdf"}],
        "inputs": {"answers_sha256": "0" * 64}, "files": files}))


def test_purge_removes_only_what_legal_docs_made(tmp_path: Path, write_answers) -> None:
    out = tmp_path / "out"
    _fake_packet(out / "los-angeles")
    _fake_packet(out / "san-bernardino")
    result = CliRunner().invoke(main, ["purge", str(out), "--yes"])
    assert result.exit_code == 0, result.output
    assert not out.exists()
    # a folder holding anything else is left alone, whole
    other = tmp_path / "mixed"
    _fake_packet(other / "los-angeles")
    (other / "notes.txt").write_text("attorney notes")
    result = CliRunner().invoke(main, ["purge", str(other), "--yes"])
    assert result.exit_code == 2 and (other / "los-angeles" / "manifest.json").exists()
    answers = write_answers(example_data())
    assert CliRunner().invoke(main, ["purge", str(answers), "--yes"]).exit_code == 0
    assert not answers.exists()
    stray = tmp_path / "report.pdf"
    stray.write_bytes(b"%PDF-1.4")
    assert CliRunner().invoke(main, ["purge", str(stray), "--yes"]).exit_code == 2 and stray.exists()


def test_purge_without_yes_and_without_a_terminal_refuses(tmp_path: Path) -> None:
    _fake_packet(tmp_path / "out" / "x")
    result = CliRunner().invoke(main, ["purge", str(tmp_path / "out")])
    assert result.exit_code == 2 and (tmp_path / "out" / "x").exists()


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_the_test_run_has_no_network() -> None:
    from pytest_socket import SocketBlockedError

    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
