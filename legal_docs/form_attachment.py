"""Attachment pages for official forms: text that did not fit its field, continued on MC-025.

Each overflowing item is an attachment of its own on the Judicial Council's MC-025 (Attachment),
shipped with the tool like the other forms (form_templates/forms/mc-025.yaml): SHORT TITLE and
CASE NUMBER as the form it continues gives them, ATTACHMENT (Number) the item's label ("7a(3)", or
"2" for "See attachment 2"), "Page N of M" across that attachment's pages, and in the body box a
bold heading (the title the form asks for, "Attachment 7a(3)—Describe Harassment", when it names
one; else "Attachment 2 to DV-100: item 5d") then the full text in 11 point, as many pages as it
needs. The form's printed line covers a sworn item ("If the item that this Attachment concerns is
made under penalty of perjury, all statements in this Attachment are made under penalty of perjury").

Clients write in many languages, so the body is typeset with fpdf2 in a TrueType/OpenType font
embedded as a subset (DejaVu Sans: Latin with Vietnamese, Greek, Cyrillic, Armenian, Hebrew,
Arabic...), with per-character fallback fonts for what it lacks (Noto Sans CJK for Chinese, Japanese
and Korean; Symbola for symbols and emoji; else any installed font fontconfig knows has the
character), each loaded only when the text needs it, and shaped with HarfBuzz (uharfbuzz: combining
marks, Arabic joining, right-to-left runs). Text is NFC-normalised. Lines are wrapped by their
measured width, so wide characters stay inside the box. The typeset text is drawn onto the filled
MC-025 page inside its body box, whose field is removed (nothing can be typed over the text), and
the pages are appended to the filled form. Only when no usable font file is found at all is the
body set in the PDF's standard Helvetica, where characters outside Windows-1252 print as "?"; a
warning says so.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from fpdf import FPDF

__all__ = ["attachment_pdf", "attachment_lines", "attachment_numbers", "body_box", "body_width", "lines_per_page", "AttachmentFonts", "attachment_fonts",
           "AttachmentPage", "Item", "ATTACHMENT_FORM"]

log = logging.getLogger(__name__)

# (label, text), or (title, text, True) for an item the form asks to title in its own words
Item = tuple[str, str] | tuple[str, str, bool]

ATTACHMENT_FORM = "MC-025"  # the Judicial Council's Attachment: the official continuation page
PAGE_W, PAGE_H = 612.0, 792.0
MARGIN = 72.0
FONT_SIZE = 11.0
LEADING = 14.0
PADDING = 6.0  # points kept free inside MC-025's body box on every side
TAB_SIZE = 8
SLACK = 1.0  # points kept free at the right margin when wrapping

# The body font: the first of these that fontconfig (or a known path) finds. DejaVu Sans covers the
# most scripts; the others are for machines without it.
BODY_FAMILIES = ("DejaVu Sans", "Liberation Sans", "Noto Sans", "FreeSans", "Arial Unicode MS", "Arial")
# Fonts for characters the body font lacks, tried in this order, each loaded only when needed.
FALLBACK_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Zen Hei", "Droid Sans Fallback", "Symbola", "FreeSerif")
# Where the fonts tools/ensure-system-deps.sh installs live on Debian, for a machine without fc-match.
# (family -> ((regular file, face index), (bold file, face index) or None))
KNOWN_FILES: dict[str, tuple[tuple[str, int], tuple[str, int] | None]] = {
    "DejaVu Sans": (("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
                    ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 0)),
    "Liberation Sans": (("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", 0),
                        ("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", 0)),
    "Noto Sans CJK SC": (("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
                         ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2)),
    "Symbola": (("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", 0), None),
}
# Outline formats fpdf2 can embed (fontconfig's names): TrueType glyf and OpenType CFF.
_EMBEDDABLE = {"TrueType", "CFF"}
FC_LOOKUPS = 8  # at most this many characters are looked up one by one with fc-list per document


@dataclass(frozen=True)
class FontFace:
    path: str
    index: int = 0  # the face within a .ttc collection


@dataclass(frozen=True)
class FontFamily:
    name: str
    regular: FontFace
    bold: FontFace | None  # None: the family has no bold face (headings then use the regular one)


@dataclass(frozen=True)
class AttachmentFonts:
    """The fonts found on this machine: ``body`` None means none, and Helvetica with '?' is used."""
    body: FontFamily | None
    fallbacks: tuple[FontFamily, ...]


@lru_cache(maxsize=1)
def attachment_fonts() -> AttachmentFonts:
    """Find the body and fallback fonts once per process (fontconfig first, then known paths)."""
    body = next(filter(None, map(_find_family, BODY_FAMILIES)), None)
    fallbacks = tuple(f for f in map(_find_family, FALLBACK_FAMILIES)
                      if f is not None and (body is None or f.regular != body.regular))
    return AttachmentFonts(body=body, fallbacks=fallbacks)


def _find_family(name: str) -> FontFamily | None:
    regular = _fc_match(name, bold=False)
    if regular is not None:
        bold = _fc_match(name, bold=True)
        return FontFamily(name, regular, bold if bold != regular else None)
    known = KNOWN_FILES.get(name)
    if known and os.path.isfile(known[0][0]):
        bold = FontFace(*known[1]) if known[1] and os.path.isfile(known[1][0]) else None
        return FontFamily(name, FontFace(*known[0]), bold)
    return None


def _fc_match(family: str, *, bold: bool) -> FontFace | None:
    """The file fontconfig has for exactly ``family`` (not its nearest substitute), or None."""
    if shutil.which("fc-match") is None:
        return None
    pattern = f"{family}:weight=bold" if bold else f"{family}:weight=regular"
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}\t%{family}\t%{fontformat}", pattern],
                             capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("\t")
    if len(parts) != 4:
        return None
    path, index, families, fmt = parts
    if family.lower() not in (f.strip().lower() for f in families.split(",")):
        return None  # fc-match always answers: a substitute is not the family we asked for
    if fmt.strip() not in _EMBEDDABLE or not os.path.isfile(path):
        return None
    return FontFace(path, _face_index(index))


def _face_index(text: str) -> int:
    """A face in a collection from fontconfig's index (whose high bits name a variable instance)."""
    return int(text) & 0xFFFF if text.strip().isdigit() else 0


