"""What the protective-order planner hands the official forms: one typed model per answers mapping.

Every field map (form_templates/forms/*.yaml) names the model it reads (``answers: protective-order``)
and each ``answer:`` path in it is checked against that model when the maps load and by
``legal-docs templates check``: a misspelled path is an error naming the map, the line and the path,
never a blank box on a court form. The planner builds these models (``extra="forbid"``: a key the
model does not have is a bug caught where it is written) and the filler reads their dump.

Text is "" when the answers do not say it (the box stays blank for the attorney); a yes/no item is
"yes", "no", "unknown" or None (not answered: no box ticked, never a default "No"). Some fields are the forms' items the
answers do not ask yet (animals, debts, support...): they stay at their defaults, so those boxes are
never filled, and the map keeps the field's name for the day the interview asks.
"""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

YesNo = Optional[Literal["yes", "no", "unknown"]]  # None: not answered (no box ticked)
Sex = Optional[Literal["female", "male", "nonbinary"]]


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Court(Part):
    address_block: str = ""  # county, then the courthouse (the form prints "County of" above)


class Case(Part):
    number: str = ""


class Protected(Part):
    name: str = ""
    age: str = ""
    dob: str = ""  # MM/DD/YYYY, as every date on the forms
    sex: Sex = None
    race: str = ""
    address: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    phone: str = ""
    email: str = ""
    fax: str = ""
    speaks_english: YesNo = None
    language: str = ""


class PapersContact(Part):
    """Where the person asking gets court papers, on the forms the other side receives: counsel's
    when there is counsel, else the client's own (safe) address."""

    address: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""


class Lawyer(Part):
    name: str = ""
    bar_number: str = ""
    firm: str = ""
    signed_date: str = ""


class Vehicle(Part):
    type: str = ""
    model: str = ""
    year: str = ""
    plate: str = ""


class Restrained(Part):
    name: str = ""
    other_names: str = ""
    age: str = ""
    dob: str = ""
    sex: Sex = None
    race: str = ""
    height: str = ""
    weight: str = ""
    hair: str = ""
    eyes: str = ""
    marks: str = ""
    phone: str = ""
    drivers_license: str = ""
    ssn: str = ""  # never asked: the tool does not collect it
    employer: str = ""
    vehicle: Optional[Vehicle] = None
    relationship: str = ""
    address: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    speaks_english: YesNo = None
    language: str = ""
    firearms: YesNo = None
    firearms_details: str = ""


class Relationship(Part):
    """DV-100 item 3's boxes (Fam. Code, § 6211)."""

    dating: bool = False
    engaged: bool = False
    lived_together: bool = False
    children_together: bool = False
    married: bool = False
    formerly_married: bool = False
    related: bool = False
    live_together_now: YesNo = None
    children_names: str = ""


class PriorOrder(Part):
    date: str = ""
    expires: str = ""


class OtherOrders(Part):
    exist: YesNo = None
    orders: list[PriorOrder] = Field(default_factory=list)


# A kind of other case: True (box ticked, nothing to write on its line) or the line's words.
CaseLine = Union[bool, str]


class OtherCases(Part):
    exist: YesNo = None
    criminal: CaseLine = False
    juvenile: CaseLine = False
    custody: CaseLine = False
    divorce: CaseLine = False
    guardianship: CaseLine = False
    other: CaseLine = False


class Incident(Part):
    date: str = ""
    dates: str = ""
    details: str = ""
    # the details with how often it happened and on which other dates, for a form with no item for
    # them (CH-100 item 7a(3): "How did the person in 2 harass you?")
    details_with_frequency: str = ""
    frequency: Optional[Literal["once", "2-5", "weekly", "other"]] = None
    frequency_other: str = ""
    witnesses: YesNo = None
    witness_names: str = ""
    weapon: YesNo = None
    weapon_description: str = ""
    harm: YesNo = None
    harm_description: str = ""
    police: YesNo = None
    epo: YesNo = None
    epo_protects: Literal["you", "them", ""] = ""


