"""Attachment pages are official MC-025 pages whose body prints any script a common font covers,
wrapped by measured width (form_attachment).

The pages are read back with poppler's pdftotext (the body box's text, and with -bbox where each word
sits) and their fields with pypdf, so what is checked is what a reader of the PDF gets: the names
exactly as written, no "?" in place of a character, no word outside MC-025's body box, and the
form's short title, case number, attachment number and "Page N of M" on every page.
"""

from __future__ import annotations

import logging
import re
import subprocess
import unicodedata
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from legal_docs import form_attachment
from legal_docs.form_attachment import (
    PADDING,
    PAGE_H,
    AttachmentFonts,
    attachment_fonts,
    attachment_lines,
    attachment_numbers,
    attachment_pdf,
    body_box,
    lines_per_page,
)
from legal_docs.forms import fill_form
from test_forms import SAMPLE

NAMES = ["Nguyễn Thị Hương", "Ковальчук Олена Петрівна", "王小明", "Ελένη Παπαδοπούλου", "Հայկ Սարգսյան",
         "Magandang umaga po, Ginang Dela Cruz", "Zoë Ñúñez-Çelik", "김민준", "さくら"]
WIDE = "王小明说他每天晚上都被迫工作，钱都被拿走了。" * 12  # one 264-character line, no spaces
LONG_WORD = "Wwwwwwwwww" * 40  # Latin, wider than a line, no spaces
TOLERANCE = 0.5  # points: rounding in the bounding boxes pdftotext reports
SWORN = "If the item that this Attachment concerns is made under penalty of perjury"


def _write(tmp_path: Path, items: list[tuple[str, str]], form_id: str = "DV-100") -> tuple[Path, int]:
    out = tmp_path / "attachment.pdf"
    out.write_bytes(attachment_pdf(form_id=form_id, items=items))
    return out, len(PdfReader(out).pages)


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def _box() -> tuple[float, float, float, float]:
    """The body box's text area (left, top, right, bottom) in points from the page's top left."""
    x0, y0, x1, y1 = body_box()
    return x0 + PADDING, PAGE_H - y1 + PADDING, x1 - PADDING, PAGE_H - y0 - PADDING


def _body(pdf: Path, *args: str) -> list[list[str]]:
    """Each page's lines of text inside MC-025's body box (blank lines dropped)."""
    x0, y0, x1, y1 = body_box()
    crop = ["-x", str(int(x0)), "-y", str(int(PAGE_H - y1)), "-W", str(int(x1 - x0) + 1), "-H", str(int(y1 - y0) + 1)]
    pages = _pdftotext(pdf, *crop, *args).split("\f")[:-1]
    return [[line for line in page.splitlines() if line.strip()] for page in pages]


def _fields(pdf: Path) -> dict[str, str]:
    """The MC-025 pages' fields (not the parents that name each page's fields apart) and values."""
    return {name: str(f.get("/V", "")) for name, f in (PdfReader(pdf).get_fields() or {}).items()
            if "MC-025-" in name and ".FillText" in name}


def _words(pdf: Path, *args: str) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) for every word pdftotext -bbox finds (y from the page top)."""
    html = _pdftotext(pdf, "-bbox", *args)
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    return [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in re.findall(pattern, html)]


def test_the_machine_has_the_fonts() -> None:
    """tools/ensure-system-deps.sh installs DejaVu Sans and Noto Sans CJK: without them the other tests
    would pass on Helvetica's '?' only by failing."""
    fonts = attachment_fonts()
    assert fonts.body is not None and fonts.body.name == "DejaVu Sans" and fonts.body.bold is not None
    assert any(f.name == "Noto Sans CJK SC" for f in fonts.fallbacks)


def test_every_attachment_page_is_an_mc025_page_with_its_fields(tmp_path: Path) -> None:
    """Each item is an attachment of its own: every page names the case (short title, case number),
    the attachment's number as the form's field refers to it, and "Page N of M" within it."""
    story = " ".join(f"He came to the bus stop on day {n}." for n in range(600))
    items = [("Attachment 7a(3)\u2014Describe Harassment", story, True), ("item 5d, details", "He took my phone.")]
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(attachment_pdf(form_id="CH-100", items=items,
                                   short_title="Kiara Monique Bell v. Trevon Lamar Hayes", case_number="26CH01234"))
    pages = len(PdfReader(pdf).pages)
    first = pages - 1  # the pages of 7a(3); the last page is attachment 1
    assert first >= 2
    fields = _fields(pdf)
    assert len(fields) == 5 * pages  # short title, case number, number, page, of: the body box is no field
    for k in range(1, pages + 1):
        got = {name.split(".")[-1]: value for name, value in fields.items() if name.startswith(f"MC-025-{k}.")}
        number, page, of = ("7a(3)", str(k), str(first)) if k <= first else ("1", "1", "1")
        assert got == {"FillText6": "Kiara Monique Bell v. Trevon Lamar Hayes", "FillText5": "26CH01234",
                       "FillText9": number, "FillText8": page, "FillText7": of}, k
    # the body: the title the form asks for, then the text, every word in order across the page breaks
    body = _body(pdf)
    assert body[0][0] == "Attachment 7a(3)\u2014Describe Harassment"
    assert " ".join(" ".join(lines) for lines in body[:first])[len(body[0][0]) + 1:] == story
    assert body[first] == ["Attachment 1 to CH-100: item 5d, details", "He took my phone."]
    # the form's own line on sworn items, once a page; nothing of the old letter pages' caption
    text = _pdftotext(pdf)
    assert text.count(SWORN) == pages and "Short title:" not in text and "attachment page" not in text


