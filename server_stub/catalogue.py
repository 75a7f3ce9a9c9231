"""The server's message catalogues, one mechanism: a table keyed by message id, one text per
language (in the order of the product's ``LANGUAGES``), read in one language.

The console (``console/i18n.py``) and the e-mails (``mail/catalogue.py``) each keep their own
table and subclass ``Catalogue`` with it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import ClassVar

from kiosk_app.core.catalogue import LANGUAGES  # the product's languages, defined once

DEFAULT_LANGUAGE = "en"


class Catalogue:
    """``catalogue(key, **values)`` in one language (an unknown language falls back to English)."""

    messages: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def __init__(self, language: str | None) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self._index = LANGUAGES.index(self.language)

    def __call__(self, key: str, **values: object) -> str:
        text = self.messages[key][self._index]
        return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def problems(messages: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Entries without a text for every language, or whose languages name other placeholders."""
    found = []
    for key, texts in messages.items():
        if len(texts) != len(LANGUAGES) or not all(isinstance(t, str) and t for t in texts):
            found.append(f"{key}: needs one text for each of {', '.join(LANGUAGES)}")
        elif len({frozenset(placeholders(t)) for t in texts}) > 1:
            found.append(f"{key}: the languages use different placeholders")
    return found
