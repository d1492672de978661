"""Attachment pages for official forms: text that did not fit its field, continued on plain pages.

Each overflowing item gets a heading ("Attachment 2 to DV-100: item 5d") and its full text, wrapped
to a letter page in 11-point Helvetica, as many pages as it needs. Pages are drawn straight with
pypdf (no LibreOffice), numbered "Attachment page N of M" at the foot.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PdfWriter

__all__ = ["add_attachment_pages", "attachment_lines"]

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN = 72.0
FONT_SIZE = 11.0
LEADING = 14.0
# Helvetica averages about 0.5 em; 0.55 keeps lines of wide letters inside the margin.
CHARS_PER_LINE = int((PAGE_W - 2 * MARGIN) / (FONT_SIZE * 0.55))
LINES_PER_PAGE = int((PAGE_H - 2 * MARGIN - 2 * LEADING) / LEADING)


def attachment_lines(form_id: str, items: Sequence[tuple[str, str]]) -> list[tuple[str, bool]]:
    """(line, is_heading) for every item, in order, with a blank line between items."""
    lines: list[tuple[str, bool]] = []
    for n, (label, text) in enumerate(items, start=1):
        if lines:
            lines.append(("", False))
        lines.append((f"Attachment {n} to {form_id}: {label}", True))
        for para in text.splitlines() or [""]:
            wrapped = textwrap.wrap(para, CHARS_PER_LINE, break_long_words=True) or [""]
            lines.extend((line, False) for line in wrapped)
    return lines


def add_attachment_pages(writer: PdfWriter, *, form_id: str, items: Sequence[tuple[str, str]]) -> int:
    """Append the attachment pages for ``items`` ((label, text) pairs) to ``writer``; return how many."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    lines = attachment_lines(form_id, items)
    pages = [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    fonts = DictionaryObject()
    for key, base in (("/F1", "/Helvetica"), ("/F2", "/Helvetica-Bold")):
        fonts[NameObject(key)] = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(base),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }))
    for number, chunk in enumerate(pages, start=1):
        ops = ["BT", f"{LEADING} TL", f"{MARGIN} {PAGE_H - MARGIN} Td"]
        for text, heading in chunk:
            ops.append(f"/{'F2' if heading else 'F1'} {FONT_SIZE} Tf ({_escape(text)}) Tj T*")
        ops.append("ET")
        footer = f"{form_id} attachment page {number} of {len(pages)}"
        ops.append(f"BT /F1 9 Tf {MARGIN} {MARGIN / 2} Td ({_escape(footer)}) Tj ET")
        page = writer.add_blank_page(PAGE_W, PAGE_H)
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    return len(pages)


def _escape(text: str) -> str:
    """A PDF literal string body in WinAnsi: characters outside it become '?'."""
    data = text.encode("cp1252", errors="replace").decode("latin-1")
    return data.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
