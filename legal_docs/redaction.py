"""Social security and financial account numbers (Cal. Rules of Court, rule 1.201).

A paper may show only the last four digits of such a number. One scanner, :func:`find_sensitive`,
is run on every answer before anything is written (the error names the field, never the
number), on every paper a packet produced, and on every part of every exhibit (page text,
annotations, form field values, metadata, bookmarks: see exhibits.py) before a packet is
declared complete.

The scanner reads text the way a reader sees it (:func:`fold`): compatibility forms folded
(NFKC: full-width digits, ligatures), digits of any script read as 0-9, invisible format
characters dropped (zero-width spaces and joiners, soft hyphens, direction marks, word
joiners), every kind of dash read as "-" and every kind of space as " ". So `123‑45‑6789`
written with Word's non-breaking hyphen, `123 45 6789` with no-break spaces, `123-45-67\u200b89`
or `1 2 3 4 5 6 7 8 9` are all the same number.

What counts: a social security number in groups 3-2-4 with any separator between them (a
dash, dot, slash or spaces), a card number in groups 4-4-4-n or 4-6-5, nine or more digits
spaced out one by one, or a run of nine (an SSN) or ten or more (an account) digits. Identifiers
that are not account numbers (case, booking and State Bar numbers, ZIP codes, telephone
numbers) may be long digit runs; the output scan recognises them by digest (the manifest
stores SHA-256 digests of those digit runs, never the numbers), so `assemble` can check a
paralegal's edits too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import InputError, LegalDocsError, Problem
from .i18n import N_, _

SSN = N_("a Social Security number")
ACCOUNT = N_("an account or card number")

_SEP = r"(?:[ ]*[-./][ ]*|[ ]+)"  # one separator between digit groups (after folding)
_SSN = re.compile(rf"(?<!\d)\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{4}}(?!\d)")
_CARD = re.compile(rf"(?<!\d)(?:\d{{4}}({_SEP})\d{{4}}\1\d{{4}}\1\d{{1,7}}|\d{{4}}{_SEP}\d{{6}}{_SEP}\d{{5}})(?!\d)")
_SPACED = re.compile(rf"(?<!\d)\d(?:{_SEP}\d(?!\d)){{8,}}")  # 1 2 3 4 5 6 7 8 9: single digits, one line
_RUN = re.compile(r"(?<!\d)\d{9,}(?!\d)")  # nine digits: an SSN; ten or more: an account

# Answer fields every kind may have that hold identifiers, not account numbers; a kind adds its
# own (``Kind.identifier_fields``, e.g. vacatur's booking_number).
COMMON_IDENTIFIER_FIELDS = frozenset({"case_number", "bar_number", "zip", "phone"})

_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_EXTRA_DASHES = "\u2212\u2043\ufe63\uff0d\u02d7\u2796"  # minus signs and dash-like symbols


class _Folding(dict[int, Any]):
    """str.translate table built on demand: one entry per distinct character seen."""

    def __missing__(self, code: int) -> Any:
        ch = chr(code)
        cat = unicodedata.category(ch)
        value: Any
        if ch in _LINE_BREAKS:
            value = "\n"
        elif ch == "\t" or cat in ("Zs", "Zl", "Zp"):
            value = " "
        elif cat in ("Cf", "Cc", "Mn", "Me"):  # invisible: format characters, controls, combining marks
            value = None
        elif cat == "Pd" or ch in _EXTRA_DASHES:
            value = "-"
        elif cat == "Nd":
            value = str(unicodedata.decimal(ch))
        else:
            value = ch
        self[code] = value
        return value


_FOLDING = _Folding()


def fold(text: str) -> str:
    """`text` as a reader sees it, for the number scan (see the module's docstring)."""
    return unicodedata.normalize("NFKC", text).translate(_FOLDING)


def digest(digits: str) -> str:
    return hashlib.sha256(digits.encode("ascii")).hexdigest()


def _runs(folded: str) -> Iterator[str]:
    """Digit runs of nine or more: contiguous, or spaced out one digit at a time."""
    for m in _RUN.finditer(folded):
        yield m.group()
    for m in _SPACED.finditer(folded):
        yield re.sub(r"\D", "", m.group())


def find_sensitive(text: str, *, allowed: frozenset[str] = frozenset(), exempt_runs: bool = False) -> list[str]:
    """Kinds of sensitive number in `text` (never the numbers), in English (translate for
    showing). `allowed` holds digests of digit runs known to be identifiers; `exempt_runs`
    lets every plain digit run pass (identifier fields)."""
    folded = fold(text)
    found = set()
    if _SSN.search(folded):
        found.add(SSN)
    if _CARD.search(folded):
        found.add(ACCOUNT)
    if not exempt_runs:
        for run in _runs(folded):
            if digest(run) not in allowed:
                found.add(SSN if len(run) == 9 else ACCOUNT)
    return sorted(found)


def _walk(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))


