"""Form field appearances in embedded fonts, for text the official forms' own fonts cannot show.

The Judicial Council forms' field fonts (their /DR and /DA: Times New Roman, Arial) are not
embedded and are WinAnsi-encoded, so the appearance :func:`.forms.fill_form` draws in them shows only
Windows-1252's letters: "Nguyễn Thị Hương" or "王小明" would print as "?" on a print, a flattened copy
or in any viewer that shows the appearance as it is. A field whose text has such a letter gets its
appearance typeset instead, with fpdf2 and HarfBuzz in the attachment pages' fonts
(:mod:`.form_attachment`): a face like the field's own (DejaVu Serif for a Times field, DejaVu Sans
for Arial/Helvetica, DejaVu Sans Mono for Courier) for the whole text, so a name is one font, with
per-character fallbacks for what it lacks (the attachment body font for Arabic, Hebrew and Armenian;
Noto Sans CJK for Chinese, Japanese and Korean; any installed font fontconfig knows has the letter).

Each such widget is one page, the size of its box, of one fpdf2 document per form and field font;
the text is laid out as the WinAnsi appearance is (:func:`.forms.field_layout`: the box, the
field's size or the smaller one fill_form chose, /Q alignment, the multi-line box's lines on its
printed rules), measured in the embedded fonts. A one-line text must also fit the box's height: the
forms' boxes are as tall as their font size, so a descender is clipped (harmless in "Legal Aid"), but
a clipped Vietnamese tone mark (ễ shows as ê) or the top stroke of 王 (which then reads 干) changes
the name. Its glyphs' outlines are measured, the line moved up or down inside the box, and set
smaller only when it is still taller than the box. The page's content, marked and clipped as a text
field's appearance, becomes the widget's /AP /N, and its resources are copied once: the fonts are
embedded once per form, as one subset of the glyphs all its fields use. Text is drawn NFC-normalised.

The field stays a text field with its value (/V) as written, editable. Its /DA keeps the form's own
font and size. A viewer shows this appearance until someone edits the field; then it redraws the
field from /DA as it does for text typed by hand into the blank form (Acrobat Reader is reported to
show "ľščťž" typed into a Helvetica field, php-pdftk issue 289; not tried here: no Acrobat on the
build machine). Pointing /DA at our font instead would name a subset that lacks every letter not already
in the form: viewers draw letters typed later that a subset lacks as empty space (qpdf issue 178).
NeedAppearances stays false (see fill_form): a viewer asked to regenerate every field (poppler,
pdf.js) would redraw these in the WinAnsi font and drop the letters this appearance shows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .form_attachment import FontFace, FontFamily, _Typesetter
    from .forms import Layout, Measure

__all__ = ["FieldFonts", "FIELD_FAMILIES", "unshown_letters"]

INSET = 0.5  # points kept free inside the box (the forms' text fields have no border to keep clear of)
MIN_SIZE = 5.0  # the smallest a one-line text is set to fit the box's height (below it, it is clipped)

# The face drawn for a field in each standard font family (forms._font_family's names), before the
# attachment fonts' body and fallbacks; the first one fontconfig (or a known path) finds.
FIELD_FAMILIES: dict[str, tuple[str, ...]] = {
    "Times": ("DejaVu Serif", "Noto Serif", "FreeSerif"),
    "Helvetica": ("DejaVu Sans", "Noto Sans", "FreeSans"),
    "Courier": ("DejaVu Sans Mono", "Noto Sans Mono", "FreeMono"),
}


@lru_cache(maxsize=8)
def _family_font(family: str) -> FontFamily | None:
    """The face for fields in the standard ``family``; the attachment body font when none of its
    own is installed; None when there is no usable font at all."""
    from .form_attachment import _find_family, attachment_fonts

    found = next(filter(None, map(_find_family, FIELD_FAMILIES.get(family, ()))), None)
    return found or attachment_fonts().body


@dataclass
class _Family:
    setter: _Typesetter
    widgets: list[tuple[Any, Layout]] = field(default_factory=list)


class FieldFonts:
    """The embedded fonts of one form's fields whose text WinAnsi cannot show.

    ``texts``: for each standard font family (``forms._font_family``), the texts of the fields in it
    that need embedded fonts (every one is known before any is laid out, so each family's fallbacks
    are loaded once, for all of them). :meth:`measure` gives the widths to lay a text out with,
    :meth:`draw` records a widget's layout, and :meth:`finish` typesets them all and sets their
    appearances.
    """

    def __init__(self, texts: Mapping[str, Iterable[str]]) -> None:
        self._texts = {family: "".join(items) for family, items in texts.items()}
        self._families: dict[str, _Family | None] = {}

    def _family(self, family: str) -> _Family | None:
        if family not in self._families:
            from .form_attachment import AttachmentFonts, _Typesetter, attachment_fonts

            face = _family_font(family)
            if face is None:
                self._families[family] = None
            else:
                shared = attachment_fonts()
                fallbacks = tuple(f for f in (shared.body, *shared.fallbacks) if f is not None and f != face)
                setter = _Typesetter(AttachmentFonts(body=face, fallbacks=fallbacks), self._texts.get(family, ""),
                                     bold=False)
                setter.pdf.set_margins(0, 0, 0)
                self._families[family] = _Family(setter)
        return self._families[family]

    def usable(self, family: str) -> bool:
        """Whether any font was found to draw fields in ``family`` with."""
        return self._family(family) is not None

    def measure(self, family: str) -> Measure:
        """A text's width in points at a size, in the fonts it is drawn in (shaped, with fallbacks)."""
        found = self._family(family)
        assert found is not None, "measure() of a family without fonts"
        setter = found.setter

        def width(text: str, size: float) -> float:
            setter.pdf.set_font(setter.family, "", size)
            return float(setter.pdf.get_string_width(unicodedata.normalize("NFC", text)))

        return width

    def layout(self, acroform: Any, widget: Any, lines: list[str], family: str, *,
               baselines: list[tuple[float, float]] | None = None, size: float | None = None) -> Layout:
        """:func:`.forms.field_layout` in these fonts; a single line moved, or set smaller, until its
        glyphs' outlines are inside the box."""
        from .forms import field_layout

        measure = self.measure(family)
        layout = field_layout(acroform, widget, lines, baselines=baselines, size=size, measure=measure)
        if len(layout.lines) != 1:
            return layout
        top, bottom = self._ink(layout.lines[0][2], family)
        room = layout.height - 2 * INSET
        fits = max(room / (top - bottom), MIN_SIZE)
        if layout.size > fits:
            layout = field_layout(acroform, widget, lines, baselines=baselines, measure=measure,
                                  size=max(MIN_SIZE, fits - fits % 0.5))  # (in half points, as fill_form)
        x, baseline, line = layout.lines[0]
        baseline = min(baseline, layout.height - INSET - top * layout.size)  # no higher than the box's top
        baseline = max(baseline, INSET - bottom * layout.size)  # nor lower than its bottom
        return dataclasses.replace(layout, lines=[(x, baseline, line)])

    def _ink(self, text: str, family: str) -> tuple[float, float]:
        """How far (in em) ``text``'s glyphs reach above and below the baseline, in the fonts that
        draw each letter; at least a capital's height and none below."""
        found = self._family(family)
        assert found is not None
        top, bottom = 0.7, 0.0
        for char in set(unicodedata.normalize("NFC", text)):
            for key in found.setter.font_keys:
                font = found.setter.pdf.fonts[key]
                glyph = getattr(font, "cmap", {}).get(ord(char))
                if glyph is not None:
                    high, low = _glyph_extent(font, glyph)
                    top, bottom = max(top, high), min(bottom, low)
                    break
        return top, bottom

    def draw(self, widget: Any, layout: Layout, family: str) -> None:
        """Draw ``layout`` (from :meth:`layout`) as ``widget``'s appearance at :meth:`finish`."""
        found = self._family(family)
        assert found is not None, "draw() in a family without fonts"
        setter = found.setter
        setter.pdf.add_page(format=(layout.width, layout.height))
        for x, baseline, line in layout.lines:
            # fpdf2 measures from the top and puts a cell's baseline 0.5 h + 0.3 size below its top
            top = layout.height - baseline - 0.8 * layout.size
            text = unicodedata.normalize("NFC", line)
            with setter.pdf.local_context():  # each line in its own q ... Q (see _Typesetter._line)
                setter.pdf.set_font(setter.family, "", layout.size)
                setter.pdf.set_xy(x, top)
                setter.pdf.cell(w=setter.pdf.get_string_width(text) + 1, h=layout.size, text=text, align="L")
        found.widgets.append((widget, layout))

    def finish(self, pdf: Any, stack: contextlib.ExitStack) -> None:
        """Typeset every drawn widget and make each page its widget's /AP /N in ``pdf`` (the typeset
        PDF stays open in ``stack`` until ``pdf`` is saved: qpdf copies its streams then)."""
        import pikepdf

        from .forms import appearance_clip

        for found in self._families.values():
            if found is None or not found.widgets:
                continue
            typeset = stack.enter_context(pikepdf.open(io.BytesIO(bytes(found.setter.pdf.output()))))
            for page, (widget, layout) in zip(typeset.pages, found.widgets):
                page.contents_coalesce()
                content = page.obj.Contents.read_bytes()
                ops = f"{appearance_clip(layout, INSET)} {layout.colour}\n".encode("latin-1") + content + b"\nQ EMC"
                widget.AP = pikepdf.Dictionary(N=pdf.make_stream(
                    ops, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                    BBox=[0, 0, layout.width, layout.height],
                    Resources=pdf.copy_foreign(page.obj.Resources)))


