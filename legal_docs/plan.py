"""The packet plan: which documents, in what order, with which context (pure, no Word).

Each kind's planner turns its answers into one or more PacketPlans from its packet definition
(``form_templates/<kind>/packet.yaml``) and the clause library. The renderer, converter and
packet builder only ever see a PacketPlan.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jinja2
from babel.lists import format_list
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .clauses import Block, compiled, expression, render_clauses
from .dates import date_phrase, day_of_month_phrase, long_date, time_phrase
from .errors import InputError, TemplateError
from .i18n import N_, _, translations
from .facts import CitedFact, Facts, HearingFacts, LetterFacts, RecordFacts, ServiceFacts, SigningFacts
from .fields import Attorney, Hearing, Record, Service, Signing, SourcedFact
from .lawdata import authority
from .resources import load_yaml, template_file


@dataclass(frozen=True)
class DocumentPlan:
    key: str
    title: str  # for bookmarks and the manifest
    filename: str  # stem, no client data: "01-notice-and-petition"
    template: str  # relative to form_templates/
    context: dict[str, Any]
    serve: bool = True
    clauses: tuple[str, ...] = ()
    in_packet: bool = True  # False: made as DOCX and PDF but kept out of packet.pdf (client letter)
    # An official form ("DV-100"): filled from context["form_answers"] straight to PDF, no template
    form: str = ""
    # handed to the court on its own, never in the court file nor served (CLETS-001): its own file only
    confidential: bool = False
    # the key of the form this one is attached to (DV-101 to DV-100): its pages count there (item 32)
    attached_to: str = ""
    # what the attorney does with a paper kept out of packet.pdf (see Handling): said on the run's output
    handling: str = ""


@dataclass(frozen=True)
class ExhibitPlan:
    letter: str
    description: str
    source: Path
    cover: DocumentPlan


@dataclass(frozen=True)
class Exclusion:
    offense: str
    reason: str


@dataclass(frozen=True)
class DeadlineNote:
    id: str
    label: str
    date: dt.date
    note: str
    authority: str


@dataclass
class PacketPlan:
    kind: str
    court: str  # e.g. "Los Angeles" (the county whose superior court receives the packet)
    folder: str  # sub-folder of the output directory; never a client name
    title: str  # packet title (PDF metadata); never a client name
    documents: list[DocumentPlan]
    exhibits: list[ExhibitPlan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    deadlines: list[DeadlineNote] = field(default_factory=list)
    authorities: set[str] = field(default_factory=set)
    # what clauses and packet.yaml were given: the kind's typed facts (legal_docs/facts.py); None for
    # a plan that makes no papers (a county whose offenses were all screened out)
    facts: Facts | None = None
    # what the packet covers, for manifest.json (no answer text: e.g. each offense's code section as
    # typed and as the papers cite it)
    records: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.warnings = list(dict.fromkeys([*self.warnings, *unprintable_form_letters(self.documents)]))

    @property
    def review_authorities(self) -> list[str]:
        """Authorities the packet rests on that are marked needs_review, as readable lines in the
        terminal's language (the note is law data: its Spanish is in the catalog)."""
        out = []
        for auth_id in sorted(self.authorities):
            a = authority(auth_id)
            if a.needs_review:
                out.append(f"{a.citation}: {_(a.note) if a.note else _('marked needs_review')}")
        return out


def unprintable_form_letters(documents: list[DocumentPlan]) -> list[str]:
    """A warning per official form whose answers have letters that no font found on this computer
    has. Letters its fields' own (WinAnsi) font cannot show (Nguyễn, 王) are drawn in embedded fonts
    (field_fonts), and print; a letter in no installed font cannot be, and shows as an empty box or
    "?" on a print or a flattened copy. The letters are named, never the text."""
    from .field_fonts import unshown_letters

    out = []
    for doc in documents:
        if not doc.form:
            continue
        letters: dict[str, None] = {}
        for text in _strings(doc.context.get("form_answers")):
            letters.update(dict.fromkeys(unshown_letters(text)))
        if letters:
            out.append(_("{form}: some answers have letters that no font on this computer has ({letters}). The "
                         "PDF's fields keep them, but the form shows an empty box or \"?\" for each when printed "
                         "or flattened: install a font that has them (tools/ensure-system-deps.sh installs the "
                         "usual ones) and make the packet again, or write them by hand on the printed form").format(
                form=doc.form, letters=" ".join(list(letters)[:12])))
    return out


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


# -- the packet definition (packet.yaml) ---------------------------------------------------