def test_attachment_numbers_are_the_labels_the_forms_ask_for() -> None:
    items = [("Attachment 7a(3)\u2014Describe Harassment", "a", True), ("item 5d", "b"), ("Item 4", "c", True),
             ("JV-250, Other Protected People", "d", True), ("item 6", "e")]
    assert attachment_numbers(items) == ["7a(3)", "1", "4", "3", "2"]


def test_no_case_number_leaves_the_box_for_the_clerk(tmp_path: Path) -> None:
    pdf, _pages = _write(tmp_path, [("item 1", "text")])
    fields = _fields(pdf)
    assert fields["MC-025-1.FillText5"] == "" and fields["MC-025-1.FillText6"] == ""


def test_names_in_many_scripts_come_back_exactly(tmp_path: Path) -> None:
    text = "\n".join(NAMES) + "\nEmoji and symbols: ☎ ✓ €"
    pdf, pages = _write(tmp_path, [("item 1, names", text)])
    assert pages == 1
    got = _body(pdf)[0]
    assert got == ["Attachment 1 to DV-100: item 1, names", *NAMES, "Emoji and symbols: ☎ ✓ €"]
    assert "?" not in "".join(got) and "\ufffd" not in "".join(got)


def test_the_text_is_every_wrapped_line_in_order(tmp_path: Path) -> None:
    """pdftotext gives back exactly the lines attachment_lines made, each item on its own pages."""
    narrative = " ".join(f"Nguyễn Thị Hương và Ковальчук gặp 王小明 lần thứ {n}." for n in range(300))
    items = [("item 5f, details", narrative + "\n" + WIDE), ("item 6, names", "\n".join(NAMES))]
    pdf, pages = _write(tmp_path, items)
    lines = [text for text, _heading in attachment_lines("DV-100", items)]
    gap = lines.index("")  # the blank line between the two items
    first, second = lines[:gap], lines[gap + 1:]
    per_page = lines_per_page()
    assert pages == -(-len(first) // per_page) + 1 >= 3
    expected = [[line for line in first[n:n + per_page] if line] for n in range(0, len(first), per_page)]
    assert _body(pdf) == expected + [second]
    # and the lines are the text: nothing lost or changed in wrapping
    body = "".join(lines)
    assert "".join(narrative.split()) in "".join(body.split()) and WIDE in body


def test_wide_characters_and_long_words_stay_within_the_margins(tmp_path: Path) -> None:
    items = [("item 5f", f"{WIDE}\n{LONG_WORD}\n{'Щ' * 300}\n" + "ＡＢＣ　" * 60 + "\nshort")]
    pdf, _pages = _write(tmp_path, items)
    left, top, right, bottom = _box()
    words = [w for w in _words(pdf) if top - PADDING <= w[1] and w[3] <= bottom + PADDING]  # the body box
    assert words
    for x_min, y_min, x_max, y_max, word in words:
        assert left - TOLERANCE <= x_min and x_max <= right + TOLERANCE, (word, x_min, x_max)
        assert top - TOLERANCE <= y_min and y_max <= bottom + TOLERANCE, word
    # wrapped by width, not character count: every line of a paragraph but its last fills the measure
    # to within two characters (11 pt each for CJK; a space and the character that did not fit)
    lines: dict[float, list[tuple[float, str]]] = {}
    for _x0, y_min, x_max, _y1, word in words:
        lines.setdefault(round(y_min), []).append((x_max, word))
    for mark, count in (("王", WIDE.count("王")), ("W", LONG_WORD.count("W")), ("Щ", 300), ("Ｂ", 60)):
        rights = [max(x for x, _w in row) for _y, row in sorted(lines.items()) if any(mark in w for _x, w in row)]
        assert len(rights) >= 2 and sum(w.count(mark) for row in lines.values() for _x, w in row) == count
        assert all(edge > right - 23 for edge in rights[:-1]), (mark, rights)
    # every character of the wide line is on the page, in order
    text = "".join("".join(lines) for lines in _body(pdf))
    assert WIDE in text and LONG_WORD in text and "Щ" * 300 in text


def test_headings_are_bold_and_the_body_is_not(tmp_path: Path) -> None:
    pdf, _pages = _write(tmp_path, [("item 5f 王小明", "Ковальчук 王小明")])
    fonts: dict[str, set[str]] = {}

    def visit(text: str, _cm: object, _tm: object, font: dict | None, _size: float) -> None:
        if text.strip() and font is not None:
            fonts.setdefault(text.strip(), set()).add(str(font.get("/BaseFont")))

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    heading = [f for t, fs in fonts.items() if t.startswith("Attachment 1") for f in fs]
    body = [f for t, fs in fonts.items() if t.startswith("Ковальчук") for f in fs]
    assert heading and all("Bold" in f for f in heading), fonts
    assert body and not any("Bold" in f for f in body), fonts


def test_decomposed_accents_print_as_the_composed_letters(tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    assert len(name) > len("Nguyễn Thị Hương")
    pdf, _pages = _write(tmp_path, [("item 1", name)])
    assert "Nguyễn Thị Hương" in _pdftotext(pdf)


def test_attachment_lines_wraps_by_the_measure_given() -> None:
    """A wide character counts double here: the line breaks where the width runs out, between wide
    characters, at spaces otherwise, and inside a word only when it is longer than a line (whose
    first piece then fills the line it starts on, as textwrap's break_long_words does)."""
    def measure(text: str, heading: bool) -> float:
        return sum(2.0 if unicodedata.east_asian_width(c) == "W" else 1.0 for c in text)

    # width 11 less the 1-point slack: 10 units to a line
    lines = attachment_lines("X", [("a", "王王王王王王 ab cd efghijklmnopqrstu v")], measure=measure, width=11)
    assert lines == [("Attachment", True), ("1 to X: a", True),
                     ("王王王王王", False), ("王 ab cd e", False), ("fghijklmno", False), ("pqrstu v", False)]
    # Korean breaks at spaces, not between Hangul syllables
    lines = attachment_lines("X", [("a", "김민준 김민준 김민준")], measure=measure, width=15)
    assert lines[2:] == [("김민준 김민준", False), ("김민준", False)]


def test_without_any_truetype_font_helvetica_prints_question_marks_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(form_attachment, "attachment_fonts", lambda: AttachmentFonts(body=None, fallbacks=()))
    with caplog.at_level(logging.WARNING, logger="legal_docs.form_attachment"):
        pdf, _pages = _write(tmp_path, [("item 1", "Zoë “quoted” 王小明")])
    assert "Zoë “quoted” ???" in _body(pdf)[0]
    assert any("No TrueType font" in r.getMessage() for r in caplog.records)


def test_a_filled_form_continues_unicode_text_on_its_attachment(tmp_path: Path) -> None:
    """Through fill_form on the official DV-100: the overflowing narrative keeps every script."""
    narrative = " ".join(f"{NAMES[n % len(NAMES)]} — lần {n}." for n in range(120)) + "\n" + WIDE
    answers = {**SAMPLE, "abuse": {"incidents": [{"details": narrative, "date": "03/01/2025"}]}}
    filled = fill_form("DV-100", answers, out=tmp_path / "f.pdf")
    assert filled.attachment_pages >= 1 and filled.pages == 13 + filled.attachment_pages
    first = 13 + 1
    body = _body(filled.path, "-f", str(first))
    assert len(body) == filled.attachment_pages
    flat = "".join("".join(lines) for lines in body)
    assert "".join(narrative.split()) in "".join(flat.split())
    assert "?" not in flat and "\ufffd" not in flat
    fields = _fields(filled.path)  # the MC-025 fields under the form's own name, apart from its fields
    for k in range(1, filled.attachment_pages + 1):
        assert fields[f"DV-100.MC-025-{k}.FillText5"] == "25FL001234"
        assert fields[f"DV-100.MC-025-{k}.FillText8"] == str(k)
        assert fields[f"DV-100.MC-025-{k}.FillText7"] == str(filled.attachment_pages)
    left, top, right, bottom = _box()
    for x_min, y_min, x_max, y_max, word in _words(filled.path, "-f", str(first)):
        if top - PADDING <= y_min and y_max <= bottom + PADDING:
            assert left - TOLERANCE <= x_min and x_max <= right + TOLERANCE, word


def test_a_short_title_the_forms_field_font_cannot_show_is_printed_in_the_attachment_fonts(tmp_path: Path) -> None:
    """MC-025's field font is WinAnsi: "Nguyễn" in its short title box would lose the letters it lacks
    when a viewer redraws it. Such a caption is printed in the body's fonts in its box instead, and
    that box's field left out; the case number, which it can show, stays a field."""
    title = "Nguyễn Thị Hương v. Trần Văn Nam"
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(attachment_pdf(form_id="CH-100", items=[("item 7", "text " * 900)], short_title=title,
                                   case_number="26CH01234"))
    pages = len(PdfReader(pdf).pages)
    assert pages >= 2
    fields = _fields(pdf)
    assert not [name for name in fields if name.endswith("FillText6")]
    assert [fields[f"MC-025-{k}.FillText5"] for k in range(1, pages + 1)] == ["26CH01234"] * pages
    box = ["-x", "40", "-y", "52", "-W", "300", "-H", "16"]  # the SHORT TITLE box, under its label
    for k in range(1, pages + 1):
        assert _pdftotext(pdf, *box, "-f", str(k), "-l", str(k)).strip() == title, k
