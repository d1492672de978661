"""The run's settings: one frozen object, read from the environment in this one place.

``Settings`` holds what a command is configured by: the terminal's language, a clinic's template
folder, a forms folder, the LibreOffice program, the conversion time limit, the encryption
passphrase and the prompt that asks for it. The CLI builds it once from its options over the
``LEGAL_DOCS_*`` variables (:meth:`Settings.from_env`) and activates it for the command; the
library asks :func:`current` instead of reading the environment. Without an active object (the
library used directly, tests), :func:`current` reads the environment afresh each time.

Values are kept as given; each is checked where it is used, so a bad LEGAL_DOCS_CONVERT_TIMEOUT is
an error for the commands that convert and not for `legal-docs kinds`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PREFIX = "LEGAL_DOCS_"


class Settings(BaseSettings):
    """`Settings()` reads the LEGAL_DOCS_* variables (an empty one is as if unset); keyword
    arguments win over them. Frozen: a changed setting is a new object (:meth:`replace`)."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, env_ignore_empty=True, frozen=True,
                                      arbitrary_types_allowed=True, populate_by_name=True, extra="ignore")

    # the terminal's language ("en", "es"; "es_MX" reads as es): LEGAL_DOCS_LANG
    language: str = Field(default="", validation_alias=PREFIX + "LANG")
    templates: Optional[Path] = None  # a clinic's template folder (`templates export`), used first
    forms_dir: Optional[Path] = None  # official forms searched before the shipped copies
    soffice: str = ""  # the LibreOffice program (else soffice or libreoffice on PATH)
    convert_timeout: str = ""  # seconds one LibreOffice call may take (checked where used)
    passphrase: str = Field(default="", repr=False)  # the encryption passphrase, if given
    passphrase_provider: Optional[Callable[[bool], str]] = Field(default=None, repr=False)  # the prompt asking it

    @classmethod
    def from_env(cls, **chosen: Any) -> "Settings":
        """The LEGAL_DOCS_* variables with the values `chosen` (the CLI's options; None means
        not chosen) over them."""
        return cls(**{name: value for name, value in chosen.items() if value is not None})


_active: Optional[Settings] = None
_on_change: list[Callable[[], None]] = []


def current() -> Settings:
    """The active settings (the CLI's), else the environment's as it is now."""
    return _active if _active is not None else Settings.from_env()


def activate(settings: Optional[Settings]) -> None:
    """Make `settings` the active ones (None: back to the environment). Caches of data found
    through the settings (templates, clauses, maps) are cleared."""
    global _active
    _active = settings
    for hook in _on_change:
        hook()


def choose(**changes: Any) -> Settings:
    """Activate the current settings with `changes` (e.g. templates=folder) and return them."""
    chosen = current().model_copy(update=changes)
    activate(chosen)
    return chosen


def on_change(hook: Callable[[], None]) -> None:
    """Call `hook` whenever the active settings change (resources clears its caches)."""
    _on_change.append(hook)
