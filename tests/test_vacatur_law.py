"""Vacatur petitions that are legally right for every client (issue 15), on realistic answers:
trafficked as a minor and as an adult, several case files in one county, an offense before the
trafficking began, a typed level that contradicts the code, law that changed, service by mail."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from legal_docs.answers import validate_answers
from legal_docs.kinds.vacatur.plan import build_plans
from legal_docs.kinds.vacatur.rules import group_by_court
from legal_docs.plan import PacketPlan

from helpers import example_data

TODAY = dt.date(2026, 12, 2)


def _plans(data: dict[str, Any], tmp_path: Path) -> list[PacketPlan]:
    return build_plans(validate_answers(data, base_dir=tmp_path)[1], today=TODAY)


def _text(plan: PacketPlan, key: str | None = None) -> str:
    return "\n".join(b["text"] for d in plan.documents if key in (None, d.key)
                     for b in d.context.get("doc", {}).get("blocks", []))


def _one_court(data: dict[str, Any]) -> dict[str, Any]:
    """The example's Los Angeles offenses only, each case file its own petition (no courts: settings)."""
    data = copy.deepcopy(data)
    data["offenses"] = [o for o in data["offenses"] if o["county"] == "Los Angeles"]
    data.pop("courts", None)
    return data


def _minor_client() -> dict[str, Any]:
    """Trafficked at 15-17; one juvenile adjudication at 16 and one at 17 (San Bernardino)."""
    data = copy.deepcopy(example_data())
    data["trafficking"].update(began="2016-03-01", ended="2019-01-31")
    data["trafficking"].pop("means")
    data["trafficking"].pop("means_facts")
    data["offenses"] = [data["offenses"][3]]
    data["offenses"][0]["date"] = "2017-08-20"
    data.pop("courts")
    return data


def _adult_client() -> dict[str, Any]:
    """Trafficked from 22; a conviction at 23; the means of § 236.1(a)/(b) not yet given."""
    data = _one_court(example_data())
    data["trafficking"].update(began="2023-06-01", ended="2025-03-01")
    del data["trafficking"]["means"], data["trafficking"]["means_facts"]
    data["offenses"] = [data["offenses"][0]]
    data["offenses"][0]["date"] = "2024-05-10"
    return data


# -- 2. each offense on the rule of the petitioner's age at it ------------------------------------

def test_trafficked_as_a_minor_pleads_the_minor_rule_only(tmp_path: Path) -> None:
    [plan] = _plans(_minor_client(), tmp_path)
    petition = _text(plan, "petition")
    assert "Petitioner was under 18 when this offense was committed" in petition
    assert "no showing of force, fraud or coercion is required" in petition
    assert "Pen. Code, § 236.1, subd. (c)" in petition
    assert "18 or older" not in petition and "ATTORNEY TO COMPLETE" not in petition
    memo = _text(plan, "memorandum")
    assert "18 or older" not in memo
    # People v. Moses (a trafficker's attempt, a police decoy) is no longer cited: § 236.1(c) itself is
    assert "Moses" not in memo and "Pen. Code, § 236.1, subd. (c)" in memo


def test_trafficked_as_an_adult_never_claims_the_minor_rule(tmp_path: Path) -> None:
    [plan] = _plans(_adult_client(), tmp_path)
    everything = _text(plan)
    assert "no showing of force" not in everything and "no force, fraud or coercion" not in everything
    assert "Petitioner was a minor" not in everything
    petition = _text(plan, "petition")
    assert "Petitioner was 18 or older when this offense was committed" in petition
    assert "Pen. Code, § 236.1, subds. (a), (b)" in petition
    # the means were not given: a marked blank, never an invented fact
    assert "[ATTORNEY TO COMPLETE: the facts of force, fear, fraud, deceit" in petition
    assert any("committed at 18 or older" in w and "marked blank" in w for w in plan.warnings)


