"""POS-040 Proof of Service—Civil (Rev. Jan 1, 2020) as the vacatur packet's proof of service on the
prosecuting agency, when the answers choose it (`proof_of_service: pos-040`): read back field by
field (values, and checkbox on-states from the widgets' appearance states), what the server did not
say left blank, each paper served listed by its exact title and nothing confidential among them,
several agencies on the attachment item 5 names, page 1 rendered. The default stays the proof of
service on pleading paper."""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from helpers import example_data, make_pdf, one_county
from legal_docs.answers import validate_answers
from legal_docs_cli.main import main
from pdfcheck import checkbox_states, field_values
from legal_docs.forms import fill_form, get_form

P1 = "POS-040[0].Page1[0]."
H = P1 + "StdP1Header_sf[0]."
P2 = "POS-040[0].Page2[0]."
DOCS = P1 + "FillText21[0]"
DOCS_BOX = P1 + "#area[0].CheckBox3[0]"
PERSONS_BOX = P1 + "CheckBox5[0]"
HEAD_PERSONAL = H + "FormTitle[0].#area[0].CheckBox1[1]"
HEAD_MAIL = H + "FormTitle[0].#area[2].CheckBox1[3]"
ITEM_5B = P1 + "#area[2].CheckBox4[1]"
ITEM_6A = P1 + "CheckBox6[0]"
ITEM_6B = P2 + "CheckBox6[0]"
ITEM_6B1 = P2 + "#area[0].CheckBox6b[0]"
OFF = (None, "/Off")


def _data(county: str = "Los Angeles", change: Any = None) -> dict:
    data = one_county(example_data("vacatur"), county)
    data["proof_of_service"] = "pos-040"
    if change:
        change(data)
    return data


def _plan(data: dict, tmp: Path):
    spec, model = validate_answers(data, base_dir=tmp)
    plans = [p for p in spec.planner(model) if p.documents]
    assert len(plans) == 1
    return plans[0]


def _pos(plan) -> Any:
    (doc,) = [d for d in plan.documents if d.form == "POS-040"]
    return doc


def _fill(plan, tmp: Path) -> tuple[Any, dict, dict]:
    doc = _pos(plan)
    filled = fill_form("POS-040", doc.context["form_answers"], out=tmp / "pos040.pdf", instance="x")
    values = {k.removeprefix("x."): v for k, v in field_values(filled.path).items()}
    states = checkbox_states(filled.path, prefix="x.")
    return filled, values, states


@pytest.fixture(scope="module")
def mailed(tmp_path_factory: pytest.TempPathFactory):
    """Los Angeles: a conviction and an arrest, two prosecuting agencies, served by mail (the sample)."""
    tmp = tmp_path_factory.mktemp("pos040")
    plan = _plan(_data(), tmp)
    return (plan, *_fill(plan, tmp))


def test_the_caption_and_the_attorney_for_whom_the_papers_are_served(mailed) -> None:
    _plan_, _filled, values, _states = mailed
    expected = {
        H + "AttyInfo[0].AttyBarNo_dc[0]": "123456",
        H + "AttyInfo[0].AttyName_ft[0]": "Dana M. Counsel",
        H + "AttyInfo[0].AttyFirm_ft[0]": "Example Legal Aid Society",
        H + "AttyInfo[0].AttyStreet_ft[0]": "200 Sample Avenue, Suite 300",
        H + "AttyInfo[0].AttyCity_ft[0]": "Los Angeles",
        H + "AttyInfo[0].AttyState_ft[0]": "CA",
        H + "AttyInfo[0].AttyZip_ft[0]": "90013",
        H + "AttyInfo[0].Phone_ft[0]": "(213) 555-0100",
        H + "AttyInfo[0].Email_ft[0]": "dcounsel@example.org",
        H + "AttyInfo[0].AttyFor_ft[0]": "Petitioner A.J.R.",
        H + "CourtInfo[0].CrtCounty_ft[0]": "Los Angeles",
        H + "TitlePartyName[0].Party1_ft[0]": "The People of the State of California",
        H + "TitlePartyName[0].Party2_ft[0]": "A.J.R.",  # initials, as on the papers served
        H + "CaseNumber[0].CaseNumber_ft[0]": "9CJ01234",
        P2 + "P2Header_gp[0].Party_ft[0]": "People v. A.J.R.",
        P2 + "P2Header_gp[0].CaseNumber_ft[0]": "9CJ01234",
        H + "Dept_sf[0].Dept_ft[0]": "100",  # the sample's hearing names the department
    }
    for name, value in expected.items():
        assert values[name] == value, name
    assert values.get(H + "JudOfcr_sf[0].JudOfcr_ft[0]") in (None, "")  # no judge in the answers
    # the full name is on no field of the form
    assert not [k for k, v in values.items() if isinstance(v, str) and "Rivera" in v]


