"""Where the shipped data lives: found through importlib.resources, never by __file__ arithmetic.

``form_templates/`` and ``clauses/`` sit at the top of the repository and are mapped into the
wheel as the packages ``legal_docs_form_templates`` and ``legal_docs_clauses`` (pyproject.toml).
"""

from __future__ import annotations

import hashlib
import importlib.resources
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import TemplateError

# libyaml's safe loader when PyYAML was built with it (about ten times faster), else pure Python.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def templates_root() -> Path:
    return Path(str(importlib.resources.files("legal_docs_form_templates")))


def clauses_root() -> Path:
    return Path(str(importlib.resources.files("legal_docs_clauses")))


def package_data(name: str) -> Path:
    return Path(str(importlib.resources.files("legal_docs") / "data" / name))


@lru_cache(maxsize=None)
def load_yaml(path: Path) -> Any:
    """Parse a shipped YAML data file; a broken one is a TemplateError naming the file."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(f"Data file {path.name} cannot be read: {exc}") from None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
