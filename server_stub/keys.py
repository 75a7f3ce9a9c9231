"""Signing keys: per-tenant Ed25519 pass keys (rotating) and the server's token key."""

from __future__ import annotations

import threading

import nacl.signing
import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from kiosk_app.core.passes import (
    LEEWAY_S,
    b64url_decode,
    b64url_encode,
    key_from_text,
    key_to_text,
)
from server_stub.store import Store
from server_stub.store.keys import PassKeys, TokenKeys

TOKEN_KID = "t1"  # noqa: S105 (a key id, not a secret)


def add_pass_key(conn: sa.Connection, tenant_id: str, now: float) -> str:
    """Create the tenant's next pass key (p1, p2, ...), retire the current one; return the kid."""
    repo = PassKeys(conn, tenant_id)
    for _ in range(10):  # a concurrent rotation took the number: count again
        kid = f"p{repo.count() + 1}"
        key = nacl.signing.SigningKey.generate()
        if repo.add(kid, b64url_encode(bytes(key)), key_to_text(key.verify_key), now):
            return kid
    raise RuntimeError("could not add a pass key")


def active_pass_key(conn: sa.Connection, tenant_id: str) -> tuple[str, nacl.signing.SigningKey]:
    row = PassKeys(conn, tenant_id).active()
    return row.kid, nacl.signing.SigningKey(b64url_decode(row.seed))


def published_pass_keys(conn: sa.Connection, tenant_id: str, now: float) -> list[dict[str, object]]:
    """The active key plus retired keys whose signed passes have not all expired yet."""
    return PassKeys(conn, tenant_id).published(LEEWAY_S, now)


class PassKeyCache:
    """Every pass verify key of each tenant, loaded once and reloaded on an unknown kid."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._keys: dict[str, dict[str, nacl.signing.VerifyKey]] = {}

    def get(self, tenant_id: str, *, reload: bool = False) -> dict[str, nacl.signing.VerifyKey]:
        with self._lock:
            if reload or tenant_id not in self._keys:
                with self._store.read(tenant_id) as conn:
                    rows = PassKeys(conn, tenant_id).public_keys()
                self._keys[tenant_id] = {kid: key_from_text(text) for kid, text in rows}
            return self._keys[tenant_id]


def ensure_token_key(conn: sa.Connection, now: float) -> None:
    """Create the token signing key once (separate from every pass key)."""
    repo = TokenKeys(conn)
    if repo.get(TOKEN_KID) is not None:
        return
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    repo.add(TOKEN_KID, pem.decode("ascii"), now)


def load_token_key(conn: sa.Connection) -> tuple[Ed25519PrivateKey, Ed25519PublicKey] | None:
    pem = TokenKeys(conn).get(TOKEN_KID)
    if pem is None:
        return None
    private = serialization.load_pem_private_key(pem.encode("ascii"), None)
    if not isinstance(private, Ed25519PrivateKey):
        raise TypeError("the token key is not an Ed25519 key")
    return private, private.public_key()
