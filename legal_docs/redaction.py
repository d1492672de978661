"""Social security and financial account numbers (Cal. Rules of Court, rule 1.201).

A paper may show only the last four digits of such a number. Two checks: every answer is scanned
before anything is written (the error names the field, never the number), and every text a
packet produced is scanned again before the packet is declared complete.

What counts: a social security number written ddd-dd-dddd, nine digits in a row, a card-like
number in groups of four, or a run of ten or more digits. Identifiers that are not account
numbers (case, booking and State Bar numbers, ZIP codes, telephone numbers) may be long digit
runs; the output scan recognises them by digest (the manifest stores SHA-256 digests of those
digit runs, never the numbers), so `assemble` can check a paralegal's edits too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import InputError, LegalDocsError

_DASHED_SSN = re.compile(r"(?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])")
_CARD = re.compile(r"(?<!\d)\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}(?!\d)")
_RUN = re.compile(r"(?<!\d)\d{9,}(?!\d)")  # nine digits: an SSN; ten or more: an account

# Answer fields every kind may have that hold identifiers, not account numbers; a kind adds its
# own (``Kind.identifier_fields``, e.g. vacatur's booking_number).
COMMON_IDENTIFIER_FIELDS = frozenset({"case_number", "bar_number", "zip", "phone"})


def digest(digits: str) -> str:
    return hashlib.sha256(digits.encode("ascii")).hexdigest()


def find_sensitive(text: str, *, allowed: frozenset[str] = frozenset(), exempt_runs: bool = False) -> list[str]:
    """Kinds of sensitive number in `text` (never the numbers). `allowed` holds digests of digit
    runs known to be identifiers; `exempt_runs` lets every plain digit run pass (identifier fields)."""
    found = []
    if _DASHED_SSN.search(text):
        found.append("a Social Security number")
    if _CARD.search(text):
        found.append("an account or card number")
    if not exempt_runs:
        for m in _RUN.finditer(text):
            if digest(m.group()) in allowed:
                continue
            found.append("a Social Security number" if len(m.group()) == 9 else "an account or card number")
    return sorted(set(found))


def _walk(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))


def check_answers(model: Any, *, describe: Any, identifier_fields: Iterable[str] = ()) -> None:
    """Raise InputError naming every field that holds a full SSN or account number (long digit
    runs in identifier fields, common or the kind's `identifier_fields`, are allowed)."""
    exempt_fields = COMMON_IDENTIFIER_FIELDS | frozenset(identifier_fields)
    problems = []
    for path, text in _walk(model.model_dump(mode="python")):
        if path and path[-1] == "file":  # exhibit paths are never printed
            continue
        exempt = bool(path) and path[-1] in exempt_fields
        for kind in find_sensitive(text, exempt_runs=exempt):
            label, dotted = describe(type(model), list(path))
            problems.append(
                f"{label} ({dotted}): looks like it contains {kind}; write only the last four "
                "digits (Cal. Rules of Court, rule 1.201)"
            )
    if problems:
        raise InputError("The answers contain numbers the court papers may not show in full:", details=problems)


def identifier_digests(model: Any, *, identifier_fields: Iterable[str] = ()) -> list[str]:
    """Digests of the long digit runs in identifier answers (case numbers and the like)."""
    exempt_fields = COMMON_IDENTIFIER_FIELDS | frozenset(identifier_fields)
    out: set[str] = set()
    for path, text in _walk(model.model_dump(mode="python")):
        if path and path[-1] in exempt_fields:
            out.update(digest(m.group()) for m in _RUN.finditer(text))
    return sorted(out)


def check_output_texts(texts: Iterable[tuple[str, str]], *, allowed: Iterable[str] = ()) -> None:
    """Scan (file name, text) pairs of a finished packet; raise if any shows a full number."""
    allow = frozenset(allowed)
    bad = sorted({name for name, text in texts if find_sensitive(text, allowed=allow)})
    if bad:
        raise LegalDocsError(
            "A produced paper shows a full Social Security or account number; the packet was not finished.",
            details=[f"in {name}" for name in bad] + ["Only the last four digits may appear (rule 1.201)."],
        )
