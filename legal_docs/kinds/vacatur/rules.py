"""Vacatur rules: eligibility screening, one petition per court, deadlines, warnings.

Pure functions over the answers model: no files, no templates. The output (CourtGroup) is what
the planner turns into documents and what the manifest records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...i18n import _
from ...dates import CourtDeadline, count_days, long_date
from ...lawdata import deadlines
from ...plan import DeadlineNote
from ...screening import Screening, screen_offense
from .model import Offense, VacaturAnswers


@dataclass(frozen=True)
class ScreenedOffense:
    index: int  # 1-based position in the answers file
    offense: Offense
    screening: Screening
    included: bool
    override_reason: str = ""


@dataclass
class CourtGroup:
    county: str
    offenses: list[ScreenedOffense]
    warnings: list[str] = field(default_factory=list)
    deadlines: list[DeadlineNote] = field(default_factory=list)

    @property
    def included(self) -> list[ScreenedOffense]:
        return [o for o in self.offenses if o.included]

    @property
    def excluded(self) -> list[ScreenedOffense]:
        return [o for o in self.offenses if not o.included]


def screen(answers: VacaturAnswers) -> list[ScreenedOffense]:
    out = []
    for i, offense in enumerate(answers.offenses, start=1):
        result = screen_offense(
            code_section=offense.code_section, level=offense.level, enhancements=offense.enhancements
        )
        included = result.status != "excluded"
        reason = ""
        if offense.override is not None and result.status == "excluded":
            included = offense.override.include
            reason = offense.override.reason if included else ""
        out.append(ScreenedOffense(i, offense, result, included, reason))
    return out


def group_by_court(answers: VacaturAnswers) -> list[CourtGroup]:
    """One petition per court: offenses grouped by county, in the order counties first appear."""
    groups: dict[str, CourtGroup] = {}
    for item in screen(answers):
        groups.setdefault(item.offense.county, CourtGroup(item.offense.county, [])).offenses.append(item)
    for group in groups.values():
        group.warnings.extend(_warnings(answers, group))
        group.deadlines.extend(_deadlines(answers))
    return list(groups.values())


def _label(item: ScreenedOffense) -> str:
    o = item.offense
    return _("Offense {n} ({section}, {date})").format(n=item.index, section=o.code_section, date=long_date(o.date))


def _warnings(answers: VacaturAnswers, group: CourtGroup) -> list[str]:
    warns = []
    for item in group.offenses:
        s = item.screening
        if not item.included:
            warns.append(_("{offense} left out of the petition: {reason}.").format(offense=_label(item), reason=s.reason))
        elif item.override_reason:
            warns.append(
                _("{offense} is {reason}, but is included by attorney override: {why}.").format(
                    offense=_label(item), reason=s.reason, why=item.override_reason)
            )
        elif s.status == "check":
            warns.append(_("{offense} kept in the petition, but check it: {reason}.").format(
                offense=_label(item), reason=s.reason))
        o = item.offense
        t = answers.trafficking
        if item.included and not (t.began <= o.date <= t.ended):
            warns.append(
                _("{offense} is dated outside the trafficking period given ({began} to {ended}): the "
                  "petition must show it was a direct result of being trafficked.").format(
                    offense=_label(item), began=long_date(t.began), ended=long_date(t.ended))
            )
    if not group.included:
        warns.append(_("No offense in {county} County is left to vacate: no petition is made for that court.").format(
            county=group.county))
    if answers.service and answers.hearing and answers.hearing.date:
        due = _response_due(answers)
        if due and answers.hearing.date <= due:
            warns.append(
                _("The hearing ({hearing}) is on or before the prosecuting agency's response date ({due}); the "
                  "agency has 45 days to respond (Pen. Code, § 236.14, subd. (c)).").format(
                    hearing=long_date(answers.hearing.date), due=long_date(due))
            )
    missing_addr = sorted({o.offense.prosecuting_agency for o in group.included if not o.offense.prosecuting_agency_address})
    for agency in missing_addr:
        warns.append(_("No address is given for {agency}: the proof of service leaves it blank to complete by hand.")
                     .format(agency=agency))
    return warns


def _response_period(answers: VacaturAnswers) -> CourtDeadline | None:
    if answers.service is None:
        return None
    rule = deadlines()["vacatur-response"]
    return count_days(answers.service.date, rule.days, roll=rule.roll)


def _response_due(answers: VacaturAnswers) -> dt.date | None:
    period = _response_period(answers)
    return period.date if period else None


def _deadlines(answers: VacaturAnswers) -> list[DeadlineNote]:
    period = _response_period(answers)
    if period is None:
        return []
    rule = deadlines()["vacatur-response"]
    parts = [rule.note, period.note()]
    if answers.service and answers.service.method == "mail":
        parts.insert(0, _("Served by mail: receipt, and so the deadline, may be later."))
    return [DeadlineNote(rule.id, rule.label, period.date, " ".join(p for p in parts if p), rule.authority)]
