"""Interview conditions checked against the answers model when a script is loaded.

A condition (``when``, ``required_when``) is a sandboxed Jinja expression over the answers so
far. While the interview runs, an answer not given yet is simply undefined (the steps module
evaluates with ``ChainableUndefined``, so ``hearing.date`` is falsy before ``hearing`` is asked).
That leniency must not hide a typo: before a script is used, every name a condition reads is
resolved here against the model, as strictly as ``StrictUndefined`` would against complete
answers, and ``when: petitioner.file_with_initals`` is an error naming the file, the line and
the name instead of a question silently never asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

import jinja2
import yaml
from jinja2 import nodes
from pydantic import BaseModel

from ..errors import Problem
from ..i18n import _
from ..resources import SAFE_LOADER
from .script import GROUP_TYPES, Item, Script, field_at, inner_model, is_list

CONDITION_KEYS = ("when", "required_when")
Where = tuple[Union[str, int], ...]  # a place in the script: ("sections", 0, "items", 3, "when")


@dataclass(frozen=True)
class _ListOf:
    model: Optional[type[BaseModel]]


_Target = Union[type[BaseModel], _ListOf, None]  # None: a plain value or a function (not checked further)


def scalar_spans(text: str) -> dict[Where, tuple[int, int]]:
    """First and last line (1-based) of every scalar in a YAML document, by its place in it."""
    out: dict[Where, tuple[int, int]] = {}

    def walk(node: yaml.Node, where: Where) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*where, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                walk(value, (*where, index))
        else:
            out[where] = (node.start_mark.line + 1, node.end_mark.line + 1)

    try:
        root = yaml.compose(text, Loader=SAFE_LOADER)  # libyaml: the same marks, ten times faster
    except yaml.YAMLError:
        return out
    if root is not None:
        walk(root, ())
    return out


def scalar_lines(text: str) -> dict[Where, int]:
    """Line (1-based) of every scalar value in a YAML document, by its place in the document."""
    return {where: first for where, (first, _last) in scalar_spans(text).items()}


def condition_problems(
    script: Script, model: type[BaseModel], env: jinja2.Environment, *, label: str = "",
    lines: Optional[dict[Where, int]] = None,
) -> list[Problem]:
    """Every condition of `script` that cannot be read or names something the model lacks, each a
    Problem: `label` the file, `line` the condition's line (from :func:`scalar_lines`), `location`
    the field the question fills, `where` the condition, `name` the name not found."""
    problems: list[Problem] = []
    for index, section in enumerate(script.sections):
        _items(section.items, ("sections", index, "items"), (), None, model, env, label, lines or {}, problems)
    return problems


def _items(
    items: list[Item], where: Where, base: tuple[str, ...], scope: Optional[type[BaseModel]],
    model: type[BaseModel], env: jinja2.Environment, label: str, lines: dict[Where, int], problems: list[Problem],
) -> None:
    for index, item in enumerate(items):
        here = (*where, index)
        for key in CONDITION_KEYS:
            expr = getattr(item, key)
            if expr:
                problems += [Problem(base + item.parts, label, message, where=f"{key}: {expr}",
                                     line=lines.get((*here, key), 0), name=name)
                             for name, message in _check(expr, scope, model, env)]
        if item.type not in GROUP_TYPES:
            continue
        parts = base + item.parts
        inner_scope = scope
        if item.type == "repeat":
            try:
                inner_scope = inner_model(field_at(model, parts)[2].annotation)
            except KeyError:  # check_script reports the unknown field itself
                continue
        _items(item.items, (*here, "items"), parts, inner_scope, model, env, label, lines, problems)


def _check(expr: str, scope: Optional[type[BaseModel]], model: type[BaseModel],
           env: jinja2.Environment) -> list[tuple[str, str]]:
    """(name, message) for each thing wrong with a condition (name "" when it cannot be read)."""
    try:
        env.compile_expression(expr)  # syntax, unknown filters and tests
        tree = env.parse("{{ (" + expr + ") }}")
    except jinja2.TemplateError as exc:
        return [("", _("cannot be read ({reason})").format(reason=exc.message or exc))]
    problems: list[tuple[str, str]] = []

    def field(target: _Target, name: str, dotted: str) -> _Target:
        if isinstance(target, type) and issubclass(target, BaseModel):
            info = target.model_fields.get(name)
            if info is None:
                problems.append((dotted, _("'{name}' is not an answer ({model} has no field '{field}')").format(
                    name=dotted, model=target.__name__, field=name)))
                return None
            inner = inner_model(info.annotation)
            return _ListOf(inner) if is_list(info.annotation) else inner
        return None  # a list's or a plain value's attribute (a method): not an answer

    def resolve(node: nodes.Node) -> tuple[_Target, str]:
        if isinstance(node, nodes.Name):
            name = node.name
            if scope is not None and name in scope.model_fields:
                return field(scope, name, name), name
            if scope is not None and name == "previous":
                return scope, name
            if name in model.model_fields:
                return field(model, name, name), name
            if name in env.globals or (scope is not None and name == "number"):
                return None, name
            models = model.__name__ if scope is None else _("{model} or {item}").format(
                model=model.__name__, item=scope.__name__)
            problems.append((name, _("'{name}' is not an answer nor a function ({models} has no field '{name}')").format(
                name=name, models=models)))
            return None, name
        if isinstance(node, nodes.Getattr):
            target, dotted = resolve(node.node)
            return field(target, node.attr, f"{dotted}.{node.attr}"), f"{dotted}.{node.attr}"
        if isinstance(node, nodes.Getitem):
            target, dotted = resolve(node.node)
            visit(node.arg)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return field(target, node.arg.value, f"{dotted}.{node.arg.value}"), f"{dotted}.{node.arg.value}"
            if isinstance(target, _ListOf):
                return target.model, f"{dotted}[]"
            return None, dotted
        visit(node)
        return None, ""

    def visit(node: nodes.Node) -> None:
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            resolve(node)
            return
        for child in node.iter_child_nodes():
            visit(child)

    visit(tree)
    return list(dict.fromkeys(problems))
