"""Where the data lives: one :class:`Resources` object per run owns every lookup, with the
clinic's layer first; the shipped data is found through importlib.resources, never by __file__
arithmetic.

``form_templates/`` and ``clauses/`` sit at the top of the repository and are mapped into the
wheel as the packages ``legal_docs_form_templates`` and ``legal_docs_clauses`` (pyproject.toml).
A clinic's template folder (``templates export``; ``--templates`` or ``$LEGAL_DOCS_TEMPLATES``)
holds copies of some of those files: each lookup takes the clinic's copy first.

The run's :class:`~legal_docs.settings.Settings` builds its Resources (``settings.resources``).
What is parsed from the files (clauses, law tables, field maps, interview scripts, packet
descriptions) is kept on that object (:func:`per_resources`), so other settings mean another
Resources with caches of its own: nothing is cleared, and nothing read under one template folder
is used under another. The module functions below (``template_file`` ...) ask the Resources of
the settings in force (:func:`legal_docs.settings.current`).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from . import settings
from .errors import InputError, TemplateError
from .i18n import _

# libyaml's safe loader when PyYAML was built with it (about ten times faster), else pure Python.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

T = TypeVar("T")


def templates_root() -> Path:
    """The built-in form_templates/ (see template_file for the clinic's folder first)."""
    return Path(str(importlib.resources.files("legal_docs_form_templates")))


def clauses_root() -> Path:
    """The built-in clauses/ (see clause_file for the clinic's folder first)."""
    return Path(str(importlib.resources.files("legal_docs_clauses")))


class Resources:
    """Every file lookup of one run, the clinic's template folder (`clinic`) before the built-ins,
    and what was parsed from those files (:meth:`cached`)."""

    def __init__(self, clinic: Path | None = None) -> None:
        self.clinic = clinic
        self._kept: dict[Hashable, Any] = {}

    def __repr__(self) -> str:
        return f"Resources(clinic={self.clinic!r})"

    def cached(self, key: Hashable, build: Callable[[], T]) -> T:
        """What `build` returns, made once for this object (threads may race to make it first:
        both results are equal, one is kept)."""
        try:
            return self._kept[key]  # type: ignore[no-any-return]
        except KeyError:
            return self._kept.setdefault(key, build())  # type: ignore[no-any-return]

    def layers(self, section: str) -> list[Path]:
        """The folders `section` ("form_templates" or "clauses") is looked up in, first first."""
        builtin = templates_root() if section == "form_templates" else clauses_root()
        return [self.clinic / section, builtin] if self.clinic is not None else [builtin]

    def find(self, section: str, rel: str) -> Path:
        for root in self.layers(section):
            candidate = root / rel
            if candidate.is_file():
                return candidate
        raise TemplateError(_("{file} is missing (not in the template folder nor built in)").format(
            file=f"{section}/{rel}"))

    def has(self, section: str, rel: str) -> bool:
        return any((root / rel).is_file() for root in self.layers(section))

    def files(self, section: str, pattern: str) -> dict[str, Path]:
        """Every `section` file matching `pattern`, by its path relative to the section; a clinic's
        file replaces the built-in of the same name."""
        found: dict[str, Path] = {}
        for root in reversed(self.layers(section)):  # built-ins first, then overridden
            for path in sorted(root.glob(pattern)):
                if path.is_file():
                    found[path.relative_to(root).as_posix()] = path
        return {k: found[k] for k in sorted(found)}

    def is_clinics(self, path: Path) -> bool:
        """Whether `path` is a file of the clinic's template folder (for labels in messages)."""
        return self.clinic is not None and path.is_relative_to(self.clinic)


def current() -> Resources:
    """The Resources of the settings in force."""
    return settings.current().resources


def per_resources(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorator for a loader of template or clause data: its result (for these arguments) is kept
    on the Resources in force, so another template folder reads the files again."""
    key = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def loader(*args: Hashable) -> T:
        return current().cached((key, args), lambda: fn(*args))

    return loader


def override_dir() -> Path | None:
    """A clinic's template folder (made by `templates export`): `--templates` or $LEGAL_DOCS_TEMPLATES."""
    return current().clinic


def set_override(folder: Path | None) -> None:
    """Use `folder` before the built-ins from now on (None: built-ins only), with caches of its own."""
    if folder is not None:
        check_clinic_folder(folder)
    settings.choose(templates=folder)


def check_clinic_folder(folder: Path) -> None:
    """A template folder that does not exist is the user's mistake, said before anything is read."""
    if not folder.is_dir():
        raise InputError(_("Template folder '{folder}' does not exist (make one with `legal-docs templates export`)")
                         .format(folder=folder.name))


def template_file(rel: str) -> Path:
    """form_templates/<rel>: the clinic's copy if it has one, else the built-in."""
    return current().find("form_templates", rel)


def clause_file(rel: str) -> Path:
    """clauses/<rel>: the clinic's copy if it has one, else the built-in."""
    return current().find("clauses", rel)


def has_template_file(rel: str) -> bool:
    return current().has("form_templates", rel)


def clause_files(pattern: str) -> list[Path]:
    """Every clauses/ file matching `pattern`; a clinic's file replaces the built-in of the same name."""
    return list(current().files("clauses", pattern).values())


def template_files(pattern: str) -> dict[str, Path]:
    """Every form_templates/ file matching `pattern` (e.g. "forms/*.yaml", "**/*.docx"), by its path
    relative to form_templates/; a clinic's file replaces the built-in of the same name."""
    return current().files("form_templates", pattern)


def package_data(name: str) -> Path:
    return Path(str(importlib.resources.files("legal_docs") / "data" / name))


def shipped_forms_root() -> Path:
    """The official Judicial Council PDFs that ship with the tool (legal_docs/data/forms/, byte for
    byte as published; each is named as its field map's ``file:`` says)."""
    return package_data("forms")


def load_yaml(path: Path) -> Any:
    """A YAML data file (shipped, or a clinic's copy) parsed once for the Resources in force (so a
    clinic's file edited between two commands is read again); a broken one is a TemplateError
    naming the file. The data is shared: callers read it, never change it."""
    return current().cached(("yaml", path), lambda: _parse_yaml(path))


def _parse_yaml(path: Path) -> Any:
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
