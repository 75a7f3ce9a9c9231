"""A data dir exactly as the first release left it: its SQL schema (copied from its db.py,
which is gone) filled with real keys, tokens and passes, for the upgrade-in-place tests."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import argon2
import nacl.signing
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.core.passes import PassClaims, b64url_encode, key_to_text, sign_pass
from server_stub import tls
from server_stub.tokens import TokenIssuer

DB_NAME = "atrium-server.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tenants (
    tenant_id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS sites (
    site_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
    name TEXT NOT NULL, created_at REAL NOT NULL, UNIQUE (tenant_id, name));
CREATE TABLE IF NOT EXISTS users (
    user_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
    email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, role TEXT NOT NULL,
    created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS pass_keys (
    tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id), kid TEXT NOT NULL,
    seed TEXT NOT NULL, public_key TEXT NOT NULL, created_at REAL NOT NULL,
    retired_at REAL, max_exp INTEGER, PRIMARY KEY (tenant_id, kid));
CREATE TABLE IF NOT EXISTS token_keys (
    kid TEXT PRIMARY KEY, private_pem TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS devices (
    device_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
    site_id TEXT NOT NULL, kiosk_name TEXT NOT NULL, created_at REAL NOT NULL,
    revoked_at REAL, last_seen_at REAL);
CREATE TABLE IF NOT EXISTS pairing_codes (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL, tenant_id TEXT NOT NULL,
    site_id TEXT NOT NULL, kiosk_name TEXT NOT NULL, created_at REAL NOT NULL,
    expires_at REAL NOT NULL, wrong_guesses INTEGER NOT NULL DEFAULT 0,
    redeemed_at REAL, device_id TEXT);
CREATE INDEX IF NOT EXISTS pairing_codes_code ON pairing_codes (code);
CREATE TABLE IF NOT EXISTS pairing_failures (id INTEGER PRIMARY KEY, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS visits (
    visit_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
    site_id TEXT NOT NULL, jti TEXT NOT NULL UNIQUE, kid TEXT NOT NULL,
    visitor TEXT NOT NULL, host TEXT NOT NULL, nbf INTEGER NOT NULL, exp INTEGER NOT NULL,
    pass TEXT NOT NULL, created_at REAL NOT NULL, cancelled_at REAL);
CREATE INDEX IF NOT EXISTS visits_window ON visits (tenant_id, site_id, exp);
CREATE TABLE IF NOT EXISTS revocations (
    watermark INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL,
    jti TEXT NOT NULL UNIQUE, visit_id TEXT NOT NULL, revoked_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS used_passes (
    tenant_id TEXT NOT NULL, jti TEXT NOT NULL UNIQUE, visit_id TEXT NOT NULL,
    event_id TEXT NOT NULL, device_id TEXT NOT NULL, kiosk_name TEXT NOT NULL,
    used_at REAL NOT NULL, received_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS checkin_events (
    tenant_id TEXT NOT NULL, event_id TEXT NOT NULL, device_id TEXT NOT NULL,
    pass_ref TEXT NOT NULL, jti TEXT, status TEXT NOT NULL, reason TEXT,
    first_used_at REAL, first_used_by TEXT, first_event_id TEXT,
    scanned_at REAL NOT NULL, kiosk_verdict TEXT, received_at REAL NOT NULL,
    PRIMARY KEY (tenant_id, event_id));
"""


@dataclass
class FirstRelease:
    """What the old data dir holds, to check after the upgrade."""

    data_dir: Path
    tenants: dict[str, str] = field(default_factory=dict)  # name -> id
    device_tokens: dict[str, str] = field(default_factory=dict)  # device id -> token
    passes: dict[str, str] = field(default_factory=dict)  # visit id -> pass
    password: str = "correct horse battery"
    max_watermark: int = 0


def _token_key() -> tuple[str, TokenIssuer]:
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    return pem, TokenIssuer(private, private.public_key())


