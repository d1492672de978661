"""Official Judicial Council forms filled from field maps (issue 5, "Official forms, filled").

The official PDFs are the copies shipped inside the package (legal_docs/data/forms); no forms
folder is set unless a test makes one.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from helpers import FORMS, make_pdf
from pdfcheck import field_values
from legal_docs.errors import InputError
from legal_docs.forms import SEE_ATTACHMENT, field_name, fill_form, form_specs, get_form, locate_form
from legal_docs.resources import sha256_file, templates_root
from legal_docs.packet import PacketPart, build_packet
from legal_docs_cli.main import main

ALL_FORMS = ["CLETS-001", "DV-100", "DV-101", "DV-109", "DV-110", "DV-200"]

SAMPLE: dict[str, Any] = {
    "case": {"number": "25FL001234"},
    "court": {"address_block": "Los Angeles\n111 N. Hill Street\nLos Angeles, CA 90012"},
    "protected": {"name": "Jane Roe", "age": 17, "sex": "female", "address": "P.O. Box 100",
                  "city": "Los Angeles", "state": "CA", "zip": "90012", "speaks_english": "yes"},
    "lawyer": {"name": "Ana Counsel", "bar_number": "123456", "firm": "Youth Law Clinic"},
    "restrained": {"name": "John Doe", "age": 24, "sex": "male", "race": "Unknown", "firearms": "yes",
                   "firearms_details": "One handgun, kept in his car", "height": "6'0\"", "eyes": "Brown",
                   "relationship": "Former dating partner"},
    "relationship": {"dating": True, "live_together_now": "no"},
    "other_orders": {"exist": "no"},
    "abuse": {"incidents": [
        {"date": "03/01/2025", "witnesses": "no", "weapon": "yes", "weapon_description": "A handgun",
         "harm": "yes", "harm_description": "Bruises on my arms", "police": "no", "frequency": "weekly",
         "details": "He took my phone and would not let me leave the motel room."},
        {"date": "02/01/2025", "police": "yes", "frequency": "2-5", "details": "He threatened me."},
        {"date": "01/10/2025", "police": "unknown", "frequency": "other", "frequency_other": "Daily"},
        {"date": "12/24/2024", "police": "yes", "epo": "yes", "epo_protects": "you",
         "details": "He hit me at the bus stop."},
    ], "dv101": True},  # four incidents: DV-101 is filed with DV-100 (its "more space" box)
    "firearms": [{"description": "Handgun", "amount": "1", "location": "His car"}],
    "orders": {"no_abuse": True, "no_contact": True,
               "stay_away": {"requested": True, "me": True, "home": True, "school": True, "yards": 100,
                             "live_near": "no", "work_or_school_near": "no"},
               "record_communications": True},
    "hearing": {"date": "04/15/2025", "time": "8:30", "ampm": "am", "department": "2"},
    "confidential_minor_info": True,
    "original_order": True,
    "service": {"documents": {"dv109_dv100": True, "dv110": True}, "date": "04/02/2025", "time": "5:15",
                "ampm": "pm", "address": "1 Main St.", "city": "Los Angeles", "state": "CA", "zip": "90012"},
    "server": {"name": "Sam Server", "signed_date": "04/03/2025"},
    "signed": {"date": "03/05/2025"},
}

# form -> (text fields expected, checkboxes expected on, checkboxes expected off), names without
# the per-instance top name.
EXPECT: dict[str, tuple[dict[str, str], list[str], list[str]]] = {
    "CLETS-001": (
        {"CLETS-001[0].Page1[0].List2[0].Li1[0].yournametf[0]": "Jane Roe",
         "CLETS-001[0].Page1[0].List1[0].Li1[0].nametf[0]": "John Doe",
         "CLETS-001[0].Page1[0].List3[0].Li1[0].agetf[0]": "17"},
        ["CLETS-001[0].Page1[0].List1[0].Li1[0].item1firearmME[2]",
         "CLETS-001[0].Page1[0].List3[0].Li1[0].Item3genderME[1]",
         "CLETS-001[0].Page1[0].List3[0].Li1[0].item3EnglishME[0]"],
        ["CLETS-001[0].Page1[0].List1[0].Li1[0].item1firearmME[0]",
         "CLETS-001[0].Page1[0].List3[0].Li1[0].Item3genderME[0]"],
    ),
    "DV-100": (
        {"DV-100[0].Page1[0].List1[0].Li1[0].YourName_tf[0]": "Jane Roe",
         "DV-100[0].Page1[0].List2[0].Li1[0].TextField[0]": "John Doe",
         "DV-100[0].Page7[0].PxCaption[0].CaseNumber[0]": "25FL001234",
         "DV-100[0].Page3[0].List5[0].Li4[0].item26d_tf[0]": "Bruises on my arms"},
        ["DV-100[0].Page2[0].List3[0].Li4[0].CheckBox2[0]",  # dating
         "DV-100[0].Page1[0].List2[0].Li4[0].gender2d_cb[0]",  # male
         "DV-100[0].Page3[0].List5[0].Li7[0].YesNo5g_cb[2]",  # weekly
         "DV-100[0].Page4[0].List6[0].Li7[0].abuseFreq[1]",  # 2-5 times
         "DV-100[0].Page5[0].List7[0].MultilineCheckBox[0]",  # more incidents on DV-101
         "DV-100[0].Page7[0].List10[0].Li1[0].CheckBoxRightCaption[0]",  # no abuse
         "DV-100[0].Page7[0].List11[0].Li1[0].CheckBoxRightCaption[0]",  # no contact
         "DV-100[0].Page7[0].List12[0].Li2[0].CheckBox12b1[0]",  # 100 yards
         "DV-100[0].Page6[0].List9[0].li3[0].YesNo9abc_cb[0]"],  # firearms yes
        ["DV-100[0].Page2[0].List3[0].Li2[0].CheckBox2[0]",  # married
         "DV-100[0].Page3[0].List5[0].Li7[0].YesNo5g_cb[0]",  # once
         "DV-100[0].Page8[0].List13[0].CheckBoxRightCaption[0]"],  # move out
    ),
    "DV-101": (
        {"topmostSubform[0].Page1[0].ProtectedFullName_ft[0]": "Jane Roe",
         "topmostSubform[0].Page1[0].TextField2[0]": "He hit me at the bus stop."},
        ["topmostSubform[0].Page1[0].Option_cb[0]", "topmostSubform[0].Page1[0].Option_cb[2]",
         "topmostSubform[0].Page1[0].Option_cb[5]"],
        ["topmostSubform[0].Page1[0].Option_cb[1]", "topmostSubform[0].Page1[0].Option_cb[6]"],
    ),
    # DV-109: items 1 and 2 only; the hearing (3) and the minor's-information order (5a) are the
    # court's, left blank even though the answers hold a hearing date
    "DV-109": (
        {"DV-109[0].Page1[0].List1[0].Li1[0].YourName_tf[0]": "Jane Roe",
         "DV-109[0].Page1[0].List2[0].Li1[0].YourName_tf[0]": "John Doe"},
        [],
        ["DV-109[0].Page1[0].List3[0].Li1[0].HearingDate_dt[0]", "DV-109[0].Page1[0].List3[0].Li1[0].HearingTime_dt[0]",
         "DV-109[0].Page1[0].List3[0].Li1[0].HearingDept_ft[0]", "DV-109[0].Page2[0].List5[0].Li1[0].Service110_cb[0]"],
    ),
    # DV-110: items 1, 2 and 3 only; the original/amended box and the hearing (4) are the court's
    "DV-110": (
        {"DV-110[0].Page1[0].List1[0].Li1[0].TextField[0]": "Jane Roe",
         "DV-110[0].Page1[0].List2[0].Li1[0].ParentRel[0]": "John Doe"},
        ["DV-110[0].Page1[0].List2[0].Li1[0].gender_cb[0]"],
        ["DV-110[0].Page1[0].List4[0].Li1[0].item4ampm[0]", "DV-110[0].Page1[0].List4[0].Li1[0].item4ampm[1]",
         "DV-110[0].Page1[0].List4[0].Li1[0].T195[0]", "DV-110[0].Page1[0].List4[0].Li1[0].time1[0]",
         "DV-110[0].Page1[0].OrigAmen_cb[0]", "DV-110[0].Page1[0].List3[0].Li1[0].item3_cb[0]"],
    ),
    "DV-200": (
        {"DV-200[0].Page1[0].List1[0].Li1[0].TextField2[0]": "Jane Roe",
         "DV-200[0].Page1[0].List6[0].Li1[0].T198[0]": "Sam Server"},
        ["DV-200[0].Page1[0].List4[0].Li1[0].item4a_cb[0]", "DV-200[0].Page1[0].List5[0].Li1[0].TeimDef_cb[0]"],
        ["DV-200[0].Page1[0].List4[0].Li3[0].item4c_cb[0]", "DV-200[0].Page1[0].List5[0].Li1[0].TeimDef_cb[1]"],
    ),
}



def _values(path: Path) -> dict[str, Any]:
    return field_values(path)


def _on_state(reader: PdfReader, qualified: str) -> str:
    """The /AS of the widget whose qualified name is ``qualified`` (what a viewer draws)."""
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if field_name(annot) == qualified:
                return str(annot.get("/AS"))
    raise AssertionError(f"no widget {qualified}")


def test_the_six_forms_have_maps_and_clets_is_not_served() -> None:
    assert set(ALL_FORMS) <= set(form_specs())
    assert get_form("CLETS-001").serve is False
    assert all(get_form(f).serve for f in ALL_FORMS if f != "CLETS-001")
    assert all(get_form(f).covers for f in ALL_FORMS)


@pytest.mark.parametrize("form_id", ALL_FORMS)
def test_fill_reads_back_values_and_checkboxes(form_id: str, tmp_path: Path) -> None:
    filled = fill_form(form_id, SAMPLE, out=tmp_path / "f.pdf")
    reader = PdfReader(filled.path)
    root = reader.trailer["/Root"]
    assert "/Perms" not in root
    assert "/XFA" not in root["/AcroForm"]
    # our appearances are the ones shown (text on the form's rules): no viewer regenerates them
    assert root["/AcroForm"].get("/NeedAppearances") in (None, False)
    values = _values(filled.path)
    texts, on, off = EXPECT[form_id]
    top = form_id  # every field sits under one parent named after the form instance
    for name, value in texts.items():
        assert values[f"{top}.{name}"] == value, name
    for name in on:
        assert values[f"{top}.{name}"] not in (None, "/Off"), name
        assert _on_state(reader, f"{top}.{name}") == str(values[f"{top}.{name}"]), name
    for name in off:
        assert values.get(f"{top}.{name}") in (None, "/Off"), name
    # each text value has an appearance stream, so it shows without a click
    for name in texts:
        widget = next(a.get_object() for p in reader.pages for a in p.get("/Annots") or []
                      if a.get_object().get("/T") == name.rsplit(".", 1)[-1]
                      and a.get_object().get("/V") == texts[name])
        assert "/N" in widget["/AP"], name


def test_flattened_dv100_shows_the_petitioner_in_pdftotext(tmp_path: Path) -> None:
    filled = fill_form("DV-100", SAMPLE, out=tmp_path / "flat.pdf", flatten=True)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(filled.path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Jane Roe" in text and "John Doe" in text and "25FL001234" in text
    assert not PdfReader(filled.path).get_fields()


def test_filled_page_renders_with_the_name(tmp_path: Path) -> None:
    """pdftoppm draws the field appearances (no flattening): the page is not blank where the name is."""
    filled = fill_form("DV-100", SAMPLE, out=tmp_path / "f.pdf")
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(filled.path),
                    str(tmp_path / "p")], check=True)
    assert list(tmp_path.glob("p*.png"))


def test_a_5000_character_narrative_continues_on_an_attachment(tmp_path: Path) -> None:
    narrative = ("He made me work every night and kept the money. " * 120)[:5000]
    answers = {**SAMPLE, "abuse": {"incidents": [{"details": narrative, "date": "03/01/2025"}]}}
    filled = fill_form("DV-100", answers, out=tmp_path / "long.pdf")
    assert filled.attachment_pages >= 2 and filled.pages == 13 + filled.attachment_pages
    values = _values(filled.path)
    assert values["DV-100.DV-100[0].Page3[0].List5[0].Li6[0].TextField[0]"].startswith(SEE_ATTACHMENT)
    reader = PdfReader(filled.path)
    # each page's text without its footer, which would split a sentence running on to the next page
    attached = " ".join(p.extract_text().replace(f"DV-100 attachment page {n} of {filled.attachment_pages}", "")
                        for n, p in enumerate(reader.pages[13:], start=1))
    assert "Attachment 1 to DV-100: item 5f" in attached
    words = " ".join(attached.split())
    assert narrative.split()[0] in words and "kept the money." in words
    # every word of the narrative made it onto the attachment pages
    assert words.count("kept the money") >= narrative.count("kept the money")


def test_short_text_stays_in_its_field(tmp_path: Path) -> None:
    filled = fill_form("DV-100", SAMPLE, out=tmp_path / "f.pdf")
    assert filled.attachment_pages == 0 and filled.pages == 13


def test_two_filled_forms_in_one_packet_keep_distinct_values(tmp_path: Path) -> None:
    first = fill_form("DV-100", SAMPLE, out=tmp_path / "a.pdf", instance="DV-100-a")
    other = {**SAMPLE, "protected": {**SAMPLE["protected"], "name": "Maria Poe"}}
    second = fill_form("DV-100", other, out=tmp_path / "b.pdf", instance="DV-100-b")
    clets = fill_form("CLETS-001", SAMPLE, out=tmp_path / "c.pdf")
    packet = tmp_path / "packet.pdf"
    build_packet([PacketPart("DV-100 (Jane)", [first.path]), PacketPart("DV-100 (Maria)", [second.path]),
                  PacketPart("CLETS-001", [clets.path])], out=packet, title="Forms")
    values = _values(packet)
    name = "DV-100[0].Page1[0].List1[0].Li1[0].YourName_tf[0]"
    assert values[f"DV-100-a.{name}"] == "Jane Roe"
    assert values[f"DV-100-b.{name}"] == "Maria Poe"
    assert values["CLETS-001.CLETS-001[0].Page1[0].List2[0].Li1[0].yournametf[0]"] == "Jane Roe"
    # the widgets on the pages point at their own copy's value
    reader = PdfReader(packet)
    seen = [str(a.get_object().get("/V")) for p in (reader.pages[0], reader.pages[13])
            for a in p.get("/Annots") or [] if a.get_object().get("/T") == "YourName_tf[0]"]
    assert seen == ["Jane Roe", "Maria Poe"]


def test_mc025_attachments_of_two_forms_keep_their_own_values_in_one_packet(tmp_path: Path) -> None:
    """Each form's MC-025 pages are named under the form's instance and their page: in one packet
    PDF, the same MC-025 field on two forms' attachments holds each its own value."""
    long = "He made me work every night and kept the money. " * 150
    def answers(number: str) -> dict:
        return {**SAMPLE, "case": {"number": number}, "abuse": {"incidents": [{"details": long, "date": "03/01/2025"}]}}
    first = fill_form("DV-100", answers("25FL000001"), out=tmp_path / "a.pdf", instance="DV-100-a")
    second = fill_form("DV-100", answers("25FL000002"), out=tmp_path / "b.pdf", instance="DV-100-b")
    assert first.attachment_pages == second.attachment_pages >= 2
    packet = tmp_path / "packet.pdf"
    build_packet([PacketPart("a", [first.path]), PacketPart("b", [second.path])], out=packet, title="Forms")
    values = _values(packet)
    for instance, number in (("DV-100-a", "25FL000001"), ("DV-100-b", "25FL000002")):
        for k in range(1, first.attachment_pages + 1):
            assert values[f"{instance}.MC-025-{k}.FillText5"] == number
            assert values[f"{instance}.MC-025-{k}.FillText8"] == str(k)
    # the widgets on the last page of each form's attachment point at their own copy's value
    reader = PdfReader(packet)
    last = [reader.pages[first.pages - 1], reader.pages[first.pages + second.pages - 1]]
    seen = [str(a.get_object().get("/V")) for page in last for a in page.get("/Annots") or []
            if a.get_object().get("/T") == "FillText5"]
    assert seen == ["25FL000001", "25FL000002"]


