"""The one function every user-facing message passes through: gettext with Babel's catalogs.

Catalogs live in ``legal_docs/locale/<lang>/LC_MESSAGES/legal_docs.mo`` (made with Babel's
extract / update / compile: ``make i18n``). Messages are extracted from the calls to ``_()`` and
``N_()`` in the code and from the interview scripts' prompts, help, labels and titles
(``legal_docs.i18n_extract``), which the interview passes through ``_()`` when it shows them.

The terminal's language is the settings' in force (``LEGAL_DOCS_LANG``, else English), unless a
command chooses another for the rest of its run (``legal-docs interview --lang es``; see
settings.language). Each message is looked up in the catalog of that language (``translations``,
read once per language), so nothing is reset when the language changes. Court papers are always
English; the client letter's language is the answers' ``client.language``.
"""

from __future__ import annotations

import gettext
import importlib.resources
from functools import lru_cache
from pathlib import Path

from . import settings

DOMAIN = "legal_docs"
LANGUAGES = ("en", "es")


def locale_dir() -> Path:
    return Path(str(importlib.resources.files("legal_docs") / "locale"))


def known_language(lang: str | None) -> str:
    """`lang` as a language of the catalogs: "es_MX" reads as es, an unknown one (or none) as en."""
    lang = (lang or "en").split("_")[0].lower()
    return lang if lang in LANGUAGES else "en"


def set_language(lang: str | None) -> None:
    """Use `lang` ("en", "es") for every message from now on; None: the language of the settings
    in force (the command's, else LEGAL_DOCS_LANG, else English)."""
    settings.choose_language(known_language(lang) if lang else None)


def language() -> str:
    """The terminal's language: the one chosen (set_language), else the settings' in force."""
    return known_language(settings.language())


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang` ("en", "es"), read once. Messages use the terminal's (``_``); text in
    a language that is not the terminal's uses its own: the client letter is in the client's
    language (``translations(lang).gettext(...)``)."""
    if lang == "en" or lang not in LANGUAGES:
        return gettext.NullTranslations()
    from babel.support import Translations

    return Translations.load(str(locale_dir()), [lang], DOMAIN)


def _(message: str) -> str:
    """Translate `message` into the terminal's language (an empty string stays empty)."""
    if not message:
        return message
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for the count `n`, in the terminal's language
    (format the count in yourself: ``ngettext("{n} problem", "{n} problems", n).format(n=n)``)."""
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; translate it with _() where it is shown."""
    return message
