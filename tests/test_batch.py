"""`legal-docs batch`: every input format, bad rows, resume after kill -9, hung workers, the
converters (local pool, Gotenberg and unoserver clients against fakes on 127.0.0.1).

Most tests use a fake `soffice` (LEGAL_DOCS_SOFFICE) that copies a small PDF for each document,
so they run in seconds without LibreOffice; the tests marked `libreoffice` use the real one.
"""

from __future__ import annotations

import copy
import csv
import http.server
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import xmlrpc.client
import xmlrpc.server
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from helpers import example_data, make_pdf, one_county, write_docx
from legal_docs.errors import ConverterError
from legal_docs.sheet import example_sheet, flatten, unflatten
from legal_docs_cli.main import main

NAME = "Alex Jordan Rivera"  # the example petitioner: must never appear in a path or a report

FAKE_SOFFICE = r"""#!/bin/sh
# A stand-in for soffice. Listener starts (--accept) exit at once, so each conversion runs here.
# A conversion appends one line per document to $FAKE_LOG, then hangs when a path contains
# "hang-me", fails when one contains "die-me" (plain "die" is in san-diego and in random names),
# waits $FAKE_DELAY seconds, and copies a small PDF for each .docx into --outdir.
outdir=""; prev=""
for a in "$@"; do
  case "$a" in --accept=*) exit 0;; esac
  if [ "$prev" = "--outdir" ]; then outdir="$a"; fi
  prev="$a"
done
for a in "$@"; do
  case "$a" in *.docx) echo "$a" >> "$FAKE_LOG";; esac
done
for a in "$@"; do
  case "$a" in *hang-me*) exec sleep 60;; *die-me*) exit 1;; esac
done
[ -n "$FAKE_DELAY" ] && sleep "$FAKE_DELAY"
for a in "$@"; do
  case "$a" in *.docx) b=$(basename "$a" .docx); cp "$FAKE_PDF" "$outdir/$b.pdf";; esac
done
exit 0
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install the fake soffice; returns its log (one line per document it was given)."""
    tools = tmp_path / "fake"
    tools.mkdir()
    script = tools / "soffice"
    script.write_text(FAKE_SOFFICE)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    log = tools / "conversions.log"
    log.touch()
    monkeypatch.setenv("LEGAL_DOCS_SOFFICE", str(script))
    monkeypatch.setenv("FAKE_PDF", str(make_pdf(tools / "sample.pdf", text="Converted", pages=2)))
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.delenv("FAKE_DELAY", raising=False)
    return log


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def one_county_rows(ids: list[str]) -> list[dict[str, Any]]:
    """Example answers cut to one county (one packet per row), one row per matter id."""
    base = one_county(example_data())
    rows = []
    for matter in ids:
        row = copy.deepcopy(base)
        row["matter_id"] = matter
        rows.append(row)
    return rows


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    flat = [flatten(r) for r in rows]
    headers: list[str] = []
    for f in flat:
        headers += [h for h in f if h not in headers]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=headers)
        writer.writeheader()
        writer.writerows(flat)
    return path


