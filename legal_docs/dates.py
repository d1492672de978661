"""Reading dates the way people type them, and writing them in court style with Babel."""

from __future__ import annotations

import datetime as dt
import re

from .i18n import N_

_US = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_WORDS = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\s*$")

DATE_FORMS = "2019-03-02, 3/2/2019 or March 2, 2019"


def parse_date(value: object) -> dt.date:
    """Accept a date, an ISO date, a US m/d/yyyy date, or 'March 2, 2019'.

    Raises ValueError with a plain message (never echoing the value) when it is not a real date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(N_("is not a date; write it as 2019-03-02, 3/2/2019 or March 2, 2019"))
    for pattern, order in ((_ISO, "ymd"), (_US, "mdy")):
        m = pattern.match(value)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups())))
            return _make(parts["y"], parts["m"], parts["d"])
    m = _WORDS.match(value)
    if m and m.group(1).lower() in _MONTHS:
        return _make(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    raise ValueError(N_("is not a date we can read; write it as 2019-03-02, 3/2/2019 or March 2, 2019"))


def _make(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(N_("is not a real calendar date")) from None


def long_date(value: dt.date, *, locale: str = "en_US") -> str:
    """'March 2, 2019' (en_US) or '2 de marzo de 2019' (es)."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=locale)


def day_of_month_phrase(value: dt.date) -> str:
    """'22nd day of November, 2026', the form used on verifications."""
    from babel.dates import format_date

    day = value.day
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix} day of {format_date(value, 'MMMM, y', locale='en_US')}"


def time_phrase(value: dt.time, *, locale: str = "en_US") -> str:
    """'8:30 AM' in court papers; the locale's own short form otherwise ('8:30' in Spanish)."""
    from babel.dates import format_time

    if locale == "en_US":
        return format_time(value, format="h:mm a", locale=locale)
    return format_time(value, format="short", locale=locale)


def age_on(born: dt.date, day: dt.date) -> int:
    """Age in whole years on `day` of a person born on `born`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def next_weekday(value: dt.date) -> dt.date:
    """A deadline falling on a Saturday or Sunday moves to the Monday (Code Civ. Proc. §§ 12, 12a).

    Court holidays are not applied here; the deadline note tells the attorney so.
    """
    while value.weekday() >= 5:
        value += dt.timedelta(days=1)
    return value


def last_weekday_by(value: dt.date) -> dt.date:
    """The last day of a period something must happen WITHIN (a hearing): a Saturday or Sunday
    moves back to the Friday. Court holidays are not applied here either."""
    while value.weekday() >= 5:
        value -= dt.timedelta(days=1)
    return value


def add_years(value: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (February 29 becomes February 28)."""
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)
