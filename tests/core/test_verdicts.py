"""Verdict codes, tones and the visitor messages in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk_app.core.verdicts import LANGUAGES, Tone, Verdict, VerdictCode, message_for


@pytest.mark.parametrize("code", list(VerdictCode))
def test_every_code_has_a_distinct_polite_message_in_each_language(code: VerdictCode) -> None:
    english, german = message_for(code, "en"), message_for(code, "de")
    assert english and german and english != german
    for text in (english, german):
        assert "error" not in text.lower() and "exception" not in text.lower()
    if code != VerdictCode.ACCEPTED:
        assert "reception" in english and "Empfang" in german


def test_tones_colour_welcome_refusal_and_kiosk_trouble() -> None:
    assert Verdict(VerdictCode.ACCEPTED).tone == Tone.WELCOME
    assert Verdict(VerdictCode.KIOSK_NOT_PAIRED).tone == Tone.KIOSK_TROUBLE
    assert Verdict(VerdictCode.TRUST_DATA_STALE).tone == Tone.KIOSK_TROUBLE
    refusals = set(VerdictCode) - {
        VerdictCode.ACCEPTED,
        VerdictCode.KIOSK_NOT_PAIRED,
        VerdictCode.TRUST_DATA_STALE,
    }
    assert {Verdict(code).tone for code in refusals} == {Tone.REFUSED}


def test_welcome_is_personal_when_the_name_is_known() -> None:
    verdict = Verdict(VerdictCode.ACCEPTED, display_name="Ada Lovelace")
    assert verdict.message("en") == "Welcome, Ada Lovelace!"
    assert verdict.message("de") == "Willkommen, Ada Lovelace!"
    assert Verdict(VerdictCode.ACCEPTED).message("en") == "Welcome — you are checked in."


def test_not_yet_valid_names_the_start_in_each_language_format() -> None:
    start = dt.datetime(2026, 12, 1, 14, 30).timestamp()
    verdict = Verdict(VerdictCode.NOT_YET_VALID, not_before=start)
    assert "14:30 (2026-12-01)" in verdict.message("en")
    assert "14:30 Uhr (01.12.2026)" in verdict.message("de")


def test_unknown_language_falls_back_to_english() -> None:
    assert "fr" not in LANGUAGES
    assert message_for(VerdictCode.EXPIRED, "fr") == message_for(VerdictCode.EXPIRED, "en")


def test_the_cli_view_carries_codes_and_ids() -> None:
    view = Verdict(VerdictCode.REVOKED, jti="j" * 22, visit_id="V3kq9Zr2").to_dict()
    assert view["verdict"] == "revoked" and view["jti"] == "j" * 22
    assert view["message"].startswith("This visit has been cancelled")
