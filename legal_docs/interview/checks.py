"""Each answer is checked as it is given, through the kind's own answers model.

A single answer is validated as part of the model that holds its field (the offense, the
address...), built from the answer and its siblings given so far: the field's type, its
constraints and the model's field validators all apply, and only the errors about that field
count (the siblings not yet asked are simply missing). When a whole group is answered, the group
is validated as a whole, so its cross-field rules apply too. Messages come from
``legal_docs.answers`` (plain_message, describe_loc), the one place pydantic errors become words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..answers import describe_loc, problems_from
from ..errors import Problem
from ..redaction import value_problems
from .script import field_at, model_at
from .session import get_path


def describe(problem: Problem, model: type[BaseModel]) -> str:
    """'Petitioner's date of birth is in the future'; a group's own rule reads as it is."""
    if not problem.location or model_at(model, problem.location) is not None:
        text = problem.message
    else:
        text = f"{problem.label} {problem.message}"
    return text[:1].upper() + text[1:]


def check_answer(
    model: type[BaseModel], path: tuple[Any, ...], value: Any, answers: dict[str, Any], *, base_dir: Path
) -> list[Problem]:
    """Problems with one answer (an empty list when it is acceptable)."""
    owner, name, _info = field_at(model, path)
    siblings = get_path(answers, path[:-1])
    data = {
        k: v for k, v in (siblings if isinstance(siblings, dict) else {}).items()
        if k in owner.model_fields and k != name and v is not None
    }
    data[name] = value
    try:
        owner.model_validate(data, context={"base_dir": str(base_dir)})
    except ValidationError as exc:
        found = [p for p in problems_from(exc, model, base=path[:-1])
                 if p.location[len(path) - 1 : len(path)] == (name,)]
        if found:
            return found
    # a full SSN or account number is refused before the session file could keep it
    label = describe_loc(model, list(path))[0]
    return [Problem(path, label, message) for message in value_problems(value, field=str(name),
                                                                        identifier_fields=_identifier_fields(model))]


def _identifier_fields(model: type[BaseModel]) -> frozenset[str]:
    from ..kinds import KINDS

    return next((k.identifier_fields for k in KINDS.values() if k.model is model), frozenset())


def check_group(
    model: type[BaseModel], path: tuple[Any, ...], exported: dict[str, Any], *, base_dir: Path
) -> list[Problem]:
    """Problems with the group (a sub-model, or the whole answers for ()) as it stands."""
    cls = model_at(model, path)
    data = get_path(exported, path) if path else exported
    if cls is None or not isinstance(data, dict):
        return []
    try:
        cls.model_validate(data, context={"base_dir": str(base_dir)})
    except ValidationError as exc:
        return problems_from(exc, model, base=path)
    return []
