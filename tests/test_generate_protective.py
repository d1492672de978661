"""The protective-order packets end to end (LibreOffice, and the official forms shipped in
the package): the files of each route, the same
pleading-paper checks as the vacatur packet, the official forms read back from the packet's own
PDFs, what is served and what is not, and a 5,000-character narrative on each route."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from helpers import docx_text, example_data
from legal_docs.forms import SEE_ATTACHMENT, fill_form
from legal_docs.pipeline import generate
from pdfcheck import court_ready_problems, page_text

pytestmark = pytest.mark.libreoffice

KIND = "protective-order"
LEGEND = "CONFIDENTIAL: juvenile case record (Welf. & Inst. Code, § 827)"
COUNTY = {"juvenile": "los-angeles", "dvro": "alameda", "civil-harassment": "san-diego"}
PLEADINGS = ["01-declaration", "03-proposed-order-after-hearing"]
DV_FORMS = ["01-dv-100", "02-dv-101", "03-dv-109", "04-dv-110", "clets-001-confidential", "05-dv-200"]
# the civil harassment sample: a minor (CH-160) with a third person's declaration, a temporary order asked for
CH_FORMS = ["01-ch-100", "01b-ch-160", "02-ch-109", "03-ch-110", "clets-001-confidential", "05-ch-200",
            "ch-130-for-the-hearing"]
LETTER = {"juvenile": "letter-to-client", "dvro": "letter-to-client", "civil-harassment": "carta-al-cliente"}
NARRATIVE = ("He kept my phone and made me work every night, and he took all of the money. " * 70)[:5000]


def _make(base: Path, data: dict) -> Path:
    answers = base / "client.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    generate(answers, base / "out")
    return base / "out"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory):
    """route -> the route sample's output folder; route + "-long" -> the sample with a 5,000-character
    first incident. Made once for the module, with no forms folder (the shipped PDFs)."""
    out: dict[str, Path] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("LEGAL_DOCS_FORMS_DIR", raising=False)
        for route in COUNTY:
            data = example_data(KIND, route)
            out[route] = _make(tmp_path_factory.mktemp(route), data) / COUNTY[route]
            long = copy.deepcopy(data)
            long["incidents"][0]["details"] = NARRATIVE
            out[f"{route}-long"] = _make(tmp_path_factory.mktemp(f"{route}-long"), long) / COUNTY[route]
    return out


@pytest.mark.parametrize("route", COUNTY)
def test_each_route_makes_its_files_and_no_client_name_in_any_file_name(made, route: str) -> None:
    folder = made[route]
    names = {p.name for p in folder.iterdir()}
    papers = {"juvenile": PLEADINGS, "dvro": [], "civil-harassment": ["01-declaration"]}[route]
    forms = {"juvenile": ["02-jv-250", "clets-001-confidential"], "dvro": DV_FORMS + ["dv-130-for-the-hearing"],
             "civil-harassment": CH_FORMS}[route]
    expected = ({f"{d}.{ext}" for d in papers for ext in ("docx", "pdf")} | {f"{f}.pdf" for f in forms}
                | {f"{LETTER[route]}.docx", f"{LETTER[route]}.pdf", "packet.pdf", "service-packet.pdf",
                   "manifest.json"})
    assert names == expected
    name = example_data(KIND, route)["protected"]["name"]
    for part in name.lower().split():
        assert not [p for p in folder.parent.rglob("*") if part in p.name.lower()]


def test_the_pleading_papers_are_court_ready(made, tmp_path: Path) -> None:
    """The juvenile service packet holds the pleading papers and JV-250 (the temporary order, on the
    official form); each pleading paper is letter-size, fonts embedded, 28 numbered lines and text on
    the grid on every page, a rule 2.111 first page, and every page carries the § 827 legend."""
    service = made["juvenile"] / "service-packet.pdf"
    reader = PdfReader(str(service))
    assert [o.title for o in reader.outline] == [
        "Declaration in Support of Request for Restraining Order", "Temporary Restraining Order—Juvenile (JV-250)",
        "[Proposed] Restraining Order After Hearing"]
    for name in PLEADINGS:
        paper = _one_paper(made["juvenile"] / f"{name}.pdf", tmp_path)
        assert court_ready_problems(paper) == [], name
        for i in range(len(PdfReader(str(paper)).pages)):
            assert LEGEND in page_text(paper, i), f"{name} page {i + 1} lacks the confidentiality legend"


def _one_paper(pdf: Path, tmp_path: Path) -> Path:
    """A paper's own PDF with a bookmark on its first page, as in a packet (court_ready_problems
    finds a paper's first page by its bookmark)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(pdf))
    writer.add_outline_item(title="paper", page_number=0)
    out = tmp_path / pdf.name
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def test_the_civil_harassment_route_files_its_official_forms(made, tmp_path: Path) -> None:
    """CH-100 first, the third person's declaration after it (court-ready pleading paper), CH-160 for
    the minor, CH-109 and CH-110; CLETS-001 in neither packet; CH-130 and CH-200 beside them."""
    folder = made["civil-harassment"]
    titles = [o.title for o in PdfReader(str(folder / "packet.pdf")).outline]
    assert titles == ["Request for Civil Harassment Restraining Orders (CH-100)",
                      "Declaration in Support of Request for Restraining Order",
                      "Request to Keep Minor's Information Confidential (CH-160)",
                      "Notice of Court Hearing (CH-109)", "Temporary Restraining Order (CH-110)"]
    assert [o.title for o in PdfReader(str(folder / "service-packet.pdf")).outline] == titles
    assert court_ready_problems(_one_paper(folder / "01-declaration.pdf", tmp_path)) == []
    assert LEGEND not in page_text(folder / "01-declaration.pdf", 0)
    fields = PdfReader(str(folder / "packet.pdf")).get_fields() or {}
    restrained = "01-ch-100.CH-100[0].Page1[0].List2[0].Item2[0].RestrainedFullName[0]"
    assert fields[restrained].get("/V") == "Victor Manuel Salas"
    assert {name.split(".", 1)[0] for name in fields} == {"01-ch-100", "01b-ch-160", "02-ch-109", "03-ch-110"}
    manifest = json.loads((folder / "manifest.json").read_text())
    beside = {d["key"]: d for d in manifest["documents"] if not d.get("in_packet", True)}
    assert {"ch-130", "ch-200", "clets-001"} <= set(beside)
    assert beside["ch-130"]["form"]["revision"] == "2026-01-01"