def test_an_adult_offense_rests_on_the_means_given(tmp_path: Path) -> None:
    data = _adult_client()
    data["trafficking"]["means"] = ["fraud", "threat"]
    data["trafficking"]["means_facts"] = "He said he would report me to immigration if I stopped."
    [plan] = _plans(data, tmp_path)
    petition = _text(plan, "petition")
    assert "personal liberty through fraud or threat. In petitioner's words:" in petition
    assert "He said he would report me to immigration" in petition
    assert "ATTORNEY TO COMPLETE" not in petition
    assert "He said he would report me to immigration" in _text(plan, "declaration")
    assert not any("committed at 18 or older" in w for w in plan.warnings)


def test_trafficking_across_the_18th_birthday_pleads_each_offense_by_its_own_age(tmp_path: Path) -> None:
    data = _one_court(example_data())  # born 2001-04-17; trafficked from 16; offenses at 18 and 16
    data["offenses"][1].update(date="2018-09-14")  # the arrest now at 17
    plans = _plans(data, tmp_path)
    arrest = next(p for p in plans if "uncharged arrest" in p.title)
    conviction = next(p for p in plans if "9CJ01234" in p.title)
    assert "Petitioner was under 18 when this offense was committed: Pen. Code, § 653.22" in _text(arrest, "petition")
    assert "18 or older" not in _text(arrest, "petition")
    assert "18 or older when this offense was committed: Pen. Code, § 647, subd. (b)" in _text(conviction, "petition")
    assert "turned 18 on April 17, 2019" in _text(conviction, "memorandum")


# -- 3. never state what the tool's own rules found untrue ----------------------------------------

def test_an_offense_before_the_trafficking_began_is_not_said_to_be_during_it(tmp_path: Path) -> None:
    data = _one_court(example_data())
    data["offenses"] = [data["offenses"][0]]
    data["offenses"][0]["date"] = "2017-02-10"  # trafficking began May 1, 2017
    [plan] = _plans(data, tmp_path)
    memo = _text(plan, "memorandum")
    assert "while petitioner was being trafficked" not in memo
    assert "is dated outside that period" in memo and "[ATTORNEY TO DECIDE" in memo
    assert "[ATTORNEY TO DECIDE: this offense is dated February 10, 2017" in _text(plan, "petition")
    assert any("outside the trafficking period" in w and "marked blank" in w for w in plan.warnings)


def test_an_offense_outside_the_period_gets_its_own_argued_connection(tmp_path: Path) -> None:
    data = _one_court(example_data())
    data["offenses"] = [data["offenses"][0]]
    data["offenses"][0]["date"] = "2017-02-10"
    data["offenses"][0]["while_a_victim"] = "Dre was already controlling me by February 2017; May is when he moved me."
    [plan] = _plans(data, tmp_path)
    everything = _text(plan)
    assert "ATTORNEY TO DECIDE" not in everything
    assert "Dre was already controlling me by February 2017" in _text(plan, "petition")
    assert "Dre was already controlling me by February 2017" in _text(plan, "memorandum")
    assert "Dre was already controlling me by February 2017" in _text(plan, "declaration")
    assert "while petitioner was being trafficked" not in _text(plan, "memorandum")


# -- 4 and 5. one petition per case file; hearings per petition ---------------------------------------

def test_several_case_files_in_one_county_are_separate_petitions(tmp_path: Path) -> None:
    data = _one_court(example_data())
    data["hearing"] = {"date": "2027-01-15", "time": "8:30 AM", "department": "100"}
    plans = _plans(data, tmp_path)
    made = [p for p in plans if p.documents]
    assert [p.folder for p in made] == ["los-angeles", "los-angeles-2"]
    conviction, arrest = made
    assert conviction.documents[0].context["doc"]["caption"]["case_lines"] == ["Case No. 9CJ01234"]
    assert "9CJ01234" not in _text(arrest)  # the uncharged arrest is not filed under the conviction's number
    assert arrest.documents[0].context["doc"]["caption"]["case_lines"] == ["Case No.:"]
    # one hearing for two petitions: tied to neither, so both leave blank lines for the clerk
    for plan in made:
        details = plan.documents[0].context["doc"]["caption"]["detail_lines"]
        assert "Date: ____________________" in details and "January 15, 2027" not in _text(plan)
        assert any("not tied to this petition" in w for w in plan.warnings)


