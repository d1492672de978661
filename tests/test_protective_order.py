"""The protective-order kind (issue 5): its three routes, the law it computes (hearing window,
order length), the answers the official forms read, the clear errors, and the samples.
No LibreOffice here; tests/test_generate_protective.py makes the papers."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from helpers import example_data
from legal_docs.answers import validate_answers
from legal_docs.clauses import end_sentence
from legal_docs.errors import InputError
from legal_docs.kinds.protective_order.rules import hearing_window, length_years, order_ends
from legal_docs_cli.main import main

KIND = "protective-order"
ROUTES = ["juvenile", "dvro", "civil-harassment"]
TODAY = dt.date(2026, 11, 22)


def sample(route: str) -> dict[str, Any]:
    return copy.deepcopy(example_data(KIND, route))


def model_of(data: dict[str, Any]):
    _spec, model = validate_answers(data, base_dir=Path("."))
    return model


def plan_of(data: dict[str, Any]):
    spec, model = validate_answers(data, base_dir=Path("."))
    (plan,) = spec.planner(model, today=TODAY)
    return plan


def problems(data: dict[str, Any]) -> str:
    with pytest.raises(InputError) as err:
        validate_answers(data, base_dir=Path("."))
    return " ".join([err.value.message, *err.value.details])


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# -- the routes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("route", "expected"), [
    ("juvenile", [("declaration", "", True), ("jv-250", "JV-250", True),
                  ("proposed-order-after-hearing", "", True), ("clets-001", "CLETS-001", False),
                  ("client-letter", "", False)]),
    ("dvro", [("dv-100", "DV-100", True), ("dv-101", "DV-101", True), ("dv-109", "DV-109", True),
              ("dv-110", "DV-110", True), ("clets-001", "CLETS-001", False), ("dv-200", "DV-200", False),
              ("dv-130", "DV-130", False), ("client-letter", "", False)]),
    # the sample's minor has a third person's declaration: it follows CH-100; CH-160 for the minor
    ("civil-harassment", [("ch-100", "CH-100", True), ("declaration", "", True), ("ch-160", "CH-160", True),
                          ("ch-109", "CH-109", True), ("ch-110", "CH-110", True), ("ch-200", "CH-200", False),
                          ("ch-130", "CH-130", False), ("clets-001", "CLETS-001", False),
                          ("client-letter", "", False)]),
])
def test_each_route_plans_its_papers_and_forms(route: str, expected: list) -> None:
    plan = plan_of(sample(route))
    assert [(d.key, d.form, d.serve) for d in plan.documents] == expected
    assert all(not d.in_packet for d in plan.documents if d.key in ("client-letter", "dv-200", "dv-130"))


def test_no_temporary_order_drops_jv250_and_dv110() -> None:
    for route, dropped in (("juvenile", "jv-250"), ("dvro", "dv-110")):
        data = sample(route)
        data["temporary_order"] = {"requested": False}
        assert dropped not in [d.key for d in plan_of(data).documents]


def test_dv101_only_when_the_dv100_cannot_hold_the_incidents() -> None:
    data = sample("dvro")
    data["incidents"] = data["incidents"][:3]
    assert "dv-101" not in [d.key for d in plan_of(data).documents]
    data["more_abuse"] = "He also threatened my sister."
    assert "dv-101" in [d.key for d in plan_of(data).documents]


# -- the law as computed ---------------------------------------------------------------------------


def test_hearing_window_is_21_days_or_25_for_good_cause_from_the_temporary_order() -> None:
    data = sample("juvenile")
    data["temporary_order"]["date"] = "2026-11-16"  # a Monday: day 21 is Monday Dec 7, day 25 Friday Dec 11
    window = hearing_window(model_of(data), today=TODAY)
    assert (window.start, window.latest, window.latest_good_cause) == (
        dt.date(2026, 11, 16), dt.date(2026, 12, 7), dt.date(2026, 12, 11))
    assert window.from_order


def test_a_last_day_on_a_weekend_moves_back_to_the_friday() -> None:
    """The hearing must be held WITHIN the period: a Saturday last day means Friday, not Monday."""
    data = sample("civil-harassment")
    data["temporary_order"]["date"] = "2026-11-14"  # Saturday; +21 = Sat Dec 5, +25 = Wed Dec 9
    window = hearing_window(model_of(data), today=TODAY)
    assert window.latest == dt.date(2026, 12, 4)
    assert window.latest_good_cause == dt.date(2026, 12, 9)


def test_without_a_temporary_order_date_the_window_counts_from_signing_and_says_so() -> None:
    plan = plan_of(sample("juvenile"))  # signed 2026-11-20
    ids = {d.id: d for d in plan.deadlines}
    assert ids["juvenile-ro-hearing"].date == dt.date(2026, 12, 11)
    assert ids["juvenile-ro-hearing-good-cause"].date == dt.date(2026, 12, 15)
    assert "signing date" in ids["juvenile-ro-hearing"].label
    assert any("count it again" in w for w in plan.warnings)


@pytest.mark.parametrize(("hearing", "good_cause", "expect"), [
    ("2026-12-10", None, None),  # within 21 days of Nov 20
    ("2026-12-14", None, "must find good cause"),
    ("2026-12-14", "The respondent is out of state until December 12.", None),
    ("2026-12-18", None, "after the last day the law allows"),
    ("2026-11-19", None, "before the signing date"),
])
def test_a_hearing_outside_the_window_is_a_warning(hearing: str, good_cause: str | None, expect: str | None) -> None:
    data = sample("juvenile")
    data["hearing"]["date"] = hearing
    if good_cause:
        data["temporary_order"]["good_cause_25_days"] = good_cause
    found = [w for w in plan_of(data).warnings if "The hearing date" in w]
    if expect is None:
        assert found == []
    else:
        assert len(found) == 1 and expect in found[0]


def test_order_length_defaults_by_route_and_ends_from_the_hearing() -> None:
    juvenile = model_of(sample("juvenile"))
    assert length_years(juvenile) == 3
    assert order_ends(juvenile) == dt.date(2029, 12, 8)
    assert length_years(model_of(sample("dvro"))) == 5
    ch = sample("civil-harassment")
    ch["length_years"] = 2
    assert length_years(model_of(ch)) == 2
    assert order_ends(model_of(ch)) is None  # no hearing date yet: the order leaves a blank


@pytest.mark.parametrize(("route", "years", "limit"), [("juvenile", 4, "no more than 3 years"),
                                                      ("civil-harassment", 6, "no more than 5 years"),
                                                      ("dvro", 7, "no more than 5 years")])
def test_a_length_above_the_routes_maximum_is_refused(route: str, years: int, limit: str) -> None:
    data = sample(route)
    data["length_years"] = years
    assert limit in problems(data)


# -- answers that do not fit the route ------------------------------------------------------------


@pytest.mark.parametrize(("route", "change", "words"), [
    ("juvenile", lambda d: d["case"].pop("petition"), "300, 601 or 602"),
    ("juvenile", lambda d: d["case"].pop("number"), "juvenile case number"),
    ("dvro", lambda d: d.pop("dv_relationship"), "use route civil-harassment"),
    ("civil-harassment", lambda d: d["orders"].__setitem__("move_out", {"address": "1 Example St",
                                                                      "right_to_live_there": "She rents it."}),
     "route has no move-out order"),
    ("civil-harassment", lambda d: d["case"].__setitem__("petition", "602"), "juvenile route only"),
    ("dvro", lambda d: d["temporary_order"].pop("why_now"), "temporary_order.why_now"),
    ("juvenile", lambda d: d["restrained"].__setitem__("firearms", "no"), "firearms_list"),
    ("dvro", lambda d: d.__setitem__("route", "family"), "juvenile, dvro or civil-harassment"),
])
def test_answers_that_do_not_fit_the_route_are_named(route: str, change, words: str) -> None:
    data = sample(route)
    change(data)
    assert words in problems(data)


def test_the_cli_refuses_a_too_long_order_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    answers = tmp_path / "client.yaml"
    text = run("example", KIND).output.replace("# length_years: 3", "length_years: 9")
    answers.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(answers)])
    assert result.exit_code == 2
    assert "no more than 3 years" in result.output and "Traceback" not in result.output


# -- what the official forms read -----------------------------------------------------------------


def test_form_answers_carry_the_dvro_sample_to_the_map_paths() -> None:
    plan = plan_of(sample("dvro"))
    fa = plan.facts["form_answers"][KIND]
    assert fa["protected"]["name"] == "Kiara Monique Bell" and fa["protected"]["age"] == "19"
    assert fa["court"]["address_block"].startswith("Alameda\nHayward Hall of Justice")
    assert fa["restrained"]["name"] == "Trevon Lamar Hayes" and fa["restrained"]["dob"] == "01/09/2001"
    ticked = {k for k, v in fa["relationship"].items() if v is True}
    assert ticked == {"dating"} and fa["relationship"]["live_together_now"] == "no"
    incidents = fa["abuse"]["incidents"]
    assert [i["date"] for i in incidents] == ["11/12/2026", "10/28/2026", "09/03/2026", "06/15/2026", "03/01/2026"]
    assert incidents[0]["harm"] == "yes" and incidents[0]["witnesses"] == "yes"
    assert incidents[2]["weapon"] is None  # an empty weapon answer settles nothing: the item stays blank
    assert fa["orders"]["stay_away"]["work"] and not fa["orders"]["stay_away"]["school"]
    assert fa["orders"]["stay_away"]["yards"] == 100 and fa["orders"]["stay_away"]["other_yards"] == ""
    assert fa["hearing"] is None  # no hearing yet: DV-109/DV-110 leave it to the court
    assert fa["server"]["name"] == "Samuel Ortiz"
    assert "confidential_minor_info" not in fa  # DV-109 item 5 is the court's


def test_more_than_five_incidents_go_to_dv101_item_5_in_words() -> None:
    data = sample("dvro")
    extra = {"date": "2026-01-20", "details": "He followed me home from school.", "police": "no"}
    data["incidents"].append(extra)
    plan = plan_of(data)
    fa = plan.facts["form_answers"][KIND]
    assert len(fa["abuse"]["incidents"]) == 5
    assert "January 20, 2026: He followed me home from school." in fa["abuse"]["more"]
    assert any("DV-100 and DV-101 hold five" in w for w in plan.warnings)


def test_a_minor_on_the_dv_route_is_warned_to_file_dv160_and_dv109_item_5_is_left_to_the_court() -> None:
    data = sample("dvro")
    data["protected"]["date_of_birth"] = "2010-01-01"
    plan = plan_of(data)
    assert "confidential_minor_info" not in plan.facts["form_answers"][KIND]
    assert any("Fam. Code, § 6301.5" in w and "DV-160" in w for w in plan.warnings)
    assert "fam-6301.5" in plan.authorities


# -- privacy ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ["juvenile", "civil-harassment"])
def test_a_minor_is_named_by_initials_in_the_pleading_papers(route: str) -> None:
    data = sample(route)
    plan = plan_of(data)
    full = data["protected"]["name"]
    for doc in plan.documents:
        if doc.form or not doc.in_packet:
            continue
        assert full not in repr(doc.context), doc.key
        assert full.split()[0] not in repr(doc.context), doc.key
    assert plan.facts["protected"]["name"] == data["protected"]["initials"]
    # the full name is on the confidential CLETS-001 only
    assert plan.facts["form_answers"][KIND]["protected"]["name"] == full


def test_an_adult_protected_person_is_named_in_full() -> None:
    data = sample("civil-harassment")
    data["protected"]["date_of_birth"] = "2000-01-01"
    data["protected"].pop("guardian")
    plan = plan_of(data)
    assert plan.facts["protected"]["name"] == "Ana Lucía Ferreira"
    assert plan.facts["protected"]["caption_name"] == "Ana Lucía Ferreira"


def test_end_sentence_never_doubles_a_full_stop() -> None:
    assert end_sentence("M.V.") == "M.V."
    assert end_sentence("her home") == "her home."
    assert end_sentence("Is it? ") == "Is it? "  # the answer itself is never changed


# -- the samples ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ROUTES)
def test_each_variant_sample_prints_and_validates(tmp_path: Path, variant: str) -> None:
    result = run("example", KIND, "--variant", variant)
    assert result.exit_code == 0 and f"route: {variant}" in result.output
    assert "invented" in result.output
    answers = tmp_path / "client.yaml"
    answers.write_text(result.output, encoding="utf-8")
    checked = run("validate", str(answers))
    assert checked.exit_code == 0, checked.output
    assert "1 protective-order packet would be made" in checked.output


def test_the_default_sample_is_the_juvenile_route_and_an_unknown_variant_is_named() -> None:
    assert run("example", KIND).output == run("example", KIND, "--variant", "juvenile").output
    bad = CliRunner().invoke(main, ["example", KIND, "--variant", "criminal"])
    assert bad.exit_code == 2
    assert "Unknown variant 'criminal'" in bad.output and "dvro" in bad.output
    other = CliRunner().invoke(main, ["example", "vacatur", "--variant", "dvro"])
    assert other.exit_code == 2 and "one sample" in other.output


def test_kinds_lists_the_variants() -> None:
    out = run("kinds").output
    assert "protective-order (alias: restraining-order)" in out
    assert "variants (example --variant): juvenile, dvro, civil-harassment" in out


@pytest.mark.parametrize("variant", ROUTES)
def test_each_variant_has_a_batch_sheet(variant: str) -> None:
    result = run("example", KIND, "--variant", variant, "--format", "csv")
    assert result.exit_code == 0
    header, row = result.output.splitlines()[:2]
    assert "route" in header.split(",") and variant in row


def _by_hand(plan) -> list[str]:
    return [w.split(" by hand")[0].removeprefix("Complete ") for w in plan.warnings
            if w.startswith("Complete ") and " by hand: the tool cannot fill it yet." in w]


def test_the_juvenile_forms_with_no_pdf_are_named_for_the_attorney_and_in_the_letter() -> None:
    """JV-245 (request), JV-249 (notice of hearing since 2025) and JV-255 (order after hearing) have no
    PDF: a warning each, saying what the form is for, and the letter lists them; JV-250 is filled."""
    plan = plan_of(sample("juvenile"))
    assert _by_hand(plan) == ["JV-245 (Request for Juvenile Restraining Order)",
                              "JV-249 (Notice of Court Hearing (juvenile restraining order))",
                              "JV-255 (Juvenile Restraining Order After Hearing)"]
    jv245 = next(w for w in plan.warnings if w.startswith("Complete JV-245"))
    assert "attach the declaration made here to it" in jv245
    assert plan.facts["letter"]["by_hand"] == ["JV-245 (the request)", "JV-249 (the notice of the hearing)",
                                               "JV-255 (the order after the hearing)"]
    letter = repr(next(d for d in plan.documents if d.key == "client-letter").context)
    assert ("I also fill in these court forms by hand: JV-245 (the request), JV-249 (the notice of the "
            "hearing) and JV-255 (the order after the hearing).") in letter
    assert "The court's form JV-250, a temporary order." in letter
    data = sample("juvenile")
    data["client"]["language"] = "es"
    letter = repr(next(d for d in plan_of(data).documents if d.key == "client-letter").context)
    assert ("También lleno a mano estos formularios de la corte: JV-245 (la solicitud), JV-249 (el aviso de la "
            "audiencia) y JV-255 (la orden después de la audiencia).") in letter
    for route in ("dvro", "civil-harassment"):  # every form those routes file is filled
        other = plan_of(sample(route))
        assert _by_hand(other) == [] and other.facts["letter"]["by_hand"] == []
        assert "by hand:" not in repr(next(d for d in other.documents if d.key == "client-letter").context)


def test_a_new_form_is_a_map_and_a_form_line_and_the_warnings_follow(tmp_path: Path) -> None:
    """Adding JV-245 needs a map file and a packet.yaml `form:` line: a map alone does not file it, so
    the attorney is still told to complete it; with both, it leaves the warnings and the letter."""
    from legal_docs.resources import set_override, templates_root

    forms = tmp_path / "form_templates" / "forms"
    forms.mkdir(parents=True)
    text = (templates_root() / "forms" / "dv-109.yaml").read_text(encoding="utf-8")
    (forms / "jv-245.yaml").write_text(text.replace("id: DV-109", "id: JV-245"), encoding="utf-8")
    set_override(tmp_path)
    try:
        assert [f.split()[0] for f in _by_hand(plan_of(sample("juvenile")))] == ["JV-245", "JV-249", "JV-255"]
        packet = (templates_root() / "protective-order" / "packet.yaml").read_text(encoding="utf-8")
        line = ("  - key: jv-245\n    filename: 00-jv-245\n    when: \"route == 'juvenile'\"\n"
                "    title: Request for Juvenile Restraining Order (JV-245)\n    footer_title: JV-245\n"
                "    form: jv-245\n    answers: protective-order\n")
        (tmp_path / "form_templates" / "protective-order").mkdir()
        (tmp_path / "form_templates" / "protective-order" / "packet.yaml").write_text(
            packet.replace("documents:\n", "documents:\n" + line, 1), encoding="utf-8")
        set_override(tmp_path)  # the caches start again
        plan = plan_of(sample("juvenile"))
    finally:
        set_override(None)
    assert [f.split()[0] for f in _by_hand(plan)] == ["JV-249", "JV-255"]
    assert plan.facts["letter"]["by_hand"] == ["JV-249 (the notice of the hearing)",
                                               "JV-255 (the order after the hearing)"]
    assert "jv-245" in [d.key for d in plan.documents]


def test_a_guardian_sharing_the_minors_family_name_is_flagged_in_civil_harassment() -> None:
    flagged = [w for w in plan_of(sample("civil-harassment")).warnings if "shares the minor's family name" in w]
    assert len(flagged) == 1
    data = sample("civil-harassment")
    data["protected"]["guardian"]["name"] = "Rosa Example Diaz"
    assert not [w for w in plan_of(data).warnings if "shares the minor's family name" in w]


def test_no_stay_away_order_unless_asked_for() -> None:
    data = sample("juvenile")
    data["orders"].pop("stay_away")
    plan = plan_of(data)
    assert plan.facts["orders"]["stay_away"] is None
    assert plan.facts["form_answers"][KIND]["orders"]["stay_away"] is None
    for doc in plan.documents:
        if not doc.form:
            assert "Must stay at least" not in repr(doc.context), doc.key
    assert "Must stay at least 100 yards" in repr(plan_of(sample("juvenile")).documents[0].context)


def test_a_move_out_order_is_asked_for_on_the_juvenile_route() -> None:
    data = sample("juvenile")
    data["orders"]["move_out"] = {"address": "12 Example Court, Inglewood, CA 90301",
                                  "right_to_live_there": "M.V. lives there with her caregiver, who rents it."}
    plan = plan_of(data)
    for key in ("declaration", "proposed-order-after-hearing"):
        doc = next(d for d in plan.documents if d.key == key)
        assert "Must move out of and stay away from 12 Example Court, Inglewood, CA 90301" in repr(doc.context), key


def test_dv130_for_the_hearing_leaves_what_the_hearing_decides_and_says_when_the_order_would_end() -> None:
    data = sample("dvro")
    data["hearing"] = {"date": "2026-12-09", "time": "8:30 AM", "department": "507", "judge": "Hon. A. Example"}
    data["length_years"] = 4
    plan = plan_of(data)
    dv130 = next(d for d in plan.documents if d.key == "dv-130")
    assert not dv130.in_packet and not dv130.serve
    fa = dv130.context["form_answers"]
    # written from the judge's rulings after the hearing: never before it
    assert fa["order_after_hearing"] is None and fa["hearing"] is None and fa["original_order"] is False
    assert fa["lawyer"]["name"] == ""  # printed beside "lawyer attended": the court marks who came
    assert fa["restrained"]["name"] == "Trevon Lamar Hayes"  # items 1-3 are the answers'
    assert plan.facts["form_answers"][KIND]["lawyer"]["name"] == "Helen Park"  # DV-100 still has it
    assert any("If the judge grants the 4 years asked for at the hearing on December 9, 2026, the order ends on "
               "December 9, 2030" in w for w in plan.warnings)
    assert any("written from the judge's rulings after the hearing" in w for w in plan.warnings)


def test_an_unknown_revision_in_the_forms_folder_is_named_by_validate_and_stops_generate(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no forms folder the shipped PDFs are used (nothing to report); a PDF named like a form
    whose revision the tool has no map for stops the run before any file, naming the known one."""
    from helpers import make_pdf

    monkeypatch.delenv("LEGAL_DOCS_FORMS_DIR", raising=False)
    answers = tmp_path / "client.yaml"
    answers.write_text(run("example", KIND, "--variant", "dvro").output, encoding="utf-8")
    checked = run("validate", str(answers))
    assert checked.exit_code == 0 and "before generating" not in checked.output, checked.output
    folder = tmp_path / "forms"
    folder.mkdir()
    make_pdf(folder / "dv110.pdf")
    make_pdf(folder / "DV-130 2027.pdf")
    checked = CliRunner().invoke(main, ["--forms-dir", str(folder), "validate", str(answers)])
    assert "before generating" in checked.output and "dv110.pdf" in checked.output
    out = tmp_path / "out"
    made = CliRunner().invoke(main, ["--forms-dir", str(folder), "generate", str(answers), "--out", str(out)])
    assert made.exit_code == 2
    assert "2 official forms the packet fills cannot be used" in made.output
    assert "'dv110.pdf' in the forms folder is a revision of DV-110" in made.output
    assert "'DV-130 2027.pdf' in the forms folder is a revision of DV-130" in made.output
    assert "Known revision of DV-110: 2025-01-01." in made.output
    assert not out.exists() and "Traceback" not in made.output