@pytest.mark.parametrize(("route", "lines"), [
    ("juvenile", ["Attorney for M.V.", "SUPERIOR COURT OF THE STATE OF CALIFORNIA", "COUNTY OF LOS ANGELES",
                  "JUVENILE DIVISION", "In re M.V.,", "Case No. DK-34567"]),
    ("civil-harassment", ["Attorney for Petitioner A.F.", "SUPERIOR COURT OF THE STATE OF CALIFORNIA",
                          "COUNTY OF SAN DIEGO", "A.F., a minor, by and through Beatriz Ferreira", "Petitioner,",
                          "Victor Manuel Salas,", "Respondent.", "Case No. ____"]),
])
def test_caption_order(made, route: str, lines: list[str]) -> None:
    text = page_text(made[route] / "01-declaration.pdf", 0)
    where = [text.index(s) for s in lines]
    assert where == sorted(where)


@pytest.mark.parametrize("route", COUNTY)
def test_clets_is_its_own_confidential_file_in_neither_packet(made, route: str) -> None:
    folder = made[route]
    manifest = json.loads((folder / "manifest.json").read_text())
    by_key = {d["key"]: d for d in manifest["documents"]}
    clets_doc = by_key["clets-001"]
    assert clets_doc["serve"] is False and clets_doc["in_packet"] is False and clets_doc["confidential"] is True
    assert clets_doc["form"]["id"] == "CLETS-001" and (folder / clets_doc["pdf"]).is_file()
    packet = [o.title for o in PdfReader(str(folder / "packet.pdf")).outline]
    served = [o.title for o in PdfReader(str(folder / "service-packet.pdf")).outline]
    clets = "Confidential Information for Law Enforcement (CLETS-001)"
    assert clets not in packet and clets not in served
    for pdf in ("packet.pdf", "service-packet.pdf"):  # not one CLETS-001 field or page in either
        fields = PdfReader(str(folder / pdf)).get_fields() or {}
        assert not [n for n in fields if n.startswith("clets-001")], pdf
    in_packet = sum(len(PdfReader(str(folder / d["pdf"])).pages) for d in manifest["documents"] if d["in_packet"])
    assert manifest["packet"]["pages"] == in_packet
    assert served == [d["title"] for d in manifest["documents"] if d["serve"]]
    served_text = " ".join(p.extract_text() for p in PdfReader(str(folder / "service-packet.pdf")).pages)
    assert "CLETS-001" not in served_text.split("CLETS-001", 1)[0] or "Confidential Information for Law" not in served_text


