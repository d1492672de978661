"""Rules of a ward's foster-care placement request: the law table of choices, the youth's age
and the warnings the attorney must see (the first-order contrary-to-welfare finding above all).

Pure functions over the answers model and clauses/law/placement_727a.yaml; no templates.
"""

from __future__ import annotations

import datetime as dt
import re

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ...dates import age_on, last_court_day_by, long_date
from ...i18n import N_, _
from ...errors import AnswerWarning, TemplateError
from ...lawdata import authority, load_table
from ...resources import per_resources
from ...plan import record_warnings
from ...service_list import service_list_warnings
from .model import PlacementAnswers

# Quantities a condition's facts may state (clauses/law/placement_727a.yaml says which condition
# reads which): hours of work a week or a month; units (or credits) a term.
_HOURS = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:hours?|hrs?\.?)\s*(?:a|an|per|each|every|/)\s*(week|wk|month|mo)\b", re.I)
_UNITS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:semester\s+|quarter\s+)?(?:units?|credits?|credit hours)\b", re.I)

FIRST_ORDER_WARNING = N_(
    "The finding that continuance in the home is contrary to the youth's welfare must be in the FIRST "
    "order that removes the youth from the home; if that order lacks it, federal (Title IV-E) foster care "
    "funding for the placement is lost. The proposed order makes the finding: file it so that it is the "
    "first removal order, or check that an earlier removal order made the finding (Cal. Rules of Court, "
    "rule 5.790)."
)


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConditionCheck(_Data):
    """What a § 11403 condition's sentence says that the facts typed could contradict."""

    measure: Literal["", "hours_a_month", "units_a_term"] = ""
    at_least: float = 0
    needs_review: bool = False  # the measure's number is not verified (half-time)
    contradicted_by: list[str] = []


class Choice(_Data):
    id: str
    label: str = ""
    finding: str = ""
    authority: str = ""
    warning: str = ""
    check: ConditionCheck = ConditionCheck()


class PlacementLaw(_Data):
    schema_version: int
    last_verified: dt.date
    placements: list[Choice]
    removal_grounds: list[Choice]
    extended_foster_care: list[Choice]

    def placement(self, key: str) -> Choice:
        return _find(self.placements, key)

    def ground(self, key: str) -> Choice:
        return _find(self.removal_grounds, key)

    def condition(self, key: str) -> Choice:
        return _find(self.extended_foster_care, key)


def _find(choices: list[Choice], key: str) -> Choice:
    for choice in choices:
        if choice.id == key:
            return choice
    raise TemplateError(f"placement_727a.yaml has no entry '{key}'")


@per_resources
def placement_law() -> PlacementLaw:
    law = load_table(PlacementLaw, "law/placement_727a.yaml")
    for choice in law.placements:
        authority(choice.authority)  # every placement cites an authority in the table
    return law


def as_of(answers: PlacementAnswers, today: dt.date) -> dt.date:
    """The day the papers speak from: the signing date when given, else today."""
    return answers.signing.date or today


def eighteenth_birthday(born: dt.date) -> dt.date:
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # born on February 29
        return dt.date(born.year + 18, 3, 1)


def monthly_hours(text: str) -> list[float]:
    """Hours of work a month that a sentence states ("10 hours a week" is about 43 a month)."""
    out = []
    for number, unit in _HOURS.findall(text):
        hours = float(number)
        out.append(hours * 52 / 12 if unit.lower().startswith("w") else hours)
    return out


def term_units(text: str) -> list[float]:
    """Units (credits) a sentence states ("enrolled in 4 units this semester")."""
    return [float(n) for n in _UNITS.findall(text)]


MEASURES = {"hours_a_month": monthly_hours, "units_a_term": term_units}
_UNIT_WORDS = {"hours_a_month": N_("hours a month"), "units_a_term": N_("units a term")}


def _says(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(phrase.lower())}(?![a-z])", " ".join(text.lower().split())) is not None


