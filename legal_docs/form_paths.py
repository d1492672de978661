"""A form map's answer paths checked against the typed form answers they read.

Each kind names the answers mappings its planner hands the official forms (``Kind.form_answers``:
name -> pydantic model). A map says which one it reads (``answers: protective-order``); every
``answer:`` path in it must lead through that model's fields (a digit step into a list), a text
entry must end on a value (not a whole section), and a checkbox's ``equals:`` must be one of the
values the answer can take. A problem is reported with the map's file, the entry's line and the path.
"""

from __future__ import annotations

import typing
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import Problem
from .i18n import _
from .interview.conditions import Where, scalar_spans
from .interview.script import inner_model, is_list, literal_values


@lru_cache(maxsize=None)
def answer_models() -> dict[str, type[BaseModel]]:
    """Every kind's form answers models, by the name a map gives in ``answers:``."""
    from .kinds import KINDS

    from .form_attachment import AttachmentPage

    out: dict[str, type[BaseModel]] = {"attachment": AttachmentPage}  # MC-025, filled by form_attachment
    for kind in KINDS.values():
        for name, ref in kind.form_answers.items():
            out[name] = kind.load(ref)
    return out


def _is_model(annotation: Any) -> bool:
    return not is_list(annotation) and inner_model(annotation) is not None


def check_path(model: type[BaseModel], path: str, *, kind: str, equals: Any = None) -> str | None:
    """Why ``path`` is not an answer of ``model`` (None when it is). ``kind`` is the entry's kind
    ("text" or "checkbox"); ``equals`` a checkbox's value to compare with."""
    steps = path.split(".")
    current: type[BaseModel] | None = model
    annotation: Any = model
    listed = False  # the previous step ended on a list: this step is an index
    for n, step in enumerate(steps):
        if listed:
            if not step.isdigit():
                return _("'{path}': '{list}' is a list, so '{step}' must be a number (0 is the first)").format(
                    path=path, list=".".join(steps[:n]), step=step)
            listed = False
            annotation = inner_model(annotation) or typing.get_args(annotation)[0]
            current = inner_model(annotation)
            continue
        if current is None:
            return _("'{path}': '{value}' is a single value, it has no '{step}'").format(
                path=path, value=".".join(steps[:n]), step=step)
        info = current.model_fields.get(step)
        if info is None:
            return _("'{path}' is not an answer ({model} has no '{step}'; it has: {known})").format(
                path=path, model=current.__name__, step=step, known=", ".join(current.model_fields))
        annotation = info.annotation
        listed = is_list(annotation)
        current = inner_model(annotation) if not listed else None
    if kind == "text" and (listed or _is_model(annotation)):
        return _("'{path}' is a whole section, not a value a text box can show").format(path=path)
    if equals is not None:
        values = literal_values(annotation)
        if values and equals not in values:
            shown = ", ".join(repr(v) for v in values if v != "")
            return _("'{path}' is never {value} (it is one of {values})").format(
                path=path, value=repr(equals), values=shown)
    return None


def check_map(data: dict[str, Any], path: Path, label: str) -> list[Problem]:
    """Every problem with the answer paths of one parsed map (``label``: how to name its file),
    each with the line of its entry's ``answer:`` and the path as `name`."""
    models = answer_models()
    name = data.get("answers")
    if name not in models:
        known = ", ".join(sorted(models))
        said = f"answers: {name}" if name else _("no `answers:` line")
        return [Problem((), label, _("{said}; a map names the form answers it reads (one of: {known})").format(
            said=said, known=known), fix=_("name one of them in `answers:`"))]
    model = models[name]
    problems: list[tuple[Where, str, str]] = []
    for r, rev in enumerate(data.get("revisions") or []):
        for e, entry in enumerate(rev.get("fields") or []):
            kind = "checkbox" if "checkbox" in entry else "text"
            answer = str(entry.get("answer", ""))
            why = check_path(model, answer, kind=kind, equals=entry.get("equals"))
            if why:
                problems.append((("revisions", r, "fields", e, "answer"), answer, why))
    if not problems:
        return []
    spans = scalar_spans(path.read_text(encoding="utf-8"))
    return [Problem((), label, why, line=spans.get(where, (0, 0))[0], name=answer)
            for where, answer, why in problems]
