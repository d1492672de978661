"""Interview scripts: the questions for a packet kind, kept as data beside its templates.

``form_templates/<kind>/interview.yaml`` lists sections, and in each the questions in order with
their wording, help, condition (``when``), default and type, tied to the kind's answers model by
the dotted ``field`` each one fills. :func:`check_script` compares a script with its model: a
required field no question reaches, or a question naming a field the model lacks, is a problem
(the test suite runs it for every registered kind).
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic.fields import FieldInfo

from ..errors import Problem, TemplateError
from ..i18n import _, ngettext
from ..resources import SAFE_LOADER, override_dir, per_resources, template_file

QuestionType = Literal[
    "text", "multiline", "date", "yesno", "choice", "multichoice", "list", "path", "group", "repeat"
]
GROUP_TYPES = ("group", "repeat")


class Item(BaseModel):
    """One question, or a group of questions filling a sub-model or a list of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str  # dotted, relative to the enclosing group
    type: QuestionType = "text"
    prompt: str = ""
    label: str = ""  # short name on the review screen; the model field's title when empty
    help: str = ""
    when: str = ""  # condition over the answers (sandboxed Jinja expression)
    required_when: str = ""  # makes an optional model field required when true
    default: Any = None  # a value, or text with {field} references to earlier answers
    choices: Union[list[str], dict[str, str], str] = Field(default_factory=list)  # "counties"
    other: bool = False  # multichoice: typed entries beyond the choices are kept
    # text: a list offered as completions, any text still accepted ("code_sections")
    suggest: Literal["", "code_sections"] = ""
    # groups
    ask: str = ""  # the yes/no question that opens an optional group or list
    more: str = ""  # repeat: "Add another offense?"
    noun: str = ""  # repeat: "Offense" (items are shown as "Offense 2")
    recheck: str = ""  # group: the question to ask again when the group as a whole is refused
    items: list["Item"] = Field(default_factory=list)

    @field_validator("field")
    @classmethod
    def _dotted(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*", value):
            raise ValueError(_("must be a dotted field name such as petitioner.name"))
        return value

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.field.split("."))

    def choice_map(self) -> dict[str, str]:
        """value -> label, in order ("counties" is the 58 California counties)."""
        if isinstance(self.choices, str):
            if self.choices == "counties":
                from ..lawdata import counties

                return {c: c for c in counties()}
            raise ValueError(_("unknown choice list '{name}'").format(name=self.choices))
        if isinstance(self.choices, dict):
            return dict(self.choices)
        return {c: c for c in self.choices}

    def suggestions(self) -> dict[str, str]:
        """value -> what it is, offered while typing a text answer (`suggest:`); {} without one."""
        if self.suggest == "code_sections":
            from ..lawdata import code_sections

            return code_sections()
        return {}


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    intro: str = ""
    items: list[Item]


