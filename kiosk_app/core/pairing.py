"""Pairing with a 6-digit code, and forgetting a pairing (unpair or device revoked)."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from kiosk_app.core import client as api
from kiosk_app.core.clock import Clock
from kiosk_app.core.credentials import CredentialError, CredentialStore
from kiosk_app.core.passes import key_from_text
from kiosk_app.core.store import Store

CA_FILE = "server-ca.pem"
_CODE = re.compile(r"\d{6}")

PAIRING_MESSAGES = {
    "invalid_code": "The pairing code is wrong or has expired. Ask for a new code.",
    "throttled": "Too many pairing attempts. Try again in {retry} seconds.",
    "unreachable": "The server cannot be reached. Check the address and the network.",
    "untrusted_certificate": (
        "The server's certificate is not trusted. Give the server's CA certificate file "
        "(--ca-cert)."
    ),
    "server_error": "The server could not complete the pairing. Try again later.",
    "already_paired": "This kiosk is already paired. Unpair it first.",
}


class PairingError(Exception):
    """Pairing failed; ``kind`` selects the (translatable) message, ``retry_after`` in seconds."""

    def __init__(self, kind: str, message: str | None = None, retry_after: float | None = None):
        text = message or PAIRING_MESSAGES[kind].format(retry=int(retry_after or 0))
        super().__init__(text)
        self.kind = kind
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
    path = store.data_dir / CA_FILE
    return path if store.get("ca_cert_pinned", False) and path.exists() else None


def keys_rows(keys: Any) -> list[tuple[str, str, float | None]]:
    """Validated (kid, public_key, retired_at) rows from a server key list."""
    rows = []
    for entry in keys or []:
        key_from_text(str(entry["public_key"]))  # raises ValueError on a bad key
        rows.append((str(entry["kid"]), str(entry["public_key"]), entry.get("retired_at")))
    if not rows:
        raise ValueError("the server sent no pass keys")
    return rows


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
        raise PairingError("invalid_code", "A pairing code has exactly 6 digits.")
    if not server_url.startswith("https://"):
        raise PairingError("unreachable", "The server address must start with https://.")
    try:
        with api.AtriumClient(server_url, ca_cert=ca_cert, transport=transport) as http:
            reply = http.redeem(code, kiosk_name)
    except api.UntrustedCertificate as exc:
        own_file = exc.message.startswith("Cannot use the CA certificate")
        raise PairingError("untrusted_certificate", exc.message if own_file else None) from None
    except api.Unreachable:
        raise PairingError("unreachable") from None
    except api.Throttled as exc:
        raise PairingError("throttled", retry_after=exc.retry_after) from None
    except api.RequestRejected as exc:
        if exc.code == "invalid_code" or exc.status in (400, 404, 410):
            raise PairingError("invalid_code") from None
        raise PairingError("server_error") from None
    except api.ClientError:
        raise PairingError("server_error") from None
    data = reply.data
    try:
        identity = KioskIdentity(
            kiosk_name=str(data.get("kiosk_name") or kiosk_name or data["device_id"]),
            device_id=str(data["device_id"]),
            tenant_id=str(data["tenant"]["id"]),
            tenant_name=str(data["tenant"].get("name") or data["tenant"]["id"]),
            site_id=str(data["site"]["id"]),
            site_name=str(data["site"].get("name") or data["site"]["id"]),
            server_url=server_url.rstrip("/"),
        )
        token = str(data["device_token"])
        keys = keys_rows(data.get("keys"))
        server_time = float(data["server_time"])
        policy = dict(data.get("policy") or {})
    except (KeyError, TypeError, ValueError):
        raise PairingError("server_error", "The server's pairing answer is incomplete.") from None
    credentials.set_token(token)
    try:
        if ca_cert is not None:
            shutil.copyfile(ca_cert, store.data_dir / CA_FILE)
        settings: dict[str, object] = {
            "identity": identity.to_dict(),
            "policy": policy,
            "watermark": 0,
            "trust_refreshed_at": time.time(),
            "revoked": False,
            "ca_cert_pinned": ca_cert is not None,
            "last_error": None,
        }
        settings.update(clock.offset_values(server_time, reply.sent_at, reply.received_at))
        with store.transaction() as tx:
            tx.execute("DELETE FROM keys")
            tx.executemany("INSERT INTO keys (kid, public_key, retired_at) VALUES (?, ?, ?)", keys)
            tx.execute("DELETE FROM revocations")
            tx.execute("DELETE FROM expected_visits")
            for key, value in settings.items():
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, _json(value)),
                )
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
        tx.execute("DELETE FROM keys")
        tx.execute("DELETE FROM revocations")
        tx.execute(
            "DELETE FROM settings WHERE key IN "
            "('identity', 'policy', 'watermark', 'trust_refreshed_at', 'ca_cert_pinned')"
        )
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('revoked', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (_json(revoked),),
        )
        store.audit(tx, "device_revoked" if revoked else "unpaired")
    with contextlib.suppress(OSError):
        (store.data_dir / CA_FILE).unlink()
    credentials.delete_token()
    return held


def _json(value: object) -> str:
    return json.dumps(value)
