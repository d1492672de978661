"""CH-109 Notice of Court Hearing, CH-110 Temporary Restraining Order, CH-130 Restraining Order After
Hearing and CH-200 Proof of Personal Service (civil harassment, Jan 1, 2026): only the items the
person asking (or the server) completes, read back field by field; the court's fields stay empty."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import example_data
from pdfcheck import checkbox_states, field_values
from legal_docs.answers import validate_answers
from legal_docs.forms import fill_form, get_form


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("ch")
    spec, model = validate_answers(example_data("protective-order", "civil-harassment"), base_dir=base)
    (plan,) = spec.planner(model)
    fa = dict(plan.facts["form_answers"]["protective-order"])
    # a hearing and other protected persons in the answers: CH-109's hearing stays the court's
    fa["hearing"] = {"date": "12/10/2026", "time": "8:30", "ampm": "am", "department": "12"}
    fa["others"] = [{"name": "Rosa Ferreira", "sex": "female", "sex_letter": "F", "age": "41",
                     "relationship": "Mother", "lives_with_you": "yes"}]
    return fa


def _fill(form: str, answers: dict, tmp_path: Path) -> tuple[Path, dict, dict]:
    path = fill_form(form, answers, out=tmp_path / f"{form}.pdf", instance="x").path
    values = {k.removeprefix("x."): v for k, v in field_values(path).items()}
    states = checkbox_states(path, prefix="x.")
    return path, values, states


def _court_fields_empty(form: str, values: dict) -> None:
    (rev,) = get_form(form).revisions
    written = [n for n, v in values.items() if v not in (None, "", "/Off") and rev.is_court_field(n)]
    assert written == []
    assert any(rev.is_court_field(n) for n in values)  # the court's fields are there, and blank


def test_ch109_items_1_and_2(answers: dict, tmp_path: Path) -> None:
    path, values, states = _fill("CH-109", answers, tmp_path)
    p = "CH-109[0].Page1[0]."
    expected = {
        p + "rightCaption[0].Court[0].courtInfo[0]": "San Diego",
        p + "Item1[0].Lia[0].petitionerName[0]": "Ana Lucía Ferreira",
        p + "Item1[0].Lia[0].protectedLawyerName[0]": "Miguel Santos",
        p + "Item1[0].Lia[0].protectedLawyerBar[0]": "276543",
        p + "Item1[0].Lib[0].protectedStreet[0]": "1100 Example Avenue, Suite 300",
        p + "Item1[0].Lib[0].protectedEmail[0]": "msantos@example.org",
        p + "Item2[0].List2[0].restFullName[0]": "Victor Manuel Salas",
    }
    for name, value in expected.items():
        assert values[name] == value, name
    assert values.get(p + "Item3[0].List3[0].hearingDate[0]") in (None, "")  # the court's, though answered
    assert states.get("CH-109[0].Page2[0].Item5[0].Lia[0].confidential[0]", "/Off") == "/Off"
    _court_fields_empty("CH-109", values)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    assert list(tmp_path.glob("p*.png"))


def test_ch110_items_1_to_3(answers: dict, tmp_path: Path) -> None:
    _path, values, states = _fill("CH-110", answers, tmp_path)
    p = "CH-110[0].Page1[0]."
    i = p + "List2[0].Information[0]."
    row = p + "List3[0].protTbl[0].Protected[0].Protected1[0]."
    expected = {
        p + "List1[0].Li1a[0].ProtectedFullName[0]": "Ana Lucía Ferreira",
        p + "List1[0].Li1a[0].ProtectedLawyerBarNo[0]": "276543",
        p + "List1[0].Li1b[0].ProtectedStreet[0]": "1100 Example Avenue, Suite 300",
        i + "RestrainedFullName[0]": "Victor Manuel Salas",
        i + "RestrainedRace[0]": "Hispanic",
        i + "RestrainedRelation[0]": "a man who sold her for sex at a house in Chula Vista",
        row + "OtherProtectedName1[0]": "Rosa Ferreira", row + "OtherProtectedSex1[0]": "F",
        row + "OtherProtectedAge1_no[0]": "41", row + "OtherProtectedRelation1[0]": "Mother",
    }
    for name, value in expected.items():
        assert values[name] == value, name
    assert states[i + "RestrainedSex_cb[0]"] == "/1"  # male
    assert states[p + "List3[0].OtherProtected_cb[0]"] == "/1"
    assert states[row + "HouseholdM1[0]"] == "/1" and states[row + "HouseholdM1[1]"] == "/Off"
    assert states[i + "RestrainedSex_cb[1]"] == "/Off" and states[i + "RestrainedSex_cb[2]"] == "/Off"
    assert values.get(p + "List4[0].li4[0].ExpirationDate[0]") in (None, "")
    _court_fields_empty("CH-110", values)


def test_ch130_items_1_to_3_for_the_hearing(answers: dict, tmp_path: Path) -> None:
    """CH-130: "Person in 1 must complete 1, 2, and 3 only"; the judge completes the rest."""
    path, values, states = _fill("CH-130", answers, tmp_path)
    p = "CH-130[0].Page1[0]."
    row = p + "List3[0].Item3[0].Table3[0].Tableitem1[0]."
    expected = {
        p + "rightCaption[0].courtInfo[0]": "San Diego",
        p + "List1[0].LiA[0].ProtectedFullName[0]": "Ana Lucía Ferreira",
        p + "List1[0].LiA[0].ProtectedLawyerBar[0]": "276543",
        p + "List1[0].LiB[0].ProtectedStreet[0]": "1100 Example Avenue, Suite 300",
        p + "List2[0].Table[0].RestrainedFullName[0]": "Victor Manuel Salas",
        p + "List2[0].Table[0].RestrainedRace[0]": "Hispanic",
        row + "OtherProtectedName1[0]": "Rosa Ferreira", row + "OtherProtectedSex1[0]": "F",
        row + "OtherProtectedAge1[0]": "41", row + "OtherProtectedRelation1[0]": "Mother",
    }
    for name, value in expected.items():
        assert values[name] == value, name
    assert states[p + "List2[0].Table[0].RestrainedSex_cb[0]"] == "/1"
    assert states[p + "List3[0].addlProtectedHeader[0]"] == "/1"
    assert states[row + "OtherProtectedCohabit1_cb[0]"] == "/1"
    assert values.get("CH-130[0].Page2[0].List5[0].LiA[0].HearingDate[0]") in (None, "")  # the court's
    _court_fields_empty("CH-130", values)
    assert get_form("CH-130").serve


def test_ch200_for_the_server(answers: dict, tmp_path: Path) -> None:
    fa = dict(answers, server={"name": "Sam Server", "address": "9 Oak St", "city": "San Diego", "state": "CA",
                               "zip": "92101", "phone": "(619) 555-0100"})
    _path, values, states = _fill("CH-200", fa, tmp_path)
    p = "CH-200[0].Page1[0]."
    expected = {
        p + "List1[0].item1[0].ProtectedFullName_ft[0]": "Ana Lucía Ferreira",
        p + "List2[0].item2[0].RestrainedFullName_ft[0]": "Victor Manuel Salas",
        p + "List6[0].Item6[0].ServerName_ft11[0]": "Sam Server",
        p + "List6[0].Item6[0].ServerStreet_ft[0]": "9 Oak St",
        p + "List6[0].Item6[0].ServerTelephone_ft[0]": "(619) 555-0100",
        p + "List6[0].Item6[0].ServerName_ft12[0]": "Sam Server",
    }
    for name, value in expected.items():
        assert values[name] == value, name
    on = [p + "List4[0].Lia[0].FormServed109_cb[0]", p + "List4[0].Lic[0].FormServed100_cb[0]"]
    assert [states[n] for n in on] == ["/1", "/1"]
    # CH-110 only once the court has issued it; the server ticks what was handed over blank
    for name in (p + "List4[0].Lib[0].FormServed110_cb[0]", p + "List4[0].Lid[0].FormServed120_cb[0]",
                 p + "List4[0].Lif[0].FormServed130_cb[0]"):
        assert states.get(name, "/Off") == "/Off", name  # the server ticks what was handed over blank
    assert values.get(p + "List5[0].Lia[0].ServiceDate_dt[0]") in (None, "")  # known only after service


def test_ch160_for_a_minor_asking_herself(tmp_path: Path) -> None:
    data = example_data("protective-order", "civil-harassment")
    data["protected"].pop("guardian", None)  # the minor asks herself (CH-160 item 2b(1))
    spec, model = validate_answers(data, base_dir=tmp_path)
    (plan,) = spec.planner(model)
    fa = plan.facts["form_answers"]["protective-order"]
    assert fa["minor_request"] == {"requester_name": "Ana Lucía Ferreira", "by_minor": True}
    path, values, states = _fill("CH-160", fa, tmp_path)
    p = "CH-160[0].Page1[0]."
    expected = {
        p + "Caption_sf[0].CourtInfo_ft[0]": "San Diego",
        p + "ProtectedFullName_ft[0]": "Ana Lucía Ferreira", p + "RestrainedFullName_ft[0]": "Victor Manuel Salas",
        p + "RequestFullName_ft[0]": "Ana Lucía Ferreira",
        "CH-160[0].Page2[0].TextField3[0]": "1100 Example Avenue, Suite 300",
        "CH-160[0].Page2[0].TextField3[7]": "Miguel Santos", "CH-160[0].Page2[0].NumericField1[0]": "276543",
        "CH-160[0].Page6[0].T14[0]": "Ana Lucía Ferreira", "CH-160[0].Page6[0].SigDate[0]": "11/20/2026",
    }
    for name, value in expected.items():
        assert values[name] == value, name
    assert states[p + "IAmMinor_cb[0]"] == "/1"
    for name in (p + "IAmMinor_cb[1]", p + "IamGuardian_cb[0]", "CH-160[0].Page2[0].MinorName_cb[0]",
                 "CH-160[0].Page5[0].OtherOrders_cb[0]", "CH-160[0].Page5[0].Cancel_rb[1]"):
        assert states.get(name, "/Off") == "/Off", name  # the request's choices are the client's
    # with a guardian ad litem, item 2 is left for the attorney (the form offers parent or legal guardian)
    spec, model = validate_answers(example_data("protective-order", "civil-harassment"), base_dir=tmp_path)
    (plan,) = spec.planner(model)
    assert plan.facts["form_answers"]["protective-order"]["minor_request"] == {"requester_name": "", "by_minor": False}
