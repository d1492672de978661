"""From a script and the answers so far to the ordered list of steps the interview walks.

A step is one question, or the yes/no that opens an optional group (``gate``), or the "Add
another offense?" after a list item (``more``). The list is recomputed after every answer, so
conditions (``when``), list lengths and opened groups always reflect the latest answers. Only
answers on visible steps go into the answers mapping (:func:`export`), as copier records only
the answers to questions it asked.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Any, Literal, Optional

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from ..dates import age_on, parse_date
from ..errors import TemplateError
from ..i18n import _
from .script import Item, Script, field_at
from .session import Session, get_path, key_of, set_path

StepKind = Literal["question", "gate", "more"]


@dataclass(frozen=True)
class Step:
    key: str  # "offenses.0.date"; a gate "petitioner.address?"; a more "offenses.0+"
    kind: StepKind
    path: tuple[Any, ...]
    item: Item
    section: int  # index into script.sections
    required: bool
    scope: tuple[Any, ...]  # the innermost list item holding the step: ("offenses", 0) or ()
    heading: str  # "Offense 2", or "" outside lists
    group: Optional[Item] = None  # the innermost group or repeat holding the step
    group_path: tuple[Any, ...] = ()  # its path: ("trafficking",), ("offenses", 1)

    @property
    def prompt(self) -> str:
        if self.kind == "gate":
            return self.item.ask
        if self.kind == "more":
            return self.item.more
        return self.item.prompt


# -- conditions and references to earlier answers ---------------------------------------------


def _minor(born: Any = None, on: Any = None) -> bool:
    """True when a person born on `born` is under 18 on `on` (today when `on` is not given or not a
    date yet), for `when` conditions such as minor(protected.date_of_birth, signing.date). False
    while the date of birth is not known."""
    try:
        birth = parse_date(born)
    except ValueError:
        return False
    try:
        day = parse_date(on)
    except ValueError:
        day = dt.date.today()
    return age_on(birth, day) < 18


@lru_cache(maxsize=None)
def environment(kind: str = "") -> ImmutableSandboxedEnvironment:
    """The sandbox a kind's conditions run in: the functions every kind has (`minor`) and the
    kind's own (its ``Kind.interview_functions``, e.g. vacatur's PC 667.5(c) `screen`); without
    a kind, the common ones only."""
    env = ImmutableSandboxedEnvironment(undefined=jinja2.ChainableUndefined)
    env.globals["minor"] = _minor
    if kind:
        from ..kinds import get_kind

        env.globals.update(get_kind(kind).functions())
    return env


def context(answers: dict[str, Any], scope: tuple[Any, ...]) -> dict[str, Any]:
    """Names a condition or reference sees: the top-level answers, then the current list item's
    fields, and `previous` (the item before it in the same list)."""
    ctx: dict[str, Any] = dict(answers)
    if scope:
        item = get_path(answers, scope)
        if isinstance(item, dict):
            ctx.update(item)
        index = scope[-1]
        prev = get_path(answers, scope[:-1] + (index - 1,)) if isinstance(index, int) and index > 0 else None
        ctx["previous"] = prev if isinstance(prev, dict) else {}
        ctx["number"] = index + 1 if isinstance(index, int) else None
    return ctx


@lru_cache(maxsize=512)
def _compiled(kind: str, expr: str) -> Any:
    return environment(kind).compile_expression(expr, undefined_to_none=True)


def condition(expr: str, answers: dict[str, Any], scope: tuple[Any, ...], *, kind: str = "") -> bool:
    if not expr:
        return True
    try:
        return bool(_compiled(kind, expr)(**context(answers, scope)))
    except jinja2.TemplateError as exc:
        raise TemplateError(f"Interview condition '{expr}' cannot be evaluated: {exc}") from None


_REF = re.compile(r"\{([a-z_][a-z0-9_.]*)(\|initials)?\}")


def fill(text: str, answers: dict[str, Any], scope: tuple[Any, ...]) -> Optional[str]:
    """'{county} County District Attorney' with the answers filled in; None if one is missing."""
    ctx = context(answers, scope)
    missing = False

    def sub(m: re.Match[str]) -> str:
        nonlocal missing
        value: Any = ctx
        for part in m.group(1).split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value in (None, "", []):
            missing = True
            return ""
        if m.group(2):
            from ..text import initials

            return initials(str(value))
        return str(value)

    out = _REF.sub(sub, text)
    return None if missing else out


def default_for(step: Step, answers: dict[str, Any]) -> Any:
    default = step.item.default
    if isinstance(default, str):
        return fill(default, answers, step.scope)
    return default


def show(text: str, answers: dict[str, Any], scope: tuple[Any, ...]) -> str:
    """A prompt or help text for display: translated, with references filled in where known."""
    text = _(text)
    return fill(text, answers, scope) or _REF.sub(lambda m: "…", text)


# -- the steps --------------------------------------------------------------------------------------


def build_steps(script: Script, model: type[BaseModel], session: Session) -> list[Step]:
    out: list[Step] = []
    for index, section in enumerate(script.sections):
        _walk(section.items, (), (), "", index, model, session, out, kind=script.kind)
    return out


def _walk(
    items: list[Item], base: tuple[Any, ...], scope: tuple[Any, ...], heading: str, section: int,
    model: type[BaseModel], session: Session, out: list[Step], group: Optional[Item] = None, *, kind: str,
) -> None:
    answers = session.answers
    for item in items:
        if not condition(item.when, answers, scope, kind=kind):
            continue
        path = base + item.parts
        info = field_at(model, path)[2]
        required = info.is_required() or (
            bool(item.required_when) and condition(item.required_when, answers, scope, kind=kind)
        )
        if item.type == "group":
            if item.ask:
                gate = Step(key_of(path) + "?", "gate", path, item, section, False, scope, heading, item, path)
                out.append(gate)
                if not gate_open(session, gate):
                    continue
            _walk(item.items, path, scope, heading, section, model, session, out, item, kind=kind)
        elif item.type == "repeat":
            values = get_path(answers, path)
            count = len(values) if isinstance(values, list) else 0
            if item.ask:
                gate = Step(key_of(path) + "?", "gate", path, item, section, False, scope, heading, item, path)
                out.append(gate)
                if not gate_open(session, gate):
                    continue
            count = max(count, 1)
            noun = _(item.noun) if item.noun else ""
            for i in range(count):
                item_path = path + (i,)
                title = f"{noun} {i + 1}".strip()
                if heading:  # a list inside a list item: "Parent 1, fact 2"
                    title = f"{heading}, {title[:1].lower()}{title[1:]}"
                _walk(item.items, item_path, item_path, title, section, model, session, out, item, kind=kind)
                out.append(Step(key_of(item_path) + "+", "more", item_path, item, section, False, item_path, title,
                                item, item_path))
        else:
            group_path = path[: len(path) - len(item.parts)]
            out.append(Step(key_of(path), "question", path, item, section, bool(required), scope, heading,
                            group, group_path))


def gate_open(session: Session, step: Step) -> bool:
    if step.key in session.flags:
        return session.flags[step.key]
    value = get_path(session.answers, step.path)
    return bool(value)  # answers already given (a prefill, a resume) open the group


def is_answered(session: Session, step: Step) -> bool:
    if step.kind == "gate":
        return step.key in session.flags or bool(get_path(session.answers, step.path))
    if step.kind == "more":
        if step.key in session.flags:
            return True
        values = get_path(session.answers, step.path[:-1])
        return isinstance(values, list) and step.path[-1] < len(values) - 1
    if step.key in session.skipped and not step.required:
        return True
    return get_path(session.answers, step.path) is not None


def export(script: Script, steps: list[Step], session: Session) -> dict[str, Any]:
    """The answers mapping: fixed values and the answers to the visible questions only."""
    out: dict[str, Any] = dict(script.fixed)
    for step in steps:
        if step.kind == "gate" and gate_open(session, step) and get_path(out, step.path) is None:
            set_path(out, step.path, [] if step.item.type == "repeat" else {})
        elif (step.kind == "gate" and step.item.type == "repeat" and session.flags.get(step.key) is False
              and get_path(out, step.path) is None):
            # "no" to "Are there other court cases?" is an answer: exported as an empty list, so a
            # sworn form item can tell it from a question never asked (left blank)
            set_path(out, step.path, [])
        if step.kind != "question":
            continue
        value = get_path(session.answers, step.path)
        if value is not None:
            set_path(out, step.path, value)
    return out
