"""Protective-order papers safe to serve and true under oath (issue 14): the rules behind what the
DV, CH and JV papers say, each tested on the held-out-style cases (counsel present and absent, harm
unstated, a minor, a threatened parent), with the official forms filled and read back field by field.
No LibreOffice here: tests/test_generate_protective.py makes whole packets."""

from __future__ import annotations

import copy
import re
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from helpers import example_data
from pdfcheck import field_values
from legal_docs.answers import validate_answers
from legal_docs.errors import InputError
from legal_docs.forms import fill_form
from test_forms import FORMS

KIND = "protective-order"
ROUTES = ["juvenile", "dvro", "civil-harassment"]
TODAY = dt.date(2026, 11, 22)
DV100 = "DV-100[0]"


def sample(route: str) -> dict[str, Any]:
    return copy.deepcopy(example_data(KIND, route))


def plan_of(data: dict[str, Any]):
    spec, model = validate_answers(data, base_dir=Path("."))
    (plan,) = spec.planner(model, today=TODAY)
    return plan


def problems(data: dict[str, Any]) -> str:
    with pytest.raises(InputError) as err:
        validate_answers(data, base_dir=Path("."))
    return " ".join([err.value.message, *err.value.details])


def filled(data: dict[str, Any], form_id: str, tmp_path: Path, *, answers: str = KIND) -> dict[str, Any]:
    """The form filled from the planner's answers, read back: qualified field name -> value."""
    plan = plan_of(data)
    out = fill_form(form_id, plan.facts["form_answers"][answers], out=tmp_path / f"{form_id}.pdf", folder=FORMS)
    return field_values(out.path)


def ticked(values: dict[str, Any], name: str) -> bool:
    return values.get(name) not in (None, "/Off")


# -- (4) CLETS-001 is its own confidential file --------------------------------------------------


@pytest.mark.parametrize("route", ROUTES)
def test_clets001_is_its_own_file_outside_both_packets_on_every_route(route: str) -> None:
    plan = plan_of(sample(route))
    clets = [d for d in plan.documents if d.form == "CLETS-001"]
    assert len(clets) == 1
    assert clets[0].confidential and not clets[0].in_packet and not clets[0].serve
    assert not any(d.confidential for d in plan.documents if d.form != "CLETS-001")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_letter_says_how_clets001_is_handed_in(lang: str, route: str) -> None:
    data = sample(route)
    data["client"] = {"language": lang}
    letter = next(d for d in plan_of(data).documents if d.key == "client-letter")
    text = " ".join(b["text"] for b in letter.context["doc"]["blocks"])
    expected = {"en": "I give the form CLETS-001 to the clerk separately",
                "es": "El formulario CLETS-001 se lo entrego aparte al"}[lang]
    assert expected in text


def test_the_command_output_names_each_file_and_says_clets001_is_handed_in_separately() -> None:
    from click.testing import CliRunner

    import click

    from legal_docs.manifest import Manifest
    from legal_docs_cli.main import _report_packet

    manifest = Manifest.model_validate({
        "tool": {"name": "legal-docs"}, "kind": "protective-order", "title": "Request", "generated_at": "",
        "inputs": {"answers_sha256": ""}, "court": "Alameda", "status": "complete", "documents": [
            {"key": "request", "title": "DV-100", "docx": None, "pdf": "01-dv-100.pdf"},
            {"key": "clets", "title": "CLETS-001", "docx": None, "pdf": "clets-001-confidential.pdf",
             "confidential": True},
            {"key": "letter", "title": "Letter", "docx": "letter-to-client.docx", "pdf": "letter-to-client.pdf"},
        ]})

    @click.command()
    def show() -> None:
        _report_packet(Path("out"), manifest)

    out = CliRunner().invoke(show).output
    assert "None" not in out
    assert "  01-dv-100.pdf\n" in out and "letter-to-client.docx  letter-to-client.pdf" in out
    assert "hand it to the clerk as a separate paper" in out and "not in packet.pdf or service-packet.pdf" in out


# -- (1) contact details on papers the other side receives ---------------------------------------


def test_with_counsel_dv100_item_1_carries_the_lawyers_address_phone_and_email(tmp_path: Path) -> None:
    data = sample("dvro")
    values = filled(data, "DV-100", tmp_path)
    item1 = f"DV-100.{DV100}.Page1[0].List1[0]"
    assert values[f"{item1}.Li3[0].address_ft[0]"] == "510 Example Street, Suite 200"
    assert values[f"{item1}.Li3[0].T70[0]"] == "Oakland" and values[f"{item1}.Li3[0].T77[0]"] == "94612"
    assert values[f"{item1}.Li4[0].T42[0]"] == "(510) 555-0150"
    assert values[f"{item1}.Li4[0].T73[0]"] == "hpark@example.org"
    assert values[f"{item1}.Li5[0].ParentRel1[0]"] == "Helen Park"
    # the client's own phone, email and mailing address are nowhere on the served form
    client = {"(510) 555-0199", "kiara.example@example.com", "P.O. Box 4521"}
    assert not client & {str(v) for v in values.values()}


def test_clets001_keeps_the_clients_own_phone_for_law_enforcement(tmp_path: Path) -> None:
    values = filled(sample("dvro"), "CLETS-001", tmp_path)
    assert "(510) 555-0199" in {str(v) for v in values.values()}


# -- (2) a yes/no the answers do not settle stays blank ------------------------------------------

HARM = {0: ("Page3[0].List5[0].Li4[0].YesNo5d_cb", ""), 1: ("Page4[0].List6[0].Li4[0].YesNo6d_cb", ""),
        2: ("Page5[0].List7[0].Li4[0].YesNo7d_cb", "")}


def test_harm_unstated_leaves_dv100_5d_6d_7d_blank_never_no(tmp_path: Path) -> None:
    data = sample("dvro")
    for incident in data["incidents"]:
        incident.pop("injuries", None)
        incident.pop("harm", None)
    values = filled(data, "DV-100", tmp_path)
    for box, _ in HARM.values():
        assert not ticked(values, f"DV-100.{DV100}.{box}[0]"), box  # "No"
        assert not ticked(values, f"DV-100.{DV100}.{box}[1]"), box  # "Yes"
    assert any("harm" in w and "left blank" in w for w in plan_of(data).warnings)


