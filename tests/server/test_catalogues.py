"""The server's two message catalogues (console, e-mail) share one mechanism and are complete."""

from __future__ import annotations

import pytest

from server_stub import catalogue
from server_stub.console.i18n import MESSAGES, Translator
from server_stub.mail.catalogue import TEXTS, Texts


@pytest.mark.parametrize(("reader", "table"), [(Translator, MESSAGES), (Texts, TEXTS)])
def test_both_catalogues_are_the_shared_catalogue(reader: type, table: dict) -> None:
    assert issubclass(reader, catalogue.Catalogue)
    assert reader.messages is table
    assert catalogue.problems(table) == []


def test_a_catalogue_reads_one_language_and_falls_back_to_english() -> None:
    assert Translator("de")("kiosks.title") == "Kiosks"
    assert Translator("de")("kiosks.revoked_done", name="Lobby") == "Kiosk Lobby wurde entkoppelt."
    assert Texts("fr").language == "en"
    assert (
        Texts(None)("footer", site="Berlin HQ") == "Sent by the Atrium visitor system of Berlin HQ."
    )


def test_problems_names_missing_languages_and_mismatched_placeholders() -> None:
    broken = {"a": ("Only English",), "b": ("Hello {name}", "Hallo {nam}"), "c": ("x", "y")}
    assert catalogue.problems(broken) == [
        "a: needs one text for each of en, de",
        "b: the languages use different placeholders",
    ]
