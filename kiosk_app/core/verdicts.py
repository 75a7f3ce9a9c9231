"""Verdict codes, their classes and the one catalogue of visitor-facing verdict words (English).

The English texts here are the source strings of the translation catalogue: the CLI prints
them as they are, the UI passes each through Qt's translator (context ``Verdicts``), keyed by
nothing but the code, so no screen keeps its own copy of a verdict's words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk_app.core.catalogue import QT_TRANSLATE_NOOP, Translate, untranslated

if TYPE_CHECKING:
    from kiosk_app.core.documents import PendingDocument


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
    DOCUMENTS_PENDING = "documents_pending"  # check_in without signing the site's documents
    CHECKED_OUT = "checked_out"
    NOT_CHECKED_IN = "not_checked_in"
    ALREADY_CHECKED_OUT = "already_checked_out"


class VerdictClass(StrEnum):
    """What the visitor should do next; each class has its own icon, colour and sound."""

    WELCOME = "welcome"
    TRY_AGAIN = "try_again"
    SEE_RECEPTION = "see_reception"
    ALREADY_CHECKED_IN = "already_checked_in"
    NOT_ATRIUM = "not_atrium"


_CLASSES = {
    VerdictCode.ACCEPTED: VerdictClass.WELCOME,
    VerdictCode.MALFORMED: VerdictClass.TRY_AGAIN,
    VerdictCode.ALREADY_USED: VerdictClass.ALREADY_CHECKED_IN,
    VerdictCode.NOT_A_PASS: VerdictClass.NOT_ATRIUM,
    VerdictCode.CHECKED_OUT: VerdictClass.WELCOME,
    VerdictCode.ALREADY_CHECKED_OUT: VerdictClass.ALREADY_CHECKED_IN,
}

# Codes a one-frame misread can produce: the UI waits for a second frame with the same text.
MISREAD_CODES = frozenset({VerdictCode.MALFORMED, VerdictCode.NOT_A_PASS})


def class_for(code: VerdictCode) -> VerdictClass:
    """The class of a code; everything not listed sends the visitor to reception."""
    return _CLASSES.get(VerdictCode(code), VerdictClass.SEE_RECEPTION)


CONTEXT = "Verdicts"

# (headline, body); bodies never blame the visitor and never leak internals.
_WORDS: dict[VerdictCode, tuple[str, str]] = {
    VerdictCode.ACCEPTED: (
        QT_TRANSLATE_NOOP("Verdicts", "Welcome!"),
        QT_TRANSLATE_NOOP("Verdicts", "You are checked in."),
    ),
    VerdictCode.ALREADY_USED: (
        QT_TRANSLATE_NOOP("Verdicts", "Already checked in"),
        QT_TRANSLATE_NOOP("Verdicts", "This code has already been used to check in."),
    ),
    VerdictCode.EXPIRED: (
        QT_TRANSLATE_NOOP("Verdicts", "Code expired"),
        QT_TRANSLATE_NOOP("Verdicts", "This code has expired. Please see reception."),
    ),
    VerdictCode.NOT_YET_VALID: (
        QT_TRANSLATE_NOOP("Verdicts", "Not valid yet"),
        QT_TRANSLATE_NOOP("Verdicts", "This code is not valid yet. Please see reception."),
    ),
    VerdictCode.REVOKED: (
        QT_TRANSLATE_NOOP("Verdicts", "Visit cancelled"),
        QT_TRANSLATE_NOOP("Verdicts", "This visit has been cancelled. Please see reception."),
    ),
    VerdictCode.WRONG_SITE: (
        QT_TRANSLATE_NOOP("Verdicts", "Another site"),
        QT_TRANSLATE_NOOP("Verdicts", "This code is for another site. Please see reception."),
    ),
    VerdictCode.WRONG_TENANT: (
        QT_TRANSLATE_NOOP("Verdicts", "Another building"),
        QT_TRANSLATE_NOOP("Verdicts", "This code is not for this building. Please see reception."),
    ),
    VerdictCode.UNKNOWN_KEY: (
        QT_TRANSLATE_NOOP("Verdicts", "Code cannot be checked"),
        QT_TRANSLATE_NOOP("Verdicts", "This code cannot be checked here. Please see reception."),
    ),
    VerdictCode.BAD_SIGNATURE: (
        QT_TRANSLATE_NOOP("Verdicts", "Code not valid"),
        QT_TRANSLATE_NOOP("Verdicts", "This code is not valid. Please see reception."),
    ),
    VerdictCode.MALFORMED: (
        QT_TRANSLATE_NOOP("Verdicts", "Please try again"),
        QT_TRANSLATE_NOOP("Verdicts", "Hold the code still, a little further from the camera."),
    ),
    VerdictCode.NOT_A_PASS: (
        QT_TRANSLATE_NOOP("Verdicts", "Not an Atrium code"),
        QT_TRANSLATE_NOOP("Verdicts", "Please show the visitor code from your invitation."),
    ),
    VerdictCode.KIOSK_NOT_PAIRED: (
        QT_TRANSLATE_NOOP("Verdicts", "Kiosk not set up"),
        QT_TRANSLATE_NOOP("Verdicts", "This kiosk is not set up yet. Please see reception."),
    ),
    VerdictCode.TRUST_DATA_STALE: (
        QT_TRANSLATE_NOOP("Verdicts", "Kiosk offline too long"),
        QT_TRANSLATE_NOOP(
            "Verdicts",
            "This kiosk cannot check codes until it has reached the server again. "
            "Please see reception.",
        ),
    ),
    VerdictCode.DOCUMENTS_PENDING: (
        QT_TRANSLATE_NOOP("Verdicts", "Documents to sign"),
        QT_TRANSLATE_NOOP(
            "Verdicts", "Please read and sign this site's documents on the kiosk screen first."
        ),
    ),
    VerdictCode.CHECKED_OUT: (
        QT_TRANSLATE_NOOP("Verdicts", "Goodbye!"),
        QT_TRANSLATE_NOOP("Verdicts", "Thank you for visiting."),
    ),
    VerdictCode.NOT_CHECKED_IN: (
        QT_TRANSLATE_NOOP("Verdicts", "Not checked in"),
        QT_TRANSLATE_NOOP(
            "Verdicts", "This code has not been used to check in. Please see reception."
        ),
    ),
    VerdictCode.ALREADY_CHECKED_OUT: (
        QT_TRANSLATE_NOOP("Verdicts", "Already checked out"),
        QT_TRANSLATE_NOOP("Verdicts", "You have already checked out."),
    ),
}

# Bodies that say when; {time} and {date} are filled in the UI language's formats below.
_TIMED: dict[tuple[VerdictCode, bool], str] = {
    (VerdictCode.NOT_YET_VALID, True): QT_TRANSLATE_NOOP(
        "Verdicts", "This code is valid from {time}. Please see reception."
    ),
    (VerdictCode.NOT_YET_VALID, False): QT_TRANSLATE_NOOP(
        "Verdicts", "This code is valid from {time} on {date}. Please see reception."
    ),
    (VerdictCode.EXPIRED, True): QT_TRANSLATE_NOOP(
        "Verdicts", "This code was valid until {time}. Please see reception."
    ),
    (VerdictCode.EXPIRED, False): QT_TRANSLATE_NOOP(
        "Verdicts", "This code was valid until {time} on {date}. Please see reception."
    ),
    (VerdictCode.ALREADY_USED, True): QT_TRANSLATE_NOOP(
        "Verdicts", "You checked in here at {time}."
    ),
    (VerdictCode.ALREADY_USED, False): QT_TRANSLATE_NOOP(
        "Verdicts", "You checked in here at {time} on {date}."
    ),
}
_PERSONAL_WELCOME = QT_TRANSLATE_NOOP("Verdicts", "Welcome, {name}!")
_PERSONAL_GOODBYE = QT_TRANSLATE_NOOP("Verdicts", "Goodbye, {name}!")
# An already-used pass scanned in normal mode: the visitor may be on the way out.
_LEAVING_HINT = QT_TRANSLATE_NOOP("Verdicts", "Leaving? Tap Check out.")
_HOST = QT_TRANSLATE_NOOP("Verdicts", "Your host: {name}")
_STAFF: dict[VerdictCode, str] = {
    VerdictCode.TRUST_DATA_STALE: QT_TRANSLATE_NOOP(
        "Verdicts",
        "For staff: the kiosk's keys and cancellations are out of date. Connect it to the "
        "network; it syncs by itself (or use Sync now in the admin panel).",
    ),
    VerdictCode.KIOSK_NOT_PAIRED: QT_TRANSLATE_NOOP(
        "Verdicts", "For staff: pair this kiosk with the Atrium server."
    ),
}
# strftime formats, translatable like any other word ("30 Nov" / "30.11.")
_TIME_FORMAT = QT_TRANSLATE_NOOP("Verdicts", "%H:%M")
_DATE_FORMAT = QT_TRANSLATE_NOOP("Verdicts", "%d %b")
_MONTHS = (
    QT_TRANSLATE_NOOP("Verdicts", "Jan"),
    QT_TRANSLATE_NOOP("Verdicts", "Feb"),
    QT_TRANSLATE_NOOP("Verdicts", "Mar"),
    QT_TRANSLATE_NOOP("Verdicts", "Apr"),
    QT_TRANSLATE_NOOP("Verdicts", "May"),
    QT_TRANSLATE_NOOP("Verdicts", "Jun"),
    QT_TRANSLATE_NOOP("Verdicts", "Jul"),
    QT_TRANSLATE_NOOP("Verdicts", "Aug"),
    QT_TRANSLATE_NOOP("Verdicts", "Sep"),
    QT_TRANSLATE_NOOP("Verdicts", "Oct"),
    QT_TRANSLATE_NOOP("Verdicts", "Nov"),
    QT_TRANSLATE_NOOP("Verdicts", "Dec"),
)


@dataclass(frozen=True)
class VerdictWords:
    """What a verdict screen (or the CLI) says: a headline, the reason, optional extra lines."""

    title: str
    body: str
    host: str = ""
    staff: str = ""
    hint: str = ""  # already_used: "Leaving? Tap Check out."


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
    used_at: float | None = None  # already_used: when this kiosk checked the pass in
    extra: dict[str, str] = field(default_factory=dict)
    # accepted (by verify) or documents_pending: the documents still to sign, in order
    pending_documents: tuple[PendingDocument, ...] = ()

    @property
    def verdict_class(self) -> VerdictClass:
        return class_for(self.code)

    @property
    def accepted(self) -> bool:
        return self.code == VerdictCode.ACCEPTED

    def words(
        self, translate: Translate = untranslated, now: Callable[[], float] | None = None
    ) -> VerdictWords:
        """The headline and reason, through ``translate`` (identity: English for the CLI)."""
        return verdict_words(self, translate, now)

    def message(self, translate: Translate = untranslated) -> str:
        """The reason in one line (CLI output; English by default); the audit stores codes only."""
        words = self.words(translate)
        greets = self.code in (VerdictCode.ACCEPTED, VerdictCode.CHECKED_OUT)
        return f"{words.title} {words.body}" if greets else words.body

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready view for the CLI (the audit log stores codes and ids only)."""
        return {
            "verdict": str(self.code),
            "class": str(self.verdict_class),
            "message": self.message(),
            "jti": self.jti,
            "visit_id": self.visit_id,
            "not_before": self.not_before,
            "expires": self.expires,
            "used_at": self.used_at,
            "pending_documents": [
                {"document_id": d.document_id, "version": d.version, "title": d.title}
                for d in self.pending_documents
            ],
        }


