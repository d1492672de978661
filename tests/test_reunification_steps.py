"""What the juvenile court needs past the bypass findings (issue #16): the § 366.26 hearing within
120 days and the writ advisement, notice and visitation findings, each parent's legal status, a
service list with each person's method and address, records offered by exhibit or judicial notice
instead of recited, and sentences that read right for county counsel and for minor's counsel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfWriter

from legal_docs.answers import validate_answers
from legal_docs.errors import InputError

from helpers import example_data

RD = "reunification-denial"


def plan(data: dict, tmp_path: Path):
    _, model = validate_answers(data, base_dir=tmp_path)
    from legal_docs.kinds import get_kind

    (packet,) = get_kind(RD).planner(model)
    return packet


def text(packet, key: str | None = None) -> str:
    return "\n".join(
        b["text"] for d in packet.documents if key in (None, d.key) for b in d.context["doc"]["blocks"]
    )


def county_counsel(data: dict) -> dict:
    data["filer_role"] = "county_counsel"
    data["agency"]["short_name"] = "the Department"
    return data


# -- what follows the denial ---------------------------------------------------------------------


def test_order_sets_the_366_26_hearing_within_120_days_and_gives_the_writ_advisement(tmp_path: Path) -> None:
    order = text(plan(example_data(RD), tmp_path), "proposed-order")
    # hearing December 14, 2026 + 120 days = April 13, 2027 (a Tuesday); the Court fills in the date
    assert ("is set for ____________________, at __________, in Department __________, a date within 120 days "
            "after this dispositional hearing, that is, no later than April 13, 2027 "
            "(Welf. & Inst. Code, § 361.5, subd. (f)).") in order
    assert "Notice of Intent to File Writ Petition and Request for Record (form JV-820)" in order
    assert "within the times set by California Rules of Court, rules 8.450 through 8.452" in order
    assert "(Cal. Rules of Court, rule 5.590(b))" in order
    assert "Notice of this hearing was given as required by law" in order
    assert "(Welf. & Inst. Code, § 358, subd. (a)(3))" in order
    # visitation unless detrimental: the Court chooses, nothing is ticked for it
    assert ("Visitation between Mother and T.M.O. (Welf. & Inst. Code, § 361.5, subd. (f)): [ ] continues as "
            "follows:") in order
    assert "[ ] is not ordered: the Court finds that visitation would be detrimental to the child." in order
    assert "[X]" not in order


def test_a_weekend_limit_rolls_back_and_no_hearing_date_gives_no_date(tmp_path: Path) -> None:
    data = example_data(RD)
    data["hearing"]["date"] = "2026-12-18"  # + 120 days = Saturday, April 17, 2027
    order = text(plan(data, tmp_path), "proposed-order")
    assert "no later than April 16, 2027" in order
    del data["hearing"]
    packet = plan(data, tmp_path)
    order = text(packet, "proposed-order")
    assert "a date within 120 days after this dispositional hearing (Welf. & Inst. Code" in order
    assert "no later than" not in order
    assert any("No hearing date is given" in w for w in packet.warnings)


def test_another_parent_entitled_to_services_means_no_366_26_hearing(tmp_path: Path) -> None:
    data = example_data(RD)
    data["other_parents"][0]["status"] = "presumed_father"
    packet = plan(data, tmp_path)
    order = text(packet, "proposed-order")
    assert "Marcus Okafor is T.M.O.'s presumed father. This order does not decide reunification services" in order
    assert "366.26 to select and implement" not in order
    assert "extraordinary writ" not in order
    assert "within 120 days" not in text(packet, "memorandum")
    assert any("Marcus Okafor may be entitled to reunification services" in w for w in packet.warnings)


def test_an_alleged_father_is_found_not_entitled_to_services(tmp_path: Path) -> None:
    packet = plan(example_data(RD), tmp_path)
    order = text(packet, "proposed-order")
    assert ("Marcus Okafor is T.M.O.'s alleged father. As an alleged father, not a presumed father, Marcus Okafor "
            "is not entitled to reunification services (Welf. & Inst. Code, § 361.5, subd. (a); "
            "In re Zacharia D. (1993) 6 Cal.4th 435).") in order
    assert "within 120 days" in text(packet, "memorandum")  # no parent receives services: the hearing is asked


def test_each_parent_in_the_request_has_its_status_pleaded(tmp_path: Path) -> None:
    data = example_data(RD)
    data["parents"][0].update(name="Victor Hale", relationship="father", refer_as="Father", status="alleged_father")
    packet = plan(data, tmp_path)
    order = text(packet, "proposed-order")
    assert "Father, Victor Hale, is T.M.O.'s alleged father. As an alleged father, not a presumed father" in order
    assert "Father, Victor Hale, knowingly permitted the sexual exploitation" in order  # the bypass, in addition
    assert any("Father is not a mother, presumed father or guardian" in w for w in packet.warnings)
    del data["parents"][0]["status"]
    packet = plan(data, tmp_path)
    assert any("Father's legal status" in w for w in packet.warnings)
    assert "is T.M.O.'s" not in text(packet, "proposed-order").split("Marcus")[0]


def test_no_other_parent_named_is_warned(tmp_path: Path) -> None:
    data = example_data(RD)
    del data["other_parents"]
    packet = plan(data, tmp_path)
    assert any("No other parent is named" in w for w in packet.warnings)


# -- service list --------------------------------------------------------------------------------


def test_proof_of_service_lists_each_person_with_method_and_its_address(tmp_path: Path) -> None:
    pos = text(plan(example_data(RD), tmp_path), "proof-of-service")
    assert ("Office of the County Counsel, Counsel for DCFS\nBy electronic service. Electronic service address:\n"
            "juvenile@counsel.example.gov") in pos
    assert ("Marcus Okafor, Alleged father (not represented)\nBy mail. Address:\n1200 Example Avenue, Apt. 4\n"
            "Lancaster, CA 93534") in pos
    assert "deposited it with the United States Postal Service at Monterey Park, California" in pos
    assert "(Code Civ. Proc., § 1010.6; Code Civ. Proc., § 1013b; Cal. Rules of Court, rule 2.251)" in pos
    assert "By personal service" not in pos  # only the methods used, nothing ticked beside the wrong address
    assert "[X]" not in pos and "[ ]" not in pos
    assert "•\tRequest for Judicial Notice" in pos


def test_service_list_gaps_are_warned_and_left_blank(tmp_path: Path) -> None:
    data = example_data(RD)
    del data["served_on"][0]["electronic_address"]
    data["served_on"][2]["method"] = "personal"
    del data["served_on"][2]["address"]
    del data["service"]["place"]
    data["service"]["method"] = "mail"
    data["served_on"][1]["method"] = "electronic"
    packet = plan(data, tmp_path)
    warnings = "\n".join(packet.warnings)
    assert "No address is given for person served 1" in warnings  # county counsel now served by mail
    assert "No address is given for person served 3" in warnings
    assert "place where the papers were mailed is not given" in warnings
    pos = text(packet, "proof-of-service")
    assert "United States Postal Service at ____________________, California" in pos
    data = example_data(RD)
    del data["served_on"][0]["electronic_address"]
    assert any("served electronically but no electronic service address"
               in w for w in plan(data, tmp_path).warnings)


def test_without_service_the_proof_leaves_every_method_for_hand_completion(tmp_path: Path) -> None:
    data = example_data(RD)
    del data["service"]
    pos = text(plan(data, tmp_path), "proof-of-service")
    assert pos.count("[ ]\t") == 3
    assert "Marcus Okafor, Alleged father (not represented)\nBy mail." in pos  # his own method still shown


# -- records, not hearsay recitals ---------------------------------------------------------------


def test_records_in_the_court_file_are_offered_by_judicial_notice_not_recited(tmp_path: Path) -> None:
    packet = plan(example_data(RD), tmp_path)
    rjn = text(packet, "request-for-judicial-notice")
    assert "Evidence Code section 452, subdivision (d) and Evidence Code section 453" in rjn
    assert "(1)\tDCFS Jurisdiction/Disposition Report, August 28, 2026." in rjn
    assert "(2)\tDCFS Last Minute Information for the Court, November 10, 2026." in rjn
    decl = text(packet, "declaration")
    assert "I have read it" not in decl
    assert "Pike posted online advertisements" not in decl  # from the DCFS report: offered, not recited
    assert "(Source: What Mother told me when I met her at the DCFS office on December 20, 2025.)" in decl
    assert "the subject of the request for judicial notice filed with it" in decl
    data = example_data(RD)
    for record in data["records"]:
        record["in_court_file"] = False
    packet = plan(data, tmp_path)
    assert "request-for-judicial-notice" not in [d.key for d in packet.documents]
    assert sum("neither attached" in w for w in packet.warnings) == 3


def test_a_record_with_a_pdf_is_attached_as_an_exhibit(tmp_path: Path) -> None:
    pdf = tmp_path / "scar.pdf"
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    with pdf.open("wb") as fh:
        writer.write(fh)
    data = example_data(RD)
    data["records"][1]["file"] = "scar.pdf"
    packet = plan(data, tmp_path)
    assert [(e.letter, e.description) for e in packet.exhibits] == [
        ("A", "Suspected Child Abuse Report by T.M.O.'s school counselor, May 11, 2026")]
    decl = text(packet, "declaration")
    assert ("Exhibit A is a true copy of the Suspected Child Abuse Report by T.M.O.'s school counselor, "
            "May 11, 2026.") in decl
    assert "attached to this declaration as exhibits or the subject of the request for judicial notice" in decl
    memo = text(packet, "memorandum")
    assert ("kept T.M.O. home from school for the rest of the term. (Exhibit A, Suspected Child Abuse Report by "
            "T.M.O.'s school counselor, May 11, 2026.)") in memo
    assert "•\tExhibits A" in text(packet, "proof-of-service")


def test_recited_reports_and_bad_record_numbers_are_caught(tmp_path: Path) -> None:
    data = example_data(RD)
    data["best_interest"]["facts"][0]["source"] = "DCFS status report, November 10, 2026"
    assert any("1 facts name a report or record" in w for w in plan(data, tmp_path).warnings)
    data["exploitation"]["facts"][0]["record"] = 9
    with pytest.raises(InputError) as info:
        validate_answers(data, base_dir=tmp_path)
    assert any("a fact names record 9, but only 3 records are listed" in d for d in info.value.details)
    data = example_data(RD)
    del data["exploitation"]["facts"][0]["record"]
    with pytest.raises(InputError) as info:
        validate_answers(data, base_dir=tmp_path)
    assert any("give the fact's source, or the number of the record" in d for d in info.value.details)


# -- every filer ---------------------------------------------------------------------------------


def test_county_counsel_papers_name_the_agency_in_full_and_start_sentences_in_capitals(tmp_path: Path) -> None:
    packet = plan(county_counsel(example_data(RD)), tmp_path)
    everything = text(packet)
    assert "Attorney for Petitioner the Department" not in everything
    assert "Attorney for Petitioner Los Angeles County Department of Children and Family Services" in everything
    assert "Petitioner Los Angeles County Department of Children and Family Services (the Department) asks" in everything
    assert "The Department respectfully asks the Court" in everything
    # the short name never starts a paragraph or a sentence in lower case
    for block in (b["text"] for d in packet.documents for b in d.context["doc"]["blocks"]):
        assert not re.search(r"(^|[.!?:]\s+|\t)the Department", block), block


def test_minors_counsel_papers_speak_for_the_child(tmp_path: Path) -> None:
    packet = plan(example_data(RD), tmp_path)
    everything = text(packet)
    assert "T.M.O. respectfully asks the Court" in everything
    assert "Minor T.M.O., through counsel, asks the Court to take judicial notice" in everything
    assert "Los Angeles County Department of Children and Family Services (DCFS) filed a petition" in everything