def condition_conflict(answers: PlacementAnswers) -> AnswerWarning | None:
    """Why the facts typed contradict the § 11403 condition chosen (None when they do not): the
    request then does not say the youth meets it. A quantity below the condition's number, or a
    phrase saying the youth does not do it (clauses/law/placement_727a.yaml, `check`)."""
    efc = answers.extended_foster_care
    if efc is None or efc.condition is None or not efc.facts:
        return None
    choice = placement_law().condition(efc.condition)
    check = choice.check
    why = ""
    if check.measure:
        found = MEASURES[check.measure](efc.facts)
        if found and max(found) < check.at_least:
            why = _("the facts typed state about {have} {unit}, fewer than the {need} the condition needs").format(
                have=f"{max(found):g}" if check.measure != "hours_a_month" else round(max(found)),
                unit=_(_UNIT_WORDS[check.measure]), need=f"{check.at_least:g}")
            if check.needs_review:
                why += " " + _("(the number is the common measure, not verified: check the school's own)")
    if not why:
        said = next((p for p in check.contradicted_by if _says(efc.facts, p)), "")
        if said:
            why = _('the facts typed say "{phrase}"').format(phrase=said)
    if not why:
        return None
    return AnswerWarning(
        _("The extended foster care condition chosen is that the youth is {condition}, but {why}: the request "
          "does not say that the youth meets the condition. Correct the condition or the facts.").format(
            condition=choice.label, why=why),
        fields=(("extended_foster_care", "facts"), ("extended_foster_care", "condition")))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def review_limit(answers: PlacementAnswers) -> dt.date | None:
    """The last court day for the status review: six months after the hearing (§ 727.2), rolled back
    past weekends and court holidays. None without a hearing date."""
    if answers.hearing is None or answers.hearing.date is None:
        return None
    return last_court_day_by(add_months(answers.hearing.date, 6))


def warnings(answers: PlacementAnswers, *, today: dt.date) -> list[str]:
    law = placement_law()
    y = answers.youth.public_name
    day = as_of(answers, today)
    out = [_(FIRST_ORDER_WARNING)]
    choice = law.placement(answers.placement.type)
    if choice.warning:
        out.append(choice.warning)
    if answers.reasonable_efforts.status == "not_required":
        out.append(_(
            "The proposed order finds that reasonable efforts to prevent removal were not required: "
            "make sure the facts given support that finding."
        ))
    efc = answers.extended_foster_care
    condition = efc.condition if efc else None
    turns_18 = eighteenth_birthday(answers.youth.date_of_birth)
    if age_on(answers.youth.date_of_birth, day) >= 18:
        out.append(_(
            "{youth} is 18 or older: the placements listed for minors in § 727(a)(4) may not fit; "
            "check the options for a nonminor."
        ).format(youth=y))
    elif condition is None and (answers.vacatur_petition_pending or turns_18 <= day + dt.timedelta(days=366)):
        why = (_("a vacatur petition is pending") if answers.vacatur_petition_pending
               else _("{youth} turns 18 on {day}").format(youth=y, day=long_date(turns_18)))
        out.append(_(
            "No Welf. & Inst. Code § 11403 condition is given although {why}: to stay in foster care "
            "after 18 (AB 12) the youth must meet one; add extended_foster_care.condition."
        ).format(why=why))
    for i, parent in enumerate(answers.parents, start=1):
        if not parent.address:
            out.append(_(
                "No address is given for parent {n} ({relationship}): rule 5.570 asks for each "
                "parent's address; the request says it is unknown."
            ).format(n=i, relationship=parent.relationship))
    if answers.youth.address is None:
        out.append(_(
            "No address is given for {youth}: rule 5.570 asks for it; the confidential attachment leaves it blank."
        ).format(youth=y))
    if answers.parties_agree == "unknown":
        out.append(_("Whether all parties agree is not known: rule 5.570 asks the request to say so."))
    if answers.youth.address is not None:
        street = " ".join(answers.youth.address.street.lower().split())
        for i, parent in enumerate(answers.parents, start=1):
            if parent.address and street in " ".join(parent.address.lower().split()):
                out.append(_(
                    "Parent {n}'s address is the youth's address: the request states the parent's address, which "
                    "shows where {youth} lives although rule 5.570(c) lets the youth's address be kept confidential. "
                    "Consider stating the parent's address in the confidential attachment instead."
                ).format(n=i, youth=y))
    conflict = condition_conflict(answers)
    if conflict is not None:
        out.append(conflict)
    if answers.icwa is None:
        out.append(_(
            "The Indian Child Welfare Act inquiry (§ 224.2) is not described: the proposed order leaves the "
            "finding for the Court to complete."
        ))
    elif answers.icwa.result != "no_reason_to_know":
        out.append(_(
            "The inquiry found reason to believe or to know that {youth} is an Indian child: further inquiry "
            "and notice to the tribe come before a foster care placement. Check what the Act requires."
        ).format(youth=y))
    if answers.placement.type in ("relative", "nrefm") and not answers.placement.name:
        out.append(_(
            "The relative's or family friend's home is not named (placement.name): the order's approval of "
            "the home leaves the name blank."
        ))
    if answers.hearing is None or answers.hearing.date is None:
        out.append(_(
            "No hearing date is given: the notice of hearing and the review date are left blank for the Court's "
            "setting."
        ))
    out += record_warnings(answers.records, answers.all_facts())
    out += service_list_warnings(answers.service, answers.served_on,
                                 required=("parent", "district_attorney", "probation"))
    return out
