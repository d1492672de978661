"""Field types and sub-models shared by every packet kind's answers model.

Cleaning happens here, once: every string answer passes through text.clean_line/clean_text
before validation, so nothing downstream sees a control character.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .dates import ApproxDate, parse_approx_date, parse_date
from .lawdata import find_county, near_county
from .text import clean_line, clean_text, initials, is_blank


def _as_text(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _line(value: Any) -> Any:
    value = _as_text(value)
    return clean_line(value) if isinstance(value, str) else value


def _text(value: Any) -> Any:
    value = _as_text(value)
    return clean_text(value) if isinstance(value, str) else value


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and is_blank(value):
        return None
    return value


def _date(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value)


def _not_future(value: Optional[dt.date]) -> Optional[dt.date]:
    if value is not None and value > dt.date.today():
        raise ValueError("is in the future")
    if value is not None and value.year < 1900:
        raise ValueError("is before 1900; check the year")
    return value


def _approx_date(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_approx_date(value)


def _approx_not_future(value: Optional[ApproxDate]) -> Optional[ApproxDate]:
    if value is not None and value.earliest > dt.date.today():
        raise ValueError("is in the future")
    if value is not None and value.year < 1900:
        raise ValueError("is before 1900; check the year")
    return value


def _county(value: str) -> str:
    found = find_county(value)
    if found is None:
        near = near_county(value)
        if near:
            from .i18n import _

            raise ValueError(_("is not one of California's 58 counties: did you mean {name}?").format(name=near))
        raise ValueError("is not one of California's 58 counties (check the spelling)")
    return found


def _time(value: Any) -> Any:
    if isinstance(value, dt.time) or value is None:
        return value
    if isinstance(value, int):  # YAML 1.1 reads 8:30 as sexagesimal 510
        return dt.time(value // 60, value % 60) if value < 24 * 60 else value
    if isinstance(value, str):
        m = re.match(r"^\s*(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?\s*$", value, re.I)
        if m:
            hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
            return dt.time(hour, int(m.group(2) or 0))
        # 13:30, or 08:30:00 as a saved answers file writes a time (seconds of 00 only)
        m = re.match(r"^\s*(\d{1,2}):(\d{2})(?::00)?\s*$", value)
        if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
            return dt.time(int(m.group(1)), int(m.group(2)))
        raise ValueError("is not a time we can read; write it as 8:30 AM or 13:30")
    return value


# The two-letter postal codes of the states, D.C. and the territories, as an address is written.
_STATES = frozenset("""AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI""".split())


def _state(value: str) -> str:
    """'ca', 'Calif.' typed for California, or any state's two-letter code; 'CACA' (a default typed
    over) or a misspelling is refused instead of printed on a served form."""
    code = value.strip().rstrip(".").upper()
    if code in ("CALIF", "CALIFORNIA"):
        code = "CA"
    if code not in _STATES:
        raise ValueError("is not a state's two-letter postal code (CA for California)")
    return code


Line = Annotated[str, BeforeValidator(_line), Field(min_length=1, max_length=500)]
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=50_000)]
# A short name that must fit on one line of the filer block or a caption (e.g. "DCFS").
ShortName = Annotated[str, BeforeValidator(_line), Field(min_length=1, max_length=25)]
OptLine = Annotated[Optional[str], BeforeValidator(_blank_to_none), BeforeValidator(_line)]
OptText = Annotated[Optional[str], BeforeValidator(_blank_to_none), BeforeValidator(_text)]
PastDate = Annotated[dt.date, BeforeValidator(_date), AfterValidator(_not_future)]
OptPastDate = Annotated[Optional[dt.date], BeforeValidator(_date), AfterValidator(_not_future)]
# A date the answers may know only to the month or year ("about June 2016"): see dates.ApproxDate.
ApproxPastDate = Annotated[ApproxDate, BeforeValidator(_approx_date), AfterValidator(_approx_not_future)]
OptApproxPastDate = Annotated[Optional[ApproxDate], BeforeValidator(_approx_date), AfterValidator(_approx_not_future)]
AnyDate = Annotated[dt.date, BeforeValidator(_date)]
OptDate = Annotated[Optional[dt.date], BeforeValidator(_date)]
County = Annotated[str, BeforeValidator(_line), AfterValidator(_county)]
Time = Annotated[Optional[dt.time], BeforeValidator(_blank_to_none), BeforeValidator(_time)]
Zip = Annotated[str, BeforeValidator(_line), Field(pattern=r"^\d{5}(-\d{4})?$")]
State = Annotated[str, BeforeValidator(_line), AfterValidator(_state)]
Email = Annotated[
    Optional[str],
    BeforeValidator(_blank_to_none),
    BeforeValidator(_line),
    Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
]


class Section(BaseModel):
    """Base of every answers model: unknown keys are errors (a typo must not vanish)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Address(Section):
    street: Line = Field(title="street address")
    city: Line = Field(title="city")
    state: State = Field(default="CA", title="state")
    zip: Zip = Field(title="ZIP code")

    def lines(self) -> list[str]:
        return [self.street, f"{self.city}, {self.state} {self.zip}"]