def build(data_dir: Path, now: float) -> FirstRelease:
    """Two tenants with sites, admins, rotated pass keys, kiosks, visits, a revocation, used
    passes, check-in answers of every kind, a redeemed and a live pairing code, failures."""
    data_dir.mkdir(parents=True, mode=0o700)
    path = data_dir / DB_NAME
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    old = FirstRelease(data_dir)
    pem, issuer = _token_key()
    hashed = argon2.PasswordHasher().hash(old.password)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(SCHEMA)
    run = conn.execute
    run("BEGIN")
    run("INSERT INTO meta VALUES ('schema_version', '1')")
    run("INSERT INTO token_keys VALUES ('t1', ?, ?)", (pem, now))
    watermark = 0
    for n, (tenant_id, name) in enumerate((("ac01", "Acme Corp"), ("gl02", "Globex"))):
        old.tenants[name] = tenant_id
        site_id = f"s{n}x1"
        run("INSERT INTO tenants VALUES (?, ?, ?)", (tenant_id, name, now))  # same second
        run("INSERT INTO sites VALUES (?, ?, ?, ?)", (site_id, tenant_id, "Berlin HQ", now))
        run("INSERT INTO sites VALUES (?, ?, ?, ?)", (f"s{n}x2", tenant_id, "Munich", now))
        run(
            "INSERT INTO users VALUES (?, ?, ?, ?, 'admin', ?)",
            (f"u_{tenant_id}", tenant_id, f"admin@{tenant_id}.example", hashed, now),
        )
        keys = [nacl.signing.SigningKey.generate() for _ in range(2)]
        for k, key in enumerate(keys, start=1):
            run(
                "INSERT INTO pass_keys VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    tenant_id,
                    f"p{k}",
                    b64url_encode(bytes(key)),
                    key_to_text(key.verify_key),
                    now + k,
                    now + 2 if k == 1 else None,
                    int(now) + 7200,
                ),
            )
        device_id = f"d_{tenant_id}kiosk1"
        run(
            "INSERT INTO devices VALUES (?, ?, ?, 'Lobby 1', ?, NULL, ?)",
            (device_id, tenant_id, site_id, now, now),
        )
        old.device_tokens[device_id] = issuer.issue_device(device_id, tenant_id, site_id, now)[0]
        run(
            "INSERT INTO pairing_codes (code, tenant_id, site_id, kiosk_name, created_at, "
            "expires_at, wrong_guesses, redeemed_at, device_id) VALUES (?, ?, ?, 'Lobby 1', ?, "
            "?, 1, ?, ?)",
            (f"12345{n}", tenant_id, site_id, now, now + 600, now + 5, device_id),
        )
        for v in range(3):
            visit_id = f"V{n}{v}abcde"
            jti = f"jti-number-{v}-of-tenant-{tenant_id}"
            claims = PassClaims(tenant_id, site_id, visit_id, jti, int(now), int(now) + 7200)
            token = sign_pass(claims, keys[1], "p2")
            old.passes[visit_id] = token
            cancelled = now + 10 if v == 2 else None
            run(
                "INSERT INTO visits VALUES (?, ?, ?, ?, 'p2', ?, 'Grace Hopper', ?, ?, ?, ?, ?)",
                (
                    visit_id,
                    tenant_id,
                    site_id,
                    jti,
                    f"Visitor {v}",
                    int(now),
                    int(now) + 7200,
                    token,
                    now,
                    cancelled,
                ),
            )
            if cancelled is not None:
                run(
                    "INSERT INTO revocations (tenant_id, jti, visit_id, revoked_at) "
                    "VALUES (?, ?, ?, ?)",
                    (tenant_id, jti, visit_id, cancelled),
                )
                watermark += 1
        run(
            "INSERT INTO used_passes VALUES (?, ?, ?, 'e-1', ?, 'Lobby 1', ?, ?)",
            (
                tenant_id,
                f"jti-number-0-of-tenant-{tenant_id}",
                f"V{n}0abcde",
                device_id,
                now + 1,
                now + 2,
            ),
        )
        for event, status, reason in (
            ("e-1", "accepted", None),
            ("e-2", "duplicate", None),
            ("e-3", "rejected", "expired"),
        ):
            run(
                "INSERT INTO checkin_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    tenant_id,
                    event,
                    device_id,
                    f"jti:jti-number-0-of-tenant-{tenant_id}",
                    f"jti-number-0-of-tenant-{tenant_id}",
                    status,
                    reason,
                    now + 1 if status == "duplicate" else None,
                    "Lobby 1" if status == "duplicate" else None,
                    "e-1" if status == "duplicate" else None,
                    now + 1,
                    "accepted",
                    now + 2,
                ),
            )
    run(
        "INSERT INTO pairing_codes (code, tenant_id, site_id, kiosk_name, created_at, "
        "expires_at) VALUES ('654321', 'ac01', 's0x1', 'Lobby 2', ?, ?)",
        (now, now + 600),
    )
    run("INSERT INTO pairing_failures (at) VALUES (?)", (now,))
    run("COMMIT")
    conn.close()
    old.max_watermark = watermark
    tls.create_tls_material(data_dir / tls.TLS_DIR, [], "Acme Corp")
    return old


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every first-release table (except the throttle state and meta)."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table, columns in COLUMNS.items():
            source = table
            if table == "users" and "credentials" in tables:  # 0003 moved the hashes there
                source = "users JOIN credentials USING (user_id, tenant_id)"
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {source}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        conn.close()


COLUMNS = {
    "tenants": ["tenant_id", "name", "created_at"],
    "sites": ["site_id", "tenant_id", "name", "created_at"],
    "users": ["user_id", "tenant_id", "email", "password_hash", "role", "created_at"],
    "pass_keys": ["tenant_id", "kid", "seed", "public_key", "created_at", "retired_at", "max_exp"],
    "token_keys": ["kid", "private_pem", "created_at"],
    "devices": [
        "device_id",
        "tenant_id",
        "site_id",
        "kiosk_name",
        "created_at",
        "revoked_at",
        "last_seen_at",
    ],
    "pairing_codes": [
        "id",
        "code",
        "tenant_id",
        "site_id",
        "kiosk_name",
        "created_at",
        "expires_at",
        "redeemed_at",
        "device_id",
    ],
    "visits": [
        "visit_id",
        "tenant_id",
        "site_id",
        "jti",
        "kid",
        "visitor",
        "host",
        "nbf",
        "exp",
        "pass",
        "created_at",
        "cancelled_at",
    ],
    "revocations": ["watermark", "tenant_id", "jti", "visit_id", "revoked_at"],
    "used_passes": [
        "tenant_id",
        "jti",
        "visit_id",
        "event_id",
        "device_id",
        "kiosk_name",
        "used_at",
        "received_at",
    ],
    "checkin_events": [
        "tenant_id",
        "event_id",
        "device_id",
        "pass_ref",
        "jti",
        "status",
        "reason",
        "first_used_at",
        "first_used_by",
        "first_event_id",
        "scanned_at",
        "kiosk_verdict",
        "received_at",
    ],
}
