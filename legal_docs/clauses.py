"""The clause library: reusable text blocks kept as data in ``clauses/<kind>/*.yaml``.

A clause has an id, a title, the packets that use it, a condition (a Jinja expression over the
packet's facts) that selects it, the authorities it cites and a ``last_verified`` date. Its
``blocks`` are paragraphs in a named style; a block may repeat over a list (``each``). Clause
text is a Jinja template evaluated in a sandbox: answers enter it only as values, so text a
user typed is never itself run as a template.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import TemplateError
from .i18n import _
from .lawdata import authorities, authority
from .resources import clause_files, load_yaml, per_resources, sha256_file
from .text import join_words

BLOCK_STYLES = (
    "heading", "heading_page", "subheading", "para", "plain", "numbered", "quote", "item",
    "signature", "dated", "attestation", "signature_space", "blank",
)


class BlockSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    style: str
    text: str = ""
    each: str = ""  # "offense in offenses"
    when: str = ""


class Clause(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: str
    packets: list[str]
    when: str = "true"
    each: str = ""  # repeat all the blocks for each item: "offense in offenses"
    authorities: list[str] = Field(default_factory=list)
    last_verified: dt.date
    blocks: list[BlockSpec]


@dataclass(frozen=True)
class Block:
    style: str
    text: str
    number: int | None = None


@dataclass(frozen=True)
class LoadedClause:
    clause: Clause
    source: Path


class CiteTable:
    """`cite['pc-236.14-a']` in clause text gives the citation ("Pen. Code, § 236.14, subd. (a)"),
    `named['pc-236.14-a']` the form used inside a sentence ("Penal Code section 236.14,
    subdivision (a)"); both record that the authority was used."""

    def __init__(self, used: set[str] | None = None, *, in_text: bool = False) -> None:
        self.used: set[str] = used if used is not None else set()
        self.in_text = in_text

    def __getitem__(self, auth_id: str) -> str:
        self.used.add(auth_id)
        a = authority(auth_id)
        return a.in_text if self.in_text else a.citation


def end_sentence(value: Any) -> str:
    """`{{ name | end_sentence }}`: the text with a full stop, unless it ends in one already
    ("M.V." stays "M.V.", never "M.V..")."""
    text = str(value)
    return text if text.rstrip().endswith((".", "?", "!")) else text + "."


def _env() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    env.filters["end_sentence"] = end_sentence
    env.filters["join_and"] = join_words  # ['a', 'b', 'c'] -> "a, b and c"
    return env


ENV = _env()


@lru_cache(maxsize=4096)
def compiled(text: str) -> jinja2.Template:
    """Clause text compiled once per process (compiling dominates rendering otherwise), the code
    kept on disk between runs (template_cache)."""
    from .template_cache import from_string

    return from_string(ENV, text)


@lru_cache(maxsize=4096)
def expression(expr: str) -> Any:
    return ENV.compile_expression(expr, undefined_to_none=False)


def library() -> dict[str, LoadedClause]:
    """Every clause, by id: clauses/<kind>/*.yaml, a clinic's file replacing the built-in one; every
    one's template text and conditions checked (what `templates check` reports)."""
    table = _loaded()
    for loaded in table.values():
        _check_syntax(loaded.clause, loaded.source)
    return table


@per_resources
def packet_library(packet: str) -> dict[str, LoadedClause]:
    """The library, with the template text and conditions of every clause marked for `packet`
    checked (whether or not this run selects it): parsing all ~600 blocks of every kind took a
    third of a second of each run, and a broken clause of another kind does not stop this one."""
    table = _loaded()
    for loaded in table.values():
        if packet in loaded.clause.packets:
            _check_syntax(loaded.clause, loaded.source)
    return table


@per_resources
def _loaded() -> dict[str, LoadedClause]:
    """Every clause, by id, its fields, block styles and authorities checked (not its templates)."""
    table: dict[str, LoadedClause] = {}
    for path in clause_files("*/*.yaml"):
        if path.parent.name == "law":
            continue
        raw = load_yaml(path) or {}
        for i, item in enumerate(raw.get("clauses", [])):
            try:
                clause = Clause.model_validate(item)
            except ValidationError as exc:
                from .answers import invalid_data

                raise invalid_data(_("Clause {n} in {file}").format(n=i + 1, file=path.name), exc, Clause) from None
            _check(clause, path)
            if clause.id in table:
                raise TemplateError(_("Clause id '{clause}' appears twice ({file})").format(clause=clause.id, file=path.name))
            table[clause.id] = LoadedClause(clause, path)
    return table


def _check(clause: Clause, path: Path) -> None:
    """What loading checks: the block styles and the authorities named or cited."""
    known = authorities()
    for auth in clause.authorities:
        if auth not in known:
            raise TemplateError(_("Clause '{clause}' ({file}) cites unknown authority '{authority}'").format(
                clause=clause.id, file=path.name, authority=auth))
    for block in clause.blocks:
        if block.style not in BLOCK_STYLES:
            raise TemplateError(
                _("Clause '{clause}' ({file}) uses unknown block style '{style}'; use one of: {styles}").format(
                    clause=clause.id, file=path.name, style=block.style, styles=", ".join(BLOCK_STYLES))
            )
        for cited in re.findall(r"(?:cite|named)\[['\"]([^'\"]+)['\"]\]", block.text):
            if cited not in known:
                raise TemplateError(_("Clause '{clause}' ({file}) cites unknown authority '{authority}'").format(
                    clause=clause.id, file=path.name, authority=cited))


def _check_syntax(clause: Clause, path: Path) -> None:
    """The clause's template text and conditions parse."""
    for block in clause.blocks:
        try:
            _syntax(block.text)  # compiled when first rendered: a run renders a few of them
            if block.when:
                expression(block.when)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(_("Clause '{clause}' ({file}) has a template error: {reason}").format(
                clause=clause.id, file=path.name, reason=exc.message)) from None
    try:
        expression(clause.when)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_("Clause '{clause}' ({file}) has a bad condition: {reason}").format(
            clause=clause.id, file=path.name, reason=exc.message)) from None


