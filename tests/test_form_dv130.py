"""DV-130 Restraining Order After Hearing filled from its field map (form_templates/forms/dv-130.yaml),
at both revisions the map has: Jan 1, 2026 (shipped, filled when no forms folder says otherwise) and
Apr 28, 2025 (filled from a forms folder holding dv130.pdf). The two put the same items in the same
places under other field names; the expectations below are written with the 2025 names and renamed
for 2026 (``renamed``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from helpers import FORMS
from pdfcheck import checkbox_states, field_values
from legal_docs.forms import fill_form, get_form

P1 = "DV-130[0].Page1[0]."
P2 = "DV-130[0].Page2[0]."
ITEM2 = P1 + "List2[0].Item2[0]."
ROWS = P1 + "List3[0].Item3[0].ProtectedPersons[0]."
ITEM4 = P1 + "List4[0].Item4[0]."
ATTENDED = P2 + "List6[0].Lib[0].HearingAttendees[0]."

ANSWERS: dict[str, Any] = {
    "case": {"number": "25FL001234"},
    "court": {"address_block": "Los Angeles\n111 N. Hill Street\nLos Angeles, CA 90012"},
    "original_order": True,
    "protected": {"name": "Jane Roe"},
    "lawyer": {"name": "Ana Counsel"},
    "restrained": {"name": "John Doe", "sex": "nonbinary", "race": "White", "age": 24, "dob": "01/02/2001",
                   "height": "6'0\"", "weight": "180", "hair": "Brown", "eyes": "Blue",
                   "relationship": "Former dating partner", "address": "12 Elm Street", "city": "Pasadena",
                   "state": "CA", "zip": "91101"},
    "others": [
        {"name": "Mia Roe", "relationship": "Daughter", "age": "6"},
        {"name": "Leo Roe", "relationship": "Son", "age": "4"},
        {"name": "Rosa Roe", "relationship": "Mother", "age": "61"},
        {"name": "Tom Roe", "relationship": "Brother", "age": "19"},
        {"name": "Ivy Roe", "relationship": "Sister", "age": "15"},
    ],
    # the fifth person, on the separate page the form's box asks for ("DV-130, Other Protected People")
    "others_more": "Ivy Roe; age 15; Sister",
    "hearing": {"date": "04/15/2025", "time": "8:30", "ampm": "am", "department": "2", "room": "210",
                "judge": "Hon. Maria Lopez"},
    "order_after_hearing": {
        "expires": "04/15/2030", "expires_time": "5:00", "expires_ampm": "pm",
        "attended": {"protected": True, "lawyer": True, "restrained": True, "restrained_lawyer": False},
    },
}

CASE_NUMBERS = [P1 + "RightCaption[0].CSN[0].CaseNumber_ft[0]", "DV-130[0].Page4[0].CaseNumber_ft[0]",
                "DV-130[0].Page11[0].CaseNumber_ft[0]"] + [
    f"DV-130[0].Page{n}[0].PxCaption[0].CaseNumber_ft[0]" for n in (2, 3, 5, 6, 7, 8, 9, 10)]

TEXTS: dict[str, str] = {
    **{name: "25FL001234" for name in CASE_NUMBERS},
    P1 + "RightCaption[0].CRT[0].CourtInfo_ft[0]": "Los Angeles\n111 N. Hill Street\nLos Angeles, CA 90012",
    P1 + "List1[0].Item1[0].TextFielditem1[0]": "Jane Roe",
    ITEM2 + "ParentRel[0]": "John Doe",
    ITEM2 + "race[0]": "White",
    ITEM2 + "age[0]": "24",
    ITEM2 + "dob[0]": "01/02/2001",
    ITEM2 + "TF2[0]": "6'0\"",
    ITEM2 + "TF3[0]": "180",
    ITEM2 + "TF4[0]": "Brown",
    ITEM2 + "TF5[0]": "Blue",
    ITEM2 + "TF8[0]": "Former dating partner",
    ITEM2 + "TF9[0]": "12 Elm Street",
    ITEM2 + "TF10[0]": "Pasadena",
    ITEM2 + "TF11[0]": "CA",
    ITEM2 + "TF12[0]": "91101",
    ROWS + "Row1[0].AdditionalProtectedPerson1_ft[0]": "Mia Roe",
    ROWS + "Row1[0].RelationshipToProtectedPerson_ft1[0]": "Daughter",
    ROWS + "Row1[0].Age_no1[0]": "6",
    ROWS + "Row2[0].AdditionalProtectedPerson2_ft[0]": "Leo Roe",
    ROWS + "Row2[0].RelationshipToProtectedPerson_ft2[0]": "Son",
    ROWS + "Row2[0].Age_no2[0]": "4",
    ROWS + "Row3[0].AdditionalProtectedPerson3_ft[0]": "Rosa Roe",
    ROWS + "Row3[0].RelationshipToProtectedPerson_ft3[0]": "Mother",
    ROWS + "Row3[0].Age_no3[0]": "61",
    ROWS + "Row4[0].AdditionalProtectedPerson4_ft[0]": "Tom Roe",
    ROWS + "Row4[0].RelationshipToProtectedPerson_ft4[0]": "Brother",
    ROWS + "Row4[0].Age_no4[0]": "19",
    ITEM4 + "ExpirationDate_dt[0]": "04/15/2030",
    ITEM4 + "TimeExpires_ft[0]": "5:00",
    P2 + "List6[0].Lia[0].HearingDate_dt[0]": "04/15/2025",
    P2 + "List6[0].Lia[0].NameOfJudicialOfficer_ft[0]": "Hon. Maria Lopez",
    ATTENDED + "Lawyer1[0].T150[0]": "Ana Counsel",
}

# box -> the on-state it must show
ON: dict[str, str] = {
    P1 + "TopOrder_cb[0]": "/11",  # Original Order
    ITEM2 + "gender_cb[2]": "/21",  # nonbinary
    P1 + "List3[0].Item3[0].FieldName_cb[0]": "/1",  # other protected people
    P1 + "List3[0].Item3[0].AGHagueCert_cb[0]": "/1",  # more people on a separate page
    ITEM4 + "time4_cb[1]": "/2",  # p.m.
    ATTENDED + "Person1[0].FieldName_cb1[0]": "/1",
    ATTENDED + "Lawyer1[0].FieldName_cb2[0]": "/1",
    ATTENDED + "Person2[0].FieldName_cb3[0]": "/1",
}

OFF = [
    P1 + "TopOrder_cb[1]",  # Amended Order
    ITEM2 + "gender_cb[0]", ITEM2 + "gender_cb[1]",
    ITEM4 + "time4_cb[0]", ITEM4 + "time4_cb[2]",  # a.m., midnight
    ATTENDED + "Lawyer2[0].FieldName_cb[0]",
    P2 + "List5[0].Item5[0].FieldName_cb[0]",  # 5 future court hearing: the judge's
    "DV-130[0].Page9[0].List32[0].Li32a[0].item30abc[0]",  # 32a service: the judge's
]

# the judge's and the clerk's fields stay empty whatever the answers hold
EMPTY = [
    P1 + "AmendOrder_tf[0]",
    P1 + "List1[0].Item1[0].TextFielditem1Cont[0]",
    P2 + "List5[0].Item5[0].Time_ft1[0]",  # 5 date
    P2 + "List5[0].Item5[0].Time_ft2[0]",  # 5 department
    P2 + "List5[0].Item5[0].TextField[0]",  # 5 room
    ATTENDED + "Lawyer2[0].T155[0]",
    "DV-130[0].Page9[0].SignatureSub[0].SigDate[0]",
    "DV-130[0].Page11[0].ClerkCert[0].ClerkName_ft[0]",
]



# 2025 name -> 2026 name, by the part that changed (longest first)
RENAMES_2026 = [
    (P1 + "RightCaption[0].CRT[0].CourtInfo_ft[0]", P1 + "CourtInfo_ft[0]"),
    (P1 + "RightCaption[0].CSN[0].CaseNumber_ft[0]", P1 + "CaseNumber_ft[0]"),
    *[(f"DV-130[0].Page{n}[0].PxCaption[0].CaseNumber_ft[0]", f"DV-130[0].Page{n}[0].Caption[0].CaseNumber_ft[0]")
      for n in (2, 5, 6, 7, 9, 10)],
    *[(f"DV-130[0].Page{n}[0].PxCaption[0].CaseNumber_ft[0]", f"DV-130[0].Page{n}[0].CaseNumber_ft[0]")
      for n in (3, 8)],
    ("DV-130[0].Page11[0].CaseNumber_ft[0]", "DV-130[0].page11[0].CaseNumber_ft[0]"),
    ("DV-130[0].Page11[0].ClerkCert[0].", "DV-130[0].page11[0].ClerkSub[0]."),
    (".List3[0].Item3[0].ProtectedPersons[0].Row1[0].", ".List3[0].Li1[0]."),
    (".List3[0].Item3[0].ProtectedPersons[0].Row2[0].", ".List3[0].Li1[0]."),
    (".List3[0].Item3[0].ProtectedPersons[0].Row3[0].", ".List3[0].Li1[0]."),
    (".List3[0].Item3[0].ProtectedPersons[0].Row4[0].", ".List3[0].Li1[0]."),
    (".List6[0].Lib[0].HearingAttendees[0].Lawyer1[0].", ".List6[0].Li2[0]."),
    (".List6[0].Lib[0].HearingAttendees[0].Lawyer2[0].", ".List6[0].Li2[0]."),
    (".List6[0].Lib[0].HearingAttendees[0].Person1[0].", ".List6[0].Li2[0]."),
    (".List6[0].Lib[0].HearingAttendees[0].Person2[0].", ".List6[0].Li2[0]."),
    (".List1[0].Item1[0].", ".List1[0].Li1[0]."), (".List2[0].Item2[0].", ".List2[0].Li1[0]."),
    (".List3[0].Item3[0].", ".List3[0].Li1[0]."), (".List4[0].Item4[0].", ".List4[0].Li1[0]."),
    (".List5[0].Item5[0].", ".List5[0].Li1[0]."), (".List6[0].Lia[0].", ".List6[0].Li1[0]."),
    (".List32[0].Li32a[0].", ".List32[0].Li1[0]."),
]
REVISIONS = ["2026-01-01", "2025-04-28"]


def renamed(name: str, revision: str) -> str:
    if revision == "2025-04-28":
        return name
    for old, new in RENAMES_2026:
        if old in name:
            return name.replace(old, new)
    return name


@pytest.fixture(scope="module", params=REVISIONS)
def revision(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _folder(revision: str, base: Path) -> Path | None:
    """No folder for the current revision (the shipped copy); a forms folder holding the Apr 28,
    2025 PDF for the older one, as a user keeping a case on it would have."""
    if revision == "2026-01-01":
        return None
    folder = base / "forms-2025"
    folder.mkdir(exist_ok=True)
    (folder / "dv130.pdf").write_bytes((FORMS / "dv130.pdf").read_bytes())
    return folder


@pytest.fixture(scope="module")
def filled(revision: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp(f"dv130-{revision}")
    result = fill_form("DV-130", ANSWERS, out=base / "dv130.pdf", folder=_folder(revision, base))
    assert (result.form_id, result.revision, result.pages, result.attachment_pages) == ("DV-130", revision, 12, 1)
    attached = " ".join(PdfReader(result.path).pages[11].extract_text().split())
    assert "DV-130, Other Protected People Ivy Roe; age 15; Sister" in attached
    return result.path


def _values(path: Path) -> dict[str, Any]:
    top = "DV-130."  # every field sits under one parent named after the form instance
    return {name.removeprefix(top): v for name, v in field_values(path).items()}


def _appearance_states(path: Path) -> dict[str, str]:
    """Each widget's /AS by its qualified name without the top name (what a viewer draws)."""
    return checkbox_states(path, prefix="DV-130.")


