"""Pairing with a 6-digit code, and forgetting a pairing (unpair or device revoked)."""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import httpx

from kiosk_app.core import client as api
from kiosk_app.core.answers import AnswerError, PairingAnswer, PassKey
from kiosk_app.core.catalogue import QT_TRANSLATE_NOOP, Translate, untranslated
from kiosk_app.core.clock import Clock
from kiosk_app.core.credentials import CredentialError, CredentialStore
from kiosk_app.core.store import Store

CA_FILE = "server-ca.pem"
_CODE = re.compile(r"\d{6}")

class PairingErrorKind(StrEnum):
    """Why pairing did not happen: the server's answer, or input the kiosk refused first."""

    INVALID_CODE = "invalid_code"
    THROTTLED = "throttled"
    UNREACHABLE = "unreachable"
    UNTRUSTED_CERTIFICATE = "untrusted_certificate"
    SERVER_ERROR = "server_error"
    ALREADY_PAIRED = "already_paired"
    BAD_ADDRESS = "bad_address"
    SHORT_CODE = "short_code"
    SHORT_PIN = "short_pin"
    PIN_MISMATCH = "pin_mismatch"


CONTEXT = "Pairing"
# the one table of pairing messages; THROTTLED's "%n" is the wait in seconds (two or more)
PAIRING_MESSAGES: dict[PairingErrorKind, str] = {
    PairingErrorKind.INVALID_CODE: QT_TRANSLATE_NOOP(
        "Pairing", "This code is wrong or has expired. Ask for a new code and enter it again."
    ),
    PairingErrorKind.THROTTLED: QT_TRANSLATE_NOOP(
        "Pairing", "Too many attempts. Please wait %n seconds and try again."
    ),
    PairingErrorKind.UNREACHABLE: QT_TRANSLATE_NOOP(
        "Pairing", "The server cannot be reached. Check the address and the network connection."
    ),
    PairingErrorKind.UNTRUSTED_CERTIFICATE: QT_TRANSLATE_NOOP(
        "Pairing",
        "The server's certificate is not trusted. Check the address, or give the kiosk the "
        "server's CA certificate (ca_cert in kiosk.toml, or --ca-cert when pairing from the "
        "command line).",
    ),
    PairingErrorKind.SERVER_ERROR: QT_TRANSLATE_NOOP(
        "Pairing", "The server reported a problem. Please try again shortly."
    ),
    PairingErrorKind.ALREADY_PAIRED: QT_TRANSLATE_NOOP(
        "Pairing", "This kiosk is already paired. Unpair it first."
    ),
    PairingErrorKind.BAD_ADDRESS: QT_TRANSLATE_NOOP(
        "Pairing", "Enter the server address, starting with https://"
    ),
    PairingErrorKind.SHORT_CODE: QT_TRANSLATE_NOOP("Pairing", "The pairing code has 6 digits."),
    PairingErrorKind.SHORT_PIN: QT_TRANSLATE_NOOP("Pairing", "The admin PIN needs 4 to 8 digits."),
    PairingErrorKind.PIN_MISMATCH: QT_TRANSLATE_NOOP(
        "Pairing", "The two PINs were different. Please choose the PIN again."
    ),
}


THROTTLED_ONE_SECOND = QT_TRANSLATE_NOOP(
    "Pairing", "Too many attempts. Please wait a second and try again."
)


def pairing_message(
    kind: str, translate: Translate = untranslated, retry_after: float | None = None
) -> str:
    """The message for a pairing error kind; unknown kinds read as a server problem."""
    try:
        known = PairingErrorKind(kind)
    except ValueError:
        known = PairingErrorKind.SERVER_ERROR
    if known == PairingErrorKind.THROTTLED:
        seconds = max(1, round(retry_after or 60))
        if seconds == 1:
            return translate(CONTEXT, THROTTLED_ONE_SECOND)
        return translate(CONTEXT, PAIRING_MESSAGES[known], seconds)
    return translate(CONTEXT, PAIRING_MESSAGES[known])


class PairingError(Exception):
    """Pairing failed; ``kind`` selects the (translatable) message, ``retry_after`` in seconds."""

    def __init__(
        self, kind: PairingErrorKind, message: str | None = None, retry_after: float | None = None
    ):
        text = message or pairing_message(kind, retry_after=retry_after)
        super().__init__(text)
        self.kind = PairingErrorKind(kind)
        self.message = text
        self.retry_after = retry_after


@dataclass(frozen=True)
class KioskIdentity:
    """Who this kiosk is, as the server told it at pairing."""

    kiosk_name: str
    device_id: str
    tenant_id: str
    tenant_name: str
    site_id: str
    site_name: str
    server_url: str

    def to_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


def load_identity(store: Store) -> KioskIdentity | None:
    raw = store.get("identity")
    return KioskIdentity(**raw) if isinstance(raw, dict) else None


def ca_cert_path(store: Store) -> Path | None:
    """The CA file pinned at pairing, or None to use the system trust store.

    A pinned file that has gone missing is an error, never a quiet switch to the system store.
    """
    if not store.get("ca_cert_pinned", False):
        return None
    path = store.data_dir / CA_FILE
    if not path.is_file():
        raise api.UntrustedCertificate(
            f"The server's CA certificate pinned at pairing ({path}) is missing; "
            "unpair and pair again with --ca-cert."
        )
    return path


