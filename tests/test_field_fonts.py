"""Names the forms' WinAnsi field fonts cannot show (Vietnamese, Chinese, Arabic) are printed on the
official forms in embedded fonts (legal_docs/field_fonts.py): a print, a flattened copy and pdftotext
show them as written; the fields keep their values; fields WinAnsi can show keep their appearance."""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from helpers import FORMS, example_data
from pdfcheck import field_values
from legal_docs.answers import validate_answers
from legal_docs.forms import _encodable, fill_form

KIND = "protective-order"
VIETNAMESE = "Nguyễn Thị Hương"
CHINESE = "王小明"
ARABIC = "محمد الأحمد"


def plan_of(data: dict[str, Any]):
    spec, model = validate_answers(data, base_dir=Path("."))
    (plan,) = spec.planner(model, today=dt.date(2026, 11, 22))
    return plan


def dvro(protected: str | None = None, restrained: str | None = None) -> dict[str, Any]:
    data = copy.deepcopy(example_data(KIND, "dvro"))
    if protected:
        data["protected"]["name"] = protected
    if restrained:
        data["restrained"]["name"] = restrained
    return data


def fill(data: dict[str, Any], form_id: str, out: Path, **kwargs: Any) -> Path:
    return fill_form(form_id, plan_of(data).facts["form_answers"][KIND], out=out, folder=FORMS, **kwargs).path


def page_text(pdf: Path, page: int = 1) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def appearances(pdf: Path) -> dict[tuple[int, str, tuple[float, ...]], tuple[bytes, str]]:
    """(page, widget name, box) -> (its /AP /N stream's bytes, its field's value)."""
    out = {}
    with pikepdf.open(pdf) as doc:
        for n, page in enumerate(doc.pages):
            for annot in page.obj.get("/Annots") or []:
                normal = annot.get("/AP", {}).get("/N")
                if annot.get("/Subtype") == "/Widget" and isinstance(normal, pikepdf.Stream):
                    holder = annot if "/V" in annot else annot.get("/Parent")
                    value = str(holder.get("/V", "")) if holder is not None else ""
                    out[(n, str(annot.get("/T")), tuple(round(float(v), 1) for v in annot.Rect))] = (
                        normal.read_bytes(), value)
    return out


@pytest.mark.parametrize("form_id", ["DV-100", "CLETS-001"])
def test_vietnamese_and_chinese_names_print_as_written_and_the_fields_keep_them(form_id: str, tmp_path: Path) -> None:
    pdf = fill(dvro(VIETNAMESE, CHINESE), form_id, tmp_path / "f.pdf")
    text = page_text(pdf)
    assert VIETNAMESE in text and CHINESE in text
    assert "?" not in "".join(line for line in text.splitlines() if "name" in line.lower())
    values = field_values(pdf)
    assert VIETNAMESE in values.values() and CHINESE in values.values()  # /V as written
    with pikepdf.open(pdf) as doc:
        # viewers show our appearance: one that regenerates would redraw in the WinAnsi font
        assert not bool(doc.Root.AcroForm.get("/NeedAppearances"))
        assert not any(bool(int(w.get("/Ff", 0)) & 1) for w in doc.Root.AcroForm.Fields)  # not read-only


def test_the_fields_winansi_can_show_keep_their_appearances_byte_for_byte(tmp_path: Path) -> None:
    plain = appearances(fill(dvro(), "DV-100", tmp_path / "plain.pdf"))
    named = appearances(fill(dvro(VIETNAMESE, CHINESE), "DV-100", tmp_path / "named.pdf"))
    assert plain.keys() == named.keys()
    changed = {key for key in plain if plain[key][0] != named[key][0]}
    assert changed and all(not _encodable(named[key][1]) for key in changed)  # only the new names differ
    same = [key for key in plain if plain[key][1] and plain[key][1] == named[key][1]]
    assert len(same) > 20 and all(plain[key][0] == named[key][0] for key in same)


def test_a_flattened_copy_prints_the_names(tmp_path: Path) -> None:
    pdf = fill(dvro(VIETNAMESE, CHINESE), "DV-100", tmp_path / "flat.pdf", flatten=True)
    assert not field_values(pdf)
    text = page_text(pdf)
    assert VIETNAMESE in text and CHINESE in text


def test_an_arabic_name_is_printed_in_arabic_letters(tmp_path: Path) -> None:
    pdf = fill(dvro(restrained=ARABIC), "DV-100", tmp_path / "ar.pdf")
    text = page_text(pdf)
    assert "?" not in text.split("Full name")[1].splitlines()[0]
    assert {c for c in ARABIC if not c.isspace()} <= set(text)


