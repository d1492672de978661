"""The interview's saved state: a versioned JSON file written after every answer.

The file is private (0600; folders this module creates are 0700) and replaced atomically, so an
interrupt or a closed terminal leaves the last complete version. It holds the answers (nested like
an answers file), the optional questions skipped, the yes/no answers that open groups and
lists (``flags``), and notes on answers from a prefill that must be asked again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__, vault
from ..errors import InputError
from ..i18n import _

SCHEMA_VERSION = 1
Path_ = tuple[Any, ...]


@dataclass
class Session:
    kind: str
    path: Path
    answers: dict[str, Any] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    flags: dict[str, bool] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # step key -> why it is asked again
    out_dir: str | None = None
    # The options the session was started with, used again by --resume: the language of the
    # questions and the forms folder (the output folder is out_dir).
    language: str | None = None
    forms_dir: str | None = None
    created: str = field(default_factory=lambda: _now())
    # Set when the session is encrypted at rest (vault.py): every save is encrypted with it.
    passphrase: str | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": f"legal-docs {__version__}",
            "kind": self.kind,
            "created": self.created,
            "updated": _now(),
            "out_dir": self.out_dir,
            "language": self.language,
            "forms_dir": self.forms_dir,
            "answers": self.answers,
            "skipped": sorted(self.skipped),
            "flags": dict(sorted(self.flags.items())),
            "notes": self.notes,
        }

    def save(self) -> None:
        write_private_json(self.path, self.to_json(), passphrase=self.passphrase)

    @classmethod
    def load(cls, path: Path) -> "Session":
        data = read_session_file(path)
        encrypted = vault.is_encrypted(path.read_bytes()[: len(vault.MAGIC)])
        return cls(
            passphrase=vault.get_passphrase() if encrypted else None,
            kind=str(data["kind"]),
            path=path,
            answers=data.get("answers") or {},
            skipped=set(data.get("skipped") or []),
            flags={str(k): bool(v) for k, v in (data.get("flags") or {}).items()},
            notes={str(k): str(v) for k, v in (data.get("notes") or {}).items()},
            out_dir=data.get("out_dir"),
            language=data.get("language"),
            forms_dir=data.get("forms_dir"),
            created=str(data.get("created") or _now()),
        )


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


# -- reading and migrating ------------------------------------------------------------------------


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older session file up to SCHEMA_VERSION (one small function per version)."""
    version = data.get("schema_version")
    if version == SCHEMA_VERSION:
        return data
    raise InputError(
        _("This session file was written by a newer or unknown version of legal-docs (schema {v}).").format(v=version)
    )


def read_session_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise InputError(_("No such session file: {name}").format(name=path.name))
    try:
        data = json.loads(vault.read_bytes(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(_("The session file {name} cannot be read as a legal-docs session.").format(name=path.name)) from None
    if not isinstance(data, dict) or "kind" not in data or not isinstance(data.get("answers", {}), dict):
        raise InputError(_("The session file {name} is not a legal-docs session.").format(name=path.name))
    return migrate(data)


# -- writing -------------------------------------------------------------------------------------


def write_private_json(path: Path, data: Any, *, passphrase: str | None = None) -> None:
    """Write JSON readable by this user only, atomically (a temporary file renamed into place);
    encrypted at rest when a passphrase is given."""
    make_private_dir(path.parent)
    text = json.dumps(data, indent=2, ensure_ascii=False, default=_json_default) + "\n"
    blob = vault.encrypt(text.encode("utf-8"), passphrase) if passphrase else text.encode("utf-8")
    vault.write_private(path, blob)


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def make_private_dir(folder: Path) -> None:
    """Create a folder (and missing parents) as 0700; an existing folder is left as it is."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for item in reversed(missing):
        item.mkdir(mode=0o700)
        os.chmod(item, 0o700)


def data_dir() -> Path:
    """The per-user data folder: $XDG_DATA_HOME/legal-docs (Linux), Application Support, AppData."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "legal-docs"


def default_session_path(kind: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return data_dir() / "sessions" / f"{kind}-{stamp}.json"


def answers_path_for(session_path: Path) -> Path:
    """Where the finished answers go: beside the session ('x.json' -> 'x.answers.json')."""
    return session_path.with_name(session_path.stem + ".answers.json")


# -- nested answers --------------------------------------------------------------------------------


def get_path(data: Any, parts: Path_) -> Any:
    for part in parts:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return None
            data = data[part]
        else:
            if not isinstance(data, dict):
                return None
            data = data.get(part)
        if data is None:
            return None
    return data


def set_path(data: dict[str, Any], parts: Path_, value: Any) -> None:
    """Set a nested value, creating groups and list items on the way."""
    current: Any = data
    for part, nxt in zip(parts, parts[1:], strict=False):
        empty: Any = [] if isinstance(nxt, int) else {}
        if isinstance(part, int):
            while len(current) <= part:
                current.append({})
            if not isinstance(current[part], (dict, list)):
                current[part] = empty
            current = current[part]
        else:
            if not isinstance(current.get(part), (dict, list)):
                current[part] = empty
            current = current[part]
    last = parts[-1]
    if isinstance(last, int):
        while len(current) <= last:
            current.append({})
    current[last] = value


def delete_path(data: dict[str, Any], parts: Path_) -> None:
    parent = get_path(data, parts[:-1]) if len(parts) > 1 else data
    if isinstance(parent, dict):
        parent.pop(parts[-1], None)


def key_of(parts: Path_) -> str:
    return ".".join(str(p) for p in parts)
