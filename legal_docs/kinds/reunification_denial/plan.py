"""Reunification-denial planner: answers -> one PacketPlan for the juvenile dependency court.

Builds the facts the clause library and packet definition read; the wording lives in
clauses/reunification-denial/ and form_templates/reunification-denial/packet.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...dates import age_on, long_date
from ...plan import (
    LETTER_LOCALES,
    PacketPlan,
    attorney_filer_lines,
    build_documents,
    client_letter,
    court_lines,
    fact_list,
    hearing_context,
    load_packet_def,
    parents_phrase,
    service_context,
    signing_context,
)
from ...text import join_words, slug
from .model import Parent, ReunificationAnswers
from .rules import warnings

KIND = "reunification-denial"
VERB = {
    "participated": "knowingly participated in",
    "permitted": "knowingly permitted",
    "participated_and_permitted": "knowingly participated in and permitted",
}


def build_plans(answers: ReunificationAnswers, *, today: dt.date | None = None) -> list[PacketPlan]:
    today = today or dt.date.today()
    definition = load_packet_def(KIND)
    facts = _facts(answers, today=today)
    caption = {
        "filer_lines": attorney_filer_lines(answers.attorney, attorney_for=facts["attorney_for"]),
        "court_lines": court_lines(answers.county, division=definition.court_division),
        "case_lines": [f"Case No. {answers.case_number}"],
    }
    documents, auths = build_documents(definition, facts, caption=caption, hearing_lines=facts["hearing_lines"])
    return [
        PacketPlan(
            kind=KIND,
            court=answers.county,
            folder=slug(answers.county),
            title=f"Denial of reunification services, Welf. & Inst. Code section 361.5 ({answers.county} County)",
            documents=documents,
            warnings=warnings(answers),
            authorities=auths,
            facts=facts,
        )
    ]


def _parent(parent: Parent) -> dict[str, Any]:
    return {
        "label": parent.label,
        "name": parent.name,
        "relationship": parent.relationship,
        "verb": VERB[parent.participation],
        "facts": fact_list(parent.facts),
        "coercion": None if parent.coercion is None else {
            "claim": parent.coercion.claim,
            "response": fact_list(parent.coercion.response),
        },
    }


def _client_letter(answers: ReunificationAnswers, *, today: dt.date) -> dict[str, Any]:
    """The letter to the child, from minor's counsel, in the child's language (dates by Babel).
    Empty when county counsel files: the child is not county counsel's client (see rules.py)."""
    if answers.filer_role != "minors_counsel":
        return {}
    lang = answers.client.language
    locale = LETTER_LOCALES[lang]
    letter = client_letter(lang, attorney=answers.attorney, full_name=answers.child.name,
                           hearing=answers.hearing, today=today)
    return letter | {
        "parents": parents_phrase([(p.relationship, p.name) for p in answers.parents], lang),
        "parent_count": len(answers.parents),
        "service_date": long_date(answers.service.date, locale=locale) if answers.service else "",
    }


def _facts(answers: ReunificationAnswers, *, today: dt.date) -> dict[str, Any]:
    child = answers.child.public_name
    d = answers.dependency
    e = answers.exploitation
    by_minor = answers.filer_role == "minors_counsel"
    agency = {"name": answers.agency.name, "short": answers.agency.short_name}
    parents = [_parent(p) for p in answers.parents]
    hearing_facts, hearing_lines = hearing_context(answers.hearing)
    counts = list(d.counts)
    return {
        "kind": KIND,
        "child": {
            "name": child,
            "date_of_birth": long_date(answers.child.date_of_birth),
            "age_at_start": age_on(answers.child.date_of_birth, e.began),
        },
        "case_number": answers.case_number,
        "county": answers.county,
        "agency": agency,
        "by_minor": by_minor,
        # who asks: the child through counsel, or the agency through county counsel
        "movant": {
            "intro": f"Minor {child}, through counsel," if by_minor else f"Petitioner {agency['name']} ({agency['short']})",
            "short": child if by_minor else agency["short"],
        },
        "attorney_for": f"Attorney for Minor {child}" if by_minor else f"Attorney for Petitioner {agency['short']}",
        "attorney": {"name": answers.attorney.name, "firm": answers.attorney.firm or ""},
        "dependency": {
            "petition_filed": long_date(d.petition_filed),
            "counts": join_words(counts),
            "counts_word": "section" if len(counts) == 1 else "sections",
            "exploitation_count": any(re.sub(r"[^0-9a-z()]", "", c.lower()).endswith("300(b)(2)") for c in counts),
            "sustained_on": long_date(d.sustained_on) if d.sustained_on else "",
            "detained_on": long_date(d.detained_on),
            "removed_on": long_date(d.removed_on) if d.removed_on else "",
            "placement": d.placement or "",
        },
        "exploitation": {
            "began": long_date(e.began),
            "ended": long_date(e.ended) if e.ended else "",
            "facts": fact_list(e.facts),
        },
        "parents": parents,
        "parent_labels": join_words([p["label"] for p in parents]),
        "parents_intro": join_words([f"{child}'s {p['relationship']}, {p['name']} (\"{p['label']}\")" for p in parents]),
        "any_coercion_claim": any(p["coercion"] for p in parents),
        "best_interest": {
            "facts": fact_list(answers.best_interest.facts),
            "child_wishes": answers.best_interest.child_wishes or "",
        },
        "declarant": {
            "name": answers.declarant.name,
            "title": answers.declarant.title,
            "basis": answers.declarant.basis or "",
        },
        "hearing": hearing_facts,
        "hearing_lines": hearing_lines,
        "service": service_context(answers.service),
        "served_on": [
            {"name": r.name, "role": r.role or "", "address": r.address or ""} for r in answers.served_on
        ],
        "signing": signing_context(answers.signing),
        "lang": answers.client.language,
        "letter": _client_letter(answers, today=today),
    }