class Abuse(Part):
    incidents: list[Incident] = Field(default_factory=list)
    more: str = ""
    more_space: bool = False
    # DV-100's "need more space to describe the abuse" box: DV-101 is filed with it
    dv101: bool = False
    # CH-100 item 7b: the incidents after the first (the most recent) in words, and "yes" when there
    # are any (None otherwise: the answers not listing more is not a sworn "No")
    prior: str = ""
    prior_exist: YesNo = None


class TemporaryOrder(Part):
    requested: bool = False


class OtherPerson(Part):
    name: str = ""
    age: str = ""
    dob: str = ""
    sex: Sex = None
    sex_letter: str = ""  # F, M or X (nonbinary), for a gender column two letters wide
    race: str = ""
    relationship: str = ""
    lives_with_you: YesNo = None


class Firearm(Part):
    description: str = ""
    amount: str = ""
    location: str = ""


class Animal(Part):
    name: str = ""
    type: str = ""
    breed: str = ""
    color: str = ""


class Debt(Part):
    pay_to: str = ""
    purpose: str = ""
    amount: str = ""
    due_date: str = ""
    from_abuse: bool = False


class Expense(Part):
    pay_to: str = ""
    purpose: str = ""
    amount: str = ""


class WirelessNumber(Part):
    number: str = ""
    whose: Literal["mine", "child", ""] = ""


class StayAway(Part):
    requested: bool = False
    me: bool = False
    home: bool = False
    school: bool = False
    work: bool = False
    vehicle: bool = False
    childrens_school: bool = False
    others: bool = False
    other_place: str = ""
    yards: Optional[int] = None
    other_yards: str = ""
    live_near: Literal["together", "same_building", "same_neighborhood", "other", "no", ""] = ""
    live_near_yes: bool = False
    live_near_other: str = ""
    work_or_school_near: YesNo = None
    same_workplace: bool = False
    same_school: bool = False


class MoveOut(Part):
    address: str = ""
    own_home: bool = False
    on_lease: bool = False
    with_children: bool = False
    pay_rent: bool = False
    years: str = ""
    months: str = ""


class AnimalOrders(Part):
    stay_away: bool = False
    yards: Optional[int] = None
    other_yards: str = ""
    no_harm: bool = False
    sole_possession: bool = False
    because_abused: bool = False
    because_i_care: bool = False
    because_purchased: bool = False
    because_other: str = ""
    because_other_line2: str = ""


class DebtOrders(Part):
    finding: YesNo = None
    know_how: YesNo = None
    how: str = ""
    why: str = ""


class PropertyControl(Part):
    items: str = ""
    why: str = ""


class Orders(Part):
    no_abuse: bool = False
    no_contact: bool = False
    stay_away: Optional[StayAway] = None
    move_out: Optional[MoveOut] = None
    other: str = ""
    # DV-100 items the answers do not ask yet (never ticked)
    protect_animals: bool = False
    animals: AnimalOrders = Field(default_factory=AnimalOrders)
    child_custody: bool = False
    child_support: bool = False
    spousal_support: bool = False
    property_control: PropertyControl = Field(default_factory=PropertyControl)
    property_restraint: bool = False
    insurance: bool = False
    record_communications: bool = False
    pay_debts: bool = False
    debts: DebtOrders = Field(default_factory=DebtOrders)
    pay_expenses: bool = False
    lawyer_fees: bool = False
    batterer_program: bool = False
    wireless_transfer: bool = False
    more_time_for_service: bool = False


class Hearing(Part):
    date: str = ""
    time: str = ""
    ampm: Optional[Literal["am", "pm"]] = None
    department: str = ""
    room: str = ""
    court_if_different: str = ""


class Signed(Part):
    date: str = ""


