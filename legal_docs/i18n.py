"""The one function every user-facing message passes through: gettext with Babel's catalogs.

Catalogs live in ``legal_docs/locale/<lang>/LC_MESSAGES/legal_docs.mo`` (made with Babel's
extract / update / compile: ``make i18n``). Messages are extracted from the calls to ``_()`` and
``N_()`` in the code and from the interview scripts' prompts, help, labels and titles
(``legal_docs.i18n_extract``), which the interview passes through ``_()`` when it shows them.

The terminal's language is English unless ``LEGAL_DOCS_LANG`` says otherwise or a command sets
it (``legal-docs interview --lang es``). Court papers are always English; the client letter's
language is the answers' ``client.language``.
"""

from __future__ import annotations

import gettext
import importlib.resources
from functools import lru_cache
from pathlib import Path

DOMAIN = "legal_docs"
LANGUAGES = ("en", "es")
LANG_ENV = "LEGAL_DOCS_LANG"

_translations: gettext.NullTranslations | None = None
_language = "en"


def locale_dir() -> Path:
    return Path(str(importlib.resources.files("legal_docs") / "locale"))


def set_language(lang: str | None) -> None:
    """Use `lang` ("en", "es") for every message from now on; None: LEGAL_DOCS_LANG, else English."""
    global _translations, _language
    from .settings import current

    lang = (lang or current().language or "en").split("_")[0].lower()
    if lang not in LANGUAGES:
        lang = "en"
    _language = lang
    if lang == "en":
        _translations = gettext.NullTranslations()
        return
    from babel.support import Translations

    _translations = Translations.load(str(locale_dir()), [lang], DOMAIN)


def language() -> str:
    if _translations is None:
        set_language(None)
    return _language


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang` ("en", "es") for text in a language that is not the terminal's: the
    client letter is in the client's language (``translations(lang).gettext(...)``)."""
    if lang == "en" or lang not in LANGUAGES:
        return gettext.NullTranslations()
    from babel.support import Translations

    return Translations.load(str(locale_dir()), [lang], DOMAIN)


def _(message: str) -> str:
    """Translate `message` into the terminal's language (an empty string stays empty)."""
    if not message:
        return message
    if _translations is None:
        set_language(None)
    assert _translations is not None
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for the count `n`, in the terminal's language
    (format the count in yourself: ``ngettext("{n} problem", "{n} problems", n).format(n=n)``)."""
    if _translations is None:
        set_language(None)
    assert _translations is not None
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; translate it with _() where it is shown."""
    return message
