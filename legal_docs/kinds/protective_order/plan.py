"""Protective-order planner: answers -> one PacketPlan for the route's court.

- juvenile: a declaration in support of the request (JV-245), proposed temporary and after-hearing
  orders on pleading paper, CLETS-001 filled;
- dvro: DV-100, DV-101, CLETS-001, DV-109, DV-110 and DV-200 filled (no pleading paper);
- civil-harassment: CH-100 (CH-160 for a minor), CH-109, CH-110 and CLETS-001 filled, CH-130 and
  CH-200 beside the packet; a declaration only when someone else declares.

Builds the facts the clause library and packet.yaml read, and facts["form_answers"], the answers
each official form's field map (form_templates/forms/*.yaml) reads. Wording lives in
clauses/protective-order/, the route's law in clauses/law/protective_orders.yaml.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...dates import age_on, long_date
from ...fields import Address
from ...plan import (
    LETTER_LOCALES,
    PacketPlan,
    attorney_filer_lines,
    build_documents,
    client_letter,
    court_lines,
    hearing_context,
    load_packet_def,
    signing_context,
)
from ...text import initials, slug
from .facts import Letter, ProtectiveOrderFacts
from .form_answers import DV130Answers, FormAnswers
from .model import Incident, OtherPerson, ProtectiveOrderAnswers
from .law import protective_order_law
from .rules import by_hand_forms, deadline_notes, describe_length, hearing_window, route_of, warnings

KIND = "protective-order"
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
PLACE_WORDS = {
    "home": "home", "school": "school", "work": "place of work", "vehicle": "vehicle",
    "childcare": "child care", "others": "",
}
COURT_DIVISION = {"juvenile": "JUVENILE DIVISION", "family": "FAMILY DIVISION", "civil": ""}
DV_RELATIONSHIP_WORDS = {
    "dating": "Dating (now or before)", "engaged": "Engaged (now or before)", "lived_together": "Lived together",
    "children_together": "Child(ren) together", "married": "Married", "formerly_married": "Formerly married",
    "related": "Related",
}


def build_plans(answers: ProtectiveOrderAnswers, *, today: dt.date | None = None) -> list[PacketPlan]:
    today = today or dt.date.today()
    definition = load_packet_def(KIND)
    facts = _facts(answers, today=today)
    route = route_of(answers)
    caption = {
        # pleading paper is filed by counsel (the model requires one off the DV route, which has no pleadings)
        "filer_lines": attorney_filer_lines(answers.attorney, attorney_for=facts.attorney_for)
        if answers.attorney else [],
        "court_lines": court_lines(answers.case.county, division=COURT_DIVISION[route.court]),
        "case_lines": [f"Case No. {answers.case.number or '____________________'}"],
    }
    documents, auths = build_documents(definition, facts, caption=caption, hearing_lines=facts.hearing_lines)
    # the route's statute, rules of court, length and hearing-window authorities, and the DV
    # minor-confidentiality one
    auths |= {route.statute, route.length_authority, hearing_window(answers, today=today).rule.authority, *route.rules}
    if answers.route == "dvro" and answers.protected_is_minor(today):
        auths.add("fam-6301.5")
    if answers.route == "civil-harassment" and answers.protected_is_minor(today):
        auths.add("ccp-372")  # who appears for the minor (a guardian ad litem, or none at 12 or older)
    return [
        PacketPlan(
            kind=KIND,
            court=answers.case.county,
            folder=slug(answers.case.county),
            title=f"Request for a {route.label} ({answers.case.county} County)",
            documents=documents,
            warnings=warnings(answers, today=today),
            deadlines=deadline_notes(answers, today=today),
            authorities=auths,
            facts=facts,
        )
    ]


def _public(name: str, born: dt.date | None, *, on: dt.date, given: str | None = None) -> str:
    """How the court papers name a person: a minor by initials (in juvenile court too, as the
    other juvenile packets do), an adult by name."""
    if born is not None and age_on(born, on) < 18:
        return given or initials(name)
    return name


def _sentence(parts: list[str]) -> str:
    return "; ".join(p for p in parts if p)


def _restrained(answers: ProtectiveOrderAnswers, on: dt.date) -> dict[str, Any]:
    r = answers.restrained
    age = str(age_on(r.date_of_birth, on)) if r.date_of_birth else (r.age or "")
    described = _sentence([
        f"sex: {r.sex}" if r.sex else "",
        f"date of birth: {long_date(r.date_of_birth)}" if r.date_of_birth else (f"age: {r.age}" if r.age else ""),
        f"race: {r.race}" if r.race else "",
        f"height: {r.height}" if r.height else "",
        f"weight: {r.weight}" if r.weight else "",
        f"hair: {r.hair}" if r.hair else "",
        f"eyes: {r.eyes}" if r.eyes else "",
        f"marks, scars or tattoos: {r.marks}" if r.marks else "",
    ])
    return {
        "name": r.name,
        "other_names": r.other_names or "",
        "relationship": r.relationship,
        "age": age,
        "description": described,
        "address": ", ".join(r.address.lines()) if r.address else "",
        "firearms": r.firearms,
        "firearms_list": [
            " ".join(x for x in [f.amount or "", f.description, f"({f.location})" if f.location else ""] if x)
            for f in r.firearms_list
        ],
    }


def _often(i: Incident) -> str:
    """How often, in words (nothing when the answers do not say, or say once)."""
    if i.how_often == "other":
        return f"This happened {i.how_often_other}." if i.how_often_other else ""
    return {"2-5": "This happened two to five times.", "weekly": "This happened weekly."}.get(i.how_often or "", "")


def _incident(i: Incident) -> dict[str, Any]:
    # only what the answers say: a question left out (None) or not known adds no sentence
    seen = {"yes": f"Others saw or heard it{': ' + i.witness_names if i.witness_names else ''}.",
            "no": "No one else saw or heard it."}.get(i.witnesses or "", "")
    police = {"yes": "The police came.", "no": "The police did not come."}.get(i.police or "", "")
    often = _often(i)
    return {
        "date": long_date(i.date),
        "details": i.details,
        "source": i.source or "",
        "weapon": i.weapon or "",
        "injuries": i.injuries or "",
        "witnesses": seen,
        "police": police,
        "often": often,
        "other_dates": i.other_dates or "",
    }


def _other(p: OtherPerson, *, on: dt.date, protected: str, pleading: bool = False,
           declarant: str = "") -> dict[str, Any]:
    # on the served pleading papers, an adult who lives with the protected person (her caregiver)
    # is named by initials: the full name could lead the restrained person to where she lives; it
    # is on the confidential CLETS-001 for law enforcement
    name = initials(p.name) if pleading and p.lives_with_protected else _public(p.name, p.date_of_birth, on=on)
    return {"name": name, "relationship": p.relationship, "lives_with": p.lives_with_protected,
            # the person who signs the declaration (her mother) speaks of herself in the first person
            "is_declarant": bool(declarant) and " ".join(p.name.split()).casefold() == declarant,
            # as an order names them: "J.V., M.V.'s younger brother"
            "named": f"{name}, {protected}'s {p.relationship}"}


def _facts(answers: ProtectiveOrderAnswers, *, today: dt.date) -> ProtectiveOrderFacts:
    route = route_of(answers)
    on = answers.as_of(today)
    juvenile = answers.route == "juvenile"
    p = answers.protected
    minor = answers.protected_is_minor(today)
    name = _public(p.name, p.date_of_birth, on=on, given=p.initials)
    guardian = p.guardian
    if answers.route == "civil-harassment":
        caption_name = (f"{name}, a minor, by and through {guardian.name}, guardian ad litem" if minor and guardian
                        else f"{name}, a minor" if minor else name)
    else:
        caption_name = name
    declarant = answers.declarant
    hearing_facts, hearing_lines = hearing_context(answers.hearing)
    window = hearing_window(answers, today=today)
    stay = answers.orders.stay_away
    signer = " ".join(declarant.name.split()).casefold() if declarant else ""
    others = [_other(o, on=on, protected=name, pleading=answers.route != "dvro", declarant=signer)
              for o in answers.others]
    places = []
    if stay:
        places = [f"{name}'s {PLACE_WORDS[x]}" for x in stay.places if x != "others"]
        if "others" in stay.places and others:
            places.append("the other protected persons")
        places += list(stay.other_places)
    length = describe_length(answers)
    facts: dict[str, Any] = {
        "kind": KIND,
        "route": answers.route,
        "route_label": route.label,
        "statute": route.statute,
        "length_authority": route.length_authority,
        "firearms_authority": route.firearms_authority,
        "hearing_authority": window.rule.authority,
        "case": {"number": answers.case.number or "", "county": answers.case.county,
                 "petition": answers.case.petition or ""},
        "protected": {
            "name": name,
            "caption_name": caption_name,
            "minor": minor,
            "age": age_on(p.date_of_birth, on),
            "guardian": {"name": guardian.name, "relationship": guardian.relationship} if guardian else None,
        },
        "restrained": _restrained(answers, on),
        "others": others,
        "others_why": answers.others_why or "",
        # "J.V., M.V.'s younger brother; and Patricia Okafor, M.V.'s caregiver"
        "others_named": "; and ".join(["; ".join(o["named"] for o in others[:-1]), others[-1]["named"]])
        if len(others) > 1 else "".join(o["named"] for o in others),
        "incidents": [_incident(i) for i in answers.incidents],
        "more_abuse": answers.more_abuse or "",
        "orders": {
            "personal_conduct": answers.orders.personal_conduct,
            "no_contact": answers.orders.no_contact,
            "stay_away": {"yards": stay.yards, "places": places} if stay else None,
            "firearms": answers.orders.firearms,
            "move_out": None if answers.orders.move_out is None else {
                "address": answers.orders.move_out.address,
                "right": answers.orders.move_out.right_to_live_there,
            },
            "other": answers.orders.other or "",
        },
        "temporary": {
            "requested": answers.temporary_order.requested,
            "why_now": answers.temporary_order.why_now or "",
            "good_cause": answers.temporary_order.good_cause_25_days or "",
        },
        "window": {
            "days": window.rule.days,
            "days_words": _number_words(window.rule.days),
            "good_cause_days": window.rule.good_cause_days or window.rule.days,
            "good_cause_days_words": _number_words(window.rule.good_cause_days or window.rule.days),
            "latest": long_date(window.latest),
            "latest_good_cause": long_date(window.latest_good_cause),
        },
        "length": dict(length, years_words=NUMBER_WORDS.get(int(length["years"]), str(length["years"])),
                       max_words=NUMBER_WORDS.get(int(length["max_years"]), str(length["max_years"]))),
        "prior_orders": [
            {"kind": o.kind, "date": long_date(o.date) if o.date else "", "expires": long_date(o.expires) if o.expires
             else "", "case_number": o.case_number or "", "county": o.county or ""} for o in answers.prior_orders
        ],
        "other_cases": [{"kind": c.kind, "case_number": c.case_number or "", "county": c.county or ""}
                        for c in answers.other_cases],
        "declarant": {
            "is_protected": declarant is None,
            "name": declarant.name if declarant else name,
            "title": declarant.title if declarant else "",
            "basis": (declarant.basis or "") if declarant else "",
            # the protected person as the declaration speaks of them: in the first person when they declare
            "whose": "my" if declarant is None else f"{name}'s",
            "whom": "me" if declarant is None else name,
        },
        "attorney_for": f"Attorney for {'Petitioner ' if answers.route == 'civil-harassment' else ''}{name}",
        "attorney": None if answers.attorney is None else {"name": answers.attorney.name,
                                                           "firm": answers.attorney.firm or ""},
        "judge_title": "JUDGE OF THE JUVENILE COURT" if juvenile else "JUDGE OF THE SUPERIOR COURT",
        "hearing": hearing_facts,
        "hearing_lines": hearing_lines,
        "signing": signing_context(answers.signing),
        "lang": answers.client.language,
        "letter": _client_letter(answers, today=today),
    }
    shared = _form_answers(answers, facts, today=today)
    # typed here (form_answers.py: the maps' answer paths are checked against these models), handed
    # to the filler as plain mappings
    facts["form_answers"] = {KIND: shared.model_dump(), "dv-130": _dv130_answers(answers, shared).model_dump()}
    return ProtectiveOrderFacts.model_validate(facts)


def _number_words(n: int) -> str:
    return {21: "twenty-one", 25: "twenty-five"}.get(n, str(n))


# -- the official forms ---------------------------------------------------------------------


def _md(value: dt.date | None) -> str:
    return value.strftime("%m/%d/%Y") if value else ""


def _form_answers(answers: ProtectiveOrderAnswers, facts: dict[str, Any], *, today: dt.date) -> FormAnswers:
    """What the official forms' field maps read (the model in form_answers.py)."""
    on = answers.as_of(today)
    p, r = answers.protected, answers.restrained
    county = answers.case.county
    # the forms print "Superior Court of California, County of" above the box: it starts with the county
    court_block = "\n".join(filter(None, [county, answers.case.courthouse or ""]))
    raddr = r.address
    vehicle = r.vehicle
    hearing = answers.hearing
    others = answers.others
    incidents = answers.incidents
    stay = answers.orders.stay_away
    move = answers.orders.move_out
    lawyer = answers.attorney
    more = [answers.more_abuse or ""] + [
        f"{long_date(i.date)}: {_with_frequency(i)}" for i in incidents[5:]
    ]
    more_text = "\n\n".join(m for m in more if m)
    prior = [f"{long_date(i.date)}: {_with_frequency(i)}" for i in incidents[1:]] + [answers.more_abuse or ""]
    prior_text = "\n\n".join(m for m in prior if m)
    return FormAnswers.model_validate({
        "court": {"address_block": court_block},
        "case": {"number": answers.case.number or ""},
        "protected": {
            "name": p.name,
            "age": str(age_on(p.date_of_birth, on)),
            "dob": _md(p.date_of_birth),
            "sex": p.sex,
            "race": p.race or "",
            "phone": p.phone or "",  # CLETS-001 only: it is never served
            "speaks_english": "yes" if p.speaks_english else "no",
            "language": "" if p.speaks_english else (p.language or ""),
        },
        # where the person asking gets court papers, on every form the restrained person receives
        # (DV-100 item 1c-1d): counsel's when there is counsel, else the client's own safe address
        "papers_contact": papers_contact(answers),
        "lawyer": {} if lawyer is None else {"name": lawyer.name, "bar_number": lawyer.bar_number,
                                             "firm": lawyer.firm or "", "signed_date": _md(answers.signing.date)},
        "restrained": {
            "name": r.name,
            "other_names": r.other_names or "",
            "age": facts["restrained"]["age"],
            "dob": _md(r.date_of_birth),
            "sex": r.sex,
            "race": r.race or "",
            "height": r.height or "",
            "weight": r.weight or "",
            "hair": r.hair or "",
            "eyes": r.eyes or "",
            "marks": r.marks or "",
            "phone": r.phone or "",
            "drivers_license": r.drivers_license or "",
            "employer": r.employer or "",
            "vehicle": {"type": vehicle.type or "", "model": vehicle.model or "", "year": vehicle.year or "",
                        "plate": vehicle.plate or ""} if vehicle else None,
            # DV-110's one short line: the relationship the act covers ("Dating"), else the answer's words
            "relationship": (", ".join(DV_RELATIONSHIP_WORDS[x] for x in answers.dv_relationship)
                             or r.relationship),
            "address": raddr.street if raddr else "",
            "city": raddr.city if raddr else "",
            "state": raddr.state if raddr else "",
            "zip": raddr.zip if raddr else "",
            # CLETS-001 asks "Does the person speak English?"; the answers ask whether an interpreter is needed
            "speaks_english": {"yes": "no", "no": "yes", "unknown": "unknown", None: None}[r.interpreter],
            "language": r.language or "",
            "firearms": r.firearms,
            "firearms_details": "; ".join(facts["restrained"]["firearms_list"]),
        },
        "relationship": dict({x: True for x in answers.dv_relationship},  # DV-100 item 3's boxes
                             live_together_now="yes" if answers.living_together_now else "no"),
        # DV-100 item 4a, CH-100 items 6a-6b: sworn yes/no items; "no" only when the answers say there
        # are none (an empty list given), blank when they do not say
        "other_orders": {
            "exist": _listed(answers, "prior_orders"),
            "orders": [{"date": _md(o.date), "expires": _md(o.expires)} for o in answers.prior_orders],
        },
        "other_cases": dict({"exist": _listed(answers, "other_cases")}, **_dv_cases(answers)),
        "abuse": {
            # DV-100 items 5-7 hold three incidents with how often and when; DV-101 holds two more
            # without those items, so their details carry them
            "incidents": [_form_incident(i, frequency_in_details=n >= 3) for n, i in enumerate(incidents[:5])],
            "more": more_text,
            "more_space": False,
            # the packet files DV-101 on the same condition (packet.yaml)
            "dv101": len(incidents) > 3 or bool(answers.more_abuse),
            "prior": prior_text,
            "prior_exist": "yes" if prior_text else None,
        },
        "protect_others": "yes" if others else "no",
        "others": [
            {"name": o.name, "age": str(age_on(o.date_of_birth, on)) if o.date_of_birth else "",
             "dob": _md(o.date_of_birth), "sex": o.sex or None,
             # the CH forms' gender column is two letters wide
             "sex_letter": {"female": "F", "male": "M", "nonbinary": "X"}.get(o.sex or "", ""), "race": o.race or "",
             "relationship": o.relationship, "lives_with_you": "yes" if o.lives_with_protected else "no"}
            for o in others
        ],
        "others_more": "\n".join(_row_words(o, on=on) for o in others[4:]),
        "others_more_clets": "\n".join(_row_words(o, on=on, clets=True) for o in others[4:]),
        "protect_others_why": answers.others_why or "",
        "firearms": [{"description": f.description, "amount": f.amount or "", "location": f.location or ""}
                     for f in r.firearms_list],
        "orders": {
            "no_abuse": answers.orders.personal_conduct,
            "no_contact": answers.orders.no_contact,
            "stay_away": None if stay is None else {
                "requested": True,
                "me": True,
                "home": "home" in stay.places,
                "school": "school" in stay.places,
                "work": "work" in stay.places,
                "vehicle": "vehicle" in stay.places,
                "childrens_school": "childcare" in stay.places,
                "others": "others" in stay.places and bool(others),
                "other_place": "; ".join(stay.other_places),
                "yards": stay.yards,
                "other_yards": "" if stay.yards == 100 else str(stay.yards),
                # 12c/12d are sworn yes/no items: "together" when the answers say so, else left
                # blank (not living together says nothing about the same building or neighborhood)
                "live_near": "together" if answers.living_together_now else "",
                "live_near_yes": answers.living_together_now,
                "work_or_school_near": None,
            },
            "move_out": None if move is None else {"address": move.address},
            "property_control": {} if answers.orders.property_control is None else {
                "items": answers.orders.property_control.items,
                "why": answers.orders.property_control.why or "",
            },
            "record_communications": answers.orders.record_communications,
            "other": answers.orders.other or "",
        },
        # the caption of the forms' attachment pages (the case number is case.number)
        "short_title": (f"In re {facts['protected']['name']}" if answers.route == "juvenile"
                        else f"{p.name} v. {r.name}"),
        "signed": {"date": _md(answers.signing.date)},
        "temporary_order": {"requested": answers.temporary_order.requested},
        # DV-160 / CH-160 item 2: the minor asks herself; a guardian ad litem's request is the attorney's
        "minor_request": None if not (answers.route != "juvenile" and answers.protected_is_minor(today)) else {
            "requester_name": p.name if p.guardian is None else "",
            "by_minor": p.guardian is None,
        },
        "hearing": None if hearing is None or hearing.date is None else {
            "date": _md(hearing.date),
            "time": hearing.time.strftime("%I:%M").lstrip("0") if hearing.time else "",
            "ampm": ("am" if hearing.time.hour < 12 else "pm") if hearing.time else None,
            "department": hearing.department or "",
        },
        # DV-130's "Original Order" box, like its end date and hearing, is completed after the hearing
        # from the judge's rulings: never before (see _dv130_answers)
        "original_order": False,
        # DV-200 / CH-200 item 4 tells the server what to hand over ("Give a copy of all documents
        # checked in 4"): the request and the notice always; the temporary order (DV-110 / CH-110)
        # only once the court has issued it, so that box is left for the attorney (a warning says so)
        "service": {"documents": {
            "dv109_dv100": answers.route == "dvro",
            "ch100": answers.route == "civil-harassment", "ch109": answers.route == "civil-harassment",
        }},
        "server": None if answers.server is None else {
            "name": answers.server.name,
            "address": answers.server.address.street if answers.server.address else "",
            "city": answers.server.address.city if answers.server.address else "",
            "state": answers.server.address.state if answers.server.address else "",
            "zip": answers.server.address.zip if answers.server.address else "",
            "phone": answers.server.phone or "",
        },
    })