def test_harm_is_no_only_when_the_client_says_no_and_yes_when_described(tmp_path: Path) -> None:
    data = sample("dvro")
    data["incidents"][1]["harm"] = "no"  # said no; incident 0 describes bruises
    values = filled(data, "DV-100", tmp_path)
    assert ticked(values, f"DV-100.{DV100}.{HARM[0][0]}[1]")  # 5d yes
    assert ticked(values, f"DV-100.{DV100}.{HARM[1][0]}[0]")  # 6d no
    assert not ticked(values, f"DV-100.{DV100}.{HARM[2][0]}[0]")  # 7d: described (neck) -> yes, never no
    assert ticked(values, f"DV-100.{DV100}.{HARM[2][0]}[1]")


def test_a_harm_no_beside_described_injuries_is_an_error() -> None:
    data = sample("dvro")
    data["incidents"][0]["harm"] = "no"
    assert "harm is 'no' but injuries" in problems(data)


def test_weapon_left_out_is_blank_and_said_no_is_no(tmp_path: Path) -> None:
    data = sample("dvro")
    data["incidents"][1]["weapon_used"] = "no"
    values = filled(data, "DV-100", tmp_path)
    assert ticked(values, f"DV-100.{DV100}.Page4[0].List6[0].Li3[0].YesNo6c_cb[0]")  # 6c no: said
    for n in (0, 1):  # 5c: nothing said
        assert not ticked(values, f"DV-100.{DV100}.Page3[0].List5[0].Li3[0].YesNo5c_cb[{n}]")


def test_unasked_police_witnesses_firearms_and_frequency_stay_blank(tmp_path: Path) -> None:
    data = sample("dvro")
    first = data["incidents"][0]
    for key in ("police", "witnesses", "witness_names", "emergency_order", "how_often"):
        first.pop(key, None)
    data["restrained"].pop("firearms", None)
    values = filled(data, "DV-100", tmp_path)
    page3 = f"DV-100.{DV100}.Page3[0].List5[0]"
    for box in [f"{page3}.Li2[0].YesNo5b_cb[{n}]" for n in range(3)] + [
            f"{page3}.Li5[0].YesNo5e_cb[{n}]" for n in range(3)] + [
            f"{page3}.Li7[0].YesNo5g_cb[{n}]" for n in range(4)] + [
            f"DV-100.{DV100}.Page6[0].List9[0].Li1[0].YesNo9abc_cb[0]"]:
        assert not ticked(values, box), box
    assert any("firearms item is left blank" in w for w in plan_of(data).warnings)


def test_dv101_emergency_order_is_blank_after_police_no_and_keeps_frequency_and_dates(tmp_path: Path) -> None:
    data = sample("dvro")  # incident 4: police no, weekly, June to September 2026
    values = filled(data, "DV-101", tmp_path)
    page1 = "DV-101.topmostSubform[0].Page1[0]"
    assert ticked(values, f"{page1}.Option_cb[1]")  # police came: no
    for n in (2, 3, 4, 5, 6):  # EPO yes / no / I don't know, and whom it protects
        assert not ticked(values, f"{page1}.Option_cb[{n}]"), n
    details = values[f"{page1}.TextField2[0]"]
    assert "This happened weekly." in details and "Other dates: June to September 2026." in details


def test_an_emergency_order_answered_without_police_is_an_error() -> None:
    data = sample("dvro")
    data["incidents"][1]["emergency_order"] = "unknown"  # police: no
    assert "emergency protective order is answered but the police did not come" in problems(data)


# -- (3) items the court completes are never filled ----------------------------------------------


def test_dv109_and_dv110_leave_the_hearing_and_the_courts_boxes_blank(tmp_path: Path) -> None:
    data = sample("dvro")
    data["hearing"] = {"date": "2026-12-10", "time": "08:30", "department": "505"}
    data["protected"]["date_of_birth"] = "2010-01-01"  # a minor: DV-109 5a stays the court's
    dv109 = filled(data, "DV-109", tmp_path)
    assert dv109["DV-109.DV-109[0].Page1[0].List1[0].Li1[0].YourName_tf[0]"] == "Kiara Monique Bell"
    assert dv109["DV-109.DV-109[0].Page1[0].List2[0].Li1[0].YourName_tf[0]"] == "Trevon Lamar Hayes"
    filled_109 = {k for k, v in dv109.items() if v not in (None, "", "/Off")}
    assert not [k for k in filled_109 if "List3" in k or "List4" in k or "List5" in k or "List6" in k]
    dv110 = filled(data, "DV-110", tmp_path)
    filled_110 = {k for k, v in dv110.items() if v not in (None, "", "/Off")}
    assert filled_110 and all(".List1[0]" in k or ".List2[0]" in k or ".List3[0]" in k or "CourtInfo" in k
                              or "CaseNumber" in k for k in filled_110), sorted(filled_110)


# -- letters ---------------------------------------------------------------------------------------


def _letter_text(data: dict[str, Any]) -> str:
    letter = next(d for d in plan_of(data).documents if d.key == "client-letter")
    return "\n".join(b["text"] for b in letter.context["doc"]["blocks"])


def test_the_spanish_civil_harassment_letter_gives_the_21_day_date() -> None:
    data = sample("civil-harassment")  # Spanish letter; signed 2026-11-20: 21 days -> Dec 11
    data["client"] = {"language": "es"}
    text = _letter_text(data)
    assert "a más tardar el 11 de diciembre de 2026" in text and "15 de diciembre" not in text
    data["temporary_order"]["good_cause_25_days"] = "The restrained person is out of state until December 14."
    assert "a más tardar el 15 de diciembre de 2026" in _letter_text(data)


@pytest.mark.parametrize("route", ROUTES)
def test_the_letter_tells_what_happens_in_the_order_it_happens(route: str) -> None:
    data = sample(route)
    data["client"] = {"language": "en"}
    text = _letter_text(data)
    hearing = "The court hearing is on" if data.get("hearing") else "The court sets the date of the hearing"
    steps = ["First, we read the papers together", "Then I file the papers", "The judge reads the papers",
             hearing, "Before the hearing, someone who is not you", "Last, the hearing"]
    at = [text.index(s) for s in steps]
    assert at == sorted(at)
    assert "under penalty of perjury" in text


# -- (5) attachment pages: the form's own item words, a caption, the count on DV-100 item 32 ------


def test_every_text_field_has_item_words_for_its_attachment_never_an_internal_path() -> None:
    from legal_docs.forms import _widgets_by_name, find_form, form_specs, item_words
    from legal_docs.packet import open_pdf

    for spec in form_specs().values():
        _spec, rev, blank = find_form(spec.id)
        with open_pdf(blank, noun=spec.id) as pdf:
            widgets = _widgets_by_name(pdf)
            named = {e.answer: item_words(e, widgets[e.field][0]) for e in rev.entries
                     if e.kind == "text" and e.answer != "attached_pages"}
        for answer, words in named.items():
            assert words and not re.search(r"\b[a-z_]+\.[a-z0-9_]+", words), (spec.id, answer, words)