def test_the_fonts_are_embedded_once_per_form_however_many_widgets_show_the_name(tmp_path: Path) -> None:
    pdf = fill(dvro(VIETNAMESE), "DV-100", tmp_path / "f.pdf")
    names = [key for key, (_ap, value) in appearances(pdf).items() if value == VIETNAMESE]
    assert len(names) >= 2  # the name is on page 1 and again in the later pages' headers
    with pikepdf.open(pdf) as doc:
        embedded = [str(obj.FontName) for obj in doc.objects if isinstance(obj, pikepdf.Dictionary)
                    and obj.get("/Type") == "/FontDescriptor" and "DejaVu" in str(obj.get("/FontName", ""))]
    assert len(embedded) == 1, embedded  # one subset, shared by every widget with the name


def test_a_one_line_name_is_inside_its_box_marks_and_descenders_included(tmp_path: Path) -> None:
    """The forms' boxes are as tall as their font: at the field's 11 pt ễ's tone mark and the dot of ị
    would be clipped off (the name then reads "Nguyên Thi"); the line is moved and set smaller."""
    from legal_docs.field_fonts import INSET, FieldFonts
    from legal_docs.forms import _font_family, _font_size, _widgets_by_name

    with pikepdf.open(FORMS / "dv100.pdf") as doc:
        widget = next(w for name, (w, *_rest) in _widgets_by_name(doc).items() if name.endswith("YourName_tf[0]"))
        family = _font_family(widget)
        fonts = FieldFonts({family: [VIETNAMESE]})
        layout = fonts.layout(doc.Root.AcroForm, widget, [VIETNAMESE], family)
        top, bottom = fonts._ink(VIETNAMESE, family)
    ((_x, baseline, line),) = layout.lines
    assert line == VIETNAMESE
    assert top > 0.8 and bottom < -0.15  # the stacked marks (a capital is 0.7) and the descender of g
    assert baseline + top * layout.size <= layout.height - INSET + 1e-6
    assert baseline + bottom * layout.size >= INSET - 1e-6
    assert 7 <= layout.size < _font_size(widget)


def test_no_warning_for_names_the_fonts_print_and_one_for_letters_no_font_has() -> None:
    assert not [w for w in plan_of(dvro(VIETNAMESE, CHINESE)).warnings if "no font" in w]
    unassigned = "\u0378"  # no character is assigned there: no font has a glyph for it
    warnings = [w for w in plan_of(dvro(f"Ana{unassigned}", CHINESE)).warnings if "no font" in w]
    assert warnings and all(unassigned in w and "王" not in w and "Ana" not in w for w in warnings)
    assert any(w.startswith("DV-100:") for w in warnings)


def test_without_any_font_the_names_fall_back_to_the_forms_font_and_are_warned_about(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from legal_docs import field_fonts

    monkeypatch.setattr(field_fonts, "_family_font", lambda family: None)
    data = dvro(VIETNAMESE)
    warnings = [w for w in plan_of(data).warnings if "no font" in w]
    assert warnings and "ễ" in warnings[0] and VIETNAMESE not in warnings[0]
    pdf = fill(data, "DV-100", tmp_path / "f.pdf")
    with pikepdf.open(pdf) as doc:
        assert bool(doc.Root.AcroForm.get("/NeedAppearances"))  # a viewer with its own fonts can show them
    assert VIETNAMESE in field_values(pdf).values()


def test_a_vietnamese_narrative_wraps_on_the_rules_in_the_embedded_font(tmp_path: Path) -> None:
    """A multi-line box: lines wrapped by the embedded font's widths, each inside the box, every
    word extracted as written (no "?"), and the field keeps the whole text."""
    narrative = ("Anh ta đến trạm xe buýt, nắm lấy tay tôi và nói rằng tôi thuộc về anh ta. "
                 "Tôi đã rất sợ hãi và chạy về nhà của chị gái tôi ở Hayward.")
    data = dvro()
    data["incidents"][0]["details"] = narrative
    made = fill_form("DV-100", plan_of(data).facts["form_answers"][KIND], out=tmp_path / "n.pdf", folder=FORMS)
    assert made.attachment_pages == 0
    assert narrative in field_values(made.path).values()
    words = " ".join(page_text(made.path, 3).split())
    box = words.split("etc.")[1].split("How often")[0]  # between the item's words and the next item's
    assert " ".join(narrative.split()) in box and "?" not in box