class Script(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: Literal[1]
    kind: str
    title: str = ""
    fixed: dict[str, Any] = Field(default_factory=dict)  # answers set without asking (kind: ...)
    sections: list[Section] = Field(min_length=1)


@per_resources
def load_script(kind: str) -> Script:
    """The kind's interview script in force (a clinic's `--templates` copy first), checked: its
    conditions name only answers the kind's model has (see conditions.py)."""
    import yaml

    from ..kinds import get_kind
    from .conditions import condition_problems, scalar_lines
    from .steps import environment

    rel = f"{kind}/interview.yaml"
    try:
        path = template_file(rel)
    except TemplateError:
        raise TemplateError(_("The packet kind '{kind}' has no interview script ({file})").format(
            kind=kind, file=f"form_templates/{rel}")) from None
    clinic = override_dir()
    label = f"form_templates/{rel}" + (" (template folder)" if clinic is not None and path.is_relative_to(clinic) else "")
    text = path.read_text(encoding="utf-8")
    try:
        script = Script.model_validate(yaml.load(text, Loader=SAFE_LOADER))
    except yaml.YAMLError as exc:
        raise TemplateError(_("{file} cannot be read: {reason}").format(file=label, reason=exc)) from None
    except ValidationError as exc:
        from ..answers import invalid_data

        raise invalid_data(_("Interview script for {kind} ({file})").format(kind=kind, file=label), exc,
                           Script) from None
    problems = condition_problems(script, get_kind(kind).model, environment(kind), label=label,
                                  lines=scalar_lines(text))
    if problems:
        raise TemplateError(ngettext("{file}: {n} condition names something the answers do not have",
                                     "{file}: {n} conditions name something the answers do not have",
                                     len(problems)).format(file=label, n=len(problems)), problems=problems)
    return script


# -- the model side ----------------------------------------------------------------------------


def inner_model(annotation: Any) -> Optional[type[BaseModel]]:
    """The model inside Optional[M], list[M] or M; None for plain values."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def accepts_approximate(model: type[BaseModel], parts: tuple[Any, ...]) -> bool:
    """Whether the date at `parts` may be a month or a year alone (its field is an ApproxDate)."""
    from ..dates import ApproxDate

    def holds(annotation: Any) -> bool:
        return annotation is ApproxDate or any(holds(a) for a in typing.get_args(annotation))

    try:
        return holds(field_at(model, parts)[2].annotation)
    except KeyError:
        return False


def is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (list, tuple):
        return True
    if origin in (Union, types.UnionType) or origin is typing.Annotated:
        return any(is_list(a) for a in typing.get_args(annotation) if a is not type(None))
    return False


def literal_values(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) is Literal:
        return typing.get_args(annotation)
    out: tuple[Any, ...] = ()
    for arg in typing.get_args(annotation):
        out += literal_values(arg)
    return out


def field_at(model: type[BaseModel], parts: tuple[Any, ...]) -> tuple[type[BaseModel], str, FieldInfo]:
    """('offenses', 0, 'date') -> (Offense, 'date', FieldInfo). KeyError when there is none."""
    current = model
    names = [p for p in parts if not isinstance(p, int)]
    for name in names[:-1]:
        info = current.model_fields[name]
        inner = inner_model(info.annotation)
        if inner is None:
            raise KeyError(name)
        current = inner
    return current, names[-1], current.model_fields[names[-1]]


def model_at(model: type[BaseModel], parts: tuple[Any, ...]) -> Optional[type[BaseModel]]:
    """The model class of the value at a path: ('offenses', 0) -> Offense; () -> the model."""
    names = [p for p in parts if not isinstance(p, int)]
    if not names:
        return model
    try:
        _, _, info = field_at(model, tuple(names))
    except KeyError:
        return None
    inner = inner_model(info.annotation)
    if inner is None:
        return None
    if parts and not isinstance(parts[-1], int) and is_list(info.annotation):
        return None  # the list itself, not one of its items
    return inner


# -- the check -----------------------------------------------------------------------------------


def check_script(script: Script, model: type[BaseModel]) -> list[Problem]:
    """Problems between a script and its model (empty when every required field is reached and
    every condition names only answers the model has), each at the field the question fills."""
    from ..errors import InputError
    from .conditions import condition_problems
    from .steps import environment

    try:
        env = environment(script.kind)
    except InputError:  # not a kind this tool knows: the functions every kind has
        env = environment()
    problems: list[Problem] = condition_problems(script, model, env)
    for key in script.fixed:
        if key not in model.model_fields:
            problems.append(Problem(("fixed",), "", _("'{key}' is not a field of {model}").format(
                key=key, model=model.__name__), name=key))
    asked: set[str] = set()
    for section in script.sections:
        _check_items(section.items, model, (), asked, problems, conditional=False)
    _check_required(model, (), asked | set(script.fixed), problems)
    return list(dict.fromkeys(problems))


def _check_items(
    items: list[Item], model: type[BaseModel], base: tuple[str, ...], asked: set[str],
    problems: list[Problem], *, conditional: bool,
) -> None:
    for item in items:
        parts = base + item.parts
        dotted = ".".join(parts)

        def problem(message: str, parts: tuple[str, ...] = parts, dotted: str = dotted) -> None:
            problems.append(Problem(parts, "", message, name=dotted))

        try:
            info = field_at(model, parts)[2]
        except KeyError:
            problem(_("the answers model has no such field"))
            continue
        if item.when and info.is_required() and not conditional:
            problem(_("a required field must not depend on a condition (when)"))
        if item.type in GROUP_TYPES:
            inner = inner_model(info.annotation)
            if inner is None:
                problem(_("a {type} needs a field holding a group of fields").format(type=item.type))
                continue
            if (item.type == "repeat") != is_list(info.annotation):
                problem(_("use type {type}").format(type="repeat" if is_list(info.annotation) else "group"))
            if item.type == "group" and not info.is_required() and not item.ask:
                problem(_("an optional group needs `ask` (the question that opens it)"))
            if item.type == "repeat" and not item.more:
                problem(_("a repeat needs `more` (e.g. 'Add another offense?')"))
            asked.add(dotted)
            _check_items(item.items, model, parts, asked, problems,
                         conditional=conditional or bool(item.when))
            _check_required(inner, parts, asked, problems)
            continue
        if not item.prompt:
            problem(_("the question has no prompt"))
        if item.type in ("choice", "multichoice"):
            try:
                values = set(item.choice_map())
            except ValueError as exc:
                problem(str(exc))
                continue
            allowed = set(literal_values(info.annotation))
            if allowed and not values <= allowed:
                problem(_("choices {choices} are not allowed by the model").format(choices=sorted(values - allowed)))
        if item.type in ("list", "multichoice") and not is_list(info.annotation):
            problem(_("a {type} question needs a list field").format(type=item.type))
        asked.add(dotted)


def _check_required(model: type[BaseModel], base: tuple[str, ...], asked: set[str], problems: list[Problem]) -> None:
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        dotted = ".".join(base + (name,))
        inner = inner_model(info.annotation)
        if inner is not None and not is_list(info.annotation):
            _check_required(inner, base + (name,), asked, problems)  # reached through its fields
        elif dotted not in asked:
            problems.append(Problem(base + (name,), "", _("required by the model, but no question asks for it"),
                                    name=dotted))