def _glyph_extent(font: Any, glyph: str) -> tuple[float, float]:
    """The top and bottom (in em) of ``glyph``'s outline in an fpdf2 TrueType/OpenType font."""
    from fontTools.pens.boundsPen import BoundsPen

    ttfont = font.ttfont
    glyphs = ttfont.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[glyph].draw(pen)
    if pen.bounds is None:  # a glyph with no outline (a space)
        return 0.0, 0.0
    em = float(ttfont["head"].unitsPerEm)
    return pen.bounds[3] / em, pen.bounds[1] / em


def unshown_letters(text: str, family: str = "Times") -> list[str]:
    """The letters of ``text`` that no font found here can draw in a field in ``family``: those the
    WinAnsi fonts lack and neither the field's face, nor the attachment fonts, nor (for the first
    FC_LOOKUPS of them, as the typesetter asks) any font fontconfig knows has. Every letter WinAnsi
    lacks when there is no usable font at all. Read from the fonts' character maps only, without
    typesetting (what the plan warns about before any form is filled)."""
    from .form_attachment import FC_LOOKUPS, _font_with, attachment_fonts
    from .forms import _encodable

    letters = list(dict.fromkeys(c for c in unicodedata.normalize("NFC", text)
                                 if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")
                                 and not _encodable(c)))
    face = _family_font(family)
    if not letters or face is None:
        return letters
    shared = attachment_fonts()
    need = {ord(c) for c in letters}
    for font in (face, shared.body, *shared.fallbacks):
        if font is not None and need:  # (a font's map is read only while letters are still needed)
            need -= _face_cmap(font.regular)
    for code in sorted(need)[:FC_LOOKUPS]:
        if code in need and (found := _font_with(code)) is not None:
            need -= _face_cmap(found)
    return [c for c in letters if ord(c) in need]


@lru_cache(maxsize=32)
def _face_cmap(face: FontFace) -> frozenset[int]:
    """The code points a font file's face has glyphs for (its character map only is read)."""
    from fontTools.ttLib import TTFont

    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})