def test_the_map_is_served_and_says_what_it_covers() -> None:
    spec = get_form("DV-130")
    assert spec.serve is True and spec.covers
    assert [r.revision for r in spec.revisions] == REVISIONS  # the current one first: filled by default
    names = {rev.revision: {e.field for e in rev.entries} for rev in spec.revisions}
    assert {renamed(n, "2026-01-01") for n in names["2025-04-28"]} == names["2026-01-01"]


def test_no_xfa_no_usage_rights(filled: Path) -> None:
    root = PdfReader(filled).trailer["/Root"]
    assert "/Perms" not in root
    assert "/XFA" not in root["/AcroForm"]
    # our appearances are the ones shown (text on the form's rules): no viewer regenerates them
    assert root["/AcroForm"].get("/NeedAppearances") in (None, False)


def test_every_text_value_reads_back(filled: Path, revision: str) -> None:
    values = _values(filled)
    for name, value in TEXTS.items():
        assert values[renamed(name, revision)] == value, name
    for name in EMPTY:
        assert renamed(name, revision) in values, name  # a real field of this revision
        assert values.get(renamed(name, revision)) in (None, ""), name


def test_checkboxes_show_their_own_on_states(filled: Path, revision: str) -> None:
    values = _values(filled)
    drawn = _appearance_states(filled)
    for name, state in ON.items():
        assert values[renamed(name, revision)] == state, name
        assert drawn[renamed(name, revision)] == state, name
    for name in OFF:
        assert values.get(renamed(name, revision)) in (None, "/Off"), name
        assert drawn[renamed(name, revision)] == "/Off", name