def answer_problems(model: Any, *, describe: Any, identifier_fields: Iterable[str] = ()) -> list[Problem]:
    """A Problem for every answer holding a full SSN or account number (long
    digit runs in identifier fields, common or the kind's `identifier_fields`, are allowed)."""
    exempt_fields = COMMON_IDENTIFIER_FIELDS | frozenset(identifier_fields)
    problems = []
    for path, text in _walk(model.model_dump(mode="python")):
        if path and path[-1] == "file":  # exhibit paths are never printed (the files are scanned)
            continue
        exempt = bool(path) and path[-1] in exempt_fields
        for kind in find_sensitive(text, exempt_runs=exempt):
            label, _dotted = describe(type(model), list(path))
            problems.append(Problem(tuple(path), label, _(
                "looks like it contains {kind}; write only the last four digits (Cal. Rules of Court, rule 1.201)"
            ).format(kind=_(kind))))
    return problems


def check_answers(model: Any, *, describe: Any, identifier_fields: Iterable[str] = ()) -> None:
    """Raise InputError naming every field that holds a full SSN or account number."""
    problems = answer_problems(model, describe=describe, identifier_fields=identifier_fields)
    if problems:
        raise InputError(_("The answers contain numbers the court papers may not show in full:"), problems=problems)


def value_problems(value: Any, *, field: str, identifier_fields: Iterable[str] = ()) -> list[str]:
    """Plain messages for one answer (text, or a list of texts) named `field` that holds a full
    SSN or account number: the interview refuses it before it is saved to the session file."""
    if field == "file":
        return []
    exempt = COMMON_IDENTIFIER_FIELDS | frozenset(identifier_fields)
    kinds = sorted({k for _path, text in _walk(value) for k in find_sensitive(text, exempt_runs=field in exempt)})
    return [
        _("looks like it contains {kind}; write only the last four digits (Cal. Rules of Court, rule 1.201)").format(
            kind=_(kind))
        for kind in kinds
    ]


def identifier_digests(model: Any, *, identifier_fields: Iterable[str] = ()) -> list[str]:
    """Digests of the long digit runs in identifier answers (case numbers and the like)."""
    exempt_fields = COMMON_IDENTIFIER_FIELDS | frozenset(identifier_fields)
    out: set[str] = set()
    for path, text in _walk(model.model_dump(mode="python")):
        if path and path[-1] in exempt_fields:
            out.update(digest(run) for run in _runs(fold(text)))
    return sorted(out)


def check_output_texts(texts: Iterable[tuple[str, str]], *, allowed: Iterable[str] = ()) -> None:
    """Scan (where, text) pairs of a finished packet; raise if any shows a full number.
    `where` names a file, or an exhibit and page ("exhibit A, page 2")."""
    allow = frozenset(allowed)
    bad: dict[str, None] = {}
    for name, text in texts:
        if find_sensitive(text, allowed=allow):
            bad[name] = None
    if bad:
        raise LegalDocsError(
            _("A produced paper shows a full Social Security or account number; the packet was not finished."),
            details=[_("in {where}").format(where=name) for name in bad]
            + [_("Only the last four digits may appear (rule 1.201).")],
        )
