"""The one reader of a DOCX's text: every paragraph of the body, headers, footers and notes.

Used by the identifier scan of a finished packet (the text as a reader sees it: tabs and line
breaks kept as whitespace) and by `templates diff` (paragraph styles). The tests read papers back
with python-docx on purpose, an independent reader.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .errors import InputError
from .i18n import _
from .limits import check_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_PARTS = ("document", "header", "footer", "footnotes", "endnotes")


@dataclass(frozen=True)
class Paragraph:
    part: str  # "document", "header1", "footer2", "footnotes"
    style: str  # the paragraph style's name ("Normal" when none is set)
    text: str  # the runs' text; a tab as "\t", a line break as "\n"


def _part_names(zf: zipfile.ZipFile, parts: tuple[str, ...]) -> list[str]:
    wanted = "|".join(re.escape(p) for p in parts)
    names = [n for n in zf.namelist() if re.fullmatch(rf"word/({wanted})\d*\.xml", n)]
    return sorted(names, key=lambda n: (n != "word/document.xml", n))  # the body first


def paragraphs(path: Path, *, parts: tuple[str, ...] = TEXT_PARTS, styles: bool = True) -> list[Paragraph]:
    """Every paragraph of the DOCX parts named (the body first, then the others by name), in
    document order; with ``styles=False`` each paragraph's style is left empty and the styles part
    is not read (the scan of every packet needs the text only). InputError when the file is not a
    readable DOCX (damaged, or unpacking to more than a Word file may: limits.check_docx)."""
    check_docx(path)
    try:
        return _paragraphs(path, parts, styles=styles)
    except etree.XMLSyntaxError:
        raise InputError(_("'{name}' is a damaged Word file; open and save it again in Word").format(
            name=path.name)) from None


def _paragraphs(path: Path, parts: tuple[str, ...], *, styles: bool) -> list[Paragraph]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, FileNotFoundError, IsADirectoryError):
        raise InputError(_("'{name}' is not a readable Word (.docx) file").format(name=path.name)) from None
    with zf:
        style_names: dict[str | None, str] = {}
        if styles and "word/styles.xml" in zf.namelist():
            for s in etree.fromstring(zf.read("word/styles.xml")).iter(W + "style"):
                name = s.find(W + "name")
                style_names[s.get(W + "styleId")] = name.get(W + "val", "") if name is not None else ""
        out = []
        for name in _part_names(zf, parts):
            part = name.removeprefix("word/").removesuffix(".xml")
            for p in etree.fromstring(zf.read(name)).iter(W + "p"):
                style = p.find(f"{W}pPr/{W}pStyle") if styles else None
                style_name = (style_names.get(style.get(W + "val"), style.get(W + "val")) if style is not None
                              else "Normal" if styles else "")
                text = "".join(
                    (t.text or "") if t.tag == W + "t" else "\t" if t.tag == W + "tab" else "\n"
                    for t in p.iter(W + "t", W + "tab", W + "br")
                )
                out.append(Paragraph(part, style_name or "", text))
    return out


def plain_text(path: Path) -> str:
    """Every paragraph's text (body, headers, footers, notes), one paragraph a line."""
    return "\n".join(p.text for p in paragraphs(path, styles=False))