class Attorney(Section):
    name: Line = Field(title="attorney's name")
    bar_number: Annotated[str, BeforeValidator(_line), Field(pattern=r"^\d{1,7}$")] = Field(
        title="State Bar number", description="Digits only, e.g. 123456."
    )
    firm: OptLine = Field(default=None, title="firm or organization")
    address: Address = Field(title="attorney's address")
    phone: Line = Field(title="attorney's telephone")
    email: Email = Field(default=None, title="attorney's email")


class Hearing(Section):
    date: OptDate = Field(default=None, title="hearing date")
    time: Time = Field(default=None, title="hearing time")
    department: OptLine = Field(default=None, title="department")
    judge: OptLine = Field(default=None, title="judge")


ServiceMethod = Literal["personal", "mail", "electronic"]


class Service(Section):
    date: AnyDate = Field(title="date of service")
    method: ServiceMethod = Field(title="how it was served")
    server_name: Line = Field(title="name of the person who served")
    server_address: Text = Field(title="address of the person who served")
    deposit_place: OptLine = Field(
        default=None,
        title="place of deposit in the mail",
        description="For service by mail: the city and state where the envelope was deposited (Code Civ. Proc., § 1013a).",
    )


class Signing(Section):
    city: Line = Field(title="city where the papers are signed")
    date: OptDate = Field(
        default=None,
        title="date of signing",
        description="Leave out to leave the date blank for signing by hand.",
    )


class Minor(Section):
    """A child or youth. Papers show the initials; the full name stays in the answers (and in
    a confidential attachment where a kind needs one)."""

    name: Line = Field(title="full legal name")
    initials: OptLine = Field(
        default=None, title="initials", description="Initials for the papers; derived from the name when left out."
    )
    date_of_birth: PastDate = Field(title="date of birth")

    @property
    def public_name(self) -> str:
        return self.initials or initials(self.name)


class Fact(Section):
    """One fact a paper relies on, with where it comes from, so the attorney can prove it."""

    date: OptApproxPastDate = Field(
        default=None,
        title="date",
        description="When it happened (or began): a date, or a month or year when that is all that is known "
        "(June 2016, 06/2016 or 2016; the papers then say \"in or about June 2016\").",
    )
    fact: Text = Field(title="what happened")
    source: Line = Field(
        title="source", description="Where the fact comes from: a report, interview or record, with its date."
    )


