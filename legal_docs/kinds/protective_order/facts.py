"""The facts the protective-order planner hands the clause library and packet.yaml (typed: a name
the clauses read that is not here is an error from `legal-docs templates check`).

``form_answers`` carries what the official forms' field maps read: typed in form_answers.py
(FormAnswers, DV130Answers, checked against the maps) and held here as the plain mappings the
form filler takes."""

from __future__ import annotations

from typing import Any, Optional

from ...facts import Facts, HearingFacts, LetterFacts, SigningFacts


class Case(Facts):
    number: str
    county: str
    petition: str


class Guardian(Facts):
    name: str
    relationship: str


class Protected(Facts):
    name: str  # initials for a minor, as the court papers show the person
    caption_name: str
    minor: bool
    age: int
    guardian: Optional[Guardian]


class Restrained(Facts):
    name: str
    other_names: str
    relationship: str
    age: str  # from the date of birth, else the age typed, else ""
    description: str
    address: str
    firearms: Optional[str]  # yes | no | unknown, or not said
    firearms_list: list[str]


class Other(Facts):
    """Another person the order protects, as the served papers name them."""

    name: str
    relationship: str
    lives_with: bool
    is_declarant: bool  # the one who signs the declaration (she speaks of herself in the first person)
    named: str  # "J.V., M.V.'s younger brother"


class Incident(Facts):
    date: str
    details: str
    source: str
    weapon: str
    injuries: str
    witnesses: str
    police: str
    often: str
    other_dates: str


class StayAway(Facts):
    yards: int
    places: list[str]


class MoveOut(Facts):
    address: str
    right: str


class Orders(Facts):
    personal_conduct: bool
    no_contact: bool
    stay_away: Optional[StayAway]
    firearms: bool
    move_out: Optional[MoveOut]
    other: str


class Temporary(Facts):
    requested: bool
    why_now: str
    good_cause: str


class Window(Facts):
    """The days within which the hearing must be held (rules.hearing_window)."""

    days: int
    days_words: str
    good_cause_days: int
    good_cause_days_words: str
    latest: str
    latest_good_cause: str


class Length(Facts):
    years: int
    max_years: int
    ends: str
    years_words: str
    max_words: str


class PriorOrder(Facts):
    kind: str
    date: str
    expires: str
    case_number: str
    county: str


class OtherCase(Facts):
    kind: str
    case_number: str
    county: str


class Declarant(Facts):
    is_protected: bool
    name: str
    title: str
    basis: str
    whose: str  # "my" when the protected person declares, else "M.V.'s"
    whom: str


class Attorney(Facts):
    name: str
    firm: str


class Letter(LetterFacts):
    court: str
    restrained: str
    latest: str
    by_hand: list[str]  # the court's forms the lawyer fills in by hand, as the letter names them


class ProtectiveOrderFacts(Facts):
    kind: str
    route: str
    route_label: str
    statute: str
    length_authority: str
    firearms_authority: str
    hearing_authority: str
    case: Case
    protected: Protected
    restrained: Restrained
    others: list[Other]
    others_why: str
    others_named: str
    incidents: list[Incident]
    more_abuse: str
    orders: Orders
    temporary: Temporary
    window: Window
    length: Length
    prior_orders: list[PriorOrder]
    other_cases: list[OtherCase]
    declarant: Declarant
    attorney_for: str
    attorney: Optional[Attorney]
    judge_title: str
    hearing: Optional[HearingFacts]
    hearing_lines: list[str]
    signing: SigningFacts
    lang: str
    letter: Optional[Letter]  # None without a lawyer
    # the official forms' answers by the name a map reads (`answers:`), as plain mappings
    form_answers: dict[str, dict[str, Any]]
