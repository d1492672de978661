"""The juvenile packets' rules and plans, without Word: what each paper pleads, at which
standard, and what the attorney is warned about."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from legal_docs.answers import validate_answers
from legal_docs.errors import InputError
from legal_docs.kinds import get_kind
from legal_docs.lawdata import Authority, authorities
from legal_docs.resources import clauses_root, templates_root

from helpers import example_data

RD = "reunification-denial"
PL = "placement-727a"


def plan(data: dict, tmp_path: Path):
    spec, model = validate_answers(data, base_dir=tmp_path)
    (packet,) = spec.planner(model)
    return packet


def text(packet, key: str | None = None) -> str:
    return "\n".join(
        b["text"] for d in packet.documents if key in (None, d.key) for b in d.context["doc"]["blocks"]
    )


def errors_for(data: dict, tmp_path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        validate_answers(data, base_dir=tmp_path)
    return info.value.details


# -- reunification-denial ---------------------------------------------------------------------


def test_alias_ab1702_is_the_same_kind(tmp_path: Path) -> None:
    data = example_data(RD)
    data["kind"] = "ab1702"
    spec, _ = validate_answers(data, base_dir=tmp_path)
    assert spec.name == RD


def test_memorandum_pleads_each_element_at_its_standard(tmp_path: Path) -> None:
    memo = text(plan(example_data(RD), tmp_path), "memorandum")
    assert "Welf. & Inst. Code, § 361.5, subd. (b)(17)" in memo
    assert "by clear and convincing evidence, that a circumstance listed in" in memo
    assert "shows, by a preponderance of the evidence, that the parent was coerced" in memo
    for element in ("whether T.M.O. is a dependent child removed", "whether T.M.O. was sexually exploited",
                    "whether the parent knowingly participated in or permitted",
                    "coercion into participating in or permitting it",
                    "that reunification is in T.M.O.'s best interest"):
        assert element in memo, element
    # each participation fact appears with its date and its source: a record by its judicial-notice
    # item, the declarant's own knowledge by how the declarant knows it
    assert "October 4, 2025: Mother let Pike" in memo
    assert ("drive T.M.O. to \"dates\" at night. (Request for Judicial Notice, item 1: DCFS Jurisdiction/Disposition "
            "Report, August 28, 2026.)") in memo
    assert "(Source: What Mother told me when I met her at the DCFS office on December 20, 2025.)" in memo


def test_best_interest_section_puts_the_burden_on_the_parent(tmp_path: Path) -> None:
    memo = text(plan(example_data(RD), tmp_path), "memorandum")
    section = memo[memo.index("E. Reunification with Mother is not shown to be in T.M.O.'s best interest."):]
    assert "(Welf. & Inst. Code, § 361.5, subd. (c)(2))" in section
    assert "In re Ethan N. (2004) 122 Cal.App.4th 55" in section
    assert "In re William B. (2008) 163 Cal.App.4th 1220" in section
    assert "each visit with Mother has been followed by" in section
    order = text(plan(example_data(RD), tmp_path), "proposed-order")
    assert "The Court does not find, by clear and convincing evidence, that reunification with Mother" in order


def test_coercion_claim_is_answered_and_its_absence_is_pleaded(tmp_path: Path) -> None:
    memo = text(plan(example_data(RD), tmp_path), "memorandum")
    assert "Mother claims to have been coerced. The exception applies only if Mother proves" in memo
    assert "Mother traveled alone to Arizona" in memo
    assert "has not shown coercion by a preponderance of the evidence" in memo
    data = example_data(RD)
    del data["parents"][0]["coercion"]
    memo = text(plan(data, tmp_path), "memorandum")
    assert "Mother has not claimed to have been coerced" in memo
    assert "Arizona" not in memo
    order = text(plan(data, tmp_path), "proposed-order")
    assert "Mother has not shown, by a preponderance of the evidence, that Mother was coerced" in order


def test_each_parent_gets_its_own_elements_findings_and_order(tmp_path: Path) -> None:
    data = example_data(RD)
    father = copy.deepcopy(data["parents"][0])
    father.update(name="Victor Hale", relationship="presumed father", refer_as="Father",
                  participation="participated")
    del father["coercion"]
    data["parents"].append(father)
    packet = plan(data, tmp_path)
    memo = text(packet, "memorandum")
    subheadings = re.findall(r"^([A-H])\. (.*)$", memo, flags=re.M)
    assert [letter for letter, _ in subheadings] == list("ABCDE" "ABCDEF")
    assert subheadings[3][1] == "Father's part in the exploitation"
    assert subheadings[9][1].startswith("Father knowingly participated in the exploitation")
    assert "F. Reunification with Mother and Father is not shown" in memo
    order = text(packet, "proposed-order")
    assert "Father, Victor Hale, knowingly participated in the sexual exploitation of T.M.O." in order
    assert "No reunification services shall be provided to Father, Victor Hale" in order


def test_the_bypass_paragraph_number_comes_from_the_authorities_table(tmp_path: Path, monkeypatch) -> None:
    """§ 361.5(b)'s exploitation paragraph is unverified: no template or clause writes it."""
    for path in [*(clauses_root() / RD).glob("*.yaml"), templates_root() / RD / "packet.yaml"]:
        assert "(17)" not in path.read_text(encoding="utf-8"), path.name
    table = dict(authorities())
    table["wic-361.5-b-exploitation"] = Authority.model_validate(
        dict(table["wic-361.5-b-exploitation"].model_dump(),
             citation="Welf. & Inst. Code, § 361.5, subd. (b)(99)",
             in_text="Welfare and Institutions Code section 361.5, subdivision (b)(99)")
    )
    monkeypatch.setattr("legal_docs.lawdata.authorities", lambda: table)
    everything = text(plan(example_data(RD), tmp_path))
    assert "(b)(17)" not in everything
    assert everything.count("(b)(99)") >= 8
    assert authorities()["wic-361.5-b-exploitation"].needs_review


