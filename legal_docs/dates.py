"""Reading dates the way people type them, writing them in court style with Babel, and the
California court calendar (judicial holidays from clauses/law/court_holidays.yaml)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from .i18n import N_, _, language
from .lawdata import CourtHoliday, court_calendar
from .resources import per_resources

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


class UnreadableDate(ValueError):
    """Text in none of the date forms (a real date that is impossible or implausible is a plain
    ValueError): an approximate date then says which other forms it also takes."""


def parse_date(value: object) -> dt.date:
    """Accept a date, an ISO date, a US m/d/yyyy date, or 'March 2, 2019'.

    Raises ValueError with a plain message (never echoing the value) when it is not a real date.
    """
    if isinstance(value, dt.datetime):
        return _plausible(value.date())
    if isinstance(value, dt.date):
        return _plausible(value)
    if not isinstance(value, str):
        raise UnreadableDate(N_("is not a date; write it as 2019-03-02, 3/2/2019 or March 2, 2019"))
    for pattern, order in ((_ISO, "ymd"), (_US, "mdy")):
        m = pattern.match(value)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups())))
            return _make(parts["y"], parts["m"], parts["d"])
    m = _WORDS.match(value)
    if m and m.group(1).lower() in _MONTHS:
        return _make(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    raise UnreadableDate(N_("is not a date we can read; write it as 2019-03-02, 3/2/2019 or March 2, 2019"))


LAST_YEAR = 2199  # no answer is a date after this; 9999-12-31 would overflow every deadline computed from it


def _make(year: int, month: int, day: int) -> dt.date:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise ValueError(N_("is not a real calendar date")) from None
    return _plausible(value)


def _plausible(value: dt.date) -> dt.date:
    if value.year > LAST_YEAR:
        raise ValueError(N_("is too far in the future to be a date in a case; check the year"))
    return value


# -- approximate dates: "about June 2016" -------------------------------------------------------

_APPROX_WORDS = re.compile(
    r"^\s*(?:about|around|approximately|approx\.?|circa|ca\.|c\.|~|aproximadamente|aprox\.?|alrededor\s+de|"
    r"hacia|sobre)\s+", re.I)
_MONTHS_ES = {
    m: i
    for i, names in enumerate(
        [
            ("enero", "ene"), ("febrero", "feb"), ("marzo", "mar"), ("abril", "abr"), ("mayo", "may"),
            ("junio", "jun"), ("julio", "jul"), ("agosto", "ago"), ("septiembre", "setiembre", "sept", "sep"),
            ("octubre", "oct"), ("noviembre", "nov"), ("diciembre", "dic"),
        ],
        start=1,
    )
    for m in names
}
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_US_MONTH = re.compile(r"^\s*(\d{1,2})/(\d{4})\s*$")
_WORD_MONTH = re.compile(r"^\s*([^\W\d_]+)\.?,?\s+(?:de\s+|of\s+)?(\d{4})\s*$", re.I)

APPROX_FORMS = "June 2016, 06/2016 or 2016"


@dataclass(frozen=True)
class ApproxDate:
    """A date known to the day, or only to the month or the year ("about June 2016").

    Stored as ISO text of its precision ("2016-06-02", "2016-06", "2016"); written in papers as
    "June 2, 2016", "June 2016" or "2016". Rules compare it by its earliest and latest possible
    days, and a comparison those two days disagree on is undecided (None), never guessed.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, value: dt.date) -> "ApproxDate":
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Literal["day", "month", "year"]:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @property
    def exact(self) -> bool:
        return self.day is not None

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        if self.day is not None:
            return self.earliest
        if self.month is None:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1) - dt.timedelta(days=1)

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return self.earliest.isoformat()

    def __str__(self) -> str:
        return self.iso()

    # pydantic: validated from what people type, saved as its ISO text, a string in the JSON schema
    @classmethod
    def __get_pydantic_core_schema__(cls, source: object, handler: object) -> object:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            parse_approx_date,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda v: v.iso(), when_used="json"),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: object, handler: object) -> dict[str, object]:
        return {"type": "string", "format": "approximate-date", "examples": ["2019-03-02", "2016-06", "2016"],
                "description": "A date (2019-03-02, 3/2/2019 or March 2, 2019), or a month or year when "
                               "that is all that is known (June 2016, 06/2016 or 2016)."}


def span(value: "dt.date | ApproxDate") -> tuple[dt.date, dt.date]:
    """The earliest and latest day a date (exact or approximate) can be."""
    if isinstance(value, ApproxDate):
        return value.earliest, value.latest
    return value, value


def on_or_before(a: "dt.date | ApproxDate", b: "dt.date | ApproxDate") -> bool | None:
    """Whether a falls on or before b: True, False, or None when the dates given cannot tell."""
    (a0, a1), (b0, b1) = span(a), span(b)
    if a1 <= b0:
        return True
    if a0 > b1:
        return False
    return None


