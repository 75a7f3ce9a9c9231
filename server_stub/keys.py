"""Signing keys: per-tenant Ed25519 pass keys (rotating) and the server's token key."""

from __future__ import annotations

import sqlite3
import threading

import nacl.signing
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
from server_stub.db import Database

TOKEN_KID = "t1"  # noqa: S105 (a key id, not a secret)


def add_pass_key(conn: sqlite3.Connection, tenant_id: str, now: float) -> str:
    """Create the tenant's next pass key (p1, p2, ...), retire the current one; return the kid."""
    count = conn.execute(
        "SELECT COUNT(*) FROM pass_keys WHERE tenant_id = ?", (tenant_id,)
    ).fetchone()[0]
    kid = f"p{count + 1}"
    key = nacl.signing.SigningKey.generate()
    conn.execute(
        "UPDATE pass_keys SET retired_at = ? WHERE tenant_id = ? AND retired_at IS NULL",
        (now, tenant_id),
    )
    conn.execute(
        "INSERT INTO pass_keys (tenant_id, kid, seed, public_key, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (tenant_id, kid, b64url_encode(bytes(key)), key_to_text(key.verify_key), now),
    )
    return kid


def active_pass_key(
    conn: sqlite3.Connection, tenant_id: str
) -> tuple[str, nacl.signing.SigningKey]:
    row = conn.execute(
        "SELECT kid, seed FROM pass_keys WHERE tenant_id = ? AND retired_at IS NULL",
        (tenant_id,),
    ).fetchone()
    return row["kid"], nacl.signing.SigningKey(b64url_decode(row["seed"]))


def record_pass_expiry(conn: sqlite3.Connection, tenant_id: str, kid: str, exp: int) -> None:
    """Remember the latest expiry signed by a key: it stays published until then."""
    conn.execute(
        "UPDATE pass_keys SET max_exp = MAX(COALESCE(max_exp, 0), ?) "
        "WHERE tenant_id = ? AND kid = ?",
        (exp, tenant_id, kid),
    )


def published_pass_keys(
    conn: sqlite3.Connection, tenant_id: str, now: float
) -> list[dict[str, object]]:
    """The active key plus retired keys whose signed passes have not all expired yet."""
    rows = conn.execute(
        "SELECT kid, public_key, retired_at FROM pass_keys WHERE tenant_id = ? AND "
        "(retired_at IS NULL OR COALESCE(max_exp, 0) + ? > ?) ORDER BY created_at, kid",
        (tenant_id, LEEWAY_S, now),
    ).fetchall()
    return [
        {"kid": r["kid"], "public_key": r["public_key"], "retired_at": r["retired_at"]}
        for r in rows
    ]


class PassKeyCache:
    """Every pass verify key of each tenant, loaded once and reloaded on an unknown kid."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: dict[str, dict[str, nacl.signing.VerifyKey]] = {}

    def get(
        self, db: Database, tenant_id: str, *, reload: bool = False
    ) -> dict[str, nacl.signing.VerifyKey]:
        with self._lock:
            if reload or tenant_id not in self._keys:
                with db.read() as conn:
                    rows = conn.execute(
                        "SELECT kid, public_key FROM pass_keys WHERE tenant_id = ?", (tenant_id,)
                    ).fetchall()
                self._keys[tenant_id] = {r["kid"]: key_from_text(r["public_key"]) for r in rows}
            return self._keys[tenant_id]


def ensure_token_key(conn: sqlite3.Connection, now: float) -> None:
    """Create the token signing key once (separate from every pass key)."""
    if conn.execute("SELECT 1 FROM token_keys WHERE kid = ?", (TOKEN_KID,)).fetchone():
        return
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    conn.execute(
        "INSERT INTO token_keys (kid, private_pem, created_at) VALUES (?, ?, ?)",
        (TOKEN_KID, pem.decode("ascii"), now),
    )


def load_token_key(conn: sqlite3.Connection) -> tuple[Ed25519PrivateKey, Ed25519PublicKey]:
    row = conn.execute("SELECT private_pem FROM token_keys WHERE kid = ?", (TOKEN_KID,)).fetchone()
    private = serialization.load_pem_private_key(row["private_pem"].encode("ascii"), None)
    if not isinstance(private, Ed25519PrivateKey):
        raise TypeError("the token key is not an Ed25519 key")
    return private, private.public_key()