class ServiceDocuments(Part):
    dv109_dv100: bool = False
    dv110: bool = False
    dv105_dv140: bool = False
    dv115: bool = False
    dv116: bool = False
    dv130: bool = False
    fl150: bool = False
    fl155: bool = False
    # CH-200 item 4: the civil harassment papers served
    ch100: bool = False
    ch109: bool = False
    ch110: bool = False
    other: str = ""


class Service(Part):
    documents: ServiceDocuments = Field(default_factory=ServiceDocuments)
    date: str = ""
    time: str = ""
    ampm: Optional[Literal["am", "pm"]] = None
    address: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""


class Server(Part):
    name: str = ""
    address: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    phone: str = ""
    registration_county: str = ""
    registration_number: str = ""
    signed_date: str = ""


class MinorRequest(Part):
    """DV-160 item 2: who asks to keep the minor's information confidential."""

    requester_name: str = ""  # the minor's own name when she asks (the person asking in DV-100)
    by_minor: bool = False  # 2b(1) "The minor requesting confidentiality"


class FormAnswers(Part):
    """``facts["form_answers"]["protective-order"]``: what DV-100, DV-101, DV-109, DV-110, DV-160,
    DV-200 and CLETS-001 read."""

    court: Court = Field(default_factory=Court)
    case: Case = Field(default_factory=Case)
    protected: Protected = Field(default_factory=Protected)
    papers_contact: PapersContact = Field(default_factory=PapersContact)
    lawyer: Lawyer = Field(default_factory=Lawyer)
    restrained: Restrained = Field(default_factory=Restrained)
    relationship: Relationship = Field(default_factory=Relationship)
    other_orders: OtherOrders = Field(default_factory=OtherOrders)
    other_cases: OtherCases = Field(default_factory=OtherCases)
    abuse: Abuse = Field(default_factory=Abuse)
    protect_others: YesNo = None
    others: list[OtherPerson] = Field(default_factory=list)
    # the people after the fourth (the forms have four rows), one a line, for the attachment the
    # form's "more persons" box asks for: the row's columns (others_more), CLETS-001's (others_more_clets)
    others_more: str = ""
    others_more_clets: str = ""
    protect_others_why: str = ""
    firearms: list[Firearm] = Field(default_factory=list)
    animals: list[Animal] = Field(default_factory=list)
    debts: list[Debt] = Field(default_factory=list)
    expenses: list[Expense] = Field(default_factory=list)
    wireless_numbers: list[WirelessNumber] = Field(default_factory=list)
    orders: Orders = Field(default_factory=Orders)
    # DV-100 item 32: left empty by the planner; fill_form writes the pages attached (the forms
    # attached to this one, packet.yaml attached_to, plus its own attachment pages)
    attached_pages: str = ""
    # the caption of the attachment pages ("A v. B", "In re A.B."), with case.number
    short_title: str = ""
    signed: Signed = Field(default_factory=Signed)
    hearing: Optional[Hearing] = None
    original_order: bool = False
    service: Service = Field(default_factory=Service)
    server: Optional[Server] = None
    temporary_order: TemporaryOrder = Field(default_factory=TemporaryOrder)
    minor_request: Optional[MinorRequest] = None  # DV-160, only when the protected person is a minor


class HearingWithJudge(Hearing):
    judge: str = ""


class Attended(Part):
    """Who came to the hearing: the court marks it (never filled)."""

    protected: bool = False
    lawyer: bool = False
    restrained: bool = False
    restrained_lawyer: bool = False


class OrderAfterHearing(Part):
    expires: str = ""
    expires_time: str = ""
    expires_ampm: Optional[Literal["am", "pm", "midnight"]] = None
    amended: bool = False
    amended_times: str = ""
    attended: Attended = Field(default_factory=Attended)
    restrained_lawyer_name: str = ""


class DV130Answers(FormAnswers):
    """``facts["form_answers"]["dv-130"]``: the shared answers, the judge, and the order's end."""

    hearing: Optional[HearingWithJudge] = None  # type: ignore[assignment]
    order_after_hearing: Optional[OrderAfterHearing] = None


