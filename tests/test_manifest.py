"""manifest.json read and written through its model: a manifest from the first format still reads
(and `assemble` brings it up to date), a manifest changed by hand is an error naming the file
(exit 2), and the stages cannot write a key the model does not know.

A fake soffice (test_batch.py) stands in for LibreOffice, so these run in seconds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from helpers import example_data, make_pdf, one_county
from legal_docs.errors import InputError
from legal_docs.manifest import Document, read_manifest
from legal_docs.ownership import foreign_files
from legal_docs_cli.main import main
from test_batch import fake_soffice  # noqa: F401 (a fixture)


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def packet(tmp_path: Path, fake_soffice: Path, write_answers) -> Path:  # noqa: F811
    """One vacatur packet with an exhibit, made with the fake soffice: its folder."""
    data = one_county(example_data())
    data["exhibits"] = [{"file": str(make_pdf(tmp_path / "record.pdf")), "description": "Court record"}]
    result = run("generate", str(write_answers(data)), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "los-angeles"


def _first_format(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest as the first version of legal-docs wrote it (commit 01c76b3): no record of the
    files written, no service packet, no records or identifier digests, documents without
    in_packet, exhibits without the source's hash."""
    old = {k: v for k, v in manifest.items() if k not in ("files", "service_packet", "records")}
    old["inputs"] = {k: v for k, v in manifest["inputs"].items() if k != "identifier_digests"}
    old["documents"] = [{k: v for k, v in d.items() if k not in ("in_packet",)} for d in manifest["documents"]]
    old["exhibits"] = [{k: v for k, v in e.items() if k != "source_sha256"} for e in manifest["exhibits"]]
    return old


def test_a_manifest_of_the_first_format_reads_and_assemble_brings_it_up_to_date(packet: Path) -> None:
    path = packet / "manifest.json"
    old = _first_format(json.loads(path.read_text()))
    path.write_text(json.dumps(old, indent=2))
    (packet / "service-packet.pdf").unlink()  # the first version made none

    manifest = read_manifest(packet)
    assert manifest.files is None and manifest.service_packet is None
    assert all(d.in_packet for d in manifest.documents)  # what the stages assumed before the key existed
    assert manifest.exhibits[0].source_sha256 is None
    assert manifest.dump() == old  # read and written again, it keeps the keys it had, no more
    # ownership falls back on the names it mentions, with each Word file's hash
    assert foreign_files(packet) == []
    (packet / "01-notice-and-petition.docx").write_bytes(b"edited")
    assert foreign_files(packet) == ["01-notice-and-petition.docx"]
    (packet / "01-notice-and-petition.docx").unlink()
    path.write_text(json.dumps(old, indent=2))

    result = run("assemble", str(packet.parent))
    assert result.exit_code == 2 and "01-notice-and-petition.docx" in result.output  # missing: named


def test_assemble_updates_a_first_format_manifest(packet: Path) -> None:
    path = packet / "manifest.json"
    path.write_text(json.dumps(_first_format(json.loads(path.read_text()))))
    (packet / "service-packet.pdf").unlink()
    result = run("assemble", str(packet.parent))
    assert result.exit_code == 0, result.output
    now = json.loads(path.read_text())
    assert now["service_packet"]["pdf"] == "service-packet.pdf" and (packet / "service-packet.pdf").is_file()
    assert "01-notice-and-petition.docx" in now["files"] and "service-packet.pdf" in now["files"]
    assert foreign_files(packet) == []


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda m: m["documents"][1].pop("pdf"), "documents.2.pdf"),
        (lambda m: m.update(status="done"), "status"),
        (lambda m: m["documents"][0].update(serve="perhaps"), "documents.1.serve"),
        (lambda m: m.update(packet={"pdf": "packet.pdf", "pages": "many", "sha256": "0"}), "packet.pages"),
        (lambda m: m.update(court=None), "court"),
        (lambda m: m.update(note="added by hand"), "note"),
        (lambda m: m.update(tool={"name": "other-tool"}), "tool.name"),
        (lambda m: m.update(documents={"key": "x"}), "documents"),
    ],
)
def test_a_manifest_changed_by_hand_is_named_with_exit_2(packet: Path, change: Any, where: str) -> None:
    path = packet / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))
    before = {p.name: p.stat().st_mtime_ns for p in packet.iterdir()}

    with pytest.raises(InputError) as caught:
        read_manifest(packet)
    assert "manifest.json in folder 'los-angeles'" in caught.value.message
    assert where in [p.dotted for p in caught.value.problems]

    result = run("assemble", str(packet.parent))
    assert result.exit_code == 2, result.output
    assert "manifest.json in folder 'los-angeles' was changed by hand" in result.output
    assert where in result.output and "Traceback" not in result.output
    assert {p.name: p.stat().st_mtime_ns for p in packet.iterdir()} == before  # nothing was done
    # and nothing in the folder counts as the tool's any more: generate and purge will not remove it
    assert "01-notice-and-petition.docx" in foreign_files(packet)


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"schema_version": 2}', "\udcff"])
def test_a_manifest_that_is_not_one_is_named(packet: Path, text: str) -> None:
    (packet / "manifest.json").write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(InputError, match="manifest.json in folder 'los-angeles'"):
        read_manifest(packet)


def test_the_stages_cannot_write_a_key_the_model_does_not_know(packet: Path) -> None:
    with pytest.raises(ValidationError):
        Document(key="a", title="A", docx=None, pdf="a.pdf", serves=False)  # type: ignore[call-arg]
    manifest = read_manifest(packet)
    with pytest.raises(ValidationError):
        manifest.status = "finished"  # type: ignore[assignment]
    with pytest.raises(ValueError):
        manifest.stauts = "complete"  # type: ignore[attr-defined]