class _Def(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Def):
    when: str = "true"
    lines: list[str]


class DocumentDef(_Def):
    key: str
    filename: str
    title: str
    paper_title: str = ""
    footer_title: str
    template: str = "pleading.docx"
    # An official form filled instead of a template: `form: dv-100` (a map in form_templates/forms/),
    # its answers the mapping the planner put in facts["form_answers"][answers or the form id, lower case].
    # The form's map decides serve when it says serve: false (CLETS-001 is never served).
    form: str = ""
    answers: str = ""
    # Answers a form takes from this packet's own papers (name in the form's answers -> a template
    # over the facts, rendered once the papers are chosen and titled: packet_documents). A proof of
    # service lists each paper served by its exact title (Code Civ. Proc., § 1013a).
    fill: dict[str, str] = Field(default_factory=dict)
    hearing_details: bool = False
    serve: bool = True
    in_packet: bool = True
    attached_to: str = ""  # a form attached to another form (DV-101 to dv-100): counted in its extra pages
    # a paper kept out of packet.pdf says what it is for: "server" (a blank proof of service for the
    # person who serves), "hearing" (the order after hearing, for the judge), "client" (the letter),
    # "lodged" (a confidential paper lodged with the order, kept out of the public file)
    handling: Literal["", "server", "hearing", "client", "lodged"] = ""
    when: str = "true"
    clauses: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _form_or_template(self) -> "DocumentDef":
        if self.form and (self.clauses or self.hearing_details):
            raise ValueError(_("document '{key}' is filled from form {form}: it takes no clauses").format(
                key=self.key, form=self.form))
        if not self.form and "clauses" not in self.model_fields_set:
            raise ValueError(_("document '{key}' needs clauses (or a form to fill)").format(key=self.key))
        if (self.answers or self.fill) and not self.form:
            raise ValueError(_("document '{key}' has answers but no form").format(key=self.key))
        if self.handling and self.in_packet:
            raise ValueError(_("document '{key}' says how it is handled apart from packet.pdf, but it is in "
                               "packet.pdf (in_packet: false is missing)").format(key=self.key))
        return self


class PacketDef(_Def):
    schema_version: int
    kind: str
    statute_line: str = ""
    court_division: str = ""  # a third court-title line, e.g. "JUVENILE DIVISION"
    parties: list[Choice]
    confidential: list[Choice] = Field(default_factory=list)
    documents: list[DocumentDef]
    authorities: list[str] = Field(default_factory=list)  # what the packet's form rests on
    exhibit_cover: str = "exhibit_cover.docx"
    exhibit_footer_title: str = "Exhibit"


def load_packet_def(kind: str) -> PacketDef:
    path = template_file(f"{kind}/packet.yaml")
    try:
        return PacketDef.model_validate(load_yaml(path))
    except ValidationError as exc:
        from .answers import invalid_data

        raise invalid_data(f"{kind}/packet.yaml", exc, PacketDef) from None


def render_string(text: str, facts: dict[str, Any], *, where: str) -> str:
    try:
        return compiled(text).render(facts).strip()
    except jinja2.TemplateError as exc:
        raise TemplateError(_("{where} could not be rendered: {reason}").format(where=where, reason=exc)) from None


def choose(choices: list[Choice], facts: dict[str, Any], *, where: str) -> list[str]:
    for choice in choices:
        try:
            hit = expression(choice.when)(**facts)
        except jinja2.TemplateError as exc:
            raise TemplateError(_("{where}: condition '{condition}' failed: {reason}").format(
                where=where, condition=choice.when, reason=exc)) from None
        if hit:
            return [render_string(line, facts, where=where) for line in choice.lines]
    return []


