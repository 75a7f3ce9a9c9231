"""One catalogue per vocabulary: the core's tables, translated once, copied by no screen."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk_app.assets_path import asset_path
from kiosk_app.core import sync_errors, verdicts, visit_words
from kiosk_app.core.catalogue import LANGUAGES
from kiosk_app.core.pairing import (
    PAIRING_MESSAGES,
    THROTTLED_ONE_SECOND,
    PairingErrorKind,
    pairing_message,
)
from kiosk_app.core.sync_errors import SyncErrorKind, sync_problem
from kiosk_app.core.verdicts import Verdict, VerdictCode
from kiosk_app.ui.i18n import file_translator

REPO = Path(__file__).resolve().parents[2]
CORE_CONTEXTS = ("Verdicts", "Pairing", "Sync", "Visits")


def catalogue(lang: str = "de") -> dict[str, set[str]]:
    """Source texts per context of the .ts file."""
    root = ET.parse(asset_path("i18n", f"atrium_{lang}.ts")).getroot()
    return {
        context.findtext("name"): {m.findtext("source") for m in context.iter("message")}
        for context in root.iter("context")
    }


def core_texts() -> dict[str, set[str]]:
    """Every English text the core's tables hold, per catalogue context."""
    texts = {
        "Verdicts": {t for pair in verdicts._WORDS.values() for t in pair}
        | set(verdicts._TIMED.values())
        | set(verdicts._STAFF.values())
        | set(verdicts._MONTHS)
        | {verdicts._PERSONAL_WELCOME, verdicts._HOST, verdicts._TIME_FORMAT}
        | {verdicts._PERSONAL_GOODBYE, verdicts._LEAVING_HINT},
        "Visits": set(visit_words.REFUSALS.values())
        | {visit_words._CONFIRMED, visit_words._CONFIRMED_NO_NAME, visit_words._TAKE_A_SEAT},
        "Pairing": set(PAIRING_MESSAGES.values()) | {THROTTLED_ONE_SECOND},
        "Sync": set(sync_errors._PROBLEMS.values()) | {sync_errors._UNKNOWN},
    }
    texts["Verdicts"].add(verdicts._DATE_FORMAT)
    return texts


def test_every_kind_has_its_words() -> None:
    assert set(PAIRING_MESSAGES) == set(PairingErrorKind)
    assert set(verdicts._WORDS) == set(VerdictCode)
    assert set(visit_words.REFUSALS) == set(visit_words.WalkInRefusal) - {
        visit_words.WalkInRefusal.DOCUMENTS_PENDING  # the verdict's words
    }
    assert set(sync_errors._PROBLEMS) == set(SyncErrorKind) - {SyncErrorKind.CLIENT_ERROR}
    assert sync_problem("no such kind") == sync_problem(None) == sync_errors._UNKNOWN
    assert pairing_message("no such kind") == PAIRING_MESSAGES[PairingErrorKind.SERVER_ERROR]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_holds_every_core_text_under_its_context(lang: str) -> None:
    ts = catalogue(lang)
    for context, texts in core_texts().items():
        assert texts <= ts[context], f"{context}: not in atrium_{lang}.ts: {texts - ts[context]}"


def test_no_screen_keeps_its_own_copy_of_a_core_text() -> None:
    core = set().union(*core_texts().values())
    for context, texts in catalogue().items():
        if context not in CORE_CONTEXTS:
            assert not texts & core, f"{context} repeats {texts & core}"


def test_every_core_text_reads_differently_in_german() -> None:
    german = file_translator("de")
    same_in_both = {verdicts._TIME_FORMAT}  # "%H:%M" is right for both
    for context, texts in core_texts().items():
        for text in texts - same_in_both:
            assert german(context, text) != text, f"{context}: {text!r} is not translated"
    words = Verdict(VerdictCode.MALFORMED).words(german)
    assert words.body == "Halten Sie den Code ruhig, etwas weiter weg von der Kamera."
    assert "42 Sekunden warten" in pairing_message(PairingErrorKind.THROTTLED, german, 42)
    assert "eine Sekunde warten" in pairing_message(PairingErrorKind.THROTTLED, german, 1)
    assert "wait 2 seconds" in pairing_message(PairingErrorKind.THROTTLED, retry_after=2)
    assert "wait a second" in pairing_message(PairingErrorKind.THROTTLED, retry_after=0.6)


def test_languages_are_defined_once() -> None:
    assignment = re.compile(r"^\s*LANGUAGES\s*[:=]", re.MULTILINE)
    places = [
        path.relative_to(REPO).as_posix()
        for folder in ("kiosk_app", "server_stub", "assets", "benchmarks", "packaging")
        for path in (REPO / folder).rglob("*.py")
        if assignment.search(path.read_text(encoding="utf-8"))
    ]
    assert places == ["kiosk_app/core/catalogue.py"]
