"""The names clause texts and packet.yaml read, checked against the kind's typed facts.

Clause text runs under ``StrictUndefined``, but only the branches a packet takes are rendered: a
misspelled ``{{ petitioner.nmae }}`` in a clause whose condition the examples never meet would
reach a client's packet unnoticed. Here every name a clause (its ``when``, ``each`` and every
block) and every line of a kind's packet.yaml reads is resolved statically against the kind's
:class:`~legal_docs.facts.Facts` model, through groups (``youth.name``), lists (``for o in
offenses`` binds ``o`` to one offense) and local names (``set``, loop variables, ``each``).
A problem names the file, the line and the name. ``legal-docs templates check`` runs it over the
clause files and packet definitions in force, a clinic's ``--templates`` copies first.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import jinja2
import yaml
from jinja2 import nodes
from pydantic import BaseModel

from .errors import Problem
from .facts import CONTEXT_NAMES
from .i18n import _
from .interview.conditions import Where, scalar_spans
from .interview.script import inner_model, is_list
from .resources import SAFE_LOADER


@dataclass(frozen=True)
class _ListOf:
    item: Optional[type[BaseModel]]  # None: a list of plain values


_Target = Union[type[BaseModel], _ListOf, None]  # None: a plain value, a mapping or a function (not checked)
EACH = re.compile(r"^\s*([A-Za-z_]\w*)\s+in\s+(.+)$")


def target_of(annotation: Any) -> _Target:
    """What a field's annotation holds: a group (its model), a list of groups, or a plain value."""
    if is_list(annotation):
        return _ListOf(inner_model(annotation))
    return inner_model(annotation)


def describe_names(model: type[BaseModel], name: str) -> str:
    """What ``model`` has instead of ``name``: the close names, or all of them when they are few."""
    from babel.lists import format_list

    from .i18n import language

    fields = list(model.model_fields)
    close = difflib.get_close_matches(name, fields, n=3)
    if close:
        return _("did you mean {names}?").format(
            names=format_list([f"'{c}'" for c in close], style="or", locale="en_US" if language() == "en" else language()))
    if len(fields) <= 12:
        return _("it has: {names}").format(names=", ".join(fields))
    return _("its names are in docs/template-authors.md")


class _Checker:
    """Resolves every name in one Jinja tree against ``model`` (the kind's facts) and ``scope``."""

    def __init__(self, model: type[BaseModel], scope: dict[str, _Target], env: jinja2.Environment) -> None:
        self.model = model
        self.scope = scope
        self.env = env
        self.problems: list[tuple[int, str, str]] = []  # (Jinja line, the name as written, message)
        # what a name not found is said to be: a fact (clauses, packet.yaml) or provided (a template)
        self.provided = False

    def problem(self, node: nodes.Node, dotted: str, model: type[BaseModel], name: str) -> None:
        said = (_("'{name}' is not provided ({model} has no '{field}'; {hint})") if self.provided
                else _("'{name}' is not a fact ({model} has no '{field}'; {hint})"))
        message = said.format(name=dotted, model=model.__name__, field=name, hint=describe_names(model, name))
        self.problems.append((node.lineno or 1, dotted, message))

    def field(self, node: nodes.Node, target: _Target, name: str, dotted: str) -> _Target:
        if isinstance(target, type) and issubclass(target, BaseModel):
            info = target.model_fields.get(name)
            if info is None and target.model_config.get("extra") == "allow":
                return None  # a group that lets other names through (facts.LetterContext)
            if info is None:
                self.problem(node, dotted, target, name)
                return None
            return target_of(info.annotation)
        return None  # a method of a list or of a value (join, upper…), or a key of a plain mapping

    def resolve(self, node: nodes.Node, scope: dict[str, _Target]) -> tuple[_Target, str]:
        if isinstance(node, nodes.Name):
            name = node.name
            if name in scope:
                return scope[name], name
            if name in self.model.model_fields:
                return target_of(self.model.model_fields[name].annotation), name
            if name in CONTEXT_NAMES:
                return target_of(CONTEXT_NAMES[name]), name
            if name in self.env.globals:
                return None, name
            self.problem(node, name, self.model, name)
            return None, name
        if isinstance(node, nodes.Getattr):
            target, dotted = self.resolve(node.node, scope)
            dotted = f"{dotted}.{node.attr}"
            return self.field(node, target, node.attr, dotted), dotted
        if isinstance(node, nodes.Getitem):
            target, dotted = self.resolve(node.node, scope)
            self.visit(node.arg, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                dotted = f"{dotted}.{node.arg.value}"
                return self.field(node, target, node.arg.value, dotted), dotted
            if isinstance(target, _ListOf) and not isinstance(node.arg, nodes.Slice):
                return target.item, f"{dotted}[]"
            return (target if isinstance(node.arg, nodes.Slice) else None), dotted
        if isinstance(node, nodes.Filter) and node.name in ("first", "last") and node.node is not None:
            target, dotted = self.resolve(node.node, scope)
            self._args(node, scope)
            return (target.item if isinstance(target, _ListOf) else None), f"{dotted}[]"
        if isinstance(node, nodes.Filter) and node.name in ("reverse", "list", "sort", "unique") and node.node is not None:
            target, dotted = self.resolve(node.node, scope)
            self._args(node, scope)
            return (target if isinstance(target, _ListOf) else None), dotted
        if isinstance(node, nodes.CondExpr):
            self.visit(node.test, scope)
            a, dotted = self.resolve(node.expr1, scope)
            b = self.resolve(node.expr2, scope)[0] if node.expr2 is not None else None
            return (a if a == b else None), dotted
        for child in node.iter_child_nodes():  # any other expression: its parts are checked
            self.visit(child, scope)
        return None, ""

    def _args(self, node: nodes.Filter, scope: dict[str, _Target]) -> None:
        for arg in [*node.args, *(k.value for k in node.kwargs)]:
            self.visit(arg, scope)

    def bind(self, target: nodes.Node, value: _Target, scope: dict[str, _Target]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, None, scope)

    def visit(self, node: nodes.Node, scope: dict[str, _Target]) -> None:
        if isinstance(node, nodes.Name) and node.ctx != "load":
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.CondExpr)):
            self.resolve(node, scope)
            return
        if isinstance(node, nodes.For):
            iterated = self.resolve(node.iter, scope)[0]
            inner = dict(scope, loop=None)
            self.bind(node.target, iterated.item if isinstance(iterated, _ListOf) else None, inner)
            if node.test is not None:
                self.visit(node.test, inner)
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
            return
        if isinstance(node, nodes.Assign):
            value = self.resolve(node.node, scope)[0]
            self.bind(node.target, value, scope)
            return
        if isinstance(node, nodes.AssignBlock):
            for child in node.body:
                self.visit(child, scope)
            self.bind(node.target, None, scope)
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for name_node, expr in zip(node.targets, node.values):
                self.bind(name_node, self.resolve(expr, scope)[0], inner)
            for child in node.body:
                self.visit(child, inner)
            return
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope, caller=None, varargs=None, kwargs=None)
            for arg in node.args:
                self.bind(arg, None, inner)
            for child in node.body:
                self.visit(child, inner)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)