def test_the_dv_service_packet_is_the_four_forms_the_restrained_person_gets(made) -> None:
    served = [o.title for o in PdfReader(str(made["dvro"] / "service-packet.pdf")).outline]
    assert served == ["Request for Domestic Violence Restraining Order (DV-100)", "Description of Abuse (DV-101)",
                      "Notice of Court Hearing (DV-109)", "Temporary Restraining Order (DV-110)"]


def _fields(pdf: Path) -> dict:
    return {name: f.get("/V") for name, f in (PdfReader(str(pdf)).get_fields() or {}).items()}


def test_dv_forms_read_back_from_the_packet_files(made) -> None:
    folder = made["dvro"]
    dv100 = _fields(folder / "01-dv-100.pdf")
    top = "01-dv-100.DV-100[0]"
    assert dv100[f"{top}.Page1[0].List1[0].Li1[0].YourName_tf[0]"] == "Kiara Monique Bell"
    assert dv100[f"{top}.Page1[0].List2[0].Li1[0].TextField[0]"] == "Trevon Lamar Hayes"
    assert dv100[f"{top}.Page1[0].List2[0].Li3[0].T78[0]"] == "01/09/2001"
    assert dv100[f"{top}.Page1[0].rightCaption[0].CourtInfo[0]"].startswith("Alameda\nHayward Hall of Justice")
    assert dv100[f"{top}.Page2[0].List3[0].Li4[0].CheckBox2[0]"] == "/1"  # dating
    assert dv100[f"{top}.Page2[0].List3[0].Li2[0].CheckBox2[0]"] in (None, "/Off")  # not married
    assert dv100[f"{top}.Page3[0].List5[0].Li1[0].dtAbs[0]"] == "11/12/2026"
    assert dv100[f"{top}.Page3[0].List5[0].Li4[0].YesNo5d_cb[1]"] == "/3"  # harm: yes
    assert dv100[f"{top}.Page7[0].List12[0].li1[0].CheckBox5[0]"] == "/1"  # stay away from work
    assert dv100[f"{top}.Page13[0].List32[0].Li1[0].T97[0]"] == "2"  # item 32: DV-101's two pages attached
    assert dv100.get(f"{top}.Page7[0].List12[0].Li4[0].YesNo12d_cb[0]") in (None, "/Off")  # 12d not asked: blank
    dv101 = _fields(folder / "02-dv-101.pdf")
    assert dv101["02-dv-101.topmostSubform[0].Page1[0].RestrainedCity_ft[0]"] == "06/15/2026"  # the 4th incident
    assert dv101["02-dv-101.topmostSubform[0].Page2[0].RestrainedCity_ft[0]"] == "03/01/2026"  # the 5th
    clets = _fields(folder / "clets-001-confidential.pdf")
    assert clets["clets-001-confidential.CLETS-001[0].Page1[0].List1[0].Li1[0].nametf[0]"] == "Trevon Lamar Hayes"
    assert clets["clets-001-confidential.CLETS-001[0].Page1[0].List1[0].Li1[0].plateno[0]"] in (None, "")
    # "Does the person speak English?" Yes: the sample says no interpreter is needed
    assert clets["clets-001-confidential.CLETS-001[0].Page1[0].List1[0].Li1[0].item1ME[0]"] == "/1"
    assert clets["clets-001-confidential.CLETS-001[0].Page1[0].List1[0].Li1[0].item1ME[2]"] in (None, "/Off")
    dv110 = _fields(folder / "04-dv-110.pdf")
    assert dv110["04-dv-110.DV-110[0].Page1[0].List2[0].Li1[0].TextField[0]"] == "Dating (now or before)"
    assert dv110.get("04-dv-110.DV-110[0].Page1[0].OrigAmen_cb[0]") in (None, "/Off")  # the court's box
    assert dv110.get("04-dv-110.DV-110[0].Page1[0].List4[0].Li1[0].T195[0]") in (None, "")  # the court's hearing
    dv109 = _fields(folder / "03-dv-109.pdf")
    assert dv109["03-dv-109.DV-109[0].Page1[0].List1[0].Li1[0].YourName_tf[0]"] == "Kiara Monique Bell"
    assert dv109["03-dv-109.DV-109[0].Page1[0].List2[0].Li1[0].YourName_tf[0]"] == "Trevon Lamar Hayes"
    assert dv109["03-dv-109.DV-109[0].Page2[0].List5[0].Li1[0].Service110_cb[0]"] in (None, "/Off")  # an adult
    assert dv109["03-dv-109.DV-109[0].Page1[0].List3[0].Li1[0].HearingDate_dt[0]"] in (None, "")  # set by the court
    dv200 = _fields(folder / "05-dv-200.pdf")
    assert dv200["05-dv-200.DV-200[0].Page1[0].List6[0].Li1[0].T198[0]"] == "Samuel Ortiz"
    assert dv200["05-dv-200.DV-200[0].Page1[0].List4[0].Li1[0].item4a_cb[0]"] == "/1"
    for name in DV_FORMS:
        root = PdfReader(str(folder / f"{name}.pdf")).trailer["/Root"]
        assert "/Perms" not in root and "/XFA" not in root["/AcroForm"], name


