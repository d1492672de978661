"""Reading an answers file and validating it into a kind's model.

This is the one place where pydantic errors become plain-language messages: each names the
field by its title and its dotted path (the spreadsheet column), never the value typed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputError, Problem, TemplateError
from .i18n import N_, _, ngettext
from .kinds import KindSpec, get_kind
from .limits import MAX_DEPTH, MAX_INT_DIGITS, DuplicateKey, parse_json, structure_problem
from .redaction import check_answers
from .resources import SAFE_LOADER
from .vault import read_bytes


def read_answers_file(path: Path) -> dict[str, Any]:
    """Parse a YAML or JSON answers file into a mapping; errors name the file, not its content."""
    import yaml

    if not path.is_file():
        raise InputError(_("Answers file not found: {name}").format(name=path.name))
    try:
        raw = read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(_("Answers file {name} is not UTF-8 text; save it as UTF-8").format(name=path.name)) from None
    except OSError as exc:
        raise InputError(_("Answers file {name} cannot be read ({reason})").format(name=path.name, reason=exc.strerror)) from None
    try:
        if path.suffix.lower() == ".json":
            data = parse_json(raw)
        else:
            data = yaml.load(raw, Loader=_answers_loader())
    except DuplicateKey as exc:
        raise InputError(_("Answers file {name} {problem}").format(name=path.name, problem=exc.describe())) from None
    except json.JSONDecodeError as exc:
        raise InputError(_("Answers file {name} is not valid JSON (line {line})").format(name=path.name, line=exc.lineno)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = yaml_reason(exc)
        if mark is not None:
            raise InputError(_("Answers file {name} is not valid YAML (line {line}, column {column}): {reason}").format(
                name=path.name, line=mark.line + 1, column=mark.column + 1, reason=reason)) from None
        raise InputError(_("Answers file {name} is not valid YAML: {reason}").format(
            name=path.name, reason=reason)) from None
    except RecursionError:
        raise InputError(_("Answers file {name} {problem}").format(
            name=path.name, problem=_("nests groups deeper than answers ever do (more than {n} levels)").format(
                n=MAX_DEPTH))) from None
    except ValueError as exc:  # a number too long to convert (parse_json says which)
        raise InputError(_("Answers file {name} {problem}").format(name=path.name, problem=exc)) from None
    problem = structure_problem(data)
    if problem is not None:
        raise InputError(_("Answers file {name} {problem}").format(name=path.name, problem=problem))
    if not isinstance(data, dict):
        raise InputError(_("Answers file {name} must be a mapping of fields (kind: ..., petitioner: ...)").format(name=path.name))
    return data


_YAML_REASONS = (  # the parser's words -> what to do about them (the usual mistakes in answers files)
    ("mapping values are not allowed",
     N_("a colon inside a value: put a value that holds ': ' in quotes (\"like: this\")")),
    ("could not find expected ':'",
     N_("a line that is not 'name: value': a colon is missing, or a long value runs onto the next line "
        "without being indented")),
    ("tab character", N_("a tab: indent with spaces, not tabs")),
    ("that cannot start any token",
     N_("a tab or a character YAML does not allow at the start of a value: indent with spaces, and put "
        "values starting with @, ` or % in quotes")),
    ("did not find expected key",
     N_("the indentation does not line up with the lines above: indent each level with the same number of spaces")),
    ("expected <block end>",
     N_("the indentation does not line up with the lines above: indent each level with the same number of spaces")),
    ("found unexpected end of stream",
     N_("a quote is opened and never closed")),
    ("expected ',' or ']'", N_("a list in [brackets] is not closed, or an item in it needs quotes")),
    ("expected ',' or '}'", N_("a group in curly braces is not closed, or a value in it needs quotes")),
)


def yaml_reason(exc: Exception) -> str:
    """Why a YAML file cannot be read, in words that say what to fix (the parser's own words,
    which never quote a whole value, when the mistake is not a usual one)."""
    problem = str(getattr(exc, "problem", "") or "")
    for words, reason in _YAML_REASONS:
        if words in problem:
            return _(reason)
    return problem or _("the text is not in YAML form")


def _answers_loader() -> Any:
    """The safe loader, but dates stay text: an impossible date such as 2001-02-30 then gets the
    model's plain message naming the field, instead of crashing inside the YAML parser."""

    class AnswersLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            # YAML lets a later `offenses:` silently replace an earlier one: refuse it, naming the line
            seen: set[Any] = set()
            for key_node, _value in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                except TypeError:  # an unhashable key: the constructor reports it
                    continue
                if duplicate:
                    raise DuplicateKey(str(key), key_node.start_mark.line + 1)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    AnswersLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    AnswersLoader.add_constructor("tag:yaml.org,2002:int", _bounded_int)
    return AnswersLoader


def _bounded_int(loader: Any, node: Any) -> Any:
    """A YAML integer, or its text when it is longer than any answer (the model then names the
    field), so a 5,000-digit number never reaches int()."""
    text = loader.construct_scalar(node)
    if len(text.replace("_", "").lstrip("+-")) > MAX_INT_DIGITS:
        raise ValueError(_("holds a number longer than any answer ({n} digits at most)").format(n=MAX_INT_DIGITS))
    return SAFE_LOADER.construct_yaml_int(loader, node)


