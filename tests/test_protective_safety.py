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
    return {name: f.get("/V") for name, f in (PdfReader(out.path).get_fields() or {}).items()}


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


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_letter_says_how_clets001_is_handed_in(lang: str) -> None:
    data = sample("dvro")
    data["client"] = {"language": lang}
    letter = next(d for d in plan_of(data).documents if d.key == "client-letter")
    text = " ".join(b["text"] for b in letter.context["doc"]["blocks"])
    expected = {"en": "I give the form CLETS-001 to the clerk separately",
                "es": "El formulario CLETS-001 se lo entrego aparte al"}[lang]
    assert expected in text


def test_the_command_output_names_each_file_and_says_clets001_is_handed_in_separately() -> None:
    from click.testing import CliRunner

    import click

    from legal_docs_cli.main import _report_packet

    manifest = {"court": "Alameda", "status": "complete", "documents": [
        {"docx": None, "pdf": "01-dv-100.pdf"},
        {"docx": None, "pdf": "clets-001-confidential.pdf", "confidential": True},
        {"docx": "letter-to-client.docx", "pdf": "letter-to-client.pdf"},
    ]}

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
    data["others"] = [{"name": "Denise Bell", "relationship": "mother " * 40, "sex": "female"}]
    data["others_why"] = "Trevon said he would hurt my mother if I did not come back."
    plan = plan_of(data)
    answers = plan.facts["form_answers"][KIND]
    out = fill_form("CLETS-001", answers, out=tmp_path / "c.pdf", folder=FORMS)
    assert out.attachment_pages == 1
    text = PdfReader(out.path).pages[-1].extract_text()
    assert "Short title: Kiara Monique Bell v. Trevon Lamar Hayes" in text and "Case number:" in text
    assert "Attachment 1 to CLETS-001: item 4" in text and "others.0" not in text


def test_dv100_item_32_counts_the_forms_attached_and_its_own_attachment_pages(tmp_path: Path) -> None:
    answers = plan_of(sample("dvro")).facts["form_answers"][KIND]
    field = f"{DV100}.Page13[0].List32[0].Li1[0].T97[0]"

    def item32(a: dict[str, Any], pages: int | None) -> Any:
        made = fill_form("DV-100", a, out=tmp_path / "d.pdf", folder=FORMS, attached_pages=pages)
        return made, (PdfReader(made.path).get_fields() or {})[f"DV-100.{field}"].get("/V")

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


def test_text_our_appearance_cannot_show_asks_viewers_to_redraw(tmp_path: Path) -> None:
    import pikepdf

    data = sample("dvro")
    data["protected"]["name"] = "Nguyễn Thị Hương"  # ễ is not in the forms' WinAnsi fonts
    out = fill_form("DV-100", plan_of(data).facts["form_answers"][KIND], out=tmp_path / "d.pdf", folder=FORMS)
    with pikepdf.open(out.path) as pdf:
        assert bool(pdf.Root.AcroForm.get("/NeedAppearances"))


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
    for key in ("declaration", "proposed-temporary-order", "proposed-order-after-hearing"):
        text = _restraints(plan, key) if key != "declaration" else repr(
            next(d for d in plan.documents if d.key == key).context)
        assert "Patricia Okafor" not in text and "P.O., M.V.'s caregiver" in text, key
    clets = filled(sample("juvenile"), "CLETS-001", tmp_path)  # law enforcement still has the full name
    assert "Patricia Okafor" in {str(v) for v in clets.values()}