def test_field_names_stay_unique_in_the_merged_packet(made) -> None:
    fields = PdfReader(str(made["dvro"] / "packet.pdf")).get_fields() or {}
    tops = {name.split(".", 1)[0] for name in fields}
    assert tops == {"01-dv-100", "02-dv-101", "03-dv-109", "04-dv-110"}  # CLETS-001 is its own file
    outline = [o.title for o in PdfReader(str(made["dvro"] / "packet.pdf")).outline]
    assert not [t for t in outline if "DV-200" in t or "DV-130" in t]  # made beside the filing packet
    assert fields["01-dv-100.DV-100[0].Page1[0].List1[0].Li1[0].YourName_tf[0]"].get("/V") == "Kiara Monique Bell"


def test_a_flattened_dv100_shows_the_petitioner_to_pdftotext(made, tmp_path: Path) -> None:
    """Fill DV-100 from the same answers the packet used, flattened: the name is page text."""
    from legal_docs.answers import validate_answers

    spec, model = validate_answers(example_data(KIND, "dvro"), base_dir=tmp_path)
    (plan,) = spec.planner(model)
    flat = fill_form("DV-100", plan.facts["form_answers"][KIND], out=tmp_path / "flat.pdf", flatten=True)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(flat.path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Kiara Monique Bell" in text and "Trevon Lamar Hayes" in text


def test_a_5000_character_narrative_overflows_dv100_onto_an_attachment(made) -> None:
    folder = made["dvro-long"]
    dv100 = folder / "01-dv-100.pdf"
    reader = PdfReader(str(dv100))
    assert len(reader.pages) > 13  # the 13 pages of the form, then the attachment
    value = _fields(dv100)["01-dv-100.DV-100[0].Page3[0].List5[0].Li6[0].TextField[0]"]
    assert value.startswith(SEE_ATTACHMENT)
    attached = " ".join(" ".join(p.extract_text() for p in reader.pages[13:]).split())
    assert "item 5f, details of the most recent abuse" in attached
    assert attached.count("took all of the money") == NARRATIVE.count("took all of the money")
    manifest = json.loads((folder / "manifest.json").read_text())
    entry = next(d for d in manifest["documents"] if d["key"] == "dv-100")
    assert entry["form"]["attachment_pages"] == len(reader.pages) - 13 >= 2


@pytest.mark.parametrize("route", ["juvenile", "civil-harassment"])
def test_a_5000_character_narrative_flows_on_pleading_paper(made, route: str, tmp_path: Path) -> None:
    folder = made[f"{route}-long"]
    text = " ".join("\n".join(docx_text(folder / "01-declaration.docx")).split())
    assert text.count("took all of the money") == NARRATIVE.count("took all of the money")
    # the service packet holds the official forms too: the declaration on its own
    assert court_ready_problems(_one_paper(folder / "01-declaration.pdf", tmp_path)) == []


def test_a_5000_character_narrative_continues_from_ch100_item_7_on_an_attachment(made) -> None:
    ch100 = made["civil-harassment-long"] / "01-ch-100.pdf"
    reader = PdfReader(str(ch100))
    assert len(reader.pages) > 7  # the 7 pages of the form, then the attachment
    item = "01-ch-100.CH-100[0].Page3[0].List7ab[0].Sublist7a[0].LIST1[0].Subitem7a3[0].FactsHarassment[0]"
    assert str(_fields(ch100)[item]) == "See Attachment 7a(3)"  # the title the form asks for
    attached = " ".join(" ".join(p.extract_text() for p in reader.pages[7:]).split())
    assert "Attachment 7a(3)—Describe Harassment" in attached
    assert attached.count("took all of the money") == NARRATIVE.count("took all of the money")


def test_the_letter_is_outside_the_packet_and_in_the_clients_language(made) -> None:
    es = "\n".join(docx_text(made["civil-harassment"] / "carta-al-cliente.docx"))
    assert "\nHola, Ana:\n" in es and "orden de restricción" in es and "Victor Manuel Salas" in es
    en = "\n".join(docx_text(made["dvro"] / "letter-to-client.docx"))
    assert "\nDear Kiara,\n" in en and "DV-100 and DV-101" in en and "CLETS-001" in en
    for route in COUNTY:
        packet = [o.title for o in PdfReader(str(made[route] / "packet.pdf")).outline]
        assert not [t for t in packet if "Letter" in t or "Carta" in t]


def _body(text: str) -> str:
    return " ".join(line for line in text.splitlines() if len(line) > 40)


@pytest.mark.parametrize(("route", "says"), [
    ("juvenile", ["Dear Marisol,", "to order Darnell Ray Pruitt to stay away from you",
                  "What happened to you was not your fault.", "It asks the judge to protect you for three years.",
                  "The court hearing is on December 8, 2026 at 8:30 AM, in Department 415.",
                  "It is kept private: Darnell Ray Pruitt does not get a copy."]),
    ("dvro", ["Dear Kiara,", "a judge in the family court of Alameda County",
              "It should be no later than December 11, 2026.", "The forms DV-109 and DV-110."]),
])
def test_the_english_letter_is_plain_and_says_what_happens_next(made, route: str, says: list[str]) -> None:
    from helpers import reading_grade

    text = "\n".join(docx_text(made[route] / "letter-to-client.docx"))
    for sentence in says:
        assert sentence in text, sentence
    assert reading_grade(_body(text)) <= 8.0, reading_grade(_body(text))


def test_the_spanish_letter_is_plain_and_dated_in_spanish(made) -> None:
    from helpers import spanish_reading_ease

    text = "\n".join(docx_text(made["civil-harassment"] / "carta-al-cliente.docx"))
    for sentence in ["Hola, Ana:", "un juez de la corte civil del condado de San Diego",
                     "Le pide al juez que le dé protección por 5 años.",
                     "Debe ser a más tardar el 11 de diciembre de 2026."]:
        assert sentence in text, sentence
    assert spanish_reading_ease(_body(text)) >= 70, spanish_reading_ease(_body(text))