@lru_cache(maxsize=256)
def _font_with(code: int) -> FontFace | None:
    """Some installed font with a glyph for ``code`` (the regular weight if there is one), or None."""
    if shutil.which("fc-list") is None:
        return None
    try:
        out = subprocess.run(["fc-list", "-f", "%{file}\t%{index}\t%{fontformat}\t%{weight}\n",
                              f":charset={code:x}"], capture_output=True, text=True, timeout=20,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    faces = []
    for row in out.splitlines():
        parts = row.split("\t")
        if len(parts) == 4 and parts[2] in _EMBEDDABLE and os.path.isfile(parts[0]):
            weight = float(parts[3]) if parts[3].replace(".", "", 1).isdigit() else 80.0
            faces.append((abs(weight - 80.0), parts[0], _face_index(parts[1])))
    if not faces:
        return None
    _distance, path, index = min(faces)
    return FontFace(path, index)


class _Typesetter:
    """An fpdf2 document set up with the attachment fonts for the given text (and ``headings``, set
    in bold; without ``bold`` there are none and no bold face is loaded)."""

    def __init__(self, fonts: AttachmentFonts, text: str, headings: str = "", *, bold: bool = True) -> None:
        from .convert import import_first

        import_first("fpdf")  # a first import in one thread at a time
        from fpdf import FPDF

        self.pdf: FPDF = FPDF(orientation="P", unit="pt", format="letter")
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(False)
        self.pdf.c_margin = 0  # text starts exactly at the margin
        self.pdf.set_creator("legal-docs")
        self.unicode = fonts.body is not None
        self.missing: frozenset[int] = frozenset()
        self.font_keys: list[str] = []
        if fonts.body is None:
            log.warning("No TrueType font found for attachment pages: using Helvetica, which prints "
                        "characters outside Windows-1252 as '?'. Install the fonts with "
                        "tools/ensure-system-deps.sh (fonts-dejavu-core, fonts-noto-cjk).")
            self.family = "helvetica"
            self.pdf.core_fonts_encoding = "cp1252"  # the WinAnsiEncoding fpdf2 declares for core fonts
            return
        self.family = "body"
        self._add("body", "", fonts.body.regular)
        if bold:  # (a form field's text is never bold: its fonts need no bold face)
            self._add("body", "B", fonts.body.bold or fonts.body.regular)
        # Characters the body font lacks, in body text and in (bold) headings: a fallback family is
        # loaded only if it has some of them, and its bold face only if a heading needs it.
        need = _lacking(text + headings, _cmap(self.pdf.fonts["body"]))
        need_bold = _lacking(headings, _cmap(self.pdf.fonts["bodyB"])) if bold else set()
        fallback_ids: list[str] = []
        for n, family in enumerate(fonts.fallbacks):
            if not need and not need_bold:
                break
            key = f"fallback{n}"  # fpdf2 strips capital B and I off font keys: keep these lowercase
            cmap = self._add(key, "", family.regular).cmap
            covered, covered_bold = need & cmap.keys(), need_bold & cmap.keys()
            if covered_bold and family.bold is not None:
                self._add(key, "B", family.bold)
            if covered or covered_bold:
                fallback_ids.append(key)
            need -= covered
            need_bold -= covered_bold
        # Still lacking (Thai, Devanagari, ...): ask fontconfig for any installed font that has them.
        need |= need_bold
        added: set[FontFace] = set()
        for n, code in enumerate(sorted(need)[:FC_LOOKUPS]):
            face = _font_with(code) if code in need else None
            if face is None or face in added:
                continue
            added.add(face)
            cmap = self._add(f"extra{n}", "", face).cmap
            fallback_ids.append(f"extra{n}")
            need -= cmap.keys()
        missing = need
        self.missing = frozenset(missing)  # code points no font found has (drawn as empty boxes)
        self.font_keys = ["body", *fallback_ids]  # the fonts a character is looked for in, in order
        if fallback_ids:
            # exact_match=False: a bold heading may borrow a regular-only fallback (Symbola).
            self.pdf.set_fallback_fonts(fallback_ids, exact_match=False)
        if missing:
            log.warning("No installed font has %s: they show as empty boxes on the attachment pages",
                        ", ".join(f"U+{c:04X}" for c in sorted(missing)[:10]))
        try:
            self.pdf.set_text_shaping(True)
        except Exception:  # uharfbuzz missing: characters are placed one by one, unshaped
            log.info("uharfbuzz not installed: attachment text is not shaped")

    def _add(self, key: str, style: str, face: FontFace):  # -> fpdf.fonts.TTFFont
        self.pdf.add_font(key, style, face.path, collection_font_number=face.index)
        return self.pdf.fonts[key + style]

    def printable(self, text: str) -> str:
        if self.unicode:
            return text
        return text.encode("cp1252", errors="replace").decode("cp1252")

    def measure(self, text: str, heading: bool) -> float:
        self.pdf.set_font(self.family, "B" if heading else "", FONT_SIZE)
        return self.pdf.get_string_width(self.printable(text))

    def render(self, pages: Sequence[Sequence[tuple[str, bool]]], box: tuple[float, float, float, float],
               boxes: Sequence[tuple[tuple[float, float, float, float], str]] = ()) -> bytes:
        """One letter page per chunk of lines, set inside ``box`` (x0, y0, x1, y1 in PDF points from
        the bottom left, as a field's /Rect), the rest of each page empty: to lay over the form.
        Each of ``boxes`` (a box, a one-line text) is printed on every page, as large as fits up to
        the body size (a caption the form's own field font could not show)."""
        x0, _y0, x1, y1 = box
        left, top, width = x0 + PADDING, PAGE_H - y1 + PADDING, x1 - x0 - 2 * PADDING
        for chunk in pages:
            self.pdf.add_page()
            for row, (text, heading) in enumerate(chunk):
                self._line(left, top + row * LEADING, width, text, "B" if heading else "")
            for (bx0, by0, bx1, by1), text in boxes:
                size = FONT_SIZE
                while size > 6 and self.measure(text, False) * size / FONT_SIZE > bx1 - bx0 - 4:
                    size -= 0.5
                height = by1 - by0
                self._line(bx0 + 2, PAGE_H - by1, bx1 - bx0 - 4, text, "", size=size, height=height)
        return bytes(self.pdf.output())

    def _line(self, left: float, top: float, width: float, text: str, style: str, *,
              size: float = FONT_SIZE, height: float = LEADING) -> None:
        # Each line in its own graphics state (q ... Q): fpdf2 2.8.9 leaves a fallback font selected
        # after a line that starts with a fallback glyph, and the next line then draws the body
        # font's glyph ids in it (nonsense letters). Q restores the font, and fpdf2 then sets it anew.
        with self.pdf.local_context():
            self.pdf.set_font(self.family, style, size)
            self.pdf.set_xy(left, top)
            self.pdf.cell(w=width, h=height, text=self.printable(text), align="L")


def attachment_lines(
    form_id: str,
    items: Sequence[Item],
    *,
    measure: Callable[[str, bool], float] | None = None,
    width: float | None = None,
) -> list[tuple[str, bool]]:
    """(line, is_heading) for every item, in order, with a blank line between items.

    Text is NFC-normalised and wrapped so that ``measure(line, is_heading)`` (its width in points;
    by default in the attachment fonts at 11 pt) stays within ``width`` (by default MC-025's body
    box): at spaces, between wide (CJK) characters, and inside a word only when the word alone is
    wider than the line.
    """
    items = [_nfc_item(item) for item in items]
    if measure is None:
        measure = _typesetter(form_id, items).measure
    width = body_width() if width is None else width
    lines: list[tuple[str, bool]] = []
    for heading, item in zip(_headings(form_id, items), items):
        if lines:
            lines.append(("", False))
        lines.extend(_item_lines(heading, item[1], width, measure))
    return lines


def _item_lines(heading: str, text: str, width: float,
                measure: Callable[[str, bool], float]) -> list[tuple[str, bool]]:
    lines = [(line, True) for line in _wrap(heading, width, lambda t: measure(t, True))]
    for para in text.splitlines() or [""]:
        lines.extend((line, False) for line in _wrap(para, width, lambda t: measure(t, False)))
    return lines


class AttachmentPage(BaseModel):
    """What one MC-025 page shows (the answers its map, form_templates/forms/mc-025.yaml, reads)."""

    short_title: str = ""
    case_number: str = ""
    number: str = ""  # ATTACHMENT (Number): "7a(3)", "2"
    page: str = ""
    pages: str = ""
    body: str = ""  # the body box: typeset by this module, never a field value


@dataclass(frozen=True)
class _Form:
    path: Path
    fields: dict[str, str]  # AttachmentPage field -> the PDF field's name
    body: tuple[float, float, float, float]  # the body box (x0, y0, x1, y1)
    rects: dict[str, tuple[float, float, float, float]]  # each field's box, by AttachmentPage field


def _attachment_form() -> _Form:
    """MC-025 as found (the forms folder, else the shipped copy), its map, and its body box."""
    from .forms import find_form

    _spec, rev, path = find_form(ATTACHMENT_FORM)
    stat = path.stat()
    return _read_form(path, stat.st_mtime_ns, rev.revision, tuple((e.answer, e.field) for e in rev.entries))


@lru_cache(maxsize=4)
def _read_form(path: Path, _mtime: int, revision: str, entries: tuple[tuple[str, str], ...]) -> _Form:
    from .forms import _widgets_by_name
    from .i18n import _
    from .packet import open_pdf

    fields = dict(entries)
    with open_pdf(path, noun=_("Form {form}").format(form=ATTACHMENT_FORM)) as pdf:
        widgets = _widgets_by_name(pdf)
        missing = [name for name in fields.values() if name not in widgets]
        if missing or "body" not in fields:
            from .errors import InputError

            raise InputError(_("Form map {form} {revision}: no field '{field}' in {file}").format(
                form=ATTACHMENT_FORM, revision=revision, field=(missing or ["body"])[0], file=path.name))
        rects = {answer: _rect(widgets[name][0].Rect) for answer, name in fields.items()}
    return _Form(path, fields, rects["body"], rects)


def _rect(rect: Any) -> tuple[float, float, float, float]:
    values = [float(v) for v in rect]
    x0, x1 = sorted(values[0::2])
    y0, y1 = sorted(values[1::2])
    return x0, y0, x1, y1


def body_box() -> tuple[float, float, float, float]:
    """MC-025's body box (x0, y0, x1, y1 in points from the bottom left), where the text goes."""
    return _attachment_form().body


def body_width() -> float:
    """The width a line of the body may take: MC-025's body box less its padding."""
    x0, _y0, x1, _y1 = body_box()
    return x1 - x0 - 2 * PADDING


def lines_per_page() -> int:
    """How many lines of the body one MC-025 page holds."""
    _x0, y0, _x1, y1 = body_box()
    return max(1, int((y1 - y0 - 2 * PADDING) / LEADING))


def attachment_numbers(items: Sequence[Item]) -> list[str]:
    """Each item's ATTACHMENT (Number): the label its title gives ("Attachment 7a(3)—Describe
    Harassment", "Item 4": "7a(3)", "4"); an untitled item the number its field refers to ("See
    attachment 2": "2", counting only untitled items, as the filler does); a title without a
    number (JV-250, Other Protected People) the next number after those."""
    untitled = sum(1 for item in items if not (len(item) > 2 and item[2]))
    out, n, extra = [], 0, untitled
    for item in items:
        if len(item) > 2 and item[2]:
            found = _LABEL.match(item[0])
            if found:
                out.append(found.group(1))
                continue
            extra += 1
            out.append(str(extra))
        else:
            n += 1
            out.append(str(n))
    return out


_LABEL = re.compile(r"\s*(?:Attachment|Item)\s+([0-9][0-9A-Za-z().-]*?)(?=[\s\u2014\u2013:,-]|$)", re.IGNORECASE)


def attachment_pdf(*, form_id: str, items: Sequence[Item], short_title: str = "",
                   case_number: str = "") -> bytes:
    """The attachment pages for ``items`` ((label, text) pairs), as a PDF to append to the form:
    MC-025 pages, one attachment per item, each page with the short title (the parties, as the form
    names them), the case number (blank for the clerk when none), the attachment's number and
    "Page N of M"; their fields are named MC-025-1, MC-025-2... (one per page) so that they can
    share a PDF with each other and with the form."""
    from .forms import _encodable

    items = [_nfc_item(item) for item in items]
    short_title, case_number = _nfc(short_title), _nfc(case_number)
    form = _attachment_form()
    width, per_page = body_width(), lines_per_page()
    setter = _typesetter(form_id, items, extra=short_title + case_number)
    # a caption the form's WinAnsi field font cannot show (Nguyễn, 王) is printed in the body's fonts
    # in its box, and the field left out (a viewer redrawing it would drop the letters it lacks)
    printed = {answer: value for answer, value in (("short_title", short_title), ("case_number", case_number))
               if not _encodable(value)}
    sheets: list[AttachmentPage] = []
    chunks: list[list[tuple[str, bool]]] = []
    for number, heading, item in zip(attachment_numbers(items), _headings(form_id, items), items):
        lines = _item_lines(heading, item[1], width, setter.measure)
        mine = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
        for n, chunk in enumerate(mine, start=1):
            chunks.append(chunk)
            sheets.append(AttachmentPage(short_title=short_title, case_number=case_number, number=number,
                                         page=str(n), pages=str(len(mine))))
    body = setter.render(chunks, form.body, [(form.rects[answer], value) for answer, value in printed.items()])
    return _fill_pages(form, sheets, body, leave_out=set(printed))


def _fill_pages(form: _Form, sheets: Sequence[AttachmentPage], body: bytes,
                leave_out: Set[str] = frozenset()) -> bytes:
    """One filled MC-025 page per sheet with page ``n`` of ``body`` laid over it, as one PDF. The
    pages are copies of the one blank page, sharing its printed content and fonts (a copy of the
    whole form per page made a 10-page attachment a megabyte); each has its own widgets, named
    apart under MC-025-1, MC-025-2, ... (but the fields in ``leave_out``, printed on ``body``)."""
    import pikepdf

    from .forms import _draw_text, _set_value, single_line_size
    from .i18n import _
    from .packet import open_pdf

    filled = {name: answer for answer, name in form.fields.items() if answer != "body" and answer not in leave_out}
    with open_pdf(form.path, noun=_("Form {form}").format(form=ATTACHMENT_FORM)) as pdf, \
            pikepdf.open(io.BytesIO(body)) as typeset:
        acroform = pdf.Root.AcroForm
        for key in ("/XFA", "/NeedAppearances"):
            if key in acroform:
                del acroform[key]
        if "/Perms" in pdf.Root:
            del pdf.Root["/Perms"]
        _keep_fields(pdf, keep=set(filled))
        blank = pdf.pages[0]
        widgets = [w for w in blank.obj.Annots if w.get("/Subtype") == "/Widget"]
        others = [a for a in blank.obj.Annots if a.get("/Subtype") != "/Widget"]
        tops = []
        for k, sheet in enumerate(sheets):
            pdf.pages.append(blank)  # a copy of the page dictionary: the content and resources shared
            page = pdf.pages[-1]
            top = pdf.make_indirect(pikepdf.Dictionary(T=pikepdf.String(f"{ATTACHMENT_FORM}-{k + 1}"),
                                                       Kids=pikepdf.Array()))
            annots = pikepdf.Array(others)
            for widget in widgets:
                mine = pdf.make_indirect(pikepdf.Dictionary({key: value for key, value in widget.items()
                                                             if key not in ("/AP", "/V", "/Parent", "/P")}))
                mine.P = page.obj
                mine.Parent = top
                top.Kids.append(mine)
                annots.append(mine)
                text = str(getattr(sheet, filled[str(widget.T)]))
                if text:
                    _set_value(mine, pikepdf.String(text))
                _draw_text(pdf, acroform, mine, [text] if text else [], size=single_line_size(text, mine))
            page.obj.Annots = annots
            page.add_overlay(pdf.copy_foreign(typeset.pages[k].as_form_xobject()))
            tops.append(top)
        del pdf.pages[0]
        acroform.Fields = pikepdf.Array(tops)
        buffer = io.BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()


def _keep_fields(pdf: Any, keep: set[str]) -> None:
    """Remove every widget and field of the one-page form but those named in ``keep`` (the body box,
    the screen-only notices and the Save/Print/Clear buttons go), and the fields' scripts."""
    import pikepdf

    page = pdf.pages[0].obj
    page.Annots = pikepdf.Array(a for a in page.get("/Annots") or []
                                if a.get("/Subtype") != "/Widget" or str(a.get("/T", "")) in keep)
    for annot in page.Annots:
        if "/AA" in annot:
            del annot["/AA"]  # the form's colour-changing script, which the page no longer carries
    acroform = pdf.Root.AcroForm
    acroform.Fields = pikepdf.Array(f for f in acroform.Fields if str(f.get("/T", "")) in keep)
    if "/Names" in pdf.Root and "/JavaScript" in pdf.Root.Names:
        del pdf.Root.Names["/JavaScript"]


def _cmap(font: object) -> Mapping[int, object]:
    """The code points an embedded (TrueType/OpenType) font maps; the body font always is one."""
    return getattr(font, "cmap", {})


def _lacking(text: str, cmap: Mapping[int, object]) -> set[int]:
    """Code points of ``text`` (spaces and controls aside) that ``cmap`` has no glyph for."""
    return {ord(c) for c in set(text)
            if ord(c) not in cmap and not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")}


def _nfc_item(item: Item) -> Item:
    return (_nfc(item[0]), _nfc(item[1]), bool(item[2])) if len(item) > 2 else (_nfc(item[0]), _nfc(item[1]))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _typesetter(form_id: str, items: Sequence[Item], extra: str = "") -> _Typesetter:
    """A typesetter with the fonts for ``items``' text, their headings, the caption and the footers."""
    text = "".join(item[1] for item in items)
    headings = extra + "".join(_headings(form_id, items))
    return _Typesetter(attachment_fonts(), text, headings)


def _headings(form_id: str, items: Sequence[Item]) -> list[str]:
    """Each item's heading: the title the form itself asks for when the item is a titled one
    ((title, text, True): "Attachment 7a(3)—Describe Harassment"), else "Attachment N to DV-100:
    item 5d", N counting only these."""
    out, n = [], 0
    for item in items:
        if len(item) > 2 and item[2]:
            out.append(item[0])
        else:
            n += 1
            out.append(f"Attachment {n} to {form_id}: {item[0]}")
    return out


# Breakable whitespace: any whitespace but the no-break spaces.
_SPACES = re.compile(r"([^\S\u00a0\u2007\u202f]+)")


def _tokens(para: str) -> list[tuple[str, str]]:
    """(space before, word) pairs; each wide (CJK) character is a word of its own with no space.

    Trailing whitespace is dropped (it would only push the line over); leading whitespace stays
    as the paragraph's indent.
    """
    out: list[tuple[str, str]] = []
    parts = _SPACES.split(para.expandtabs(TAB_SIZE).rstrip())
    for i in range(0, len(parts), 2):
        space = parts[i - 1] if i else ""
        if not parts[i]:  # the paragraph starts with whitespace: carried as the next word's space
            continue
        for piece in _split_wide(parts[i]):
            out.append((space, piece))
            space = ""
    return out


def _split_wide(word: str) -> list[str]:
    """``word`` cut before and after each wide character (a line may break there), except after
    opening and before closing punctuation (「 and ，。」...), which stay with their neighbour."""
    pieces: list[str] = []
    current = ""
    for cluster in _clusters(word):
        if not current and pieces and _is_closing(cluster[0]):
            pieces[-1] += cluster
        elif _is_wide(cluster[0]):
            if current:
                pieces.append(current)
            pieces.append(cluster)
            current = ""
        else:
            current += cluster
    if current:
        pieces.append(current)
    merged: list[str] = []
    for piece in pieces:
        if merged and unicodedata.category(merged[-1][-1]) in ("Ps", "Pi"):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def _clusters(text: str) -> list[str]:
    """Characters with their combining marks and joiners attached (never split inside one)."""
    out: list[str] = []
    for ch in text:
        if out and (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Mc")
                    or ch in "\u200d\ufe0f\ufe0e" or out[-1].endswith("\u200d")):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _is_wide(ch: str) -> bool:
    """A wide character a line may break before or after: CJK ideographs, kana, fullwidth forms,
    emoji; not Hangul, which Korean writes in words separated by spaces and breaks there."""
    return unicodedata.east_asian_width(ch) in ("W", "F") and not _is_hangul(ch)


def _is_hangul(ch: str) -> bool:
    code = ord(ch)
    return 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _is_closing(ch: str) -> bool:
    return unicodedata.category(ch) in ("Pe", "Pf") or ch in "、。，．：；？！・ー々,.:;?!%"


def _wrap(para: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy wrap of one paragraph to ``width`` points; an empty paragraph is one empty line.

    A line's width is the sum of its pieces' widths (each piece measured once, shaped on its own),
    so wrapping stays linear; ``SLACK`` absorbs kerning across the joins.
    """
    widths: dict[str, float] = {}

    def w(text: str) -> float:
        if text not in widths:
            widths[text] = measure(text)
        return widths[text]

    limit = width - SLACK
    lines: list[str] = []
    line, line_w = "", 0.0
    for space, word in _tokens(para):
        # (``line`` is empty only at the paragraph's start: its leading space is the indent.)
        if line_w + w(space + word) <= limit:
            line, line_w = line + space + word, line_w + w(space + word)
            continue
        if line and w(word) <= limit:
            lines.append(line)
            line, line_w = word, w(word)
            continue
        # A word wider than a whole line: fill the rest of this line, then whole lines, with it.
        line, line_w = line + space, line_w + w(space)
        for cluster in _clusters(word):
            if line.strip() and line_w + w(cluster) > limit:
                lines.append(line.rstrip())
                line, line_w = "", 0.0
            line, line_w = line + cluster, line_w + w(cluster)
    lines.append(line)
    return lines
