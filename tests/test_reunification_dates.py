"""The reunification-denial packet's rough dates: the period of the child's exploitation and the
facts' dates may be a month or a year ("September 2025", 09/2025, 2025) when that is all the social
worker or counsel knows. They are kept at that precision (dates.ApproxDate, as vacatur's), compared by
their earliest and latest possible days, and printed "from about September 2025" / "In or about
September 2025", never as a day nobody gave. Court dates (petition, detention, hearing) stay exact."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from helpers import answers_sheet, example_data
from legal_docs.answers import validate_answers
from legal_docs.dates import ApproxDate
from legal_docs.errors import InputError

RD = "reunification-denial"


def _data(**exploitation: Any) -> dict[str, Any]:
    """The sample (T.M.O., born June 9, 2011; Mother's facts October 4 and December 20, 2025 and
    May 11, 2026), with the exploitation period given."""
    data = example_data(RD)
    data["exploitation"].update(exploitation)
    return data


def _plan(data: dict[str, Any], tmp_path: Path):
    spec, model = validate_answers(data, base_dir=tmp_path)
    (packet,) = spec.planner(model)
    return packet


def _text(packet, key: str) -> str:
    return "\n".join(b["text"] for d in packet.documents if d.key == key for b in d.context["doc"]["blocks"])


def _refusal(data: dict[str, Any], tmp_path: Path) -> str:
    with pytest.raises(InputError) as exc:
        validate_answers(data, base_dir=tmp_path)
    return " ".join(exc.value.details)


# -- the answers file ---------------------------------------------------------------------------------

def test_the_period_and_the_facts_take_a_month_or_a_year_and_keep_it(tmp_path: Path) -> None:
    data = _data(began="Sept. 2025", ended="07/2026")
    data["parents"][0]["facts"][1]["date"] = 2025  # YAML reads a bare year as a number
    data["best_interest"]["facts"][0]["date"] = "julio de 2026"
    model = validate_answers(data, base_dir=tmp_path)[1]
    assert (model.exploitation.began, model.exploitation.ended) == (ApproxDate(2025, 9), ApproxDate(2026, 7))
    assert model.parents[0].facts[1].date == ApproxDate(2025)
    assert model.best_interest.facts[0].date == ApproxDate(2026, 7)
    assert model.parents[0].facts[0].date == ApproxDate(2025, 10, 4)  # a whole date stays one
    saved = json.loads(model.model_dump_json())  # what an answers file holds
    assert saved["exploitation"]["began"] == "2025-09" and saved["exploitation"]["ended"] == "2026-07"
    assert saved["parents"][0]["facts"][1]["date"] == "2025"
    assert saved["parents"][0]["facts"][0]["date"] == "2025-10-04"
    data.update({k: saved[k] for k in ("exploitation", "parents", "best_interest")})  # and reads back the same
    assert validate_answers(data, base_dir=tmp_path)[1] == model


@pytest.mark.parametrize("field", ["petition_filed", "detained_on", "sustained_on"])
def test_court_dates_stay_exact(tmp_path: Path, field: str) -> None:
    data = _data()
    data["dependency"][field] = "July 2026"  # the court file has the day
    details = _refusal(data, tmp_path)
    assert f"dependency.{field}" in details and "2019-03-02, 3/2/2019 or March 2, 2019" in details
    assert "June 2016, 06/2016 or 2016" not in details  # a month is not offered where it is refused


def test_the_child_date_of_birth_and_the_hearing_stay_exact(tmp_path: Path) -> None:
    data = _data()
    data["child"]["date_of_birth"] = "June 2011"  # the child's age needs the day
    assert "child.date_of_birth" in _refusal(data, tmp_path)
    data = _data()
    data["hearing"]["date"] = "December 2026"
    assert "hearing.date" in _refusal(data, tmp_path)


# -- the rules that compare dates ---------------------------------------------------------------------

def test_an_end_that_cannot_follow_the_beginning_is_refused_one_that_may_passes(tmp_path: Path) -> None:
    assert "the exploitation cannot end before it began" in _refusal(_data(began="2026", ended="2025-12-31"), tmp_path)
    assert "the exploitation cannot end before it began" in _refusal(_data(began="August 2026", ended="July 2026"),
                                                                        tmp_path)
    # July 2026 to July 18, 2026: the period may have begun on July 1 -- accepted, nothing invented
    model = validate_answers(_data(began="July 2026", ended="2026-07-18"), base_dir=tmp_path)[1]
    assert model.exploitation.began == ApproxDate(2026, 7)
    validate_answers(_data(began="2026", ended="2026"), base_dir=tmp_path)  # one year: may be


def test_a_beginning_before_birth_or_in_the_future_is_refused_a_year_of_birth_may_pass(tmp_path: Path) -> None:
    assert "cannot begin before the child's date of birth" in _refusal(_data(began="2010"), tmp_path)
    # born June 9, 2011: "2011" may be after the birth, so it is not refused (the papers say "about 2011")
    validate_answers(_data(began="2011"), base_dir=tmp_path)
    later = str(dt.date.today().year + 1)
    details = _refusal(_data(began=later, ended=None), tmp_path)
    assert "exploitation.began" in details and "is in the future" in details
    data = _data()
    data["parents"][0]["facts"][0]["date"] = later
    assert "is in the future" in _refusal(data, tmp_path)


def test_a_fact_at_the_edge_of_a_month_long_beginning_is_undecided_not_outside(tmp_path: Path) -> None:
    # the period began "in October 2025"; Mother's first fact is October 4, 2025: it may come before
    packet = _plan(_data(began="October 2025"), tmp_path)
    [edge] = [w for w in packet.warnings if w.startswith("Mother's fact 1")]
    assert "(October 4, 2025): the dates given do not show whether it falls within the exploitation period " \
           "(October 2025 to July 18, 2026)" in edge
    assert not any("is dated outside the exploitation period" in w for w in packet.warnings)
    # a fact a whole year before the period is outside it, said so
    data = _data(began="October 2025")
    data["parents"][0]["facts"][0]["date"] = "2024"
    packet = _plan(data, tmp_path)
    [outside] = [w for w in packet.warnings if w.startswith("Mother's fact 1")]
    assert outside.startswith("Mother's fact 1 (2024) is dated outside the exploitation period given "
                              "(October 2025 to July 18, 2026)")
    # a month that lies wholly inside an approximate period raises neither warning
    data["parents"][0]["facts"][0]["date"] = "November 2025"
    assert not [w for w in _plan(data, tmp_path).warnings if w.startswith("Mother's fact 1")]


def test_an_age_the_year_cannot_settle_is_pleaded_as_both_and_warned(tmp_path: Path) -> None:
    packet = _plan(_data(began="2025"), tmp_path)  # born June 9, 2011: 13 until June 9, 2025, then 14
    memo = _text(packet, "memorandum")
    assert "sexually exploited from about 2025 until about July 18, 2026, beginning when T.M.O. was 13 or 14 " \
           "years old." in memo
    [warning] = [w for w in packet.warnings if w.startswith("The exploitation's beginning")]
    assert "(2025) does not show whether T.M.O. was 13 or 14 then (T.M.O. turned 14 on June 9, 2025)" in warning
    packet = _plan(_data(began="September 2025"), tmp_path)  # after the birthday: 14, no warning
    assert "beginning when T.M.O. was 14 years old." in _text(packet, "memorandum")
    assert not [w for w in packet.warnings if w.startswith("The exploitation's beginning")]


# -- the papers -------------------------------------------------------------------------------------

def test_the_papers_say_in_or_about_the_month_and_never_a_day(tmp_path: Path) -> None:
    data = _data(began="2025-09", ended="July 2026")
    data["parents"][0]["facts"][1]["date"] = "December 2025"  # the declarant's own fact
    data["parents"][0]["facts"][0]["date"] = "2025-10-04"
    packet = _plan(data, tmp_path)
    memo, declaration = _text(packet, "memorandum"), _text(packet, "declaration")
    assert "sexually exploited from about September 2025 until about July 2026" in memo
    assert "or Penal Code section 236.1, subdivision (c), from about September 2025 until about July 2026." in memo
    assert "(2)\tIn or about December 2025: Mother accepted $400 a week from Pike" in memo
    assert "(1)\tOctober 4, 2025: Mother let Pike" in memo  # an exact date stays a day
    assert "In or about December 2025: Mother accepted $400 a week from Pike" in declaration
    assert "On December 2025" not in declaration
    for paper in (memo, declaration):
        for day in ("September 1, 2025", "July 1, 2026", "July 31, 2026", "December 1, 2025"):
            assert day not in paper  # no day the answers did not give


# -- the interview and the spreadsheet ----------------------------------------------------------------

def test_the_interview_takes_a_month_for_the_period_and_a_day_for_the_petition(tmp_path: Path, write_answers) -> None:
    from legal_docs.answers import load_answers
    from legal_docs.interview.flow import conduct
    from legal_docs.interview.terminal import ScriptedTerminal

    data = example_data(RD)
    del data["exploitation"]["began"]
    del data["dependency"]["petition_filed"]
    # the petition: "July 2026" refused, then the day; the beginning: a month
    term = ScriptedTerminal(["July 2026", "7/22/2026", "sept 2025", "y"])
    finished = conduct(kind=None, terminal=term, cwd=tmp_path, save=tmp_path / "s.json", answers=write_answers(data))
    text = term.text
    assert "When did the exploitation begin (approximately)?" in text
    begin = text.split("When did the exploitation begin (approximately)?")[1]
    assert "June 2016, 06/2016 or 2016" in begin.split("  = ")[0]  # the hint where a month will do
    assert "  = September 2025" in begin
    filed = text.split("When was the section 300 petition filed?")[1].split("When did the exploitation begin")[0]
    assert "not a date we can read" in filed and "June 2016, 06/2016 or 2016" not in filed
    saved = json.loads(finished.answers_file.read_text(encoding="utf-8"))
    assert saved["exploitation"]["began"] == "2025-09" and saved["dependency"]["petition_filed"] == "2026-07-22"
    assert load_answers(finished.answers_file)[1].exploitation.began == ApproxDate(2025, 9)


def test_a_spanish_interview_asks_approximately_and_says_the_month_in_spanish(tmp_path: Path, write_answers) -> None:
    from legal_docs import i18n
    from legal_docs.interview.flow import conduct
    from legal_docs.interview.terminal import ScriptedTerminal

    data = example_data(RD)
    del data["exploitation"]["began"]
    term = ScriptedTerminal(["septiembre de 2025", "sí"])
    i18n.set_language("es")
    try:
        finished = conduct(kind=None, terminal=term, cwd=tmp_path, save=tmp_path / "s.json",
                           answers=write_answers(data))
    finally:
        i18n.set_language("en")
    assert "¿Cuándo empezó la explotación (aproximadamente)?" in term.text
    assert "  = septiembre de 2025" in term.text
    assert json.loads(finished.answers_file.read_text(encoding="utf-8"))["exploitation"]["began"] == "2025-09"


def test_a_sheet_column_keeps_the_month_excel_shows(tmp_path: Path) -> None:
    from legal_docs.kinds import get_kind
    from legal_docs.sheet import open_source, typed

    row = json.loads(json.dumps(example_data(RD), default=str))
    row["matter_id"] = "rough"
    row["parents"][0]["facts"][1]["date"] = "2025"
    # "Sep 2025" typed in Excel becomes September 1, 2025, shown as "Sep-25": it is the month, not the 1st
    path = answers_sheet(tmp_path / "clients.xlsx", row, {"exploitation.began": (dt.datetime(2025, 9, 1), "mmm-yy")})
    [got] = list(open_source(path).rows())
    assert got.data["exploitation"]["began"] == "2025-09"
    got.data.pop("matter_id", None)
    model = validate_answers(typed(get_kind(RD).model, got.data), base_dir=tmp_path)[1]  # as batch reads a row
    assert model.exploitation.began == ApproxDate(2025, 9) and model.parents[0].facts[1].date == ApproxDate(2025)


def test_the_placement_packet_shares_the_facts_dates_and_their_wording(tmp_path: Path) -> None:
    # placement-727a's facts are the same shared SourcedFact: a month is kept and said "In or about"
    data = example_data("placement-727a")
    data["changed_circumstances"][2]["date"] = "September 2026"  # the declarant's own fact ("I was there")
    packet = _plan(data, tmp_path)
    request, declaration = _text(packet, "request"), _text(packet, "declaration")
    assert "(3)\tIn or about September 2026: " in request
    assert "In or about September 2026: " in declaration and "On September 2026" not in declaration
    assert "September 1, 2026" not in request + declaration
    assert "(1)\tJune 30, 2026: " in request  # an exact date is printed as given
