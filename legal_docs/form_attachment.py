"""Attachment pages for official forms: text that did not fit its field, continued on plain pages.

Each overflowing item gets a bold heading (the title the form asks for, "Attachment 7a(3)—Describe
Harassment", when it names one; else "Attachment 2 to DV-100: item 5d") and its full text on a
letter page with 1-inch margins in 11 point, as many pages as it needs, numbered "DV-100 attachment
page N of M" at the foot.

Clients write in many languages, so the pages are typeset with fpdf2 in a TrueType/OpenType font
embedded as a subset (DejaVu Sans: Latin with Vietnamese, Greek, Cyrillic, Armenian, Hebrew,
Arabic...), with per-character fallback fonts for what it lacks (Noto Sans CJK for Chinese, Japanese
and Korean; Symbola for symbols and emoji; else any installed font fontconfig knows has the
character), each loaded only when the text needs it, and shaped with HarfBuzz (uharfbuzz: combining
marks, Arabic joining, right-to-left runs). Text is NFC-normalised. Lines are wrapped by their
measured width, so wide characters stay inside the margins. The pages are then appended to the
filled form. Only when no usable font file is found at all do the pages fall back to the
PDF's standard Helvetica, where characters outside Windows-1252 print as "?"; a warning says so.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

__all__ = ["attachment_pdf", "attachment_lines", "AttachmentFonts", "attachment_fonts", "Item"]

log = logging.getLogger(__name__)

# (label, text), or (title, text, True) for an item the form asks to title in its own words
Item = tuple[str, str] | tuple[str, str, bool]

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN = 72.0
TEXT_W = PAGE_W - 2 * MARGIN
FONT_SIZE = 11.0
FOOTER_SIZE = 9.0
LEADING = 14.0
LINES_PER_PAGE = int((PAGE_H - 2 * MARGIN - 2 * LEADING) / LEADING)
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
    """An fpdf2 document set up with the attachment fonts for the given text."""

    def __init__(self, fonts: AttachmentFonts, text: str, headings: str = "") -> None:
        from .convert import import_first

        import_first("fpdf")  # a first import in one thread at a time
        from fpdf import FPDF

        self.pdf: FPDF = FPDF(orientation="P", unit="pt", format="letter")
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(False)
        self.pdf.c_margin = 0  # text starts exactly at the margin
        self.pdf.set_creator("legal-docs")
        self.unicode = fonts.body is not None
        if fonts.body is None:
            log.warning("No TrueType font found for attachment pages: using Helvetica, which prints "
                        "characters outside Windows-1252 as '?'. Install the fonts with "
                        "tools/ensure-system-deps.sh (fonts-dejavu-core, fonts-noto-cjk).")
            self.family = "helvetica"
            self.pdf.core_fonts_encoding = "cp1252"  # the WinAnsiEncoding fpdf2 declares for core fonts
            return
        self.family = "body"
        self._add("body", "", fonts.body.regular)
        self._add("body", "B", fonts.body.bold or fonts.body.regular)
        # Characters the body font lacks, in body text and in (bold) headings: a fallback family is
        # loaded only if it has some of them, and its bold face only if a heading needs it.
        need = _lacking(text + headings, _cmap(self.pdf.fonts["body"]))
        need_bold = _lacking(headings, _cmap(self.pdf.fonts["bodyB"]))
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

    def render(self, pages: Sequence[Sequence[tuple[str, bool]]], form_id: str,
               caption: Sequence[tuple[str, bool]] = ()) -> bytes:
        for number, chunk in enumerate(pages, start=1):
            self.pdf.add_page()
            # the caption on every page (short title, case number), then a rule and a blank line
            for row, (text, heading) in enumerate(caption):
                self._line(MARGIN + row * LEADING, text, "B" if heading else "", FONT_SIZE, LEADING)
            if caption:
                rule_y = MARGIN + len(caption) * LEADING + LEADING / 2
                self.pdf.line(MARGIN, rule_y, PAGE_W - MARGIN, rule_y)
            top = MARGIN + (len(caption) + 1) * LEADING if caption else MARGIN
            for row, (text, heading) in enumerate(chunk):
                self._line(top + row * LEADING, text, "B" if heading else "", FONT_SIZE, LEADING)
            footer = f"{form_id} attachment page {number} of {len(pages)}"
            self._line(PAGE_H - MARGIN / 2 - FOOTER_SIZE, footer, "", FOOTER_SIZE, FOOTER_SIZE * 1.25)
        return bytes(self.pdf.output())

    def _line(self, top: float, text: str, style: str, size: float, height: float) -> None:
        # Each line in its own graphics state (q ... Q): fpdf2 2.8.9 leaves a fallback font selected
        # after a line that starts with a fallback glyph, and the next line then draws the body
        # font's glyph ids in it (nonsense letters). Q restores the font, and fpdf2 then sets it anew.
        with self.pdf.local_context():
            self.pdf.set_font(self.family, style, size)
            self.pdf.set_xy(MARGIN, top)
            self.pdf.cell(w=TEXT_W, h=height, text=self.printable(text), align="L")


def attachment_lines(
    form_id: str,
    items: Sequence[Item],
    *,
    measure: Callable[[str, bool], float] | None = None,
    width: float = TEXT_W,
) -> list[tuple[str, bool]]:
    """(line, is_heading) for every item, in order, with a blank line between items.

    Text is NFC-normalised and wrapped so that ``measure(line, is_heading)`` (its width in points;
    by default in the attachment fonts at 11 pt) stays within ``width``: at spaces, between wide
    (CJK) characters, and inside a word only when the word alone is wider than the line.
    """
    items = [_nfc_item(item) for item in items]
    if measure is None:
        measure = _typesetter(form_id, items).measure

    def heading_width(text: str) -> float:
        return measure(text, True)

    def body_width(text: str) -> float:
        return measure(text, False)

    lines: list[tuple[str, bool]] = []
    for heading, (_label, text, *_titled) in zip(_headings(form_id, items), items):
        if lines:
            lines.append(("", False))
        lines.extend((line, True) for line in _wrap(heading, width, heading_width))
        for para in text.splitlines() or [""]:
            lines.extend((line, False) for line in _wrap(para, width, body_width))
    return lines


def attachment_pdf(*, form_id: str, items: Sequence[Item], short_title: str = "",
                   case_number: str = "") -> bytes:
    """The attachment pages for ``items`` ((label, text) pairs), as a PDF to append to the form.
    Every page starts with the caption a court expects on an attachment: the short title (the
    parties, as the form names them) and the case number (a blank line for the clerk when none)."""
    items = [_nfc_item(item) for item in items]
    caption_text = [_nfc(f"Short title: {short_title}") if short_title else "",
                    f"Case number: {case_number or '____________________'}"]
    setter = _typesetter(form_id, items, extra=" ".join(caption_text))
    caption = [(line, True) for text in caption_text if text
               for line in _wrap(text, TEXT_W, lambda t: setter.measure(t, True))]
    lines = attachment_lines(form_id, items, measure=setter.measure)
    per_page = LINES_PER_PAGE - len(caption) - 1  # the caption and the blank line under its rule
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    return setter.render(pages, form_id, caption)


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
    text = "".join([f"{form_id} attachment page 0123456789 of"] + [item[1] for item in items])
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
