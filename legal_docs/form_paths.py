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

import yaml
from pydantic import BaseModel

from .interview.script import inner_model, is_list, literal_values
from .resources import SAFE_LOADER


@lru_cache(maxsize=None)
def answer_models() -> dict[str, type[BaseModel]]:
    """Every kind's form answers models, by the name a map gives in ``answers:``."""
    from .kinds import KINDS

    out: dict[str, type[BaseModel]] = {}
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
                return f"'{path}': '{'.'.join(steps[:n])}' is a list, so '{step}' must be a number (0 is the first)"
            listed = False
            annotation = inner_model(annotation) or typing.get_args(annotation)[0]
            current = inner_model(annotation)
            continue
        if current is None:
            return f"'{path}': '{'.'.join(steps[:n])}' is a single value, it has no '{step}'"
        info = current.model_fields.get(step)
        if info is None:
            known = ", ".join(current.model_fields)
            return f"'{path}' is not an answer ({current.__name__} has no '{step}'; it has: {known})"
        annotation = info.annotation
        listed = is_list(annotation)
        current = inner_model(annotation) if not listed else None
    if kind == "text" and (listed or _is_model(annotation)):
        return f"'{path}' is a whole section, not a value a text box can show"
    if equals is not None:
        values = literal_values(annotation)
        if values and equals not in values:
            shown = ", ".join(repr(v) for v in values if v != "")
            return f"'{path}' is never {equals!r} (it is one of {shown})"
    return None


def entry_lines(path: Path) -> list[list[int]]:
    """For each revision, the line (1-based) of each of its field entries, read from the YAML
    nodes (used only to name the line of a problem)."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError):
        return []
    out: list[list[int]] = []
    for key, value in getattr(root, "value", []):
        if getattr(key, "value", None) != "revisions":
            continue
        for rev in getattr(value, "value", []):
            for rkey, rvalue in getattr(rev, "value", []):
                if getattr(rkey, "value", None) == "fields":
                    out.append([entry.start_mark.line + 1 for entry in rvalue.value])
    return out


def check_map(data: dict[str, Any], path: Path, label: str) -> list[str]:
    """Every problem with the answer paths of one parsed map (``label``: how to name its file)."""
    models = answer_models()
    name = data.get("answers")
    if name not in models:
        known = ", ".join(sorted(models))
        said = f"answers: {name}" if name else "no `answers:` line"
        return [f"{label}: {said}; a map names the form answers it reads (one of: {known})"]
    model = models[name]
    problems: list[tuple[int, int, str]] = []
    for r, rev in enumerate(data.get("revisions") or []):
        for e, entry in enumerate(rev.get("fields") or []):
            kind = "checkbox" if "checkbox" in entry else "text"
            why = check_path(model, str(entry.get("answer", "")), kind=kind, equals=entry.get("equals"))
            if why:
                problems.append((r, e, why))
    if not problems:
        return []
    lines = entry_lines(path)
    out = []
    for r, e, why in problems:
        line = lines[r][e] if r < len(lines) and e < len(lines[r]) else None
        out.append(f"{label}, line {line}: {why}" if line else f"{label}: {why}")
    return out