def test_served_by_mail_ticks_one_method_and_states_what_the_server_said(mailed) -> None:
    _plan_, _filled, values, states = mailed
    assert states[HEAD_MAIL] == "/2" and states[ITEM_6B] == "/2" and states[ITEM_6B1] == "/1"
    assert states[ITEM_5B] == "/1"
    for box in (HEAD_PERSONAL, ITEM_6A, P2 + "CheckBox6b[1]", P2 + "CheckBox6[1]", P2 + "CheckBox6[2]",
                P2 + "CheckBox6[3]", P2 + "CheckBox7[0]", P1 + "CheckBox2[0]"):
        assert states.get(box) in OFF, box  # one method only; no messenger, fax or overnight delivery
    assert values[P1 + "FillText18[0]"] == "200 Sample Avenue, Suite 300, Los Angeles, CA 90013"
    assert values[P1 + "FillText20[0]"] == "11/20/2026"
    assert values[P2 + "FillText29[0]"] == "Los Angeles, California"
    assert values[P2 + "FillText31[0]"] == "Pat Q. Server"
    # the declaration's date, and the messenger's declaration, are for the people who sign them
    for blank in (P2 + "FillText30[0]", P2 + "FillText32[0]", P2 + "FillText33[0]", P2 + "FillText34[0]"):
        assert values.get(blank) in (None, ""), blank


def test_item_4_lists_each_paper_served_by_its_exact_title_and_nothing_confidential(mailed) -> None:
    plan, _filled, _values, _states = mailed
    listed = _pos(plan).context["form_answers"]["documents"].splitlines()
    titles = {d.key: d for d in plan.documents}
    assert listed == [
        "• Notice of Petition and Petition to Vacate Conviction and Arrest; Verification",
        "• Memorandum of Points and Authorities in Support of Petition to Vacate",
        "• Declaration of Petitioner in Support of Petition to Vacate",
        "• [Proposed] Order Vacating Conviction and Arrest and Sealing and Destroying Records",
    ]
    assert "identity-attachment" in titles and "client-letter" in titles  # made, never served nor listed
    assert not [line for line in listed if "Confidential" in line or "Letter" in line or "Proof" in line]


def test_a_list_item_4_cannot_hold_goes_on_the_attachment_the_box_names(mailed) -> None:
    _plan_, filled, values, states = mailed
    assert states[DOCS_BOX] == "/1"
    assert values[DOCS].startswith("See Attachment to Proof of Service")
    text = subprocess.run(["pdftotext", "-layout", str(filled.path), "-"], capture_output=True, text=True,
                          check=True).stdout
    attachment = text.split("\f")[2]
    assert "Attachment to Proof of Service—Civil (Documents Served)" in attachment
    assert "Memorandum of Points and Authorities in Support of Petition to Vacate" in attachment
    assert "People v. A.J.R." in attachment and "9CJ01234" in attachment


def test_several_agencies_are_on_the_attachment_item_5_names(mailed) -> None:
    _plan_, filled, values, states = mailed
    assert states[PERSONS_BOX] == "/1"
    assert values.get(P1 + "FillText22[0]") in (None, "")  # 5a: the attachment lists every agency
    text = subprocess.run(["pdftotext", "-layout", str(filled.path), "-"], capture_output=True, text=True,
                          check=True).stdout
    persons = text.split("Attachment to Proof of Service—Civil (Persons Served)")[1]
    assert "Los Angeles City Attorney" in persons and "Los Angeles County District Attorney" in persons
    assert "211 West Temple Street, Suite 1200" in persons


def test_the_information_sheet_is_left_out_and_the_attachment_follows_page_2(mailed) -> None:
    _plan_, filled, values, _states = mailed
    # pages 1-2 and two MC-025 attachments, one per item (documents served, persons served)
    assert filled.pages == 4 and filled.attachment_pages == 2
    assert not [k for k in values if ".Page3[0]" in k]
    text = subprocess.run(["pdftotext", str(filled.path), "-"], capture_output=True, text=True, check=True).stdout
    assert "INFORMATION SHEET" not in text