def _listed(answers: ProtectiveOrderAnswers, field: str) -> str | None:
    """A sworn "are there any?" item from a list of the answers: "yes" when it has items, "no" when
    the answers give it empty (the question was answered), None when they leave it out."""
    if getattr(answers, field):
        return "yes"
    return "no" if field in answers.model_fields_set else None


def _row_words(o: OtherPerson, *, on: dt.date, clets: bool = False) -> str:
    """One more protected person as a line of the forms' attachment, in the columns of the form's
    rows: name, sex, age, relationship, lives with the person asking (CLETS-001: name, sex, race,
    date of birth)."""
    if clets:
        parts = [o.name, o.sex or "", o.race or "", f"born {_md(o.date_of_birth)}" if o.date_of_birth else ""]
    else:
        parts = [o.name, o.sex or "", f"age {age_on(o.date_of_birth, on)}" if o.date_of_birth else "",
                 o.relationship, f"lives with the person in 1: {'yes' if o.lives_with_protected else 'no'}"]
    return "; ".join(p for p in parts if p)


def papers_contact(answers: ProtectiveOrderAnswers) -> dict[str, str]:
    """The address, telephone and email printed for the person asking on papers the other side
    receives: the lawyer's when there is one (the forms say so), the client's own only without one."""
    lawyer = answers.attorney
    a: Address | None
    phone: str | None
    if lawyer is not None:
        a, phone, email = lawyer.address, lawyer.phone, lawyer.email
    else:
        p = answers.protected
        a, phone, email = p.mailing_address, p.phone, p.email
    return {
        "address": a.street if a else "", "city": a.city if a else "", "state": a.state if a else "",
        "zip": a.zip if a else "", "phone": phone or "", "email": email or "",
    }