def within(value: "dt.date | ApproxDate", start: "dt.date | ApproxDate", end: "dt.date | ApproxDate") -> bool | None:
    """Whether value falls between start and end (both included): None when it may or may not."""
    after, before = on_or_before(start, value), on_or_before(value, end)
    if after is False or before is False:
        return False
    if after and before:
        return True
    return None


def ages_on(born: dt.date, day: "dt.date | ApproxDate") -> tuple[int, int]:
    """The youngest and oldest a person born on `born` can have been on `day` (equal when exact)."""
    first, last = span(day)
    return age_on(born, first), age_on(born, last)


def parse_approx_date(value: object) -> ApproxDate:
    """A date as `parse_date` reads it, or a month or year alone: "June 2016", "junio de 2016",
    "06/2016", "2016-06", "2016" (a leading "about" or "aprox." is dropped: the papers say "about")."""
    if isinstance(value, ApproxDate):
        return value
    if isinstance(value, bool):
        raise ValueError(N_("is not a date; write it as 2019-03-02, 3/2/2019 or March 2, 2019, or a month or year "
                            "when that is all that is known: June 2016, 06/2016 or 2016"))
    if isinstance(value, int):  # YAML reads 2016 as a number
        value = str(value)
    if isinstance(value, str):
        value = _APPROX_WORDS.sub("", value)
        m = _YEAR.match(value)
        if m:
            return _approx(int(m.group(1)), None)
        for pattern, order in ((_ISO_MONTH, "ym"), (_US_MONTH, "my")):
            m = pattern.match(value)
            if m:
                parts = dict(zip(order, (int(g) for g in m.groups())))
                return _approx(parts["y"], parts["m"])
        m = _WORD_MONTH.match(value)
        if m:
            word = m.group(1).lower()
            month = _MONTHS.get(word) or _MONTHS_ES.get(word)
            if month:
                return _approx(int(m.group(2)), month)
    try:
        return ApproxDate.of(parse_date(value))
    except UnreadableDate:
        raise ValueError(N_("is not a date we can read; write it as 2019-03-02, 3/2/2019 or March 2, 2019, or as "
                                "a month or year when that is all that is known: June 2016, 06/2016 or 2016")) from None


def _approx(year: int, month: int | None) -> ApproxDate:
    if month is not None and not 1 <= month <= 12:
        raise ValueError(N_("is not a real calendar date"))
    if year > LAST_YEAR:
        raise ValueError(N_("is too far in the future to be a date in a case; check the year"))
    if year < 1:
        raise ValueError(N_("is not a real calendar date"))
    return ApproxDate(year, month)


def date_phrase(value: "dt.date | ApproxDate", *, locale: str = "en_US") -> str:
    """'June 2, 2016', 'June 2016' or '2016' ('2 de junio de 2016', 'junio de 2016', '2016')."""
    from babel.dates import format_skeleton

    if isinstance(value, ApproxDate) and not value.exact:
        if value.month is None:
            return str(value.year)
        return format_skeleton("yMMMM", value.earliest, locale=locale)
    return long_date(value.earliest if isinstance(value, ApproxDate) else value, locale=locale)


def on_date(value: "dt.date | ApproxDate") -> str:
    """The date with its preposition in the papers' English: 'on June 2, 2016', 'in June 2016', 'in 2016'."""
    exact = not isinstance(value, ApproxDate) or value.exact
    return ("on " if exact else "in ") + date_phrase(value)


def age_phrase(ages: tuple[int, int]) -> str:
    """'17', or '17 or 18' when the date given spans a birthday."""
    young, old = ages
    return str(young) if young == old else f"{young} or {old}"


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


# -- the California court calendar (clauses/law/court_holidays.yaml) ---------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Holiday:
    date: dt.date
    name: str  # "Christmas Day"
    name_es: str
    observed: bool = False  # a weekend date moved to the Friday before or the Monday after

    def label(self, lang: str = "en") -> str:
        name = self.name_es if lang == "es" else self.name
        if self.observed:
            return name + (" (día observado)" if lang == "es" else " (observed)")
        return name


def _rule_date(rule: CourtHoliday, year: int) -> dt.date:
    if rule.day is not None:
        return dt.date(year, rule.month, rule.day)
    assert rule.weekday is not None and rule.nth
    want = _WEEKDAYS.index(rule.weekday)
    if rule.nth > 0:
        first = dt.date(year, rule.month, 1)
        day = first + dt.timedelta(days=(want - first.weekday()) % 7 + 7 * (rule.nth - 1))
    else:
        last = dt.date(year + (rule.month == 12), rule.month % 12 + 1, 1) - dt.timedelta(days=1)
        day = last - dt.timedelta(days=(last.weekday() - want) % 7)
    return day + dt.timedelta(days=rule.offset_days)


