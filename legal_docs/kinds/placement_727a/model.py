"""The answers of a ward's request to change a court order (Welf. & Inst. Code, § 778) into a
foster-care placement under § 727(a). The answers-file contract: keep these names. The
choices (placements, § 726(a) grounds, § 11403 conditions) are described in
clauses/law/placement_727a.yaml."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from ...fields import (
    Address,
    Attorney,
    Client,
    County,
    Declarant,
    Hearing,
    Line,
    ListService,
    Minor,
    OptLine,
    OptText,
    PastDate,
    Record,
    Section,
    ServiceListEntry,
    Signing,
    SourcedFact,
    Text,
    check_record_numbers,
)

PlacementType = Literal["relative", "nrefm", "resource_family", "ffa_home", "strtp", "thpp"]
RemovalGround = Literal["parent_failed", "failed_to_reform", "welfare_requires"]
EfcCondition = Literal["school", "college_vocational", "employment", "employment_program", "medical_condition"]


class Youth(Minor):
    address: Optional[Address] = Field(
        default=None,
        title="youth's current address",
        description="Printed only in the confidential attachment (what form JV-182 holds).",
    )
    telephone: OptLine = Field(
        default=None,
        title="youth's telephone",
        description="Printed only in the confidential attachment (rule 5.570(c)).",
    )


IcwaResult = Literal["no_reason_to_know", "reason_to_believe", "reason_to_know"]


class Icwa(Section):
    """The Indian Child Welfare Act inquiry (Welf. & Inst. Code, § 224.2) and what it found."""

    result: IcwaResult = Field(
        title="what the inquiry found",
        description="no_reason_to_know, reason_to_believe or reason_to_know",
    )
    facts: OptText = Field(default=None, title="who was asked and what they said")


class Case(Section):
    number: Line = Field(title="juvenile case number")
    county: County = Field(title="county")
    ward_since: PastDate = Field(title="date the youth was declared a ward")
    sustained_offenses: list[Line] = Field(
        min_length=1,
        title="sustained offenses",
        description='What the wardship rests on, e.g. "PC 459, second degree burglary (misdemeanor)".',
    )
    probation_department: OptLine = Field(
        default=None,
        title="probation department",
        description='Defaults to "<County> County Probation Department".',
    )


class CurrentOrder(Section):
    date: PastDate = Field(title="date of the order to change")
    terms: Text = Field(title="what the order provides now", description="e.g. home on probation with the mother")


class Placement(Section):
    type: PlacementType = Field(
        title="placement requested",
        description="relative, nrefm, resource_family, ffa_home, strtp or thpp (Welf. & Inst. Code, § 727(a)(4))",
    )
    name: OptLine = Field(default=None, title="the home or program", description="If one has been identified.")
    why: Text = Field(
        title="why this placement meets the youth's needs",
        description="Why it is the least restrictive, most family-like setting that meets them (§ 727.1).",
    )


class Removal(Section):
    ground: RemovalGround = Field(
        title="section 726(a) ground",
        description="parent_failed, failed_to_reform or welfare_requires",
    )
    facts: list[SourcedFact] = Field(min_length=1, title="facts supporting the ground")


class ReasonableEfforts(Section):
    status: Literal["made", "not_required"] = Field(
        default="made", title="reasonable efforts", description="made, or not_required"
    )
    facts: list[SourcedFact] = Field(
        min_length=1,
        title="reasonable-efforts facts",
        description="The efforts made to prevent removal, or why none were required.",
    )


class Parent(Section):
    name: Line = Field(title="parent's full name")
    relationship: Line = Field(title="relationship to the youth", description="mother, father, legal guardian ...")
    address: OptText = Field(default=None, title="parent's address", description="Rule 5.570 asks for it.")
    has_custody: bool = Field(
        default=True, title="the youth is in this parent's custody", description="Removal is from these parents."
    )


class ExtendedFosterCare(Section):
    condition: Optional[EfcCondition] = Field(
        default=None,
        title="section 11403 condition",
        description="school, college_vocational, employment, employment_program or medical_condition",
    )
    facts: OptText = Field(default=None, title="facts about the condition")


class PlacementAnswers(Section):
    """Answers for a ward's request to change a court order into foster-care placement
    (Welf. & Inst. Code, §§ 726, 727, 778; Cal. Rules of Court, rule 5.570)."""

    schema_version: Literal[1] = Field(default=1, title="answers schema version")
    kind: Literal["placement-727a"] = Field(title="packet kind")
    youth: Youth = Field(title="youth", description="Shown by initials; the full name only in the confidential attachment.")
    case: Case = Field(title="case")
    attorney: Attorney = Field(title="youth's attorney")
    current_order: CurrentOrder = Field(title="the order to change")
    placement: Placement = Field(title="placement requested")
    changed_circumstances: list[SourcedFact] = Field(
        min_length=1, title="changed circumstances or new evidence", description="Each with its date and source."
    )
    exploitation: list[SourcedFact] = Field(
        min_length=1, title="exploitation facts", description="The youth's sexual exploitation, each with its source."
    )
    records: list[Record] = Field(
        default_factory=list,
        title="records",
        description="Reports and records the facts rest on: exhibits, or judicial notice of those in the court file.",
    )
    removal: Removal = Field(title="removal from the parents' custody")
    reasonable_efforts: ReasonableEfforts = Field(title="reasonable efforts to prevent removal")
    best_interest: Text = Field(title="why the change is in the youth's best interest")
    parents: list[Parent] = Field(min_length=1, title="parents")
    parties_agree: Literal["yes", "no", "unknown"] = Field(
        default="unknown", title="whether all parties agree", description="yes, no or unknown"
    )
    parties_agree_note: OptText = Field(default=None, title="who agrees or objects")
    vacatur_petition_pending: bool = Field(
        default=False,
        title="a vacatur petition is pending",
        description="A petition under Pen. Code § 236.14 to vacate the youth's adjudication is also pending.",
    )
    extended_foster_care: Optional[ExtendedFosterCare] = Field(
        default=None, title="extended foster care (AB 12)"
    )
    icwa: Optional[Icwa] = Field(
        default=None,
        title="Indian Child Welfare Act inquiry",
        description="The § 224.2 inquiry's result; leave out to leave the finding for the Court.",
    )
    declarant: Declarant = Field(title="declarant", description="Who signs the supporting declaration.")
    hearing: Optional[Hearing] = Field(default=None, title="hearing")
    service: Optional[ListService] = Field(default=None, title="service")
    served_on: list[ServiceListEntry] = Field(
        default_factory=list,
        title="persons served",
        description="The parents, the district attorney and probation, each with the method and address.",
    )
    signing: Signing = Field(title="signing")
    client: Client = Field(default_factory=Client, title="client (the youth)", description="For the letter to the youth.")

    @model_validator(mode="after")
    def _consistent(self) -> "PlacementAnswers":
        dob = self.youth.date_of_birth
        if self.case.ward_since < dob:
            raise ValueError("the youth cannot be declared a ward before the youth's date of birth")
        if self.current_order.date < self.case.ward_since:
            raise ValueError("the order to change cannot come before the youth was declared a ward")
        if not any(p.has_custody for p in self.parents):
            raise ValueError("no parent has custody of the youth: removal is from a parent's custody")
        check_record_numbers(self.all_facts(), self.records)
        return self

    def all_facts(self) -> list[SourcedFact]:
        return [*self.changed_circumstances, *self.exploitation, *self.removal.facts, *self.reasonable_efforts.facts]