def _dv130_answers(answers: ProtectiveOrderAnswers, shared: FormAnswers) -> DV130Answers:
    """DV-130 made before the hearing: the caption and items 1-3 (who is protected, from whom, and
    the others protected), which the answers know. What the hearing decides is written from the
    judge's rulings (the minute order) after it: the "Original Order" or "Amended Order" box, the
    end date (item 4: the judge may grant fewer years than asked), the hearing held and its judge
    (item 6a; a hearing can be continued) and who attended (6b, beside which the lawyer's name is
    printed): all left blank, and the warnings say so."""
    data = shared.model_dump()
    return DV130Answers.model_validate(dict(
        data,
        lawyer=dict(data["lawyer"], name=""),
        hearing=None,
        original_order=False,
        order_after_hearing=None,
    ))


def _dv_cases(answers: ProtectiveOrderAnswers) -> dict[str, Any]:
    """DV-100 item 4b has one line per kind of case ("where filed, year, case number"); a case with
    no details ticks its box and leaves the line blank. A civil case goes on the "other" line."""
    lines: dict[str, list[str]] = {}
    for c in answers.other_cases:
        key = "other" if c.kind == "civil" else c.kind
        words = ", ".join(x for x in [f"{c.county} County" if c.county else "", c.case_number or ""] if x)
        if c.kind == "civil":
            words = f"Civil: {words}" if words else "Civil"
        lines.setdefault(key, []).append(words)
    return {k: ("; ".join(w for w in v if w) or True) for k, v in lines.items()}


