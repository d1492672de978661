"""Placement planner: answers -> one PacketPlan (request to change court order, declaration,
proposed order, confidential attachment) for the juvenile delinquency court.

Builds the facts the clause library and packet definition read; the wording lives in
clauses/placement-727a/ and form_templates/placement-727a/packet.yaml, the choices in
clauses/law/placement_727a.yaml.
"""

from __future__ import annotations

import datetime as dt

from ...dates import age_on, long_date
from ...facts import ExhibitFacts
from ...plan import (
    LETTER_LOCALES,
    PacketPlan,
    attorney_filer_lines,
    build_documents,
    cited_facts,
    client_letter,
    court_lines,
    exhibit_plans,
    hearing_context,
    load_packet_def,
    parents_phrase,
    record_cites,
    signing_context,
)
from ...service_list import service_list_context
from ...text import join_words, slug
from ...i18n import N_, translations
from .facts import (
    Attorney,
    Case,
    CurrentOrder,
    Declarant,
    Efforts,
    ExtendedFosterCare,
    Icwa,
    Letter,
    Parent,
    Placement,
    PlacementFacts,
    Removal,
    Youth,
)
from .model import PlacementAnswers
from .rules import as_of, condition_conflict, eighteenth_birthday, placement_law, review_limit, warnings

KIND = "placement-727a"
AGREE = {"yes": "Yes", "no": "No", "unknown": "Not known"}


def build_plans(answers: PlacementAnswers, *, today: dt.date | None = None) -> list[PacketPlan]:
    today = today or dt.date.today()
    definition = load_packet_def(KIND)
    facts = _facts(answers, today=today)
    caption = {
        "filer_lines": attorney_filer_lines(answers.attorney, attorney_for=facts.attorney_for),
        "court_lines": court_lines(answers.case.county, division=definition.court_division),
        "case_lines": [f"Case No. {answers.case.number}"],
    }
    documents, auths = build_documents(definition, facts, caption=caption, hearing_lines=facts.hearing_lines)
    return [
        PacketPlan(
            kind=KIND,
            court=answers.case.county,
            folder=slug(answers.case.county),
            title=f"Request to change court order: foster care placement, Welf. & Inst. Code section 727 "
            f"({answers.case.county} County)",
            documents=documents,
            exhibits=exhibit_plans(definition, facts.records),
            warnings=warnings(answers, today=today),
            authorities=auths,
            facts=facts,
        )
    ]


# The letter to the youth names the placement and the parents in plain words of its language.
PLACEMENT_WORDS = {  # in English; the catalog holds the Spanish
    "relative": N_("the home of a relative"),
    "nrefm": N_("the home of a close family friend"),
    "resource_family": N_("a foster family home"),
    "ffa_home": N_("a foster family home"),
    "strtp": N_("a small group home with counseling"),
    "thpp": N_("a housing program that helps teens learn to live on their own"),
}


def _client_letter(answers: PlacementAnswers, *, today: dt.date) -> Letter:
    """The letter to the youth, in the youth's language (dates by Babel)."""
    lang = answers.client.language
    locale = LETTER_LOCALES[lang]
    letter = client_letter(lang, attorney=answers.attorney, full_name=answers.youth.name,
                           hearing=answers.hearing, today=today)
    efc = answers.extended_foster_care
    return Letter(
        **letter.model_dump(),
        placement=translations(lang).gettext(PLACEMENT_WORDS[answers.placement.type]),
        parents=parents_phrase([(p.relationship, p.name) for p in answers.parents if p.has_custody], lang),
        turns_18=long_date(eighteenth_birthday(answers.youth.date_of_birth), locale=locale) if efc else "",
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _facts(answers: PlacementAnswers, *, today: dt.date) -> PlacementFacts:
    law = placement_law()
    youth = answers.youth
    y = youth.public_name
    case = answers.case
    placement = law.placement(answers.placement.type)
    ground = law.ground(answers.removal.ground)
    efc = answers.extended_foster_care
    condition = law.condition(efc.condition) if efc and efc.condition else None
    custodial = [p for p in answers.parents if p.has_custody]
    records = record_cites(answers.records)
    hearing_facts, hearing_lines = hearing_context(answers.hearing)
    return PlacementFacts(
        kind=KIND,
        youth=Youth(
            name=y,
            full_name=youth.name,
            date_of_birth=long_date(youth.date_of_birth),
            age=age_on(youth.date_of_birth, as_of(answers, today)),
            turns_18=long_date(eighteenth_birthday(youth.date_of_birth)),
            address="\n".join(youth.address.lines()) if youth.address else "",
            telephone=youth.telephone or "",
        ),
        case=Case(
            number=case.number,
            county=case.county,
            ward_since=long_date(case.ward_since),
            sustained_offenses=list(case.sustained_offenses),
            probation_department=case.probation_department or f"{case.county} County Probation Department",
        ),
        attorney_for=f"Attorney for Minor {y}",
        attorney=Attorney(name=answers.attorney.name, firm=answers.attorney.firm or ""),
        current_order=CurrentOrder(date=long_date(answers.current_order.date), terms=answers.current_order.terms),
        placement=Placement(
            type=answers.placement.type,
            label=placement.label,
            authority=placement.authority,
            name=answers.placement.name or "",
            why=answers.placement.why,
        ),
        changed_circumstances=cited_facts(answers.changed_circumstances, records),
        exploitation=cited_facts(answers.exploitation, records),
        removal=Removal(
            finding=ground.finding,
            finding_sentence=_sentence(ground.finding),
            facts=cited_facts(answers.removal.facts, records),
        ),
        efforts=Efforts(
            made=answers.reasonable_efforts.status == "made",
            facts=cited_facts(answers.reasonable_efforts.facts, records),
        ),
        best_interest=answers.best_interest,
        parents=[Parent(name=p.name, relationship=p.relationship, address=p.address or "") for p in answers.parents],
        # removal is from the parents who have custody: "the youth's mother", "the youth's mother and father"
        custodial_parents=f"{y}'s " + join_words([p.relationship for p in custodial]),
        parties_agree=AGREE[answers.parties_agree],
        parties_agree_note=answers.parties_agree_note or "",
        vacatur_pending=answers.vacatur_petition_pending,
        efc=None if efc is None else ExtendedFosterCare(
            condition=condition.label if condition else "",
            facts=efc.facts or "",
            # the facts typed contradict the condition: the request does not say it is met
            conflict=condition_conflict(answers) is not None,
        ),
        efc_conditions=[c.label for c in law.extended_foster_care],
        declarant=Declarant(
            name=answers.declarant.name,
            title=answers.declarant.title,
            basis=answers.declarant.basis or "",
        ),
        hearing=hearing_facts,
        hearing_lines=hearing_lines,
        review_limit=long_date(limit) if (limit := review_limit(answers)) else "",
        icwa=None if answers.icwa is None else Icwa(result=answers.icwa.result, facts=answers.icwa.facts or ""),
        relative_home=answers.placement.type in ("relative", "nrefm"),
        # reports are offered to the Court (exhibits, judicial notice), not recited in the declaration
        records=records,
        notice_records=[r for r in records if r.how == "notice"],
        exhibits=[ExhibitFacts(letter=r.letter, description=r.title, file=r.file) for r in records if r.how == "exhibit"],
        **service_list_context(answers.service, answers.served_on),
        signing=signing_context(answers.signing),
        lang=answers.client.language,
        letter=_client_letter(answers, today=today),
    )