def build_documents(
    definition: PacketDef,
    typed: Facts,
    *,
    caption: dict[str, Any],
    hearing_lines: list[str],
) -> tuple[list[DocumentPlan], set[str]]:
    """Render every document of a packet definition into DocumentPlans, in order. The kind's facts
    become a plain mapping here, where Jinja reads them."""
    facts = typed.model_dump()
    docs: list[DocumentPlan] = []
    chosen = [d for d in definition.documents if expression(d.when)(**facts)]
    # the packet's own authorities (rule 2.111's first page, say) are those of its pleading papers: a
    # packet of official forms and a letter (a DVRO) relies on none of them
    pleading = any(not d.form and d.in_packet for d in chosen)
    auths: set[str] = set(definition.authorities) if pleading else set()
    # a file name is also a filled form's field-name prefix in packet.pdf: it must be unique
    names = [d.filename for d in chosen]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise TemplateError(f"{definition.kind}/packet.yaml: two documents chosen for this packet share the file "
                            f"name {', '.join(twice)}; give each its own")
    # Clauses may list the packet's papers (a proof of service, a notice), so titles come first.
    facts = dict(facts, packet_documents=[
        {"key": d.key, "title": render_string(d.title, facts, where=f"{d.key} title"), "serve": _serves(d),
         # the paper's own title (a proof of service lists each paper by it: Code Civ. Proc., § 1013a)
         "paper_title": render_string(d.paper_title, facts, where=f"{d.key} paper_title") if d.paper_title else ""}
        for d in chosen
    ])
    party_lines = choose(definition.parties, facts, where="packet.yaml parties")
    confidential = " ".join(choose(definition.confidential, facts, where="packet.yaml confidential"))
    for d in chosen:
        if d.form:
            docs.append(_form_document(d, facts))
            continue
        rendered = render_clauses(d.clauses, facts, packet=definition.kind)
        auths |= rendered.authorities
        details = [render_string(definition.statute_line, facts, where="statute_line")] if definition.statute_line else []
        if d.hearing_details:
            details += hearing_lines
        doc = {
            "caption": dict(
                caption,
                party_lines=party_lines,
                paper_title=render_string(d.paper_title, facts, where=f"{d.key} paper_title").upper(),
                detail_lines=details,
            ),
            "footer_title": render_string(d.footer_title, facts, where=f"{d.key} footer_title"),
            "confidential": confidential,
            "blocks": [_block_dict(b) for b in rendered.blocks],
            # letterhead, date and the client's first name: only for a letter kept out of the packet,
            # so that no court paper's context holds the client's name
            "letter": None if d.in_packet else facts.get("letter"),
        }
        docs.append(
            DocumentPlan(
                key=d.key,
                title=render_string(d.title, facts, where=f"{d.key} title"),
                filename=d.filename,
                template=d.template,
                context={"doc": doc},
                serve=d.serve,
                in_packet=d.in_packet,
                clauses=tuple(rendered.clauses),
                handling=d.handling,
            )
        )
    return docs, auths


def _form_spec(d: DocumentDef) -> Any:
    from .forms import get_form

    try:
        return get_form(d.form)
    except InputError as exc:
        raise TemplateError(f"{d.key}: {exc.message}") from None


def _serves(d: DocumentDef) -> bool:
    return d.serve and (_form_spec(d).serve if d.form else True)


def _form_document(d: DocumentDef, facts: dict[str, Any]) -> DocumentPlan:
    """A document filled from an official form: its answers mapping is the planner's
    facts["form_answers"][d.answers or the form id in lower case] (a missing mapping is a packet.yaml error)."""
    spec = _form_spec(d)
    key = d.answers or spec.id.lower()  # "dv-100"
    answers = (facts.get("form_answers") or {}).get(key)
    if not isinstance(answers, dict):
        raise TemplateError(_("{document}: the planner gave no answers for form {form} ({path})").format(
            document=d.key, form=spec.id, path=f"form_answers.{key}"))
    if d.fill:
        answers = dict(answers)
        for name, text in d.fill.items():
            if name not in answers:
                raise TemplateError(_("{document}: fill names '{name}', which form {form}'s answers do not have").format(
                    document=d.key, name=name, form=spec.id))
            answers[name] = render_string(text, facts, where=f"{d.key} fill.{name}")
    return DocumentPlan(
        key=d.key,
        title=render_string(d.title, facts, where=f"{d.key} title"),
        filename=d.filename,
        template="",
        context={"form_answers": answers},
        # a confidential form (CLETS-001) is its own file: in neither packet.pdf nor service-packet.pdf
        serve=_serves(d) and not spec.confidential,
        in_packet=d.in_packet and not spec.confidential,
        form=spec.id,
        confidential=spec.confidential,
        attached_to=d.attached_to,
        handling=d.handling,
    )


def _block_dict(block: Block) -> dict[str, Any]:
    return {"style": block.style, "text": block.text, "number": block.number}


FILER_WIDTH = 42  # characters of 12-point Times that fit the 3.4-inch filer column with room to spare


