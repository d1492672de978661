"""The facts the reunification-denial planner hands the clause library and packet.yaml (typed: a
name the clauses read that is not here is an error from `legal-docs templates check`)."""

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
    SigningFacts,
)
from ...facts import RecordFacts as Record


class Child(Facts):
    name: str  # initials or name as the papers show the child
    date_of_birth: str
    age_at_start: str  # "14", or "13 or 14" when the exploitation's beginning is only a month or year


class Agency(Facts):
    name: str
    short: str


class Movant(Facts):
    """Who asks: the child through counsel, or the agency through county counsel."""

    intro: str
    short: str
    subject: str  # starts a sentence: "The Department ...", never "the Department ..."


class Attorney(Facts):
    name: str
    firm: str


class Dependency(Facts):
    petition_filed: str
    counts: str
    counts_word: str
    exploitation_count: bool
    sustained_on: str
    detained_on: str
    removed_on: str
    placement: str


class Exploitation(Facts):
    began: str  # "September 12, 2025", or "September 2025" / "2025" when that is all the answers know
    ended: str
    facts: list[CitedFact]


class Coercion(Facts):
    claim: str
    response: list[CitedFact]


class Parent(Facts):
    label: str
    name: str
    relationship: str
    status: str
    status_words: str
    not_entitled: bool
    verb: str
    facts: list[CitedFact]
    coercion: Optional[Coercion]


class OtherParent(Facts):
    name: str
    relationship: str
    status: str
    status_words: str
    entitled: bool


class BestInterest(Facts):
    facts: list[CitedFact]
    child_wishes: str


class Declarant(Facts):
    name: str
    title: str
    basis: str


class Letter(LetterFacts):
    parents: str
    parent_count: int
    service_date: str


class ReunificationFacts(Facts):
    kind: str
    child: Child
    case_number: str
    county: str
    agency: Agency
    by_minor: bool
    movant: Movant
    attorney_for: str
    attorney: Attorney
    dependency: Dependency
    exploitation: Exploitation
    parents: list[Parent]
    other_parents: list[OtherParent]
    set_selection_hearing: bool
    selection_hearing_limit: str
    records: list[Record]
    notice_records: list[Record]
    exhibits: list[ExhibitFacts]
    parent_labels: str
    parents_intro: str
    any_coercion_claim: bool
    best_interest: BestInterest
    declarant: Declarant
    hearing: Optional[HearingFacts]
    hearing_lines: list[str]
    service: Optional[ListServiceFacts]  # service_list_context
    served_on: list[PersonServed]
    service_methods: list[str]
    signing: SigningFacts
    lang: str
    letter: Optional[Letter]  # None when county counsel files (the child is not its client)
