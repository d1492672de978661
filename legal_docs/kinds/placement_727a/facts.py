"""The facts the placement planner hands the clause library and packet.yaml (typed: a name the
clauses read that is not here is an error from `legal-docs templates check`)."""

from __future__ import annotations

from typing import Optional

from ...facts import (
    CitedFact,
    ExhibitFacts,
    Facts,
    HearingFacts,
    LetterFacts,
    ListServiceFacts,
    PersonServed,
    RecordFacts,
    SigningFacts,
)


class Youth(Facts):
    name: str  # initials or name as the papers show the youth
    full_name: str  # the confidential attachment only
    date_of_birth: str
    age: int
    turns_18: str
    address: str
    telephone: str


class Case(Facts):
    number: str
    county: str
    ward_since: str
    sustained_offenses: list[str]
    probation_department: str


class Attorney(Facts):
    name: str
    firm: str


class CurrentOrder(Facts):
    date: str
    terms: str


class Placement(Facts):
    type: str
    label: str
    authority: str  # an authorities.yaml id: cite[placement.authority]
    name: str
    why: str


class Removal(Facts):
    finding: str
    finding_sentence: str
    facts: list[CitedFact]


class Efforts(Facts):
    made: bool
    facts: list[CitedFact]


class Parent(Facts):
    name: str
    relationship: str
    address: str


class ExtendedFosterCare(Facts):
    condition: str
    facts: str
    conflict: bool  # the facts typed contradict the condition: the request does not say it is met


class Declarant(Facts):
    name: str
    title: str
    basis: str


class Icwa(Facts):
    result: str
    facts: str


class Letter(LetterFacts):
    placement: str
    parents: str
    turns_18: str


class PlacementFacts(Facts):
    kind: str
    youth: Youth
    case: Case
    attorney_for: str
    attorney: Attorney
    current_order: CurrentOrder
    placement: Placement
    changed_circumstances: list[CitedFact]
    exploitation: list[CitedFact]
    removal: Removal
    efforts: Efforts
    best_interest: str
    parents: list[Parent]
    custodial_parents: str
    parties_agree: str
    parties_agree_note: str
    vacatur_pending: bool
    efc: Optional[ExtendedFosterCare]
    efc_conditions: list[str]
    declarant: Declarant
    hearing: Optional[HearingFacts]
    hearing_lines: list[str]
    review_limit: str
    icwa: Optional[Icwa]
    relative_home: bool
    records: list[RecordFacts]  # the reports the facts rest on, offered instead of recited
    notice_records: list[RecordFacts]  # those in the court file: the request for judicial notice
    exhibits: list[ExhibitFacts]  # those attached to the declaration as PDFs
    service: Optional[ListServiceFacts]  # service_list_context
    served_on: list[PersonServed]
    service_methods: list[str]
    signing: SigningFacts
    lang: str
    letter: Letter