def _syntax(text: str) -> None:
    """What compiling ``text`` would reject, found without compiling it (parsing costs a quarter as
    much, and every run loaded and compiled all ~580 clause blocks of every kind): a syntax error, a
    filter or a test Jinja does not have."""
    problem = _syntax_problem(text)
    if problem is not None:
        raise jinja2.TemplateSyntaxError(*problem)


@lru_cache(maxsize=8192)
def _syntax_problem(text: str) -> tuple[str, int] | None:
    """:func:`_syntax`'s finding for ``text`` (message, line), once per process: it depends on the
    text and the fixed environment only, so no template folder can make it stale, and a reload of
    the clauses (another template folder, each test's fresh settings) does not parse them again."""
    from jinja2 import nodes

    try:
        tree = ENV.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return exc.message or str(exc), exc.lineno
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        known = ENV.filters if isinstance(node, nodes.Filter) else ENV.tests
        if node.name not in known:
            what = "filter" if isinstance(node, nodes.Filter) else "test"
            return f"No {what} named {node.name!r}.", node.lineno
    return None


@dataclass
class RenderedDocument:
    blocks: list[Block]
    clauses: list[str]
    authorities: set[str]


def render_clauses(ids: Iterable[str], facts: dict[str, Any], *, packet: str) -> RenderedDocument:
    """Render the selected clauses, in order, into numbered blocks for one document."""
    lib = packet_library(packet)
    cite = CiteTable()
    context = dict(facts, cite=cite, named=CiteTable(cite.used, in_text=True))
    blocks: list[Block] = []
    used: list[str] = []
    auths: set[str] = set()
    number = 0
    for clause_id in ids:
        if clause_id not in lib:
            raise TemplateError(_("The packet plan names clause '{clause}', which is not in the clause library").format(
                clause=clause_id))
        clause = lib[clause_id].clause
        if packet not in clause.packets:
            raise TemplateError(_("Clause '{clause}' is not marked for use in {kind} packets").format(
                clause=clause_id, kind=packet))
        if not _truthy(clause.when, context, clause.id):
            continue
        used.append(clause.id)
        auths.update(clause.authorities)
        for outer in _iterations(clause.each, context, clause.id):
            for spec in clause.blocks:
                for scope in _iterations(spec.each, outer, clause.id):
                    if spec.when and not _truthy(spec.when, scope, clause.id):
                        continue
                    text = _render(spec.text, scope, clause.id)
                    if spec.style == "numbered":
                        number += 1
                        blocks.append(Block(spec.style, text, number))
                    else:
                        blocks.append(Block(spec.style, text))
    auths.update(cite.used)
    return RenderedDocument(blocks, used, auths)


def _iterations(each: str, context: dict[str, Any], clause_id: str) -> list[dict[str, Any]]:
    if not each:
        return [context]
    m = re.match(r"^\s*([A-Za-z_]\w*)\s+in\s+(.+)$", each)
    if not m:
        raise TemplateError(_("Clause '{clause}': `each` must read 'name in list', not '{each}'").format(
            clause=clause_id, each=each))
    items = _evaluate(m.group(2), context, clause_id)
    return [dict(context, **{m.group(1): item, "loop_index": i}) for i, item in enumerate(items, 1)]


def _evaluate(expr: str, context: dict[str, Any], clause_id: str) -> Any:
    try:
        return expression(expr)(**context)
    except jinja2.TemplateError as exc:
        raise TemplateError(_("Clause '{clause}': condition or list '{expression}' failed: {reason}").format(
            clause=clause_id, expression=expr, reason=exc)) from None


def _truthy(expr: str, context: dict[str, Any], clause_id: str) -> bool:
    return bool(_evaluate(expr, context, clause_id))


def _render(text: str, context: dict[str, Any], clause_id: str) -> str:
    try:
        rendered = compiled(text).render(context)
    except jinja2.TemplateError as exc:
        raise TemplateError(_("Clause '{clause}' could not be rendered: {reason}").format(
            clause=clause_id, reason=exc)) from None
    return rendered.strip()


def clause_hashes(ids: Iterable[str]) -> dict[str, str]:
    lib = _loaded()
    return {lib[i].source.name: sha256_file(lib[i].source) for i in ids if i in lib}
