"""Vacatur planner: answers -> one PacketPlan per court (county).

Builds the facts the clause library and packet definition read; every piece of wording lives
in clauses/vacatur/ and form_templates/vacatur/packet.yaml.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...dates import add_years, age_phrase, ages_on, date_phrase, long_date
from ...facts import ExhibitFacts
from ...plan import (
    LETTER_LOCALES,
    Exclusion,
    PacketPlan,
    attorney_filer_lines,
    build_documents,
    client_letter,
    court_lines,
    exhibit_letter,
    exhibit_plan,
    hearing_context,
    load_packet_def,
    service_context,
    signing_context,
)
from ...i18n import N_, _, translations
from ...screening import citation_form
from ...text import join_words
from . import facts as F
from .facts import Letter, VacaturFacts
from .form_answers import POS040Answers
from .model import VacaturAnswers
from .rules import CourtGroup, ScreenedOffense, group_by_court

KIND = "vacatur"
TYPE_LABEL = {"arrest": "arrest", "conviction": "conviction", "juvenile_adjudication": "juvenile adjudication"}


def build_plans(answers: VacaturAnswers, *, today: dt.date | None = None) -> list[PacketPlan]:
    today = today or dt.date.today()
    definition = load_packet_def(KIND)
    plans = []
    groups = group_by_court(answers)
    for group in groups:
        if not group.included:
            plans.append(_empty_plan(group))
            continue
        facts = _facts(answers, group, today=today)
        caption = {
            "filer_lines": attorney_filer_lines(
                answers.attorney, attorney_for=f"Attorney for Petitioner {facts.petitioner.name}"
            ),
            "court_lines": court_lines(group.county),
            "case_lines": facts.case_lines,
        }
        documents, auths = build_documents(definition, facts, caption=caption, hearing_lines=facts.hearing_lines)
        exhibits = [exhibit_plan(definition, letter=e.letter, description=e.description, file=e.file)
                    for e in facts.exhibits]
        plans.append(
            PacketPlan(
                kind=KIND,
                court=group.county,
                folder=group.folder,
                title=f"Petition to vacate under Penal Code section 236.14 ({group.county} County, "
                f"{', '.join(_file_title(k) for k in dict.fromkeys(o.file_key for o in group.included))})",
                documents=documents,
                exhibits=exhibits,
                warnings=list(group.warnings) + _pos040_warnings(answers, facts),
                excluded=_exclusions(group),
                deadlines=list(group.deadlines),
                authorities=auths | {d.authority for d in group.deadlines} | {"pc-667.5-c"}
                | ({"ccp-1013"} if answers.service and answers.service.method == "mail" else set()),
                facts=facts,
                records=[_record(o) for o in group.offenses],
            )
        )
    return plans


def _pos040_warnings(answers: VacaturAnswers, facts: VacaturFacts) -> list[str]:
    """The official POS-040 has no place for the confidentiality line the pleading papers carry."""
    if answers.proof_of_service != "pos-040" or not facts.any_juvenile:
        return []
    return [_("The proof of service is on form POS-040, which has no place for the line \"CONFIDENTIAL: contains "
              "juvenile case records (Welf. & Inst. Code, § 827)\" the other papers carry: mark it by hand, or "
              "choose the proof of service on pleading paper (proof_of_service: pleading-paper).")]


def _file_title(key: str) -> str:
    return "uncharged arrest" if key.startswith("arrest-") else f"case no. {key}"


def _record(item: ScreenedOffense) -> dict[str, Any]:
    """The manifest's line for an offense: the code section as typed and as the papers cite it."""
    o = item.offense
    return {"offense": item.index, "type": o.type, "code_section_typed": o.code_section,
            "citation": citation_form(o.code_section), "level_typed": o.level,
            "level_screened": item.screening.level or o.level, "included": item.included,
            "date_precision": o.date.precision,
            "age_at_offense": item.age if item.age == item.age_oldest else [item.age, item.age_oldest],
            "rule": item.rule, "in_trafficking_period": item.in_period}


def _empty_plan(group: CourtGroup) -> PacketPlan:
    return PacketPlan(
        kind=KIND, court=group.county, folder=group.folder, title="", documents=[],
        warnings=list(group.warnings), excluded=_exclusions(group), records=[_record(o) for o in group.offenses],
    )


def _exclusions(group: CourtGroup) -> list[Exclusion]:
    return [
        Exclusion(f"Offense {o.index}: {o.offense.code_section} ({date_phrase(o.offense.date)})", o.screening.reason)
        for o in group.excluded
    ]