def replace_pass_keys(tx: sqlite3.Connection, keys: list[PassKey]) -> None:
    """Swap the pinned pass keys for the server's current set, inside the caller's transaction."""
    tx.execute("DELETE FROM keys")
    tx.executemany(
        "INSERT INTO keys (kid, public_key, retired_at) VALUES (?, ?, ?)",
        [key.row() for key in keys],
    )


def pair(
    store: Store,
    credentials: CredentialStore,
    clock: Clock,
    *,
    server_url: str,
    code: str,
    ca_cert: str | Path | None = None,
    kiosk_name: str | None = None,
    transport: httpx.BaseTransport | None = None,
) -> KioskIdentity:
    """Redeem the code, keep the token in the credential store and the rest in the local store."""
    code = code.strip().replace(" ", "")
    if not _CODE.fullmatch(code):
        raise PairingError(PairingErrorKind.INVALID_CODE, "A pairing code has exactly 6 digits.")
    if not server_url.startswith("https://"):
        raise PairingError(PairingErrorKind.UNREACHABLE, "The server address must start with https://.")
    try:
        with api.AtriumClient(server_url, ca_cert=ca_cert, transport=transport) as http:
            reply = http.redeem(code, kiosk_name)
    except api.UntrustedCertificate as exc:
        own_file = exc.message.startswith("Cannot use the CA certificate")
        message = exc.message if own_file else None
        raise PairingError(PairingErrorKind.UNTRUSTED_CERTIFICATE, message) from None
    except api.Unreachable:
        raise PairingError(PairingErrorKind.UNREACHABLE) from None
    except api.Throttled as exc:
        raise PairingError(PairingErrorKind.THROTTLED, retry_after=exc.retry_after) from None
    except api.RequestRejected as exc:
        if exc.code == "invalid_code" or exc.status in (400, 404, 410):
            raise PairingError(PairingErrorKind.INVALID_CODE) from None
        raise PairingError(PairingErrorKind.SERVER_ERROR) from None
    except api.ClientError:
        raise PairingError(PairingErrorKind.SERVER_ERROR) from None
    try:
        answer = PairingAnswer.parse(reply.data)
    except AnswerError as exc:
        raise PairingError(
            PairingErrorKind.SERVER_ERROR, f"The server's pairing answer is unusable ({exc})."
        ) from None
    identity = KioskIdentity(
        kiosk_name=answer.kiosk_name or kiosk_name or answer.device_id,
        device_id=answer.device_id,
        tenant_id=answer.tenant_id,
        tenant_name=answer.tenant_name or answer.tenant_id,
        site_id=answer.site_id,
        site_name=answer.site_name or answer.site_id,
        server_url=server_url.rstrip("/"),
    )
    credentials.set_token(answer.device_token)
    try:
        if ca_cert is not None:
            shutil.copyfile(ca_cert, store.data_dir / CA_FILE)
        settings: dict[str, object] = {
            "identity": identity.to_dict(),
            "policy": answer.policy.to_setting(),
            "watermark": 0,
            "trust_refreshed_at": time.time(),
            "revoked": False,
            "ca_cert_pinned": ca_cert is not None,
            "last_error": None,
        }
        settings.update(clock.offset_values(answer.server_time, reply.sent_at, reply.received_at))
        with store.transaction() as tx:
            replace_pass_keys(tx, answer.keys)
            tx.execute("DELETE FROM revocations")
            tx.execute("DELETE FROM expected_visits")
            for table in ("documents", "hosts", "walk_ins"):
                tx.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
            store.set_many(settings)  # joins this transaction
            store.audit(tx, "paired")
    except BaseException:
        with contextlib.suppress(CredentialError):
            credentials.delete_token()
        raise
    return identity


def forget_pairing(store: Store, credentials: CredentialStore, *, revoked: bool) -> int:
    """Become unpaired: drop the token, trust data and personal data; hold unsynced check-ins.

    Returns how many unsynced check-ins are held for export.
    """
    with store.transaction() as tx:
        held = tx.execute("UPDATE queue SET status = 'held' WHERE status = 'pending'").rowcount
        tx.execute("DELETE FROM expected_visits")
        # Names typed at the kiosk and the site's caches go too; signed records cannot reach
        # the server without this device's token (they name the visitor), so they go as well.
        tx.execute(
            "UPDATE queue SET payload = json_remove(payload, '$.name', '$.company') "
            "WHERE kind = 'walk_in'"
        )
        for table in ("documents", "hosts", "walk_ins", "signed_records"):
            tx.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
        tx.execute("DELETE FROM keys")
        tx.execute("DELETE FROM revocations")
        tx.execute(
            "DELETE FROM settings WHERE key IN "
            "('identity', 'policy', 'watermark', 'trust_refreshed_at', 'ca_cert_pinned', "
            "'site_walk_ins', 'walk_ins_pulled_at')"
        )
        store.set("revoked", revoked)  # joins this transaction
        store.audit(tx, "device_revoked" if revoked else "unpaired")
    store.checkpoint()
    with contextlib.suppress(OSError):
        (store.data_dir / CA_FILE).unlink()
    credentials.delete_token()
    return held