def test_review_list_flags_the_unverified_paragraph(tmp_path: Path) -> None:
    review = plan(example_data(RD), tmp_path).review_authorities
    assert any(line.startswith("Welf. & Inst. Code, § 361.5, subd. (b)(17):") for line in review)


def test_unsustained_petition_is_warned_and_not_claimed(tmp_path: Path) -> None:
    data = example_data(RD)
    del data["dependency"]["sustained_on"]
    packet = plan(data, tmp_path)
    assert any("not yet sustained" in w for w in packet.warnings)
    memo = text(packet, "memorandum")
    assert "sustained the petition" not in memo
    assert "the Court must sustain it before it reaches disposition" in memo
    assert "commercially sexually exploited child" not in memo  # not found until sustained


def test_minors_counsel_and_county_counsel_file_as_themselves(tmp_path: Path) -> None:
    packet = plan(example_data(RD), tmp_path)
    caption = packet.documents[0].context["doc"]["caption"]
    assert "Attorney for Minor T.M.O." in caption["filer_lines"]
    assert caption["party_lines"] == ["In re T.M.O.,", "a Person Coming Under the Juvenile Court Law."]
    assert caption["court_lines"][-1] == "JUVENILE DIVISION"
    data = example_data(RD)
    data["filer_role"] = "county_counsel"
    packet = plan(data, tmp_path)
    # the agency's full name, wrapped to the filer column (never "Attorney for Petitioner DCFS")
    lines = packet.documents[0].context["doc"]["caption"]["filer_lines"]
    assert ["Attorney for Petitioner Los Angeles County", "Department of Children and Family Services"] == [
        line for line in lines if line][-2:]
    assert text(packet, "memorandum").startswith(
        "MEMORANDUM OF POINTS AND AUTHORITIES\nI. INTRODUCTION\nPetitioner Los Angeles County Department")


