"""Clinics' own templates: exporting the built-ins to edit, and a readable diff of two DOCX files."""

from __future__ import annotations

import difflib
import shutil
import zipfile
from pathlib import Path

from lxml import etree

from .errors import InputError
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
        raise InputError(f"'{folder.name}' is not empty; export into a new folder")
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
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, FileNotFoundError):
        raise InputError(f"'{path.name}' is not a readable Word (.docx) file") from None
    with zf:
        names = {s.get(W + "styleId"): (s.find(W + "name").get(W + "val") if s.find(W + "name") is not None else "")
                 for s in etree.fromstring(zf.read("word/styles.xml")).iter(W + "style")} if "word/styles.xml" in zf.namelist() else {}
        lines: list[str] = []
        parts = sorted(n for n in zf.namelist() if n.startswith("word/") and n.endswith(".xml")
                       and any(k in n for k in ("document", "header", "footer")))
        for part in sorted(parts, key=lambda n: (n != "word/document.xml", n)):
            if part != "word/document.xml":
                lines.append(f"=== {part.removeprefix('word/').removesuffix('.xml')} ===")
            for p in etree.fromstring(zf.read(part)).iter(W + "p"):
                style = p.find(f"{W}pPr/{W}pStyle")
                name = names.get(style.get(W + "val"), style.get(W + "val")) if style is not None else "Normal"
                text = "".join(
                    (t.text or "") if t.tag == W + "t" else "\t" if t.tag == W + "tab" else "\n"
                    for t in p.iter(W + "t", W + "tab", W + "br")
                )
                lines.append(f"[{name}] {text}")
    return lines


def diff(old: Path, new: Path) -> list[str]:
    return list(difflib.unified_diff(docx_lines(old), docx_lines(new), old.name, new.name, lineterm="", n=2))
