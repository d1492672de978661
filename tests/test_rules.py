"""Eligibility screening, one petition per court, deadlines, and what the plan claims."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from legal_docs.answers import validate_answers
from legal_docs.kinds.vacatur.plan import build_plans
from legal_docs.kinds.vacatur.rules import group_by_court
from legal_docs.screening import parse_code_section, screen_offense

from helpers import example_data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PC 647(b)", "PC 647(b)"),
        ("Pen. Code § 647, subd. (b)", "PC 647(b)"),
        ("647(b) PC", "PC 647(b)"),
        ("Penal Code section 211", "PC 211"),
        ("H&S 11350", "HS 11350"),
        ("PC 664/187", "PC 664/187"),
    ],
)
def test_code_sections_are_read_as_written(text: str, expected: str) -> None:
    assert str(parse_code_section(text)) == expected


@pytest.mark.parametrize(
    ("section", "level", "enh", "status", "paragraph"),
    [
        ("PC 647(b)", "misdemeanor", [], "eligible", None),
        ("PC 211", "felony", [], "excluded", 9),
        ("PC 211", "misdemeanor", [], "excluded", 9),  # robbery is always a felony, whatever was typed
        ("PC 647(b)", "felony", [], "eligible", None),  # always a misdemeanor, whatever was typed
        ("HS 11350", "misdemeanor", [], "eligible", None),  # only felonies can be violent felonies
        ("PC 451(a)(1)", "felony", [], "excluded", 10),
        ("PC 451(c)", "felony", [], "eligible", None),
        ("PC 451", "felony", [], "check", None),  # the subdivision decides: never dropped silently
        ("PC 664/187", "felony", [], "excluded", 12),
        ("PC 245(a)(1)", "felony", ["PC 12022.7(a)"], "excluded", 8),
        ("PC 518", "felony", [], "check", None),
        ("PC 518", "felony", ["PC 186.22(b)"], "excluded", 19),
        ("PC 459", "felony", [], "check", None),
        ("HS 11352", "felony", [], "eligible", None),
    ],
)
def test_violent_felony_screen(section, level, enh, status, paragraph) -> None:
    result = screen_offense(code_section=section, level=level, enhancements=enh)
    assert (result.status, result.paragraph) == (status, paragraph), result.reason
    assert result.reason


def _model(data, tmp_path: Path):
    return validate_answers(data, base_dir=tmp_path)[1]


def test_one_petition_per_court_and_violent_felony_left_out(tmp_path: Path) -> None:
    groups = group_by_court(_model(example_data(), tmp_path))
    assert [g.county for g in groups] == ["Los Angeles", "San Bernardino"]
    la = groups[0]
    assert [o.index for o in la.included] == [1, 2]
    assert [o.index for o in la.excluded] == [3]
    assert any("Offense 3 (PC 211" in w and "667.5(c)(9)" in w for w in la.warnings)


def test_attorney_override_puts_an_offense_back_with_its_reason(tmp_path: Path) -> None:
    data = example_data()
    data["offenses"][2]["override"] = {"include": True, "reason": "Reduced to a misdemeanor under PC 17(b)"}
    la = group_by_court(_model(data, tmp_path))[0]
    assert [o.index for o in la.included] == [1, 2, 3]
    assert any("attorney override" in w and "PC 17(b)" in w for w in la.warnings)
    plan = build_plans(_model(data, tmp_path))[0]
    petition = plan.documents[0].context["doc"]["blocks"]
    assert any("Reduced to a misdemeanor under PC 17(b)" in b["text"] for b in petition)


def test_response_deadline_is_45_days_after_service_moved_off_weekends(tmp_path: Path) -> None:
    data = example_data()
    data["service"]["date"] = "2026-11-20"  # + 45 days = Monday January 4, 2027
    la = group_by_court(_model(data, tmp_path))[0]
    assert la.deadlines[0].date == dt.date(2027, 1, 4)
    data["service"]["date"] = "2026-11-18"  # + 45 = Saturday January 2 -> Monday January 4
    assert group_by_court(_model(data, tmp_path))[0].deadlines[0].date == dt.date(2027, 1, 4)
    data.pop("service")
    assert group_by_court(_model(data, tmp_path))[0].deadlines == []


def test_only_juvenile_adjudications_claim_the_presumption(tmp_path: Path) -> None:
    plans = build_plans(_model(example_data(), tmp_path))
    la, sb = plans

    def text(plan) -> str:
        return "\n".join(b["text"] for d in plan.documents for b in d.context["doc"]["blocks"])

    assert "presumption" not in text(la).replace("no presumption", "")
    assert "subd. (j)" not in text(la)
    assert "rebuttable presumption" in text(sb)
    assert "Pen. Code, § 236.14, subd. (j)" in text(sb)
    assert sb.documents[0].context["doc"]["confidential"].startswith("CONFIDENTIAL")
    assert la.documents[0].context["doc"]["confidential"] == ""


def test_nothing_cites_236_14_for_a_fee_waiver(tmp_path: Path) -> None:
    for plan in build_plans(_model(example_data(), tmp_path)):
        for doc in plan.documents:
            for block in doc.context["doc"]["blocks"]:
                assert "fee waiver" not in block["text"].lower()


def test_initials_in_public_papers_unless_the_attorney_says_otherwise(tmp_path: Path) -> None:
    data = example_data()
    plans = build_plans(_model(data, tmp_path))
    public = [d for p in plans for d in p.documents if d.in_packet]
    everything = repr([d.context for d in public])
    assert "Alex Jordan Rivera" not in everything and "Lexi Rivera" not in everything
    assert "A.J.R." in everything
    # the full name is only in the confidential identity attachment: not filed in packet.pdf, never served
    named = [d for p in plans for d in p.documents if "Alex Jordan Rivera" in repr(d.context)]
    assert {d.key for d in named} == {"identity-attachment"}
    assert not any(d.serve or d.in_packet for d in named)
    data["petitioner"]["file_with_initials"] = False
    plans = build_plans(_model(data, tmp_path))
    everything = repr([d.context for p in plans for d in p.documents])
    assert "Alex Jordan Rivera" in everything and "Lexi Rivera" in everything


def test_a_county_with_only_violent_felonies_gets_no_packet(tmp_path: Path) -> None:
    data = example_data()
    data["offenses"] = [data["offenses"][2], data["offenses"][3]]
    plans = build_plans(_model(data, tmp_path))
    assert plans[0].documents == [] and plans[0].excluded
    assert plans[1].documents


def test_hearing_before_response_date_is_warned(tmp_path: Path) -> None:
    data = example_data()
    data["courts"][0]["hearing"]["date"] = "2026-12-01"
    la = group_by_court(_model(data, tmp_path))[0]
    assert any("45 days to respond" in w for w in la.warnings)


def test_manifest_authorities_flag_needs_review(tmp_path: Path) -> None:
    plan = build_plans(_model(example_data(), tmp_path))[0]
    assert any("rule 2.111" in line for line in plan.review_authorities)
    assert any("1013" in line for line in plan.review_authorities)  # served by mail