class Record(Section):
    """A report or record a fact rests on: offered as an exhibit (a PDF attached to the declaration)
    or, when it is already in this case's court file, by request for judicial notice, so that the
    declaration does not recite it (hearsay). Used by the juvenile kinds."""

    title: Line = Field(title="title of the record", description="e.g. DCFS Jurisdiction/Disposition Report, Probation Officer's Report")
    date: OptPastDate = Field(default=None, title="date of the record")
    in_court_file: bool = Field(
        default=False,
        title="filed in this case",
        description="true when the record is already in the court file: the packet asks the Court to take judicial notice of it",
    )
    file: Optional[str] = Field(
        default=None,
        title="PDF to attach as an exhibit",
        description="A copy of the record to attach to the declaration (path relative to the answers file).",
    )

    @field_validator("file")
    @classmethod
    def _exists(cls, value: Optional[str], info: ValidationInfo) -> Optional[str]:
        if value is None or not value.strip():
            return None
        # checked, limited and scanned for full identifiers in every part, as every exhibit is
        from .exhibits import exhibit_path

        return exhibit_path(value, base_dir=Path((info.context or {}).get("base_dir", ".")))

    @model_validator(mode="after")
    def _offered(self) -> "Record":
        if self.file and self.in_court_file:
            raise ValueError("a record in the court file is offered by judicial notice: give in_court_file or file, not both")
        return self


class SourcedFact(Fact):
    """A fact with where it comes from: a record listed under `records` (by its number), or the
    declarant's own source (what the declarant saw or was told)."""

    source: OptLine = Field(  # type: ignore[assignment]
        default=None,
        title="source",
        description="How the declarant knows it; with a record, a pinpoint in it (e.g. p. 4).",
    )
    record: Optional[int] = Field(
        default=None, ge=1, title="record number", description="The number of the record (1 = the first under records)."
    )

    @model_validator(mode="after")
    def _sourced(self) -> "SourcedFact":
        if self.record is None and not self.source:
            raise ValueError("give the fact's source, or the number of the record it comes from")
        return self


def check_record_numbers(facts: list[SourcedFact], records: list[Record]) -> None:
    """Each fact's record number names a record listed under `records` (ValueError otherwise)."""
    from .i18n import _

    for fact in facts:
        if fact.record is not None and fact.record > len(records):
            raise ValueError(_(
                "a fact names record {n}, but only {count} records are listed under records"
            ).format(n=fact.record, count=len(records)))


class Declarant(Section):
    name: Line = Field(title="declarant's name")
    title: Line = Field(title="declarant's role", description="e.g. Children's Social Worker, CSEC advocate")
    basis: OptText = Field(
        default=None, title="how the declarant knows the facts", description="e.g. assigned to the case since ..."
    )


class Recipient(Section):
    name: Line = Field(title="name of the person served")
    role: OptLine = Field(default=None, title="whom they represent or are", description="e.g. Counsel for Mother")
    address: OptText = Field(default=None, title="service address")


class Client(Section):
    language: Literal["en", "es"] = Field(
        default="en",
        title="client's language",
        description="Language of the letter to the client: en (English) or es (Spanish). Court papers stay in English.",
    )


PartyServed = Literal[
    "parent", "district_attorney", "probation", "county_counsel", "minors_counsel", "parents_counsel", "other"
]


class ServiceListEntry(Section):
    """One person on a service list: how that person was served and where (a postal address for
    personal service or mail, an electronic service address for e-service)."""

    name: Line = Field(title="name of the person served")
    role: OptLine = Field(default=None, title="whom they represent or are", description="e.g. Counsel for Mother")
    party: Optional[PartyServed] = Field(
        default=None,
        title="which party this is",
        description="parent, district_attorney, probation, county_counsel, minors_counsel, parents_counsel or other",
    )
    method: Optional[ServiceMethod] = Field(
        default=None,
        title="how this person was served",
        description="personal, mail or electronic; defaults to the method given under service",
    )
    address: OptText = Field(default=None, title="postal address", description="For personal service or mail.")
    electronic_address: Email = Field(
        default=None, title="electronic service address", description="For electronic service (an email address)."
    )


class ListService(Service):
    """Service on a list of persons, each by its own method (Code Civ. Proc., §§ 1013a, 1013b)."""

    place: OptLine = Field(
        default=None,
        title="city where the papers were mailed or sent",
        description="The proof of service by mail states the place of deposit; leave out to fill it by hand.",
    )
