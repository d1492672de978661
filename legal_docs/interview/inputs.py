"""What a typed answer means for each question type, before the model checks it.

Each reader turns the text typed into the value stored (a cleaned line, an ISO date, a bool, a
choice's value, a list, an absolute path) or raises Refused with a plain message. Whether the
value is acceptable is then the model's decision (checks.py), not this module's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from ..dates import parse_approx_date, parse_date
from ..i18n import _
from ..text import clean_line, clean_text

YES = {"y", "yes", "true", "t", "1", "s", "si", "sí"}  # "s": a Spanish speaker's short yes
NO = {"n", "no", "false", "f", "0"}


class Refused(ValueError):
    """The text typed cannot be read as an answer of this type; the message says why."""


def read_text(raw: str) -> str:
    return clean_line(raw)


def read_multiline(raw: str) -> str:
    return clean_text(raw)


def read_date(raw: str, *, approximate: bool = False) -> str:
    """The ISO text of the date typed; with `approximate`, a month or year alone is kept as one
    ("June 2016" -> "2016-06", "2016" -> "2016")."""
    try:
        if approximate:
            return parse_approx_date(raw.strip()).iso()
        return parse_date(raw.strip()).isoformat()
    except ValueError as exc:
        m = re.match(r"^\s*(\d{1,2})/(\d{1,2})/\d{4}\s*$", raw)
        if m and int(m.group(1)) > 12 >= int(m.group(2)):
            raise Refused(_("That answer is not a real calendar date: with slashes, the month comes first "
                            "(3/2/2019 is March 2, 2019).")) from None
        raise Refused(_("That answer {problem}.").format(problem=_(str(exc)))) from None


def read_yesno(raw: str) -> bool:
    word = raw.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise Refused(_("Please answer yes or no (y or n)."))


def _folded(text: str) -> str:
    """Lower case, single spaces, accents kept: what two spellings of a choice are compared by."""
    return " ".join(text.replace("_", " ").split()).lower()


def _names(value: str, label: str) -> list[str]:
    """Every name a choice answers to: its value, its label and the label in the session's
    language ("acoso civil" for civil harassment in a Spanish session)."""
    return list(dict.fromkeys(_folded(x) for x in (value, label, _(label)) if x))


def _without_county(word: str) -> str:
    """'los angeles county', 'county of los angeles' -> 'los angeles' (how counties are written)."""
    for prefix in ("county of ", "condado de "):
        word = word.removeprefix(prefix)
    for suffix in (" county", " condado"):
        word = word.removesuffix(suffix)
    return word.strip()


def match_choice(raw: str, choices: Mapping[str, str]) -> str:
    """A number from the list, a value or label (English or translated) in any case, or an
    unambiguous beginning. A near miss is answered with "did you mean"."""
    word = _folded(raw)
    if not word:
        raise Refused(_("Please choose one."))
    items = list(choices.items())
    if word.isdigit() and 1 <= int(word) <= len(items):
        return items[int(word) - 1][0]
    names = {value: _names(value, label) for value, label in items}
    for attempt in dict.fromkeys((word, _without_county(word))):
        for value, said in names.items():
            if attempt in said:
                return value
    hits = [v for v, said in names.items() if any(n.startswith(word) for n in said)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        shown = ", ".join(_(choices[h]) for h in hits[:8]) + (", …" if len(hits) > 8 else "")
        raise Refused(_("That matches more than one: {names}. Type a little more.").format(names=shown))
    near = did_you_mean(_without_county(word), {v: _(label) for v, label in items})
    if near:
        raise Refused(_("That is not one of the choices. Did you mean {name}?").format(name=near))
    raise Refused(_("That is not one of the choices. Type ? to see them."))


def did_you_mean(word: str, choices: Mapping[str, str]) -> str:
    """The label closest to a misspelling ('Los Angelos' -> 'Los Angeles'), or ''."""
    import difflib

    labels = {_folded(label): label for label in choices.values()}
    close = difflib.get_close_matches(_folded(word), list(labels), n=1, cutoff=0.75)
    return labels[close[0]] if close else ""


def read_multichoice(raw: str, choices: Mapping[str, str], *, other: bool) -> list[str]:
    """Entries separated by semicolons; each a choice (name or beginning), numbers from the list
    ("1, 3, 5"), or, when `other` is allowed, any text: "1, 3, 5; Letter from the advocate"."""
    out: list[str] = []
    for part in (p.strip() for p in raw.split(";")):
        if not part:
            continue
        tokens = [t for t in re.split(r"[,\s]+", part) if t] if re.fullmatch(r"[\d,\s]+", part) else [part]
        for token in tokens:
            try:
                value = match_choice(token, choices)
            except Refused:
                if not other or token.isdigit():
                    raise
                value = clean_line(token)
            if value and value not in out:
                out.append(value)
    return out


def read_list(lines: list[str]) -> list[str]:
    return [v for v in (clean_line(x) for x in lines) if v]


def read_path(raw: str, *, cwd: Path) -> str:
    """An existing PDF file; relative paths are relative to where the interview was started."""
    text = clean_line(raw).strip("'\"")  # a path dragged into a terminal comes quoted
    if not text:
        raise Refused(_("Please type the path of a PDF file."))
    path = Path(text).expanduser()
    path = path if path.is_absolute() else cwd / path
    if path.is_dir():
        raise Refused(_("That is a folder; type the path of a PDF file in it."))
    if not path.is_file():
        raise Refused(_("There is no file at that path. Check the spelling, or type the full path."))
    if path.suffix.lower() != ".pdf":
        raise Refused(_("That file is not a PDF (its name must end in .pdf)."))
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        raise Refused(_("That file cannot be read.")) from None
    if b"%PDF-" not in head:
        raise Refused(_("That file ends in .pdf but is not a PDF inside."))
    return str(path.resolve())


def describe_value(value: Any, *, choices: Mapping[str, str] | None = None, width: int = 60) -> str:
    """An answer as shown on one line of the review screen."""
    if value is None:
        return _("(skipped)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        shown = "; ".join(describe_value(v, choices=choices, width=width) for v in value)
        return shorten(shown or _("(none)"), width)
    text = str(value)
    if choices and text in choices:
        text = choices[text]
    return shorten(text, width)


def describe_date(value: Any) -> str:
    """'2019-03-02' -> 'March 2, 2019' (as the papers write it), '2 de marzo de 2019' in a Spanish session;
    '2016-06' -> 'June 2016' ('junio de 2016'), '2016' -> '2016'."""
    from ..dates import date_phrase
    from ..i18n import language

    try:
        return date_phrase(parse_approx_date(value), locale="es" if language() == "es" else "en_US")
    except (ValueError, TypeError):
        return describe_value(value)


def shorten(text: str, width: int) -> str:
    lines = clean_text(text).split("\n")
    first = clean_line(lines[0])
    extra = f" (+{len(lines) - 1} lines)" if len(lines) > 1 else ""
    if len(first) > width:
        first = first[: width - 1].rstrip() + "…"
    return first + extra
