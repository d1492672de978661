"""What `assemble` tells a paralegal about the Word files: which changed since `generate`, and the
numbered paragraphs put back in order after one was deleted, moved or copied.

A pleading's numbered paragraphs (style "Pleading Numbered") begin with a run holding their
number ("6."), so a paper edited in Word can read 1-5, 7. :func:`renumber` rewrites those runs
1, 2, 3... in document order and returns what it changed; the text of the paragraphs, and any
reference to a paragraph by its number elsewhere, is left as it is (the report says to check them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

NUMBERED_STYLE = "PleadingNumbered"  # the style id in form_templates/pleading.docx
_NUMBER = re.compile(r"^\s*(\d{1,4})\.\s*$")
_REFERENCE = re.compile(r"\b(?:paragraphs?|¶+)\s*\d", re.IGNORECASE)


@dataclass
class Renumbered:
    changes: list[tuple[int, int]] = field(default_factory=list)  # (number found, number now)
    references: bool = False  # the paper mentions a paragraph by its number somewhere


def renumber(path: Path) -> Renumbered:
    """Number the paper's numbered paragraphs 1, 2, 3... in order; saves the file only when a
    number changed."""
    from docx import Document

    doc = Document(str(path))
    out = Renumbered()
    expected = 0
    for paragraph in doc.paragraphs:
        if _REFERENCE.search(paragraph.text):
            out.references = True
        if paragraph.style is None or paragraph.style.style_id != NUMBERED_STYLE or not paragraph.runs:
            continue
        first = paragraph.runs[0]
        found = _NUMBER.match(first.text or "")
        if found is None:
            continue  # a numbered paragraph whose number was deleted by hand: left as it is
        expected += 1
        if int(found.group(1)) != expected:
            out.changes.append((int(found.group(1)), expected))
            first.text = f"{expected}."
    if out.changes:
        doc.save(str(path))
    return out


def describe(changes: list[tuple[int, int]], *, limit: int = 6) -> str:
    """'7 -> 6, 8 -> 7' (the first few)."""
    shown = ", ".join(f"{old} -> {new}" for old, new in changes[:limit])
    return shown + (", …" if len(changes) > limit else "")
