"""`assemble` puts numbered paragraphs back in order after a paralegal deletes, moves or copies one,
and says which papers changed since generate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from pypdf import PdfReader

from helpers import example_data, one_county
from legal_docs.renumber import describe, renumber
from legal_docs_cli.main import main


def numbered_paper(path: Path, numbers: list[int], *, mention: str = "") -> Path:
    doc = Document()
    doc.styles.add_style("Pleading Numbered", WD_STYLE_TYPE.PARAGRAPH)
    doc.add_paragraph("CAPTION")
    for n in numbers:
        p = doc.add_paragraph(style="Pleading Numbered")
        p.add_run(f"{n}.")
        p.add_run("\t")
        p.add_run(f"Paragraph first numbered {n}. {mention}")
    doc.save(str(path))
    return path


def numbers_in(path: Path) -> list[str]:
    return [p.runs[0].text for p in Document(str(path)).paragraphs if p.style.style_id == "PleadingNumbered"]


def test_a_deleted_paragraph_leaves_no_gap(tmp_path: Path) -> None:
    paper = numbered_paper(tmp_path / "p.docx", [1, 2, 3, 4, 5, 7, 8])
    result = renumber(paper)
    assert result.changes == [(7, 6), (8, 7)] and not result.references
    assert numbers_in(paper) == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    assert "Paragraph first numbered 7." in Document(str(paper)).paragraphs[6].text  # the text is kept
    assert describe(result.changes) == "7 -> 6, 8 -> 7"


def test_a_copied_paragraph_and_references_are_reported(tmp_path: Path) -> None:
    paper = numbered_paper(tmp_path / "p.docx", [1, 2, 2, 3], mention="See paragraph 2.")
    result = renumber(paper)
    assert result.changes == [(2, 3), (3, 4)] and result.references


def test_a_paper_in_order_is_not_rewritten(tmp_path: Path) -> None:
    paper = numbered_paper(tmp_path / "p.docx", [1, 2, 3])
    before = paper.read_bytes()
    assert renumber(paper).changes == []
    assert paper.read_bytes() == before


@pytest.mark.libreoffice
def test_assemble_renumbers_and_reports_the_papers_edited(tmp_path: Path, write_answers) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["generate", str(write_answers(one_county(example_data()))), "--out", str(out)]
                              ).exit_code == 0
    folder = out / "los-angeles"
    petition = folder / "01-notice-and-petition.docx"
    doc = Document(str(petition))
    numbered = [p for p in doc.paragraphs if p.style.style_id == "PleadingNumbered"]
    assert len(numbered) > 4
    gone = numbered[2]
    gone._element.getparent().remove(gone._element)  # the paralegal deletes paragraph 3
    doc.save(str(petition))
    result = CliRunner().invoke(main, ["assemble", str(out)])
    assert result.exit_code == 0, result.output
    assert "edited since generate: 01-notice-and-petition.docx" in result.output
    assert "01-notice-and-petition.docx: numbered paragraphs renumbered in order (4 -> 3, 5 -> 4" in result.output
    assert numbers_in(petition) == [f"{n}." for n in range(1, len(numbered))]
    text = " ".join(p.extract_text() for p in PdfReader(str(folder / "01-notice-and-petition.pdf")).pages)
    assert f"{len(numbered) - 1}." in text
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
