"""JV-250 Temporary Restraining Order—Juvenile (Rev. Jan 1, 2025): the person asking completes items
1-3 only ("The court will complete the rest of this form"). Read back field by field from the
juvenile sample; the court's fields stay empty; page 1 rendered."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import example_data
from pdfcheck import checkbox_states, field_values
from legal_docs.answers import validate_answers
from legal_docs.forms import fill_form, get_form

P = "JV-250[0].Page1[0]."
R = P + "List2[0].item2[0]."
ROWS = P + "List3[0].item3[0].ProtectedPpl[0]."


def _answers(tmp: Path, change=None) -> dict:
    data = example_data("protective-order", "juvenile")
    if change:
        change(data)
    spec, model = validate_answers(data, base_dir=tmp)
    (plan,) = spec.planner(model)
    return plan.facts["form_answers"]["protective-order"]


def _fill(answers: dict, tmp: Path) -> tuple[Path, dict, dict]:
    path = fill_form("JV-250", answers, out=tmp / "jv250.pdf", instance="x").path
    values = {k.removeprefix("x."): v for k, v in field_values(path).items()}
    states = checkbox_states(path, prefix="x.")
    return path, values, states


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    tmp = tmp_path_factory.mktemp("jv250")
    return _fill(_answers(tmp), tmp)


def test_jv250_items_1_to_3_and_the_caption(filled) -> None:
    _path, values, states = filled
    expected = {
        P + "P1Caption[0].CourtInfo[0].TextFieldTopCaption1[0]": "Los Angeles",
        P + "P1Caption[0].ChildName[0].TextFieldTopCaption2[0]": "Marisol Teresa Vega",
        P + "P1Caption[0].CaseNo[0].CaseNo[0]": "DK-34567",
        "JV-250[0].Page4[0].PxHeader[0].CaseNo[0]": "DK-34567",
        "JV-250[0].Page7[0].P7Header[0].CaseNo[0]": "DK-34567",
        P + "List1[0].item1[0].TextFieldLeftCaption1[0]": "Marisol Teresa Vega",
        R + "TextFieldLeftCaption2[0]": "Darnell Ray Pruitt",
        R + "TextFieldLeftCaption3[0]": "27",  # on the signing date, Nov 20, 2026
        R + "TextFieldLeftCaption4[0]": "07/30/1999",
        R + "TextFieldLeftCaption5[0]": "6 ft 1 in",
        R + "TextFieldLeftCaption6[0]": "190 lbs",
        R + "TextFieldLeftCaption7[0]": "black",
        R + "TextFieldLeftCaption8[0]": "brown",
        R + "TextFieldLeftCaption9[0]": "Black",
        R + "TextFieldLeftCaption11[0]": "880 Example Avenue, Apt. 12",
        R + "TextFieldLeftCaption12[0]": "Inglewood",
        R + "TextFieldLeftCaption13[0]": "CA",
        R + "TextFieldLeftCaption14[0]": "90301",
        R + "MultilineTextField1[0]": "1 handgun (kept in the glove box of his car)",
        ROWS + "TextField1[0]": "Julian Vega", ROWS + "TextField2[0]": "12",
        ROWS + "TextField3[0]": "younger brother",
        ROWS + "TextField4[0]": "Patricia Okafor", ROWS + "TextField6[0]": "caregiver (resource parent)",
    }
    for name, value in expected.items():
        assert values[name] == value, name
    assert values.get(ROWS + "TextField5[0]") in (None, "")  # no birth date given: no age
    # the relationship is longer than its line at 11 pt: drawn smaller, on the form
    assert values[R + "TextField[0]"] == "exploiter, who recruited her online and sold her for sex"
    assert [states[R + f"CheckBoxRightCaptio2[{n}]"] for n in range(3)] == ["/1", "/Off", "/Off"]  # M
    assert states[P + "List3[0].item3[0].CheckBoxRightCaption2\\.2[0]"] == "/1"
    assert states[P + "List3[0].item3[0].MultilineCheckBox1[0]"] == "/Off"  # two people: no more to list


def test_jv250_leaves_the_courts_items_blank(filled) -> None:
    _path, values, states = filled
    (rev,) = get_form("JV-250").revisions
    written = [n for n, v in values.items() if v not in (None, "", "/Off") and rev.is_court_field(n)]
    assert written == []
    assert rev.is_court_field(P + "List4[0].item4[0].DateField1[0]")  # the hearing date: the court's
    assert rev.is_court_field(P + "Instructions[0].CheckBoxLeftCaptio1[0]")  # original order
    assert any(".List12[0]." in n and rev.is_court_field(n) for n in values)  # the stay-away order
    ticked = [n for n, s in states.items() if s != "/Off" and rev.is_court_field(n)]
    assert ticked == []


def test_jv250_fits_on_its_seven_pages(filled) -> None:
    path, _values, _states = filled
    assert len(PdfReader(path).pages) == 7  # nothing for an attachment page


def test_jv250_more_than_four_other_people_go_on_the_attachment_the_form_names(tmp_path: Path) -> None:
    def five(data: dict) -> None:
        data["others"] = [{"name": f"Person {n}", "relationship": "cousin"} for n in range(5)]
    path, values, states = _fill(_answers(tmp_path, five), tmp_path)
    assert values[ROWS + "TextField10[0]"] == "Person 3"
    assert states[P + "List3[0].item3[0].MultilineCheckBox1[0]"] == "/1"
    reader = PdfReader(path)
    assert len(reader.pages) == 8
    text = " ".join(reader.pages[7].extract_text().split())
    assert "JV-250, Other Protected People" in text and "Person 4" in text
    assert values["MC-025-1.FillText5"] == "DK-34567"  # the attachment's case number box
    assert "Person 3" not in text  # the fourth is on the form


def test_jv250_attachment_is_an_mc025_page_captioned_as_the_juvenile_papers_name_the_child(tmp_path: Path) -> None:
    """The attachment is MC-025, captioned "In re" the child's initials as the juvenile packet's papers
    are: the child's full name is on no attachment page (neither its fields nor its body)."""
    def five(data: dict) -> None:
        data["others"] = [{"name": f"Person {n}", "relationship": "cousin"} for n in range(5)]
    path, values, _states = _fill(_answers(tmp_path, five), tmp_path)
    mc025 = {k: str(v) for k, v in values.items() if k.startswith("MC-025-1.")}
    assert mc025 == {"MC-025-1.FillText6": "In re M.V.", "MC-025-1.FillText5": "DK-34567",
                     "MC-025-1.FillText9": "1", "MC-025-1.FillText8": "1", "MC-025-1.FillText7": "1"}
    page = PdfReader(path).pages[7].extract_text()
    assert "MC-025" in page and "JV-250, Other Protected People" in page
    assert "Marisol" not in page and "Vega" not in page


