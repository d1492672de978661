"""The run's settings: one frozen object, read from the environment in this one place.

``Settings`` (pydantic-settings, variables ``LEGAL_DOCS_*``) holds what a command is configured
by: the terminal's language, a clinic's template folder, a forms folder, the LibreOffice program,
the conversion time limit, the encryption passphrase and the prompt that asks for it, and builds
the :class:`~legal_docs.resources.Resources` that owns every lookup of templates, clauses, field
maps and interview scripts (``settings.resources``, the clinic's folder first).

The CLI builds one per command from its options over the variables (:meth:`Settings.from_env`)
and passes it down: the stages take ``settings=`` (pipeline.generate, plan_mapping, assemble,
batch.run_batch; None means the ones in force) and run under it (:func:`use`). Code below a
stage asks :func:`current`, which answers for this call only (a context variable; a stage's
threads get a copy, :func:`in_context`), never for the whole process. With nothing chosen (the
library used directly, tests) :func:`current` is the environment's as it is now.

Values are kept as given; each is checked where it is used, so a bad LEGAL_DOCS_CONVERT_TIMEOUT is
an error for the commands that convert and not for `legal-docs kinds`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, copy_context
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from pydantic import Field, PrivateAttr
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from .resources import Resources

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
    plain_input: str = ""  # any value: the interview asks on plain lines, without prompt_toolkit's terminal
    passphrase: str = Field(default="", repr=False)  # the encryption passphrase, if given
    passphrase_provider: Optional[Callable[[bool], str]] = Field(default=None, repr=False)  # the prompt asking it
    _resources: Optional["Resources"] = PrivateAttr(default=None)
    _typed: str = PrivateAttr(default="")

    @classmethod
    def from_env(cls, **chosen: Any) -> "Settings":
        """The LEGAL_DOCS_* variables with the values `chosen` (the CLI's options; None means
        not chosen) over them."""
        return cls(**{name: value for name, value in chosen.items() if value is not None})

    @property
    def resources(self) -> "Resources":
        """Every lookup of templates, clauses, field maps and interview scripts under these
        settings (the clinic's folder first), with its own caches: made once per object."""
        if self._resources is None:
            from .resources import Resources

            self._resources = Resources(self.templates)
        return self._resources

    def typed_passphrase(self, *, new: bool = False) -> str:
        """The passphrase typed at the prompt (`passphrase_provider`; `new`: asked twice), asked
        once for these settings, so once per command; "" without a prompt or an answer."""
        if not self._typed and self.passphrase_provider is not None:
            self._typed = self.passphrase_provider(new)
        return self._typed

    def replace(self, **changes: Any) -> "Settings":
        """These settings with `changes`. The Resources (and what it has read) go along, unless
        the template folder is among the changes: then a new one reads the files afresh."""
        changed = self.model_copy(update=changes)
        changed._resources = None if "templates" in changes else self.resources
        return changed


def _variables() -> tuple[str, ...]:
    """The names of the variables Settings reads."""
    fields = Settings.model_fields.items()
    return tuple(str(f.validation_alias) if f.validation_alias else PREFIX + name.upper() for name, f in fields)


_VARIABLES = _variables()
_LANG = PREFIX + "LANG"


@lru_cache(maxsize=8)
def _environment(values: tuple[Optional[str], ...]) -> Settings:
    """The environment's settings, one object (so one Resources) while the variables stay as they are."""
    return Settings()


# The settings in force for this call: chosen by `use` (the CLI's, a caller's), else the environment's.
# A context variable, not a process-wide one: threads and callers each have theirs (a thread started
# for a stage runs in a copy of its starter's context, see `in_context`).
_chosen: ContextVar[Optional[Settings]] = ContextVar("legal_docs_settings", default=None)
# A language chosen during a command over its settings' one (the interview's --lang, or the language
# its resumed session was in): the messages switch, the settings and what their Resources read stay.
_language: ContextVar[Optional[str]] = ContextVar("legal_docs_language", default=None)


def current() -> Settings:
    """The settings in force: those `use` chose, else the environment's as it is now."""
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    return _environment(tuple(os.environ.get(name) for name in _VARIABLES))


@contextmanager
def use(settings: Optional[Settings]) -> Iterator[Settings]:
    """Run the block under `settings` (None: the ones in force); the caller's come back after it."""
    chosen = settings if settings is not None else current()
    token = _chosen.set(chosen)
    language = _language.set(None if settings is not None else _language.get())
    try:
        yield chosen
    finally:
        _language.reset(language)
        _chosen.reset(token)


def language() -> str:
    """The terminal's language as given (see i18n.language): the one chosen during the command,
    else the settings'."""
    chosen = _language.get()
    if chosen:
        return chosen
    settings = _chosen.get()
    if settings is not None:
        return settings.language
    # nothing chosen: the environment's, as Settings() reads it (one variable: every message asks)
    return os.environ.get(_LANG, "")


def choose_language(lang: Optional[str]) -> None:
    """Speak `lang` from now on in this context (None: the settings' language again)."""
    _language.set(lang)


def activate(settings: Optional[Settings]) -> None:
    """Make `settings` the ones in force from now on in this context (None: the environment's),
    their language with them."""
    _chosen.set(settings)
    _language.set(None)


def choose(**changes: Any) -> Settings:
    """Put the current settings with `changes` (e.g. templates=folder) in force and return them
    (a language chosen during the command stays)."""
    chosen = current().replace(**changes)
    _chosen.set(chosen)
    return chosen


def in_context(target: Callable[..., Any]) -> Callable[..., Any]:
    """`target` to run in a new thread under the settings in force here (each thread its own copy)."""
    return functools.partial(copy_context().run, target)
