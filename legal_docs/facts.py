"""The facts a planner hands the clause library and packet.yaml: one typed model per kind.

Each kind declares its facts as a :class:`Facts` model (``legal_docs/kinds/<kind>/facts.py``,
named by ``Kind.facts_ref``); its planner returns an instance in ``PacketPlan.facts``. The model
forbids names it does not declare, so a planner cannot hand over a fact the model does not list,
and the names clause texts and packet.yaml read are checked against it by ``legal-docs templates
check`` (see :mod:`legal_docs.fact_names`). The facts become a plain mapping only where Jinja
reads them (:func:`legal_docs.plan.build_documents` calls ``model_dump``).

The groups every kind shows the same way (the hearing, the signing, a sourced fact, the client
letter's common lines, the service list) are declared here once.
"""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, model_validator


class Facts(BaseModel):
    """Base of every facts model and of its groups: frozen, and no name it does not declare.

    ``facts["youth"]`` reads a fact as the mapping it replaces did (an unknown name is a KeyError)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _declared_only(cls, data: Any) -> Any:
        """A name the model does not declare is the planner's mistake: say so in words (the kind,
        the model and its file, the name, what it has instead), not as pydantic's extra_forbidden."""
        if isinstance(data, dict) and cls.model_config.get("extra") == "forbid":
            unknown = [name for name in data if name not in cls.model_fields]
            if unknown:
                raise undeclared(cls, unknown)
        return data

    def __getitem__(self, name: str) -> Any:
        if name not in type(self).model_fields:
            raise KeyError(name)
        return getattr(self, name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in type(self).model_fields


def undeclared(model: type[Facts], names: list[str]) -> Any:
    """The error for facts a planner hands over that `model` does not declare (errors.UndeclaredFact)."""
    from .errors import Problem, UndeclaredFact
    from .fact_names import describe_names
    from .i18n import _, ngettext
    from .kinds import KINDS

    module = model.__module__
    kind = next((k.name for k in KINDS.values() if k.package and module.startswith(k.package + ".")), None)
    file = module.replace(".", "/") + ".py"
    who = _("The {kind} planner").format(kind=kind) if kind else _("A planner")
    problems = [Problem((name,), model.__name__, _("is not a fact {model} declares ({file}); {hint}").format(
                    model=model.__name__, file=file, hint=describe_names(model, name)), name=name)
                for name in names]
    message = ngettext(
        "{who} hands over {n} fact that {model} does not declare ({names}): declare it in {file}, or correct the name.",
        "{who} hands over {n} facts that {model} does not declare ({names}): declare them in {file}, or correct the "
        "names.", len(names)).format(who=who, n=len(names), model=model.__name__, names=", ".join(names), file=file)
    return UndeclaredFact(message, problems=problems)


class HearingFacts(Facts):
    """plan.hearing_context: the hearing in words (blanks for what is not set)."""

    date: str
    time: str
    department: str
    judge: str


class SigningFacts(Facts):
    """plan.signing_context: where and when the papers are signed (blank lines when no date)."""

    city: str
    date: str
    day_phrase: str


class ServiceFacts(Facts):
    """plan.service_context: a proof of service by one server (None when not served yet)."""

    date: str
    method: str
    server_name: str
    server_address: str
    deposit_place: str


class SourcedFact(Facts):
    """One fact with its date (long form, or "") and its source (CitedFact adds how it is cited)."""

    date: str  # "June 2, 2016", or "June 2016" / "2016" when that is all the answers know
    exact: bool  # the date is a day (or there is none): "On June 2, 2016"; else "In or about June 2016"
    fact: str
    source: str


class CitedFact(SourcedFact):
    """plan.cited_facts: a fact with how the papers cite it (a record's exhibit or judicial-notice
    item, or "Source: ..." for the declarant's own knowledge) and whether it is the declarant's own."""

    cite: str
    own: bool


class RecordFacts(Facts):
    """plan.record_cites: a record the facts rest on and how it is offered (exhibit, notice, none)."""

    number: int
    title: str
    cite: str
    how: str
    letter: str
    file: str


class ListServiceFacts(Facts):
    """service_list.service_list_context: the service of a juvenile service list. A juvenile kind
    spreads the context's three facts into its own: service (this, or None), served_on (a list of
    PersonServed) and service_methods (a list of words)."""

    date: str
    method: str
    server_name: str
    server_address: str
    place: str


class PersonServed(Facts):
    """One person on a service list, with the method and the one address that method uses."""

    name: str
    role: str
    party: str
    method: str
    method_label: str
    where: str
    where_label: str


class LetterFacts(Facts):
    """plan.client_letter: what every kind's client letter reads (a kind's letter adds its own)."""

    date: str
    first_name: str
    hearing_date: str
    hearing_time: str
    head_lines: list[str]
    attorney_name: str
    attorney_phone: str
    attorney_email: str
    firm: str


class ExhibitFacts(Facts):
    """One exhibit a kind attaches: its letter, what it is, and the file (a PDF)."""

    letter: str
    description: str
    file: str


class PacketDocument(Facts):
    """One paper of the packet as clauses may list it (``packet_documents``, added by build_documents)."""

    key: str
    title: str
    serve: bool
    paper_title: str


# -- what a DOCX template receives (docs/template-context.md) --------------------------------------


class BlockContext(Facts):
    """One paragraph of a paper's body (clauses.Block)."""

    style: str
    text: str
    number: Optional[int]  # for `numbered` blocks only


class Caption(Facts):
    filer_lines: list[str]
    court_lines: list[str]
    party_lines: list[str]
    case_lines: list[str]
    paper_title: str
    detail_lines: list[str]


class LetterContext(LetterFacts):
    """The client letter's facts as a template reads them: the lines every kind's letter has are
    typed; a kind's own (its Letter model) are let through unchecked."""

    model_config = ConfigDict(extra="allow", frozen=True)


class DocContext(Facts):
    """`doc`: one paper (plan.build_documents) or an exhibit cover's footer (plan.exhibit_plans)."""

    caption: Optional[Caption] = None
    footer_title: str
    confidential: str = ""
    blocks: list[BlockContext] = []
    letter: Optional[LetterContext] = None  # only for a letter kept out of the packet


class ExhibitCoverContext(Facts):
    letter: str
    description: str


class TemplateContext(Facts):
    """Everything a DOCX template may read: `templates check` resolves its names against this."""

    doc: DocContext
    exhibit: Optional[ExhibitCoverContext] = None


# Names every clause and packet.yaml may read beside a kind's facts: the citation tables
# (clauses.CiteTable) and the packet's papers (build_documents adds them before the clauses run).
CONTEXT_NAMES: dict[str, Any] = {"cite": None, "named": None, "packet_documents": list[PacketDocument]}