def test_one_agency_in_item_5_and_in_re_the_petition(tmp_path: Path) -> None:
    plan = _plan(_data("San Bernardino"), tmp_path)
    _filled, values, states = _fill(plan, tmp_path)
    assert values[P1 + "FillText22[0]"] == "San Bernardino County District Attorney"
    assert values[P1 + "FillText23[0]"].startswith("303 West Third Street")
    assert states.get(PERSONS_BOX) in OFF
    assert values[H + "TitlePartyName[0].Party1_ft[0]"] == "A.J.R."  # a juvenile adjudication: no People v.
    assert values.get(H + "TitlePartyName[0].Party2_ft[0]") in (None, "")
    assert values[P2 + "P2Header_gp[0].Party_ft[0]"] == "In re the Petition of A.J.R."


def test_before_service_the_server_completes_everything_they_declare(tmp_path: Path) -> None:
    plan = _plan(_data(change=lambda d: d.pop("service")), tmp_path)
    _filled, values, states = _fill(plan, tmp_path)
    for box in (HEAD_MAIL, HEAD_PERSONAL, ITEM_5B, ITEM_6A, ITEM_6B, ITEM_6B1):
        assert states.get(box) in OFF, box  # no method said: none ticked
    for blank in ("FillText18[0]", "FillText20[0]"):
        assert values.get(P1 + blank) in (None, ""), blank
    for blank in ("FillText29[0]", "FillText31[0]"):
        assert values.get(P2 + blank) in (None, ""), blank
    assert values[H + "AttyInfo[0].AttyName_ft[0]"] == "Dana M. Counsel"  # what the answers do hold


def test_personal_service_ticks_6a_and_says_nothing_of_a_mailing(tmp_path: Path) -> None:
    def personal(d: dict) -> None:
        d["service"]["method"] = "personal"

    plan = _plan(_data(change=personal), tmp_path)
    _filled, values, states = _fill(plan, tmp_path)
    assert states[HEAD_PERSONAL] == "/1" and states[ITEM_6A] == "/1" and states[ITEM_5B] == "/1"
    for box in (HEAD_MAIL, ITEM_6B, ITEM_6B1):
        assert states.get(box) in OFF, box
    assert values.get(P2 + "FillText29[0]") in (None, "")


def test_exhibits_are_listed_after_the_papers(tmp_path: Path) -> None:
    make_pdf(tmp_path / "a.pdf")
    make_pdf(tmp_path / "b.pdf")

    def exhibits(d: dict) -> None:
        d["exhibits"] = [{"file": "a.pdf", "description": "Letter"}, {"file": "b.pdf", "description": "Report"}]

    listed = _pos(_plan(_data(change=exhibits), tmp_path)).context["form_answers"]["documents"].splitlines()
    assert listed[-2:] == ["• Index of Exhibits in Support of Petition to Vacate",
                           "• Exhibits A through B to the Petition to Vacate"]


def test_the_default_stays_the_proof_of_service_on_pleading_paper(tmp_path: Path) -> None:
    plan = _plan(one_county(example_data("vacatur")), tmp_path)
    (proof,) = [d for d in plan.documents if d.key == "proof-of-service"]
    assert proof.form == "" and proof.filename == "05-proof-of-service"
    assert "vacatur.service" in proof.clauses
    chosen = _plan(_data(), tmp_path)
    (form,) = [d for d in chosen.documents if d.key == "proof-of-service"]
    assert form.form == "POS-040" and form.filename == "05-pos-040" and form.serve and form.in_packet