def _with_frequency(i: Incident) -> str:
    """The details with how often and on which other dates, for a form that has no item for them."""
    extra = [_often(i), f"Other dates: {i.other_dates}" if i.other_dates else ""]
    return " ".join([i.details.rstrip(), *(x.rstrip(".") + "." for x in extra if x)])


def _yes_no(said: str | None, *, described: bool) -> str | None:
    """A sworn yes/no item: "yes" when the answers say so or describe it, "no" only when they say
    no, else None (the item stays blank for the attorney)."""
    return "yes" if described or said == "yes" else ("no" if said == "no" else None)


def _form_incident(i: Incident, *, frequency_in_details: bool = False) -> dict[str, Any]:
    return {
        "date": _md(i.date),
        "witnesses": i.witnesses,
        "witness_names": i.witness_names or "",
        "weapon": _yes_no(i.weapon_used, described=bool(i.weapon)),
        "weapon_description": i.weapon or "",
        "harm": _yes_no(i.harm, described=bool(i.injuries)),
        "harm_description": i.injuries or "",
        "police": i.police,
        # asked only when the police came (DV-100 5e, DV-101 3f): never ticked otherwise
        "epo": i.emergency_order if i.police == "yes" else None,
        "details": _with_frequency(i) if frequency_in_details else i.details,
        "details_with_frequency": _with_frequency(i),
        "frequency": i.how_often,
        "frequency_other": i.how_often_other or "",
        "dates": i.other_dates or "",
    }


