"""The answers of a protective-order packet against an exploiter. The answers-file contract: keep
these names. `route` picks the court and the papers (clauses/law/protective_orders.yaml):
juvenile (Welf. & Inst. Code, § 213.5), dvro (Fam. Code, § 6200 et seq.) or civil-harassment
(Code Civ. Proc., § 527.6)."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ...dates import age_on
from ...fields import (
    Address,
    Attorney,
    Client,
    County,
    Declarant,
    Email,
    Hearing,
    Line,
    OptDate,
    OptLine,
    OptPastDate,
    OptText,
    PastDate,
    Section,
    Signing,
    Text,
)
from ...i18n import _
from ...text import initials
from .law import protective_order_law

RouteId = Literal["juvenile", "dvro", "civil-harassment"]
Sex = Literal["female", "male", "nonbinary"]
YesNoUnknown = Literal["yes", "no", "unknown"]  # "unknown": the person was asked and does not know
YesNo = Literal["yes", "no"]
# A yes/no the answers leave out is None: the form's item stays blank for the attorney, never "No"
# and never "I don't know" (a sworn answer is never a default).
Place = Literal["home", "school", "work", "vehicle", "childcare", "others"]
DvRelationship = Literal[
    "dating", "engaged", "lived_together", "children_together", "married", "formerly_married", "related"
]


class Guardian(Section):
    name: Line = Field(title="guardian's name")
    relationship: Line = Field(title="guardian's relationship to the protected person", description="e.g. mother")


class Protected(Section):
    name: Line = Field(title="protected person's full legal name")
    initials: OptLine = Field(
        default=None, title="initials", description="Used for a minor outside juvenile court; derived when left out."
    )
    date_of_birth: PastDate = Field(title="protected person's date of birth")
    sex: Optional[Sex] = Field(default=None, title="protected person's sex", description="female, male or nonbinary")
    race: OptLine = Field(default=None, title="protected person's race or ethnicity")
    phone: OptLine = Field(default=None, title="protected person's telephone")
    email: Email = Field(default=None, title="protected person's email")
    mailing_address: Optional[Address] = Field(
        default=None,
        title="safe mailing address",
        description="Where the protected person can get court papers; it need not be a home address.",
    )
    speaks_english: bool = Field(default=True, title="the protected person speaks English")
    language: OptLine = Field(default=None, title="protected person's language", description="When not English.")
    guardian: Optional[Guardian] = Field(
        default=None, title="guardian ad litem", description="The adult who asks for a minor, where one is needed."
    )

    @property
    def public_initials(self) -> str:
        return self.initials or initials(self.name)


class Vehicle(Section):
    type: OptLine = Field(default=None, title="vehicle type", description="e.g. sedan")
    model: OptLine = Field(default=None, title="vehicle make and model")
    year: OptLine = Field(default=None, title="vehicle year")
    plate: OptLine = Field(default=None, title="license plate")


class Firearm(Section):
    description: Line = Field(title="firearm", description="e.g. handgun")
    amount: OptLine = Field(default=None, title="how many")
    location: OptLine = Field(default=None, title="where it is kept")


class Restrained(Section):
    name: Line = Field(title="restrained person's full name")
    other_names: OptLine = Field(default=None, title="other names used", description="Aliases, street names.")
    date_of_birth: OptPastDate = Field(default=None, title="restrained person's date of birth")
    age: OptLine = Field(default=None, title="restrained person's age", description="When the birth date is unknown: e.g. about 25.")
    sex: Optional[Sex] = Field(default=None, title="restrained person's sex", description="female, male or nonbinary")
    race: OptLine = Field(default=None, title="restrained person's race or ethnicity")
    height: OptLine = Field(default=None, title="height")
    weight: OptLine = Field(default=None, title="weight")
    hair: OptLine = Field(default=None, title="hair color")
    eyes: OptLine = Field(default=None, title="eye color")
    marks: OptLine = Field(default=None, title="marks, scars or tattoos")
    phone: OptLine = Field(default=None, title="restrained person's telephone")
    address: Optional[Address] = Field(default=None, title="restrained person's address", description="For service.")
    employer: OptLine = Field(default=None, title="employer")
    drivers_license: OptLine = Field(default=None, title="driver's license number and state")
    vehicle: Optional[Vehicle] = Field(default=None, title="vehicle")
    relationship: Line = Field(
        title="how the protected person knows them", description="e.g. former boyfriend who sold her for sex"
    )
    interpreter: Optional[YesNoUnknown] = Field(
        default=None, title="needs an interpreter", description="yes, no or unknown (don't know); leave out if not asked"
    )
    language: OptLine = Field(default=None, title="restrained person's language")
    firearms: Optional[YesNoUnknown] = Field(
        default=None, title="has firearms", description="yes, no or unknown (don't know); leave out if not asked"
    )
    firearms_list: list[Firearm] = Field(default_factory=list, title="firearms known")


class OtherPerson(Section):
    name: Line = Field(title="other protected person's full name")
    date_of_birth: OptPastDate = Field(default=None, title="date of birth")
    relationship: Line = Field(title="relationship to the protected person", description="e.g. younger sister, caregiver")
    lives_with_protected: bool = Field(default=False, title="lives with the protected person")
    sex: Optional[Sex] = Field(default=None, title="sex", description="female, male or nonbinary")
    race: OptLine = Field(default=None, title="race or ethnicity")


class Incident(Section):
    """One time the restrained person abused, threatened or harassed the protected person."""

    date: PastDate = Field(title="date it happened")
    details: Text = Field(title="what happened", description="In the words of the person who knows it.")
    source: OptLine = Field(
        default=None, title="how the declarant knows it", description="Leave out when the declarant saw or lived it."
    )
    witnesses: Optional[YesNoUnknown] = Field(
        default=None, title="anyone else saw or heard it", description="yes, no or unknown (don't know)"
    )
    witness_names: OptLine = Field(default=None, title="who saw or heard it")
    weapon_used: Optional[YesNo] = Field(
        default=None, title="a weapon was used or threatened", description="yes or no; leave out if not asked"
    )
    weapon: OptText = Field(default=None, title="weapon used or threatened", description="Which weapon, and how.")
    harm: Optional[YesNo] = Field(
        default=None, title="it caused emotional or physical harm",
        description="yes or no, as the person who lived it says; leave out if not asked",
    )
    injuries: OptText = Field(default=None, title="injuries or harm", description="The harm, in words.")
    police: Optional[YesNoUnknown] = Field(default=None, title="police came", description="yes, no or unknown (don't know)")
    emergency_order: Optional[YesNoUnknown] = Field(
        default=None, title="an emergency protective order was given",
        description="yes, no or unknown (don't know); asked only when the police came",
    )
    how_often: Optional[Literal["once", "2-5", "weekly", "other"]] = Field(
        default=None, title="how often it happened", description="once, 2-5, weekly or other"
    )
    how_often_other: OptLine = Field(default=None, title="how often (other)")
    other_dates: OptText = Field(default=None, title="other dates it happened")


    @model_validator(mode="after")
    def _consistent(self) -> "Incident":
        if self.weapon_used == "no" and self.weapon:
            raise ValueError(_("weapon_used is 'no' but a weapon is described (weapon): correct one of them"))
        if self.harm == "no" and self.injuries:
            raise ValueError(_("harm is 'no' but injuries or harm are described (injuries): correct one of them"))
        if self.emergency_order is not None and self.police != "yes":
            raise ValueError(_("an emergency protective order is answered but the police did not come (police is "
                               "not 'yes'): leave emergency_order out, or correct police"))
        return self


class StayAway(Section):
    yards: int = Field(default=100, ge=1, le=1000, title="stay-away distance in yards")
    places: list[Place] = Field(
        default_factory=lambda: list[Place](["home", "school"]),
        title="places to stay away from",
        description="home, school, work, vehicle, childcare, others (the other protected people)",
    )
    other_places: list[Line] = Field(default_factory=list, title="other places to stay away from")


class MoveOut(Section):
    address: Line = Field(title="home the restrained person must move out of")
    right_to_live_there: Text = Field(
        title="why the protected person may live there", description="e.g. lives there with her mother, who rents it"
    )


class PropertyControl(Section):
    items: Text = Field(title="property the protected person should control",
                        description="e.g. her ID card, phone and the money she earned")
    why: OptText = Field(default=None, title="why", description="e.g. he took her ID so she could not leave")


class Orders(Section):
    personal_conduct: bool = Field(
        default=True, title="no abuse", description="Not to harass, attack, threaten, stalk or sexually assault."
    )
    no_contact: bool = Field(default=True, title="no contact", description="Directly, through others or online.")
    stay_away: Optional[StayAway] = Field(
        default=None, title="stay away", description="Leave out for no stay-away order."
    )
    firearms: bool = Field(default=True, title="no firearms", description="Not to own or have firearms or ammunition.")
    move_out: Optional[MoveOut] = Field(default=None, title="move out", description="Juvenile and DVRO routes only.")
    property_control: Optional[PropertyControl] = Field(
        default=None, title="control of property",
        description="DVRO route (DV-100 item 17): e.g. when the restrained person took her ID or phone.",
    )
    record_communications: bool = Field(
        default=False, title="record communications",
        description="DVRO route (DV-100 item 19): the right to record what the restrained person says to her "
                    "in violation of the orders, e.g. when he calls or texts.",
    )
    other: OptText = Field(default=None, title="other orders")


class TemporaryOrder(Section):
    requested: bool = Field(default=True, title="a temporary order is asked for")
    why_now: OptText = Field(
        default=None, title="why orders are needed before the hearing", description="The immediate danger."
    )
    date: OptPastDate = Field(
        default=None,
        title="date the temporary order was granted or denied",
        description="If the court has acted; the hearing window is counted from it.",
    )
    good_cause_25_days: OptText = Field(
        default=None, title="good cause for a hearing up to 25 days out", description="Leave out for 21 days."
    )


class PriorOrder(Section):
    kind: Line = Field(title="kind of order", description="e.g. criminal protective order (Pen. Code, § 136.2)")
    date: OptPastDate = Field(default=None, title="date of the order")
    expires: OptDate = Field(default=None, title="date it ends")
    case_number: OptLine = Field(default=None, title="case number")
    county: OptLine = Field(default=None, title="county")


class OtherCase(Section):
    kind: Literal["criminal", "juvenile", "custody", "divorce", "guardianship", "civil", "other"] = Field(
        title="kind of case", description="criminal, juvenile, custody, divorce, guardianship, civil or other"
    )
    case_number: OptLine = Field(default=None, title="case number")
    county: OptLine = Field(default=None, title="county")


class Case(Section):
    county: County = Field(title="county")
    number: OptLine = Field(default=None, title="case number", description="Leave out for a new case.")
    courthouse: OptText = Field(
        default=None, title="courthouse name and street address", description="For the official forms' caption."
    )
    petition: Optional[Literal["300", "601", "602"]] = Field(
        default=None,
        title="juvenile petition",
        description="Juvenile route: the section of the petition filed (300, 601 or 602).",
    )


class Server(Section):
    name: Line = Field(title="name of the person who will serve")
    address: Optional[Address] = Field(default=None, title="server's address")
    phone: OptLine = Field(default=None, title="server's telephone")


class ProtectiveOrderAnswers(Section):
    """Answers for a protective order against an exploiter: a juvenile restraining order
    (Welf. & Inst. Code, § 213.5), a domestic violence restraining order (Fam. Code, § 6200 et
    seq.) or a civil harassment restraining order (Code Civ. Proc., § 527.6)."""

    schema_version: Literal[1] = Field(default=1, title="answers schema version")
    kind: Literal["protective-order"] = Field(title="packet kind")
    route: RouteId = Field(title="route", description="juvenile, dvro or civil-harassment")
    case: Case = Field(title="case")
    protected: Protected = Field(title="person to be protected")
    restrained: Restrained = Field(title="person to be restrained")
    dv_relationship: list[DvRelationship] = Field(
        default_factory=list,
        validate_default=True,
        title="relationship under the Domestic Violence Prevention Act",
        description="dvro route: dating, engaged, lived_together, children_together, married, formerly_married, related",
    )
    living_together_now: bool = Field(default=False, title="they live together now")
    others: list[OtherPerson] = Field(default_factory=list, title="other people to protect")
    others_why: OptText = Field(default=None, title="why the other people need protection")
    incidents: list[Incident] = Field(min_length=1, title="what happened", description="Most recent first.")
    more_abuse: OptText = Field(default=None, title="other abuse, in words")
    orders: Orders = Field(default_factory=Orders, title="orders asked for")
    length_years: Optional[int] = Field(
        default=None, ge=1, title="years the order after hearing should last", description="Up to the route's maximum."
    )
    temporary_order: TemporaryOrder = Field(default_factory=TemporaryOrder, title="temporary order")
    prior_orders: list[PriorOrder] = Field(default_factory=list, title="other restraining orders")
    other_cases: list[OtherCase] = Field(default_factory=list, title="other court cases")
    attorney: Optional[Attorney] = Field(
        default=None, title="attorney for the protected person",
        description="Leave out when the protected person has no lawyer (domestic violence and civil harassment "
                    "routes): her own safe mailing address, telephone and email are then printed on the papers "
                    "the restrained person receives.",
    )
    declarant: Optional[Declarant] = Field(
        default=None,
        title="declarant",
        description="Who signs the declaration when it is not the protected person (e.g. the social worker).",
    )
    hearing: Optional[Hearing] = Field(default=None, title="hearing")
    server: Optional[Server] = Field(default=None, title="person who will serve the papers")
    signing: Signing = Field(title="signing")
    client: Client = Field(default_factory=Client, title="client (the protected person)",
                           description="For the letter to the client.")

    def as_of(self, today: dt.date) -> dt.date:
        """The day the papers speak from: the signing date when given, else today."""
        return self.signing.date or today

    def protected_is_minor(self, today: dt.date) -> bool:
        """Under 18 on the day the papers speak from (as the planner counts it)."""
        return age_on(self.protected.date_of_birth, self.as_of(today)) < 18

    # Checks against the route: on the field they concern, so an error names the answer to fix.
    @field_validator("case")
    @classmethod
    def _case_fits_route(cls, case: Case, info: ValidationInfo) -> Case:
        route = info.data.get("route")
        if route == "juvenile":
            if case.petition is None:
                raise ValueError("the juvenile route needs the section of the petition filed (case.petition: 300, "
                                 "601 or 602); a juvenile restraining order is available only once one is filed")
            if not case.number:
                raise ValueError("the juvenile route needs the juvenile case number (case.number)")
        elif route is not None and case.petition is not None:
            raise ValueError(_("case.petition is for the juvenile route only (this packet is {route})").format(
                route=route))
        return case

    @field_validator("dv_relationship")
    @classmethod
    def _dv_needs_relationship(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("route") == "dvro" and not value:
            raise ValueError("the dvro route needs the relationship: a domestic violence restraining order is "
                             "available only for a relationship the act covers (e.g. dating); otherwise use "
                             "route civil-harassment")
        return value

    @field_validator("orders")
    @classmethod
    def _orders_fit_route(cls, orders: Orders, info: ValidationInfo) -> Orders:
        route_id = info.data.get("route")
        if route_id is not None and orders.move_out is not None:
            route = protective_order_law().route(route_id)
            if not route.move_out:
                raise ValueError(_("the {route} route has no move-out order; leave orders.move_out out").format(
                    route=route_id))
        return orders

    @field_validator("orders")
    @classmethod
    def _dv_only_orders(cls, orders: Orders, info: ValidationInfo) -> Orders:
        route_id = info.data.get("route")
        if route_id is not None and route_id != "dvro":
            if orders.property_control is not None:
                raise ValueError(_("control of property (orders.property_control) is a domestic violence "
                                   "order (DV-100 item 17): the {route} route has none").format(route=route_id))
            if orders.record_communications:
                raise ValueError(_("recording communications (orders.record_communications) is a domestic "
                                   "violence order (DV-100 item 19): the {route} route has none").format(
                    route=route_id))
        return orders

    @field_validator("length_years")
    @classmethod
    def _length_within_maximum(cls, years: Optional[int], info: ValidationInfo) -> Optional[int]:
        route_id = info.data.get("route")
        if years is not None and route_id is not None:
            route = protective_order_law().route(route_id)
            if years > route.max_years:
                raise ValueError(_("is {years} years: on the {route} route an order after hearing lasts no more "
                                   "than {most} years").format(years=years, route=route_id, most=route.max_years))
        return years

    @model_validator(mode="after")
    def _consistent(self) -> "ProtectiveOrderAnswers":
        if self.attorney is None and self.route == "juvenile":
            raise ValueError(_("the {route} papers are on pleading paper, filed by a lawyer: give the attorney "
                               "(attorney); without a lawyer, the official forms of the domestic violence or "
                               "civil harassment route are filled").format(route=self.route))
        if self.attorney is None and self.declarant is not None:
            raise ValueError(_("someone other than the protected person declares (declarant): that declaration "
                               "is on pleading paper, filed by a lawyer; give the attorney (attorney), or leave "
                               "the declarant out so the protected person's own account goes on the form"))
        if self.attorney is None and self.protected.mailing_address is None:
            raise ValueError(_("without a lawyer the court and the restrained person need an address for the "
                               "protected person's papers: give a safe mailing address (protected.mailing_address), "
                               "which need not be a home"))
        if self.temporary_order.requested and not self.temporary_order.why_now:
            raise ValueError("a temporary order is asked for, so say why orders are needed before the hearing "
                             "(temporary_order.why_now)")
        if self.restrained.firearms != "yes" and self.restrained.firearms_list:
            raise ValueError("firearms are listed (restrained.firearms_list) but restrained.firearms is not 'yes'")
        return self
