"""Limits on what the tool reads, so hostile or broken input is refused by name, never hangs it.

Each limit is far above anything a real matter needs and gives a plain message (exit 2).
Exhibit limits live with the exhibits (exhibits.py); template render time with the renderer.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import InputError
from .i18n import _

MAX_DOCX_UNPACKED = 200 * 1024 * 1024  # a Word file's parts, decompressed, together
MAX_DOCX_PARTS = 5000


def check_docx(path: Path) -> None:
    """A Word file that is a readable .docx within the size limit (InputError naming it)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise InputError(_("'{name}' is not a Word (.docx) file").format(name=path.name))
            total = sum(i.file_size for i in infos)
            if len(infos) > MAX_DOCX_PARTS or total > MAX_DOCX_UNPACKED:
                raise InputError(
                    _("'{name}' unpacks to more than a Word file may ({mb} MB); it was not opened").format(
                        name=path.name, mb=MAX_DOCX_UNPACKED // (1024 * 1024))
                )
            damaged = zf.testzip()  # reads each part, at most its declared size (bounded above)
            if damaged is not None:
                raise InputError(_("'{name}' is a damaged Word file; open and save it again in Word").format(
                    name=path.name))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise InputError(_("'{name}' is a damaged Word file; open and save it again in Word").format(
            name=path.name)) from None
    except FileNotFoundError:
        raise InputError(_("'{name}' does not exist").format(name=path.name)) from None
    except OSError as exc:
        raise InputError(_("'{name}' cannot be read ({reason})").format(
            name=path.name, reason=exc.strerror or type(exc).__name__)) from None


MAX_DEPTH = 32  # answers nest a few levels (offenses.1.override.reason); 32 is far beyond any kind
MAX_INT_DIGITS = 18  # no answer is a number longer than this (a schema version, a count)


def structure_problem(data: object) -> str | None:
    """A plain message when parsed answers nest deeper than MAX_DEPTH or hold a number no answer
    can be (more than MAX_INT_DIGITS digits, or not finite); None when they are fine. Walks
    without recursion, so it is safe on anything the parsers accepted."""
    import math

    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                return _("nests groups deeper than answers ever do (more than {n} levels)").format(n=MAX_DEPTH)
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            if abs(value) >= 10**MAX_INT_DIGITS:
                return _("holds a number longer than any answer ({n} digits at most)").format(n=MAX_INT_DIGITS)
        elif isinstance(value, float) and not math.isfinite(value):
            return _("holds a number longer than any answer ({n} digits at most)").format(n=MAX_INT_DIGITS)
    return None


def parse_json(text: str) -> object:
    """json.loads that refuses a key given twice in one object (ValueError naming it) and turns
    nesting too deep for the parser, or a number too long to read, into ValueError too."""
    import json

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in items:
            if key in out:
                raise DuplicateKey(key)
            out[key] = value
        return out

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except RecursionError:
        raise ValueError(_("nests groups deeper than answers ever do (more than {n} levels)").format(
            n=MAX_DEPTH)) from None
    except (json.JSONDecodeError, DuplicateKey):
        raise
    except ValueError:  # Python's limit on converting a very long number (4,300 digits)
        raise ValueError(_("holds a number longer than any answer ({n} digits at most)").format(
            n=MAX_INT_DIGITS)) from None


class DuplicateKey(ValueError):
    """A mapping names the same field twice; `key` is the field, `line` where known (1-based)."""

    def __init__(self, key: str, line: int | None = None) -> None:
        super().__init__(key)
        self.key = key
        self.line = line

    def describe(self) -> str:
        shown = self.key if len(self.key) <= 60 else self.key[:57] + "..."
        if self.line is not None:
            return _("has the field '{key}' twice (the second at line {line}): the second would silently "
                     "replace the first; merge them").format(key=shown, line=self.line)
        return _("has the field '{key}' twice: the second would silently replace the first; merge them").format(
            key=shown)
