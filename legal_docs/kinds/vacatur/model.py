"""The answers of a PC § 236.14 vacatur petition (the answers-file contract; keep these names)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ...fields import (
    Address,
    ApproxPastDate,
    Attorney,
    Client,
    County,
    Hearing,
    Line,
    OptApproxPastDate,
    OptLine,
    OptText,
    PastDate,
    Section,
    Service,
    Signing,
    Text,
)
from ...exhibits import exhibit_path
from ...i18n import _
from ...text import initials

OffenseType = Literal["arrest", "conviction", "juvenile_adjudication"]
Level = Literal["felony", "misdemeanor", "infraction"]
# The means of Pen. Code, § 236.1 that make an adult a victim (subds. (a), (b)); a minor needs none (subd. (c)).
# The proof of service on the prosecuting agency: on pleading paper, or the official POS-040.
ProofForm = Literal["pleading-paper", "pos-040"]
Means = Literal["force", "fear", "fraud", "deceit", "coercion", "violence", "duress", "menace", "threat"]


class Petitioner(Section):
    name: Line = Field(title="petitioner's full legal name")
    other_names: list[Line] = Field(
        default_factory=list, title="other names", description="Names used in the records to vacate."
    )
    date_of_birth: PastDate = Field(title="petitioner's date of birth")
    address: Optional[Address] = Field(default=None, title="petitioner's address")
    file_with_initials: bool = Field(
        default=True,
        title="file with initials",
        description="Show the petitioner by initials in the public papers (Pen. Code, § 236.14, subd. (q)).",
    )
    initials: OptLine = Field(
        default=None, title="initials", description="Initials to use; derived from the name when left out."
    )
    cii_number: OptLine = Field(
        default=None,
        title="CII number",
        description="The state criminal record number (DOJ); only in the order's confidential identity attachment.",
    )

    @property
    def public_name(self) -> str:
        if self.file_with_initials:
            return self.initials or initials(self.name)
        return self.name


class Override(Section):
    include: bool = Field(title="include despite the screen")
    reason: Line = Field(title="reason for the override")


class Offense(Section):
    type: OffenseType = Field(title="type of record", description="arrest, conviction or juvenile_adjudication")
    code_section: Line = Field(title="code section", description='For example "PC 647(b)".')
    level: Level = Field(title="level", description="felony, misdemeanor or infraction")
    description: Line = Field(title="description of the offense")
    date: ApproxPastDate = Field(
        title="date of the offense or arrest",
        description="The record's date; when only the month or year is known: June 2016, 06/2016 or 2016 "
        "(the papers then say \"in or about June 2016\", and the rules tell you what that leaves open).",
    )
    county: County = Field(title="county")
    case_number: OptLine = Field(
        default=None, title="case number", description="Required for convictions and juvenile adjudications."
    )
    court: OptLine = Field(default=None, title="court or courthouse", description="e.g. Airport Courthouse")
    arresting_agency: OptLine = Field(default=None, title="arresting agency")
    booking_number: OptLine = Field(default=None, title="booking or arrest number")
    prosecuting_agency: Line = Field(title="prosecuting agency")
    prosecuting_agency_address: OptText = Field(default=None, title="prosecuting agency's address")
    disposition: OptLine = Field(default=None, title="disposition or sentence")
    enhancements: list[Line] = Field(default_factory=list, title="enhancements charged and proved")
    direct_result: Text = Field(
        title="how this offense was a direct result of being trafficked",
        description="In the petitioner's circumstances: who directed it, why they could not refuse.",
    )
    while_a_victim: OptText = Field(
        default=None,
        title="why it was committed while a victim",
        description="Only for an offense dated outside the trafficking period given: why it was still "
        "committed while the petitioner was a victim (the petition states it; left out, the petition "
        "leaves the point for the attorney).",
    )
    override: Optional[Override] = Field(default=None, title="attorney override of the violent-felony screen")

    @model_validator(mode="after")
    def _needs(self) -> "Offense":
        if self.type != "arrest" and not self.case_number:
            raise ValueError(f"a {self.type.replace('_', ' ')} needs its case number")
        if self.type == "arrest" and not self.arresting_agency:
            raise ValueError("an arrest needs the arresting agency")
        return self


class Trafficking(Section):
    began: ApproxPastDate = Field(
        title="when the trafficking began",
        description="About when: a date, or a month or year (June 2016, 06/2016 or 2016).",
    )
    ended: ApproxPastDate = Field(
        title="when the exploitation ended",
        description="About when: a date, or a month or year (February 2020, 02/2020 or 2020).",
    )
    summary: Text = Field(title="what happened (the trafficking)")
    how_it_ended: Text = Field(title="how the exploitation ended")
    services: OptText = Field(default=None, title="services received")
    services_sought: OptApproxPastDate = Field(
        default=None, title="date services were first sought", description="A date, or a month or year."
    )
    evidence: list[Line] = Field(default_factory=list, title="available evidence")
    means: list[Means] = Field(
        default_factory=list,
        title="means the trafficker used",
        description="For any time the petitioner was 18 or older: force, fear, fraud, deceit, coercion, "
        "violence, duress, menace or threat (Pen. Code, § 236.1, subds. (a), (b)).",
    )
    means_facts: OptText = Field(
        default=None,
        title="how the trafficker used them",
        description="In the petitioner's words: what the trafficker did or threatened (needed for offenses "
        "committed at 18 or older).",
    )

    @model_validator(mode="after")
    def _order(self) -> "Trafficking":
        if self.ended.latest < self.began.earliest:
            raise ValueError("the exploitation cannot end before it began; check both dates")
        return self


class Exhibit(Section):
    file: Annotated[str, Field(min_length=1)] = Field(title="exhibit file (PDF)")
    description: Line = Field(title="exhibit description")

    @field_validator("file")
    @classmethod
    def _exists(cls, value: str, info: ValidationInfo) -> str:
        return exhibit_path(value, base_dir=Path((info.context or {}).get("base_dir", ".")))


class CaseHearing(Hearing):
    case: Line = Field(title="case number", description="The petition's case number (an uncharged arrest: its booking number).")


class CourtSettings(Section):
    """What one county's court needs beyond the offenses: consolidation and its hearings."""

    county: County = Field(title="county")
    consolidate: bool = Field(
        default=False,
        title="one petition for all of this court's cases",
        description="One petition over several case files in this court (Pen. Code, § 236.14, subd. (e); "
        "Cal. Stds. Jud. Admin., std. 4.15). Default: one petition per case file.",
    )
    consolidation_agreement: OptText = Field(
        default=None,
        title="the agreement to consolidate",
        description="Who agreed to one petition and when (e.g. the prosecuting agencies' written agreement).",
    )
    hearing: Optional[Hearing] = Field(
        default=None, title="hearing", description="The hearing of this court's petition (one petition, or consolidated)."
    )
    hearings: list[CaseHearing] = Field(
        default_factory=list,
        title="hearings by case",
        description="Each petition's hearing, with its case number (an uncharged arrest: its booking number).",
    )


