"""Cleaning user text at the model boundary, and the small text helpers papers need.

Every answer passes through :func:`clean_text` (multi-line) or :func:`clean_line` (one line)
before anything else sees it, so templates, XML and LibreOffice only ever get characters that
are valid in XML 1.0. Word's manual line break (vertical tab) and form feeds become newlines;
other control characters, lone surrogates and non-characters are dropped.
"""

from __future__ import annotations

import re
import unicodedata

_BREAKS = {"\r\n": "\n", "\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n"}
# Characters XML 1.0 forbids (besides tab and newline, which we keep) and the C1 controls.
_INVALID = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)


def clean_text(value: str) -> str:
    """Multi-line answer: normalise breaks, drop invalid characters, trim outer blank space."""
    for old, new in _BREAKS.items():
        value = value.replace(old, new)
    value = _INVALID.sub("", value)
    value = unicodedata.normalize("NFC", value)
    lines = [line.rstrip() for line in value.split("\n")]
    value = "\n".join(lines).strip("\n").strip()
    return "" if is_blank(value) else value


def is_blank(value: str) -> bool:
    """Nothing a reader would see: only spaces of any kind and invisible format characters
    (a zero-width space, a soft hyphen, a direction mark). Such an answer counts as empty."""
    return all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp") for ch in value)


def clean_line(value: str) -> str:
    """One-line answer (a name, a case number): like clean_text, with breaks folded to spaces."""
    value = clean_text(value).replace("\n", " ").replace("\t", " ")
    return re.sub(r" {2,}", " ", value).strip()


def initials(name: str) -> str:
    """'Jane Q. Doe' -> 'J.Q.D.'; letters of any script; hyphenated parts each count."""
    parts = [p for p in re.split(r"[\s\-]+", name) if p]
    letters = []
    for part in parts:
        first = next((ch for ch in part if ch.isalpha()), "")
        if first:
            letters.append(first.upper() + ".")
    return "".join(letters)


def slug(value: str) -> str:
    """A file-system-safe lower-case name for non-personal labels such as a county."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "x"


def join_words(words: list[str], *, conj: str = "and") -> str:
    """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c' (conj="or": 'a, b or c')."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conj} " + words[-1]