def test_the_protected_person_declares_in_the_first_person() -> None:
    data = sample("juvenile")
    data.pop("declarant")
    text = repr(next(d for d in plan_of(data).documents if d.key == "declaration").context)
    assert "I, M.V., declare:" in text and "I am the child who is the subject of this case." in text
    assert "also known as Dre. Relationship to me: exploiter, who recruited her online" in text
    assert "J.V., my younger brother, who lives with me, also needs" in text
    assert "because they happened to me" in text


def test_without_a_temporary_order_there_is_no_21_day_window() -> None:
    data = sample("civil-harassment")
    data["temporary_order"] = {"requested": False}
    plan = plan_of(data)
    assert plan.deadlines == []
    assert not [w for w in plan.warnings if "hearing window" in w]
    letter = next(d for d in plan.documents if d.key == "client-letter")
    assert "La corte fija la fecha de la audiencia. Le diré la fecha en cuanto la sepa." in repr(letter.context)
    assert "a más tardar" not in repr(letter.context)


def test_the_juvenile_packet_rests_on_rule_5630_and_says_its_jv249_wording_is_unread() -> None:
    """The juvenile papers' statute line cites rule 5.630; the rule as amended for JV-249 (Jan 1, 2025)
    was not read, so the packet lists it under 'check before filing' with the reason."""
    from legal_docs.lawdata import authority

    plan = plan_of(example_data("protective-order", "juvenile"))
    assert "crc-5.630" in plan.authorities
    rule = authority("crc-5.630")
    assert rule.needs_review and "JV-249" in rule.description and "JV-249" in rule.note
    assert [line for line in plan.review_authorities if line.startswith("Cal. Rules of Court, rule 5.630: ")]
    for variant in ("dvro", "civil-harassment"):  # the other routes do not cite it
        assert "crc-5.630" not in plan_of(example_data("protective-order", variant)).authorities
