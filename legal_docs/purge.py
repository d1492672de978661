"""Removing a matter's outputs and saved answers or sessions (`legal-docs purge`).

Only what legal-docs made is removed: a packet folder must hold a manifest.json written by
legal-docs, a file must be an answers file, an interview session or an encrypted one. Anything
else in the way makes the whole purge stop before deleting a thing.

Deleting unlinks the files. On SSDs and journaling file systems an overwrite does not reliably
destroy the old blocks, so none is attempted; SECURITY.md says to rely on disk encryption.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .manifest import MANIFEST
from .vault import is_encrypted


@dataclass
class PurgePlan:
    folders: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    parent: Path | None = None  # an output folder to remove too once it is empty


def _is_packet(folder: Path) -> bool:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("tool", {}).get("name") == "legal-docs"


def _is_our_file(path: Path) -> bool:
    head = path.read_bytes()[:4096]
    if is_encrypted(head):
        return True
    text = head.decode("utf-8", "replace")
    if path.suffix.lower() == ".json":
        return '"schema_version"' in text and ('"kind"' in text or '"answers"' in text)
    return path.suffix.lower() in (".yaml", ".yml") and "\nkind:" in "\n" + text


def plan_purge(path: Path) -> PurgePlan:
    if not path.exists():
        raise InputError(f"Nothing to purge: '{path.name}' does not exist")
    plan = PurgePlan()
    if path.is_file():
        if not _is_our_file(path):
            raise InputError(f"'{path.name}' is not an answers or session file made for legal-docs; nothing removed")
        plan.files.append(path)
        return plan
    if _is_packet(path):
        plan.folders.append(path)
        return plan
    for child in sorted(path.iterdir()):
        if child.is_dir() and _is_packet(child):
            plan.folders.append(child)
        elif child.is_dir() and child.name.startswith(".") and (".staging-" in child.name or ".old-" in child.name):
            plan.folders.append(child)  # leftovers of an interrupted run
        else:
            raise InputError(
                f"'{path.name}' holds '{child.name}', which legal-docs did not make; nothing removed. "
                "Purge the packet folders one by one instead."
            )
    if not plan.folders:
        raise InputError(f"'{path.name}' holds no packets made by legal-docs; nothing removed")
    plan.parent = path
    return plan


def execute(plan: PurgePlan) -> int:
    """Remove everything in the plan; returns how many files were removed."""
    count = 0
    for folder in plan.folders:
        count += sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
    for f in plan.files:
        f.unlink()
        count += 1
    if plan.parent is not None and not any(plan.parent.iterdir()):
        plan.parent.rmdir()
    return count
