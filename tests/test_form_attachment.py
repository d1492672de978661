"""Attachment pages print any script a common font covers, wrapped by measured width (form_attachment).

The pages are read back with poppler's pdftotext (the text, and with -bbox where each word sits), so
what is checked is what a reader of the PDF gets: the names exactly as written, no "?" in place of
a character, and no word past the 1-inch margins.
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
    LINES_PER_PAGE,
    MARGIN,
    PAGE_H,
    PAGE_W,
    AttachmentFonts,
    attachment_pdf,
    attachment_fonts,
    attachment_lines,
)
from legal_docs.forms import fill_form
from test_forms import SAMPLE

NAMES = ["Nguyễn Thị Hương", "Ковальчук Олена Петрівна", "王小明", "Ελένη Παπαδοπούλου", "Հայկ Սարգսյան",
         "Magandang umaga po, Ginang Dela Cruz", "Zoë Ñúñez-Çelik", "김민준", "さくら"]
WIDE = "王小明说他每天晚上都被迫工作，钱都被拿走了。" * 12  # one 264-character line, no spaces
LONG_WORD = "Wwwwwwwwww" * 40  # Latin, wider than a line, no spaces
RIGHT_EDGE = PAGE_W - MARGIN
TOLERANCE = 0.5  # points: rounding in the bounding boxes pdftotext reports


def _write(tmp_path: Path, items: list[tuple[str, str]], form_id: str = "DV-100") -> tuple[Path, int]:
    out = tmp_path / "attachment.pdf"
    out.write_bytes(attachment_pdf(form_id=form_id, items=items))
    return out, len(PdfReader(out).pages)


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


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


NO_CASE_NUMBER = "Case number: ____________________"


def test_every_attachment_page_carries_the_caption(tmp_path: Path) -> None:
    """An attachment page names its case: the short title and the case number on every page."""
    items = [("item 5f, details of the most recent abuse", "He came to the bus stop. " * 400)]
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(attachment_pdf(form_id="DV-100", items=items,
                                   short_title="Kiara Monique Bell v. Trevon Lamar Hayes", case_number="26FL01234"))
    pages = len(PdfReader(pdf).pages)
    assert pages >= 2
    for n, page in enumerate(_pdftotext(pdf).split("\f")[:pages], start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert lines[:2] == ["Short title: Kiara Monique Bell v. Trevon Lamar Hayes", "Case number: 26FL01234"], n
        assert lines[-1] == f"DV-100 attachment page {n} of {pages}"


def test_names_in_many_scripts_come_back_exactly(tmp_path: Path) -> None:
    text = "\n".join(NAMES) + "\nEmoji and symbols: ☎ ✓ €"
    pdf, pages = _write(tmp_path, [("item 1, names", text)])
    assert pages == 1
    got = [line for line in _pdftotext(pdf).splitlines() if line.strip()]
    assert got == [NO_CASE_NUMBER, "Attachment 1 to DV-100: item 1, names", *NAMES, "Emoji and symbols: ☎ ✓ €",
                   "DV-100 attachment page 1 of 1"]
    assert "?" not in "".join(got) and "\ufffd" not in "".join(got)


def test_the_text_is_every_wrapped_line_in_order(tmp_path: Path) -> None:
    """pdftotext gives back exactly the lines attachment_lines made, across pages, with each footer."""
    narrative = " ".join(f"Nguyễn Thị Hương và Ковальчук gặp 王小明 lần thứ {n}." for n in range(200))
    items = [("item 5f, details", narrative + "\n" + WIDE), ("item 6, names", "\n".join(NAMES))]
    pdf, pages = _write(tmp_path, items)
    lines = [text for text, _heading in attachment_lines("DV-100", items)]
    per_page = LINES_PER_PAGE - 2  # the caption line and the blank line under it
    assert pages == -(-len(lines) // per_page) >= 2
    expected = []
    for n in range(pages):
        expected.append(NO_CASE_NUMBER)  # the caption on every page
        expected += [line for line in lines[n * per_page:(n + 1) * per_page] if line]
        expected.append(f"DV-100 attachment page {n + 1} of {pages}")
    got = [line for line in _pdftotext(pdf).replace("\f", "\n").splitlines() if line.strip()]
    assert got == expected
    # and the lines are the text: nothing lost or changed in wrapping
    body = "".join(lines)
    assert "".join(narrative.split()) in "".join(body.split()) and WIDE in body


def test_wide_characters_and_long_words_stay_within_the_margins(tmp_path: Path) -> None:
    items = [("item 5f", f"{WIDE}\n{LONG_WORD}\n{'Щ' * 300}\n" + "ＡＢＣ　" * 60 + "\nshort")]
    pdf, _pages = _write(tmp_path, items)
    words = _words(pdf)
    assert words
    for x_min, y_min, x_max, y_max, word in words:
        assert MARGIN - TOLERANCE <= x_min and x_max <= RIGHT_EDGE + TOLERANCE, (word, x_min, x_max)
        assert 0 < y_min and y_max < PAGE_H - MARGIN / 4, word
    # wrapped by width, not character count: every line of a paragraph but its last fills the measure
    # to within two characters (11 pt each for CJK; a space and the character that did not fit)
    lines: dict[float, list[tuple[float, str]]] = {}
    for _x0, y_min, x_max, _y1, word in words:
        lines.setdefault(round(y_min), []).append((x_max, word))
    for mark, count in (("王", WIDE.count("王")), ("W", LONG_WORD.count("W")), ("Щ", 300), ("Ｂ", 60)):
        rights = [max(x for x, _w in row) for _y, row in sorted(lines.items()) if any(mark in w for _x, w in row)]
        assert len(rights) >= 2 and sum(w.count(mark) for row in lines.values() for _x, w in row) == count
        assert all(right > RIGHT_EDGE - 23 for right in rights[:-1]), (mark, rights)
    # every character of the wide line is on the page, in order
    text = "".join(_pdftotext(pdf).split())
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
    assert "Zoë “quoted” ???" in _pdftotext(pdf)
    assert any("No TrueType font" in r.getMessage() for r in caplog.records)


def test_a_filled_form_continues_unicode_text_on_its_attachment(tmp_path: Path) -> None:
    """Through fill_form on the official DV-100: the overflowing narrative keeps every script."""
    narrative = " ".join(f"{NAMES[n % len(NAMES)]} — lần {n}." for n in range(120)) + "\n" + WIDE
    answers = {**SAMPLE, "abuse": {"incidents": [{"details": narrative, "date": "03/01/2025"}]}}
    filled = fill_form("DV-100", answers, out=tmp_path / "f.pdf")
    assert filled.attachment_pages >= 1 and filled.pages == 13 + filled.attachment_pages
    first = 13 + 1
    text = _pdftotext(filled.path, "-f", str(first))
    flat = "".join(text.split())
    assert "".join(narrative.split()) in "".join(
        re.sub(r"DV-100 attachment page \d+ of \d+|Case number: 25FL001234", "", text).split())
    assert text.count("Case number: 25FL001234") == filled.attachment_pages  # the caption on each page
    assert "?" not in flat and "\ufffd" not in flat
    for x_min, _y0, x_max, _y1, word in _words(filled.path, "-f", str(first)):
        assert MARGIN - TOLERANCE <= x_min and x_max <= RIGHT_EDGE + TOLERANCE, word