def test_an_overflowing_item_is_continued_under_the_forms_words_with_a_caption(tmp_path: Path) -> None:
    data = sample("dvro")
    long_name = "Denise Alexandra Marguerite Bell-Washington de la Fuente y Montenegro-Villalobos"
    data["others"] = [{"name": long_name, "relationship": "mother", "sex": "female"}]
    data["others_why"] = "Trevon said he would hurt my mother if I did not come back."
    plan = plan_of(data)
    answers = plan.facts["form_answers"][KIND]
    out = fill_form("CLETS-001", answers, out=tmp_path / "c.pdf", folder=FORMS)
    assert out.attachment_pages == 1
    text = " ".join(PdfReader(out.path).pages[-1].extract_text().split())
    values = {k: str(f.get("/V", "")) for k, f in (PdfReader(out.path).get_fields() or {}).items()}
    assert values["CLETS-001.MC-025-1.FillText6"] == "Kiara Monique Bell v. Trevon Lamar Hayes"  # MC-025's caption
    assert values["CLETS-001.MC-025-1.FillText9"] == "1"  # "See attachment 1" in the field
    assert f"Attachment 1 to CLETS-001: item 4, Name {long_name}" in text and "others.0" not in text
    # a short word a little wider than its box ("female" in the gender column) is drawn smaller, not sent away
    assert "Gender" not in text


def test_dv100_item_32_counts_the_forms_attached_and_its_own_attachment_pages(tmp_path: Path) -> None:
    answers = plan_of(sample("dvro")).facts["form_answers"][KIND]
    field = f"{DV100}.Page13[0].List32[0].Li1[0].T97[0]"

    def item32(a: dict[str, Any], pages: int | None) -> Any:
        made = fill_form("DV-100", a, out=tmp_path / "d.pdf", folder=FORMS, attached_pages=pages)
        return made, field_values(made.path)[f"DV-100.{field}"]

    assert item32(answers, 2)[1] == "2"  # DV-101's two pages
    assert item32(answers, 0)[1] in (None, "")  # nothing attached: blank, not "0"
    long = copy.deepcopy(answers)
    long["abuse"]["incidents"][0]["details"] = "He came to the bus stop and grabbed my arm. " * 120
    made, value = item32(long, 2)
    assert made.attachment_pages >= 1 and value == str(2 + made.attachment_pages)


# -- (6) multi-line text sits on the form's printed rules ------------------------------------------


