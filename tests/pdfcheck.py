"""Small helpers for tests that look at a rendered PDF the way a clerk would.

Pure pypdf (no poppler), except :func:`field_values`, which reads form fields with qpdf (pikepdf):
pypdf parsing a whole Judicial Council form for its fields was a fifth of the fast tier. Positions are PDF points measured from the top-left corner of the
page; a text fragment's position is its baseline origin (text matrix times the current
transformation matrix, as pypdf hands them to an ``extract_text`` visitor).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

MARGIN_STRIP = 90.0  # pt from the left edge: the line numbers live left of this
BODY_LEFT = 100.0  # pt: text at or right of this is in the body column
LINE_PITCH = 24.0


class Fragment(NamedTuple):
    x: float
    y: float  # baseline, from the top of the page
    text: str


@lru_cache(maxsize=8)
def _reader(pdf_path: str, mtime: float) -> PdfReader:
    return PdfReader(pdf_path)


def _open(pdf_path) -> PdfReader:
    path = Path(pdf_path)
    return _reader(str(path), path.stat().st_mtime)


def page_sizes(pdf_path) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in _open(pdf_path).pages]


def page_text(pdf_path, i: int) -> str:
    return _open(pdf_path).pages[i].extract_text()


def _font_is_embedded(font: DictionaryObject) -> bool:
    font = font.get_object()
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs are drawn by the PDF itself
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _fonts(resources, seen: set[int]) -> list[DictionaryObject]:
    if resources is None:
        return []
    resources = resources.get_object()
    fonts = resources.get("/Font")
    found = [f.get_object() for f in fonts.get_object().values()] if fonts else []
    xobjects = resources.get("/XObject")
    for xobject in (xobjects.get_object().values() if xobjects else []):
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
            seen.add(id(xobject))
            found += _fonts(xobject.get("/Resources"), seen)
    return found


def fonts_embedded(pdf_path) -> bool:
    """True when every font used on every page carries its font program."""
    for page in _open(pdf_path).pages:
        if not all(_font_is_embedded(f) for f in _fonts(page.get("/Resources"), set())):
            return False
    return True


def fragments(pdf_path, page_index: int) -> list[Fragment]:
    """Non-blank text fragments of one page with their baseline positions."""
    page = _open(pdf_path).pages[page_index]
    height = float(page.mediabox.top)
    found: list[Fragment] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found.append(Fragment(x, height - y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def _margin_numbers(pdf_path, page_index: int) -> list[tuple[float, int]]:
    out = []
    for frag in fragments(pdf_path, page_index):
        if frag.x < MARGIN_STRIP and re.fullmatch(r"\d+", frag.text):
            out.append((frag.y, int(frag.text)))
    return sorted(out)


def left_margin_numbers(pdf_path, page_index: int) -> list[int]:
    """The numbers printed in the left margin strip of a page, top to bottom."""
    return [n for _, n in _margin_numbers(pdf_path, page_index)]


def line_offsets(pdf_path, page_index: int, *, from_line: int = 1) -> list[tuple[float, str]]:
    """For each body fragment on or below line `from_line`: (distance in pt from its
    baseline to the nearest line-number baseline, the text)."""
    baselines = [y for y, _ in _margin_numbers(pdf_path, page_index)]
    if not baselines:
        return []
    top = baselines[from_line - 2] + LINE_PITCH / 4 if from_line > 1 else baselines[0] - LINE_PITCH
    bottom = baselines[-1] + LINE_PITCH / 5  # line 28's descent; the footer is below
    out = []
    for frag in fragments(pdf_path, page_index):
        if frag.x >= BODY_LEFT and top < frag.y < bottom:
            out.append((min(abs(frag.y - b) for b in baselines), frag.text))
    return out


def body_lines_aligned(pdf_path, page_index: int, tolerance: float = 2.0, *,
                       from_line: int = 1) -> bool:
    """Every body text baseline (from line `from_line` down) sits within `tolerance` pt of
    a line-number baseline. False when the page has no numbers or no body text."""
    offsets = line_offsets(pdf_path, page_index, from_line=from_line)
    return bool(offsets) and all(off <= tolerance for off, _ in offsets)


def court_ready_problems(pdf_path) -> list[str]:
    """What keeps a merged packet from being court-ready, as readable lines (empty when none):
    letter-size pages, embedded fonts, text and the numbers 1-28 on every page, body text on the
    pleading grid (from line 8 on a paper's first page, below the rule 2.111 filer block), and
    page labels 1..N. A paper's first page is where a bookmark points."""
    reader = _open(pdf_path)
    problems = []
    if not all(size == (612.0, 792.0) for size in page_sizes(pdf_path)):
        problems.append("not every page is letter size")
    if not fonts_embedded(pdf_path):
        problems.append("a font is not embedded")
    first_pages = {reader.get_destination_page_number(o) for o in reader.outline}
    for i in range(len(reader.pages)):
        if len(page_text(pdf_path, i).strip()) <= 40:
            problems.append(f"page {i + 1} has no text")
        if left_margin_numbers(pdf_path, i) != list(range(1, 29)):
            problems.append(f"page {i + 1} line numbers")
        if not body_lines_aligned(pdf_path, i, from_line=8 if i in first_pages else 1):
            problems.append(f"page {i + 1} text off the pleading grid")
    if reader.page_labels != [str(i) for i in range(1, len(reader.pages) + 1)]:
        problems.append("page labels do not run 1..N")
    return problems


def _plain(value: Any) -> Any:
    """A pikepdf value as pypdf gives it to a test: text as str, a name as '/On', arrays as lists."""
    import pikepdf

    if isinstance(value, pikepdf.Array):
        return [_plain(v) for v in value]
    if isinstance(value, (pikepdf.String, pikepdf.Name)):
        return str(value)
    return value


def field_values(pdf_path) -> dict[str, Any]:
    """Every form field's value (/V, None when unset) by its qualified name, the names and values
    pypdf's ``PdfReader.get_fields()`` gives (tests/test_forms.py checks the two agree): a field is
    a dictionary with /T (or /TM, its full name), reached from /AcroForm /Fields through /Kids;
    its name is its parents' /T and its own joined by dots; its /V is its own, not inherited."""
    import pikepdf

    def name(field: Any, seen: set[tuple[int, int]]) -> str:
        if "/TM" in field:
            return str(field.TM)
        parent = field.get("/Parent")
        own = str(field.get("/T", ""))
        if parent is None or parent.objgen in seen:
            return own
        return name(parent, seen | {field.objgen}) + "." + own

    values: dict[str, Any] = {}
    visited: set[tuple[int, int]] = set()

    def walk(field: Any) -> None:
        if not isinstance(field, pikepdf.Dictionary):
            return
        if field.is_indirect:
            if field.objgen in visited:
                return
            visited.add(field.objgen)
        if "/T" in field or "/TM" in field:
            values[name(field, set())] = _plain(field.get("/V"))
        for kid in field.get("/Kids", []):
            walk(kid)

    with pikepdf.open(pdf_path) as pdf:
        acroform = pdf.Root.get("/AcroForm")
        for field in (acroform.get("/Fields", []) if acroform is not None else []):
            walk(field)
    return values


def checkbox_states(pdf_path, *, prefix: str = "") -> dict[str, str]:
    """Each widget's appearance state (/AS: what a viewer draws, "/Off" or the box's on-state) by
    its qualified field name, with ``prefix`` (a packet instance's "x.") taken off."""
    from legal_docs.forms import field_name

    states = {}
    for page in PdfReader(pdf_path).pages:  # read afresh: a test may fill the same path again
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if "/AS" in annot:
                states[field_name(annot).removeprefix(prefix)] = str(annot["/AS"])
    return states
