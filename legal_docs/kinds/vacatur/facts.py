"""The facts the vacatur planner hands the clause library and packet.yaml, one petition at a time
(typed: a name the clauses read that is not here is an error from `legal-docs templates check`)."""

from __future__ import annotations

from typing import Any, Optional

from ...facts import ExhibitFacts, Facts, HearingFacts, LetterFacts, ServiceFacts, SigningFacts


class Petitioner(Facts):
    name: str  # initials or name as the public papers show the petitioner
    by_initials: bool
    other_names: list[str]
    date_of_birth: str
    age_at_start: str  # "16", or "17 or 18" when the trafficking began in a month or year that spans the birthday
    minor_at_start: bool
    turned_18: str
    adult_by_end: bool


class IdentityRecord(Facts):
    case_number: str
    booking_number: str
    date: str
    arresting_agency: str
    code_section: str
    type_label: str


class Identity(Facts):
    """The confidential identity attachment to the order (Pen. Code, § 236.14, subd. (q)): in no public paper."""

    full_name: str
    date_of_birth: str
    cii_number: str
    other_names: list[str]
    records: list[IdentityRecord]


class Offense(Facts):
    """One offense the petition covers, as the papers cite it."""

    index: int
    type: str
    type_label: str
    is_arrest: bool
    is_conviction: bool
    is_juvenile: bool
    code_section: str
    level: str
    age: str  # "17", or "17 or 18" for a date given as a month or year
    minor: bool  # pleaded on § 236.1(c)
    adult: bool  # pleaded on § 236.1(a)/(b)
    age_unclear: bool  # the date given spans the 18th birthday: neither rule, a marked blank
    in_period: bool  # within the trafficking period given
    outside: bool  # outside it
    period_unclear: bool  # approximate dates that cannot tell: neither said, a marked blank
    while_a_victim: str
    description: str
    date: str  # "June 2, 2019", or "June 2019" / "2019" when only that is known
    exact: bool  # a whole date ("on June 2, 2019"), not a month or year ("in June 2019")
    county: str
    case_number: str
    court: str
    arresting_agency: str
    booking_number: str
    prosecuting_agency: str
    disposition: str
    direct_result: str
    override_reason: str
    screen_status: str


class Attorney(Facts):
    name: str
    firm: str
    bar_number: str


class Prosecutor(Facts):
    name: str
    address: str


class Trafficking(Facts):
    began: str
    ended: str
    ended_exact: bool
    summary: str
    how_it_ended: str
    services: str
    services_sought: str
    services_sought_exact: bool
    evidence: list[str]
    means: str
    means_facts: str


class Letter(LetterFacts):
    records: str
    excluded_count: int
    service_date: str
    response_due: str


class VacaturFacts(Facts):
    kind: str
    petitioner: Petitioner
    identity: Identity
    offenses_as_minor: list[Offense]
    offenses_as_adult: list[Offense]
    offenses_age_unclear: list[Offense]
    in_period_offenses: list[Offense]
    outside_period: list[Offense]
    period_unclear: list[Offense]
    consolidated: bool
    file_count: int
    consolidation_agreement: str
    attorney: Attorney
    county: str
    offenses: list[Offense]
    any_juvenile: bool
    any_conviction: bool
    any_arrest: bool
    adult_offenses: list[Offense]
    juvenile_offenses: list[Offense]
    overrides: list[Offense]
    records_phrase: str
    records_title: str
    case_lines: list[str]
    prosecutors: list[Prosecutor]
    prosecutor_names: str
    arresting_agencies: list[str]
    trafficking: Trafficking
    hearing: Optional[HearingFacts]
    hearing_lines: list[str]
    service: Optional[ServiceFacts]
    proof_of_service: str  # "pleading-paper" or "pos-040" (the official Proof of Service—Civil)
    # what the official POS-040's map reads (typed in form_answers.py), when it is the proof of service
    form_answers: dict[str, dict[str, Any]]
    response_due: str
    signing: SigningFacts
    exhibits: list[ExhibitFacts]
    today: str
    lang: str
    letter: Letter
