"""The tool deletes or replaces only what it made (issue #17): each attack is a case here.

Packets are made with the fake soffice of test_batch (a small PDF per document), so these tests
need no LibreOffice.
"""

from __future__ import annotations

import copy
import json
import os
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from helpers import example_data, one_county
from legal_docs_cli.main import main
from test_batch import batch_manifest, fake_soffice, write_csv  # noqa: F401 (fake_soffice is a fixture)


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture
def made(tmp_path: Path, fake_soffice: Path) -> Path:  # noqa: F811
    """An output folder with one vacatur packet (Los Angeles), made by generate."""
    answers = tmp_path / "client.yaml"
    answers.write_text(yaml.safe_dump(one_county(example_data()), sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    result = run("generate", str(answers), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def _answers(out: Path) -> Path:
    return out.parent / "client.yaml"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- generate -------------------------------------------------------------------------------------


def test_generate_stops_at_a_persons_file_and_an_edited_docx(made: Path) -> None:
    packet = made / "los-angeles"
    (packet / "signed-order.pdf").write_bytes(b"%PDF-1.4 the judge's signed order")
    docx = next(packet.glob("*.docx"))
    docx.write_bytes(docx.read_bytes() + b"paralegal's edit")
    before = _snapshot(packet)
    result = run("generate", str(_answers(made)), "--out", str(made))
    assert result.exit_code == 2, result.output
    assert "los-angeles/signed-order.pdf" in result.output and f"los-angeles/{docx.name}" in result.output
    assert "--replace" in result.output
    assert _snapshot(packet) == before  # nothing replaced, nothing removed
    assert not [p for p in made.iterdir() if p.name.startswith(".")]


def test_generate_replace_sets_a_persons_files_aside_never_deletes(made: Path) -> None:
    packet = made / "los-angeles"
    (packet / "notes").mkdir()
    (packet / "notes" / "call.txt").write_text("attorney notes")
    docx = next(packet.glob("*.docx"))
    edited = docx.read_bytes() + b"edit"
    docx.write_bytes(edited)
    result = run("generate", str(_answers(made)), "--out", str(made), "--replace")
    assert result.exit_code == 0, result.output
    (aside,) = [p for p in made.iterdir() if p.name.startswith("set-aside-")]
    assert (aside / "los-angeles" / "notes" / "call.txt").read_text() == "attorney notes"
    assert (aside / "los-angeles" / docx.name).read_bytes() == edited
    assert not (packet / "notes").exists() and docx.read_bytes() != edited
    # the new packet is the tool's own again: a plain rerun goes through
    assert run("generate", str(_answers(made)), "--out", str(made)).exit_code == 0


def test_generate_reports_a_court_folder_its_answers_no_longer_make_and_replace_sets_it_aside(
        tmp_path: Path, fake_soffice: Path) -> None:  # noqa: F811
    """A county whose offenses were all removed from the answers: its packet folder from the earlier
    generate is reported (not filed by mistake, not deleted); --replace moves it whole into the dated
    set-aside folder, a person's file in it included. Another kind's packet is not the run's business."""
    answers = tmp_path / "client.yaml"
    data = example_data()
    answers.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    assert run("generate", str(answers), "--out", str(out)).exit_code == 0
    assert (out / "san-bernardino" / "manifest.json").is_file()
    (out / "san-bernardino" / "signed-order.pdf").write_bytes(b"%PDF-1.4 signed")
    other = out / "orange"  # a placement packet someone made into the same output folder
    other.mkdir()
    (other / "manifest.json").write_text((out / "los-angeles" / "manifest.json").read_text().replace(
        '"kind": "vacatur"', '"kind": "placement-727a"'))
    answers.write_text(yaml.safe_dump(one_county(data), sort_keys=False), encoding="utf-8")
    before = _snapshot(out / "san-bernardino")
    result = run("generate", str(answers), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "San Bernardino County: the folder 'san-bernardino' holds a packet legal-docs made earlier" in result.output
    assert "--replace" in result.output and "orange" not in result.output
    assert _snapshot(out / "san-bernardino") == before  # left exactly as it was
    result = run("generate", str(answers), "--out", str(out), "--replace")
    assert result.exit_code == 0, result.output
    assert not (out / "san-bernardino").exists() and (other / "manifest.json").is_file()
    (aside,) = [p for p in out.iterdir() if p.name.startswith("set-aside-")]
    assert _snapshot(aside / "san-bernardino") == before  # moved whole, nothing deleted
    assert f"it was moved into '{aside.name}'" in result.output
    assert "san-bernardino" not in run("generate", str(answers), "--out", str(out)).output  # nothing left to say


def test_a_court_folder_a_person_made_is_never_replaced(tmp_path: Path, fake_soffice: Path) -> None:  # noqa: F811
    out = tmp_path / "out"
    (out / "los-angeles").mkdir(parents=True)
    (out / "los-angeles" / "scan.pdf").write_bytes(b"%PDF-1.4 scanned")
    answers = tmp_path / "client.yaml"
    answers.write_text(yaml.safe_dump(one_county(example_data()), sort_keys=False), encoding="utf-8")
    result = run("generate", str(answers), "--out", str(out))
    assert result.exit_code == 2 and "los-angeles/scan.pdf" in result.output
    assert (out / "los-angeles" / "scan.pdf").read_bytes() == b"%PDF-1.4 scanned"


def test_a_link_where_a_packet_folder_goes_is_not_followed(made: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine")
    os.rename(made / "los-angeles", tmp_path / "moved")
    (made / "los-angeles").symlink_to(elsewhere)
    result = run("generate", str(_answers(made)), "--out", str(made))
    assert result.exit_code == 2, result.output
    assert (elsewhere / "keep.txt").read_text() == "mine" and (made / "los-angeles").is_symlink()


# -- assemble -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../victim.txt", "/tmp/legal-docs-victim.txt", "exhibits/../../victim.txt"])
def test_assemble_never_touches_what_a_tampered_manifest_names_outside(made: Path, name: str) -> None:
    victim = made.parent / "victim.txt"
    victim.write_text("a person's file")
    manifest_path = made / "los-angeles" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    paper = next(d for d in manifest["documents"] if d["docx"])
    paper["pdf"] = name
    manifest_path.write_text(json.dumps(manifest))
    result = run("assemble", str(made))
    assert result.exit_code == 2, result.output
    assert "changed by hand" in result.output
    assert victim.read_text() == "a person's file"


def test_assemble_makes_files_private_whatever_modes_it_found(made: Path) -> None:
    packet = made / "los-angeles"
    for path in [packet, *packet.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    result = run("assemble", str(made))
    assert result.exit_code == 0, result.output
    for path in [packet, *packet.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_a_corrupt_docx_in_assemble_is_named_with_exit_2(made: Path) -> None:
    docx = next((made / "los-angeles").glob("*.docx"))
    docx.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("assemble", str(made))
    assert result.exit_code == 2, result.output
    assert docx.name in result.output and "Traceback" not in result.output


def test_assemble_keeps_an_edited_docx_as_edited_for_the_next_generate(made: Path) -> None:
    import docx as python_docx

    path = next((made / "los-angeles").glob("*.docx"))
    doc = python_docx.Document(str(path))
    doc.add_paragraph("Added by the paralegal.")
    doc.save(str(path))
    assert run("assemble", str(made)).exit_code == 0
    result = run("generate", str(_answers(made)), "--out", str(made))
    assert result.exit_code == 2 and path.name in result.output  # the edit is not silently thrown away


# -- purge ----------------------------------------------------------------------------------------


def test_purge_lists_a_persons_files_and_removes_nothing(made: Path) -> None:
    (made / "los-angeles" / "notes.txt").write_text("notes")
    before = _snapshot(made)
    result = run("purge", str(made), "--yes")
    assert result.exit_code == 2 and "los-angeles/notes.txt" in result.output
    assert _snapshot(made) == before


def test_purge_replace_sets_a_persons_files_aside_then_removes_the_packet(made: Path) -> None:
    (made / "los-angeles" / "notes.txt").write_text("notes")
    result = run("purge", str(made), "--yes", "--replace")
    assert result.exit_code == 0, result.output
    (aside,) = list(made.glob("set-aside-*"))
    assert (aside / "los-angeles" / "notes.txt").read_text() == "notes"
    assert not (made / "los-angeles").exists()


def test_purge_never_follows_a_link_into_another_packet(made: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-matter"
    os.rename(made / "los-angeles", other)
    (made / "los-angeles").symlink_to(other, target_is_directory=True)
    (made / "second").symlink_to(other / "manifest.json")
    before = _snapshot(other)
    result = run("purge", str(made), "--yes")
    assert result.exit_code == 2, result.output
    assert _snapshot(other) == before
    result = run("purge", str(made / "los-angeles"), "--yes")
    assert result.exit_code == 2 and "link" in result.output
    assert _snapshot(other) == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"),
        ("settings.json", json.dumps({"schema_version": 3, "kind": "preferences"})),
        ("other.json", json.dumps({"schema_version": 1, "answers": {}})),
        ("notes.yaml", "kind: vacatur\nmy_notes: call the client\n"),
    ],
)
def test_purge_refuses_files_legal_docs_did_not_write(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    result = run("purge", str(path), "--yes")
    assert result.exit_code == 2 and path.read_text() == content


def test_purge_removes_an_answers_file_and_a_session(tmp_path: Path, write_answers) -> None:  # type: ignore[no-untyped-def]
    answers = write_answers(example_data())
    assert run("purge", str(answers), "--yes").exit_code == 0 and not answers.exists()
    session = tmp_path / "s.json"
    session.write_text(json.dumps({"schema_version": 1, "tool": "legal-docs 0.1.0", "kind": "vacatur",
                                   "answers": {}}))
    assert run("purge", str(session), "--yes").exit_code == 0 and not session.exists()


# -- encrypt / decrypt ----------------------------------------------------------------------------


@pytest.fixture
def encrypted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_answers) -> Path:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LEGAL_DOCS_PASSPHRASE", "correct horse battery staple")
    path = write_answers(example_data(), "secret.yaml")
    assert run("encrypt", str(path)).exit_code == 0
    return path


def test_decrypt_never_replaces_a_fifo_or_a_link(tmp_path: Path, encrypted: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("decrypt", str(encrypted), "-o", str(fifo))
    assert result.exit_code == 2 and "regular file" in result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    target = tmp_path / "target.txt"
    target.write_text("keep")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert run("decrypt", str(encrypted), "-o", str(link)).exit_code == 2
    assert link.is_symlink() and target.read_text() == "keep"


def test_encrypt_refuses_a_fifo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGAL_DOCS_PASSPHRASE", "x")
    from legal_docs.errors import InputError
    from legal_docs.vault import encrypt_file

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="regular file"):
        encrypt_file(fifo)  # reading a FIFO would block forever
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize(
    "params", [{"n": 2**40}, {"n": 3}, {"r": 10**6}, {"p": 64}, {"n": 2**20, "r": 16}, {"n": "x"}, {"n": -1}]
)
def test_tampered_key_derivation_settings_are_refused_without_trying_them(
    tmp_path: Path, encrypted: Path, params: dict
) -> None:
    from legal_docs.vault import MAGIC

    blob = encrypted.read_bytes()
    header_line, token = blob[len(MAGIC):].split(b"\n", 1)
    header = json.loads(header_line)
    header.update(params)
    encrypted.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + token)
    result = run("validate", str(encrypted))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


# -- batch ----------------------------------------------------------------------------------------


def test_batch_removes_a_packet_the_row_no_longer_makes(tmp_path: Path, fake_soffice: Path) -> None:  # noqa: F811
    row = copy.deepcopy(example_data())
    row["matter_id"] = "m-1"
    out = tmp_path / "out"
    sheet = write_csv(tmp_path / "clients.csv", [row])
    assert run("batch", str(sheet), "--out", str(out)).exit_code == 0
    assert (out / "m-1" / "san-bernardino" / "manifest.json").exists()
    row["offenses"] = [o for o in row["offenses"] if o["county"] != "San Bernardino"]
    sheet = write_csv(tmp_path / "clients.csv", [row])
    result = run("batch", str(sheet), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert not (out / "m-1" / "san-bernardino").exists()
    packets = batch_manifest(out)["rows"][0]["packets"]
    assert {"court": "San Bernardino", "folder": None, "status": "stale-removed"} in packets


def test_batch_keeps_and_reports_a_stale_packet_holding_a_persons_file(
    tmp_path: Path, fake_soffice: Path  # noqa: F811
) -> None:
    row = copy.deepcopy(example_data())
    row["matter_id"] = "m-1"
    out = tmp_path / "out"
    assert run("batch", str(write_csv(tmp_path / "c.csv", [row])), "--out", str(out)).exit_code == 0
    (out / "m-1" / "san-bernardino" / "filed-stamp.pdf").write_bytes(b"%PDF stamped")
    row["offenses"] = [o for o in row["offenses"] if o["county"] != "San Bernardino"]
    assert run("batch", str(write_csv(tmp_path / "c.csv", [row])), "--out", str(out)).exit_code == 0
    assert (out / "m-1" / "san-bernardino" / "filed-stamp.pdf").exists()
    packets = batch_manifest(out)["rows"][0]["packets"]
    assert any(p["status"] == "stale-kept" for p in packets)


def test_batch_fails_only_the_row_whose_packet_holds_a_persons_file(
    tmp_path: Path, fake_soffice: Path  # noqa: F811
) -> None:
    rows = []
    for matter in ("a-1", "a-2"):
        row = one_county(example_data())
        row["matter_id"] = matter
        rows.append(row)
    out = tmp_path / "out"
    assert run("batch", str(write_csv(tmp_path / "c.csv", rows)), "--out", str(out)).exit_code == 0
    (out / "a-1" / "los-angeles" / "notes.txt").write_text("notes")
    for row in rows:
        row["trafficking"]["summary"] += " More."
    result = run("batch", str(write_csv(tmp_path / "c.csv", rows)), "--out", str(out))
    assert result.exit_code == 1
    statuses = {r["matter_id"]: r["status"] for r in batch_manifest(out)["rows"]}
    assert statuses == {"a-1": "failed", "a-2": "done"}
    assert "notes.txt" in (out / "errors.csv").read_text()
    assert (out / "a-1" / "los-angeles" / "notes.txt").read_text() == "notes"
    result = run("batch", str(write_csv(tmp_path / "c.csv", rows)), "--out", str(out), "--replace")
    assert result.exit_code == 0, result.output
    assert list((out / "a-1").glob("set-aside-*/los-angeles/notes.txt"))


# -- output folders -------------------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_an_input_error(tmp_path: Path, fake_soffice: Path) -> None:  # noqa: F811
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    answers = tmp_path / "client.yaml"
    answers.write_text(yaml.safe_dump(one_county(example_data())), encoding="utf-8")
    try:
        result = run("generate", str(answers), "--out", str(out))
    finally:
        out.chmod(0o700)
    assert result.exit_code == 2 and "cannot be written" in result.output


def test_the_writable_check_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from legal_docs import pipeline
    from legal_docs.errors import InputError

    monkeypatch.setattr(pipeline.os, "access", lambda *a, **k: False)
    with pytest.raises(InputError, match="'out' cannot be written"):
        pipeline.check_writable(tmp_path / "out")


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "1e9", "soon"])
def test_the_converter_timeout_is_validated(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from legal_docs.errors import InputError
    from legal_docs.pipeline import convert_timeout

    monkeypatch.setenv("LEGAL_DOCS_CONVERT_TIMEOUT", value)
    with pytest.raises(InputError, match="LEGAL_DOCS_CONVERT_TIMEOUT"):
        convert_timeout()


# -- leftovers and locks --------------------------------------------------------------------------


def test_a_killed_runs_staging_folder_is_removed_by_the_next_run(made: Path) -> None:
    stale = made / ".los-angeles.staging-abc123"
    stale.mkdir()
    (stale / "01-notice-and-petition.docx").write_bytes(b"client papers")
    old = made / ".los-angeles.old-xyz"
    (old / "packet").mkdir(parents=True)
    keep = made / ".my-hidden-notes"
    keep.mkdir()
    result = run("generate", str(_answers(made)), "--out", str(made))
    assert result.exit_code == 0, result.output
    assert not stale.exists() and not old.exists()
    assert keep.exists()  # hidden, but not the tool's


def test_a_second_run_into_the_same_folder_waits_its_turn(made: Path) -> None:
    import fcntl

    from legal_docs.errors import InputError
    from legal_docs.pipeline import output_lock

    fd = os.open(made, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(InputError, match="Another legal-docs run"), output_lock(made):
            pass
        stale = made / ".x.staging-1"
        stale.mkdir()
        with pytest.raises(InputError):
            with output_lock(made):
                pass
        assert stale.exists()  # a live run's staging folder is never touched
    finally:
        os.close(fd)


@pytest.mark.parametrize("command", ["validate", "generate", "assemble"])
def test_an_over_long_file_name_is_exit_2(tmp_path: Path, command: str) -> None:
    name = str(tmp_path / ("a" * 300 + ".yaml"))
    result = run(command, name)
    assert result.exit_code == 2, result.output
    assert "too long" in result.output and "Internal error" not in result.output


def test_a_full_disk_is_still_an_internal_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from legal_docs import pipeline

    def full(*a, **k):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline, "load_and_plan", full)
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(example_data()), encoding="utf-8")
    result = run("generate", str(answers), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "Internal error" in result.output
