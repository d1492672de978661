"""Rules of a protective-order packet: the hearing window (21 days, 25 for good cause), the order's
length (the route's default, never above its maximum), its end date, and the warnings the
attorney must see. Pure functions over the answers and clauses/law; no templates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...dates import LOCALES, CourtDeadline, add_years, age_on, count_days, long_date
from ...i18n import _, language
from ...lawdata import Deadline, deadlines
from ...plan import DeadlineNote
from ...text import join_words
from .law import Route, protective_order_law
from .model import ProtectiveOrderAnswers



@dataclass(frozen=True)
class HearingWindow:
    start: dt.date  # the day counted from
    from_order: bool  # counted from the temporary order (else from the signing date, until the court acts)
    latest: dt.date  # the last court day for the hearing (21 days; weekends and court holidays moved back)
    latest_good_cause: dt.date  # with good cause (25 days)
    rule: Deadline

    @property
    def counted(self) -> CourtDeadline:
        return count_days(self.start, self.rule.days, roll=self.rule.roll)

    @property
    def counted_good_cause(self) -> CourtDeadline:
        return count_days(self.start, self.rule.good_cause_days or self.rule.days, roll=self.rule.roll)


def route_of(answers: ProtectiveOrderAnswers) -> Route:
    return protective_order_law().route(answers.route)


def length_years(answers: ProtectiveOrderAnswers) -> int:
    return answers.length_years or route_of(answers).default_years


def hearing_window(answers: ProtectiveOrderAnswers, *, today: dt.date) -> HearingWindow:
    rule = deadlines()[route_of(answers).hearing_deadline]
    tro = answers.temporary_order.date
    start = tro or answers.as_of(today)
    extra = rule.good_cause_days or rule.days
    return HearingWindow(
        start=start,
        from_order=tro is not None,
        latest=count_days(start, rule.days, roll=rule.roll).date,
        latest_good_cause=count_days(start, extra, roll=rule.roll).date,
        rule=rule,
    )


def order_ends(answers: ProtectiveOrderAnswers) -> dt.date | None:
    """The day the order after hearing ends, when the hearing date is known."""
    if answers.hearing is None or answers.hearing.date is None:
        return None
    return add_years(answers.hearing.date, length_years(answers))


def deadline_notes(answers: ProtectiveOrderAnswers, *, today: dt.date) -> list[DeadlineNote]:
    """The latest hearing dates; the 21/25-day limits run from a temporary order, so none without one."""
    if not answers.temporary_order.requested:
        return []
    window = hearing_window(answers, today=today)
    rule = window.rule
    # in the terminal's language: the rule's label and note are law data, their Spanish in the catalog
    start = long_date(window.start, locale=LOCALES[language()])
    label = (_("{label} (counted from the temporary order, {day})") if window.from_order
             else _("{label} (counted from the signing date, {day})")).format(label=_(rule.label), day=start)
    note = _(rule.note)
    notes = [DeadlineNote(rule.id, label, window.latest, _join(note, window.counted.note()), rule.authority)]
    if rule.good_cause_days:
        notes.append(DeadlineNote(f"{rule.id}-good-cause", _("{label}, with good cause").format(label=label),
                                  window.latest_good_cause, _join(note, window.counted_good_cause.note()),
                                  rule.authority))
    return notes


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


# People an account may name whom the restrained person could threaten or use to reach her: when
# the account names one and no other protected person has that relationship, the attorney is asked
# whether to protect them too (the order can protect everyone he threatened)
FAMILY_WORDS = ("mother", "mom", "father", "dad", "parent", "parents", "stepmother", "stepfather", "sister",
                "brother", "grandmother", "grandfather", "grandma", "grandpa", "aunt", "uncle", "cousin", "son",
                "daughter", "baby", "caregiver", "guardian")


def named_but_unprotected(answers: ProtectiveOrderAnswers) -> list[str]:
    """The words of FAMILY_WORDS the account uses (what happened, other abuse, why orders are needed
    now) that neither another protected person's relationship nor the restrained person's names."""
    import re

    text = " ".join([i.details for i in answers.incidents] + [answers.more_abuse or "",
                     answers.temporary_order.why_now or ""]).lower()
    known = " ".join([o.relationship.lower() for o in answers.others] + [answers.restrained.relationship.lower()])

    def says(word: str, words: str) -> bool:
        return re.search(rf"\b{re.escape(word)}\b", words) is not None

    return [w for w in FAMILY_WORDS if says(w, text) and not says(w, known)]


def warnings(answers: ProtectiveOrderAnswers, *, today: dt.date) -> list[str]:
    """What the attorney must see, in the terminal's language (what a form is for is data, in English)."""
    out: list[str] = []
    known = protective_order_law().forms
    for form in by_hand_forms(answers):  # each with what it is for (English data, like the route's note)
        about = known.get(form)
        out.append(_("Complete {form} by hand: the tool cannot fill it yet.").format(
            form=f"{form} ({about.title})" if about else form) + (f" {about.task}" if about else ""))
    window = hearing_window(answers, today=today)
    start = _("the temporary order") if window.from_order else _("the signing date")
    hearing = answers.hearing.date if answers.hearing else None
    if hearing is not None and answers.temporary_order.requested:
        if hearing < window.start:
            out.append(_("The hearing date ({hearing}) is before {start} ({day}): check the dates.").format(
                hearing=long_date(hearing), start=start, day=long_date(window.start)))
        elif hearing > window.latest_good_cause:
            out.append(_("The hearing date ({hearing}) is after the last day the law allows ({last}, even with "
                         "good cause): ask the court for an earlier date.").format(
                hearing=long_date(hearing), last=long_date(window.latest_good_cause)))
        elif hearing > window.latest and not answers.temporary_order.good_cause_25_days:
            out.append(_("The hearing date ({hearing}) is more than {days} days after {start}: the court must find "
                         "good cause; give the reason in temporary_order.good_cause_25_days.").format(
                hearing=long_date(hearing), days=window.rule.days, start=start))
    if answers.temporary_order.requested and answers.temporary_order.date is None:
        out.append(_("The hearing window is counted from the signing date ({day}); count it again from the day the "
                     "court grants or denies the temporary order.").format(day=long_date(window.start)))
    if answers.protected_is_minor(today) and answers.route != "juvenile":
        if answers.route == "dvro":
            out.append(_("The protected person is a minor and the official forms carry the full name: DV-160 (Fam. "
                         "Code, § 6301.5), filed with the request, asks the court to keep the minor's information "
                         "confidential. Its items 1-3 are filled; complete items 4-10 with the client (what to keep "
                         "confidential, why, and what to do if it is denied) before filing. The court marks its "
                         "decision on DV-109 item 5."))
        else:
            out.append(_("The protected person is a minor and the official forms carry the full name: CH-160 (Code "
                         "Civ. Proc., § 527.6(v)), filed with the request, asks the court to keep the minor's "
                         "information confidential. Its items 1-3 are filled; complete items 4-10 with the client "
                         "(what to keep confidential, why, and what to do if it is denied) before filing."))
        guardian = answers.protected.guardian
        age = age_on(answers.protected.date_of_birth, answers.as_of(today))
        if guardian is None and age < 12:
            out.append(_("No guardian ad litem is given for the minor, who is under 12: an adult must ask the "
                         "court to appoint one before the request is heard."))
        elif guardian is None:
            out.append(_("No guardian ad litem is given: the minor, 12 or older, asks on their own (Code Civ. "
                         "Proc., § 372); check that the court allows it for this request."))
        if guardian is not None and age >= 12 and answers.route == "civil-harassment":
            out.append(_("The papers name {guardian} as guardian ad litem: a minor 12 or older may ask without "
                         "one (Code Civ. Proc., § 372). Leave the guardian out if the minor asks on their own, "
                         "so the guardian's name is not in the papers served.").format(guardian=guardian.name))
        if (guardian is not None and answers.route == "civil-harassment"
                and guardian.name.split()[-1] in answers.protected.name.split()):
            out.append(_("The guardian ad litem's name is printed in the caption and shares the minor's family "
                         "name, so it can identify the minor: ask that it be kept confidential too, or use the "
                         "guardian's initials."))
    housemates = [o.name for o in answers.others if o.lives_with_protected]
    if housemates:
        said = (_("The official forms served on the restrained person name {names} in full (their item for other "
                  "protected people asks for full names). They live with the protected person: before filing, "
                  "check with the client that their names cannot lead the restrained person to where she lives.")
                if len(housemates) > 1 else
                _("The official forms served on the restrained person name {names} in full (their item for other "
                  "protected people asks for full names). This person lives with the protected person: before "
                  "filing, check with the client that the name cannot lead the restrained person to where she "
                  "lives."))
        # pleading paper only on the juvenile route, or a third person's declaration on the civil route
        if answers.route == "juvenile" or (answers.route == "civil-harassment" and answers.declarant is not None):
            said += " " + _("The pleading papers use initials.")
        out.append(said.format(names=join_words(housemates, conj=_("and"))))
    if answers.attorney is None:
        minor = answers.protected_is_minor(today)
        forms = {"dvro": "DV-100 item 1" + (" and DV-160 item 3" if minor else ""),
                 "civil-harassment": "item 1b of CH-100, CH-109, CH-110 and CH-130"
                 + (" and CH-160 item 3" if minor else "")}[answers.route]
        out.append(_("The protected person has no lawyer: her own mailing address, telephone and email are printed "
                     "on {forms}, which the restrained person receives. Check with her that each is safe for "
                     "him to have (a P.O. box or a trusted person's address; leave the telephone and email out "
                     "otherwise). No letter to the client is made.").format(forms=forms))
    if answers.route == "civil-harassment" and answers.declarant is not None:
        out.append(_("CH-100 item 17 (pages attached) counts the form's own attachment pages only: the declaration "
                     "of {name} is made on pleading paper and its pages are known only once it is printed. If you "
                     "attach it to CH-100, add its pages to item 17 before filing.").format(
            name=answers.declarant.name))
    named = named_but_unprotected(answers)
    if named:
        out.append(_("The account mentions her {people}, who is not among the people to protect: if the "
                     "restrained person threatened them or could use them to reach her, the order can protect "
                     "them too (others, with why in others_why).").format(people=", ".join(named)))
    if answers.restrained.address is None:
        out.append(_("No address is given for the restrained person: the papers must be personally served; "
                     "find where the person can be served."))
    if answers.restrained.firearms == "unknown":
        out.append(_("Whether the restrained person has firearms is not known: ask the client and law "
                     "enforcement; the court must address firearms."))
    elif answers.restrained.firearms is None:
        out.append(_("The answers do not say whether the restrained person has firearms: the firearms item is "
                     "left blank. Ask the client; the court must address firearms."))
    unsaid = [f for f in ("prior_orders", "other_cases")
              if f not in answers.model_fields_set and not getattr(answers, f)]
    if unsaid and answers.route in ("dvro", "civil-harassment"):
        item = {"dvro": "DV-100 item 4", "civil-harassment": "CH-100 item 6"}[answers.route]
        out.append(_("The answers do not say whether there are other restraining orders or court cases "
                     "({fields}): the sworn yes/no of {item} is left blank. Ask the client; give an empty "
                     "list (e.g. other_cases: []) when there are none.").format(fields=", ".join(unsaid), item=item))
    # the incidents with a sworn harm item: DV-100 items 5-7 and DV-101 (five), CH-100 item 7a (the
    # most recent); the juvenile declaration says only what the answers say
    sworn = {"dvro": 5, "civil-harassment": 1}.get(answers.route, 0)
    unsettled = [n for n, i in enumerate(answers.incidents[:sworn], 1)
                 if i.harm is None and not i.injuries]
    if unsettled:
        out.append(_("The answers do not say whether the abuse caused harm (incidents numbered {n}, the most "
                     "recent first): the sworn yes/no item is left blank for the client to answer before "
                     "signing.").format(
            n=", ".join(map(str, unsettled))))
    if not any("136.2" in o.kind for o in answers.prior_orders) and any(
            c.kind == "criminal" for c in answers.other_cases):
        out.append(_("A criminal case is listed but no criminal protective order (Pen. Code, § 136.2): ask the "
                     "prosecutor whether one was sought (SB 382 (2022) requires them to consider it)."))
    if answers.route in ("dvro", "civil-harassment") and answers.temporary_order.requested:
        proof, order = ("DV-200", "DV-110") if answers.route == "dvro" else ("CH-200", "CH-110")
        out.append(_("{proof} item 4 tells the server which papers to hand over: the box for {order}, the "
                     "temporary order, is left unticked. Tick it once the court has issued the order.").format(
            proof=proof, order=order))
    if answers.route == "dvro":
        out.append(_("DV-130 (for the hearing) has its caption and items 1-3 filled. The Original or Amended "
                     "Order box, the end date (item 4) and the hearing held (item 6) are written from the judge's "
                     "rulings after the hearing."))
        ends = order_ends(answers)
        if ends is not None and answers.hearing and answers.hearing.date:
            out.append(_("If the judge grants the {years} years asked for at the hearing on {hearing}, the order "
                         "ends on {ends} (DV-130 item 4).").format(
                years=length_years(answers), hearing=long_date(answers.hearing.date), ends=long_date(ends)))
    if answers.route == "dvro" and len(answers.incidents) > 5:
        out.append(_("{n} incidents are given; DV-100 and DV-101 hold five: the others are described under "
                     "DV-101 item 5 (more abuse).").format(n=len(answers.incidents)))
    return out


def by_hand_forms(answers: ProtectiveOrderAnswers) -> list[str]:
    """The official forms the route files that this packet cannot fill, in the route's order: those
    with no field map (form_templates/forms/) or no `form:` line in packet.yaml. Adding both for a
    form (JV-245, once its PDF is here) takes it off the list, the warning and the letter."""
    from ...forms import form_specs
    from ...plan import load_packet_def

    packet = {d.form.upper() for d in load_packet_def("protective-order").documents if d.form}
    specs = form_specs()
    return [f for f in route_of(answers).official_forms if f not in specs or f not in packet]


def describe_length(answers: ProtectiveOrderAnswers) -> dict[str, Any]:
    """The order's length and end for the papers."""
    years = length_years(answers)
    ends = order_ends(answers)
    return {
        "years": years,
        "max_years": route_of(answers).max_years,
        "ends": long_date(ends) if ends else "",
    }


__all__ = ["HearingWindow", "by_hand_forms", "deadline_notes", "describe_length", "hearing_window", "length_years",
           "order_ends", "route_of", "warnings"]
