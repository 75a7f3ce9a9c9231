"""Every screen in German shows no English: no word of the catalogue's English source texts.

The English vocabulary is taken from the translation catalogue itself: every word of every
source text, less the words its German translations use too ("Server", "PIN", "Code", ...)
and the test data's proper nouns. Any of the rest on a German screen is English that slipped
through, whether from an untranslated tr() or from a text that never went through one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from kiosk_app.assets_path import asset_path
from kiosk_app.ui.window import KioskWindow
from tests.ui.test_screens import (  # noqa: F401 (window is a fixture)
    CONFLICT,
    SITE,
    visible_texts,
    walk_screens,
    window,
)

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")
PROPER_NOUNS = f"{SITE} Lobby Acme Corp Ada Lovelace Grace Hopper {CONFLICT.first_used_by}"
NAMES = "atrium example com https zxing pyzbar libzbar English Deutsch"


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def english_vocabulary() -> set[str]:
    root = ET.parse(asset_path("i18n", "atrium_de.ts")).getroot()
    sources, translations = set(), set()
    for message in root.iter("message"):
        sources |= words(message.findtext("source") or "")
        translation = message.find("translation")
        for text in [translation.text or "", *(f.text or "" for f in translation)]:
            translations |= words(text)
    return sources - translations - words(PROPER_NOUNS) - words(NAMES)


def texts_per_screen(kiosk_window: KioskWindow, lang: str) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}

    def snap(name: str) -> None:
        seen[name] = visible_texts(kiosk_window)

    walk_screens(kiosk_window, lang, snap)
    return seen


def english_on(screens: dict[str, set[str]], vocabulary: set[str]) -> dict[str, set[str]]:
    found = {}
    for screen, texts in screens.items():
        english = {text for text in texts if words(text) & vocabulary}
        if english:
            found[screen] = english
    return found


def test_no_screen_in_german_shows_an_english_word(window) -> None:  # noqa: F811
    vocabulary = english_vocabulary()
    assert {"camera", "not", "please", "the"} <= vocabulary  # the yardstick has teeth
    english = texts_per_screen(window, "en")
    assert len(english_on(english, vocabulary)) == len(english)  # and finds English
    window.language.set_language("de")
    german = texts_per_screen(window, "de")
    assert english_on(german, vocabulary) == {}


def test_the_three_wordings_say_what_they_mean(window) -> None:  # noqa: F811
    window.camera_trouble.set_reason("camera 0 not found or busy")
    window.language.set_language("de")
    window.show_screen("camera_trouble")
    shown = window.camera_trouble.parts.detail.text()
    assert "camera" not in shown and "Kamera" in shown
    window.show_screen("unpaired")
    staff = window.unpaired.parts.detail.text()
    assert "export-queue" in staff and "bleiben" in staff  # unsent check-ins are kept
    window.language.set_language("en")
    staff = window.unpaired.parts.detail.text()
    assert "are kept" in staff and "local visitor data was deleted" not in staff


def test_german_calls_the_kiosk_terminal_throughout() -> None:
    """One word for the device in the German catalogue: "Terminal" (most texts used it)."""
    root = ET.parse(asset_path("i18n", "atrium_de.ts")).getroot()
    kiosk = re.compile(r"(?<![-\w])Kiosks?\b(?!\.toml)", re.IGNORECASE)
    mixed = []
    for message in root.iter("message"):
        translation = message.find("translation")
        for text in [translation.text or "", *(f.text or "" for f in translation)]:
            if kiosk.search(text):
                mixed.append(text)
    assert mixed == []
