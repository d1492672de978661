"""Clinics' own templates: exporting the built-ins to edit, and a readable diff of two DOCX files."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path


from .docx_text import paragraphs
from .errors import InputError
from .i18n import _
from .resources import clauses_root, templates_root

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
README = """This folder holds a copy of legal-docs' templates, clauses and authorities to edit.

Use it with:   legal-docs --templates THIS_FOLDER generate answers.yaml --out out/
(or set LEGAL_DOCS_TEMPLATES=THIS_FOLDER). A file here replaces the built-in file of the same
name; delete any file you do not change, so you keep getting the built-in updates for it.
Check your edits with:   legal-docs templates check THIS_FOLDER
Compare two versions with:   legal-docs templates diff OLD.docx NEW.docx
"""


def export(folder: Path) -> int:
    """Copy the built-in templates, examples, packet definitions, clauses and law tables."""
    if folder.exists() and any(folder.iterdir()):
        raise InputError(_("'{folder}' is not empty; export into a new folder").format(folder=folder.name))
    count = 0
    for section, root in (("form_templates", templates_root()), ("clauses", clauses_root())):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".docx", ".yaml"):
                target = folder / section / path.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                count += 1
    (folder / "README.txt").write_text(README, encoding="utf-8")
    return count


def docx_lines(path: Path) -> list[str]:
    """Readable lines of a DOCX: each paragraph as '[Style] text', headers and footers marked."""
    lines: list[str] = []
    part = "document"
    for p in paragraphs(path, parts=("document", "header", "footer")):
        if p.part != part:
            part = p.part
            lines.append(f"=== {part} ===")
        lines.append(f"[{p.style}] {p.text}")
    return lines


def diff(old: Path, new: Path) -> list[str]:
    return list(difflib.unified_diff(docx_lines(old), docx_lines(new), old.name, new.name, lineterm="", n=2))
