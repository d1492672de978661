"""Rules of a ward's foster-care placement request: the law table of choices, the youth's age
and the warnings the attorney must see (the first-order contrary-to-welfare finding above all).

Pure functions over the answers model and clauses/law/placement_727a.yaml; no templates.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from ...dates import age_on, long_date
from ...i18n import N_, _
from ...errors import TemplateError
from ...lawdata import authority, load_table
from ...resources import register_cache
from .model import PlacementAnswers

FIRST_ORDER_WARNING = N_(
    "The finding that continuance in the home is contrary to the youth's welfare must be in the FIRST "
    "order that removes the youth from the home; if that order lacks it, federal (Title IV-E) foster care "
    "funding for the placement is lost. The proposed order makes the finding: file it so that it is the "
    "first removal order, or check that an earlier removal order made the finding (Cal. Rules of Court, "
    "rule 5.790)."
)


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Data):
    id: str
    label: str = ""
    finding: str = ""
    authority: str = ""
    warning: str = ""


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


@register_cache
@lru_cache(maxsize=1)
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
    return out
