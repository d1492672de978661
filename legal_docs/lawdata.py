"""The law as data: authorities, the PC § 667.5(c) table, deadlines and counties.

Each file carries ``last_verified``; entries marked ``needs_review`` surface in the command's
output and the manifest. Loaded once per process and validated with pydantic, so a clinic's
edit that breaks a file gets an error naming the file and the entry.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Literal, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import TemplateError
from .i18n import _
from .resources import clause_file, load_yaml, package_data, per_resources


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Authority(_Data):
    id: str
    citation: str  # "Pen. Code, § 236.14, subd. (a)": parentheses and citations
    in_text: str  # "Penal Code section 236.14, subdivision (a)": inside a sentence
    description: str
    last_verified: dt.date
    needs_review: bool = False
    source: str = ""  # where the citation was read (a decision: the opinion's copy, named)
    note: str = ""


class ViolentParagraph(_Data):
    paragraph: int
    description: str
    sections: list[str] = Field(default_factory=list)
    enhancements: list[str] = Field(default_factory=list)
    needs_facts: str = ""
    note: str = ""


class ViolentFelonyTable(_Data):
    schema_version: int
    statute: str
    as_of: str
    last_verified: dt.date
    needs_review: bool = False
    source: str = ""
    paragraphs: list[ViolentParagraph]


class Deadline(_Data):
    id: str
    label: str
    days: int
    # `from` is a Python keyword, hence the alias.
    starts_from: str = Field(alias="from")
    authority: str
    note: str = ""
    last_verified: dt.date
    # A period something must happen WITHIN (a hearing) rolls back from a weekend; a response
    # period rolls forward. good_cause_days: the longer period a court may allow for good cause.
    roll: Literal["forward", "back"] = "forward"
    good_cause_days: Optional[int] = None


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class CourtHoliday(_Data):
    """One judicial holiday rule: a fixed date (month, day) or the nth weekday of a month (nth -1:
    the last), plus offset_days (the day after Thanksgiving), in force from_year..until_year."""

    id: str
    name: str
    name_es: str
    month: int = Field(ge=1, le=12)
    day: Optional[int] = Field(default=None, ge=1, le=31)
    weekday: Optional[Weekday] = None
    nth: Optional[int] = Field(default=None, ge=-1, le=5)
    offset_days: int = 0
    from_year: Optional[int] = None
    until_year: Optional[int] = None
    authority: str
    needs_review: bool = False

    @model_validator(mode="after")
    def _one_rule(self) -> "CourtHoliday":
        if (self.day is None) == (self.weekday is None) or (self.weekday is not None and not self.nth):
            raise ValueError(_("holiday '{id}' needs either day, or weekday and nth (not both)").format(id=self.id))
        return self


class CourtCalendar(_Data):
    schema_version: int
    last_verified: dt.date
    # a fixed-date holiday on a weekend: observed on the Friday before / the Monday after, or not moved
    saturday_observed: Literal["friday_before", "none"]
    saturday_needs_review: bool = False
    sunday_observed: Literal["monday_after", "none"]
    note: str = ""
    holidays: list[CourtHoliday]


class LevelRule(_Data):
    section: str
    level: Literal["felony", "misdemeanor", "infraction"]
    note: str
    needs_review: bool = False


class LawChange(_Data):
    section: str
    repealed: Optional[dt.date] = None
    minors_from: Optional[dt.date] = None
    by: str
    note: str
    needs_review: bool = False


class CommonSection(_Data):
    section: str  # as an attorney types it: "PC 647(b)"
    name: str  # what it is, in a few words, shown beside it when completing


class VacaturOffenseTable(_Data):
    schema_version: int
    last_verified: dt.date
    common: list[CommonSection] = []  # offered as completions when the interview asks for a code section
    levels: list[LevelRule]
    changes: list[LawChange]
    other_relief: dict[Literal["arrest", "conviction", "juvenile_adjudication"], str]
    other_relief_needs_review: bool = False
    sources: str = ""


def _parse(model: type[BaseModel], data: object, name: str) -> object:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        from .answers import invalid_data

        raise invalid_data(_("Data file {file}").format(file=name), exc, model) from None


T = TypeVar("T", bound=BaseModel)


def load_table(model: type[T], path: str) -> T:
    """A law table under clauses/ (e.g. "law/placement_727a.yaml"), validated: a clinic's broken
    edit is an error naming the file and the entry."""
    table = _parse(model, load_yaml(clause_file(path)), path.rsplit("/", 1)[-1])  # type: ignore[arg-type]
    assert isinstance(table, model)
    return table


@per_resources
def authorities() -> dict[str, Authority]:
    raw = load_yaml(clause_file("authorities.yaml")) or {}
    items = [_parse(Authority, a, "authorities.yaml") for a in raw.get("authorities", [])]
    table: dict[str, Authority] = {}
    for item in items:
        assert isinstance(item, Authority)
        if item.id in table:
            raise TemplateError(_("Data file authorities.yaml lists '{authority}' twice").format(authority=item.id))
        table[item.id] = item
    return table


def authority(auth_id: str) -> Authority:
    try:
        return authorities()[auth_id]
    except KeyError:
        raise TemplateError(_("Unknown authority '{authority}' (not in clauses/authorities.yaml)").format(
            authority=auth_id)) from None


@per_resources
def violent_felonies() -> ViolentFelonyTable:
    raw = load_yaml(clause_file("law/violent_felonies.yaml"))
    table = _parse(ViolentFelonyTable, raw, "violent_felonies.yaml")
    assert isinstance(table, ViolentFelonyTable)
    authority(table.statute)  # the statute must be in the authorities table
    return table


@per_resources
def deadlines() -> dict[str, Deadline]:
    raw = load_yaml(clause_file("law/deadlines.yaml")) or {}
    out: dict[str, Deadline] = {}
    for d in raw.get("deadlines", []):
        item = _parse(Deadline, d, "deadlines.yaml")
        assert isinstance(item, Deadline)
        authority(item.authority)
        out[item.id] = item
    return out


@per_resources
def court_calendar() -> CourtCalendar:
    """clauses/law/court_holidays.yaml (a clinic's copy first), validated."""
    return load_table(CourtCalendar, "law/court_holidays.yaml")


@per_resources
def vacatur_offenses() -> VacaturOffenseTable:
    """clauses/law/vacatur_offenses.yaml: levels fixed by the code, law changes, other relief."""
    return load_table(VacaturOffenseTable, "law/vacatur_offenses.yaml")


def code_sections() -> dict[str, str]:
    """Code sections offered when an offense's code section is typed (section -> what it is): the
    common ones of clauses/law/vacatur_offenses.yaml."""
    return {c.section: c.name for c in vacatur_offenses().common}


@lru_cache(maxsize=1)
def counties() -> tuple[str, ...]:
    raw = load_yaml(package_data("counties.yaml"))
    return tuple(raw["counties"])


def find_county(value: str) -> str | None:
    """'los angeles', 'Los Angeles County', 'LA'? -> 'Los Angeles' (exact names only, any case)."""
    key = " ".join(value.replace("County of", "").replace("county", "").replace("County", "").split())
    for name in counties():
        if name.lower() == key.lower():
            return name
    return None


def near_county(value: str) -> str | None:
    """The county a misspelling most likely means ('Los Angelos County' -> 'Los Angeles'), or None."""
    import difflib

    key = " ".join(value.replace("County of", "").replace("county", "").replace("County", "").split()).lower()
    names = {name.lower(): name for name in counties()}
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None