def _offense_facts(item: ScreenedOffense) -> F.Offense:
    o = item.offense
    level = item.screening.level or o.level
    return F.Offense(
        index=item.index,
        type=o.type,
        type_label=TYPE_LABEL[o.type],
        is_arrest=o.type == "arrest",
        is_conviction=o.type == "conviction",
        is_juvenile=o.type == "juvenile_adjudication",
        code_section=citation_form(o.code_section),
        level=level,
        age=item.age_text,  # "17", or "17 or 18" for a date given as a month or year
        minor=item.rule == "minor",
        adult=item.rule == "adult",
        age_unclear=item.rule == "unclear",
        in_period=item.in_period is True,
        outside=item.in_period is False,
        period_unclear=item.in_period is None,
        while_a_victim=o.while_a_victim or "",
        description=o.description,
        date=date_phrase(o.date),  # "June 2, 2019", or "June 2019" / "2019" when that is all that is known
        exact=o.date.exact,
        county=o.county,
        case_number=o.case_number or "",
        court=o.court or "",
        arresting_agency=o.arresting_agency or "",
        booking_number=o.booking_number or "",
        prosecuting_agency=o.prosecuting_agency,
        disposition=o.disposition or "",
        direct_result=o.direct_result,
        override_reason=item.override_reason,
        screen_status=item.screening.status,
    )


# The records, for the client letter in the client's language (the catalog holds the Spanish).
RECORD_WORDS = {
    "conviction": (N_("your conviction"), N_("your convictions")),
    "arrest": (N_("your arrest"), N_("your arrests")),
    "juvenile_adjudication": (N_("your juvenile court case"), N_("your juvenile court cases")),
}


def _client_letter(answers: VacaturAnswers, group: CourtGroup, *, today: dt.date) -> Letter:
    """What the client letter needs, in the client's language (dates and times by Babel)."""
    lang = answers.client.language
    locale = LETTER_LOCALES[lang]
    words = translations(lang)
    counts = {k: sum(1 for o in group.included if o.offense.type == k) for k in TYPE_LABEL}
    phrases = [words.gettext(RECORD_WORDS[k][counts[k] > 1]) for k in ("conviction", "arrest", "juvenile_adjudication")
               if counts[k]]
    and_ = words.gettext(N_("and"))
    joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + f" {and_} " + phrases[-1]
    letter = client_letter(lang, attorney=answers.attorney, full_name=answers.petitioner.name,
                           hearing=group.hearing, today=today)
    return Letter(
        **letter.model_dump(),
        records=joined,
        excluded_count=len(group.excluded),
        service_date=long_date(answers.service.date, locale=locale) if answers.service else "",
        response_due=long_date(group.deadlines[0].date, locale=locale) if group.deadlines else "",
    )


def _pos040_answers(answers: VacaturAnswers, group: CourtGroup, agencies: dict[str, str]) -> POS040Answers:
    """What the official Proof of Service—Civil (POS-040) shows: the caption as on the papers served,
    the attorney for whom they are served, the prosecuting agency served, and what the person who
    serves declares only as far as the answers say it (else blank for that person to complete).
    Item 4, the papers served, comes from packet.yaml (`fill:`), once the papers are titled."""
    a = answers.attorney
    name = answers.petitioner.public_name
    convicted = any(o.offense.type == "conviction" for o in group.included)
    numbers = list(dict.fromkeys(o.offense.case_number for o in group.included if o.offense.case_number))
    hearing = group.hearing
    service = answers.service
    served = [{"name": n, "address": _one_line(addr)} for n, addr in agencies.items()]
    return POS040Answers.model_validate({
        "short_title": f"People v. {name}" if convicted else f"In re the Petition of {name}",
        "case": {"number": ", ".join(numbers),
                 "plaintiff": "The People of the State of California" if convicted else name,
                 "defendant": name if convicted else "",
                 "name": f"People v. {name}" if convicted else f"In re the Petition of {name}"},
        "filer": {"name": a.name, "bar_number": a.bar_number, "firm": a.firm or "", "street": a.address.street,
                  "city": a.address.city, "state": a.address.state, "zip": a.address.zip, "phone": a.phone,
                  "email": a.email or "", "attorney_for": f"Petitioner {name}"},
        "court": {"county": group.county,
                  "judicial_officer": (hearing.judge or "") if hearing else "",
                  "department": (hearing.department or "") if hearing else ""},
        "method": service.method if service else None,
        "server": {"name": service.server_name, "address": _one_line(service.server_address),
                   "date": service.date.strftime("%m/%d/%Y"), "deposited": service.method == "mail",
                   "deposit_place": (service.deposit_place or "") if service.method == "mail" else ""}
        if service else {},
        "served": served[0] if len(served) == 1 else {},
        "served_list": "\n\n".join(f"{n}\n{addr or '____________________________________________'}"
                                    for n, addr in agencies.items())
        if len(served) > 1 else "",
    })


def _one_line(text: str) -> str:
    """An address typed on several lines, for a one-line box: "200 Sample Avenue, Los Angeles, CA 90013"."""
    return ", ".join(line.strip().rstrip(",") for line in text.splitlines() if line.strip())


