"""Why a sync round failed: the kinds, and the one table of what to tell staff about each."""

from __future__ import annotations

from enum import StrEnum

from kiosk_app.core.catalogue import QT_TRANSLATE_NOOP, Translate, untranslated
from kiosk_app.core.client import ErrorKind


class SyncErrorKind(StrEnum):
    """``SyncReport.error_kind``: a server call's ErrorKind, or trouble on the kiosk itself."""

    CLIENT_ERROR = ErrorKind.CLIENT_ERROR.value
    UNREACHABLE = ErrorKind.UNREACHABLE.value
    UNTRUSTED_CERTIFICATE = ErrorKind.UNTRUSTED_CERTIFICATE.value
    UNAUTHORIZED = ErrorKind.UNAUTHORIZED.value
    DEVICE_REVOKED = ErrorKind.DEVICE_REVOKED.value
    THROTTLED = ErrorKind.THROTTLED.value
    REJECTED = ErrorKind.REJECTED.value
    SERVER_ERROR = ErrorKind.SERVER_ERROR.value
    STORAGE = "storage"
    CREDENTIALS = "credentials"
    NOT_PAIRED = "not_paired"


# the round ended before any request
NO_REQUEST_KINDS = frozenset({SyncErrorKind.NOT_PAIRED, SyncErrorKind.CREDENTIALS})
OFFLINE_KINDS = frozenset({SyncErrorKind.UNREACHABLE, SyncErrorKind.UNTRUSTED_CERTIFICATE})

CONTEXT = "Sync"
_PROBLEMS: dict[SyncErrorKind, str] = {
    SyncErrorKind.UNREACHABLE: QT_TRANSLATE_NOOP("Sync", "The server cannot be reached."),
    SyncErrorKind.UNTRUSTED_CERTIFICATE: QT_TRANSLATE_NOOP(
        "Sync", "The server's certificate is not trusted."
    ),
    SyncErrorKind.UNAUTHORIZED: QT_TRANSLATE_NOOP(
        "Sync", "The server no longer accepts this kiosk."
    ),
    SyncErrorKind.DEVICE_REVOKED: QT_TRANSLATE_NOOP(
        "Sync", "The server no longer accepts this kiosk."
    ),
    SyncErrorKind.THROTTLED: QT_TRANSLATE_NOOP(
        "Sync", "The server asked the kiosk to wait; it tries again later."
    ),
    SyncErrorKind.REJECTED: QT_TRANSLATE_NOOP("Sync", "The server refused the request."),
    SyncErrorKind.SERVER_ERROR: QT_TRANSLATE_NOOP(
        "Sync", "The server had a problem; the kiosk tries again later."
    ),
    SyncErrorKind.STORAGE: QT_TRANSLATE_NOOP(
        "Sync", "The kiosk cannot write its database; free some disk space."
    ),
    SyncErrorKind.CREDENTIALS: QT_TRANSLATE_NOOP(
        "Sync", "The device token cannot be read; unpair and pair again."
    ),
    SyncErrorKind.NOT_PAIRED: QT_TRANSLATE_NOOP("Sync", "This kiosk is not paired."),
}
_UNKNOWN = QT_TRANSLATE_NOOP("Sync", "The last sync failed; the kiosk tries again.")


def sync_problem(kind: str | None, translate: Translate = untranslated) -> str:
    """The sync problem of ``kind`` in a few words for staff (unknown kinds: a general line)."""
    try:
        text = _PROBLEMS.get(SyncErrorKind(kind or ""), _UNKNOWN)
    except ValueError:
        text = _UNKNOWN
    return translate(CONTEXT, text)
