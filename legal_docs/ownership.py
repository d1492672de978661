"""What legal-docs made in a packet folder, and the only files it will delete or replace.

A packet's manifest records every file the tool wrote into the folder, by relative name and
SHA-256 (``files``); a Word file keeps the hash it had when the tool rendered it, so a paralegal's
edit shows as a change. Anything else in a packet folder is a person's: a file the manifest does
not name, a file whose hash no longer matches (an edited DOCX), a link, a device or pipe. Such
files stop `generate`, `batch` and `purge` with a message listing them; with ``--replace`` they
are moved aside into a dated ``set-aside-...`` folder beside the packet folder, never deleted.

Names in a manifest are used only when they are plain relative paths that stay inside the packet
folder without passing through a link, so a manifest changed by hand cannot point the tool at a
file elsewhere.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import InputError
from .i18n import _
from .manifest import MANIFEST, Manifest, read_manifest
from .resources import sha256_file

SET_ASIDE = "set-aside"


def member(folder: Path, name: Any) -> Path:
    """``folder / name`` when `name` (from a manifest) is a plain relative path inside `folder`
    with no link on the way; InputError otherwise (the manifest was changed by hand)."""
    parts = PurePosixPath(name).parts if isinstance(name, str) and name else ()
    if not parts or PurePosixPath(name).is_absolute() or any(p in ("..", ".") for p in parts) or "\\" in name:
        raise _tampered(folder)
    current = folder
    for part in parts:
        current = current / part
        if current.is_symlink():
            raise _tampered(folder)
    return current


def _tampered(folder: Path) -> InputError:
    return InputError(
        _("{manifest} in folder '{folder}' names a file outside the packet folder (it was changed by hand); "
          "nothing was done").format(manifest=MANIFEST, folder=folder.name)
    )


def check_manifest_names(folder: Path, manifest: Manifest) -> None:
    """Every name the manifest mentions stays inside `folder` (InputError otherwise)."""
    for name in manifest.names():
        member(folder, name)


def record(folder: Path, manifest: Manifest, names: Iterable[str]) -> None:
    """Record files the tool just wrote into `folder` (relative names) with their hashes."""
    files = dict(manifest.files or {})
    for name in names:
        files[name] = sha256_file(folder / name)
    manifest.files = files


def _is_tool_temp(name: str) -> bool:
    """A part or temporary file of the tool's own atomic writes, left by a killed run."""
    return name.startswith(".") and (name.endswith(".part") or name.endswith(".tmp"))


def foreign_files(folder: Path) -> list[str]:
    """Relative names of everything in the packet folder `folder` that legal-docs did not make or
    that changed since it made it ("." when `folder` itself is a link or not a folder)."""
    if folder.is_symlink() or not folder.is_dir():
        return ["."] if os.path.lexists(folder) else []
    try:
        manifest: Manifest | None = read_manifest(folder)
        assert manifest is not None
        check_manifest_names(folder, manifest)
    except InputError:  # no manifest, or one changed by hand: nothing in the folder is the tool's
        manifest = None
    recorded: dict[str, str | None] = {}
    if manifest is not None:
        if manifest.files is not None:
            recorded = {k: (v or None) for k, v in manifest.files.items()}
        else:  # a packet made before the manifest recorded its files: the names it mentions
            recorded = {name: None for name in manifest.names()}
            for doc in manifest.documents:
                if doc.docx and doc.sha256 is not None and doc.sha256.docx:
                    recorded[doc.docx] = doc.sha256.docx
    out: list[str] = []

    def unreadable(exc: OSError) -> None:
        raise InputError(_("The packet folder '{name}' cannot be read ({reason}); nothing was replaced").format(
            name=folder.name, reason=exc.strerror or type(exc).__name__))

    for root, dirs, files_here in os.walk(folder, onerror=unreadable):
        base = Path(root)
        for d in list(dirs):
            if (base / d).is_symlink():
                out.append((base / d).relative_to(folder).as_posix())
                dirs.remove(d)
        for f in files_here:
            path = base / f
            rel = path.relative_to(folder).as_posix()
            if rel == MANIFEST and manifest is not None:
                continue
            mode = path.lstat().st_mode
            if not stat.S_ISREG(mode):
                out.append(rel)  # a link, a pipe, a device: never the tool's
            elif rel in recorded:
                want = recorded[rel]
                try:
                    if want is not None and sha256_file(path) != want:
                        out.append(rel)
                except OSError as exc:
                    unreadable(exc)
            elif not (manifest is not None and _is_tool_temp(f)):
                out.append(rel)
    return sorted(out)


def refusal(found: dict[Path, list[str]], *, base: Path) -> InputError:
    """One error listing a person's files in packet folders (relative to `base`)."""
    details = []
    for folder, names in found.items():
        where = folder.relative_to(base).as_posix() if folder != base and folder.is_relative_to(base) else folder.name
        details += [f"{where}/{n}" if n != "." else where for n in names]
    return InputError(
        _("These files were not made by legal-docs, or were changed after it made them (an edited Word "
          "file); nothing was removed or replaced:"),
        details=details[:50] + ([_("... and {n} more").format(n=len(details) - 50)] if len(details) > 50 else [])
        + [_("Move them elsewhere, or run again with --replace to have them moved into a dated "
             "set-aside folder beside the packet folder.")],
    )


def set_aside(folder: Path, names: list[str], *, stamp: str | None = None) -> Path:
    """Move `names` (relative to the packet folder `folder`; "." for the folder itself) into
    ``<parent>/set-aside-<UTC time>/<folder name>/``, keeping their relative places. Never deletes."""
    stamp = stamp or dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    target = folder.parent / f"{SET_ASIDE}-{stamp}" / folder.name
    for name in names:
        source = folder if name == "." else folder / name
        dest = target if name == "." else target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(dest):
            raise InputError(_("Cannot set aside '{name}': the set-aside folder already holds it").format(name=name))
        os.rename(source, dest)  # the same file system: a rename, so nothing is copied or lost
    return target.parent


def claim(folder: Path, *, replace: bool) -> Path | None:
    """Make `folder` safe to replace with a new packet: a person's files in it stop the run, or
    with `replace` are set aside first (returns the set-aside folder, or None)."""
    if not os.path.lexists(folder):
        return None
    names = foreign_files(folder)
    if not names:
        return None
    if not replace:
        raise refusal({folder: names}, base=folder.parent)
    return set_aside(folder, names)