def _word_boxes(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(top, bottom, word) of each word pdftotext finds on ``page`` (top-down points)."""
    import subprocess

    html = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [(float(t), float(b), w) for t, b, w in
            re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', html)]


def test_a_long_narrative_sits_on_the_dv100_rules_and_no_rule_runs_through_its_letters(tmp_path: Path) -> None:
    import pikepdf

    from legal_docs.forms import _horizontal_rules

    data = sample("dvro")
    data["incidents"][0]["details"] = " ".join(
        f"Sentence {n}: he grabbed my arm, pulled me toward his car and said I belonged to him." for n in range(7))
    out = fill_form("DV-100", plan_of(data).facts["form_answers"][KIND], out=tmp_path / "d.pdf", folder=FORMS)
    assert out.attachment_pages == 0  # seven of the box's eight rules
    with pikepdf.open(out.path) as pdf:
        assert not bool(pdf.Root.AcroForm.get("/NeedAppearances"))  # viewers show these appearances
        rules = [792 - y for left, right, y in _horizontal_rules(pdf.pages[2]) if left < 100 and right > 500]
    words = [(top, bottom) for top, bottom, w in _word_boxes(out.path, 3) if w.startswith("Sentence")]
    assert len(words) >= 6
    for _top, bottom in words:
        baseline = bottom - 3.0  # pdftotext's box ends at the font's descent (about 0.22 em below)
        through = [r for r in rules if baseline - 7.5 < r < baseline - 0.5]  # across the letters
        assert not through, (baseline, through)
        assert any(baseline - 0.5 <= r <= bottom + 0.5 for r in rules), baseline  # sits on a rule


def test_text_the_forms_font_cannot_show_is_drawn_in_our_appearance_and_viewers_keep_it(tmp_path: Path) -> None:
    import pikepdf

    data = sample("dvro")
    data["protected"]["name"] = "Nguyễn Thị Hương"  # ễ is not in the forms' WinAnsi fonts: embedded fonts draw it
    out = fill_form("DV-100", plan_of(data).facts["form_answers"][KIND], out=tmp_path / "d.pdf", folder=FORMS)
    with pikepdf.open(out.path) as pdf:
        assert not bool(pdf.Root.AcroForm.get("/NeedAppearances"))  # a regenerating viewer would drop ễ


# -- (8) the orders the facts point to; (7) everyone threatened; firearms; a minor's guardian ------


def test_property_control_and_recording_are_asked_on_dv100_items_17_and_19(tmp_path: Path) -> None:
    data = sample("dvro")
    data["orders"]["property_control"] = {"items": "My California ID card and my phone.",
                                          "why": "He took my ID so I could not leave."}
    data["orders"]["record_communications"] = True
    values = filled(data, "DV-100", tmp_path)
    page9 = f"DV-100.{DV100}.Page9[0]"
    assert ticked(values, f"{page9}.List17[0].CtyChildFreed_cb[0]")
    assert values[f"{page9}.List17[0].Li1[0].item26d_tf[0]"] == "My California ID card and my phone."
    assert values[f"{page9}.List17[0].Li2[0].item26d_tf[0]"] == "He took my ID so I could not leave."
    assert ticked(values, f"{page9}.List19[0].Li1[0].CtyChildFreed_cb[0]")
    plain = filled(sample("dvro"), "DV-100", tmp_path)  # not asked: not ticked
    assert not ticked(plain, f"{page9}.List17[0].CtyChildFreed_cb[0]")
    assert not ticked(plain, f"{page9}.List19[0].Li1[0].CtyChildFreed_cb[0]")


@pytest.mark.parametrize("route", ["juvenile", "civil-harassment"])
def test_property_control_and_recording_are_domestic_violence_orders_only(route: str) -> None:
    data = sample(route)
    data["orders"]["record_communications"] = True
    assert "DV-100 item 19" in problems(data)


def _restraints(plan: Any, key: str = "proposed-order-after-hearing") -> str:
    doc = next(d for d in plan.documents if d.key == key)
    return "\n".join(b["text"] for b in doc.context["doc"]["blocks"])


def test_the_civil_firearm_order_carries_the_relinquishment_terms_of_ccp_527_9() -> None:
    # the civil harassment route files CH-110 and CH-130, whose printed orders carry the relinquishment
    # terms the court grants: no pleading-paper order restates them
    plan = plan_of(sample("civil-harassment"))
    assert {"ch-110", "ch-130"} <= {d.key for d in plan.documents}
    assert not [d for d in plan.documents if d.key.startswith("proposed-")]
    juvenile = _restraints(plan_of(sample("juvenile")))
    assert "527.9" not in juvenile and "must not own, possess" in juvenile.lower()


@pytest.mark.parametrize("route", ROUTES)
def test_a_threatened_mother_can_be_protected_on_every_route(route: str, tmp_path: Path) -> None:
    data = sample(route)
    data["others"] = [{"name": "Denise Example", "relationship": "mother", "sex": "female"}]
    data["others_why"] = "He said he would hurt her mother if she did not come back."
    plan = plan_of(data)
    if route == "dvro":
        dv100 = filled(data, "DV-100", tmp_path)
        row = f"DV-100.{DV100}.Page6[0].List8[0].Li2[0].List[0].li1[0]"
        assert dv100[f"{row}.item3fullname1_tf[0]"] == "Denise Example"
        assert dv100[f"{row}.item3Relation1_tf[0]"] == "mother"
        dv110 = filled(data, "DV-110", tmp_path)
        assert dv110["DV-110.DV-110[0].Page1[0].List3[0].Li1[0].item3FullName1_tf1[0]"] == "Denise Example"
    elif route == "civil-harassment":  # CH-100 item 3 (the form, not a pleading-paper order)
        ch100 = filled(data, "CH-100", tmp_path)
        assert ch100["CH-100.CH-100[0].Page1[0].List3[0].Li3a[0].OtherProtectedName1[0]"] == "Denise Example"
        assert ch100["CH-100.CH-100[0].Page1[0].List3[0].Li3a[0].OtherProtectedRelation1[0]"] == "mother"
    else:
        assert "Denise Example" in _restraints(plan) or "Denise Example" in _restraints(plan, "declaration")
    clets = filled(data, "CLETS-001", tmp_path)
    assert "Denise Example" in {str(v) for v in clets.values()}


def test_a_civil_harassment_minor_of_12_or_more_is_told_a_guardian_is_not_needed() -> None:
    data = sample("civil-harassment")  # a minor with her mother as guardian ad litem
    plan = plan_of(data)
    assert any("may ask without one (Code Civ. Proc., § 372)" in w for w in plan.warnings)
    assert "ccp-372" in plan.authorities and any("§ 372" in line for line in plan.review_authorities)
    data["protected"].pop("guardian")
    plan = plan_of(data)
    assert any("asks on their own" in w for w in plan.warnings)
    caption = " ".join(plan.facts["protected"]["caption_name"].split())
    assert "guardian" not in caption and caption.endswith("a minor")
    young = sample("civil-harassment")
    young["protected"]["date_of_birth"] = (TODAY.replace(year=TODAY.year - 10)).isoformat()
    young["protected"].pop("guardian")
    assert any("under 12: an adult must ask" in w for w in plan_of(young).warnings)


# -- (1) without counsel: the client's own safe contact, and she is told who sees it ---------------


def test_without_counsel_dv100_item_1_carries_her_safe_address_and_she_is_warned(tmp_path: Path) -> None:
    data = sample("dvro")
    data.pop("attorney")
    plan = plan_of(data)
    assert not [d for d in plan.documents if d.key == "client-letter"]  # the letter is the lawyer's
    assert any("has no lawyer" in w and "which the restrained person receives" in w for w in plan.warnings)
    values = filled(data, "DV-100", tmp_path)
    item1 = f"DV-100.{DV100}.Page1[0].List1[0]"
    assert values[f"{item1}.Li3[0].address_ft[0]"] == "P.O. Box 4521"
    assert values[f"{item1}.Li4[0].T42[0]"] == "(510) 555-0199"
    assert values[f"{item1}.Li4[0].T73[0]"] == "kiara.example@example.com"
    for name in (f"{item1}.Li5[0].ParentRel1[0]", f"{item1}.Li5[0].ParentRel2[0]",
                 f"DV-100.{DV100}.Page13[0].List34[0].Li1[0].T14[0]"):
        assert values.get(name) in (None, ""), name  # no lawyer's name, bar number or signature line


def test_without_counsel_a_safe_mailing_address_is_required() -> None:
    data = sample("dvro")
    data.pop("attorney")
    data["protected"].pop("mailing_address")
    assert "give a safe mailing address (protected.mailing_address)" in problems(data)


@pytest.mark.parametrize("route", ["juvenile", "civil-harassment"])
def test_pleading_routes_need_counsel(route: str) -> None:
    data = sample(route)
    data.pop("attorney")
    assert "filed by a lawyer" in problems(data)


# -- the letters: in the order things happen, the closing kept with the signature -------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_vacatur_letter_does_not_say_the_papers_were_sent_before_they_are_signed(lang: str) -> None:
    data = copy.deepcopy(example_data("vacatur"))
    data.setdefault("client", {})["language"] = lang
    spec, model = validate_answers(data, base_dir=Path("."))
    for served in (True, False):
        if not served:
            model = model.model_copy(update={"service": None})
        plan = spec.planner(model, today=TODAY)[0]
        letter = next(d for d in plan.documents if d.key == "client-letter")
        text = " ".join(b["text"] for b in letter.context["doc"]["blocks"])
        signed, will_sign = {"en": ("You signed the page", "You will sign"),
                             "es": ("Usted firmó la página", "Usted firmará")}[lang]
        assert (signed in text) == served and (will_sign in text) == (not served), (lang, served)


def test_the_closing_is_kept_with_the_signature_in_the_letter(tmp_path: Path) -> None:
    from docx import Document

    from legal_docs.render import render_docx
    from legal_docs.resources import template_file

    letter = next(d for d in plan_of(sample("civil-harassment")).documents if d.key == "client-letter")
    out = tmp_path / "letter.docx"
    render_docx(template_file(letter.template), letter.context, out, title="letter")
    paragraphs = Document(str(out)).paragraphs
    closing = next(n for n, p in enumerate(paragraphs) if p.text == "Atentamente,")

    def kept(p: Any) -> bool:
        return bool(p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next)

    tail = [p for p in paragraphs[closing:] if p.text or p.style.name.startswith("Letter Signature")]
    assert all(kept(p) for p in tail[:-1]), [(p.text, p.style.name) for p in tail]
    assert tail[-1].text == "Example Youth Law Project"


def test_a_caregiver_living_with_the_minor_is_named_by_initials_in_the_served_pleadings(tmp_path: Path) -> None:
    plan = plan_of(sample("juvenile"))  # Patricia Okafor, the resource parent M.V. lives with
    for key in ("declaration", "proposed-order-after-hearing"):
        text = _restraints(plan, key) if key != "declaration" else repr(
            next(d for d in plan.documents if d.key == key).context)
        assert "Patricia Okafor" not in text and "P.O., M.V.'s caregiver" in text, key
    clets = filled(sample("juvenile"), "CLETS-001", tmp_path)  # law enforcement still has the full name
    assert "Patricia Okafor" in {str(v) for v in clets.values()}
    # JV-250, the order served on him, asks for full names (item 3): printed, and the attorney is told
    assert "Patricia Okafor" in {str(v) for v in filled(sample("juvenile"), "JV-250", tmp_path).values()}
    warned = [w for w in plan.warnings if "name Julian Vega and Patricia Okafor in full" in w]
    assert len(warned) == 1 and "They live with the protected person" in warned[0]
    assert warned[0].endswith("The pleading papers use initials.")  # the juvenile route has pleadings
    data = sample("dvro")  # forms only: no pleading paper to speak of
    data["others"] = [{"name": "Rosa Example", "relationship": "mother", "lives_with_protected": True,
                       "sex": "female"}]
    data["others_why"] = "He said he would hurt her mother if she left."
    dv = [w for w in plan_of(data).warnings if "in full" in w]
    assert len(dv) == 1 and "pleading" not in dv[0]
    data = sample("juvenile")
    for other in data["others"]:
        other["lives_with_protected"] = False
    assert not [w for w in plan_of(data).warnings if "in full" in w]


# -- the civil harassment route, on its official forms (CH-100, CH-109, CH-110, CH-130, CH-160, CH-200) --

CH = "civil-harassment"
CH1 = "CH-100.CH-100[0].Page1[0]."
CH3 = "CH-100.CH-100[0].Page3[0].List7ab[0]."
CH7A = CH3 + "Sublist7a[0].LIST1[0]."
# each served CH form's item 1b (the address for papers) and the lawyer's name in 1a, by form
CH_CONTACT = {
    "CH-100": ("CH-100.CH-100[0].Page1[0].List1[0].Li1b[0].Protected", "CH-100.CH-100[0].Page1[0].List1[0].Li1a[0]."
               "ProtectedLawyerName[0]"),
    "CH-109": ("CH-109.CH-109[0].Page1[0].Item1[0].Lib[0].protected", "CH-109.CH-109[0].Page1[0].Item1[0].Lia[0]."
               "protectedLawyerName[0]"),
    "CH-110": ("CH-110.CH-110[0].Page1[0].List1[0].Li1b[0].Protected", "CH-110.CH-110[0].Page1[0].List1[0].Li1a[0]."
               "ProtectedLawyerName[0]"),
    "CH-130": ("CH-130.CH-130[0].Page1[0].List1[0].LiB[0].Protected", "CH-130.CH-130[0].Page1[0].List1[0].LiA[0]."
               "ProtectedLawyerName[0]"),
}
CLIENT_CONTACT = {"phone": "(619) 555-0142", "email": "ana.example@example.com",
                  "mailing_address": {"street": "P.O. Box 881", "city": "Chula Vista", "state": "CA", "zip": "91910"}}


def ch_sample(**protected: Any) -> dict[str, Any]:
    data = sample(CH)
    data["protected"].update(copy.deepcopy(protected))
    return data


def without_counsel(data: dict[str, Any]) -> dict[str, Any]:
    data.pop("attorney")
    data.pop("declarant", None)  # her own account is CH-100 item 7: no pleading paper
    data["protected"].pop("guardian", None)  # 16: she may ask on her own (Code Civ. Proc., § 372)
    data["client"] = {"language": "en"}
    return data


@pytest.mark.parametrize("form_id", sorted(CH_CONTACT))
def test_ch_forms_with_counsel_give_counsels_address_phone_and_email_never_hers(form_id: str, tmp_path: Path) -> None:
    values = filled(ch_sample(**CLIENT_CONTACT), form_id, tmp_path)
    item1b, lawyer = CH_CONTACT[form_id]
    street = next(v for k, v in values.items() if k.startswith(item1b) and k.endswith("Street[0]"))
    phone = next(v for k, v in values.items() if k.startswith(item1b) and k.endswith("Phone[0]"))
    email = next(v for k, v in values.items() if k.startswith(item1b) and k.endswith("Email[0]"))
    assert (street, phone, email) == ("1100 Example Avenue, Suite 300", "(619) 555-0111", "msantos@example.org")
    assert values[lawyer] == "Miguel Santos"
    assert not {"(619) 555-0142", "ana.example@example.com", "P.O. Box 881"} & {str(v) for v in values.values()}


@pytest.mark.parametrize("form_id", sorted(CH_CONTACT) + ["CH-160"])
def test_ch_forms_without_counsel_give_her_safe_address_and_no_lawyer(form_id: str, tmp_path: Path) -> None:
    data = without_counsel(ch_sample(**CLIENT_CONTACT))
    values = {str(v) for v in filled(data, form_id, tmp_path).values()}
    assert {"P.O. Box 881", "Chula Vista", "91910", "(619) 555-0142", "ana.example@example.com"} <= values
    assert not {"Miguel Santos", "276543", "Example Youth Law Project", "msantos@example.org"} & values


def test_ch_route_without_counsel_is_planned_on_the_forms_alone_and_warns_who_sees_her_address() -> None:
    plan = plan_of(without_counsel(ch_sample(**CLIENT_CONTACT)))
    keys = {d.key for d in plan.documents}
    assert {"ch-100", "ch-109", "ch-110", "clets-001"} <= keys
    assert "declaration" not in keys and "client-letter" not in keys  # no pleading paper, no lawyer's letter
    assert any("has no lawyer" in w and "item 1b of CH-100, CH-109, CH-110 and CH-130 and CH-160 item 3" in w
               for w in plan.warnings)


def test_ch_route_without_counsel_needs_her_safe_address_and_her_own_declaration() -> None:
    data = without_counsel(ch_sample())
    assert "give a safe mailing address (protected.mailing_address)" in problems(data)
    data = without_counsel(ch_sample(**CLIENT_CONTACT))
    data["declarant"] = {"name": "Beatriz Ferreira", "title": "A.F.'s mother"}
    assert "declarant" in problems(data) and "pleading paper" in problems(data)


def test_ch100_harm_weapon_and_emergency_order_unstated_stay_blank(tmp_path: Path) -> None:
    data = sample(CH)  # incident 1: no harm, weapon or emergency order answered; the police came
    values = filled(data, "CH-100", tmp_path)
    for box in ("Subitem7a5[0].FactsHarm[0]", "Subitem7a5[0].FactsHarm[1]", "Subitem7a4[0].FactsWeapon[0]",
                "Subitem7a4[0].FactsWeapon[1]", "Subitema6[0].FactsPoliceEPO[0]", "Subitema6[0].FactsPoliceEPO[1]"):
        assert not ticked(values, CH7A + box), box
    assert ticked(values, CH7A + "Subitema6[0].FactsPolice[0]")  # police came: yes, as answered
    assert any("harm" in w and "left blank" in w for w in plan_of(data).warnings)


def test_ch100_sworn_items_follow_what_she_said(tmp_path: Path) -> None:
    data = sample(CH)
    first = data["incidents"][0]
    first.update(harm="yes", injuries="She is afraid to go to school.", weapon_used="no", emergency_order="no")
    values = filled(data, "CH-100", tmp_path)
    assert ticked(values, CH7A + "Subitem7a5[0].FactsHarm[0]") and not ticked(values, CH7A + "Subitem7a5[0].FactsHarm[1]")
    assert values[CH7A + "Subitem7a5[0].FactsHarmDesc[0]"] == "She is afraid to go to school."
    assert ticked(values, CH7A + "Subitem7a4[0].FactsWeapon[0]")  # "No", the first box of 7a(4)
    assert ticked(values, CH7A + "Subitema6[0].FactsPoliceEPO[1]")  # emergency order: no
    first["police"] = "unknown"
    first.pop("emergency_order")
    values = filled(data, "CH-100", tmp_path)
    assert not ticked(values, CH7A + "Subitema6[0].FactsPolice[0]")
    assert not ticked(values, CH7A + "Subitema6[0].FactsPolice[1]")  # the form has no "I don't know"


def test_ch100_firearms_item_is_blank_unless_answered(tmp_path: Path) -> None:
    item10 = "CH-100.CH-100[0].Page4[0].List10[0]."
    boxes = [item10 + f"{li}[0].YesNo9abc_cb[0]" for li in ("Lia", "Lib", "Lic")]  # I don't know / No / Yes
    data = sample(CH)
    data["restrained"].pop("firearms")
    assert [ticked(filled(data, "CH-100", tmp_path), b) for b in boxes] == [False, False, False]
    data["restrained"]["firearms"] = "unknown"
    assert [ticked(filled(data, "CH-100", tmp_path), b) for b in boxes] == [True, False, False]


@pytest.mark.parametrize("form_id", ["CH-109", "CH-110", "CH-130"])
def test_ch_forms_leave_every_item_the_court_completes_blank(form_id: str, tmp_path: Path) -> None:
    from legal_docs.forms import find_form

    data = sample(CH)
    data["hearing"] = {"date": "2026-12-10", "time": "08:30", "department": "C-12", "judge": "Hon. R. Example"}
    data["case"]["number"] = "26CU000123N"
    values = filled(data, form_id, tmp_path)
    _spec, rev, _blank = find_form(form_id, FORMS)
    made = [k.removeprefix(f"{form_id}.") for k, v in values.items() if v not in (None, "", "/Off")]
    assert made and not [k for k in made if rev.is_court_field(k)]
    assert "26CU000123N" in {str(v) for v in values.values()}  # the case number is the filer's to give
    assert not {"12/10/2026", "8:30", "C-12", "Hon. R. Example"} & {str(v) for v in values.values()}


def test_ch100_a_long_account_goes_on_the_attachment_the_form_names_with_its_box_ticked(tmp_path: Path) -> None:
    data = sample(CH)
    data["case"]["number"] = "26CU000123N"
    data["incidents"][0]["details"] = "He waited outside her school and told her to come back. " * 40
    plan = plan_of(data)
    out = fill_form("CH-100", plan.facts["form_answers"][KIND], out=tmp_path / "c.pdf", folder=FORMS)
    values = field_values(out.path)
    assert values[CH7A + "Subitem7a3[0].FactsHarassment[0]"] == "See Attachment 7a(3)"
    assert ticked(values, CH7A + "Subitem7a3[0].FactsHarassment_OF[0]")  # "not enough space": the form's box
    assert not ticked(values, CH1 + "List3[0].Li3b[0].OtherProtectedText_OF[0]")  # 3b fits its lines
    assert out.attachment_pages >= 1
    assert values["CH-100.CH-100[0].Page7[0].List17[0].PagesAttached_no[0]"] == str(out.attachment_pages)  # item 17
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out.path).pages[7:])
    assert values["CH-100.MC-025-1.FillText6"] == "Ana Lucía Ferreira v. Victor Manuel Salas"  # MC-025's caption
    assert values["CH-100.MC-025-1.FillText5"] == "26CU000123N" and values["CH-100.MC-025-1.FillText9"] == "7a(3)"
    assert "Attachment 7a(3)—Describe Harassment He waited outside her school" in text
    assert "abuse.incidents" not in text and "Attachment 1 to" not in text


def test_a_fifth_protected_person_goes_on_the_attachment_each_form_asks_for(tmp_path: Path) -> None:
    data = sample(CH)
    data["others"] += [{"name": f"Cousin {n} Example", "relationship": "cousin", "sex": "male",
                        "date_of_birth": "2012-03-04"} for n in range(1, 5)]  # five in all
    expected = {"CH-100": ("CH-100.CH-100[0].Page1[0].List3[0].Li3a[0].OtherProtectedTable_OF[0]",
                           "Attachment 3a—Additional Protected Persons Cousin 4 Example; male; age 14; cousin; "
                           "lives with the person in 1: no"),
                "CH-110": ("CH-110.CH-110[0].Page1[0].List3[0].protTbl[0].OtherProtectedTable_OF_cb[0]",
                           "Attachment 3—Additional Protected Persons Cousin 4 Example"),
                "CLETS-001": ("CLETS-001.CLETS-001[0].Page1[0].List4[0].Li1[0].item4cb[0]",
                              "Item 4 Cousin 4 Example; male; born 03/04/2012")}
    answers = plan_of(data).facts["form_answers"][KIND]
    for form_id, (box, words) in expected.items():
        out = fill_form(form_id, answers, out=tmp_path / f"{form_id}.pdf", folder=FORMS)
        reader = PdfReader(out.path)
        assert ticked(field_values(out.path), box), form_id
        assert out.attachment_pages == 1
        assert words in " ".join(reader.pages[-1].extract_text().split()), form_id
    four = plan_of(sample(CH)).facts["form_answers"][KIND]  # one other person: nothing attached
    assert fill_form("CH-100", four, out=tmp_path / "one.pdf", folder=FORMS).attachment_pages == 0


@pytest.mark.parametrize("form_id, row", [
    ("CH-100", "CH-100.CH-100[0].Page1[0].List3[0].Li3a[0].OtherProtected{}1[0]"),
    ("CH-110", "CH-110.CH-110[0].Page1[0].List3[0].protTbl[0].Protected[0].Protected1[0].OtherProtected{}1[0]"),
    ("CH-130", "CH-130.CH-130[0].Page1[0].List3[0].Item3[0].Table3[0].Tableitem1[0].OtherProtected{}1[0]"),
])
def test_the_mother_he_threatened_is_protected_on_the_request_and_both_orders(form_id: str, row: str,
                                                                            tmp_path: Path) -> None:
    values = filled(sample(CH), form_id, tmp_path)  # the sample: "her mother would be deported"
    assert values[row.format("Name")] == "Beatriz Ferreira"
    assert values[row.format("Relation")] == "mother" and values[row.format("Sex")] == "F"
    if form_id == "CH-100":
        assert ticked(values, CH1 + "List3[0].Li3a[0].OtherProtecte[0]")  # 3a yes
        assert str(values[CH1 + "List3[0].Li3b[0].OtherProtectedReasons[0]"]).startswith("Victor Salas told A.F.")
        stay = "CH-100.CH-100[0].Page4[0].List9[0].Li9a[0].Sublista[0].Subli9a2[0].StayawayProtected[0]"
        assert ticked(values, stay)  # 9a(2): stay away from the persons in 3 too


def test_ch100_with_no_one_else_threatened_says_no_to_3a_and_leaves_the_rows_empty(tmp_path: Path) -> None:
    data = sample(CH)
    data.pop("others")
    data.pop("others_why")
    data["orders"]["stay_away"]["places"] = ["home", "school"]
    values = filled(data, "CH-100", tmp_path)
    assert ticked(values, CH1 + "List3[0].Li3a[0].OtherProtecte[1]")
    assert values.get(CH1 + "List3[0].Li3a[0].OtherProtectedName1[0]") in (None, "")


def test_a_minor_on_the_ch_route_files_ch160_and_is_not_given_a_guardian_she_did_not_ask_for(tmp_path: Path) -> None:
    data = without_counsel(ch_sample(**CLIENT_CONTACT))  # 16, asks on her own
    plan = plan_of(data)
    assert "ch-160" in {d.key for d in plan.documents}
    assert "guardian" not in " ".join(plan.facts["protected"]["caption_name"].split())
    ch160 = filled(data, "CH-160", tmp_path)
    assert ch160["CH-160.CH-160[0].Page1[0].RequestFullName_ft[0]"] == "Ana Lucía Ferreira"  # 2: she asks
    assert ticked(ch160, "CH-160.CH-160[0].Page1[0].IAmMinor_cb[0]")
    assert filled(data, "CH-100", tmp_path)[CH1 + "List1[0].Li1a[0].ProtectedAge[0]"] == "16"


# -- DV-130 and the proofs of service: what only the court or the server can say --------------------


def test_dv130_made_before_the_hearing_leaves_the_original_box_the_end_date_and_the_hearing_blank(
        tmp_path: Path) -> None:
    data = sample("dvro")
    data["hearing"] = {"date": "2026-12-10", "time": "08:30", "department": "505", "judge": "Hon. R. Example"}
    values = filled(data, "DV-130", tmp_path, answers="dv-130")
    made = {str(v) for v in values.values() if v not in (None, "", "/Off")}
    assert "Kiara Monique Bell" in made and "Trevon Lamar Hayes" in made  # items 1 and 2
    assert not {"12/10/2026", "Hon. R. Example", "12/10/2031", "12/10/2029"} & made
    for name, value in values.items():
        if "TopOrder_cb" in name or "List4[0]" in name or "List6[0]" in name:
            assert value in (None, "", "/Off"), name


@pytest.mark.parametrize("route, form_id, always, order_box", [
    ("dvro", "DV-200", "DV-200.DV-200[0].Page1[0].List4[0].Li1[0].item4a_cb[0]",
     "DV-200.DV-200[0].Page1[0].List4[0].Li2[0].item4b_cb[0]"),
    ("civil-harassment", "CH-200", "CH-200.CH-200[0].Page1[0].List4[0].Lia[0].FormServed109_cb[0]",
     "CH-200.CH-200[0].Page1[0].List4[0].Lib[0].FormServed110_cb[0]"),
])
def test_the_proof_of_service_ticks_the_request_but_not_a_temporary_order_the_court_has_not_issued(
        route: str, form_id: str, always: str, order_box: str, tmp_path: Path) -> None:
    data = sample(route)
    assert data["temporary_order"]["requested"]
    values = filled(data, form_id, tmp_path)
    assert ticked(values, always) and not ticked(values, order_box)
    order = {"dvro": "DV-110", "civil-harassment": "CH-110"}[route]
    assert any(f"the box for {order}, the temporary order, is left unticked" in w for w in plan_of(data).warnings)


def test_a_long_account_sits_on_the_ch100_item_7a3_rules_and_no_rule_runs_through_its_letters(
        tmp_path: Path) -> None:
    import pikepdf

    from legal_docs.forms import _horizontal_rules

    data = sample(CH)
    data["incidents"][0]["details"] = " ".join(
        f"Sentence {n}: he waited outside her school and said she had to come back to the house." for n in range(4))
    out = fill_form("CH-100", plan_of(data).facts["form_answers"][KIND], out=tmp_path / "c.pdf", folder=FORMS)
    assert out.attachment_pages == 0
    with pikepdf.open(out.path) as pdf:
        rules = [792 - y for left, right, y in _horizontal_rules(pdf.pages[2]) if left < 150 and right > 500]
    words = [(top, bottom) for top, bottom, w in _word_boxes(out.path, 3) if w.startswith("Sentence")]
    assert len(words) == 4
    for _top, bottom in words:
        baseline = bottom - 3.0
        assert not [r for r in rules if baseline - 7.5 < r < baseline - 0.5], baseline  # no rule across the letters
        assert any(baseline - 0.5 <= r <= bottom + 0.5 for r in rules), baseline  # it sits on a rule


# -- (2) "Are there other orders or cases?" is sworn: "No" only when the answers say none ------------

ITEMS_4_AND_6 = {
    "dvro": ("DV-100", ["DV-100.DV-100[0].Page2[0].List4[0].Li1[0].YesNo4a_cb[0]",
                        "DV-100.DV-100[0].Page2[0].List4[0].Li2[0].YesNo4b_cb[0]"]),
    "civil-harassment": ("CH-100", ["CH-100.CH-100[0].Page2[0].List6[0].Li6a[0].CaseOther[1]",
                                    "CH-100.CH-100[0].Page2[0].List6[0].Li6b[0].OtherCaseOrder[1]"]),
}


@pytest.mark.parametrize("route", sorted(ITEMS_4_AND_6))
def test_other_orders_and_cases_left_out_stay_blank_and_an_empty_list_is_no(route: str, tmp_path: Path) -> None:
    form_id, no_boxes = ITEMS_4_AND_6[route]
    data = sample(route)
    assert data["prior_orders"] == [] and data["other_cases"] == []  # the sample says: none
    said = filled(data, form_id, tmp_path)
    data.pop("prior_orders")
    data.pop("other_cases")
    unsaid = filled(data, form_id, tmp_path)
    for box in no_boxes:
        assert ticked(said, box), box
        assert not ticked(unsaid, box), box
    asked = ("YesNo4a_cb", "YesNo4b_cb", "Li6a[0].CaseOther[", "Li6b[0].OtherCaseOrder[")
    assert not [k for k, v in unsaid.items() if any(a in k for a in asked) and ticked(unsaid, k)]  # nor "Yes"
    assert any("prior_orders, other_cases" in w and "left blank" in w for w in plan_of(data).warnings)


# -- (7) a person the account names but the answers do not protect is pointed out --------------------


@pytest.mark.parametrize("route", ROUTES)
def test_a_threatened_parent_left_out_of_the_people_to_protect_is_pointed_out(route: str) -> None:
    data = sample(route)
    data["others"] = []
    data.pop("others_why", None)
    if data["orders"].get("stay_away"):
        data["orders"]["stay_away"]["places"] = ["home"]
    data["incidents"][0]["details"] += " He said he would hurt my mother if I went to the police."
    said = [w for w in plan_of(data).warnings if "The account mentions her" in w]
    assert said and "mother" in said[0]
    data["others"] = [{"name": "Denise Example", "relationship": "mother", "sex": "female"}]
    data["others_why"] = "He said he would hurt her."
    assert not [w for w in plan_of(data).warnings if "The account mentions her" in w]


def test_the_restrained_persons_own_relationship_is_not_pointed_out() -> None:
    data = sample("civil-harassment")
    data["restrained"]["relationship"] = "her stepfather, who sold her for sex"
    data["incidents"][0]["details"] = "My stepfather waited outside my school."
    assert not [w for w in plan_of(data).warnings if "stepfather" in w]


def test_ch100_item_17_with_a_third_persons_declaration_is_pointed_out_for_the_attorney() -> None:
    """CH-100 item 17 counts the form's own attachment pages; a third person's declaration is printed by
    LibreOffice after the form is filled, so its pages are not in the count: the attorney is told."""
    def says(plan: Any) -> bool:
        return any(w.startswith("CH-100 item 17 (pages attached)") for w in plan.warnings)

    data = sample(CH)
    assert data.get("declarant")  # the sample's account is her mother's
    assert says(plan_of(data))
    data.pop("declarant")
    assert not says(plan_of(data))


def test_dv100_more_space_box_is_ticked_exactly_when_dv101_is_filed(tmp_path: Path) -> None:
    """DV-100's 'need more space to describe the abuse' box says DV-101 is turned in with it: ticked when
    the packet files DV-101 (more than three incidents, or more abuse in words), never otherwise."""
    box = f"DV-100.{DV100}.Page5[0].List7[0].MultilineCheckBox[0]"
    data = sample("dvro")
    data["incidents"] = data["incidents"][:4]
    assert "dv-101" in [d.key for d in plan_of(data).documents]
    (tmp_path / "four").mkdir()
    assert ticked(filled(data, "DV-100", tmp_path / "four"), box)
    data["incidents"] = data["incidents"][:2]  # two incidents, and more abuse in words: DV-101 item 5
    data["more_abuse"] = "He also took her phone every night and read her messages."
    assert "dv-101" in [d.key for d in plan_of(data).documents]
    (tmp_path / "more").mkdir()
    assert ticked(filled(data, "DV-100", tmp_path / "more"), box)
    data["incidents"] = data["incidents"][:1]
    data.pop("more_abuse", None)
    plan = plan_of(data)
    assert "dv-101" not in [d.key for d in plan.documents]
    (tmp_path / "one").mkdir()
    assert not ticked(filled(data, "DV-100", tmp_path / "one"), box)


def test_rule_2111_is_to_check_only_where_a_packet_has_pleading_paper() -> None:
    """Rule 2.111 sets the first page of papers on pleading paper: a DVRO packet (official forms and a
    letter) or a civil harassment packet on its forms alone has none, so it is not a check before filing."""
    def checks(data: dict[str, Any]) -> bool:
        return any("rule 2.111" in line for line in plan_of(data).review_authorities)

    assert checks(sample("juvenile"))  # the declaration and the order after hearing
    assert not checks(sample("dvro"))
    assert checks(sample(CH))  # her mother's declaration is on pleading paper
    data = sample(CH)
    data.pop("declarant")
    assert not checks(data)


def test_letters_no_font_can_print_are_named_in_a_warning_per_form(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Vietnamese name on DV-100 and CLETS-001 is printed in embedded fonts (field_fonts): no warning.
    On a computer without those fonts a print shows a box or "?" for ầ, ă: the attorney is told which
    forms and which letters (never the name itself)."""
    from legal_docs import field_fonts

    data = sample("dvro")
    data["restrained"]["name"] = "Trần Văn Nam"
    assert not [w for w in plan_of(data).warnings if "no font" in w]
    monkeypatch.setattr(field_fonts, "_family_font", lambda family: None)
    warned = [w for w in plan_of(data).warnings if "no font" in w]
    assert warned and all("Trần" not in w and "Nam" not in w for w in warned)
    forms = {w.split(":")[0] for w in warned}
    assert {"DV-100", "CLETS-001"} <= forms
    assert "ầ" in warned[0] and "ă" in warned[0]
    assert not [w for w in plan_of(sample("dvro")).warnings if "no font" in w]  # the sample: none
