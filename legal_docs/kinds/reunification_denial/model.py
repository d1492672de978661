"""The answers of a request to deny reunification services to a parent who knowingly
participated in or permitted the child's sexual exploitation (AB 1702; Welf. & Inst. Code,
§ 361.5(b) and (c)). The answers-file contract: keep these names."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from ...fields import (
    ApproxPastDate,
    Attorney,
    Client,
    County,
    Declarant,
    Hearing,
    Line,
    Minor,
    OptApproxPastDate,
    OptLine,
    OptPastDate,
    OptText,
    ListService,
    PastDate,
    Record,
    Section,
    ServiceListEntry,
    ShortName,
    Signing,
    SourcedFact,
    Text,
    check_record_numbers,
)

FilerRole = Literal["minors_counsel", "county_counsel"]
Participation = Literal["participated", "permitted", "participated_and_permitted"]
# Who a parent is in law: services under § 361.5(a) go to mothers, statutorily presumed fathers and
# guardians; an alleged (or only biological) father is not entitled to them.
ParentStatus = Literal["mother", "presumed_father", "alleged_father", "biological_father", "legal_guardian"]
ENTITLED = ("mother", "presumed_father", "legal_guardian")


class Agency(Section):
    name: Line = Field(
        title="child welfare agency's full name",
        description="e.g. Los Angeles County Department of Children and Family Services (never 'the Department')",
    )
    short_name: ShortName = Field(
        title="agency's short name", description="How the papers name the agency, e.g. DCFS (at most 25 characters)."
    )


class Dependency(Section):
    petition_filed: PastDate = Field(title="date the section 300 petition was filed")
    counts: list[Line] = Field(
        min_length=1,
        title="section 300 counts",
        description='The subdivisions of Welf. & Inst. Code § 300 alleged or sustained, e.g. "300(b)(2)".',
    )
    sustained_on: OptPastDate = Field(
        default=None,
        title="date the petition was sustained",
        description="Leave out when jurisdiction is to be decided at the same hearing as disposition.",
    )
    detained_on: PastDate = Field(title="date the child was detained from the parents")
    removed_on: OptPastDate = Field(
        default=None,
        title="date of the order removing the child",
        description="When a dispositional order already removed the child; leave out when removal is asked at this hearing.",
    )
    placement: OptLine = Field(default=None, title="where the child lives now", description="e.g. a resource family home")

    @model_validator(mode="after")
    def _order(self) -> "Dependency":
        if self.sustained_on and self.sustained_on < self.petition_filed:
            raise ValueError("the petition cannot be sustained before it was filed; check both dates")
        if self.removed_on and self.removed_on < self.detained_on:
            raise ValueError("the removal order cannot come before the detention; check both dates")
        return self


class Exploitation(Section):
    began: ApproxPastDate = Field(
        title="when the exploitation began",
        description="About when: a date, or a month or year when that is all that is known (June 2019, 06/2019 "
        "or 2019); the papers then say \"from about June 2019\".",
    )
    ended: OptApproxPastDate = Field(
        default=None,
        title="when the exploitation ended",
        description="About when: a date, or a month or year (February 2020, 02/2020 or 2020). Leave out when it "
        "has not ended or is not known.",
    )
    facts: list[SourcedFact] = Field(
        min_length=1, title="facts of the exploitation", description="What happened to the child, each with its source."
    )

    @model_validator(mode="after")
    def _order(self) -> "Exploitation":
        # a month or year is compared by the days it may be: refused only when no day of the end
        # can be on or after any day of the beginning (June 2019 to June 2019 may be)
        if self.ended and self.ended.latest < self.began.earliest:
            raise ValueError("the exploitation cannot end before it began; check both dates")
        return self


class Coercion(Section):
    claim: Text = Field(title="what the parent claims", description="The parent's claim of having been coerced.")
    response: list[SourcedFact] = Field(
        min_length=1,
        title="evidence against the coercion claim",
        description="Facts showing the parent was not coerced, each with its source.",
    )


class Parent(Section):
    name: Line = Field(title="parent's full name")
    relationship: Line = Field(title="relationship to the child", description="mother, father, legal guardian ...")
    refer_as: OptLine = Field(
        default=None,
        title="how the papers name the parent",
        description='Defaults to the relationship, capitalised ("Mother").',
    )
    status: Optional[ParentStatus] = Field(
        default=None,
        title="the parent's legal status",
        description="mother, presumed_father, alleged_father, biological_father or legal_guardian",
    )
    participation: Participation = Field(
        title="participation or permission",
        description="participated, permitted, or participated_and_permitted",
    )
    facts: list[SourcedFact] = Field(
        min_length=1,
        title="facts of participation or permission",
        description="Each with its date and source.",
    )
    coercion: Optional[Coercion] = Field(
        default=None, title="the parent's coercion claim", description="Leave out when the parent claims none."
    )

    @model_validator(mode="after")
    def _dated(self) -> "Parent":
        for i, fact in enumerate(self.facts, start=1):
            if fact.date is None:
                raise ValueError(f"fact {i} of participation or permission needs its date")
        return self

    @property
    def label(self) -> str:
        return self.refer_as or self.relationship[:1].upper() + self.relationship[1:]


class OtherParent(Section):
    """A parent the request does not concern: whether that parent is entitled to services decides
    whether the Court sets a § 366.26 hearing (it does only when no parent receives services)."""

    name: Line = Field(title="parent's full name")
    relationship: Line = Field(title="relationship to the child", description="father, mother ...")
    status: ParentStatus = Field(
        title="the parent's legal status",
        description="mother, presumed_father, alleged_father, biological_father or legal_guardian",
    )

    @property
    def entitled(self) -> bool:
        return self.status in ENTITLED


class BestInterest(Section):
    facts: list[SourcedFact] = Field(
        min_length=1,
        title="best-interest facts",
        description="Why reunification with the parent would not serve the child, each with its source.",
    )
    child_wishes: OptText = Field(default=None, title="the child's wishes", description="If the child has stated them.")


class ReunificationAnswers(Section):
    """Answers for denying reunification services under Welf. & Inst. Code § 361.5(b)
    (knowing participation in or permission of the child's sexual exploitation)."""

    schema_version: Literal[1] = Field(default=1, title="answers schema version")
    kind: Literal["reunification-denial", "ab1702"] = Field(title="packet kind")
    child: Minor = Field(title="child", description="Shown by initials in every paper.")
    case_number: Line = Field(title="juvenile case number")
    county: County = Field(title="county")
    agency: Agency = Field(title="child welfare agency")
    filer_role: FilerRole = Field(
        title="who files", description="minors_counsel (for the child) or county_counsel (for the agency)"
    )
    attorney: Attorney = Field(title="attorney")
    dependency: Dependency = Field(title="dependency case")
    exploitation: Exploitation = Field(title="the child's sexual exploitation")
    parents: list[Parent] = Field(min_length=1, title="parents", description="Each parent the request concerns.")
    other_parents: list[OtherParent] = Field(
        default_factory=list,
        title="other parents",
        description="Each parent the request does not concern, with the parent's legal status.",
    )
    records: list[Record] = Field(
        default_factory=list,
        title="records",
        description="Reports and records the facts rest on: exhibits, or judicial notice of those in the court file.",
    )
    best_interest: BestInterest = Field(title="best interest of the child")
    declarant: Declarant = Field(title="declarant", description="Who signs the supporting declaration.")
    hearing: Optional[Hearing] = Field(default=None, title="hearing")
    service: Optional[ListService] = Field(default=None, title="service")
    served_on: list[ServiceListEntry] = Field(default_factory=list, title="persons served")
    signing: Signing = Field(title="signing")
    client: Client = Field(
        default_factory=Client,
        title="client (the child)",
        description="For the letter to the child, made only when the filer is minor's counsel.",
    )

    @model_validator(mode="after")
    def _dates(self) -> "ReunificationAnswers":
        dob = self.child.date_of_birth
        if self.exploitation.began.latest < dob:
            raise ValueError("the exploitation cannot begin before the child's date of birth")
        if self.dependency.petition_filed < dob:
            raise ValueError("the petition cannot be filed before the child's date of birth")
        check_record_numbers(self.all_facts(), self.records)
        return self

    def all_facts(self) -> list[SourcedFact]:
        out = list(self.exploitation.facts) + list(self.best_interest.facts)
        for p in self.parents:
            out += p.facts + (p.coercion.response if p.coercion else [])
        return out
