"""The California court calendar: judicial holidays by rule, deadlines rolled past closed days."""

from __future__ import annotations

import datetime as dt

import pytest

from legal_docs.dates import count_days, court_holiday, court_holidays, is_court_day, next_court_day
from legal_docs.i18n import set_language
from legal_docs.lawdata import court_calendar

D = dt.date


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 11, 26), "Thanksgiving Day"),
        (D(2026, 11, 27), "the day after Thanksgiving"),
        (D(2026, 3, 31), "Cesar Chavez Day"),
        (D(2026, 9, 25), "Native American Day"),  # fourth Friday in September
        (D(2026, 2, 12), "Lincoln Day"),
        (D(2026, 6, 19), "Juneteenth"),
        (D(2026, 1, 19), "Dr. Martin Luther King, Jr. Day"),
        (D(2026, 2, 16), "Washington's Birthday (Presidents' Day)"),
        (D(2026, 5, 25), "Memorial Day"),  # last Monday in May
        (D(2026, 9, 7), "Labor Day"),
        (D(2026, 12, 25), "Christmas Day"),
        (D(2025, 11, 28), "the day after Thanksgiving"),
        (D(2025, 9, 26), "Native American Day"),
    ],
)
def test_judicial_holidays_are_computed_by_rule(day: dt.date, name: str) -> None:
    holiday = court_holiday(day)
    assert holiday is not None and holiday.name == name
    assert not is_court_day(day)


def test_weekend_holidays_are_observed_on_a_weekday() -> None:
    # July 4, 2026 is a Saturday: the courts close Friday, July 3
    assert court_holiday(D(2026, 7, 3)).label() == "Independence Day (observed)"
    # July 4, 2027 is a Sunday: Monday, July 5
    assert court_holiday(D(2027, 7, 5)).label() == "Independence Day (observed)"
    # December 25, 2021 was a Saturday: Friday the 24th; January 1, 2022 (a Saturday) was observed
    # on Friday, December 31, 2021, in the year before
    assert court_holiday(D(2021, 12, 24)).label() == "Christmas Day (observed)"
    assert court_holiday(D(2021, 12, 31)).label() == "New Year's Day (observed)"


def test_days_that_are_not_judicial_holidays() -> None:
    assert is_court_day(D(2026, 10, 12))  # Columbus Day: not a court holiday since 2022 (AB 855)
    assert court_holiday(D(2021, 10, 11)) is not None  # ...but it was in 2021
    assert is_court_day(D(2026, 9, 9))  # Admission Day: excepted by Code Civ. Proc. § 135
    assert is_court_day(D(2026, 4, 24))  # Genocide Remembrance Day: a state holiday, courts open
    assert is_court_day(D(2026, 4, 3))  # Good Friday: not a full day
    assert court_holiday(D(2022, 6, 20)) is None  # Juneteenth became a court holiday in 2023
    assert court_holiday(D(2014, 9, 26)) is None  # Native American Day: from 2015
    assert is_court_day(D(2026, 12, 24))


def test_a_year_has_the_expected_count() -> None:
    # 2026: 14 holidays on weekdays (Independence Day on Saturday, observed on Friday, July 3)
    weekdays = [d for d in court_holidays(2026) if d.weekday() < 5]
    assert len(weekdays) == 14
    assert court_calendar().last_verified >= D(2026, 12, 2)


def test_a_deadline_ending_on_christmas_moves_forward_and_names_it() -> None:
    served = D(2026, 11, 10)  # 45 days later is Friday, December 25, 2026
    period = count_days(served, 45)
    assert period.counted == D(2026, 12, 25)
    assert period.date == D(2026, 12, 28)  # Christmas, then the weekend
    assert "Christmas Day" in period.note() and "December 28, 2026" in period.note()


def test_a_hearing_within_21_days_moves_back_before_the_holiday() -> None:
    order = D(2026, 11, 6)  # 21 days later is Friday, November 27: the day after Thanksgiving
    period = count_days(order, 21, roll="back")
    assert period.date == D(2026, 11, 25)  # Wednesday: Thanksgiving and the day after are closed
    assert "the day after Thanksgiving" in period.note() and "Thanksgiving Day" in period.note()
    assert "November 25, 2026" in period.note()


def test_a_court_day_needs_no_note() -> None:
    period = count_days(D(2026, 12, 1), 1)
    assert period.date == D(2026, 12, 2) and not period.moved and period.note() == ""
    assert next_court_day(D(2026, 11, 26)) == D(2026, 11, 30)


def test_an_observed_day_is_flagged_for_review() -> None:
    period = count_days(D(2026, 6, 3), 30)  # July 3, 2026: Independence Day observed
    assert period.date == D(2026, 7, 6)
    assert "Judicial Council" in period.note()


def test_the_note_is_spanish_in_a_spanish_terminal() -> None:
    set_language("es")
    try:
        note = count_days(D(2026, 11, 10), 45).note()
    finally:
        set_language("en")
    assert note.startswith("El plazo termina") and "Navidad" in note and "28 de diciembre de 2026" in note
