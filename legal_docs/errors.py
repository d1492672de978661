"""One exception hierarchy and the exit codes it maps to.

The CLI is the only place that turns these into exit codes and messages; everything below it
raises. Messages name fields and files in plain words and never carry answer text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # something went wrong that is not the user's input (a bug, a full disk)
    INVALID_INPUT = 2  # the answers, a path or an option is wrong: fix the input and rerun
    CONVERTER = 3  # LibreOffice missing, hanging or failing; DOCX files are kept
    INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input (answers, a sheet row, a data file), for people and for code.

    `location` is the path into the answers or the data file (list items counted from 0; () for
    the whole), `label` names the field in plain words ("Offense 2, date of the offense"),
    `message` says what is wrong in plain words, translated. Code reads these parts; the text
    (``str``) is for people and is never parsed back."""

    location: tuple[str | int, ...]
    label: str
    message: str
    # A problem in a template or data file (`templates check`, a clinic's interview script or form
    # map): `label` names the file, `line` the line in it (0: unknown), `where` the place in words
    # (a paragraph quoted, a document's key, a condition), `name` the name found wrong (a fact, an
    # answer a condition reads, a map's answer path), `fix` what to do about it.
    where: str = ""
    fix: str = ""
    line: int = 0
    name: str = ""

    @classmethod
    def at_column(cls, column: str, message: str, label: str = "") -> "Problem":
        """A problem with a sheet column ("offenses.2.date", list items counted from 1). Its
        `dotted` is the column as typed, even one that is no answer ("offenses.0.date")."""
        location = tuple(int(p) - 1 if p.isdigit() and p == str(int(p)) else p
                         for p in column.split(".")) if column else ()
        return cls(location, label, message)

    @property
    def dotted(self) -> str:
        """The location as a person and a sheet column say it: list items counted from 1."""
        return ".".join(str(p + 1) if isinstance(p, int) else p for p in self.location)

    def __str__(self) -> str:
        from .i18n import _

        place = _("{file}, line {line}").format(file=self.label, line=self.line) if self.line else self.label
        if self.location:
            head = f"{place} ({self.dotted})" if place else self.dotted
        else:
            head = place
        if self.where:
            head = _('{place} at "{where}"').format(place=head, where=self.where)
        text = f"{head}: {self.message}" if head else self.message
        return _("{problem}. Fix: {fix}").format(problem=text, fix=self.fix) if self.fix else text


class AnswerWarning(str):
    """A warning about answers (a plan's warnings are text) that also knows which answers it is
    about (`fields`: paths into the answers), so the interview can name them for the fix. Anywhere
    else, a manifest or review.csv, it is the text alone."""

    fields: tuple[tuple[str | int, ...], ...]

    def __new__(cls, text: str, *, fields: tuple[tuple[str | int, ...], ...] = ()) -> "AnswerWarning":
        warning = super().__new__(cls, text)
        warning.fields = tuple(fields)
        return warning

    def __reduce__(self) -> tuple[object, ...]:  # pickled (a batch worker) with its fields
        return (_answer_warning, (str(self), self.fields))


def _answer_warning(text: str, fields: tuple[tuple[str | int, ...], ...]) -> AnswerWarning:
    return AnswerWarning(text, fields=fields)


class LegalDocsError(Exception):
    """Base of every error the tool reports to a user. `problems` are the typed details (each one
    thing wrong); `details` the lines shown under the message (the problems' text by default)."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, *, details: list[str] | None = None,
                 problems: list[Problem] | tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)
        self.details = list(details) if details is not None else [str(p) for p in self.problems]


class InputError(LegalDocsError):
    """The user's input cannot be used: answers file, option, exhibit, output folder."""

    exit_code = ExitCode.INVALID_INPUT


class ConverterError(LegalDocsError):
    """LibreOffice is missing, timed out, or produced no usable PDF."""

    exit_code = ExitCode.CONVERTER


class TemplateError(LegalDocsError):
    """A template or clause is broken (a bug in data the project or a clinic ships)."""

    exit_code = ExitCode.FAILURE


class UndeclaredFact(LegalDocsError):
    """A planner handed over a fact its kind's Facts model does not declare: a bug in the code
    (exit 1), named with the kind, the model, the name and the names it declares."""

    exit_code = ExitCode.FAILURE
