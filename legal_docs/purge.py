"""Removing a matter's outputs and saved answers or sessions (`legal-docs purge`).

Only what legal-docs made is removed (ownership.py): a packet folder's files must be the ones its
manifest recorded, unchanged; a file must be an interview session, an encrypted file, or an
answers file for a packet kind this tool makes. Links are never followed: a link, or anything
else legal-docs did not make, stops the whole purge before a thing is deleted, with a message
listing it; with `replace` such files are moved aside into a dated folder instead, then the rest
is removed.

Deleting unlinks the files. On SSDs and journaling file systems an overwrite does not reliably
destroy the old blocks, so none is attempted; SECURITY.md says to rely on disk encryption.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .i18n import _
from .manifest import MANIFEST
from .ownership import foreign_files, refusal, set_aside
from .vault import is_encrypted

MAX_ANSWERS_BYTES = 10 * 1024 * 1024


@dataclass
class PurgePlan:
    folders: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    parent: Path | None = None  # an output folder to remove too once it is empty
    aside: dict[Path, list[str]] = field(default_factory=dict)  # packet folder -> a person's files in it


def _is_packet(folder: Path) -> bool:
    if folder.is_symlink() or not folder.is_dir():
        return False
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("tool"), dict) and data["tool"].get("name") == "legal-docs"


def _is_our_file(path: Path) -> bool:
    """An interview session, an encrypted file, or an answers file for a packet kind we make."""
    if path.lstat().st_size > MAX_ANSWERS_BYTES:
        return False
    raw = path.read_bytes()
    if is_encrypted(raw):
        return True
    try:
        text = raw.decode("utf-8-sig")
        if path.suffix.lower() == ".json":
            data: Any = json.loads(text)
        elif path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            from .resources import SAFE_LOADER

            data = yaml.load(text, Loader=SAFE_LOADER)
        else:
            return False
    except Exception:  # not parseable (or nested too deep): not an answers file this tool reads
        return False
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        return False
    from .kinds import get_kind

    try:
        spec = get_kind(data["kind"])
    except InputError:
        return False  # e.g. a Kubernetes file's `kind: Deployment`
    tool = data.get("tool")
    if isinstance(tool, str) and tool.startswith("legal-docs"):
        return True  # an interview session
    fields = set(spec.model.model_fields)
    return all(isinstance(k, str) and k in fields for k in data)


def _is_leftover(child: Path) -> bool:
    return (child.name.startswith(".") and (".staging-" in child.name or ".old-" in child.name)
            and child.is_dir() and not child.is_symlink())


def plan_purge(path: Path, *, replace: bool = False) -> PurgePlan:
    """What a purge of `path` removes (and, with `replace`, sets aside); InputError when anything
    in the way was not made by legal-docs."""
    if not os.path.lexists(path):
        raise InputError(_("Nothing to purge: '{name}' does not exist").format(name=path.name))
    if path.is_symlink():
        raise InputError(_("'{name}' is a link; purge follows no links: name the file or folder itself").format(
            name=path.name))
    plan = PurgePlan()
    mode = path.lstat().st_mode
    if stat.S_ISREG(mode):
        if not _is_our_file(path):
            raise InputError(
                _("'{name}' is not an answers or session file made for legal-docs; nothing removed").format(
                    name=path.name))
        plan.files.append(path)
        return plan
    if not stat.S_ISDIR(mode):
        raise InputError(_("'{name}' is not a file or folder legal-docs made; nothing removed").format(name=path.name))
    if _is_packet(path):
        _add_packet(plan, path, replace=replace, base=path.parent)
        _refuse_if_foreign(plan, replace=replace, base=path.parent)
        return plan
    others: list[str] = []
    for child in sorted(path.iterdir()):
        if _is_packet(child):
            _add_packet(plan, child, replace=replace, base=path)
        elif _is_leftover(child):
            plan.folders.append(child)  # leftovers of an interrupted run
        else:
            others.append(child.name)
    if others and not replace:
        raise InputError(
            _("'{name}' holds files or folders legal-docs did not make; nothing removed. Purge the packet "
              "folders one by one, or use --replace to move the others into a dated set-aside folder:").format(
                name=path.name),
            details=others[:50],
        )
    if others:
        plan.aside.setdefault(path, []).extend(others)
    if not plan.folders:
        raise InputError(_("'{name}' holds no packets made by legal-docs; nothing removed").format(name=path.name))
    _refuse_if_foreign(plan, replace=replace, base=path)
    plan.parent = path
    return plan


def _add_packet(plan: PurgePlan, folder: Path, *, replace: bool, base: Path) -> None:
    plan.folders.append(folder)
    foreign = foreign_files(folder)
    if foreign:
        plan.aside[folder] = foreign


def _refuse_if_foreign(plan: PurgePlan, *, replace: bool, base: Path) -> None:
    if plan.aside and not replace:
        raise refusal(plan.aside, base=base)


def execute(plan: PurgePlan) -> int:
    """Set aside a person's files (with --replace), then remove everything in the plan; returns
    how many files were removed. Links are removed as links, never followed."""
    for folder, names in plan.aside.items():
        if folder == plan.parent:  # a person's files beside the packets of an output folder
            for name in names:
                set_aside(folder / name, ["."])
        else:
            set_aside(folder, names)
    count = 0
    try:
        for folder in plan.folders:
            count += _remove_tree(folder)
        for f in plan.files:
            f.unlink()
            count += 1
        if plan.parent is not None and not any(plan.parent.iterdir()):
            plan.parent.rmdir()
    except OSError as exc:
        raise InputError(
            _("Could not remove everything ({reason}); {n} file(s) were removed before that").format(
                reason=exc.strerror or type(exc).__name__, n=count)
        ) from None
    return count


def _remove_tree(folder: Path) -> int:
    """Remove a folder bottom-up without following links; returns the number of files."""
    count = 0
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            os.unlink(os.path.join(root, name))
            count += 1
        for name in dirs:
            path = os.path.join(root, name)
            if os.path.islink(path):
                os.unlink(path)
            else:
                os.rmdir(path)
    os.rmdir(folder)
    return count
