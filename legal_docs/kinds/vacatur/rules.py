"""Vacatur rules: eligibility screening, one petition per case file, deadlines, warnings.

Pure functions over the answers model: no files, no templates. The output (one CourtGroup per
petition) is what the planner turns into documents and what the manifest records.

A petition is one case file in one county's court (an arrest never charged is a file of its own,
in the court of the county of arrest); ``courts: [{county, consolidate: true}]`` makes one petition
of all that court's files. Each offense is pleaded on the rule of the petitioner's age at it: the
minor rule of Pen. Code § 236.1(c) before 18, the § 236.1(a)/(b) means (force, fraud, coercion...)
from 18.

Dates the answers know only to the month or year ("about June 2016") are compared by their earliest
and latest possible days: a comparison they disagree on (an age that may be 17 or 18, an offense that
may fall just outside the trafficking period) is left undecided, told to the attorney, and never
stated in the papers either way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...dates import CourtDeadline, add_years, age_phrase, ages_on, count_days, date_phrase, long_date, on_or_before, within
from ...fields import Hearing
from ...i18n import _
from ...lawdata import deadlines, vacatur_offenses
from ...plan import DeadlineNote
from ...screening import Screening, _covers, parse_code_section, screen_offense
from ...text import slug
from .model import Offense, VacaturAnswers


@dataclass(frozen=True)
class ScreenedOffense:
    index: int  # 1-based position in the answers file
    offense: Offense
    screening: Screening
    included: bool
    override_reason: str = ""
    age: int = 0  # the petitioner's age on the offense date (the youngest it can be for a date given as a month or year)
    age_oldest: int = 0  # the oldest it can be (== age when the date is exact)
    in_period: bool | None = True  # within the trafficking period given; None: the approximate dates cannot tell
    flags: tuple[str, ...] = ()  # level contradicting the code, law that changed (for the attorney)
    other_relief: str = ""  # for an offense left out: relief to consider instead

    @property
    def rule(self) -> str:
        """"minor" (§ 236.1(c)), "adult" (§ 236.1(a)/(b)), or "unclear" when the date given spans the
        18th birthday."""
        return "minor" if self.age_oldest < 18 else "adult" if self.age >= 18 else "unclear"

    @property
    def minor(self) -> bool:
        return self.rule == "minor"

    @property
    def age_text(self) -> str:
        return age_phrase((self.age, self.age_oldest))

    @property
    def file_key(self) -> str:
        """The case file the offense lives in: its case number, else (an arrest never charged) its own."""
        o = self.offense
        return o.case_number.strip().upper() if o.case_number else f"arrest-{self.index}"


@dataclass
class CourtGroup:
    """One petition: the offenses of one case file (or of a court's consolidated files)."""

    county: str
    offenses: list[ScreenedOffense]
    warnings: list[str] = field(default_factory=list)
    deadlines: list[DeadlineNote] = field(default_factory=list)
    consolidated: bool = False
    consolidation_agreement: str = ""
    hearing: Hearing | None = None
    folder: str = ""  # sub-folder of the output: the county; a court's second petition on is "<county>-2"...

    @property
    def included(self) -> list[ScreenedOffense]:
        return [o for o in self.offenses if o.included]

    @property
    def excluded(self) -> list[ScreenedOffense]:
        return [o for o in self.offenses if not o.included]

    @property
    def file_keys(self) -> list[str]:
        return list(dict.fromkeys(o.file_key for o in self.offenses))


def _law_flags(answers: VacaturAnswers, offense: Offense, ages: tuple[int, int]) -> list[str]:
    parsed = parse_code_section(offense.code_section)
    if parsed is None:
        return []
    out = []
    for change in vacatur_offenses().changes:
        entry = parse_code_section(change.section)
        if entry is None or _covers(entry, parsed) != "yes":
            continue
        if change.repealed is not None:
            out.append(change.note)
        if change.minors_from is None or ages[0] >= 18:
            continue
        after = on_or_before(change.minors_from, offense.date)
        if after and ages[1] < 18 and offense.date.exact:
            out.append(_("{note} (The petitioner was {age} on {date}.)").format(
                age=ages[0], date=long_date(offense.date.earliest), note=change.note))
        elif after and ages[1] < 18:  # a month or year: no day is named that the answers did not give
            out.append(_("{note} (The petitioner was {age} in {date}.)").format(
                age=age_phrase(ages), date=date_phrase(offense.date), note=change.note))
        elif after is not False:  # a date given as a month or year: it may apply
            out.append(_("{note} (The date given, {date}, does not show whether this applies: the petitioner was "
                         "{age} then, and the change took effect on {start}. Check the record's date.)").format(
                date=date_phrase(offense.date), age=age_phrase(ages), start=long_date(change.minors_from),
                note=change.note))
    return out


def screen(answers: VacaturAnswers) -> list[ScreenedOffense]:
    out = []
    t = answers.trafficking
    for i, offense in enumerate(answers.offenses, start=1):
        result = screen_offense(
            code_section=offense.code_section, level=offense.level, enhancements=offense.enhancements
        )
        included = result.status != "excluded"
        reason = ""
        if offense.override is not None and result.status == "excluded":
            included = offense.override.include
            reason = offense.override.reason if included else ""
        ages = ages_on(answers.petitioner.date_of_birth, offense.date)
        flags = ([result.level_note] if result.level_note else []) + _law_flags(answers, offense, ages)
        other = "" if included else vacatur_offenses().other_relief[offense.type]
        out.append(ScreenedOffense(i, offense, result, included, reason, age=ages[0], age_oldest=ages[1],
                                   in_period=within(offense.date, t.began, t.ended), flags=tuple(flags),
                                   other_relief=other))
    return out


def group_by_court(answers: VacaturAnswers) -> list[CourtGroup]:
    """One petition per case file in each county's court, or one per court where `consolidate: true`;
    in the order the offenses first appear."""
    groups: dict[tuple[str, str], CourtGroup] = {}
    for item in screen(answers):
        county = item.offense.county
        settings = answers.court(county)
        key = (county, "" if settings.consolidate else item.file_key)
        group = groups.setdefault(key, CourtGroup(county, [], consolidated=settings.consolidate,
                                                  consolidation_agreement=settings.consolidation_agreement or ""))
        group.offenses.append(item)
    petitions = list(groups.values())
    made = [g for g in petitions if g.included]
    for group in petitions:
        same_court = [g for g in made if g.county == group.county]
        number = same_court.index(group) + 1 if group in same_court else 0
        group.folder = slug(group.county) + (f"-{number}" if number > 1 else "")
        group.hearing, hearing_warning = _hearing(answers, group, petitions=len(made), court_petitions=len(same_court))
        group.warnings.extend(_warnings(answers, group))
        if hearing_warning:
            group.warnings.append(hearing_warning)
        group.deadlines.extend(_deadlines(answers))
    return petitions


def _hearing(answers: VacaturAnswers, group: CourtGroup, *, petitions: int, court_petitions: int) -> tuple[Hearing | None, str]:
    """This petition's own hearing: by case number (or an uncharged arrest's booking number) under
    courts[].hearings, else the court's hearing when the court has one petition, else the top-level
    hearing when the answers make one petition in all. Never another court's or another case's."""
    settings = answers.court(group.county)
    keys = {k.upper() for k in group.file_keys} | {
        (o.offense.booking_number or "").strip().upper() for o in group.offenses if o.offense.type == "arrest"
    }
    for hearing in settings.hearings:
        if hearing.case.strip().upper() in keys:
            return hearing, ""
    if settings.hearing is not None and court_petitions <= 1:
        return settings.hearing, ""
    if answers.hearing is not None and petitions <= 1:
        return answers.hearing, ""
    if (answers.hearing is not None or settings.hearing is not None) and group.included:
        return None, _("The hearing in the answers is not tied to this petition ({county} County, {files}): its "
                       "notice leaves the date, time and department blank for the clerk. Give each petition's hearing "
                       "under courts: hearings, with its case number.").format(
                           county=group.county, files=", ".join(_file_label(k) for k in group.file_keys))
    return None, ""


def _file_label(key: str) -> str:
    return _("uncharged arrest") if key.startswith("arrest-") else _("case no. {number}").format(number=key)


def _label(item: ScreenedOffense) -> str:
    o = item.offense
    return _("Offense {n} ({section}, {date})").format(n=item.index, section=o.code_section, date=date_phrase(o.date))


def _warnings(answers: VacaturAnswers, group: CourtGroup) -> list[str]:
    warns = []
    t = answers.trafficking
    for item in group.offenses:
        s = item.screening
        if not item.included:
            warns.append(_("{offense} left out of the petition: {reason}.").format(offense=_label(item), reason=s.reason))
            warns.append(_("{offense}: other relief to consider: {relief}").format(
                offense=_label(item), relief=item.other_relief))
        elif item.override_reason:
            warns.append(
                _("{offense} is {reason}, but is included by attorney override: {why}.").format(
                    offense=_label(item), reason=s.reason, why=item.override_reason)
            )
        elif s.status == "check":
            warns.append(_("{offense} kept in the petition, but check it: {reason}.").format(
                offense=_label(item), reason=s.reason))
        for flag in item.flags:
            warns.append(_("{offense}: {flag}").format(offense=_label(item), flag=flag))
        o = item.offense
        began, ended = date_phrase(t.began), date_phrase(t.ended)
        if item.included and item.in_period is False:
            if o.while_a_victim:
                warns.append(_("{offense} is dated outside the trafficking period given ({began} to {ended}): the "
                               "petition states the petitioner's explanation; check that it carries the point.").format(
                    offense=_label(item), began=began, ended=ended))
            else:
                warns.append(
                    _("{offense} is dated outside the trafficking period given ({began} to {ended}): the petition "
                      "does not say it was committed while the petitioner was a victim and leaves a marked blank "
                      "for you to decide (answer while_a_victim, or leave the offense out).").format(
                        offense=_label(item), began=began, ended=ended)
                )
        elif item.included and item.in_period is None:
            warns.append(
                _("{offense}: the dates given do not show whether it falls within the trafficking period ({began} to "
                  "{ended}); at least one of them is only a month or a year. The petition does not say it was "
                  "committed during the trafficking: it {then} (give the exact dates, or answer while_a_victim).").format(
                    offense=_label(item), began=began, ended=ended,
                    then=_("states the petitioner's explanation") if o.while_a_victim else _("leaves a marked blank"))
            )
        if item.included and item.rule == "unclear":
            warns.append(
                _("{offense}: the date given does not show whether the petitioner was under 18 (the petitioner "
                  "turned 18 on {turned}). The petition pleads neither the minor rule nor the adult rule for it and "
                  "leaves a marked blank: give the record's exact date.").format(
                    offense=_label(item), turned=long_date(add_years(answers.petitioner.date_of_birth, 18)))
            )
        if item.included and not o.date.exact:
            warns.append(
                _("{offense} is dated only to the {precision}: the papers say \"in or about {date}\". The order and the "
                  "identity attachment help the agencies find the record best with its exact date (from the court's "
                  "or the arresting agency's record).").format(
                    offense=_label(item), date=date_phrase(o.date),
                    precision=_("month") if o.date.precision == "month" else _("year"))
            )
    adult = [o for o in group.included if o.rule == "adult"]
    if adult and not (t.means and t.means_facts):
        warns.append(_("{n} offense(s) in this petition were committed at 18 or older: they rest on the force, fear, "
                       "fraud, deceit, coercion, violence, duress, menace or threat of Pen. Code § 236.1(a)/(b). "
                       "The answers do not give them (trafficking.means and means_facts): the petition leaves a "
                       "marked blank.").format(n=len(adult)))
    if group.consolidated and not group.consolidation_agreement and len(group.file_keys) > 1:
        warns.append(_("One petition for several case files in {county} County: state the agreement to consolidate "
                       "(courts: consolidation_agreement); the petition leaves a marked blank.").format(county=group.county))
    if not group.included:
        warns.append(_("Nothing in {county} County ({files}) is left to vacate: no petition is made for it.").format(
            county=group.county, files=", ".join(_file_label(k) for k in group.file_keys)))
    if answers.service and group.hearing and group.hearing.date:
        due = _response_due(answers)
        if due and group.hearing.date <= due:
            warns.append(
                _("The hearing ({hearing}) is on or before the prosecuting agency's response date ({due}); the "
                  "agency has 45 days to respond (Pen. Code, § 236.14, subd. (c)).").format(
                    hearing=long_date(group.hearing.date), due=long_date(due))
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
    parts = [_(rule.note), period.note()]  # the deadline's words are law data; the catalog has their Spanish
    if answers.service and answers.service.method == "mail":
        parts.insert(0, _("Served by mail: receipt, and so the deadline, may be later."))
    return [DeadlineNote(rule.id, _(rule.label), period.date, " ".join(p for p in parts if p), rule.authority)]
