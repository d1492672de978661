"""One exception hierarchy and the exit codes it maps to.

The CLI is the only place that turns these into exit codes and messages; everything below it
raises. Messages name fields and files in plain words and never carry answer text.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # something went wrong that is not the user's input (a bug, a full disk)
    INVALID_INPUT = 2  # the answers, a path or an option is wrong: fix the input and rerun
    CONVERTER = 3  # LibreOffice missing, hanging or failing; DOCX files are kept
    INTERRUPTED = 130


class LegalDocsError(Exception):
    """Base of every error the tool reports to a user."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details or [])


class InputError(LegalDocsError):
    """The user's input cannot be used: answers file, option, exhibit, output folder."""

    exit_code = ExitCode.INVALID_INPUT


class ConverterError(LegalDocsError):
    """LibreOffice is missing, timed out, or produced no usable PDF."""

    exit_code = ExitCode.CONVERTER


class TemplateError(LegalDocsError):
    """A template or clause is broken (a bug in data the project or a clinic ships)."""

    exit_code = ExitCode.FAILURE