def test_pos040_is_refused_for_electronic_service_naming_the_answer(tmp_path: Path) -> None:
    data = _data(change=lambda d: d["service"].update(method="electronic"))
    path = tmp_path / "answers.yaml"
    import yaml

    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "POS-040 is not for electronic service" in result.output
    assert "Traceback" not in result.output
    ok = copy.deepcopy(data)
    ok["proof_of_service"] = "pleading-paper"
    path.write_text(yaml.safe_dump(ok), encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", str(path)]).exit_code == 0


def test_the_map_says_what_it_covers_and_ships_with_the_tool() -> None:
    spec = get_form("POS-040")
    (rev,) = spec.revisions
    assert rev.revision == "2020-01-01" and rev.info_pages == (3,)
    assert spec.serve and not spec.confidential and spec.answers == "pos-040"
    result = CliRunner().invoke(main, ["forms"], env={"LEGAL_DOCS_FORMS_DIR": ""})
    line = [row for row in result.output.splitlines() if row.split()[:1] == ["POS-040"]]
    assert len(line) == 1 and "shipped" in line[0], result.output


def test_page_1_renders_with_the_values_in_their_boxes(mailed, tmp_path: Path) -> None:
    _plan_, filled, _values, _states = mailed
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(filled.path), str(tmp_path / "p")],
                   check=True)
    (png,) = tmp_path.glob("p*.png")
    assert png.stat().st_size > 10_000
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(filled.path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Dana M. Counsel" in text and "Petitioner A.J.R." in text and "11/20/2026" in text


def test_a_fill_name_the_form_answers_lack_is_a_packet_error_naming_it(tmp_path: Path) -> None:
    from legal_docs.errors import TemplateError
    from legal_docs.plan import DocumentDef, _form_document

    doc = DocumentDef(key="proof-of-service", filename="05-pos-040", title="POS-040", footer_title="POS-040",
                      form="pos-040", answers="pos-040", fill={"documnets": "x"})
    with pytest.raises(TemplateError, match="fill names 'documnets'"):
        _form_document(doc, {"form_answers": {"pos-040": {"documents": ""}}})


def test_the_interview_asks_which_proof_of_service_and_keeps_pos040(tmp_path: Path) -> None:
    from test_interview import ATTORNEY, PETITIONER, TRAFFICKING, answers_of, offense, run

    filing = ["n", "n", "n", "2", "", "", "n", ""]  # ..., service?, proof of service: the second choice, ...
    finished, term = run(tmp_path, PETITIONER + offense() + TRAFFICKING + ATTORNEY + filing + ["y"])
    assert answers_of(finished)["proof_of_service"] == "pos-040"
    assert "Which proof of service?" in "\n".join(term.output)


def test_the_interview_does_not_offer_pos040_for_electronic_service(tmp_path: Path) -> None:
    from test_interview import ATTORNEY, PETITIONER, TRAFFICKING, answers_of, offense, run

    service = ["y", "11/20/2026", "3", "Pat Q. Server", ""]  # electronic; the address: Enter keeps counsel's
    filing = ["n", "n", *service, "", "", "n", ""]
    finished, term = run(tmp_path, PETITIONER + offense() + TRAFFICKING + ATTORNEY + filing + ["y"])
    answers = answers_of(finished)
    assert answers["service"]["method"] == "electronic" and "proof_of_service" not in answers
    assert "Which proof of service?" not in "\n".join(term.output)


@pytest.mark.libreoffice
def test_generate_files_pos040_in_both_packets_in_place_of_the_pleading_proof(tmp_path: Path) -> None:
    """End to end: the official form, filled straight to PDF, takes the proof of service's place in
    packet.pdf and service-packet.pdf, bookmarked; the manifest records its revision; the confidential
    identity attachment is still in neither packet."""
    import json

    import yaml

    from legal_docs.pipeline import generate

    answers = tmp_path / "client.yaml"
    answers.write_text(yaml.safe_dump(_data("San Bernardino")), encoding="utf-8")
    generate(answers, tmp_path / "out")
    folder = tmp_path / "out" / "san-bernardino"
    assert (folder / "05-pos-040.pdf").is_file() and not list(folder.glob("05-proof-of-service.*"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = [d for d in manifest["documents"] if (d.get("form") or {}).get("id") == "POS-040"]
    assert entry["form"]["revision"] == "2020-01-01" and entry["form"]["sha256"].startswith("38faaa07")
    assert entry["key"] == "proof-of-service" and entry["serve"] is True and entry["in_packet"] is True
    for name in ("packet.pdf", "service-packet.pdf"):
        reader = PdfReader(folder / name)
        text = subprocess.run(["pdftotext", str(folder / name), "-"], capture_output=True, text=True,
                              check=True).stdout  # poppler draws the fields' appearances
        assert "PROOF OF SERVICE—CIVIL" in text and "San Bernardino County District Attorney" in text, name
        assert "Identifying Information" not in text and "INFORMATION SHEET" not in text, name
        assert "Proof of Service—Civil (POS-040)" in [item.title for item in reader.outline], name


def test_a_juvenile_record_warns_that_pos040_has_no_confidential_line(tmp_path: Path) -> None:
    juvenile = _plan(_data("San Bernardino"), tmp_path)  # a juvenile adjudication: papers marked § 827
    (said,) = [w for w in juvenile.warnings if "POS-040" in w]
    assert "CONFIDENTIAL: contains juvenile case records" in said and "mark it by hand" in said
    adult = _plan(_data(), tmp_path)  # Los Angeles: a conviction and an arrest, nothing juvenile
    assert not [w for w in adult.warnings if "POS-040" in w]
    pleading = _plan(one_county(example_data("vacatur"), "San Bernardino"), tmp_path)
    assert not [w for w in pleading.warnings if "POS-040" in w]