def test_each_petition_gets_only_its_own_hearing(tmp_path: Path) -> None:
    data = _one_court(example_data())
    data["courts"] = [{"county": "Los Angeles", "hearings": [
        {"case": "9CJ01234", "date": "2027-01-15", "time": "8:30 AM", "department": "100"},
        {"case": "5512345", "date": "2027-02-03", "time": "1:30 PM", "department": "42"},  # the arrest's booking no.
    ]}]
    conviction, arrest = [p for p in _plans(data, tmp_path) if p.documents]
    assert "on January 15, 2027, at 8:30 AM" in _text(conviction, "petition")
    assert "on February 3, 2027, at 1:30 PM" in _text(arrest, "petition") and "Department 42" in _text(arrest, "petition")
    assert "January 15" not in _text(arrest)


def test_another_courts_hearing_is_never_copied(tmp_path: Path) -> None:
    plans = _plans(example_data(), tmp_path)  # Los Angeles has a hearing; San Bernardino has none
    sb = next(p for p in plans if p.court == "San Bernardino")
    assert "January 15, 2027" not in _text(sb) and "Department 100" not in _text(sb)
    assert "PLEASE TAKE NOTICE that on ____________________, at __________" in _text(sb, "petition")
    assert sb.documents[0].context["doc"]["caption"]["detail_lines"][1:] == [
        "Date: ____________________", "Time: __________", "Dept.: ________"]


def test_consolidation_states_the_agreement_or_leaves_it_for_the_attorney(tmp_path: Path) -> None:
    la = next(p for p in _plans(example_data(), tmp_path) if p.court == "Los Angeles")
    petition = _text(la, "petition")
    assert "With the agreement of petitioner and all of the involved prosecuting agencies" in petition
    assert "Pen. Code, § 236.14, subd. (e)" in petition
    assert "Cal. Stds. Jud. Admin., std. 4.15" in petition and "agreed in writing on November 2, 2026" in petition
    assert "std. 4.15(a)(1)-(2)" in petition  # one petition per county, hearings consolidated: the standard's text
    assert "std. 4.15(b)(1)" in petition  # and it asks that the petition and filings be designated confidential
    assert not any("std. 4.15" in line for line in la.review_authorities)  # read on 2026-12-03
    data = example_data()
    del data["courts"][0]["consolidation_agreement"]
    la = next(p for p in _plans(data, tmp_path) if p.court == "Los Angeles")
    assert "[ATTORNEY TO COMPLETE: the agreement of each prosecuting agency" in _text(la, "petition")
    assert any("state the agreement to consolidate" in w for w in la.warnings)


# -- 6. the confidential identity attachment ---------------------------------------------------------

def test_the_order_has_a_confidential_identity_attachment(tmp_path: Path) -> None:
    data = _one_court(example_data())
    arrest = [p for p in _plans(data, tmp_path) if p.documents][1]
    [attachment] = [d for d in arrest.documents if d.key == "identity-attachment"]
    assert not attachment.serve and not attachment.in_packet
    text = _text(arrest, "identity-attachment")
    for item in ("Alex Jordan Rivera", "April 17, 2001", "A12345678", "Lexi Rivera", "booking no. 5512345",
                 "Los Angeles County Sheriff's Department"):
        assert item in text
    assert "confidential attachment to this order" in _text(arrest, "proposed-order")
    assert "Alex Jordan Rivera" not in _text(arrest, "proposed-order")


# -- 7. the screen does not trust the typed level; law that changed; other relief ---------------------

def test_robbery_typed_as_a_misdemeanor_is_screened_as_a_felony_and_flagged(tmp_path: Path) -> None:
    data = _one_court(example_data())
    data["offenses"][2]["level"] = "misdemeanor"
    groups = group_by_court(validate_answers(data, base_dir=tmp_path)[1])
    robbery = next(o for g in groups for o in g.offenses if o.index == 3)
    assert not robbery.included and robbery.screening.paragraph == 9
    warnings = [w for g in groups for w in g.warnings]
    assert any("entered as a misdemeanor, but Pen. Code, § 211 is a felony" in w for w in warnings)
    assert any("other relief to consider" in w and "1203.4" in w and "CR-180" in w for w in warnings)


