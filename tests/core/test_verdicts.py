"""Verdict codes, their classes and the one catalogue of verdict words."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk_app.core.catalogue import untranslated
from kiosk_app.core.verdicts import (
    MISREAD_CODES,
    Verdict,
    VerdictClass,
    VerdictCode,
    class_for,
    format_moment,
)

SEE_RECEPTION = {
    VerdictCode.EXPIRED,
    VerdictCode.NOT_YET_VALID,
    VerdictCode.REVOKED,
    VerdictCode.WRONG_SITE,
    VerdictCode.WRONG_TENANT,
    VerdictCode.UNKNOWN_KEY,
    VerdictCode.BAD_SIGNATURE,
    VerdictCode.KIOSK_NOT_PAIRED,
    VerdictCode.TRUST_DATA_STALE,
}


def noon(day: int, hour: int = 12, minute: int = 0) -> float:
    return dt.datetime(2026, 11, day, hour, minute).timestamp()


@pytest.mark.parametrize("code", list(VerdictCode))
def test_every_code_has_a_polite_headline_and_reason(code: VerdictCode) -> None:
    words = Verdict(code).words()
    assert words.title and words.body and words.title != words.body
    for text in (words.title, words.body):
        assert "error" not in text.lower() and "exception" not in text.lower()
    if code in SEE_RECEPTION:
        assert "reception" in words.body


def test_codes_sort_into_the_five_classes() -> None:
    assert class_for(VerdictCode.ACCEPTED) == VerdictClass.WELCOME
    assert class_for(VerdictCode.MALFORMED) == VerdictClass.TRY_AGAIN
    assert class_for(VerdictCode.ALREADY_USED) == VerdictClass.ALREADY_CHECKED_IN
    assert class_for(VerdictCode.NOT_A_PASS) == VerdictClass.NOT_ATRIUM
    assert {class_for(code) for code in SEE_RECEPTION} == {VerdictClass.SEE_RECEPTION}
    assert {class_for(code) for code in VerdictCode} == set(VerdictClass)
    assert {VerdictCode.MALFORMED, VerdictCode.NOT_A_PASS} == MISREAD_CODES


def test_try_again_asks_to_hold_the_code_still_not_to_see_reception() -> None:
    words = Verdict(VerdictCode.MALFORMED).words()
    assert words.title == "Please try again"
    assert words.body == "Hold the code still, a little further from the camera."


def test_welcome_is_personal_when_the_name_is_known() -> None:
    verdict = Verdict(VerdictCode.ACCEPTED, display_name="Ada Lovelace", host_name="Grace Hopper")
    words = verdict.words()
    assert words.title == "Welcome, Ada Lovelace!" and words.body == "You are checked in."
    assert words.host == "Your host: Grace Hopper"
    assert verdict.message() == "Welcome, Ada Lovelace! You are checked in."
    assert Verdict(VerdictCode.ACCEPTED).words().title == "Welcome!"


def test_times_say_today_only_by_the_clock_and_other_days_with_the_date() -> None:
    today = lambda: noon(30)  # noqa: E731
    later = Verdict(VerdictCode.NOT_YET_VALID, not_before=noon(30, 14))
    assert later.words(now=today).body == "This code is valid from 14:00. Please see reception."
    gone = Verdict(VerdictCode.EXPIRED, expires=noon(29, 11))
    assert gone.words(now=today).body == (
        "This code was valid until 11:00 on 29 Nov. Please see reception."
    )
    used = Verdict(VerdictCode.ALREADY_USED, used_at=noon(30, 9, 5))
    assert used.words(now=today).body == "You checked in here at 09:05."
    assert Verdict(VerdictCode.ALREADY_USED).words().body == (
        "This code has already been used to check in."
    )


def test_formats_come_from_the_catalogue_too() -> None:
    german = {"%d %b": "%d.%m.", "%H:%M": "%H.%M", "Nov": "Nov."}
    translate = lambda context, text, n=-1: german.get(text, text)  # noqa: E731
    clock, date, same_day = format_moment(noon(29, 11), translate, dt.date(2026, 11, 30))
    assert (clock, date, same_day) == ("11.00", "29.11.", False)
    assert format_moment(noon(29, 11), untranslated, dt.date(2026, 11, 29)) == (
        "11:00",
        "29 Nov",
        True,
    )


def test_the_words_go_through_the_translator_keyed_by_the_english_text() -> None:
    seen: list[tuple[str, str]] = []

    def translate(context: str, text: str, n: int = -1) -> str:
        seen.append((context, text))
        return f"<{text}>"

    words = Verdict(VerdictCode.WRONG_SITE).words(translate)
    assert words.title == "<Another site>"
    assert {context for context, _ in seen} == {"Verdicts"}


def test_the_stale_trust_verdict_says_what_it_means_and_what_staff_do() -> None:
    words = Verdict(VerdictCode.TRUST_DATA_STALE).words()
    assert "update" not in words.title.lower()
    assert "server" in words.body and "network" in words.staff


def test_the_cli_view_carries_codes_ids_and_class() -> None:
    view = Verdict(VerdictCode.REVOKED, jti="j" * 22, visit_id="V3kq9Zr2").to_dict()
    assert view["verdict"] == "revoked" and view["jti"] == "j" * 22
    assert view["class"] == "see_reception"
    assert str(view["message"]).startswith("This visit has been cancelled")