def check_text(text: str, model: type[BaseModel], env: jinja2.Environment, *,
               scope: Optional[dict[str, _Target]] = None, expression: bool = False,
               provided: bool = False) -> list[tuple[int, str, str]]:
    """Names in ``text`` (a template, or an expression when ``expression``) that ``model`` and
    ``scope`` do not have: (line within the text, the name as written, message). A text Jinja
    cannot parse is reported elsewhere (clauses.library, load_packet_def) and gives nothing here.
    ``provided``: the model is what a Word template is provided (a name not found "is not
    provided"), not the kind's facts."""
    try:
        tree = env.parse("{{ (" + text + ") }}" if expression else text)
    except jinja2.TemplateSyntaxError:
        return []
    checker = _Checker(model, {}, env)
    checker.provided = provided
    checker.visit(tree, dict(scope or {}))
    return list(dict.fromkeys(checker.problems))


def each_scope(each: str, model: type[BaseModel], env: jinja2.Environment, scope: dict[str, _Target],
               ) -> tuple[dict[str, _Target], list[tuple[int, str, str]]]:
    """The scope inside ``each: name in list`` and the problems of its list expression."""
    if not each:
        return scope, []
    m = EACH.match(each)
    if not m:
        return scope, []  # clauses.render_clauses says what `each` must read
    problems = check_text(m.group(2), model, env, scope=scope, expression=True)
    checker = _Checker(model, {}, env)
    try:
        output = env.parse("{{ (" + m.group(2) + ") }}").body[0]
    except jinja2.TemplateSyntaxError:
        output = None
    iterated = checker.resolve(output.nodes[0], dict(scope))[0] if isinstance(output, nodes.Output) else None
    item = iterated.item if isinstance(iterated, _ListOf) else None
    return dict(scope, **{m.group(1): item, "loop_index": None}), problems


# -- where a text sits in its YAML file ----------------------------------------------------------

def line_of(lines: list[str], span: Optional[tuple[int, int]], name: str, jinja_line: int) -> Optional[int]:
    """The file line of a name found in a scalar spanning ``span``: the first line of the span that
    shows the name as written, else the scalar's line moved by the Jinja line."""
    if span is None:
        return None
    first, last = span
    last = min(max(last, first), len(lines))
    parts = name.replace("[]", "").split(".")
    for needle in (name, parts[-1]):
        pattern = re.compile(r"(?<![\w.])" + r"\s*(?:\.|\[['\"])\s*".join(map(re.escape, needle.split("."))) + r"(?!\w)")
        for n in range(first, last + 1):
            if pattern.search(lines[n - 1]):
                return n
    return min(first + jinja_line - 1, last)