def test_the_child_appears_by_initials_only(tmp_path: Path) -> None:
    packet = plan(example_data(RD), tmp_path)
    papers = [d for d in packet.documents if d.in_packet]
    everything = repr([d.context for d in papers]) + repr(packet.warnings)
    assert "Taylor" not in everything and "T.M.O." in everything
    # the private letter to the child greets the child by first name, and no more of the name
    (letter,) = [d for d in packet.documents if not d.in_packet]
    assert "Dear Taylor," in repr(letter.context) and "Okafor" not in repr(letter.context)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["child"].update(date_of_birth="2099-01-01"), "date of birth (child.date_of_birth): is in the future"),
        (lambda d: d.update(county="Gotham"), "county (county): is not one of California's 58 counties"),
        (lambda d: d["parents"][0]["facts"][1].pop("date"), "Parent 1 (parents.1): fact 2 of participation or permission needs its date"),
        (lambda d: d["parents"][0].update(participation="encouraged"), "participation or permission (parents.1.participation): must be one of"),
        (lambda d: d.update(parents=[]), "parents (parents): needs at least one entry"),
        (lambda d: d["agency"].update(short_name="Department of Children and Family Services"), "agency's short name (agency.short_name): is too long"),
        (lambda d: d.update(filer_role="parent"), "who files (filer_role): must be one of: minors_counsel or county_counsel"),
        (lambda d: d["exploitation"].update(began="2001-01-01"), "the exploitation cannot begin before the child's date of birth"),
    ],
)
def test_invalid_reunification_answers_name_the_field(tmp_path: Path, mutate, expected: str) -> None:
    data = example_data(RD)
    mutate(data)
    details = errors_for(data, tmp_path)
    assert any(expected in line for line in details), details


# -- placement-727a ---------------------------------------------------------------------------


def test_first_order_contrary_to_welfare_warning_is_always_given(tmp_path: Path) -> None:
    packet = plan(example_data(PL), tmp_path)
    assert "must be in the FIRST order that removes the youth" in packet.warnings[0]
    order = text(packet, "proposed-order")
    assert "Continuance in the home of D.R.C.'s mother is contrary to D.R.C.'s welfare" in order


def test_request_states_every_item_rule_5_570_requires(tmp_path: Path) -> None:
    request = text(plan(example_data(PL), tmp_path), "request")
    part_one = request[request.index("I. THE INFORMATION RULE 5.570 REQUIRES"):request.index("II. POINTS")]
    for item in ("Court: Superior Court of the State of California, County of Los Angeles",
                 "Case: In re D.R.C., case no. JJ-23456",
                 'The youth: Dominique Ray Castillo ("D.R.C."), age 17.',  # rule 5.570(a)(3): name and age
                 "address\nand telephone number are confidential".replace("\n", " "),
                 "Mother: Angela Castillo\n1400 Example Road", "Father: Luis Castillo\nAddress unknown.",
                 "The order to change: the order of August 14, 2025",
                 "The changed circumstances and new evidence:",
                 "The order requested:",
                 "Petitioner's relationship to the youth:",
                 "Whether all parties agree: No."):
        assert item in part_one, item
    assert request.splitlines()[1].startswith("The youth, D.R.C., a ward of this Court")  # relief first


def test_order_makes_the_726_and_title_iv_e_findings_and_vests_probation(tmp_path: Path) -> None:
    order = text(plan(example_data(PL), tmp_path), "proposed-order")
    assert "The welfare of the youth requires that custody be taken from the parent or guardian (Welf. & Inst. Code, § 726, subd. (a))." in order
    assert "Reasonable efforts were made to prevent or eliminate the need for D.R.C.'s removal" in order
    assert "vested in the Los Angeles County Probation Department (Cal. Rules of Court, rule 5.790)" in order
    assert "(Welf. & Inst. Code, § 727, subd. (a)(4)(D))" in order
    data = example_data(PL)
    data["reasonable_efforts"]["status"] = "not_required"
    data["removal"]["ground"] = "failed_to_reform"
    packet = plan(data, tmp_path)
    order = text(packet, "proposed-order")
    assert "removal from the home were not required" in order
    assert "The youth has failed to reform while on probation" in order
    assert any("reasonable efforts to prevent removal were not required" in w for w in packet.warnings)