def test_the_tests_field_reader_gives_what_pypdf_gives(tmp_path: Path) -> None:
    """pdfcheck.field_values (qpdf, used by the form tests for speed) reads the same names, in the
    same order, and the same values as pypdf's get_fields, on filled forms and on a merged packet."""
    dv100 = fill_form("DV-100", SAMPLE, out=tmp_path / "a.pdf").path
    clets = fill_form("CLETS-001", SAMPLE, out=tmp_path / "c.pdf").path
    packet = tmp_path / "packet.pdf"
    build_packet([PacketPart("DV-100", [dv100]), PacketPart("CLETS-001", [clets])], out=packet, title="Forms")
    for path in (dv100, packet):
        expected = {name: f.get("/V") for name, f in (PdfReader(path).get_fields() or {}).items()}
        got = field_values(path)
        assert list(got) == list(expected)
        assert got == expected
        assert [v for v in got.values() if v not in (None, "/Off")], "some values are set"
        assert {type(v) for v in got.values()} <= {str, list, type(None)}
    assert field_values(make_pdf(tmp_path / "plain.pdf")) == {}


def test_the_shipped_pdfs_are_the_official_ones_byte_for_byte() -> None:
    """Each map's shipped revision is in the package under its published file name, with the
    sha256 the map records (what a fresh clone and an installed wheel fill)."""
    for spec in form_specs().values():
        shipped = [r for r in spec.revisions if (FORMS / r.file).is_file()]
        assert shipped, f"{spec.id} has a map but no shipped PDF"
        for rev in shipped:
            assert sha256_file(FORMS / rev.file) == rev.sha256, rev.file