def test_jv250_female_restrained_person_and_no_firearms(tmp_path: Path) -> None:
    def change(data: dict) -> None:
        data["restrained"]["sex"] = "female"
        data["restrained"]["firearms"] = "no"
        data["restrained"].pop("firearms_list")
        data["orders"]["firearms"] = True
    _path, values, states = _fill(_answers(tmp_path, change), tmp_path)
    assert [states[R + f"CheckBoxRightCaptio2[{n}]"] for n in range(3)] == ["/Off", "/2", "/Off"]
    assert values.get(R + "MultilineTextField1[0]") in (None, "")


def test_jv250_page_1_renders(filled, tmp_path: Path) -> None:
    path, _values, _states = filled
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    (png,) = tmp_path.glob("p*.png")
    assert png.stat().st_size > 10_000


def test_jv250_firearms_start_after_the_printed_label(filled) -> None:
    """Item 2's firearms box begins on the line "that restrained person may have: ____": the first
    line of text starts where that rule starts, not over the printed words."""
    import pikepdf

    path, _values, _states = filled
    with pikepdf.open(path) as pdf:
        widget = next(a for a in pdf.pages[0].Annots if str(a.get("/T", "")) == "MultilineTextField1[0]")
        ops = pikepdf.parse_content_stream(widget.AP.N)
        first = next(list(op.operands) for op in ops if str(op.operator) == "Td")
    assert float(first[0]) > 100  # the label takes about 135 pt of the 322-pt box
