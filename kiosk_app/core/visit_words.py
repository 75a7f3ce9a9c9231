"""The visitor-facing words of walk-ins (outcomes and refusals), for the CLI and the UI.

The check-out verdicts (``checked_out``, ``not_checked_in``, ``already_checked_out``) and
``documents_pending`` are verdicts and live in ``verdicts.py``; this table holds what a walk-in
is told. English source texts, translated under the context ``Visits``.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk_app.core.catalogue import QT_TRANSLATE_NOOP, Translate, untranslated

CONTEXT = "Visits"


class WalkInRefusal(StrEnum):
    """Why a walk-in was not taken (by the kiosk, or by the server later)."""

    INVALID_NAME = "invalid_name"
    INVALID_COMPANY = "invalid_company"
    UNKNOWN_HOST = "unknown_host"
    WALK_INS_DISABLED = "walk_ins_disabled"
    DOCUMENTS_PENDING = "documents_pending"
    UNKNOWN_EVENT = "unknown_event"  # outcome() of an event id this kiosk never queued
    OTHER = "other"


REFUSALS: dict[WalkInRefusal, str] = {
    WalkInRefusal.INVALID_NAME: QT_TRANSLATE_NOOP("Visits", "Please type your full name."),
    WalkInRefusal.INVALID_COMPANY: QT_TRANSLATE_NOOP(
        "Visits", "The company name is too long; please shorten it."
    ),
    WalkInRefusal.UNKNOWN_HOST: QT_TRANSLATE_NOOP(
        "Visits", "Please pick the person you are visiting from the list."
    ),
    WalkInRefusal.WALK_INS_DISABLED: QT_TRANSLATE_NOOP(
        "Visits", "This site does not take visitors without a code. Please see reception."
    ),
    WalkInRefusal.UNKNOWN_EVENT: QT_TRANSLATE_NOOP("Visits", "Please see reception."),
    WalkInRefusal.OTHER: QT_TRANSLATE_NOOP("Visits", "Please see reception."),
}

_CONFIRMED = QT_TRANSLATE_NOOP("Visits", "Thank you, {name}. {host} knows you are here.")
_CONFIRMED_NO_NAME = QT_TRANSLATE_NOOP("Visits", "Thank you. {host} knows you are here.")
_TAKE_A_SEAT = QT_TRANSLATE_NOOP(
    "Visits", "Please take a seat; reception will be with you shortly."
)


def refusal_text(reason: str, translate: Translate = untranslated) -> str:
    """The words for a refusal; documents_pending says what the verdict of that name says."""
    try:
        known = WalkInRefusal(reason)
    except ValueError:
        known = WalkInRefusal.OTHER
    if known == WalkInRefusal.DOCUMENTS_PENDING:
        from kiosk_app.core.verdicts import Verdict, VerdictCode

        return Verdict(VerdictCode.DOCUMENTS_PENDING).words(translate).body
    return translate(CONTEXT, REFUSALS[known])


def confirmed_text(name: str | None, host: str, translate: Translate = untranslated) -> str:
    if name:
        return translate(CONTEXT, _CONFIRMED).format(name=name, host=host)
    return translate(CONTEXT, _CONFIRMED_NO_NAME).format(host=host)


def take_a_seat_text(translate: Translate = untranslated) -> str:
    return translate(CONTEXT, _TAKE_A_SEAT)
