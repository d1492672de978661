"""Dates the client knows only to the month or the year ("about June 2016"), in the vacatur answers
(issue 18): typed as June 2016, 06/2016 or 2016, stored as ISO text of that precision, printed as
"June 2016" / "junio de 2016", and used by the rules by their earliest and latest possible days. A
comparison those days disagree on (an age of 17 or 18, an offense at the edge of the trafficking
period) is a warning and a marked blank, never a statement in the papers."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from helpers import answers_sheet, example_data, one_county
from test_batch import fake_soffice  # noqa: F401  (the fixture: a stand-in for LibreOffice)
from test_vacatur_law import _plans, _text  # the vacatur plans of answers, and a paper's text
from legal_docs.answers import validate_answers
from legal_docs.dates import ApproxDate, ages_on, date_phrase, on_or_before, parse_approx_date, within
from legal_docs.errors import InputError


def _la(**trafficking: Any) -> dict[str, Any]:
    """The example's Los Angeles offenses (June 2 and September 14, 2019; the petitioner, born April 17,
    2001, turned 18 on April 17, 2019), with the trafficking dates given."""
    data = one_county(example_data())
    data["trafficking"].update(trafficking)
    return data


# -- reading and writing ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, iso, en, es", [
    ("June 2016", "2016-06", "June 2016", "junio de 2016"),
    ("06/2016", "2016-06", "June 2016", "junio de 2016"),
    ("6/2016", "2016-06", "June 2016", "junio de 2016"),
    ("2016-06", "2016-06", "June 2016", "junio de 2016"),
    ("junio de 2016", "2016-06", "June 2016", "junio de 2016"),
    ("about Sept. 2016", "2016-09", "September 2016", "septiembre de 2016"),
    ("2016", "2016", "2016", "2016"),
    (2016, "2016", "2016", "2016"),  # YAML reads a bare year as a number
    ("3/2/2019", "2019-03-02", "March 2, 2019", "2 de marzo de 2019"),  # a whole date stays exact
    (dt.date(2019, 3, 2), "2019-03-02", "March 2, 2019", "2 de marzo de 2019"),
])
def test_a_month_or_a_year_is_read_kept_and_written_at_its_precision(typed: Any, iso: str, en: str, es: str) -> None:
    value = parse_approx_date(typed)
    assert value.iso() == iso
    assert date_phrase(value) == en and date_phrase(value, locale="es") == es


@pytest.mark.parametrize("typed", ["summer 2016", "13/2016", "2016-13", "June", "Juneteenth 2016", "16"])
def test_what_is_not_a_month_or_year_is_refused_in_plain_words(typed: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_approx_date(typed)
    assert str(exc.value).startswith("is ")  # said after the field's name, never echoing the answer
    assert "calendar date" in str(exc.value) or "June 2016, 06/2016 or 2016" in str(exc.value)


def test_comparisons_are_undecided_where_the_dates_given_cannot_tell() -> None:
    june = ApproxDate(2016, 6)
    assert (june.earliest, june.latest) == (dt.date(2016, 6, 1), dt.date(2016, 6, 30))
    assert ApproxDate(2016).latest == dt.date(2016, 12, 31) and ApproxDate(2016, 12).latest == dt.date(2016, 12, 31)
    assert on_or_before(dt.date(2016, 5, 31), june) is True
    assert on_or_before(dt.date(2016, 7, 1), june) is False
    assert on_or_before(dt.date(2016, 6, 15), june) is None
    assert within(dt.date(2016, 6, 15), june, ApproxDate(2017)) is None  # June 15 may precede the start
    assert within(dt.date(2016, 7, 1), june, ApproxDate(2017)) is True
    assert ages_on(dt.date(1998, 6, 15), june) == (17, 18)
    assert ages_on(dt.date(1998, 6, 15), ApproxDate(2016, 7)) == (18, 18)


# -- the answers file ---------------------------------------------------------------------------------

def test_the_answers_take_months_and_years_where_the_papers_say_about(tmp_path: Path) -> None:
    data = _la(began="May 2017", ended="02/2020", services_sought=2020)
    data["offenses"][1]["date"] = "September 2019"
    model = validate_answers(data, base_dir=tmp_path)[1]
    t = model.trafficking
    assert (t.began, t.ended, t.services_sought) == (ApproxDate(2017, 5), ApproxDate(2020, 2), ApproxDate(2020))
    assert model.offenses[0].date == ApproxDate(2019, 6, 2)
    saved = json.loads(model.model_dump_json())  # what an answers file holds
    assert saved["trafficking"]["began"] == "2017-05" and saved["trafficking"]["services_sought"] == "2020"
    assert saved["offenses"][1]["date"] == "2019-09" and saved["offenses"][0]["date"] == "2019-06-02"
    data["trafficking"] = saved["trafficking"]  # and reads back the same
    data["offenses"] = saved["offenses"]
    assert validate_answers(data, base_dir=tmp_path)[1] == model


def test_exact_dates_stay_exact_and_impossible_orders_are_refused(tmp_path: Path) -> None:
    data = _la()
    data["petitioner"]["date_of_birth"] = "April 2001"  # the age rules need the day
    with pytest.raises(InputError) as exc:
        validate_answers(data, base_dir=tmp_path)
    [problem] = exc.value.problems
    assert problem.dotted == "petitioner.date_of_birth" and "2019-03-02, 3/2/2019 or March 2, 2019" in problem.message
    with pytest.raises(InputError) as exc:
        validate_answers(_la(began="2020", ended="2019"), base_dir=tmp_path)
    assert "cannot end before it began" in " ".join(exc.value.details)
    validate_answers(_la(began="June 2016", ended="June 2016"), base_dir=tmp_path)  # one month: may be
    future = _la()
    future["offenses"][0]["date"] = str(dt.date.today().year + 1)
    with pytest.raises(InputError) as exc:
        validate_answers(future, base_dir=tmp_path)
    assert "in the future" in " ".join(exc.value.details)


# -- the rules and the papers -------------------------------------------------------------------------

def test_an_approximate_period_is_printed_as_given_and_a_clear_offense_is_within_it(tmp_path: Path) -> None:
    [plan] = _plans(_la(began="May 2017", ended="February 2020"), tmp_path)
    petition, memo = _text(plan, "petition"), _text(plan, "memorandum")
    assert "From about May 2017 until about February 2020, petitioner was a victim" in petition
    assert "ceased to be a victim of human trafficking in or about February 2020" in petition
    assert "Each offense was committed between May 2017 and February 2020, while petitioner" in memo
    assert not any("trafficking period" in w for w in plan.warnings)
    assert [r["in_trafficking_period"] for r in plan.records] == [True, True, True]


def test_an_offense_at_the_edge_of_an_approximate_period_is_left_to_the_attorney(tmp_path: Path) -> None:
    # the trafficking began "in June 2019"; the conviction for June 2, 2019 may come before it began
    [plan] = _plans(_la(began="June 2019", ended="February 2020"), tmp_path)
    petition, memo = _text(plan, "petition"), _text(plan, "memorandum")
    assert "Each offense was committed between" not in memo
    assert "Pen. Code, § 647, subd. (b) (June 2, 2019) is dated at the edge of that period." in memo
    assert "the dates given do not show that it was committed within that period" in petition
    assert "outside the period" not in petition  # nor is it said to be outside
    [warning] = [w for w in plan.warnings if "do not show whether it falls within" in w]
    assert warning.startswith("Offense 1 (PC 647(b), June 2, 2019)") and "leaves a marked blank" in warning
    assert [r["in_trafficking_period"] for r in plan.records] == [None, True, True]
    # the petitioner's own explanation is stated instead of the blank
    data = _la(began="June 2019", ended="February 2020")
    data["offenses"][0]["while_a_victim"] = "Dre had already taken my phone and ID by then."
    [plan] = _plans(data, tmp_path)
    petition = _text(plan, "petition")
    assert "at the edge of the period of trafficking stated above (June 2019 to February 2020)" in petition
    assert "Dre had already taken my phone and ID by then." in petition
    assert "ATTORNEY TO DECIDE" not in petition


def test_an_age_of_17_or_18_pleads_neither_rule(tmp_path: Path) -> None:
    data = _la()
    data["offenses"][0]["date"] = "April 2019"  # the month the petitioner turned 18
    [plan] = _plans(data, tmp_path)
    petition, memo = _text(plan, "petition"), _text(plan, "memorandum")
    assert "Petitioner was 17 or 18 years old at that time." in petition
    assert "committed in or about April 2019" in petition
    assert "the date given for Pen. Code, § 647, subd. (b) (April 2019)" in petition
    assert "does not show whether petitioner was under 18 when it was committed" in petition
    under, adult = (p for p in petition.split("\n") if p.startswith("Petitioner was under 18")), \
        [p for p in petition.split("\n") if p.startswith("Petitioner was 18 or older")]
    assert not list(under) and "April 2019" not in adult[0]  # the other offense (September 2019) is an adult's
    assert "petitioner was 17 or 18." in memo and "[ATTORNEY TO COMPLETE: the date given for" in memo
    warnings = [w for w in plan.warnings if w.startswith("Offense 1 (PC 647(b), April 2019)")]
    assert any("does not show whether the petitioner was under 18" in w for w in warnings)
    assert any("dated only to the month" in w and "in or about April 2019" in w for w in warnings)
    assert plan.records[0]["rule"] == "unclear" and plan.records[0]["age_at_offense"] == [17, 18]


def test_a_month_that_settles_the_age_is_pleaded_on_its_rule(tmp_path: Path) -> None:
    data = _la()
    data["offenses"][0]["date"] = "June 2019"
    [plan] = _plans(data, tmp_path)
    petition, order = _text(plan, "petition"), _text(plan, "proposed-order")
    assert "Petitioner was 18 or older when these offenses were committed: Pen. Code, § 647, subd. (b) in June 2019;" in petition
    assert "ATTORNEY TO COMPLETE: petitioner turned 18" not in petition
    assert "committed in or about June 2019, are vacated and set aside" in order
    identity = _text(plan, "identity-attachment")
    assert "June 2019" in identity
    assert plan.records[0]["rule"] == "adult" and plan.records[0]["date_precision"] == "month"


def test_changed_law_on_a_month_that_may_be_before_18_is_flagged_as_a_question(tmp_path: Path) -> None:
    data = copy.deepcopy(example_data())
    data["petitioner"]["date_of_birth"] = "1999-01-15"  # 18 on January 15, 2017
    data["trafficking"].update(began="2015-01-01", ended="2018-01-01")
    data["offenses"] = [data["offenses"][3]]  # the San Bernardino juvenile adjudication for PC 647(b)
    data["offenses"][0]["date"] = "January 2017"
    data.pop("courts")
    [plan] = _plans(data, tmp_path)
    [flag] = [w for w in plan.warnings if "SB 1322" in w or "did not apply to a child" in w]
    assert "The date given, January 2017, does not show whether this applies: the petitioner was 17 or 18" in flag
    data["offenses"][0]["date"] = "2016"  # a year, 17 or 18 (born January 15, 1999)... before the law: no flag
    [plan] = _plans(data, tmp_path)
    assert not [w for w in plan.warnings if "SB 1322" in w]
    data["petitioner"]["date_of_birth"] = "2001-04-17"
    data["offenses"][0]["date"] = "2017"  # 15 or 16 all year: flagged, with no day the answers did not give
    [plan] = _plans(data, tmp_path)
    [flag] = [w for w in plan.warnings if "SB 1322" in w]
    assert flag.endswith("(The petitioner was 15 or 16 in 2017.)") and "January 1, 2017." not in flag
    data["offenses"][0]["date"] = "2016-12-20"  # a day, 15, before the law took effect: no flag
    [plan] = _plans(data, tmp_path)
    assert not [w for w in plan.warnings if "SB 1322" in w]


# -- the interview, the batch ------------------------------------------------------------------------

def test_the_interview_accepts_a_month_where_it_asks_approximately(tmp_path: Path) -> None:
    from test_interview import ATTORNEY, FILING, PETITIONER, TRAFFICKING, answers_of, offense, run

    steps = PETITIONER[:3] + ["April 2001"] + PETITIONER[3:]  # the date of birth must be a day: refused
    items = offense()
    items[4] = "June 2019"  # the offense's date
    trafficking = ["May 2017", "Feb 2020"] + TRAFFICKING[2:]
    finished, term = run(tmp_path, steps + items + trafficking + ATTORNEY + FILING + ["y"])
    text = term.text
    assert "June 2016, 06/2016 or 2016" in text  # the hint where a month will do
    assert "  = May 2017" in text and "  = February 2020" in text and "  = June 2019" in text
    birth = text.split("date of birth?")[1].split("File with initials")[0]
    assert "not a date we can read" in birth or "not a real" in birth  # April 2001 refused there
    saved = answers_of(finished)
    assert saved["trafficking"]["began"] == "2017-05" and saved["trafficking"]["ended"] == "2020-02"
    assert saved["offenses"][0]["date"] == "2019-06"
    assert saved["petitioner"]["date_of_birth"] == "2001-04-17"


def test_a_spanish_interview_says_the_month_back_in_spanish(tmp_path: Path) -> None:
    from legal_docs import i18n
    from test_interview import ATTORNEY, FILING, PETITIONER, TRAFFICKING, offense, run

    i18n.set_language("es")
    try:
        trafficking = ["mayo de 2017", "2020"] + TRAFFICKING[2:]
        inputs = PETITIONER + offense() + trafficking + ATTORNEY + FILING
        inputs[4] = "sí"
        _, term = run(tmp_path, inputs + ["sí"])
    finally:
        i18n.set_language("en")
    assert "  = mayo de 2017" in term.text and "  = 2020" in term.text


@pytest.mark.usefixtures("fake_soffice")
def test_a_sheet_gives_months_as_text_and_as_excel_keeps_them(tmp_path: Path) -> None:
    from legal_docs.sheet import open_source
    from test_batch import batch_manifest, packet_manifest, run

    row = _la(began="June 2016")
    row["matter_id"] = "approx"
    path = answers_sheet(tmp_path / "clients.xlsx", row, {
        # "Feb 2020" typed in Excel becomes February 1, 2020, shown as "Feb-20": it is the month, not the 1st
        "trafficking.ended": (dt.datetime(2020, 2, 1), "mmm-yy"),
        "offenses.1.date": (dt.datetime(2019, 6, 2), "m/d/yyyy"),  # a whole date stays one
    })
    [got] = list(open_source(path).rows())
    assert got.data["trafficking"]["began"] == "June 2016"
    assert got.data["trafficking"]["ended"] == "2020-02"
    assert got.data["offenses"][0]["date"] == "2019-06-02"
    out = tmp_path / "out"
    result = run("batch", str(path), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert batch_manifest(out)["rows"][0]["status"] == "done"
    from docx import Document

    petition = out / "approx" / "los-angeles" / "01-notice-and-petition.docx"
    text = "\n".join(p.text for p in Document(str(petition)).paragraphs)
    assert "From about June 2016 until about February 2020" in text
    assert packet_manifest(out / "approx" / "los-angeles")["status"] == "complete"
