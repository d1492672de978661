"""CH-100 Request for Civil Harassment Restraining Orders (form_templates/forms/ch-100.yaml, Jan 1,
2026), filled from the civil-harassment sample's form answers and read back field by field."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import example_data
from pdfcheck import checkbox_states, field_values
from legal_docs.answers import validate_answers
from legal_docs.forms import fill_form, get_form

P1, P2, P3, P4, P5, P7 = (f"CH-100[0].Page{n}[0]." for n in (1, 2, 3, 4, 5, 7))
S7 = P3 + "List7ab[0].Sublist7a[0].LIST1[0]."
SA = P4 + "List9[0].Li9a[0].Sublista[0]."


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("ch100")
    spec, model = validate_answers(example_data("protective-order", "civil-harassment"), base_dir=base)
    (plan,) = spec.planner(model)
    answers = plan.facts["form_answers"]["protective-order"]
    result = fill_form("CH-100", answers, out=base / "ch100.pdf", instance="ch100")
    assert (result.revision, result.pages, result.attachment_pages) == ("2026-01-01", 7, 0)
    return result.path


def _values(path: Path) -> dict[str, object]:
    return {k.removeprefix("ch100."): v for k, v in field_values(path).items()}


def _states(path: Path) -> dict[str, str]:
    return checkbox_states(path, prefix="ch100.")


def test_the_map_covers_what_the_person_asking_completes() -> None:
    spec = get_form("CH-100")
    assert spec.serve and spec.answers == "protective-order" and "items 1-4" in spec.covers


def test_text_reads_back(filled: Path) -> None:
    values = _values(filled)
    expected = {
        P1 + "captionRight[0].County[0].CourtInfo[0]": "San Diego",
        P1 + "List1[0].Li1a[0].ProtectedFullName[0]": "Ana Lucía Ferreira",
        P1 + "List1[0].Li1a[0].ProtectedAge[0]": "16",
        P1 + "List1[0].Li1a[0].ProtectedLawyerName[0]": "Miguel Santos",
        P1 + "List1[0].Li1a[0].ProtectedLawyerBar_no[0]": "276543",
        P1 + "List1[0].Li1a[0].ProtectedLawyerFirm[0]": "Example Youth Law Project",
        P1 + "List1[0].Li1b[0].ProtectedStreet[0]": "1100 Example Avenue, Suite 300",  # counsel's, as 1b says
        P1 + "List1[0].Li1b[0].ProtectedCity[0]": "San Diego",
        P1 + "List1[0].Li1b[0].ProtectedZip[0]": "92101",
        P1 + "List1[0].Li1b[0].ProtectedPhone[0]": "(619) 555-0111",
        P1 + "List1[0].Li1b[0].ProtectedEmail[0]": "msantos@example.org",
        P1 + "List2[0].Item2[0].RestrainedFullName[0]": "Victor Manuel Salas",
        P1 + "List2[0].Item2[0].RestrainedAge[0]": "about 40",  # drawn a little smaller to fit its box
        P1 + "List3[0].Li3a[0].OtherProtectedName1[0]": "Beatriz Ferreira",  # the mother he threatened
        P1 + "List3[0].Li3a[0].OtherProtectedSex1[0]": "F",
        P1 + "List3[0].Li3a[0].OtherProtectedRelation1[0]": "mother",
        P2 + "List4[0].Item4[0].Relationship[0]": "a man who sold her for sex at a house in Chula Vista",
        P2 + "List7[0].Li7a[0].Sublist7a[0].Sublia1[0].FactsWhen[0]": "11/10/2026",
        P4 + "List9[0].Li9a[0].StayawayYards2[0]": "200",
        SA + "Subli9a9[0].StayawayOtherDesc[0]": "her mother's place of work",
        P7 + "DateSign[0].attySig[0].attySigDate[0]": "11/20/2026",
        P7 + "DateSign[0].attySig[0].LawyerName[0]": "Miguel Santos",
        P7 + "DateSign[0].PoP[0].PartySigDate[0]": "11/20/2026",
        P7 + "DateSign[0].PoP[0].PartyName[0]": "Ana Lucía Ferreira",
    }
    for name, value in expected.items():
        assert values[name] == value, name
    assert str(values[S7 + "Subitem7a3[0].FactsHarassment[0]"]).startswith("Victor Salas waited outside A.F.'s school")
    assert str(values[P3 + "List7ab[0].lib[0].FactsPriorDesc[0]"]).startswith("May 2, 2026: Victor Salas kept A.F.")
    # what the answers do not say stays blank: venue (5), the weapon and harm descriptions
    for name in (P2 + "List5[0].Li5d[0].VenueOthSpecify[0]", S7 + "Subitem7a4[0].FactsWeaponDesc[0]",
                 S7 + "Subitem7a5[0].FactsHarmDesc[0]", P1 + "List1[0].Li1b[0].ProtectedFax[0]",
                 P7 + "List17[0].PagesAttached_no[0]"):  # nothing attached: blank, not "0"
        assert values.get(name) in (None, ""), name
    assert str(values[P1 + "List3[0].Li3b[0].OtherProtectedReasons[0]"]).startswith("Victor Salas told A.F.")


def test_checkboxes_show_their_own_on_states(filled: Path) -> None:
    states = _states(filled)
    on = {
        P1 + "List3[0].Li3a[0].OtherProtecte[0]": "/1",  # 3a yes: her mother
        P1 + "List3[0].Li3a[0].OtherProtectedCohabit1[0]": "/1",  # lives with her
        P2 + "List6[0].Li6a[0].CaseOther[1]": "/2",  # 6a no
        P2 + "List6[0].Li6b[0].OtherCaseOrder[1]": "/1",  # 6b no (its first box)
        S7 + "Subitema6[0].FactsPolice[0]": "/1",  # police came: yes
        P3 + "List7ab[0].lib[0].FactsPrior[0]": "/1",  # 7b yes: there are other incidents
        P4 + "List8[0].Conduct[0]": "/1", P4 + "List8[0].Li8a[0].ConductHarass[0]": "/1",
        P4 + "List8[0].Li8b[0].ConductContact[0]": "/1",
        P4 + "List9[0].Stayaway[0]": "/1", SA + "Subli9a1[0].StayawayMe[0]": "/1",
        SA + "Subli9a3[0].StayawayHome[0]": "/1", SA + "Subli9a5[0].StayawaySchool[0]": "/1",
        SA + "Subli9a9[0].StayawayOther[0]": "/1",
        P4 + "List10[0].Lib[0].YesNo9abc_cb[0]": "/5",  # firearms: no
        P5 + "List11[0].TRO[0]": "/1",
    }
    for name, state in on.items():
        assert states[name] == state, name
    off = [P1 + "List3[0].Li3a[0].OtherProtecte[1]", P1 + "List3[0].Li3a[0].OtherProtectedTable_OF[0]",
           P1 + "List3[0].Li3b[0].OtherProtectedText_OF[0]", S7 + "Subitem7a3[0].FactsHarassment_OF[0]",
           S7 + "Subitem7a5[0].FactsHarm[0]", S7 + "Subitem7a5[0].FactsHarm[1]",  # harm: not answered
           P2 + "List6[0].Li6b[0].OtherCaseOrder[0]",
           S7 + "Subitem7a4[0].FactsWeapon[0]", S7 + "Subitem7a4[0].FactsWeapon[1]",  # weapon: not answered
           S7 + "Subitema6[0].FactsPolice[1]", P3 + "List7ab[0].lib[0].FactsPrior[1]",
           SA + "Subli9a4[0].StayawayJob[0]", SA + "Subli9a8[0].StayawayVehicle[0]",
           P4 + "List10[0].Lia[0].YesNo9abc_cb[0]", P4 + "List10[0].Lic[0].YesNo9abc_cb[0]",
           P2 + "List5[0].Li5a[0].VenueResidence[0]", "CH-100[0].Page6[0].List13[0].NoFee[0]"]
    for name in off:
        assert states.get(name, "/Off") == "/Off", name


def test_page_one_renders(filled: Path, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(filled), str(tmp_path / "p")], check=True)
    assert list(tmp_path.glob("p*.png"))
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(filled), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Ana Lucía Ferreira" in text and "Victor Manuel Salas" in text and "Miguel Santos" in text


def test_item_7a_says_how_often_and_on_which_other_dates(tmp_path: Path) -> None:
    """CH-100 has no item for how often the last harassment happened: item 7a(3) says it after the
    account, as the client answered it (nothing is added when the answers do not say)."""
    data = example_data("protective-order", "civil-harassment")
    first = data["incidents"][0]
    first["how_often"] = "weekly"
    first["other_dates"] = "every Friday in October 2026"
    spec, model = validate_answers(data, base_dir=tmp_path)
    (plan,) = spec.planner(model)
    result = fill_form("CH-100", plan.facts["form_answers"]["protective-order"], out=tmp_path / "c.pdf",
                       instance="ch100")
    text = " ".join(str(_values(result.path)[S7 + "Subitem7a3[0].FactsHarassment[0]"]).split())
    if text.startswith("See Attachment"):  # a long account continues on the page the form names
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(result.path).pages[7:]).split())
    assert "This happened weekly. Other dates: every Friday in October 2026." in text
    sample = spec.planner(validate_answers(example_data("protective-order", "civil-harassment"),
                                           base_dir=tmp_path)[1])[0]
    said = sample.facts["form_answers"]["protective-order"]["abuse"]["incidents"][0]
    assert said["details_with_frequency"] == said["details"]  # the sample says neither