def validate_answers(data: dict[str, Any], *, base_dir: Path) -> tuple[KindSpec, BaseModel]:
    """Pick the kind from `kind:` and validate; InputError lists every problem in plain words."""
    if "kind" not in data:
        raise InputError(_("The answers do not say which packet to make: add `kind:` (e.g. kind: vacatur)."))
    spec = get_kind(str(data["kind"]))
    try:
        model = spec.model.model_validate(data, context={"base_dir": str(base_dir)})
    except ValidationError as exc:
        raise InputError(
            ngettext("The answers have {n} problem:", "The answers have {n} problems:", exc.error_count()).format(
                n=exc.error_count()),
            problems=problems_from(exc, spec.model),
        ) from None
    check_answers(model, describe=describe_loc, identifier_fields=spec.identifier_fields)
    return spec, model


def load_answers(path: Path) -> tuple[KindSpec, BaseModel]:
    return validate_answers(read_answers_file(path), base_dir=path.resolve().parent)


_MESSAGES = {
    "missing": N_("is required"),
    "string_too_short": N_("must not be empty"),
    "string_too_long": N_("is too long"),
    "too_short": N_("needs at least one entry"),
    "extra_forbidden": N_("is not a field this packet knows (check the spelling)"),
    "bool_parsing": N_("must be yes or no (true/false)"),
    "bool_type": N_("must be yes or no (true/false)"),
    "string_type": N_("must be text"),
    "list_type": N_("must be a list"),
    "model_type": N_("must be a group of fields"),
    "model_attributes_type": N_("must be a group of fields"),
    "date_type": N_("must be a date"),
    "int_parsing": N_("must be a whole number"),
}


# What each field pattern in fields.py asks for, said to the person typing.
_PATTERN_FORMS = {
    r"^\d{1,7}$": N_("digits only, without letters (e.g. 287401, not SBN 287401)"),
    r"^\d{5}(-\d{4})?$": N_("5 digits, or 5 digits, a hyphen and 4 more (e.g. 02134 or 90012-1234)"),
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": N_("an email address such as name@example.org"),
}


def problems_from(exc: ValidationError, model: type[BaseModel] | None, *,
                  base: tuple[str | int, ...] = ()) -> list[Problem]:
    """Every error of a pydantic ValidationError as a Problem: the one converter, for answers
    (`model` the kind's model) and data files (`model` the file's model) alike. `base` is where
    the validated data sits when a part of the whole was validated (a sub-model of the answers,
    in the interview); `model` is always the model of the whole, which names the fields."""
    out = []
    for err in exc.errors(include_url=False, include_input=False):
        loc = base + tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        label, _dotted = describe_loc(model, list(loc)) if loc else ("", "")
        out.append(Problem(loc, label, plain_message(err)))
    return out


def invalid_data(name: str, exc: ValidationError, model: type[BaseModel]) -> TemplateError:
    """A data file (clauses, packet definition, law table, interview script) that its model
    refuses: every problem, in the message itself (lint and CLI both show it) and as problems."""
    problems = problems_from(exc, model)
    listed = "; ".join(_("at {place}: {message}").format(place=p.dotted, message=p.message) if p.location
                       else p.message for p in problems)
    return TemplateError(_("{name} is invalid {problems}").format(name=name, problems=listed), problems=problems)


def flatten_errors(model: type[BaseModel], exc: ValidationError) -> list[str]:
    """The problems' text, one line each ("label (dotted.path): message")."""
    return [str(p) for p in problems_from(exc, model)]


def plain_message(err: Any) -> str:
    etype = err["type"]
    if etype == "value_error":
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
        return _(msg.removeprefix("Value error, "))
    if etype == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", "")).replace("'", "").replace(" or ", _(" or "))
        return _("must be one of: {values}").format(values=expected)
    if etype == "too_short" and err.get("ctx", {}).get("field_type") != "List":
        return _("must not be empty")
    if etype in ("too_long", "string_too_long"):
        ctx = err.get("ctx", {})
        limit = ctx.get("max_length")
        if ctx.get("field_type") == "List":
            return _("has too many entries (at most {n})").format(n=limit)
        return _("is too long (at most {n} characters)").format(n=limit) if limit else _("is too long")
    if etype == "string_pattern_mismatch":
        shape = _PATTERN_FORMS.get(str(err.get("ctx", {}).get("pattern", "")))
        return _("is not in the expected form: {shape}").format(shape=_(shape)) if shape else _("is not in the expected form")
    return _(_MESSAGES[etype]) if etype in _MESSAGES else str(err["msg"])


def describe_loc(model: type[BaseModel] | None, loc: list[Any]) -> tuple[str, str]:
    """('offenses', 1, 'date') -> ('Offense 2, date of the offense or arrest', 'offenses.2.date')."""
    words: list[str] = []
    dotted: list[str] = []
    current: Any = model
    list_title = ""
    for part in loc:
        if isinstance(part, int):
            dotted.append(str(part + 1))
            noun = list_title[:-1] if list_title.endswith("s") else list_title
            words[-1:] = [f"{noun} {part + 1}".capitalize()]
            continue
        dotted.append(str(part))
        fields = getattr(current, "model_fields", {}) if isinstance(current, type) else {}
        info = fields.get(part)
        title = _(info.title) if info and info.title else str(part).replace("_", " ")
        words.append(title)
        list_title = title
        current = _inner_model(info.annotation) if info else None
    # The last title says what the field is; a list item ("Offense 2") says which one.
    item = next((w for w in reversed(words[:-1]) if w[-1:].isdigit()), "")
    label = ", ".join(x for x in (item, words[-1] if words else "answers") if x)
    return label, ".".join(dotted)


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
