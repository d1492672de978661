"""Clinics customise templates: export, use first, lint with plain fixes, diff."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import docx_text, example_data, one_county
from legal_docs.resources import set_override
from legal_docs_cli.main import main


@pytest.fixture(autouse=True)
def _builtins_after() -> None:
    yield
    set_override(None)


def _rewrite(docx: Path, part: str, old: str, new: str) -> None:
    with zipfile.ZipFile(docx) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    xml = items[part].decode("utf-8")
    assert old in xml, old
    items[part] = xml.replace(old, new, 1).encode("utf-8")
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items.items():
            zf.writestr(name, data)


def _export(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    result = CliRunner().invoke(main, ["templates", "export", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_builtin_templates_pass_the_check() -> None:
    result = CliRunner().invoke(main, ["templates", "check"])
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_export_copies_templates_clauses_and_authorities(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    for rel in ("form_templates/pleading.docx", "form_templates/vacatur/packet.yaml",
                "clauses/authorities.yaml", "clauses/vacatur/petition.yaml", "clauses/law/violent_felonies.yaml"):
        assert (folder / rel).is_file(), rel
    assert CliRunner().invoke(main, ["templates", "export", str(folder)]).exit_code == 2  # not empty


@pytest.mark.libreoffice
def test_a_clinics_wording_and_letterhead_are_used_first(tmp_path: Path, write_answers) -> None:
    folder = _export(tmp_path)
    clause = folder / "clauses" / "vacatur" / "petition.yaml"
    clause.write_text(clause.read_text(encoding="utf-8").replace("PLEASE TAKE NOTICE", "NOTICE IS HEREBY GIVEN"),
                      encoding="utf-8")
    _rewrite(folder / "form_templates" / "pleading.docx", "word/footer1.xml",
             "{{ doc.footer_title }}", "{{ doc.footer_title }} (Example Clinic)")
    (folder / "clauses" / "vacatur" / "memorandum.yaml").unlink()  # falls back to the built-in
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["--templates", str(folder), "generate", str(write_answers(one_county(example_data()))), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    petition = "\n".join(docx_text(out / "los-angeles" / "01-notice-and-petition.docx"))
    assert "NOTICE IS HEREBY GIVEN" in petition and "PLEASE TAKE NOTICE" not in petition
    assert "MEMORANDUM OF POINTS AND AUTHORITIES" in "\n".join(docx_text(out / "los-angeles" / "02-memorandum.docx"))
    from pypdf import PdfReader

    assert "(Example Clinic)" in PdfReader(str(out / "los-angeles" / "packet.pdf")).pages[0].extract_text()


@pytest.mark.parametrize(
    ("part", "old", "new", "expected"),
    [
        ("word/document.xml", "{{ doc.caption.paper_title }}",
         "{</w:t></w:r><w:r><w:t>{ doc.caption.paper_title }}", "split across two runs"),
        ("word/document.xml", "{{ doc.caption.paper_title }}",
         "{{ doc.caption.paper_title if doc.confidential == \u201cx\u201d else doc.caption.paper_title }}", "curly quotes"),
        ("word/document.xml", "{{ doc.caption.paper_title }}", "{{ doc.caption.paper_title|shout }}",
         "the filter 'shout' does not exist"),
        ("word/document.xml", "{{ doc.caption.paper_title }}", "{{ client.ssn }}", "uses 'client'"),
        ("word/document.xml", "{{ doc.caption.paper_title }}", "{% if doc.confidential %}{{ doc.caption.paper_title }}",
         "template syntax error"),
        ("word/document.xml", '<w:pPr><w:pStyle w:val="PleadingCaptionTitle"/>',
         '<w:pPr><w:pStyle w:val="PleadingCaptionTitle"/><w:spacing w:line="360" w:lineRule="auto"/>',
         "not on the 24-point pleading grid"),
    ],
)
def test_check_names_file_paragraph_and_fix(tmp_path: Path, part: str, old: str, new: str, expected: str) -> None:
    folder = _export(tmp_path)
    _rewrite(folder / "form_templates" / "pleading.docx", part, old, new)
    result = CliRunner().invoke(main, ["templates", "check", str(folder)])
    assert result.exit_code == 1, result.output
    line = next(line for line in result.output.splitlines() if expected in line)
    assert line.startswith("form_templates/pleading.docx")
    assert "Fix:" in line


def test_check_catches_a_clause_citing_an_unknown_authority(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    clause = folder / "clauses" / "vacatur" / "petition.yaml"
    clause.write_text(clause.read_text(encoding="utf-8").replace("cite['pc-236.14-d']", "cite['pc-999']", 1),
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["templates", "check", str(folder)])
    assert result.exit_code == 1
    assert "unknown authority 'pc-999'" in result.output


def test_check_renders_every_paper_strictly(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    packet = folder / "form_templates" / "vacatur" / "packet.yaml"
    # a text has no 'nickname': only a render finds it (a misspelled fact is found before, in
    # test_fact_names.py)
    packet.write_text(packet.read_text(encoding="utf-8").replace(
        'footer_title: Proof of Service', 'footer_title: "Proof of Service {{ petitioner.name.nickname }}"'),
        encoding="utf-8")
    result = CliRunner().invoke(main, ["templates", "check", str(folder)])
    assert result.exit_code == 1
    assert "vacatur (vacatur/example.yaml)" in result.output and "nickname" in result.output


def test_diff_shows_changed_paragraphs_with_their_styles(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    new = folder / "form_templates" / "pleading.docx"
    _rewrite(new, "word/footer1.xml", "{{ doc.footer_title }}", "{{ doc.footer_title }} (Example Clinic)")
    from legal_docs.resources import templates_root

    result = CliRunner().invoke(main, ["templates", "diff", str(templates_root() / "pleading.docx"), str(new)])
    assert result.exit_code == 0
    assert "+[" in result.output and "(Example Clinic)" in result.output
    same = CliRunner().invoke(main, ["templates", "diff", str(new), str(new)])
    assert "No differences" in same.output


def test_a_template_problem_is_the_one_problem_type(tmp_path: Path) -> None:
    """The lint's problems are errors.Problem: the file as its label, the paragraph and the fix as
    parts code can read; the line shown is made from them."""
    from legal_docs.errors import Problem
    from legal_docs.template_lint import check_docx

    folder = _export(tmp_path)
    path = folder / "form_templates" / "pleading.docx"
    _rewrite(path, "word/document.xml", "{{ doc.caption.paper_title }}", "{{ doc.caption.paper_title|shout }}")
    [problem] = [p for p in check_docx(path, label="form_templates/pleading.docx") if "shout" in p.message]
    assert isinstance(problem, Problem)
    assert (problem.label, problem.location) == ("form_templates/pleading.docx", ())
    assert problem.fix.startswith("remove it or use a standard Jinja filter")
    assert str(problem) == (f'form_templates/pleading.docx at "{problem.where}": the filter \'shout\' does not exist. '
                            f"Fix: {problem.fix}")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    assert [str(p) for p in check_docx(broken, label="x.docx")] == [
        "x.docx: is not a Word (.docx) file. Fix: save it from Word as .docx"]