class VacaturAnswers(Section):
    """Answers for a vacatur petition under Penal Code section 236.14."""

    schema_version: Literal[1] = Field(default=1, title="answers schema version")
    kind: Literal["vacatur", "ab1762"] = Field(title="packet kind")
    petitioner: Petitioner = Field(title="petitioner")
    attorney: Attorney = Field(title="attorney")
    offenses: list[Offense] = Field(min_length=1, title="offenses", description="Every record to vacate.")
    trafficking: Trafficking = Field(title="trafficking facts")
    hearing: Optional[Hearing] = Field(
        default=None,
        title="hearing",
        description="Used only when the answers make one petition; otherwise give each court's under courts.",
    )
    courts: list[CourtSettings] = Field(default_factory=list, title="courts")
    service: Optional[Service] = Field(default=None, title="service on the prosecuting agency")
    proof_of_service: ProofForm = Field(
        default="pleading-paper",
        title="form of the proof of service",
        description="pleading-paper: the proof of service on pleading paper (the default); pos-040: the "
        "Judicial Council's Proof of Service—Civil (form POS-040), for service by mail or personal service, "
        "never electronic service.",
    )
    signing: Signing = Field(title="signing")
    exhibits: list[Exhibit] = Field(default_factory=list, title="exhibits")
    client: Client = Field(default_factory=Client, title="client")

    @model_validator(mode="after")
    def _dates(self) -> "VacaturAnswers":
        dob = self.petitioner.date_of_birth
        for i, offense in enumerate(self.offenses, start=1):
            if offense.date.latest < dob:
                raise ValueError(f"offense {i}'s date is before the petitioner's date of birth")
        if self.trafficking.began.latest < dob:
            raise ValueError("the trafficking cannot begin before the petitioner's date of birth")
        counties = [c.county for c in self.courts]
        twice = sorted({c for c in counties if counties.count(c) > 1})
        if twice:
            raise ValueError(_("courts lists {counties} twice; give each county once").format(counties=", ".join(twice)))
        if self.proof_of_service == "pos-040" and self.service and self.service.method == "electronic":
            raise ValueError(_("proof of service: form POS-040 is not for electronic service (its page 3 says to "
                               "use POS-050); choose pleading-paper, or serve by mail or personal service"))
        return self

    def court(self, county: str) -> CourtSettings:
        return next((c for c in self.courts if c.county == county), CourtSettings(county=county))