@per_resources
def court_holidays(year: int) -> dict[dt.date, Holiday]:
    """Every judicial holiday falling in `year` (weekend dates and the weekday they are observed on),
    by the rules of clauses/law/court_holidays.yaml. Saturdays and Sundays are closed anyway."""
    table = court_calendar()
    out: dict[dt.date, Holiday] = {}
    for y in (y for y in (year - 1, year, year + 1) if dt.MINYEAR <= y <= dt.MAXYEAR):  # New Year's Day on a
        # Saturday is observed the Friday before, in the year before
        for rule in table.holidays:
            if (rule.from_year and y < rule.from_year) or (rule.until_year and y > rule.until_year):
                continue
            day = _rule_date(rule, y)
            found = [Holiday(day, rule.name, rule.name_es)]
            if rule.day is not None:  # a fixed date on a weekend is also observed on a weekday
                if day.weekday() == 5 and table.saturday_observed == "friday_before":
                    found.append(Holiday(day - dt.timedelta(days=1), rule.name, rule.name_es, observed=True))
                elif day.weekday() == 6 and table.sunday_observed == "monday_after":
                    found.append(Holiday(day + dt.timedelta(days=1), rule.name, rule.name_es, observed=True))
            for h in found:
                if h.date.year == year:
                    out.setdefault(h.date, h)
    return out


def court_holiday(day: dt.date) -> Holiday | None:
    """The judicial holiday on `day`, or None (weekends are not named here)."""
    return court_holidays(day.year).get(day)


def is_court_day(day: dt.date) -> bool:
    return day.weekday() < 5 and court_holiday(day) is None


def closed_reason(day: dt.date, *, lang: str = "en") -> str:
    """Why the court is closed on `day`: the holiday's name, else the day of the week; "" if open."""
    holiday = court_holiday(day)
    if holiday is not None:
        return holiday.label(lang)
    if day.weekday() >= 5:
        from babel.dates import format_date

        return format_date(day, "EEEE", locale=LOCALES[lang])
    return ""


LOCALES = {"en": "en_US", "es": "es"}


@dataclass(frozen=True)
class CourtDeadline:
    """A period counted in calendar days and rolled onto a court day.

    forward: a deadline (Code Civ. Proc., §§ 12, 12a) that ends on a closed day runs to the next
    court day. back: a limit something must happen WITHIN (a hearing) is met by the court day before.
    """

    counted: dt.date  # the period's last day on the calendar
    date: dt.date  # the court day it rolls to (== counted when the court is open)
    roll: Literal["forward", "back"]

    @property
    def moved(self) -> bool:
        return self.date != self.counted

    def closed_days(self) -> list[dt.date]:
        """The closed days passed over, from the counted day toward the court day."""
        step = dt.timedelta(days=1 if self.roll == "forward" else -1)
        out, day = [], self.counted
        while day != self.date:
            out.append(day)
            day += step
        return out

    def note(self) -> str:
        """One sentence naming the holiday(s) and weekend days passed over, in the terminal's
        language; "" when the period ends on a court day."""
        if not self.moved:
            return ""
        lang = language()
        locale = LOCALES[lang]
        reasons = list(dict.fromkeys(closed_reason(d, lang=lang) for d in self.closed_days()))
        from babel.lists import format_list

        values = {"day": long_date(self.counted, locale=locale), "closed": format_list(reasons, locale=locale),
                  "date": long_date(self.date, locale=locale)}
        observed = any((h := court_holiday(d)) is not None and h.observed for d in self.closed_days())
        check = (" " + _("A weekend holiday's observed day is the Judicial Council's designation (Code Civ. "
                         "Proc., § 135): check the court's calendar for the year.")) if observed else ""
        if self.roll == "forward":
            return _("The period ends on {day}, when the court is closed ({closed}): it runs to the next "
                     "court day, {date} (Code Civ. Proc., §§ 12, 12a).").format(**values) + check
        return _("The period ends on {day}, when the court is closed ({closed}): the last court day "
                 "within it is {date}.").format(**values) + check


def count_days(start: dt.date, days: int, *, roll: Literal["forward", "back"] = "forward") -> CourtDeadline:
    """`days` calendar days after `start` (the first day excluded, Code Civ. Proc., § 12), rolled
    forward to the next court day or back to the last one before, past weekends and judicial holidays."""
    counted = start + dt.timedelta(days=days)
    return CourtDeadline(counted, next_court_day(counted) if roll == "forward" else last_court_day_by(counted), roll)


def next_court_day(value: dt.date) -> dt.date:
    """`value` if the court is open, else the next court day (Code Civ. Proc., §§ 12a, 135)."""
    while not is_court_day(value):
        value += dt.timedelta(days=1)
    return value


def last_court_day_by(value: dt.date) -> dt.date:
    """`value` if the court is open, else the last court day before it."""
    while not is_court_day(value):
        value -= dt.timedelta(days=1)
    return value


def add_years(value: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (February 29 becomes February 28)."""
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)