@pytest.mark.parametrize(
    ("condition", "words"),
    [
        ("school", "completing high school or a high school equivalency (GED) program"),
        ("college_vocational", "enrolled at least half-time in college or a vocational program"),
        ("employment", "employed at least 80 hours a month"),
        ("employment_program", "in a program or activity that promotes employment or removes barriers to it"),
        ("medical_condition", "unable to do any of these because of a medical condition"),
    ],
)
def test_extended_foster_care_names_the_11403_condition(tmp_path: Path, condition: str, words: str) -> None:
    data = example_data(PL)
    data["extended_foster_care"]["condition"] = condition
    request = text(plan(data, tmp_path), "request")
    assert f"The condition D.R.C. expects to meet is that the youth is {words}." in request
    # extended foster care is cited by code section, not by bill number
    assert "(Welf. & Inst. Code, § 11400, subd. (v))" in request and "Welfare and Institutions Code section 11403" in request
    assert "Assem. Bill No. 12" not in request


def test_ab_604_language_only_when_a_vacatur_petition_is_pending(tmp_path: Path) -> None:
    packet = plan(example_data(PL), tmp_path)
    assert ("trafficking remains within it (Welf. & Inst. Code, § 450 (Assem. Bill No. 604 (2017–2018 Reg. Sess.))), "
            "so granting") in " ".join(text(packet, "request").split())
    assert any(line.startswith("Welf. & Inst. Code, § 450") for line in packet.review_authorities)
    data = example_data(PL)
    data["vacatur_petition_pending"] = False
    packet = plan(data, tmp_path)
    assert "Assem. Bill No. 604" not in text(packet)
    assert "236.14" not in text(packet)
    assert "Welfare and Institutions Code section 11403" in text(packet, "request")  # the § 11403 facts were still given
    del data["extended_foster_care"]
    assert "E. A foster care order" not in text(plan(data, tmp_path), "request")


def test_missing_11403_condition_is_warned_when_it_matters(tmp_path: Path) -> None:
    data = example_data(PL)
    del data["extended_foster_care"]
    packet = plan(data, tmp_path)
    assert any("No Welf. & Inst. Code § 11403 condition is given although a vacatur petition is pending" in w
               for w in packet.warnings)
    data["vacatur_petition_pending"] = False  # still warned: turns 18 within a year of signing
    assert any("turns 18 on May 3, 2027" in w for w in plan(data, tmp_path).warnings)
    data["youth"]["date_of_birth"] = "2014-05-03"
    assert not any("11403" in w for w in plan(data, tmp_path).warnings)


@pytest.mark.parametrize(
    ("placement", "cite", "warned"),
    [
        ("relative", "(Welf. & Inst. Code, § 727, subd. (a)(4)(A))", None),
        ("nrefm", "(Welf. & Inst. Code, § 727, subd. (a)(4)(A))", None),
        ("resource_family", "(Welf. & Inst. Code, § 727, subd. (a)(4)(B))", None),
        ("strtp", "(Welf. & Inst. Code, § 727, subd. (a)(4)(E))", "chief probation officer"),
        ("thpp", "(Welf. & Inst. Code, § 727, subd. (a)(4)(C))", "not listed on its own"),
    ],
)
def test_each_placement_cites_its_727_subparagraph(tmp_path: Path, placement, cite, warned) -> None:
    data = example_data(PL)
    data["placement"]["type"] = placement
    packet = plan(data, tmp_path)
    assert cite in text(packet, "proposed-order")
    # the sample's own five: the first removal order, the father's unknown address, the mother's address is the
    # youth's, and two records (the police report, the forensic interview) neither attached nor in the court file
    assert any(warned in w for w in packet.warnings) if warned else len(packet.warnings) == 5
    if placement == "thpp":
        assert any("THPP" in line for line in packet.review_authorities)


