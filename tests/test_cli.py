"""The command line: every command, exit codes, hostile input, failures, exhibits, assemble."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from helpers import docx_text, example_data, make_pdf, one_county
from legal_docs_cli.main import main


def run(*args: str) -> "object":
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_kinds_lists_vacatur_first_with_alias() -> None:
    result = run("kinds")
    assert result.exit_code == 0
    names = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert names == ["vacatur (alias: ab1762)", "reunification-denial (alias: ab1702)", "placement-727a",
                     "protective-order (alias: restraining-order)"]


def test_example_is_a_valid_commented_answers_file(tmp_path: Path) -> None:
    result = run("example", "vacatur")
    assert result.exit_code == 0
    assert result.output.startswith("# Sample answers")
    answers = tmp_path / "client.yaml"
    answers.write_text(result.output, encoding="utf-8")
    checked = run("validate", str(answers))
    assert checked.exit_code == 0, checked.output
    assert "2 vacatur packets would be made" in checked.output
    assert "left out of the petition" in checked.output  # the example's robbery
    assert run("example", "ab1762").output == result.output


def test_schema_documents_every_field() -> None:
    result = run("schema", "vacatur")
    schema = json.loads(result.output)
    assert {"petitioner", "attorney", "offenses", "trafficking", "exhibits"} <= set(schema["properties"])
    offense = schema["$defs"]["Offense"]["properties"]
    assert {"type", "code_section", "level", "date", "county", "case_number", "prosecuting_agency"} <= set(offense)
    assert all("title" in v for v in offense.values())


def test_clauses_lists_library_and_flags_review() -> None:
    result = run("clauses")
    assert result.exit_code == 0
    assert "vacatur.petition.juvenile-presumption" in result.output
    assert "when: any_juvenile" in result.output
    assert "crc-2.111: Cal. Rules of Court, rule 2.111" in result.output and "NEEDS REVIEW" in result.output


def test_invalid_answers_exit_2_with_field_names_and_no_traceback(tmp_path: Path, write_answers) -> None:
    data = example_data()
    data["petitioner"]["date_of_birth"] = "2031-02-30"
    data["offenses"][0]["county"] = "Gotham"
    path = write_answers(data)
    for command in ("validate", "generate"):
        result = CliRunner().invoke(main, [command, str(path), *(["--out", str(tmp_path / "o")] if command == "generate" else [])])
        assert result.exit_code == 2
        assert "petitioner.date_of_birth" in result.output and "offenses.1.county" in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_unknown_kind_and_missing_file_exit_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["example", "divorce"]).exit_code == 2
    assert CliRunner().invoke(main, ["validate", str(tmp_path / "none.yaml")]).exit_code == 2


HOSTILE = {
    "amp": "Smith & Wesson <Holdings> \"quoted\" 'single'",
    "accents": "José Ñúñez-Çà Ørsted",
    "cjk": "李小龙 東京都",
    "emoji": "safe now 🙂👍🏽",
    "rtl": "שלום עליכם مرحبا",
    "jinja": "{{ 7*7 }} and {% for x in y %} and {_{ z }_}",
}


@pytest.mark.libreoffice
def test_hostile_answers_come_out_exactly_as_typed(tmp_path: Path, write_answers) -> None:
    data = one_county(example_data())
    data["petitioner"]["file_with_initials"] = False
    data["petitioner"]["name"] = HOSTILE["accents"]
    data["attorney"]["firm"] = HOSTILE["amp"]
    data["offenses"][0]["description"] = HOSTILE["cjk"]
    data["offenses"][0]["direct_result"] = HOSTILE["jinja"] + "\nsecond line\x0bafter a Word break\x07."
    data["offenses"][1]["description"] = HOSTILE["rtl"]
    data["trafficking"]["how_it_ended"] = HOSTILE["emoji"]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(write_answers(data)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / "los-angeles"
    docx = "\n".join(docx_text(folder / "01-notice-and-petition.docx"))
    for value in HOSTILE.values():
        assert value in docx, value
    assert "49" not in docx.replace("2019", "")  # the Jinja answer was not evaluated
    assert f"{HOSTILE['jinja']}\nsecond line\nafter a Word break." in docx
    pdf = PdfReader(str(folder / "01-notice-and-petition.pdf"))
    text = " ".join(p.extract_text() for p in pdf.pages)
    flat = " ".join(text.split())
    for key in ("amp", "accents", "cjk", "jinja"):
        assert " ".join(HOSTILE[key].split()) in flat, key
    assert "🙂" in text and "שלום" in text


@pytest.mark.libreoffice
def test_exhibits_get_cover_pages_bookmarks_and_an_index(tmp_path: Path, write_answers) -> None:
    data = one_county(example_data())
    make_pdf(tmp_path / "casemgr.pdf", text="Case manager letter", pages=2)
    make_pdf(tmp_path / "report.pdf", text="Police report", pages=1)
    data["exhibits"] = [
        {"file": "casemgr.pdf", "description": "Letter from case manager"},
        {"file": "report.pdf", "description": "Police report, 2020"},
    ]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(write_answers(data)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / "los-angeles"
    reader = PdfReader(str(folder / "packet.pdf"))
    titles = [o.title for o in reader.outline]
    assert titles[-3:] == ["Index of Exhibits", "Exhibit A: Letter from case manager", "Exhibit B: Police report, 2020"]
    a_page = reader.get_destination_page_number(reader.outline[-2])
    assert "EXHIBIT A" in reader.pages[a_page].extract_text()
    assert "Case manager letter 1" in reader.pages[a_page + 1].extract_text()
    assert "Case manager letter 2" in reader.pages[a_page + 2].extract_text()
    assert "EXHIBIT B" in reader.pages[a_page + 3].extract_text()
    index = "\n".join(docx_text(folder / "06-exhibit-index.docx"))
    assert "Exhibit A\tLetter from case manager" in index
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [e["pages"] for e in manifest["exhibits"]] == [2, 1]
    assert not [p for p in folder.rglob("*") if "casemgr" in p.name]  # exhibits are renamed by letter
    # the exhibits are served with the papers: the service packet ends with them, behind their covers
    served = PdfReader(str(folder / "service-packet.pdf"))
    assert [o.title for o in served.outline] == titles
    assert "Case manager letter 1" in served.pages[served.get_destination_page_number(served.outline[-2]) + 1].extract_text()
    assert manifest["service_packet"]["pages"] == len(served.pages) == len(reader.pages)
    assert f"service-packet.pdf ({len(served.pages)} pages, only what is served)" in result.output


@pytest.mark.libreoffice
def test_assemble_rebuilds_pdfs_after_a_paralegal_edits_the_word_file(tmp_path: Path, write_answers) -> None:
    data = one_county(example_data())
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["generate", str(write_answers(data)), "--out", str(out)]).exit_code == 0
    folder = out / "los-angeles"
    docx_path = folder / "02-memorandum.docx"
    doc = Document(str(docx_path))
    target = next(p for p in doc.paragraphs if p.text.startswith("Petitioner respectfully asks"))
    target.runs[0].text = "Edited by the paralegal: petitioner respectfully asks"
    for run_ in target.runs[1:]:
        run_.text = ""
    doc.save(str(docx_path))
    old = json.loads((folder / "manifest.json").read_text())
    result = CliRunner().invoke(main, ["assemble", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(p.extract_text() for p in PdfReader(str(folder / "packet.pdf")).pages)
    assert "Edited by the paralegal" in text
    served = " ".join(p.extract_text() for p in PdfReader(str(folder / "service-packet.pdf")).pages)
    assert "Edited by the paralegal" in served  # the service packet is rebuilt too
    assert "service-packet.pdf (" in result.output
    new = json.loads((folder / "manifest.json").read_text())
    assert new["service_packet"]["sha256"] != old["service_packet"]["sha256"]
    assert new["status"] == "complete"
    assert new["documents"][1]["sha256"]["docx"] != old["documents"][1]["sha256"]["docx"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left behind


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.mark.parametrize(
    ("soffice", "message"),
    [
        ("missing", "LibreOffice"),
        ("exit 0", "01-notice-and-petition"),  # exits 0 and writes nothing
        ("echo broken >&2; exit 1", "LibreOffice"),
    ],
)
def test_converter_failures_exit_3_and_keep_the_word_files(
    tmp_path: Path, write_answers, monkeypatch, soffice: str, message: str
) -> None:
    path = tmp_path / "nope" if soffice == "missing" else _fake_soffice(tmp_path, soffice)
    monkeypatch.setenv("LEGAL_DOCS_SOFFICE", str(path))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(write_answers(one_county(example_data()))), "--out", str(out)])
    assert result.exit_code == 3, result.output
    assert message in result.output and "Traceback" not in result.output
    folder = out / "los-angeles"
    assert sorted(p.name for p in folder.glob("*.docx")) == [
        "01-notice-and-petition.docx", "02-memorandum.docx", "03-declaration-of-petitioner.docx",
        "04-proposed-order.docx", "04a-confidential-identity-attachment.docx", "05-proof-of-service.docx",
        "letter-to-client.docx",
    ]
    assert not list(folder.glob("*.pdf"))  # no partial PDFs where whole ones are expected
    assert json.loads((folder / "manifest.json").read_text())["status"] == "docx-only"


def test_a_hung_libreoffice_times_out(tmp_path: Path, write_answers, monkeypatch) -> None:
    monkeypatch.setenv("LEGAL_DOCS_SOFFICE", str(_fake_soffice(tmp_path, "sleep 60")))
    monkeypatch.setenv("LEGAL_DOCS_CONVERT_TIMEOUT", "2")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(write_answers(one_county(example_data()))), "--out", str(out)])
    assert result.exit_code == 3
    assert "timed out" in result.output
    assert (out / "los-angeles" / "01-notice-and-petition.docx").is_file()


@pytest.mark.libreoffice  # the session's generated example is a real conversion
def test_outputs_are_private_to_the_user(generated_example: Path) -> None:
    for path in generated_example.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0 or not os.access(path, os.W_OK), (path.name, oct(mode))


def test_output_path_that_is_a_file_is_a_clear_error(tmp_path: Path, write_answers) -> None:
    (tmp_path / "afile").write_text("x")
    result = CliRunner().invoke(main, ["generate", str(write_answers(example_data())), "--out", str(tmp_path / "afile")])
    assert result.exit_code == 2


@pytest.mark.parametrize("text, reason", [
    ("name: Ana: Lopez\n", "a colon inside a value"),
    ("a:\n  b: 1\n c: 2\n", "the indentation does not line up"),
    ("a: 1\n\tb: 2\n", "indent with spaces, not tabs"),
])
def test_a_yaml_error_says_where_and_what_to_fix(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "client.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "is not valid YAML (line" in result.output and reason in result.output
    assert "Lopez" not in result.output  # the reason, never the value


def test_no_color_leaves_errors_plain_even_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    seen: list[object] = []
    monkeypatch.setattr(click, "secho", lambda message=None, **kw: seen.append(kw.get("color")))
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2
    assert seen and all(color is False for color in seen)  # click.secho told not to colour


def test_shell_completion_offers_kinds_and_the_kinds_variants() -> None:
    from click.shell_completion import ShellComplete

    complete = ShellComplete(main, {}, "legal-docs", "_LEGAL_DOCS_COMPLETE")
    kinds = [c.value for c in complete.get_completions(["interview"], "re")]
    assert kinds == ["reunification-denial", "restraining-order"]
    variants = [c.value for c in complete.get_completions(["example", "protective-order", "--variant"], "d")]
    assert variants == ["dvro"]


def test_help_has_examples() -> None:
    for command in ([], ["generate"], ["batch"], ["interview"], ["example"], ["assemble"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert "Example" in result.output and "legal-docs " in result.output.split("Example")[1]


def test_a_deadline_is_said_as_a_day_with_its_weekday(capsys: pytest.CaptureFixture[str]) -> None:
    """'2026-12-24' in the manifest; the attorney reads 'Thursday, December 24, 2026'."""
    from types import SimpleNamespace

    from legal_docs_cli.main import _report_packet

    deadline = SimpleNamespace(label="Latest hearing date", date="2026-12-24", note="Within 21 days.")
    manifest = SimpleNamespace(court="Los Angeles", status="complete", documents=[], packet=None,
                               service_packet=None, warnings=[], deadlines=[deadline], needs_review=[])
    _report_packet(Path("out"), manifest)  # type: ignore[arg-type]
    assert "deadline: Latest hearing date: Thursday, December 24, 2026. Within 21 days." in capsys.readouterr().out


def test_each_paper_kept_out_of_the_packet_says_what_it_is_for() -> None:
    """The vacatur's confidential identity attachment is lodged with the order, apart from the public
    papers, and the letter is the client's: the run says so under each file, from packet.yaml."""
    import click

    from legal_docs.manifest import Manifest
    from legal_docs_cli.main import _report_packet

    manifest = Manifest.model_validate({
        "tool": {"name": "legal-docs"}, "kind": "vacatur", "title": "Petition", "generated_at": "",
        "inputs": {"answers_sha256": ""}, "court": "Los Angeles", "status": "complete", "documents": [
            {"key": "identity-attachment", "title": "Confidential Attachment", "docx": "04a.docx",
             "pdf": "04a.pdf", "serve": False, "in_packet": False, "handling": "lodged"},
            {"key": "client-letter", "title": "Letter", "docx": "letter.docx", "pdf": "letter.pdf",
             "serve": False, "in_packet": False, "handling": "client"},
        ]})

    @click.command()
    def show() -> None:
        _report_packet(Path("out"), manifest)

    out = CliRunner().invoke(show).output
    lodged, letter = out.split("letter.docx")
    assert "lodge it with the proposed order as a separate paper" in lodged and "not for the public file" in lodged
    assert "for the client only; never filed or served" in letter


def test_every_paper_outside_the_packet_in_the_shipped_packets_says_how_it_is_handled() -> None:
    """A new paper kept out of packet.pdf must say what it is for (CLETS-001 is the confidential form)."""
    from legal_docs.kinds import KINDS
    from legal_docs.plan import load_packet_def

    for kind in KINDS:
        for d in load_packet_def(kind).documents:
            if not d.in_packet and d.form != "clets-001":
                assert d.handling, f"{kind}: {d.key}"


def test_handling_on_a_paper_inside_the_packet_is_a_packet_yaml_error() -> None:
    from pydantic import ValidationError

    from legal_docs.plan import DocumentDef

    with pytest.raises(ValidationError, match="in_packet: false is missing"):
        DocumentDef(key="order", filename="04-order", title="Order", footer_title="Order", clauses=["x"],
                    handling="lodged")