def filer_lines(*, name: str, bar_number: str, firm: str | None, address_lines: list[str],
                phone: str, email: str | None, attorney_for: str) -> list[str]:
    """Rule 2.111(1) filer block, padded to 14 single-spaced lines (pleading lines 1-7)."""
    lines = [f"{name} (SBN {bar_number})"]
    if firm:
        lines.append(firm)
    lines += address_lines
    lines.append(f"Telephone: {phone}")
    if email:
        lines.append(f"Email: {email}")
    # "Attorney for Petitioner <the agency's full name>" is too long for one line of the block:
    # wrap it here, so the wrapped lines count toward the 14 (a wrap inside Word would not).
    lines += ["", *textwrap.wrap(attorney_for, width=FILER_WIDTH)]
    if len(lines) > 14:
        raise TemplateError(_("The filer block is longer than the 14 lines rule 2.111 leaves for it"))
    return lines + [""] * (14 - len(lines))


def attorney_filer_lines(attorney: Attorney, *, attorney_for: str) -> list[str]:
    """The filer block for an attorney from the answers (see filer_lines)."""
    return filer_lines(
        name=attorney.name, bar_number=attorney.bar_number, firm=attorney.firm,
        address_lines=attorney.address.lines(), phone=attorney.phone, email=attorney.email,
        attorney_for=attorney_for,
    )


def court_lines(county: str, *, division: str = "") -> list[str]:
    lines = ["SUPERIOR COURT OF THE STATE OF CALIFORNIA", f"COUNTY OF {county.upper()}"]
    return lines + [division.upper()] if division else lines


# -- facts every kind shows the same way ----------------------------------------------------

BLANK_DATE = "____________________"


def hearing_context(hearing: Hearing | None) -> tuple[HearingFacts | None, list[str]]:
    """The hearing as clause facts (None when no date is set) and as caption detail lines."""
    if hearing is None or hearing.date is None:
        return None, ["Hearing: to be set by the Court"]
    facts = HearingFacts(
        date=long_date(hearing.date),
        time=time_phrase(hearing.time) if hearing.time else "",
        department=hearing.department or "",
        judge=hearing.judge or "",
    )
    lines = [f"Date: {facts.date}", f"Time: {facts.time}", f"Dept.: {facts.department}"]
    if facts.judge:
        lines.append(f"Judge: {facts.judge}")
    return facts, lines


def signing_context(signing: Signing) -> SigningFacts:
    """Where and when papers are signed; blanks to fill by hand when no date is given."""
    return SigningFacts(
        city=signing.city,
        date=long_date(signing.date) if signing.date else BLANK_DATE,
        day_phrase=day_of_month_phrase(signing.date) if signing.date else BLANK_DATE,
    )


def service_context(service: Service | None) -> ServiceFacts | None:
    if service is None:
        return None
    return ServiceFacts(
        date=long_date(service.date),
        method=service.method,
        server_name=service.server_name,
        server_address=service.server_address,
        deposit_place=service.deposit_place or "",
    )


# -- records offered instead of recited (the juvenile kinds) --------------------------------