def test_law_that_changed_is_flagged(tmp_path: Path) -> None:
    plans = _plans(example_data(), tmp_path)
    warnings = [w for p in plans for w in p.warnings]
    assert any("653.22 was repealed effective January 1, 2023" in w and "653.29" in w for w in warnings)
    # a 16-year-old's 2017 adjudication for PC 647(b): SB 1322 made it inapplicable to minors from 2017
    assert any("SB 1322" in w and "The petitioner was 16 on August 20, 2017" in w for w in warnings)
    data = _minor_client()
    data["offenses"][0]["date"] = "2016-08-20"  # before SB 1322 took effect: no flag
    data["trafficking"]["began"] = "2016-03-01"
    assert not any("SB 1322" in w for p in _plans(data, tmp_path) for w in p.warnings)


def test_an_uncharged_arrest_left_out_names_arrest_relief(tmp_path: Path) -> None:
    data = _one_court(example_data())
    data["offenses"][1].update(code_section="PC 211", level="felony", description="Robbery")
    warnings = [w for p in _plans(data, tmp_path) for w in p.warnings]
    assert any("other relief to consider" in w and "851.8" in w for w in warnings)


# -- 8. codes in citation form; the manifest keeps what was typed ----------------------------------

def test_codes_reach_the_papers_in_citation_form(tmp_path: Path) -> None:
    data = _one_court(example_data())
    data["offenses"][0]["code_section"] = "pc647b"
    conviction = _plans(data, tmp_path)[0]
    petition = _text(conviction, "petition")
    assert "violation of Pen. Code, § 647, subd. (b) (Engaging" in petition and "pc647b" not in _text(conviction)
    record = next(r for r in conviction.records if r["offense"] == 1)
    assert record["code_section_typed"] == "pc647b" and record["citation"] == "Pen. Code, § 647, subd. (b)"


# -- 9. the proof of service by mail ------------------------------------------------------------------

def test_proof_of_service_by_mail_states_the_place_and_each_papers_title(tmp_path: Path) -> None:
    la = next(p for p in _plans(example_data(), tmp_path) if p.court == "Los Angeles")
    pos = _text(la, "proof-of-service")
    assert "deposited it with the United States Postal Service at Los Angeles, California, on November 20, 2026" in pos
    assert "[Proposed] Order Vacating Conviction and Arrest and Sealing and Destroying Records" in pos
    assert "Notice of Petition and Petition to Vacate Conviction and Arrest; Verification" in pos
    assert "Confidential" not in pos and "Letter" not in pos  # neither is served
    assert "[" not in pos.replace("[Proposed]", "")  # no empty boxes: only the method used is stated
    assert "By personal service" not in pos and "By electronic service" not in pos
    data = example_data()
    del data["service"]["deposit_place"]
    la = next(p for p in _plans(data, tmp_path) if p.court == "Los Angeles")
    assert "Postal Service at ______________________________" in _text(la, "proof-of-service")


# -- 10. case law: only checked decisions, each where a sentence rests on it -------------------------

def test_the_memorandum_cites_only_checked_decisions_for_what_they_hold(tmp_path: Path) -> None:
    from legal_docs.lawdata import authorities

    la = next(p for p in _plans(example_data(), tmp_path) if p.court == "Los Angeles")
    memo = _text(la, "memorandum")
    # the standard of proof § 236.14(a) sets, stated with the Supreme Court decision that defines it
    assert ("Clear and convincing evidence is proof that makes the existence of a fact highly probable "
            "(Conservatorship of O.B. (2020) 9 Cal.5th 989).") in memo
    assert "conservatorship-of-ob" in la.authorities
    assert any(line.startswith("Conservatorship of O.B.") and "pin cite" in line for line in la.review_authorities)
    # no unpublished decision reaches a paper (rule 8.1115(a)); the table says what was found instead
    for text in (memo, _text(la)):
        assert "Tabitha" not in text and "nonpub. opn." not in text and "E079946" not in text
    # every decision the vacatur papers cite names the copy of the opinion that was read
    table = authorities()
    cited = {a for p in _plans(example_data(), tmp_path) for a in p.authorities}
    decisions = [a for a in cited if " (19" in table[a].citation or " (20" in table[a].citation]
    assert decisions == ["conservatorship-of-ob"]
    assert all(table[a].source for a in decisions)
