"""DV-160 Request to Keep Minor's Information Confidential (form_templates/forms/dv-160.yaml): made
on the DV route when the protected person is a minor, filed and served with the request; items 1-3
and the signature's name and dates from the answers, the request's choices (4-10) left blank."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from helpers import example_data
from pdfcheck import checkbox_states, field_values
from legal_docs.answers import validate_answers
from legal_docs.forms import fill_form, get_form

P1, P2, P5, P6 = (f"DV-160[0].Page{n}[0]." for n in (1, 2, 5, 6))


def _plan(data: dict[str, Any], tmp_path: Path):  # type: ignore[no-untyped-def]
    spec, model = validate_answers(data, base_dir=tmp_path)
    (plan,) = spec.planner(model)
    return plan


def _minor(**protected: Any) -> dict[str, Any]:
    data = example_data("protective-order", "dvro")
    data["protected"]["date_of_birth"] = "2010-01-01"
    data["protected"].update(protected)
    return data


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    plan = _plan(_minor(), tmp_path)
    doc = next(d for d in plan.documents if d.key == "dv-160")
    assert (doc.form, doc.serve, doc.in_packet) == ("DV-160", True, True)
    result = fill_form("DV-160", doc.context["form_answers"], out=tmp_path / "dv160.pdf", instance="dv160")
    assert (result.revision, result.pages, result.attachment_pages) == ("2020-09-01", 6, 0)
    return result.path


def _states(path: Path) -> dict[str, str]:
    return checkbox_states(path, prefix="dv160.")


def test_items_1_to_3_and_the_signature_read_back(filled: Path) -> None:
    values = {k.removeprefix("dv160."): v for k, v in field_values(filled).items()}
    expected = {
        P1 + "Caption_sf[0].CourtInfo_ft[0]": "Alameda\nHayward Hall of Justice\n24405 Amador Street, Hayward, CA 94544",
        P1 + "ProtectedFullName_ft[5]": "Kiara Monique Bell",  # 1a
        P1 + "ProtectedFullName_ft[6]": "Trevon Lamar Hayes",  # 1b
        P1 + "ProtectedFullName_ft[0]": "Kiara Monique Bell",  # 2a
        P2 + "TextField3[0]": "510 Example Street, Suite 200",  # 3: counsel's address
        P2 + "TextField3[1]": "Oakland", P2 + "TextField3[2]": "CA", P2 + "TextField3[3]": "94612",
        P2 + "TextField3[4]": "(510) 555-0150", P2 + "TextField3[5]": "hpark@example.org",
        P2 + "TextField3[7]": "Helen Park", P2 + "TextField3[8]": "301234",
        P6 + "SigDate[0]": "11/20/2026", P6 + "T14[0]": "Kiara Monique Bell", P6 + "LawyerSignature_dt[0]": "11/20/2026",
    }
    for name, value in expected.items():
        assert values[name] == value, name
    # the request's choices are the attorney's and the client's: never filled
    for name in (P2 + "TextField[0]", "DV-160[0].Page4[0].OtherProtectedReasons_ft[0]", P5 + "TextField[0]",
                 P6 + "PagesAttached_no[0]", P1 + "ProtectedFullName_ft[1]"):
        assert values.get(name) in (None, ""), name


def test_only_the_minor_box_is_ticked(filled: Path) -> None:
    states = _states(filled)
    assert states[P1 + "ProtectedDescription[0]"] == "/1"  # 2b(1) the minor requesting
    off = [P1 + "ProtectedDescription[1]", P1 + "parent[0]", P1 + "parent[1]", P2 + "OtherProtectedText_OF_cb1[0]",
           P2 + "OtherProtectedText_OF_cb1[1]", "DV-160[0].Page3[0].OtherProtectedText_OF_cb[0]",
           P5 + "OtherOrders_cb[0]", P5 + "ConfMinorsName_cb[0]", P5 + "OtherProtectedText_OF_cb4[1]"]
    for name in off:
        assert states.get(name, "/Off") == "/Off", name


def test_page_one_renders(filled: Path, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(filled), str(tmp_path / "p")], check=True)
    assert list(tmp_path.glob("p*.png"))
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(filled), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Kiara Monique Bell" in text and "Trevon Lamar Hayes" in text


def test_not_made_for_an_adult_and_a_guardians_request_is_left_to_the_attorney(tmp_path: Path) -> None:
    adult = _plan(example_data("protective-order", "dvro"), tmp_path)
    assert "dv-160" not in {d.key for d in adult.documents}
    assert adult.facts["form_answers"]["protective-order"]["minor_request"] is None
    guarded = _plan(_minor(guardian={"name": "Dana Bell", "relationship": "mother"}), tmp_path)
    request = guarded.facts["form_answers"]["protective-order"]["minor_request"]
    assert request == {"requester_name": "", "by_minor": False}
    assert get_form("DV-160").serve is True