def _facts(answers: VacaturAnswers, group: CourtGroup, *, today: dt.date) -> VacaturFacts:
    p = answers.petitioner
    t = answers.trafficking
    offenses = [_offense_facts(o) for o in group.included]
    types = {o.type for o in offenses}
    case_numbers = list(dict.fromkeys(o.case_number for o in offenses if o.case_number))
    agencies: dict[str, str] = {}
    for item in group.included:
        agencies.setdefault(item.offense.prosecuting_agency, item.offense.prosecuting_agency_address or "")
    arresting = list(dict.fromkeys(o.arresting_agency for o in offenses if o.arresting_agency))
    hearing_facts, hearing_lines = hearing_context(group.hearing)
    if hearing_facts is None:  # set by the court: blank lines for the clerk, never another petition's hearing
        hearing_lines = ["Date: ____________________", "Time: __________", "Dept.: ________"]
    ages_at_start = ages_on(p.date_of_birth, t.began)
    turned_18 = add_years(p.date_of_birth, 18)
    counts = {k: sum(1 for o in offenses if o.type == k) for k in TYPE_LABEL}
    record_words = [
        TYPE_LABEL[k] + ("s" if counts[k] > 1 else "")
        for k in ("conviction", "arrest", "juvenile_adjudication")
        if counts[k]
    ]
    return VacaturFacts(
        kind=KIND,
        petitioner=F.Petitioner(
            name=p.public_name,
            by_initials=p.file_with_initials,
            other_names=[] if p.file_with_initials else list(p.other_names),
            date_of_birth=long_date(p.date_of_birth),
            age_at_start=age_phrase(ages_at_start),  # "16", or "17 or 18" for a month or year
            minor_at_start=ages_at_start[0] < 18,
            turned_18=long_date(turned_18),
            adult_by_end=t.ended.earliest >= turned_18,
        ),
        # the confidential identity attachment to the order (Pen. Code, § 236.14, subd. (q)): what the
        # Department of Justice and the agencies need to find the records; in no public paper
        identity=F.Identity(
            full_name=p.name,
            date_of_birth=long_date(p.date_of_birth),
            cii_number=p.cii_number or "",
            other_names=list(p.other_names),
            records=[
                F.IdentityRecord(case_number=o.case_number, booking_number=o.booking_number, date=o.date,
                                 arresting_agency=o.arresting_agency, code_section=o.code_section,
                                 type_label=o.type_label)
                for o in offenses
            ],
        ),
        offenses_as_minor=[o for o in offenses if o.minor],
        offenses_as_adult=[o for o in offenses if o.adult],
        offenses_age_unclear=[o for o in offenses if o.age_unclear],
        in_period_offenses=[o for o in offenses if o.in_period],
        outside_period=[o for o in offenses if o.outside],
        period_unclear=[o for o in offenses if o.period_unclear],
        consolidated=group.consolidated and len({o.file_key for o in group.included}) > 1,
        file_count=len({o.file_key for o in group.included}),
        consolidation_agreement=group.consolidation_agreement,
        attorney=F.Attorney(
            name=answers.attorney.name,
            firm=answers.attorney.firm or "",
            bar_number=answers.attorney.bar_number,
        ),
        county=group.county,
        offenses=offenses,
        any_juvenile="juvenile_adjudication" in types,
        any_conviction="conviction" in types,
        any_arrest="arrest" in types,
        adult_offenses=[o for o in offenses if not o.is_juvenile],
        juvenile_offenses=[o for o in offenses if o.is_juvenile],
        overrides=[o for o in offenses if o.override_reason],
        records_phrase=join_words(record_words),
        records_title=join_words([w.title() for w in record_words]),
        case_lines=[f"Case No. {n}" for n in case_numbers] or ["Case No.:"],
        prosecutors=[F.Prosecutor(name=n, address=a) for n, a in agencies.items()],
        prosecutor_names=join_words(list(agencies)),
        arresting_agencies=arresting,
        trafficking=F.Trafficking(
            began=date_phrase(t.began),
            ended=date_phrase(t.ended),
            ended_exact=t.ended.exact,
            summary=t.summary,
            how_it_ended=t.how_it_ended,
            services=t.services or "",
            services_sought=date_phrase(t.services_sought) if t.services_sought else "",
            services_sought_exact=t.services_sought.exact if t.services_sought else True,
            evidence=list(t.evidence),
            means=join_words(list(t.means), conj="or"),
            means_facts=t.means_facts or "",
        ),
        hearing=hearing_facts,
        hearing_lines=hearing_lines,
        service=service_context(answers.service),
        proof_of_service=answers.proof_of_service,
        form_answers={"pos-040": _pos040_answers(answers, group, agencies).model_dump()}
        if answers.proof_of_service == "pos-040" else {},
        response_due=long_date(group.deadlines[0].date) if group.deadlines else "",
        signing=signing_context(answers.signing),
        exhibits=[
            ExhibitFacts(letter=exhibit_letter(i), description=e.description, file=e.file)
            for i, e in enumerate(answers.exhibits)
        ],
        today=long_date(today),
        lang=answers.client.language,
        letter=_client_letter(answers, group, today=today),
    )
