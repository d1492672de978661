"""Code sections and the PC § 667.5(c) screen (pure functions, no I/O beyond the cached table).

A code section as people write it ("PC 647(b)", "Pen. Code § 647, subd. (b)", "647(b) PC",
"H&S 11350") is parsed into (code, section, subdivisions). Screening says, with a reason, whether
an offense is eligible, excluded (a violent felony) or needs the attorney to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal, Sequence

from .i18n import _
from .lawdata import ViolentFelonyTable, vacatur_offenses, violent_felonies

_CODES = {
    "PC": ("pc", "p.c.", "pen. code", "penal code", "pen code", "pen."),
    "HS": ("hs", "h&s", "h & s", "h.s.", "hsc", "health & safety code", "health and safety code",
           "health & saf. code", "h&sc"),
    "VC": ("vc", "v.c.", "veh. code", "vehicle code"),
    "BP": ("bp", "b&p", "bus. & prof. code", "business and professions code"),
    "WIC": ("wic", "w&i", "welf. & inst. code", "welfare and institutions code"),
}
# "647(b)", and the bare letter people type for it: "647b", "pc 647 b"
_SECTION = re.compile(r"(\d+(?:\.\d+)?)(?:\s*([a-z])(?![a-z0-9]))?((?:\s*\(\s*[0-9A-Za-z]+\s*\))*)")
_SUB = re.compile(r"\(\s*([0-9A-Za-z]+)\s*\)")


@dataclass(frozen=True)
class CodeSection:
    code: str  # "PC", "HS", ...; "" when none was written
    section: str  # "647", "664/187"
    subdivisions: tuple[str, ...] = ()

    def __str__(self) -> str:
        subs = "".join(f"({s})" for s in self.subdivisions)
        return f"{self.code} {self.section}{subs}".strip()

    def citation(self) -> str:
        """California Style Manual form: 'Pen. Code, § 647, subd. (b)'; an attempt 'PC 664/187' is
        'Pen. Code, §§ 664, 187'. A section written without its code is read as the Penal Code."""
        code = CITATION_NAMES.get(self.code or "PC", self.code)
        if "/" in self.section:
            return f"{code}, §§ {', '.join(self.section.split('/'))}"
        subs = "".join(f"({s})" for s in self.subdivisions)
        return f"{code}, § {self.section}" + (f", subd. {subs}" if subs else "")


CITATION_NAMES = {"PC": "Pen. Code", "HS": "Health & Saf. Code", "VC": "Veh. Code", "BP": "Bus. & Prof. Code",
                  "WIC": "Welf. & Inst. Code"}


def citation_form(text: str) -> str:
    """A code section as typed ('pc647b', 'PC 647(b)') in citation form; as typed when unreadable."""
    parsed = parse_code_section(text)
    return parsed.citation() if parsed is not None else text


def parse_code_section(text: str) -> CodeSection | None:
    """Parse a code section; None when no section number can be found."""
    lowered = text.lower().replace("§", " ").replace("section", " ").replace("sec.", " ")
    code = ""
    for name, spellings in _CODES.items():
        for s in sorted(spellings, key=len, reverse=True):
            if re.search(rf"(?<![a-z]){re.escape(s)}(?![a-z])", lowered):
                code = name
                lowered = re.sub(rf"(?<![a-z]){re.escape(s)}(?![a-z])", " ", lowered, count=1)
                break
        if code:
            break
    lowered = re.sub(r",?\s*subds?\.?\s*", "", lowered)
    attempt = re.search(r"(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)", lowered)
    if attempt:
        return CodeSection(code or "PC", f"{attempt.group(1)}/{attempt.group(2)}")
    m = _SECTION.search(lowered)
    if not m:
        return None
    subs = ((m.group(2),) if m.group(2) else ()) + tuple(s.lower() for s in _SUB.findall(m.group(3)))
    return CodeSection(code, m.group(1), subs)


Status = Literal["eligible", "excluded", "check"]


@dataclass(frozen=True)
class Screening:
    status: Status
    reason: str
    paragraph: int | None = None
    level: str = ""  # the level screened: the code's when it fixes one, else the one typed
    level_note: str = ""  # said when the typed level contradicts the code section


def level_of(code_section: str, typed: str) -> tuple[str, str]:
    """The level to screen an offense as, and a note when the typed level contradicts its code section
    (clauses/law/vacatur_offenses.yaml: PC 211 is always a felony)."""
    parsed = parse_code_section(code_section)
    if parsed is None:
        return typed, ""
    for rule in vacatur_offenses().levels:
        entry = parse_code_section(rule.section)
        if entry is not None and _covers(entry, parsed) == "yes" and rule.level != typed:
            return rule.level, _("entered as a {typed}, but {section} is a {level} ({why}): screened as a {level}").format(
                typed=_(typed), section=parsed.citation(), level=_(rule.level), why=rule.note)
    return typed, ""


def _covers(entry: CodeSection, offense: CodeSection) -> Literal["yes", "maybe", "no"]:
    if entry.code != (offense.code or "PC") or entry.section != offense.section:
        return "no"
    n = len(entry.subdivisions)
    if offense.subdivisions[:n] == entry.subdivisions:
        return "yes"
    if len(offense.subdivisions) < n and entry.subdivisions[: len(offense.subdivisions)] == offense.subdivisions:
        return "maybe"  # written without the subdivision that decides it
    return "no"


def screen_offense(
    *,
    code_section: str,
    level: str,
    enhancements: Sequence[str] = (),
    table: ViolentFelonyTable | None = None,
) -> Screening:
    """Screen one offense against PC § 667.5(c). `level` is felony, misdemeanor or infraction."""
    table = table or violent_felonies()
    level, level_note = level_of(code_section, level)
    result = _screen(code_section=code_section, level=level, enhancements=enhancements, table=table)
    return replace(result, level=level, level_note=level_note)


def _screen(*, code_section: str, level: str, enhancements: Sequence[str], table: ViolentFelonyTable) -> Screening:
    if level != "felony":
        return Screening("eligible", _("a {level}; only felonies can be violent felonies under PC 667.5(c)").format(
            level=_(level)))
    parsed = parse_code_section(code_section)
    if parsed is None:
        return Screening("check", _("the code section could not be read; check it against PC 667.5(c)"))
    enh = [e for e in (parse_code_section(x) for x in enhancements) if e is not None]
    maybe: list[str] = []
    for para in table.paragraphs:
        entries = [e for e in (parse_code_section(s) for s in para.sections) if e is not None]
        enh_entries = [e for e in (parse_code_section(s) for s in para.enhancements) if e is not None]
        hit_section = max((_covers(e, parsed) for e in entries), key=_rank, default="no")
        hit_enh = any(_covers(e, x) == "yes" for e in enh_entries for x in enh)
        label = f"PC 667.5(c)({para.paragraph}) ({para.description})"
        if para.sections and para.enhancements:
            # both the section and the enhancement are needed (e.g. extortion + gang allegation)
            if hit_section == "yes" and hit_enh:
                return Screening("excluded", _("a violent felony under {label}").format(label=label), para.paragraph)
            if hit_section != "no":
                maybe.append(_("{label}: check {what}").format(label=label, what=para.needs_facts or _("the subdivision")))
            continue
        if para.enhancements and hit_enh:
            return Screening("excluded", _("a violent felony under {label}").format(label=label), para.paragraph)
        if hit_section == "yes" and not para.needs_facts:
            return Screening("excluded", _("a violent felony under {label}").format(label=label), para.paragraph)
        if hit_section == "yes":
            maybe.append(_("{label}: check {what}").format(label=label, what=para.needs_facts))
        elif hit_section == "maybe":
            maybe.append(_("{label}: the subdivision decides; check which subdivision applies").format(label=label))
    if maybe:
        return Screening("check", _("may be a violent felony: {reasons}").format(reasons="; ".join(maybe)))
    return Screening("eligible", _("not listed in PC 667.5(c) (table {as_of})").format(as_of=table.as_of))


def _rank(value: str) -> int:
    return {"no": 0, "maybe": 1, "yes": 2}[value]