@pytest.mark.parametrize(("ampm", "box"), [("am", "time4_cb[0]"), ("midnight", "time4_cb[2]")])
def test_expiration_am_or_midnight_ticks_only_its_box(ampm: str, box: str, revision: str, tmp_path: Path) -> None:
    answers = {**ANSWERS, "order_after_hearing": {**ANSWERS["order_after_hearing"], "expires_ampm": ampm}}
    filled = fill_form("DV-130", answers, out=tmp_path / "f.pdf", folder=_folder(revision, tmp_path))
    drawn = _appearance_states(filled.path)
    states = {b: drawn[renamed(ITEM4 + b, revision)] for b in ("time4_cb[0]", "time4_cb[1]", "time4_cb[2]")}
    expected = {"time4_cb[0]": "/5", "time4_cb[1]": "/2", "time4_cb[2]": "/3"}
    assert states == {b: (expected[b] if b == box else "/Off") for b in states}


def test_an_amended_order_ticks_amended_and_says_how_many_times(revision: str, tmp_path: Path) -> None:
    answers = {**ANSWERS, "original_order": False,
               "order_after_hearing": {**ANSWERS["order_after_hearing"], "amended": True, "amended_times": "1"}}
    path = fill_form("DV-130", answers, out=tmp_path / "f.pdf", folder=_folder(revision, tmp_path)).path
    drawn = _appearance_states(path)
    assert (drawn[P1 + "TopOrder_cb[0]"], drawn[P1 + "TopOrder_cb[1]"]) == ("/Off", "/1")
    assert _values(path)[P1 + "AmendOrder_tf[0]"] == "1"


def test_page_one_renders_with_the_names(filled: Path, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(filled), str(tmp_path / "p")],
                   check=True)
    assert list(tmp_path.glob("p*.png"))
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "2", "-layout", str(filled), "-"],
                          capture_output=True, text=True, check=True).stdout
    for words in ("Jane Roe", "John Doe", "25FL001234", "04/15/2030", "Hon. Maria Lopez", "Ana Counsel"):
        assert words in text, words
