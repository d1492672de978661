"""Helpers shared by the tests (plain functions; fixtures live in conftest.py)."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from docx import Document

from legal_docs.resources import shipped_forms_root, templates_root

ROOT = Path(__file__).resolve().parent.parent
# The official PDFs shipped inside the package (tests never read anything outside the project).
FORMS = shipped_forms_root()


def example_data(kind: str = "vacatur", variant: str | None = None) -> dict[str, Any]:
    """A kind's sample answers (``variant``: another sample, e.g. protective-order's "dvro"): a fresh
    copy each call (tests change it), the shipped file read once per session."""
    return copy.deepcopy(_example_data(kind, variant))


@lru_cache(maxsize=None)
def _example_data(kind: str, variant: str | None) -> dict[str, Any]:
    from legal_docs.kinds import example_name, get_kind
    from legal_docs.resources import SAFE_LOADER

    return yaml.load((templates_root() / example_name(get_kind(kind), variant)).read_text(encoding="utf-8"),
                     Loader=SAFE_LOADER)


def one_county(data: dict[str, Any], county: str = "Los Angeles") -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["offenses"] = [o for o in data["offenses"] if o["county"] == county]
    return data


def make_pdf(path: Path, *, text: str = "Exhibit content", pages: int = 1) -> Path:
    """A small real PDF with text, made by LibreOffice-free means (pypdf + a minimal content stream)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    for i in range(pages):
        page = writer.add_blank_page(612, 792)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 14 Tf 72 700 Td ({text} {i + 1}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def write_docx(path: Path, *paragraphs: str) -> Path:
    """A plain Word file with one paragraph per text, for the conversion tests."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def answers_sheet(path: Path, row: dict[str, Any], excel: dict[str, tuple[Any, str]]) -> Path:
    """An .xlsx batch sheet of one row of answers (every cell text, as `flatten` writes it), where
    `excel` gives some columns the value and number format Excel would store for what the clinic typed
    (e.g. "Feb 2020" -> datetime(2020, 2, 1) shown "mmm-yy")."""
    from openpyxl import Workbook

    from legal_docs.sheet import flatten

    flat = flatten(row)
    headers = list(flat)
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    sheet.append([excel[h][0] if h in excel else flat[h] for h in headers])
    for column, (_, number_format) in excel.items():
        sheet.cell(row=2, column=headers.index(column) + 1).number_format = number_format
    book.save(path)
    return path


def docx_text(path: Path) -> list[str]:
    """Body text of a DOCX in reading order: paragraphs and table cells (line breaks as \\n)."""
    doc = Document(str(path))
    lines: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(_run_text(child)))
        elif tag == "tbl":
            for cell in child.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc"):
                for p in cell.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
                    lines.append("".join(_run_text(p)))
    return lines


def _run_text(p: Any) -> list[str]:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out = []
    for el in p.iter():
        if el.tag == w + "t":
            out.append(el.text or "")
        elif el.tag == w + "tab":
            out.append("\t")
        elif el.tag in (w + "br", w + "cr"):
            out.append("\n")
    return out




def golden_text(text: str, golden: Path) -> str:
    """The golden copy of `text` (UPDATE_GOLDEN=1 rewrites it from `text` on purpose first)."""
    import os

    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    return golden.read_text(encoding="utf-8")


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level of English text (syllables counted with pyphen's hyphenation
    dictionary, which undercounts a little: keep the limits the tests set modest)."""
    import re

    import pyphen

    dic = pyphen.Pyphen(lang="en_US")
    sentences = max(1, len(re.findall(r"[.!?]+(\s|$)", text)))
    words = re.findall(r"[A-Za-z']+", text)
    syllables = sum(max(1, len(dic.inserted(w).split("-"))) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


def spanish_reading_ease(text: str) -> float:
    """Fernández Huerta reading ease of Spanish text (0-100; 70 and up is "fairly easy", about a
    7th-grade reader), syllables counted with pyphen's Spanish dictionary."""
    import re

    import pyphen

    dic = pyphen.Pyphen(lang="es")
    sentences = max(1, len(re.findall(r"[.!?]+(\s|$)", text)))
    words = re.findall(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+", text)
    syllables = sum(max(1, len(dic.inserted(w).split("-"))) for w in words)
    return 206.84 - 60 * syllables / len(words) - 1.02 * len(words) / sentences
