"""Where the shipped data lives: found through importlib.resources, never by __file__ arithmetic.

``form_templates/`` and ``clauses/`` sit at the top of the repository and are mapped into the
wheel as the packages ``legal_docs_form_templates`` and ``legal_docs_clauses`` (pyproject.toml).
"""

from __future__ import annotations

import hashlib
import importlib.resources
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import settings
from .errors import InputError, TemplateError
from .i18n import _

# libyaml's safe loader when PyYAML was built with it (about ten times faster), else pure Python.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


TEMPLATES_ENV = "LEGAL_DOCS_TEMPLATES"
_caches: list[Callable[[], None]] = []


def _clear_caches() -> None:
    for clear in _caches:
        clear()


settings.on_change(_clear_caches)  # another template folder: loaders read the files again


def templates_root() -> Path:
    """The built-in form_templates/ (see template_file for the clinic's folder first)."""
    return Path(str(importlib.resources.files("legal_docs_form_templates")))


def clauses_root() -> Path:
    """The built-in clauses/ (see clause_file for the clinic's folder first)."""
    return Path(str(importlib.resources.files("legal_docs_clauses")))


def override_dir() -> Path | None:
    """A clinic's template folder (made by `templates export`): `--templates` or $LEGAL_DOCS_TEMPLATES."""
    return settings.current().templates


def set_override(folder: Path | None) -> None:
    """Use `folder` before the built-ins from now on (None: built-ins only)."""
    if folder is not None and not folder.is_dir():
        raise InputError(_("Template folder '{folder}' does not exist (make one with `legal-docs templates export`)")
                         .format(folder=folder.name))
    settings.choose(templates=folder)


def register_cache(fn: Any) -> Any:
    """Decorator for cached loaders of template or clause data: cleared when the folder changes."""
    _caches.append(fn.cache_clear)
    return fn


def _layers(section: str) -> list[Path]:
    builtin = templates_root() if section == "form_templates" else clauses_root()
    extra = override_dir()
    return [extra / section, builtin] if extra is not None else [builtin]


def template_file(rel: str) -> Path:
    """form_templates/<rel>: the clinic's copy if it has one, else the built-in."""
    return _find("form_templates", rel)


def clause_file(rel: str) -> Path:
    """clauses/<rel>: the clinic's copy if it has one, else the built-in."""
    return _find("clauses", rel)


def _find(section: str, rel: str) -> Path:
    for root in _layers(section):
        candidate = root / rel
        if candidate.is_file():
            return candidate
    raise TemplateError(_("{file} is missing (not in the template folder nor built in)").format(
        file=f"{section}/{rel}"))


def has_template_file(rel: str) -> bool:
    return any((root / rel).is_file() for root in _layers("form_templates"))


def clause_files(pattern: str) -> list[Path]:
    """Every clauses/ file matching `pattern`; a clinic's file replaces the built-in of the same name."""
    return list(_files("clauses", pattern).values())


def template_files(pattern: str) -> dict[str, Path]:
    """Every form_templates/ file matching `pattern` (e.g. "forms/*.yaml", "**/*.docx"), by its path
    relative to form_templates/; a clinic's file replaces the built-in of the same name."""
    return _files("form_templates", pattern)


def _files(section: str, pattern: str) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for root in reversed(_layers(section)):  # built-ins first, then overridden
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = path
    return {k: found[k] for k in sorted(found)}


def package_data(name: str) -> Path:
    return Path(str(importlib.resources.files("legal_docs") / "data" / name))


def shipped_forms_root() -> Path:
    """The official Judicial Council PDFs that ship with the tool (legal_docs/data/forms/, byte for
    byte as published; each is named as its field map's ``file:`` says)."""
    return package_data("forms")


@lru_cache(maxsize=None)
def load_yaml(path: Path) -> Any:
    """Parse a shipped YAML data file; a broken one is a TemplateError naming the file."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(_("Data file {file} cannot be read: {reason}").format(file=path.name, reason=exc)) from None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