def exhibit_letter(i: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def record_cites(records: list[Record]) -> list[RecordFacts]:
    """Each record with how the papers cite it: an exhibit letter (a PDF attached to the
    declaration), an item of the request for judicial notice (in the court file), or neither."""
    out = []
    exhibit = notice = 0
    for n, r in enumerate(records, start=1):
        title = r.title + (f", {long_date(r.date)}" if r.date else "")
        letter = ""
        if r.file:
            letter = exhibit_letter(exhibit)
            exhibit += 1
            cite, how = f"Exhibit {letter}, {title}", "exhibit"
        elif r.in_court_file:
            notice += 1
            cite, how = f"Request for Judicial Notice, item {notice}: {title}", "notice"
        else:
            cite, how = title, "none"
        out.append(RecordFacts(number=n, title=title, cite=cite, how=how, letter=letter, file=r.file or ""))
    return out


def cited_facts(facts: list[SourcedFact], records: list[RecordFacts]) -> list[CitedFact]:
    """Sourced facts as clause facts: date, fact, `cite` (the record's exhibit or judicial-notice
    item, or the declarant's own source) and `own` (the declarant's knowledge, not a record's)."""
    out = []
    for f in facts:
        if f.record is not None:  # a source given with a record pinpoints it ("p. 4")
            cite, own = records[f.record - 1].cite + (f", {f.source}" if f.source else ""), False
        else:
            cite, own = f"Source: {f.source}", True
        out.append(CitedFact(date=date_phrase(f.date) if f.date else "", exact=f.date is None or f.date.exact,
                             fact=f.fact, source=f.source or "", cite=cite, own=own))
    return out


# A source that names a report or record: offer the record (exhibit or judicial notice) instead.
_RECORD_WORDS = re.compile(r"\b(report|record|interview|letter|minute|information for the court)\b", re.I)


def record_warnings(records: list[Record], facts: list[SourcedFact]) -> list[str]:
    """A record the Court will not have (neither attached nor in the court file), and facts whose
    own source names a report: the declaration would recite them as hearsay."""
    out = []
    for n, record in enumerate(records, start=1):
        if not record.file and not record.in_court_file:
            out.append(_(
                "Record {n} ({title}) is neither attached (file) nor in the court file (in_court_file): the facts "
                "that cite it rest on a record the Court does not have."
            ).format(n=n, title=record.title))
    recited = sum(1 for f in facts if f.record is None and f.source and _RECORD_WORDS.search(f.source))
    if recited:
        out.append(_(
            "{n} facts name a report or record as their source without citing a listed record: the declaration "
            "recites them as hearsay. List the record under records and cite it by number (record: 1), so it is "
            "attached as an exhibit or noticed from the court file."
        ).format(n=recited))
    return out


def exhibit_plan(definition: PacketDef, *, letter: str, description: str, file: str) -> ExhibitPlan:
    """An exhibit (a PDF the answers name) with its cover page, in the packet's cover template."""
    return ExhibitPlan(
        letter=letter,
        description=description,
        source=Path(file),
        cover=DocumentPlan(
            key=f"exhibit-{letter.lower()}-cover",
            title=f"Exhibit {letter}: {description}",
            filename=f"exhibit-{letter.lower()}-cover",
            template=definition.exhibit_cover,
            context={
                "exhibit": {"letter": letter, "description": description},
                "doc": {"footer_title": definition.exhibit_footer_title},
            },
        ),
    )


def exhibit_plans(definition: PacketDef, records: list[RecordFacts]) -> list[ExhibitPlan]:
    """The exhibits of the records attached as PDFs (record_cites' "exhibit" ones), each with its cover."""
    return [exhibit_plan(definition, letter=r.letter, description=r.title, file=r.file)
            for r in records if r.how == "exhibit"]


# -- the letter to the client ----------------------------------------------------------------

LETTER_LOCALES = {"en": "en_US", "es": "es"}  # client.language -> Babel locale for the letter's dates


def client_letter(lang: str, *, attorney: Attorney, full_name: str, hearing: Hearing | None,
                  today: dt.date) -> LetterFacts:
    """What every kind's client letter needs (facts["letter"]): the letter's date, the client's
    first name, the hearing date and time, all in the client's language (Babel), and the
    letterhead and contact lines of the attorney. A kind's Letter adds its own facts
    (``Letter(**letter.model_dump(), placement=...)``)."""
    locale = LETTER_LOCALES[lang]
    return LetterFacts(
        date=long_date(today, locale=locale),
        first_name=full_name.split()[0],
        hearing_date=long_date(hearing.date, locale=locale) if hearing and hearing.date else "",
        hearing_time=time_phrase(hearing.time, locale=locale) if hearing and hearing.time else "",
        head_lines=[line for line in [attorney.firm or attorney.name, *attorney.address.lines(), attorney.phone]
                    if line],
        attorney_name=attorney.name,
        attorney_phone=attorney.phone,
        attorney_email=attorney.email or "",
        firm=attorney.firm or "",
    )


# A parent as the child knows them: "your mother" in English for any relationship typed; in
# another language, the catalog's words for the relationships below (e.g. "su madre"), else the
# parent's name. The Spanish is in the gettext catalog (legal_docs/locale), not in this file.
PARENT_WORDS = (
    N_("your mother"), N_("your father"), N_("your stepmother"), N_("your stepfather"),
    N_("your adoptive mother"), N_("your adoptive father"), N_("your presumed father"),
    N_("your biological father"), N_("your biological mother"), N_("your legal guardian"), N_("your guardian"),
    N_("your grandmother"), N_("your grandfather"), N_("your aunt"), N_("your uncle"),
)


def parents_phrase(parents: list[tuple[str, str]], lang: str) -> str:
    """(relationship, name) pairs -> "your mother and your father" / "su madre y su padre"."""
    words = []
    for rel, name in parents:
        key = f"your {rel.strip().lower()}"
        if lang == "en":
            words.append(f"your {rel}")
        else:
            words.append(translations(lang).gettext(key) if key in PARENT_WORDS else name)
    return format_list(words, locale=LETTER_LOCALES[lang])