def read_errors(out: Path) -> list[dict[str, str]]:
    with (out / "errors.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def batch_manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "batch-manifest.json").read_text(encoding="utf-8"))


def packet_manifest(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def assert_private_and_nameless(out: Path) -> None:
    for path in out.rglob("*"):
        assert NAME.split()[0] not in str(path.relative_to(out)), path
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, (path.name, oct(mode))


# -- reading rows ---------------------------------------------------------------------------------


def test_numbered_columns_become_lists_and_gaps_are_reported() -> None:
    data, problems = unflatten(
        [("kind", "vacatur"), ("offenses.1.code_section", "PC 647(b)"), ("offenses.2.code_section", " "),
         ("trafficking.evidence.1", "a"), ("trafficking.evidence.2", "b"), ("petitioner.name", "")]
    )
    assert problems == []
    assert data == {"kind": "vacatur", "offenses": [{"code_section": "PC 647(b)"}],
                    "trafficking": {"evidence": ["a", "b"]}}
    _, problems = unflatten([("offenses.1.type", "arrest"), ("offenses.3.type", "arrest")])
    assert [(p.dotted, p.message.split(":")[0]) for p in problems] == [
        ("offenses.2", "is empty while a later one is filled")
    ]
    _, problems = unflatten([("petitioner", "x"), ("petitioner.name", "y"), ("offenses.0.type", "arrest")])
    assert {p.dotted for p in problems} == {"petitioner.name", "offenses.0.type"}


def test_example_sheet_has_every_column_and_reads_back_as_the_example() -> None:
    from legal_docs.answers import validate_answers
    from legal_docs.kinds import get_kind
    from legal_docs.sheet import typed

    headers, row = example_sheet("vacatur")
    assert headers[:3] == ["matter_id", "schema_version", "kind"]
    assert {"offenses.4.direct_result", "offenses.1.override.reason", "exhibits.1.file", "hearing.time"} <= set(headers)
    data, problems = unflatten(list(zip(headers, row)))
    assert not problems
    data.pop("matter_id")
    model = validate_answers(typed(get_kind("vacatur").model, data), base_dir=Path("."))[1]
    assert model == validate_answers(example_data(), base_dir=Path("."))[1]


# -- whole batches (fake soffice) -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_example_sheet_round_trips_through_batch(tmp_path: Path, fake_soffice: Path, fmt: str) -> None:
    sheet = tmp_path / f"clients.{fmt}"
    made = run("example", "vacatur", "--format", fmt)
    assert made.exit_code == 0, made.output
    sheet.write_bytes(made.stdout_bytes)
    if fmt == "xlsx":
        book = load_workbook(sheet, read_only=True)
        assert next(book.worksheets[0].iter_rows(values_only=True))[:3] == ("matter_id", "schema_version", "kind")
        book.close()
    out = tmp_path / "out"
    result = run("batch", str(sheet), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("Batch: 1 row: 1 made")
    folders = sorted(p.relative_to(out).as_posix() for p in out.glob("*/*") if p.is_dir())
    assert folders == ["matter-0001/los-angeles", "matter-0001/san-bernardino"]
    for folder in out.glob("matter-0001/*"):
        manifest = packet_manifest(folder)
        assert manifest["status"] == "complete" and (folder / "packet.pdf").is_file()
    assert batch_manifest(out)["rows"][0]["status"] == "done"
    assert read_errors(out) == []
    assert_private_and_nameless(out)


def test_excel_habits_are_undone_where_unambiguous_and_explained_otherwise(tmp_path: Path, fake_soffice: Path) -> None:
    """A workbook typed the usual way: ZIP codes and telephones stored as numbers, `kind` capitalised."""
    from openpyxl import Workbook

    rows = one_county_rows(["zip-4", "zip-3"])
    flat = [flatten(r) for r in rows]
    headers = list(flat[0])
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for values in flat:
        cells: list[Any] = [values.get(h) for h in headers]
        cells[headers.index("kind")] = "Vacatur"
        cells[headers.index("attorney.phone")] = 2135550100  # a number, as Excel keeps it
        cells[headers.index("attorney.address.zip")] = 2134 if values["matter_id"] == "zip-4" else 501
        sheet.append(cells)
    path = tmp_path / "clients.xlsx"
    book.save(path)
    out = tmp_path / "out"
    result = run("batch", str(path), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1, result.output
    answers = json.loads(json.dumps(packet_manifest(out / "zip-4" / "los-angeles")))
    assert answers["status"] == "complete"
    rows_seen = {r["matter_id"]: r for r in batch_manifest(out)["rows"]}
    assert rows_seen["zip-4"]["status"] == "done"
    changed = rows_seen["zip-4"]["cells_changed"]
    assert any("a leading zero was added" in c for c in changed)
    assert any("(attorney.phone) was 10 digits without punctuation" in c for c in changed), changed
    errors = read_errors(out)
    assert [(e["row"], e["column"]) for e in errors] == [("3", "attorney.address.zip")]
    assert "leading zeros were lost; format the column as text" in errors[0]["message"]
    petition = (out / "zip-4" / "los-angeles" / "01-notice-and-petition.docx")
    from docx import Document

    text = "\n".join(p.text for p in Document(str(petition)).paragraphs)
    assert "02134" in text and "(213) 555-0100" in text


def test_every_rows_warnings_and_checks_are_in_review_csv_and_the_summary(tmp_path: Path, fake_soffice: Path) -> None:
    rows = one_county_rows(["plain", "violent"])
    extra = copy.deepcopy(rows[1]["offenses"][0])
    extra.update({"code_section": "PC 211", "level": "felony", "description": "Robbery"})
    rows[1]["offenses"].append(extra)  # second degree robbery is a violent felony: left out, with the reason
    sheet = write_csv(tmp_path / "clients.csv", rows)
    out = tmp_path / "out"
    result = run("batch", str(sheet), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    with (out / "review.csv").open(encoding="utf-8", newline="") as fh:
        review = list(csv.DictReader(fh))
    assert {r["what"] for r in review} == {"warning", "check before filing"}
    left_out = [(r["row"], r["matter_id"], r["courts"]) for r in review if "left out of the petition" in r["message"]]
    assert left_out == [("2", "plain", "Los Angeles"), ("3", "violent", "Los Angeles"), ("3", "violent", "Los Angeles")]
    packets = {r["matter_id"]: r["packets"][0] for r in batch_manifest(out)["rows"]}
    assert [e["offense"][:9] for e in packets["violent"]["excluded"]] == ["Offense 3", "Offense 4"]
    assert packets["plain"]["needs_review"] == packets["violent"]["needs_review"] != []
    summary = result.output.strip().splitlines()[-1]
    warnings = sum(1 for r in review if r["what"] != "check before filing")
    checks = sum(1 for r in review if r["what"] == "check before filing")
    assert f"{warnings} warning" in summary and f"{checks} items to check before filing (see review.csv)" in summary
    assert batch_manifest(out)["summary"]["to_check_before_filing"] == checks


def test_review_csv_gives_each_item_once_per_row_with_the_courts_it_concerns() -> None:
    """A row with packets in three counties: an authority to check in all three is one line naming
    the three courts; a warning of one packet names that court only."""
    from legal_docs.batch import RowOutcome

    outcome = RowOutcome(2, "m-1")
    outcome.packets = [
        {"court": "Orange", "warnings": ["Offense 2 is left out"], "needs_review": ["Code Civ. Proc., § 1013: check"]},
        {"court": "Los Angeles", "needs_review": ["Code Civ. Proc., § 1013: check", "Cal. Rules of Court, rule 2.111"]},
        {"court": "San Bernardino", "warnings": ["Offense 2 is left out"],
         "needs_review": ["Code Civ. Proc., § 1013: check"]},
    ]
    assert list(outcome.review_lines()) == [
        ("Orange; San Bernardino", "warning", "Offense 2 is left out"),
        ("Los Angeles; Orange; San Bernardino", "check before filing", "Code Civ. Proc., § 1013: check"),
        ("Los Angeles", "check before filing", "Cal. Rules of Court, rule 2.111"),
    ]


@pytest.mark.parametrize("fmt", ["jsonl", "folder"])
def test_jsonl_and_a_folder_of_answers_files(tmp_path: Path, fake_soffice: Path, fmt: str) -> None:
    rows = one_county_rows(["a-1", "a-2"])
    del rows[1]["matter_id"]  # falls back to the row number
    if fmt == "jsonl":
        source = tmp_path / "clients.jsonl"
        source.write_text("\n".join(json.dumps(r, default=str) for r in rows) + "\n\n", encoding="utf-8")
    else:
        source = tmp_path / "answers"
        source.mkdir()
        (source / "first.yaml").write_text(yaml.safe_dump(rows[0]), encoding="utf-8")
        (source / "second.json").write_text(json.dumps(rows[1], default=str), encoding="utf-8")
        (source / "notes.txt").write_text("not an answers file")
    out = tmp_path / "out"
    result = run("batch", str(source), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "a-1", "batch-manifest.json", "errors.csv", "review.csv", "row-0002"
    ]
    for matter in ("a-1", "row-0002"):
        assert packet_manifest(out / matter / "los-angeles")["status"] == "complete"
    assert batch_manifest(out)["input"]["format"] == fmt


def test_bad_rows_are_reported_by_field_and_the_rest_are_made(tmp_path: Path, fake_soffice: Path) -> None:
    rows = one_county_rows(["good-1", "bad-date", "good-2", "good-1", "no-kind", "bad id!", "odd-kind"])
    rows[1]["petitioner"]["date_of_birth"] = "31st of Smarch"
    rows[1]["offenses"][0]["type"] = "parking"
    del rows[4]["kind"]
    rows[6]["kind"] = "Secret Kind Value"
    sheet = write_csv(tmp_path / "clients.csv", rows)
    out = tmp_path / "out"
    result = run("batch", str(sheet), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 1
    summary = result.output.strip().splitlines()[-1]
    # bad answers are answers to fix, not a failure of the tool; both make the exit status 1
    assert summary.startswith("Batch: 7 rows: 2 made, 0 already complete, 5 with answers to fix (see errors.csv), "
                              "0 failed;")
    counts = batch_manifest(out)["summary"]
    assert (counts["invalid"], counts["failed"]) == (5, 0)
    errors = read_errors(out)
    by_row = {}
    for e in errors:
        by_row.setdefault(int(e["row"]), []).append(e)
    assert sorted(by_row) == [3, 5, 6, 7, 8]  # the sheet's own row numbers (the headers are row 1)
    assert {(e["field"], e["column"]) for e in by_row[3]} == {
        ("petitioner's date of birth", "petitioner.date_of_birth"), ("Offense 1, type of record", "offenses.1.type"),
    }
    assert by_row[5][0]["column"] == "matter_id" and "earlier row" in by_row[5][0]["message"]
    assert by_row[6][0]["column"] == "kind" and by_row[6][0]["message"].startswith("is required")
    assert by_row[7][0]["matter_id"] == "row-0006" and by_row[7][0]["column"] == "matter_id"
    assert by_row[8][0]["column"] == "kind"
    text = (out / "errors.csv").read_text(encoding="utf-8")
    for value in ("Smarch", "parking", "Secret Kind Value", "bad id!", NAME):
        assert value not in text  # a report names fields, never what was typed
    statuses = [(r["row"], r["matter_id"], r["status"]) for r in batch_manifest(out)["rows"]]
    assert statuses == [(2, "good-1", "done"), (3, "bad-date", "invalid"), (4, "good-2", "done"),
                        (5, "good-1", "invalid"), (6, "no-kind", "invalid"), (7, "row-0006", "invalid"),
                        (8, "odd-kind", "invalid")]
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["good-1", "good-2"]
    assert_private_and_nameless(out)


def test_a_rerun_skips_complete_packets_and_remakes_changed_ones(tmp_path: Path, fake_soffice: Path) -> None:
    rows = one_county_rows(["r-1", "r-2"])
    sheet = write_csv(tmp_path / "clients.csv", rows)
    out = tmp_path / "out"
    assert run("batch", str(sheet), "--out", str(out)).exit_code == 0
    first = {p: packet_manifest(out / p / "los-angeles")["generated_at"] for p in ("r-1", "r-2")}
    before = len(fake_soffice.read_text().splitlines())
    rows[1]["signing"]["city"] = "Pasadena"
    write_csv(sheet, rows)
    result = run("batch", str(sheet), "--out", str(out))
    assert result.exit_code == 0
    assert "1 made, 1 already complete" in result.output
    assert packet_manifest(out / "r-1" / "los-angeles")["generated_at"] == first["r-1"]
    papers = len(packet_manifest(out / "r-2" / "los-angeles")["documents"])
    assert len(fake_soffice.read_text().splitlines()) - before == papers  # only r-2's papers again
    assert [r["status"] for r in batch_manifest(out)["rows"]] == ["skipped", "done"]


@pytest.mark.parametrize("trouble", ["hang", "die"])
def test_a_hung_or_dying_worker_fails_only_its_row(
    tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch, trouble: str
) -> None:
    monkeypatch.setenv("LEGAL_DOCS_CONVERT_TIMEOUT", "1")
    sheet = write_csv(tmp_path / "clients.csv", one_county_rows(["ok-1", f"{trouble}-me", "ok-2"]))
    out = tmp_path / "out"
    result = run("batch", str(sheet), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 1
    errors = read_errors(out)
    assert [(e["row"], e["field"]) for e in errors] == [("3", "PDF conversion")]
    assert ("timed out" if trouble == "hang" else "failed") in errors[0]["message"]
    tried = [line for line in fake_soffice.read_text().splitlines() if f"{trouble}-me" in line]
    kept = out / f"{trouble}-me" / "los-angeles"
    assert len(tried) == 2 * len(packet_manifest(kept)["documents"])  # every paper, tried twice
    for matter in ("ok-1", "ok-2"):
        assert packet_manifest(out / matter / "los-angeles")["status"] == "complete"
    assert packet_manifest(kept)["status"] == "docx-only" and not list(kept.glob("*.pdf"))


@pytest.mark.slow  # kills a running batch and runs it again
def test_resume_after_kill_9(tmp_path: Path, fake_soffice: Path) -> None:
    ids = [f"k-{i}" for i in range(1, 9)]
    sheet = write_csv(tmp_path / "clients.csv", one_county_rows(ids))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "legal_docs_cli.main", "batch", str(sheet), "--out", str(out), "--jobs", "2"]
    env = dict(os.environ, FAKE_DELAY="0.4")
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*/los-angeles/packet.pdf"))) < 2:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = {}
    for folder in out.glob("*/los-angeles"):
        manifest = packet_manifest(folder)  # anything in a packet's place is whole
        assert manifest["status"] == "complete" and (folder / "packet.pdf").is_file()
        done_before[folder.parent.name] = (manifest["generated_at"], (folder / "packet.pdf").stat().st_ino)
    assert 2 <= len(done_before) < len(ids)

    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(ids) - len(done_before)} made, {len(done_before)} already complete" in result.stdout
    for matter in ids:
        folders = [p.name for p in (out / matter).iterdir()]
        assert folders == ["los-angeles"]  # no staging left behind, one packet per client
        folder = out / matter / "los-angeles"
        manifest = packet_manifest(folder)
        assert manifest["status"] == "complete"
        assert len(PdfReader(folder / "packet.pdf").pages) == manifest["packet"]["pages"]
        if matter in done_before:  # made once: the rerun left it alone
            assert (manifest["generated_at"], (folder / "packet.pdf").stat().st_ino) == done_before[matter]
    statuses = {r["matter_id"]: r["status"] for r in batch_manifest(out)["rows"]}
    assert {m for m, s in statuses.items() if s == "skipped"} == set(done_before)


def test_a_second_batch_into_the_same_folder_is_refused(tmp_path: Path, fake_soffice: Path) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    sheet = write_csv(tmp_path / "clients.csv", one_county_rows(["x-1"]))
    with open(out / ".batch.lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        result = run("batch", str(sheet), "--out", str(out))
    assert result.exit_code == 2 and "Another batch" in result.output


# -- converters -------------------------------------------------------------------------------------


class _Gotenberg(http.server.BaseHTTPRequestHandler):
    pdf = b""
    fail_first = 0
    requests: list[str] = []

    def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        kind = self.headers.get("Content-Type", "")
        ok = (
            self.path == "/forms/libreoffice/convert"
            and kind.startswith("multipart/form-data; boundary=")
            and b'name="files"; filename="' in body
            and body.rstrip().endswith(f"--{kind.split('boundary=')[1]}--".encode())
        )
        type(self).requests.append(self.path)
        if type(self).fail_first > 0:
            type(self).fail_first -= 1
            self.send_response(503)
            self.end_headers()
            return
        self.send_response(200 if ok else 400)
        self.send_header("Content-Type", "application/pdf")
        self.end_headers()
        self.wfile.write(type(self).pdf if ok else b"bad request")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def gotenberg(tmp_path: Path) -> Iterator[str]:
    _Gotenberg.pdf = make_pdf(tmp_path / "served.pdf").read_bytes()
    _Gotenberg.fail_first = 0
    _Gotenberg.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Gotenberg)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _docx_files(tmp_path: Path, *names: str) -> list[Path]:
    return [write_docx(tmp_path / f"{name}.docx", name) for name in names]


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_gotenberg_client_converts_each_document_and_retries_once(tmp_path: Path, gotenberg: str) -> None:
    from legal_docs.converters import GotenbergConverter

    out = tmp_path / "pdf"
    _Gotenberg.fail_first = 1
    made = GotenbergConverter(gotenberg).convert(_docx_files(tmp_path, "one", "two"), outdir=out, timeout=10)
    assert [p.name for p in made] == ["one.pdf", "two.pdf"]
    assert all(len(PdfReader(p).pages) == 1 for p in made)
    assert _Gotenberg.requests == ["/forms/libreoffice/convert"] * 3  # one refused, then retried
    _Gotenberg.fail_first = 2
    with pytest.raises(ConverterError, match=r"HTTP 503.*tried twice"):
        GotenbergConverter(gotenberg).convert(_docx_files(tmp_path, "three"), outdir=out, timeout=10)
    assert not (out / "three.pdf").exists()


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_batch_through_a_gotenberg_address(tmp_path: Path, gotenberg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGAL_DOCS_SOFFICE", str(tmp_path / "no-libreoffice-needed"))
    sheet = write_csv(tmp_path / "clients.csv", one_county_rows(["g-1"]))
    out = tmp_path / "out"
    result = run("batch", str(sheet), "--out", str(out), "--converter", gotenberg, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert packet_manifest(out / "g-1" / "los-angeles")["status"] == "complete"
    assert len(_Gotenberg.requests) == len(packet_manifest(out / "g-1" / "los-angeles")["documents"])
    assert batch_manifest(out)["converter"] == "gotenberg"


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_unoserver_client(tmp_path: Path) -> None:
    from legal_docs.converters import UnoserverConverter

    pdf = make_pdf(tmp_path / "served.pdf").read_bytes()
    calls: list[tuple[Any, ...]] = []

    def convert(inpath, indata, outpath, convert_to, *rest):  # type: ignore[no-untyped-def]
        calls.append((inpath, outpath, convert_to, indata.data[:2]))
        return xmlrpc.client.Binary(pdf)

    server = xmlrpc.server.SimpleXMLRPCServer(("127.0.0.1", 0), logRequests=False, allow_none=True)
    server.register_function(convert, "convert")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        made = UnoserverConverter("127.0.0.1", server.server_address[1]).convert(
            _docx_files(tmp_path, "paper"), outdir=tmp_path / "pdf", timeout=10
        )
    finally:
        server.shutdown()
        server.server_close()
    assert [p.name for p in made] == ["paper.pdf"]
    assert calls == [(None, None, "pdf", b"PK")]  # the document travels as bytes, not a path


def test_unknown_converter_address_is_an_input_error(tmp_path: Path, fake_soffice: Path) -> None:
    sheet = write_csv(tmp_path / "clients.csv", one_county_rows(["c-1"]))
    result = run("batch", str(sheet), "--out", str(tmp_path / "out"), "--converter", "ftp://x")
    assert result.exit_code == 2 and "converter must be" in result.output


# -- real LibreOffice ---------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_batch_with_libreoffice_workers(tmp_path: Path) -> None:
    rows = one_county_rows(["lo-1", "lo-2", "lo-bad"])
    rows[2]["offenses"][0]["date"] = "not a date"
    sheet = write_csv(tmp_path / "clients.csv", rows)
    out = tmp_path / "out"
    result = run("batch", str(sheet), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 1
    for matter in ("lo-1", "lo-2"):
        folder = out / matter / "los-angeles"
        manifest = packet_manifest(folder)
        assert manifest["status"] == "complete"
        text = PdfReader(folder / "01-notice-and-petition.pdf").pages[0].extract_text()
        assert "236.14" in text
    assert [e["column"] for e in read_errors(out)] == ["offenses.1.date"]


@pytest.mark.libreoffice
def test_pool_restarts_a_dead_worker_and_keeps_the_live_one(tmp_path: Path) -> None:
    from legal_docs.convert import OfficePool

    docs = _docx_files(tmp_path, "a", "b")
    with OfficePool(1) as pool:
        pool.convert(docs[:1], outdir=tmp_path / "pdf", timeout=60)
        office = pool._offices[0]
        assert office.alive()  # still up after a conversion was handed to it
        os.killpg(office._process.pid, signal.SIGKILL)
        office._process.wait()
        pool.convert(docs[1:], outdir=tmp_path / "pdf", timeout=60)
        assert pool.restarts == 1
    assert sorted(p.name for p in (tmp_path / "pdf").glob("*.pdf")) == ["a.pdf", "b.pdf"]


@pytest.mark.libreoffice
def test_an_office_dies_with_the_process_that_started_it(tmp_path: Path) -> None:
    script = (
        "import os, signal, sys, time\n"
        "from legal_docs.convert import Office\n"
        "office = Office(); office.start(); office.wait_ready(60)\n"
        "assert office.bridged()\n"
        "print(office._process.pid, office._bridge.process.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    groups = [int(pid) for pid in done.stdout.split()]  # LibreOffice's and its UNO bridge's
    assert len(groups) == 2, done.stderr
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        alive = []
        for group in groups:
            try:
                os.killpg(group, 0)
                alive.append(group)
            except ProcessLookupError:
                pass
        if not alive:
            return
        time.sleep(0.2)
    for group in alive:
        os.killpg(group, signal.SIGKILL)
    pytest.fail("LibreOffice or its bridge outlived the process that started it")


def test_sheet_problems_are_the_one_problem_type() -> None:
    """A sheet's problems are errors.Problem, located like an answers file's (list items from 0),
    so batch reads their parts and never parses text; the column stays as the sheet names it."""
    from legal_docs.errors import Problem

    _, problems = unflatten([("offenses.1.type", "arrest"), ("offenses.3.type", "arrest"), ("offenses.0.type", "x")])
    assert all(isinstance(p, Problem) for p in problems)
    assert {(p.location, p.dotted) for p in problems} == {(("offenses", 1), "offenses.2"),
                                                         (("offenses", -1, "type"), "offenses.0.type")}


@pytest.mark.parametrize("command", ["generate", "batch"])
def test_a_stop_signal_cleans_up_like_ctrl_c(tmp_path: Path, fake_soffice: Path, command: str) -> None:
    """SIGTERM (kill, a process manager) mid-conversion: exit 130 and no hidden staging folder left
    holding the client's papers; before, Python died at once and left it behind."""
    out = tmp_path / "hang-me"  # the fake soffice hangs on any path under it
    if command == "generate":
        source = tmp_path / "client.yaml"
        source.write_text(yaml.safe_dump(one_county(example_data()), allow_unicode=True), encoding="utf-8")
        args = ["generate", str(source), "--out", str(out)]
    else:
        source = write_csv(tmp_path / "clients.csv", one_county_rows(["s-1"]))
        args = ["batch", str(source), "--out", str(out), "--jobs", "1"]
    proc = subprocess.Popen([sys.executable, "-m", "legal_docs_cli.main", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60  # a guard against a conversion that never starts, not a measure
    while time.monotonic() < deadline and not fake_soffice.read_text():
        time.sleep(0.05)
    assert fake_soffice.read_text(), "the conversion never started"
    assert list(out.rglob(".*staging*")), "the packet was not being built"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Interrupted." in err and "Traceback" not in err
    assert not list(out.rglob(".*staging*")) and not list(out.rglob("*.docx")), err
