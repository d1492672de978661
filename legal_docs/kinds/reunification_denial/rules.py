"""Rules of a request to deny reunification services (Welf. & Inst. Code, § 361.5(b), (c)):
the warnings the attorney must see before filing. Pure functions; no templates."""

from __future__ import annotations

from ...dates import long_date
from ...i18n import _
from .model import ReunificationAnswers


def warnings(answers: ReunificationAnswers) -> list[str]:
    out = []
    d = answers.dependency
    if d.sustained_on is None:
        out.append(_(
            "The section 300 petition is not yet sustained: services can be denied under § 361.5 only at "
            "disposition, after the Court takes jurisdiction. The papers say jurisdiction is still to be decided."
        ))
    e = answers.exploitation
    for parent in answers.parents:
        for i, fact in enumerate(parent.facts, start=1):
            assert fact.date is not None  # the model requires it
            if fact.date < e.began or (e.ended is not None and fact.date > e.ended):
                period = (_("{began} to {ended}").format(began=long_date(e.began), ended=long_date(e.ended))
                          if e.ended else _("from {began}").format(began=long_date(e.began)))
                out.append(_(
                    "{parent}'s fact {n} ({date}) is dated outside the exploitation period given ({period}): check "
                    "that it shows knowing participation in or permission of that exploitation."
                ).format(parent=parent.label, n=i, date=long_date(fact.date), period=period))
    if answers.service is not None and not answers.served_on:
        out.append(_("No persons served are listed: the proof of service leaves them blank to complete by hand."))
    for i, person in enumerate(answers.served_on, start=1):
        if not person.address:
            out.append(_("No address is given for person served {n}: the proof of service leaves it blank.").format(
                n=i))
    if answers.filer_role == "county_counsel":
        out.append(_(
            "No letter to the client was made: county counsel represents the agency, not the child. The "
            "child's own attorney (minor's counsel) explains the request to the child."
        ))
    return out