def test_full_name_and_address_only_in_the_confidential_attachment(tmp_path: Path) -> None:
    """Rule 5.570: the request states the youth's name and age; the address, telephone (and date of
    birth) stay in the confidential attachment, which is not served."""
    packet = plan(example_data(PL), tmp_path)
    keys = [d.key for d in packet.documents]
    assert keys == ["notice-of-hearing", "request", "declaration", "request-for-judicial-notice", "proposed-order",
                    "confidential-attachment", "proof-of-service", "client-letter"]
    papers = packet.documents[:7]  # the court papers; the letter to the youth is private (test_letter_juvenile.py)
    for doc in papers:
        context = repr(doc.context)
        hidden = doc.key != "confidential-attachment"
        assert ("Dominique" not in context) is (hidden and doc.key != "request"), doc.key
        assert ("May 3, 2009" not in context) is hidden, doc.key
        assert ("(909) 555-0133" not in context) is hidden, doc.key
    assert [d.serve for d in packet.documents] == [True, True, True, True, True, False, True, False]
    assert all(d.context["doc"]["confidential"].startswith("CONFIDENTIAL") for d in papers)
    letter = repr(packet.documents[7].context)
    assert "Castillo" not in letter and "May 3, 2009" not in letter and "1400 Example Road" not in letter


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["placement"].update(type="castle"), "placement requested (placement.type): must be one of"),
        (lambda d: d["removal"].update(ground="bad attitude"), "section 726(a) ground (removal.ground): must be one of"),
        (lambda d: d["case"].update(ward_since="2031-01-01"), "date the youth was declared a ward (case.ward_since): is in the future"),
        (lambda d: d["parents"][0].update(has_custody=False), "no parent has custody of the youth"),
        (lambda d: d["extended_foster_care"].update(condition="hobbies"), "section 11403 condition (extended_foster_care.condition): must be one of"),
        (lambda d: d["current_order"].update(date="2024-01-01"), "the order to change cannot come before the youth was declared a ward"),
        (lambda d: d.update(exploitation=[]), "exploitation facts (exploitation): needs at least one entry"),
    ],
)
def test_invalid_placement_answers_name_the_field(tmp_path: Path, mutate, expected: str) -> None:
    data = example_data(PL)
    mutate(data)
    details = errors_for(data, tmp_path)
    assert any(expected in line for line in details), details


def test_every_answer_choice_has_its_law_data() -> None:
    """The model's choices and clauses/law/placement_727a.yaml must not drift apart."""
    from typing import get_args

    from legal_docs.kinds.placement_727a import model
    from legal_docs.kinds.placement_727a.rules import placement_law

    law = placement_law()
    assert [c.id for c in law.placements] == list(get_args(model.PlacementType))
    assert [c.id for c in law.removal_grounds] == list(get_args(model.RemovalGround))
    assert [c.id for c in law.extended_foster_care] == list(get_args(model.EfcCondition))
    assert get_kind("placement-727a").name == PL


def test_work_hours_that_contradict_the_employment_condition_are_warned_not_asserted(tmp_path: Path) -> None:
    data = example_data(PL)
    data["extended_foster_care"] = {"condition": "employment", "facts": "D.R.C. works 10 hours a week at a bakery."}
    packet = plan(data, tmp_path)
    request = text(packet, "request")
    assert "employed at least 80 hours a month." not in request.split("conditions of")[-1].split("turns 18")[-1]
    assert "The condition D.R.C. expects to meet" not in request
    assert any("about 43 hours a month" in w for w in packet.warnings)
    data["extended_foster_care"]["facts"] = "D.R.C. works 20 hours a week (about 87 hours a month)."
    packet = plan(data, tmp_path)
    assert "The condition D.R.C. expects to meet is that the youth is employed at least 80 hours a month." in text(
        packet, "request")
    assert not any("hours a month, but" in w for w in packet.warnings)