# -- the letter to the client ------------------------------------------------------------------

ROUTE_WORDS = {
    "en": {"juvenile": "the juvenile court", "dvro": "the family court", "civil-harassment": "the civil court"},
    "es": {"juvenile": "la corte de menores", "dvro": "la corte de familia", "civil-harassment": "la corte civil"},
}


def _client_letter(answers: ProtectiveOrderAnswers, *, today: dt.date) -> Letter | None:
    """The lawyer's letter to the client; none without a lawyer."""
    if answers.attorney is None:
        return None
    lang = answers.client.language
    letter = client_letter(lang, attorney=answers.attorney, full_name=answers.protected.name,
                           hearing=answers.hearing, today=today)
    window = hearing_window(answers, today=today)
    locale = LETTER_LOCALES[lang]
    return Letter(
        **letter.model_dump(),
        court=ROUTE_WORDS[lang][answers.route],
        restrained=answers.restrained.name,
        # the day the law sets (21 days); the 25-day day only when good cause for it is given
        latest=long_date(window.latest_good_cause if answers.temporary_order.good_cause_25_days
                         else window.latest, locale=locale),
        # the court's forms the lawyer fills in by hand ("JV-245 (the request)")
        by_hand=[f"{f} ({known[f].plain[lang]})" if f in known and lang in known[f].plain else f
                 for f in by_hand_forms(answers) for known in [protective_order_law().forms]],
    )
