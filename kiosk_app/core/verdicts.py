"""Verdict codes, their tone and the visitor-facing messages in English and German."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class VerdictCode(StrEnum):
    """Stable reason codes: one per scan outcome, shared by CLI, UI, audit and server."""

    ACCEPTED = "accepted"
    ALREADY_USED = "already_used"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    WRONG_SITE = "wrong_site"
    WRONG_TENANT = "wrong_tenant"
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"
    MALFORMED = "malformed"
    NOT_A_PASS = "not_a_pass"  # noqa: S105 (a reason code, not a secret)
    KIOSK_NOT_PAIRED = "kiosk_not_paired"
    TRUST_DATA_STALE = "trust_data_stale"


class Tone(StrEnum):
    """How the UI colours a verdict: welcome, refusal, or the kiosk's own trouble."""

    WELCOME = "welcome"
    REFUSED = "refused"
    KIOSK_TROUBLE = "kiosk_trouble"


KIOSK_TROUBLE_CODES = frozenset({VerdictCode.KIOSK_NOT_PAIRED, VerdictCode.TRUST_DATA_STALE})

LANGUAGES = ("en", "de")

# Messages never blame the visitor and never leak internals.
_MESSAGES: dict[VerdictCode, dict[str, str]] = {
    VerdictCode.ACCEPTED: {
        "en": "Welcome — you are checked in.",
        "de": "Willkommen — Sie sind angemeldet.",
    },
    VerdictCode.ALREADY_USED: {
        "en": "This code has already been used — please see reception.",
        "de": "Dieser Code wurde bereits verwendet — bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.EXPIRED: {
        "en": "This code has expired — please see reception.",
        "de": "Dieser Code ist abgelaufen — bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.NOT_YET_VALID: {
        "en": "This code is not valid yet — please see reception.",
        "de": "Dieser Code ist noch nicht gültig — bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.REVOKED: {
        "en": "This visit has been cancelled — please see reception.",
        "de": "Dieser Besuch wurde abgesagt — bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.WRONG_SITE: {
        "en": "This code is for another location — please see reception.",
        "de": "Dieser Code gilt für einen anderen Standort — bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.WRONG_TENANT: {
        "en": "This code is not for this building — please see reception.",
        "de": "Dieser Code gilt nicht für dieses Gebäude — bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.UNKNOWN_KEY: {
        "en": "This code cannot be checked here — please see reception.",
        "de": "Dieser Code kann hier nicht geprüft werden — bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.BAD_SIGNATURE: {
        "en": "This code is not valid — please see reception.",
        "de": "Dieser Code ist ungültig — bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.MALFORMED: {
        "en": "This code could not be read properly — please see reception.",
        "de": "Dieser Code konnte nicht richtig gelesen werden — "
        "bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.NOT_A_PASS: {
        "en": "This is not an Atrium visitor code — please see reception.",
        "de": "Dies ist kein Atrium-Besuchercode — bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.KIOSK_NOT_PAIRED: {
        "en": "This kiosk is not set up yet — please see reception.",
        "de": "Dieses Terminal ist noch nicht eingerichtet — bitte wenden Sie sich an den Empfang.",
    },
    VerdictCode.TRUST_DATA_STALE: {
        "en": "This kiosk needs to update — please see reception.",
        "de": "Dieses Terminal muss aktualisiert werden — bitte wenden Sie sich an den Empfang.",
    },
}


def message_for(code: VerdictCode, lang: str = "en") -> str:
    """The visitor-facing message for a code; unknown languages fall back to English."""
    texts = _MESSAGES[VerdictCode(code)]
    return texts.get(lang, texts["en"])


def tone_for(code: VerdictCode) -> Tone:
    if code == VerdictCode.ACCEPTED:
        return Tone.WELCOME
    if code in KIOSK_TROUBLE_CODES:
        return Tone.KIOSK_TROUBLE
    return Tone.REFUSED


@dataclass(frozen=True)
class Verdict:
    """The outcome of one scan, with what the UI may show about the visit."""

    code: VerdictCode
    jti: str | None = None
    visit_id: str | None = None
    not_before: float | None = None
    expires: float | None = None
    display_name: str | None = None
    host_name: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def tone(self) -> Tone:
        return tone_for(self.code)

    @property
    def accepted(self) -> bool:
        return self.code == VerdictCode.ACCEPTED

    def message(self, lang: str = "en") -> str:
        """The plain visitor message, personalised where the kiosk knows the name."""
        if self.code == VerdictCode.ACCEPTED and self.display_name:
            return {"de": f"Willkommen, {self.display_name}!"}.get(
                lang, f"Welcome, {self.display_name}!"
            )
        if self.code == VerdictCode.NOT_YET_VALID and self.not_before is not None:
            start = dt.datetime.fromtimestamp(self.not_before).strftime("%H:%M")
            day = dt.datetime.fromtimestamp(self.not_before).strftime(
                "%d.%m.%Y" if lang == "de" else "%Y-%m-%d"
            )
            if lang == "de":
                return (
                    f"Dieser Code gilt erst ab {start} Uhr ({day}) — "
                    "bitte wenden Sie sich an den Empfang."
                )
            return f"This code is valid from {start} ({day}) — please see reception."
        return message_for(self.code, lang)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready view for the CLI (the audit log stores codes and ids only)."""
        return {
            "verdict": str(self.code),
            "message": self.message("en"),
            "message_de": self.message("de"),
            "jti": self.jti,
            "visit_id": self.visit_id,
            "not_before": self.not_before,
            "expires": self.expires,
        }
