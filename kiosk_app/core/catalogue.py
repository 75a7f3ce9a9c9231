"""How the core's message tables meet the translator, without importing Qt.

Every English text a table holds is wrapped in ``QT_TRANSLATE_NOOP(context, text)``: at run
time it returns the text unchanged; ``lupdate`` (``assets/i18n/build_translations.py``) finds
the calls and puts the texts into the translation catalogue under that context. Code that
shows a text passes it through a ``Translate`` function: the UI's is Qt's translator, the
CLI's is ``untranslated`` for English.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("en", "de")  # the languages the kiosk speaks; English is the source language
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}  # each in its own language

# translate(context, english text, n) -> the text in the current language; n for "%n" plurals
Translate = Callable[..., str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks ``text`` for the catalogue under ``context``; returns it unchanged."""
    return text


def untranslated(context: str, text: str, n: int = -1) -> str:
    """The English source text itself, with ``%n`` replaced by ``n`` when given."""
    return text.replace("%n", str(n)) if n >= 0 else text