@pytest.mark.parametrize(("condition", "facts", "why"), [
    ("school", "D.R.C. dropped out of Example High School in May.", 'the facts typed say "dropped out"'),
    ("school", "D.R.C. has graduated from high school.", 'the facts typed say "has graduated"'),
    ("college_vocational", "D.R.C. is enrolled in 4 units at Example Community College this semester.",
     "the facts typed state about 4 units a term, fewer than the 6 the condition needs"),
    ("college_vocational", "D.R.C. is enrolled less than half-time.", 'the facts typed say "less than half-time"'),
    ("employment", "D.R.C. lost the job at the bakery in October.", 'the facts typed say "lost the job"'),
    ("employment_program", "D.R.C. left the program after two weeks.", 'the facts typed say "left the program"'),
])
def test_every_condition_whose_facts_contradict_it_is_warned_by_name_not_asserted(
        tmp_path: Path, condition: str, facts: str, why: str) -> None:
    """Issue 16: the request's sentence built from the § 11403 condition never contradicts the facts
    typed: a number below the condition's, or words saying the youth does not do it, is a warning
    naming the condition, and the request leaves the sentence out."""
    from legal_docs.errors import AnswerWarning
    from legal_docs.kinds.placement_727a.rules import placement_law

    data = example_data(PL)
    data["extended_foster_care"] = {"condition": condition, "facts": facts}
    packet = plan(data, tmp_path)
    label = placement_law().condition(condition).label
    (warning,) = [w for w in packet.warnings if "extended foster care condition chosen" in w]
    assert f"the youth is {label}, but {why}" in warning
    assert isinstance(warning, AnswerWarning) and ("extended_foster_care", "facts") in warning.fields
    assert "The condition D.R.C. expects to meet" not in text(packet, "request")
    if condition == "college_vocational" and "units" in facts:
        assert "not verified" in warning  # half-time's number is the common measure only


@pytest.mark.parametrize(("condition", "facts"), [
    ("school", "D.R.C. is in the eleventh grade and expects to graduate in June 2027."),
    ("college_vocational", "D.R.C. takes 9 units at Example Community College."),
    ("employment", "D.R.C. works 25 hours a week at a bakery."),
    ("employment_program", "D.R.C. attends a job-training program three days a week."),
])
def test_facts_that_agree_with_the_condition_let_the_request_say_it(tmp_path: Path, condition: str, facts: str) -> None:
    from legal_docs.kinds.placement_727a.rules import placement_law

    data = example_data(PL)
    data["extended_foster_care"] = {"condition": condition, "facts": facts}
    packet = plan(data, tmp_path)
    assert not any("extended foster care condition chosen" in w for w in packet.warnings)
    assert f"The condition D.R.C. expects to meet is that the youth is {placement_law().condition(condition).label}." \
        in text(packet, "request")


def test_order_makes_the_case_plan_review_icwa_and_relative_home_orders(tmp_path: Path) -> None:
    packet = plan(example_data(PL), tmp_path)
    order = text(packet, "proposed-order")
    assert "(Welf. & Inst. Code, § 706.5; Welf. & Inst. Code, § 706.6)" in order
    assert "within six months of this order, that is, no later than June 10, 2027 (Welf. & Inst. Code, § 727.2)" in order
    assert "there is no reason to know that D.R.C. is an Indian child" in order
    assert "(Welf. & Inst. Code, § 224.2; Cal. Rules of Court, rule 5.481)" in order
    assert "is approved for D.R.C.'s placement" not in order  # a foster family agency home, not a relative's
    data = example_data(PL)
    data["placement"].update(type="relative", name="the maternal grandmother, Rosa Diaz")
    del data["icwa"]
    packet = plan(data, tmp_path)
    order = text(packet, "proposed-order")
    assert ("The home of the maternal grandmother, Rosa Diaz is approved for D.R.C.'s placement "
            "(Welf. & Inst. Code, § 727, subd. (a)(4)(A); Welf. & Inst. Code, § 16519.5).") in order
    assert "[ ] there is no reason to know" in order  # the Court completes the ICWA finding
    assert any("Indian Child Welfare Act inquiry (§ 224.2) is not described" in w for w in packet.warnings)


