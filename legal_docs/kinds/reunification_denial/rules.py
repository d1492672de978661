"""Rules of a request to deny reunification services (Welf. & Inst. Code, § 361.5(b), (c)):
the warnings the attorney must see before filing. Pure functions; no templates.

The exploitation period and the facts' dates may be known only to the month or the year ("about
June 2019"): they are compared by their earliest and latest possible days (dates.within), and a
comparison those days disagree on is told to the attorney as undecided, never as in or out."""

from __future__ import annotations


from ...dates import add_years, age_phrase, ages_on, date_phrase, long_date, on_or_before, within
from ...i18n import _
from ...plan import record_warnings
from ...service_list import service_list_warnings
from .model import ENTITLED, ReunificationAnswers

# § 361.5(f): the § 366.26 hearing is held within 120 days after the dispositional hearing.
SELECTION_HEARING_DAYS = 120

def warnings(answers: ReunificationAnswers) -> list[str]:
    out = []
    d = answers.dependency
    if d.sustained_on is None:
        out.append(_(
            "The section 300 petition is not yet sustained: services can be denied under § 361.5 only at "
            "disposition, after the Court takes jurisdiction. The papers say jurisdiction is still to be decided."
        ))
    e = answers.exploitation
    period = (_("{began} to {ended}").format(began=date_phrase(e.began), ended=date_phrase(e.ended))
              if e.ended else _("from {began}").format(began=date_phrase(e.began)))
    ages = ages_on(answers.child.date_of_birth, e.began)
    if ages[0] != ages[1]:
        out.append(_(
            "The exploitation's beginning ({began}) does not show whether {child} was {young} or {old} then ({child} "
            "turned {old} on {birthday}): the memorandum says {child} was \"{ages}\" years old when it began. Give "
            "the exact date if the records have it."
        ).format(began=date_phrase(e.began), child=answers.child.public_name, young=ages[0], old=ages[1],
                 ages=age_phrase(ages), birthday=long_date(add_years(answers.child.date_of_birth, ages[1]))))
    for parent in answers.parents:
        for i, fact in enumerate(parent.facts, start=1):
            assert fact.date is not None  # the model requires it
            # a month or year is compared by the days it may be: None when they disagree
            inside = within(fact.date, e.began, e.ended) if e.ended else on_or_before(e.began, fact.date)
            if inside is False:
                out.append(_(
                    "{parent}'s fact {n} ({date}) is dated outside the exploitation period given ({period}): check "
                    "that it shows knowing participation in or permission of that exploitation."
                ).format(parent=parent.label, n=i, date=date_phrase(fact.date), period=period))
            elif inside is None:
                out.append(_(
                    "{parent}'s fact {n} ({date}): the dates given do not show whether it falls within the "
                    "exploitation period ({period}); at least one of them is only a month or a year. Check that it "
                    "shows knowing participation in or permission of that exploitation, or give the exact dates."
                ).format(parent=parent.label, n=i, date=date_phrase(fact.date), period=period))
        if parent.status is None:
            out.append(_(
                "{parent}'s legal status (mother, presumed, alleged or biological father, guardian) is not given: "
                "services under § 361.5(a) go to mothers, presumed fathers and guardians; add status."
            ).format(parent=parent.label))
        elif parent.status not in ENTITLED:
            out.append(_(
                "{parent} is not a mother, presumed father or guardian: such a parent is not entitled to services "
                "under § 361.5(a) (In re Zacharia D.). The order finds that as well as the bypass findings."
            ).format(parent=parent.label))
    out += _parent_warnings(answers)
    out += record_warnings(answers.records, answers.all_facts())
    out += service_list_warnings(answers.service, answers.served_on)
    if answers.filer_role == "county_counsel":
        out.append(_(
            "No letter to the client was made: county counsel represents the agency, not the child. The "
            "child's own attorney (minor's counsel) explains the request to the child."
        ))
    return out


def _parent_warnings(answers: ReunificationAnswers) -> list[str]:
    out = []
    entitled = [p for p in answers.other_parents if p.entitled]
    if not answers.other_parents:
        out.append(_(
            "No other parent is named: the proposed order sets a § 366.26 hearing, which the Court does only when "
            "no parent receives services. Name each other parent under other_parents with the parent's status."
        ))
    elif entitled:
        out.append(_(
            "{names} may be entitled to reunification services and is not part of this request: the proposed "
            "order sets no § 366.26 hearing and gives no writ advisement (the Court sets one only when no parent "
            "receives services)."
        ).format(names=", ".join(p.name for p in entitled)))
    if answers.hearing is None or answers.hearing.date is None:
        out.append(_(
            "No hearing date is given: the proposed order states the 120-day limit for the § 366.26 hearing "
            "without a date."
        ))
    return out