def _when(verdict: Verdict) -> float | None:
    if verdict.code == VerdictCode.NOT_YET_VALID:
        return verdict.not_before
    if verdict.code == VerdictCode.EXPIRED:
        return verdict.expires
    if verdict.code == VerdictCode.ALREADY_USED:
        return verdict.used_at
    return None


def format_moment(
    moment: float, translate: Translate = untranslated, today: dt.date | None = None
) -> tuple[str, str, bool]:
    """(time, date, is today) of a Unix time in local time, in the catalogue's formats."""
    local = dt.datetime.fromtimestamp(moment)
    month = translate(CONTEXT, _MONTHS[local.month - 1])
    date_format = translate(CONTEXT, _DATE_FORMAT).replace("%b", month.replace("%", "%%"))
    same_day = local.date() == (today or dt.date.today())
    return local.strftime(translate(CONTEXT, _TIME_FORMAT)), local.strftime(date_format), same_day


def verdict_words(
    verdict: Verdict, translate: Translate = untranslated, now: Callable[[], float] | None = None
) -> VerdictWords:
    """The one place that turns a verdict into words, in the language ``translate`` speaks."""
    code = VerdictCode(verdict.code)
    title, body = (translate(CONTEXT, text) for text in _WORDS[code])
    host = ""
    if code == VerdictCode.ACCEPTED:
        if verdict.display_name:
            title = translate(CONTEXT, _PERSONAL_WELCOME).format(name=verdict.display_name)
        if verdict.host_name:
            host = translate(CONTEXT, _HOST).format(name=verdict.host_name)
    if code == VerdictCode.CHECKED_OUT and verdict.display_name:
        title = translate(CONTEXT, _PERSONAL_GOODBYE).format(name=verdict.display_name)
    moment = _when(verdict)
    if moment is not None:
        today = dt.date.fromtimestamp(now()) if now is not None else None
        clock, date, same_day = format_moment(moment, translate, today)
        body = translate(CONTEXT, _TIMED[(code, same_day)]).format(time=clock, date=date)
    staff = translate(CONTEXT, _STAFF[code]) if code in _STAFF else ""
    hint = translate(CONTEXT, _LEAVING_HINT) if code == VerdictCode.ALREADY_USED else ""
    return VerdictWords(title=title, body=body, host=host, staff=staff, hint=hint)
