"""Reunification-denial planner: answers -> one PacketPlan for the juvenile dependency court.

Builds the facts the clause library and packet definition read; the wording lives in
clauses/reunification-denial/ and form_templates/reunification-denial/packet.yaml.
"""

from __future__ import annotations

import datetime as dt
import re

from ...dates import CourtDeadline, age_phrase, ages_on, count_days, date_phrase, long_date
from ...facts import ExhibitFacts, RecordFacts
from ...i18n import _
from ...plan import (
    LETTER_LOCALES,
    DeadlineNote,
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
from . import facts as F
from .facts import Letter, ReunificationFacts
from .model import ENTITLED, OtherParent, Parent, ReunificationAnswers
from .rules import SELECTION_HEARING_DAYS, warnings

KIND = "reunification-denial"
VERB = {
    "participated": "knowingly participated in",
    "permitted": "knowingly permitted",
    "participated_and_permitted": "knowingly participated in and permitted",
}
STATUS_WORDS = {
    "mother": "mother",
    "presumed_father": "presumed father",
    "alleged_father": "alleged father",
    "biological_father": "biological father",
    "legal_guardian": "legal guardian",
}


def build_plans(answers: ReunificationAnswers, *, today: dt.date | None = None) -> list[PacketPlan]:
    today = today or dt.date.today()
    definition = load_packet_def(KIND)
    facts = _facts(answers, today=today)
    caption = {
        "filer_lines": attorney_filer_lines(answers.attorney, attorney_for=facts.attorney_for),
        "court_lines": court_lines(answers.county, division=definition.court_division),
        "case_lines": [f"Case No. {answers.case_number}"],
    }
    documents, auths = build_documents(definition, facts, caption=caption, hearing_lines=facts.hearing_lines)
    exhibits = exhibit_plans(definition, facts.records)
    return [
        PacketPlan(
            kind=KIND,
            court=answers.county,
            folder=slug(answers.county),
            title=f"Denial of reunification services, Welf. & Inst. Code section 361.5 ({answers.county} County)",
            documents=documents,
            exhibits=exhibits,
            warnings=warnings(answers),
            deadlines=_deadlines(answers, facts),
            authorities=auths,
            facts=facts,
        )
    ]


def _parent(parent: Parent, records: list[RecordFacts]) -> F.Parent:
    return F.Parent(
        label=parent.label,
        name=parent.name,
        relationship=parent.relationship,
        status=parent.status or "",
        status_words=STATUS_WORDS.get(parent.status or "", ""),
        not_entitled=parent.status is not None and parent.status not in ENTITLED,
        verb=VERB[parent.participation],
        facts=cited_facts(parent.facts, records),
        coercion=None if parent.coercion is None else F.Coercion(
            claim=parent.coercion.claim,
            response=cited_facts(parent.coercion.response, records),
        ),
    )


def _other(parent: OtherParent) -> F.OtherParent:
    return F.OtherParent(
        name=parent.name,
        relationship=parent.relationship,
        status=parent.status,
        status_words=STATUS_WORDS[parent.status],
        entitled=parent.entitled,
    )


def selection_hearing_limit(answers: ReunificationAnswers) -> CourtDeadline | None:
    """The last court day for the § 366.26 hearing: 120 days after the dispositional hearing, a
    limit to be met WITHIN, so it rolls back past weekends and court holidays. None without a date."""
    if answers.hearing is None or answers.hearing.date is None:
        return None
    return count_days(answers.hearing.date, SELECTION_HEARING_DAYS, roll="back")


def _deadlines(answers: ReunificationAnswers, facts: ReunificationFacts) -> list[DeadlineNote]:
    """The § 366.26 hearing's limit, shown by the command and kept in the manifest, when the order sets one."""
    limit = selection_hearing_limit(answers)
    if limit is None or not facts.set_selection_hearing:
        return []
    return [DeadlineNote(
        id="wic-366.26-hearing",
        label=_("Last court day for the section 366.26 hearing (120 days after the dispositional hearing)"),
        date=limit.date,
        note=limit.note(),
        authority="wic-361.5-f",
    )]


def _client_letter(answers: ReunificationAnswers, *, today: dt.date) -> Letter | None:
    """The letter to the child, from minor's counsel, in the child's language (dates by Babel).
    None when county counsel files: the child is not county counsel's client (see rules.py)."""
    if answers.filer_role != "minors_counsel":
        return None
    lang = answers.client.language
    locale = LETTER_LOCALES[lang]
    letter = client_letter(lang, attorney=answers.attorney, full_name=answers.child.name,
                           hearing=answers.hearing, today=today)
    return Letter(
        **letter.model_dump(),
        parents=parents_phrase([(p.relationship, p.name) for p in answers.parents], lang),
        parent_count=len(answers.parents),
        service_date=long_date(answers.service.date, locale=locale) if answers.service else "",
    )


def _facts(answers: ReunificationAnswers, *, today: dt.date) -> ReunificationFacts:
    child = answers.child.public_name
    d = answers.dependency
    e = answers.exploitation
    by_minor = answers.filer_role == "minors_counsel"
    agency = F.Agency(name=answers.agency.name, short=answers.agency.short_name)
    records = record_cites(answers.records)
    parents = [_parent(p, records) for p in answers.parents]
    others = [_other(p) for p in answers.other_parents]
    # A § 366.26 hearing is set only when no parent receives services: every other parent the
    # papers name is one not entitled to them (an alleged or biological father).
    set_selection = not any(o.entitled for o in others)
    limit = selection_hearing_limit(answers)
    short = agency.short
    hearing_facts, hearing_lines = hearing_context(answers.hearing)
    counts = list(d.counts)
    return ReunificationFacts(
        kind=KIND,
        child=F.Child(
            name=child,
            date_of_birth=long_date(answers.child.date_of_birth),
            # "14", or "13 or 14" when the beginning is a month or year that spans a birthday
            age_at_start=age_phrase(ages_on(answers.child.date_of_birth, e.began)),
        ),
        case_number=answers.case_number,
        county=answers.county,
        agency=agency,
        by_minor=by_minor,
        # who asks: the child through counsel, or the agency through county counsel
        # `subject` starts a sentence: "The Department ...", never "the Department ..."
        movant=F.Movant(
            intro=f"Minor {child}, through counsel," if by_minor else f"Petitioner {agency.name} ({short})",
            short=child if by_minor else short,
            subject=child if by_minor else short[:1].upper() + short[1:],
        ),
        attorney_for=f"Attorney for Minor {child}" if by_minor else f"Attorney for Petitioner {agency.name}",
        attorney=F.Attorney(name=answers.attorney.name, firm=answers.attorney.firm or ""),
        dependency=F.Dependency(
            petition_filed=long_date(d.petition_filed),
            counts=join_words(counts),
            counts_word="section" if len(counts) == 1 else "sections",
            exploitation_count=any(re.sub(r"[^0-9a-z()]", "", c.lower()).endswith("300(b)(2)") for c in counts),
            sustained_on=long_date(d.sustained_on) if d.sustained_on else "",
            detained_on=long_date(d.detained_on),
            removed_on=long_date(d.removed_on) if d.removed_on else "",
            placement=d.placement or "",
        ),
        exploitation=F.Exploitation(
            began=date_phrase(e.began),  # "September 12, 2025", or "September 2025" / "2025" as given
            ended=date_phrase(e.ended) if e.ended else "",
            facts=cited_facts(e.facts, records),
        ),
        parents=parents,
        other_parents=others,
        set_selection_hearing=set_selection,
        selection_hearing_limit=long_date(limit.date) if limit else "",
        records=records,
        notice_records=[r for r in records if r.how == "notice"],
        exhibits=[ExhibitFacts(letter=r.letter, description=r.title, file=r.file) for r in records if r.how == "exhibit"],
        parent_labels=join_words([p.label for p in parents]),
        parents_intro=join_words([f"{child}'s {p.relationship}, {p.name} (\"{p.label}\")" for p in parents]),
        any_coercion_claim=any(p.coercion is not None for p in parents),
        best_interest=F.BestInterest(
            facts=cited_facts(answers.best_interest.facts, records),
            child_wishes=answers.best_interest.child_wishes or "",
        ),
        declarant=F.Declarant(
            name=answers.declarant.name,
            title=answers.declarant.title,
            basis=answers.declarant.basis or "",
        ),
        hearing=hearing_facts,
        hearing_lines=hearing_lines,
        **service_list_context(answers.service, answers.served_on),
        signing=signing_context(answers.signing),
        lang=answers.client.language,
        letter=_client_letter(answers, today=today),
    )