def test_with_no_folder_the_shipped_copy_is_filled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("LEGAL_DOCS_FORMS_DIR", raising=False)
    found = locate_form("DV-109")
    assert (found.source, found.revision.revision, found.path.parent) == ("shipped", "2025-01-01", FORMS)
    assert fill_form("DV-109", SAMPLE, out=tmp_path / "f.pdf").revision == "2025-01-01"


def test_a_folder_without_the_form_falls_back_to_the_shipped_copy(tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(FORMS / "clets001.pdf", folder / "my-clets.pdf")
    assert locate_form("DV-100", folder).source == "shipped"
    found = locate_form("CLETS-001", folder)
    assert (found.source, found.path.name) == ("folder", "my-clets.pdf")


def test_a_newer_revision_in_the_folder_is_used_by_its_sha256(tmp_path: Path) -> None:
    """A revision published after a release: a clinic adds its map (first in the map's list) and
    puts the PDF in its forms folder; the folder's copy is recognised by sha256 and filled."""
    from legal_docs.resources import set_override

    clinic = tmp_path / "clinic"
    (clinic / "form_templates" / "forms").mkdir(parents=True)
    data = yaml.safe_load((templates_root() / "forms" / "dv-109.yaml").read_text(encoding="utf-8"))
    folder = tmp_path / "forms"
    folder.mkdir()
    newer = folder / "dv109-2027.pdf"  # stands in for a new PDF: same fields, other bytes
    newer.write_bytes((FORMS / "dv109.pdf").read_bytes() + b"\n% another revision\n")
    rev = dict(data["revisions"][0], revision="2027-01-01", file=newer.name, sha256=sha256_file(newer))
    data["revisions"] = [rev, *data["revisions"]]
    (clinic / "form_templates" / "forms" / "dv-109.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    set_override(clinic)
    found = locate_form("DV-109", folder)
    assert (found.source, found.revision.revision) == ("folder", "2027-01-01")
    assert fill_form("DV-109", SAMPLE, out=tmp_path / "f.pdf", folder=folder).revision == "2027-01-01"
    found = locate_form("DV-109")  # no folder: the shipped revision
    assert (found.source, found.revision.revision) == ("shipped", "2025-01-01")


def test_an_unknown_revision_in_the_folder_is_named_not_filled(tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    make_pdf(folder / "DV-100_2027.pdf")  # another file under DV-100's name
    make_pdf(folder / "dv1000.pdf")  # another form's number
    with pytest.raises(InputError) as info:
        fill_form("DV-100", SAMPLE, out=tmp_path / "f.pdf", folder=folder)
    assert "DV-100_2027.pdf" in info.value.message and "revision of DV-100" in info.value.message
    assert any("Known revision of DV-100: 2025-01-01" in d for d in info.value.details)
    assert not (tmp_path / "f.pdf").exists()
    assert locate_form("DV-101", folder).source == "shipped"  # the other forms are not affected


def test_forms_command_lists_every_form_and_where_it_comes_from(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["forms"], env={"LEGAL_DOCS_FORMS_DIR": ""})
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert set(form_specs()) <= set(lines)
    for form_id in form_specs():
        assert lines[form_id].split()[1:3] == [get_form(form_id).revisions[0].revision, "shipped"], lines[form_id]
    assert "not served" in lines["CLETS-001"] and "not served" not in lines["DV-100"]

    partial = tmp_path / "forms"
    partial.mkdir()
    shutil.copy(FORMS / "clets001.pdf", partial / "clets001.pdf")
    make_pdf(partial / "dv101.pdf")
    result = runner.invoke(main, ["forms"], env={"LEGAL_DOCS_FORMS_DIR": str(partial)})
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "folder: clets001.pdf" in lines["CLETS-001"] and "shipped" in lines["DV-100"]
    assert "unavailable" in lines["DV-101"] and "no field map for" in lines["DV-101"]
    assert "courts.ca.gov" in result.output

    result = runner.invoke(main, ["forms", "--forms-dir", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_global_forms_dir_option_reaches_every_command(tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(FORMS / "dv100.pdf", folder / "dv100.pdf")
    result = CliRunner().invoke(main, ["--forms-dir", str(folder), "forms"], env={"LEGAL_DOCS_FORMS_DIR": ""})
    assert result.exit_code == 0, result.output
    dv100 = [line for line in result.output.splitlines() if line.split()[:1] == ["DV-100"]]
    assert len(dv100) == 1 and "folder: dv100.pdf" in dv100[0], result.output


# ---------------------------------------------------------------------------- DV-100 rows and details
# Items 4a/4b, 16, 22, 23 and 28 beyond their main boxes. Answers kept apart from SAMPLE so the
# tests above are untouched; every expected name is without the per-instance top name "DV-100".

DV100_ROWS: dict[str, Any] = {
    "case": {"number": "25FL001234"},
    "other_orders": {"exist": "yes", "orders": [{"date": "01/02/2025", "expires": "01/09/2025"},
                                                {"date": "02/03/2025", "expires": "02/03/2028"}]},
    "other_cases": {"exist": "yes", "custody": "Los Angeles, 2024, 24FL000111", "divorce": True,
                    "guardianship": "Fresno, 2023, 23PR000222",
                    "other": "Small claims: Oakland, 2022, 22SC000333"},
    "animals": [{"name": "Biscuit", "type": "Dog", "breed": "Beagle", "color": "Brown/white"},
                {"name": "Tag 4471", "type": "Cat", "color": "Gray"},
                {"name": "Pepper", "type": "Horse", "breed": "Morgan", "color": "Black"},
                {"name": "Kiwi", "type": "Parrot", "breed": "Conure", "color": "Green"}],
    "orders": {"protect_animals": True,
               "animals": {"stay_away": True, "other_yards": 50, "no_harm": True, "sole_possession": True,
                           "because_i_care": True, "because_other": "He kicked the dog",
                           "because_other_line2": "in front of me in March."},
               "pay_debts": True, "pay_expenses": True, "wireless_transfer": True,
               "debts": {"why": "He took out the car loan in my name.", "finding": "yes", "know_how": "yes",
                         "how": "He used my Social Security number."}},
    "debts": [{"pay_to": "City Apartments", "purpose": "Rent", "amount": "1,450.00", "due_date": "05/01/2025"},
              {"pay_to": "Auto Credit", "purpose": "Car loan", "amount": 389, "due_date": "05/15/2025",
               "from_abuse": True},
              {"pay_to": "PG&E", "purpose": "Power", "amount": "92.10", "due_date": "05/20/2025"}],
    "expenses": [{"pay_to": "County Hospital", "purpose": "ER visit", "amount": "2,300.00"},
                 {"pay_to": "Dr. Lee", "purpose": "Counseling", "amount": 600},
                 {"pay_to": "Lock & Key", "purpose": "New locks", "amount": "180.00"},
                 {"pay_to": "Motel 6", "purpose": "Housing", "amount": "420.00"}],
    "wireless_numbers": [{"number": "(213) 555-0101", "whose": "mine"},
                         {"number": "(213) 555-0102", "whose": "child"},
                         {"number": "(323) 555-0103", "whose": "child"},
                         {"number": "(323) 555-0104", "whose": "mine"}],
}

P2 = "DV-100[0].Page2[0].List4[0]"
P9A = "DV-100[0].Page9[0].List16[0].Li1[0].List[0]"  # 16a rows
P9B = "DV-100[0].Page9[0].List16[0].Li2[0].List[0]"  # 16b orders
P10A = "DV-100[0].Page10[0].List22[0].Li1[0].List[0]"  # 22a debt rows
P10B = "DV-100[0].Page10[0].List22[0].Li2[0].List[0]"  # 22b special finding
P11 = "DV-100[0].Page11[0].List23[0].Li1[0]"  # 23 expense rows
P12 = "DV-100[0].Page12[0].List28[0]"  # 28 wireless numbers
DV100_ROWS_TEXT: dict[str, str] = {
    f"{P2}.Li1[0].List1[0].Li1[0].DateField8[0]": "01/02/2025",
    f"{P2}.Li1[0].List1[0].Li1[0].DateField5[0]": "01/09/2025",
    f"{P2}.Li1[0].List1[0].Li2[0].DateField9[0]": "02/03/2025",
    f"{P2}.Li1[0].List1[0].Li2[0].DateField7[0]": "02/03/2028",
    f"{P2}.Li2[0].TextField1[0]": "Los Angeles, 2024, 24FL000111",
    f"{P2}.Li2[0].TextField4[0]": "Fresno, 2023, 23PR000222",
    f"{P2}.Li2[0].TextField6[0]": "Small claims: Oakland, 2022, 22SC000333",
    f"{P9A}.Li1[0].TextField1[0]": "Biscuit", f"{P9A}.Li1[0].TextField2[0]": "Dog",
    f"{P9A}.Li1[0].TextField3[0]": "Beagle", f"{P9A}.Li1[0].TextField4[0]": "Brown/white",
    f"{P9A}.Li2[0].TextField[0]": "Tag 4471", f"{P9A}.Li2[0].TextField1[0]": "Cat",
    f"{P9A}.Li2[0].TextField3[0]": "Gray",
    f"{P9A}.Li3[0].TextField[0]": "Pepper", f"{P9A}.Li3[0].TextField1[0]": "Horse",
    f"{P9A}.Li3[0].TextField2[0]": "Morgan", f"{P9A}.Li3[0].TextField3[0]": "Black",
    f"{P9A}.Li4[0].TextField[0]": "Kiwi", f"{P9A}.Li4[0].TextField1[0]": "Parrot",
    f"{P9A}.Li4[0].TextField2[0]": "Conure", f"{P9A}.Li4[0].TextField3[0]": "Green",
    f"{P9B}.Li1[0].TextField[0]": "50",
    f"{P9B}.Li3[0].TextField1[0]": "He kicked the dog",
    f"{P9B}.Li3[0].TextField2[0]": "in front of me in March.",
    f"{P10A}.Li1[0].TextField[0]": "City Apartments", f"{P10A}.Li1[0].TextField2[0]": "Rent",
    f"{P10A}.Li1[0].TextField3[0]": "1,450.00", f"{P10A}.Li1[0].DateField1[0]": "05/01/2025",
    f"{P10A}.Li2[0].TextField[0]": "Auto Credit", f"{P10A}.Li2[0].TextField1[0]": "Car loan",
    f"{P10A}.Li2[0].TextField3[0]": "389", f"{P10A}.Li2[0].DateField2[0]": "05/15/2025",
    f"{P10A}.Li3[0].TextField[0]": "PG&E", f"{P10A}.Li3[0].TextField1[0]": "Power",
    f"{P10A}.Li3[0].TextField3[0]": "92.10", f"{P10A}.Li3[0].DateField3[0]": "05/20/2025",
    "DV-100[0].Page10[0].List22[0].Li1[0].item26d_tf[0]": "He took out the car loan in my name.",
    f"{P10B}.Li2[0].item26d_tf[0]": "He used my Social Security number.",
    f"{P11}.T47[0]": "County Hospital", f"{P11}.T50[0]": "ER visit", f"{P11}.T53[0]": "2,300.00",
    f"{P11}.T56[0]": "Dr. Lee", f"{P11}.T59[0]": "Counseling", f"{P11}.T62[0]": "600",
    f"{P11}.T63[0]": "Lock & Key", f"{P11}.T66[0]": "New locks", f"{P11}.T67[0]": "180.00",
    f"{P11}.T68[0]": "Motel 6", f"{P11}.T69[0]": "Housing", f"{P11}.T70[0]": "420.00",
    f"{P12}.Li1[0].Telephone2_ft[0]": "(213) 555-0101", f"{P12}.Li2[0].Telephone3_ft[0]": "(213) 555-0102",
    f"{P12}.Li3[0].Telephone2_ft[0]": "(323) 555-0103", f"{P12}.Li4[0].Telephone3_ft[0]": "(323) 555-0104",
}
# checkbox -> the on-state it must show
DV100_ROWS_ON: dict[str, str] = {
    f"{P2}.Li1[0].YesNo4a_cb[1]": "/3",  # 4a yes
    f"{P2}.Li2[0].YesNo4b_cb[1]": "/3",  # 4b yes
    f"{P2}.Li2[0].CheckBox1[0]": "/1",  # custody
    f"{P2}.Li2[0].CheckBox2[0]": "/1",  # divorce (true: box only)
    f"{P2}.Li2[0].CheckBox4[0]": "/1",  # guardianship
    f"{P2}.Li2[0].CheckBox6[0]": "/1",  # other
    "DV-100[0].Page9[0].List16[0].CheckBoxRightCaption[0]": "/1",  # 16 protect animals
    f"{P9B}.Li1[0].CheckBoxRightCaption[0]": "/1",  # stay away from the animals
    f"{P9B}.Li1[0].YesNo16b1_cb[1]": "/11",  # other number of yards
    f"{P9B}.Li2[0].MultilineCheckBox[0]": "/1",  # not take, sell, harm
    f"{P9B}.Li3[0].CheckBoxRightCaption1[0]": "/1",  # sole possession
    f"{P9B}.Li3[0].CheckBoxRightCaption3[0]": "/1",  # I take care of them
    f"{P9B}.Li3[0].CheckBoxRightCaption5[0]": "/1",  # other reason
    "DV-100[0].Page10[0].List22[0].CheckBoxRightCaption[0]": "/1",  # 22 pay debts
    f"{P10B}.checkbox22b[1]": "/1",  # special finding: yes
    f"{P10B}.Li1[0].CheckBoxRightCaption2[0]": "/1",  # a(2) resulted from the abuse
    f"{P10B}.Li2[0].YesNo22b2_cb[1]": "/11",  # knows how: yes
    f"{P11}.CtyChildFreed_cb[0]": "/1",  # 23 pay expenses
    f"{P12}.AGHagueCert_cb[0]": "/1",  # 28 wireless account
    f"{P12}.Li1[0].item28aMyNoa_cb[0]": "/1",  # a: my number
    f"{P12}.Li2[0].item28bMyNob_cb[1]": "/11",  # b: child's number
    f"{P12}.Li3[0].item28aMyNoc_cb[1]": "/11",  # c: child's number
    f"{P12}.Li4[0].item28bMyNod_cb[0]": "/1",  # d: my number
}
DV100_ROWS_OFF: list[str] = [
    f"{P2}.Li1[0].YesNo4a_cb[0]", f"{P2}.Li2[0].YesNo4b_cb[0]",
    f"{P2}.Li2[0].CheckBox3[0]", f"{P2}.Li2[0].CheckBox5[0]",  # juvenile, criminal: not answered
    f"{P9B}.Li1[0].YesNo16b1_cb[0]",  # 100 yards (other_yards given instead)
    f"{P9B}.Li3[0].CheckBoxRightCaption2[0]", f"{P9B}.Li3[0].CheckBoxRightCaption4[0]",  # abused, purchased
    f"{P10B}.checkbox22b[0]", f"{P10B}.Li2[0].YesNo22b2_cb[0]",  # the two "no" boxes of 22b
    f"{P10B}.Li1[0].CheckBoxRightCaption1[0]", f"{P10B}.Li1[0].CheckBoxRightCaption3[0]",  # a(1), a(3)
    f"{P12}.Li1[0].item28aMyNoa_cb[1]", f"{P12}.Li2[0].item28bMyNob_cb[0]",  # 28: the other box of each row
    f"{P12}.Li3[0].item28aMyNoc_cb[0]", f"{P12}.Li4[0].item28bMyNod_cb[1]",
]
DV100_ROWS_EMPTY: list[str] = [
    f"{P2}.Li2[0].TextField2[0]",  # divorce: true ticks the box and writes nothing
    f"{P9A}.Li2[0].TextField2[0]",  # second animal: no breed given
]


def test_dv100_rows_read_back(tmp_path: Path) -> None:
    filled = fill_form("DV-100", DV100_ROWS, out=tmp_path / "rows.pdf")
    assert filled.attachment_pages == 0
    reader = PdfReader(filled.path)
    values = _values(filled.path)
    for name, value in DV100_ROWS_TEXT.items():
        assert values[f"DV-100.{name}"] == value, name
    for name, state in DV100_ROWS_ON.items():
        assert values[f"DV-100.{name}"] == state, name
        assert _on_state(reader, f"DV-100.{name}") == state, name
    for name in DV100_ROWS_OFF:
        assert values.get(f"DV-100.{name}") in (None, "/Off"), name
        assert _on_state(reader, f"DV-100.{name}") in ("None", "/Off"), name
    for name in DV100_ROWS_EMPTY:
        assert values.get(f"DV-100.{name}") in (None, ""), name


def test_dv100_a_long_row_value_continues_on_an_attachment_under_its_item(tmp_path: Path) -> None:
    case = ("Los Angeles Superior Court, Stanley Mosk Courthouse, filed 2024, case 24STFL000111; "
            "appeal filed 2025 in the Court of Appeal, Second District, case B334455")
    filled = fill_form("DV-100", {"other_cases": {"exist": "yes", "custody": case}},
                       out=tmp_path / "long.pdf")
    assert filled.attachment_pages == 1
    assert _values(filled.path)[f"DV-100.{P2}.Li2[0].TextField1[0]"].startswith(SEE_ATTACHMENT)
    attached = " ".join(" ".join(p.extract_text() for p in PdfReader(filled.path).pages[13:]).split())
    assert "item 4b, custody case" in attached and "24STFL000111" in attached


def test_multi_line_text_is_wrapped_in_the_appearance_and_kept_whole_in_the_value(tmp_path: Path) -> None:
    """A viewer that draws the stored appearance (Preview, a flattened copy) shows every word of a
    multi-line box, wrapped to its width; the field's value stays the text as given."""
    details = ("He drove me to Sacramento and made me meet men for money. He kept all of it. When I cried "
               "he said he would send the photos he had of me to my family. ") * 2
    details = details.strip()
    answers = {"abuse": {"incidents": [{}, {}, {}, {"date": "06/15/2026", "details": details}]}}
    filled = fill_form("DV-101", answers, out=tmp_path / "f.pdf")
    assert filled.attachment_pages == 0
    reader = PdfReader(filled.path)
    widget = next(a.get_object() for a in reader.pages[0]["/Annots"]
                  if a.get_object().get("/T") == "TextField2[0]")
    assert widget["/V"] == details  # no line breaks added to the value
    stream = widget["/AP"]["/N"].get_object().get_data().decode("latin-1")
    assert stream.count(" Tj") >= 3  # drawn on several lines, not one clipped line
    flat = fill_form("DV-101", answers, out=tmp_path / "flat.pdf", flatten=True)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(flat.path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert " ".join(text.split()).count("send the photos he had of me to my family") == 2


def test_the_font_widths_are_pypdfs_core_14_metrics() -> None:
    """data/core_font_widths.yaml is a copy of the AFM widths pypdf carries (forms.py measures field
    text with it instead of importing pypdf): a wrong or truncated copy would move text between a
    field and its attachment page."""
    from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS

    from legal_docs.forms import _AFM, _widths

    for family, afm in _AFM.items():
        assert _widths(family) == dict(CORE_FONT_METRICS[afm].character_widths)