def test_notice_and_proof_of_service_reach_parents_district_attorney_and_probation(tmp_path: Path) -> None:
    packet = plan(example_data(PL), tmp_path)
    notice = text(packet, "notice-of-hearing")
    assert notice.startswith("TO ANGELA CASTILLO, MOTHER; LUIS CASTILLO, FATHER; THE DISTRICT ATTORNEY; AND THE "
                             "LOS ANGELES COUNTY PROBATION DEPARTMENT:")
    assert "on December 10, 2026, at 8:30 AM, in Department 250" in notice
    pos = text(packet, "proof-of-service")
    assert "Office of the District Attorney, Juvenile Division\nBy electronic service." in pos
    assert "•\tConfidential Attachment" not in pos and "•\tNotice of Hearing" in pos
    data = example_data(PL)
    data["served_on"] = data["served_on"][:1]
    assert any("the district attorney, the probation department" in w for w in plan(data, tmp_path).warnings)


def test_a_parent_address_that_is_the_youths_is_warned(tmp_path: Path) -> None:
    packet = plan(example_data(PL), tmp_path)
    assert any("Parent 1's address is the youth's address" in w for w in packet.warnings)
    data = example_data(PL)
    data["youth"]["address"]["street"] = "22 Other Lane"
    assert not any("address is the youth's address" in w for w in plan(data, tmp_path).warnings)


def test_placement_records_are_offered_not_recited_in_the_declaration(tmp_path: Path) -> None:
    """Issue 16: facts from reports are cited by exhibit or judicial-notice item in the request; the
    declaration states only what the declarant knows, and attaches or notices the records."""
    from helpers import make_pdf

    data = example_data(PL)
    make_pdf(tmp_path / "police-report.pdf")
    data["records"][1]["file"] = "police-report.pdf"  # the police report, attached
    packet = plan(data, tmp_path)
    declaration, request = text(packet, "declaration"), text(packet, "request")
    assert "I have read it" not in declaration and "Tre" not in declaration  # no fact from a report recited
    assert "medical examination. (Source: I was there that night.)" in declaration
    assert "Exhibit A is a true copy of the Ontario Police Department Report No. 26-18822, September 10, 2026." \
        in declaration
    assert "attached to this declaration as exhibits or the subject of the request for judicial notice" in declaration
    assert "(Exhibit A, Ontario Police Department Report No. 26-18822, September 10, 2026.)" in request
    assert "(Request for Judicial Notice, item 2: Probation Officer's Report, October 7, 2026.)" in request
    assert "medical examination. (Declaration of Marisol T. Vega.)" in request  # the declarant's own fact
    notice = text(packet, "request-for-judicial-notice")
    assert "(1)\tProbation Officer's Report, July 2, 2026." in notice and "Ontario" not in notice
    assert [e.letter for e in packet.exhibits] == ["A"]
    assert not any("Record 2 (" in w for w in packet.warnings)
    assert any("Record 3 (Report of the forensic interview" in w for w in packet.warnings)


def test_placement_facts_recited_from_a_report_are_warned_and_a_bad_record_number_refused(tmp_path: Path) -> None:
    data = example_data(PL)
    data["exploitation"][0] = {"fact": "Tre advertised D.R.C.", "source": "Police report, May 2026"}
    assert any("1 facts name a report or record as their source" in w for w in plan(data, tmp_path).warnings)
    data["exploitation"][0] = {"fact": "Tre advertised D.R.C.", "record": 9}
    assert any("a fact names record 9, but only 4 records are listed under records" in e
               for e in errors_for(data, tmp_path))
    data["records"] = []
    data["exploitation"][0] = {"fact": "Tre advertised D.R.C."}  # neither a record nor a source
    assert any("give the fact's source, or the number of the record it comes from" in e
               for e in errors_for(data, tmp_path))