def _label(path: Path, section: str, rel: str) -> str:
    from .resources import override_dir

    clinic = override_dir()
    return f"{section}/{rel}" + (" (template folder)" if clinic is not None and path.is_relative_to(clinic) else "")


def clause_problems(kind: str, model: type[BaseModel]) -> list[Problem]:
    """Every name the kind's clauses read (condition, each, block texts) that its facts lack."""
    from .clauses import ENV, library

    out: list[Problem] = []
    by_file: dict[Path, list[Any]] = {}
    for loaded in library().values():
        if kind in loaded.clause.packets:
            by_file.setdefault(loaded.source, []).append(loaded.clause)
    for path, clauses in by_file.items():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        spans = scalar_spans(text)
        raw = yaml.load(text, Loader=SAFE_LOADER) or {}
        index = {item.get("id"): i for i, item in enumerate(raw.get("clauses", [])) if isinstance(item, dict)}
        label = _label(path, "clauses", f"{path.parent.name}/{path.name}")
        for clause in clauses:
            base: Where = ("clauses", index.get(clause.id, -1))

            def add(found: Iterable[tuple[int, str, str]], key: Where, _clause: Any = clause) -> None:
                for jline, name, message in found:
                    line = line_of(lines, spans.get((*base, *key)), name, jline)
                    out.append(Problem((), label, message, where=_("clause {id}").format(id=_clause.id),
                                       line=line or 0, name=name))

            add(check_text(clause.when, model, ENV, expression=True), ("when",))
            outer, found = each_scope(clause.each, model, ENV, {})
            add(found, ("each",))
            for b, block in enumerate(clause.blocks):
                inner, found = each_scope(block.each, model, ENV, outer)
                add(found, ("blocks", b, "each"))
                if block.when:
                    add(check_text(block.when, model, ENV, scope=inner, expression=True), ("blocks", b, "when"))
                add(check_text(block.text, model, ENV, scope=inner), ("blocks", b, "text"))
    return out


# packet.yaml entries read before build_documents adds packet_documents (choosing and titling the papers)
_BEFORE_DOCUMENTS = ("when", "title", "paper_title")


def packet_problems(kind: str, model: type[BaseModel]) -> list[Problem]:
    """Every name the kind's packet.yaml (conditions, titles, parties, statute line) reads that its facts lack."""
    from .clauses import ENV
    from .resources import template_file

    path = template_file(f"{kind}/packet.yaml")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    spans = scalar_spans(text)
    raw = yaml.load(text, Loader=SAFE_LOADER) or {}
    label = _label(path, "form_templates", f"{kind}/packet.yaml")
    out: list[Problem] = []
    hidden = {"packet_documents": None}

    def add(value: Any, key: Where, where: str, *, expression: bool, before: bool = False) -> None:
        if not isinstance(value, str) or not value:
            return
        scope: dict[str, _Target] = {}
        found = check_text(value, model, ENV, scope=scope, expression=expression)
        if before:  # packet_documents does not exist yet when this is read
            found += [(1, n, _("'{name}' is not a fact yet here (the papers are listed only after they are chosen "
                               "and titled)").format(name=n)) for n in _names(value, ENV, expression) if n in hidden]
        for jline, name, message in found:
            out.append(Problem((), label, message, where=where, line=line_of(lines, spans.get(key), name, jline) or 0,
                               name=name))

    add(raw.get("statute_line"), ("statute_line",), "statute_line", expression=False)
    for group in ("parties", "confidential"):
        for i, choice in enumerate(raw.get(group) or []):
            if not isinstance(choice, dict):
                continue
            add(choice.get("when"), (group, i, "when"), group, expression=True)
            for j, line in enumerate(choice.get("lines") or []):
                add(line, (group, i, "lines", j), group, expression=False)
    for i, doc in enumerate(raw.get("documents") or []):
        if not isinstance(doc, dict):
            continue
        where = f"document {doc.get('key', i + 1)}"
        for key in ("when", "title", "paper_title", "footer_title"):
            add(doc.get(key), ("documents", i, key), where, expression=key == "when", before=key in _BEFORE_DOCUMENTS)
        fill = doc.get("fill")
        for name, value in (fill.items() if isinstance(fill, dict) else ()):
            add(value, ("documents", i, "fill", name), where, expression=False)
    return out


def _names(text: str, env: jinja2.Environment, expression: bool) -> set[str]:
    try:
        tree = env.parse("{{ (" + text + ") }}" if expression else text)
    except jinja2.TemplateSyntaxError:
        return set()
    return {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}


def fact_problems(kind: str, model: type[BaseModel]) -> list[Problem]:
    """The kind's clauses and packet.yaml checked against its facts model."""
    return clause_problems(kind, model) + packet_problems(kind, model)
