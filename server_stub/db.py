"""The server's SQLite database: schema, one serialised writer, WAL journal."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

DB_NAME = "atrium-server.sqlite3"
SCHEMA_VERSION = 1

# Every tenant-scoped table carries tenant_id and every query on it filters by tenant_id.
# pairing_codes and pairing_failures form a deliberate global pool: a kiosk sends only the code.
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


class NotInitialised(Exception):
    """The data dir holds no server database yet."""


class Database:
    """One SQLite connection shared by threads; writes are serialised by a lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            path, check_same_thread=False, isolation_level=None, timeout=10.0
        )
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute("PRAGMA busy_timeout=10000")

    @classmethod
    def create(cls, data_dir: Path) -> Database:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = data_dir / DB_NAME
        fresh = not path.exists()
        if fresh:
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        db = cls(path)
        with db._lock:
            db._conn.executescript(SCHEMA)
        with db.write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )
        return db

    @classmethod
    def open(cls, data_dir: Path) -> Database:
        path = data_dir / DB_NAME
        if not path.is_file():
            raise NotInitialised(f"{data_dir} is not initialised; run 'atrium-server init' first")
        return cls(path)

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE), committed on success, rolled back on error."""
        with self._lock:
            if self._conn.in_transaction:  # nested in this thread's transaction: join it
                yield self._conn
                return
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent read (one deferred transaction)."""
        with self._lock:
            if self._conn.in_transaction:
                yield self._conn
                return
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
