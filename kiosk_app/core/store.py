"""The kiosk's local SQLite store: schema, migrations, per-thread connections, settings, purge."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

from kiosk_app.core import file_modes

DB_FILE = "kiosk.sqlite3"
MIN_FREE_BYTES = 2 * 1024 * 1024
WALK_IN_MAX_S = 12 * 3600.0  # a walk-in's visit ends with its day, at most 12 h after arrival

_V1 = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE queue (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    pass TEXT NOT NULL,
    jti TEXT NOT NULL,
    visit_id TEXT,
    scanned_at REAL NOT NULL,
    scanned_at_local REAL NOT NULL,
    verdict TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    answer TEXT,
    synced_at REAL
);
CREATE INDEX queue_status ON queue (status, seq);
CREATE TABLE used_passes (
    jti TEXT NOT NULL UNIQUE,
    visit_id TEXT,
    exp INTEGER,
    used_at REAL NOT NULL,
    event_id TEXT
);
CREATE TABLE keys (kid TEXT PRIMARY KEY, public_key TEXT NOT NULL, retired_at REAL);
CREATE TABLE revocations (jti TEXT PRIMARY KEY, visit_id TEXT, revoked_at REAL);
CREATE TABLE expected_visits (
    visit_id TEXT PRIMARY KEY,
    jti TEXT,
    display_name TEXT,
    host_name TEXT,
    nbf INTEGER,
    exp INTEGER
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    code TEXT NOT NULL,
    jti TEXT,
    visit_id TEXT,
    event_id TEXT
);
CREATE TABLE conflicts (
    event_id TEXT PRIMARY KEY,
    jti TEXT,
    visit_id TEXT,
    scanned_at REAL,
    first_used_at REAL,
    first_used_by TEXT,
    first_event_id TEXT,
    recorded_at REAL NOT NULL
);
"""

# v2: documents, walk-ins and check-out (docs/visit-flows.md). The queue is rebuilt so that
# `pass` and `jti` may be NULL (a walk-in has no pass); its rows keep their seq and status.
_V2 = """
CREATE TABLE queue_v2 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'entry' CHECK (kind IN ('entry', 'exit', 'walk_in')),
    pass TEXT,
    jti TEXT,
    visit_id TEXT,
    scanned_at REAL NOT NULL,
    scanned_at_local REAL NOT NULL,
    verdict TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'pending',
    answer TEXT,
    synced_at REAL
);
INSERT INTO queue_v2 (seq, event_id, kind, pass, jti, visit_id, scanned_at, scanned_at_local,
    verdict, status, answer, synced_at)
    SELECT seq, event_id, 'entry', pass, jti, visit_id, scanned_at, scanned_at_local, verdict,
    status, answer, synced_at FROM queue;
DROP TABLE queue;
ALTER TABLE queue_v2 RENAME TO queue;
CREATE INDEX queue_status ON queue (status, seq);
CREATE INDEX queue_kind ON queue (kind, status);
ALTER TABLE expected_visits ADD COLUMN company TEXT;
ALTER TABLE expected_visits ADD COLUMN checked_in_at REAL;
ALTER TABLE expected_visits ADD COLUMN checked_out_at REAL;
ALTER TABLE expected_visits ADD COLUMN signed TEXT NOT NULL DEFAULT '[]';
CREATE TABLE documents (
    document_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    html TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (document_id, language)
);
CREATE TABLE hosts (host_id TEXT PRIMARY KEY, name TEXT NOT NULL, folded TEXT NOT NULL);
CREATE TABLE walk_ins (
    event_id TEXT PRIMARY KEY,
    visit_id TEXT,
    short_name TEXT NOT NULL,
    checked_in_at REAL
);
CREATE TABLE checkouts (
    event_id TEXT PRIMARY KEY,
    jti TEXT UNIQUE,
    visit_id TEXT,
    walk_in_event_id TEXT UNIQUE,
    checked_out_at REAL NOT NULL
);
CREATE TABLE signed_records (
    record_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    visit_id TEXT,
    document_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    language TEXT NOT NULL,
    html TEXT NOT NULL,
    png BLOB NOT NULL,
    strokes TEXT NOT NULL,
    signed_at REAL NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    error TEXT
);
CREATE INDEX signed_records_event ON signed_records (event_id)
"""

# Each entry moves the schema one version up; never edit an entry once released.
MIGRATIONS: list[str] = [_V1, _V2]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The local store cannot be opened or written; the message names the directory."""


class Store:
    """One SQLite file; each thread gets its own connection, writes go through ``transaction``."""

    def __init__(self, data_dir: Path, *, now: Callable[[], float] = time.time):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_FILE
        self.now = now
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    @classmethod
    def open(cls, data_dir: Path, *, now: Callable[[], float] = time.time) -> Store:
        """Check the directory, open the database, apply migrations; StoreError if unusable."""
        store = cls(data_dir, now=now)
        store._check_directory()
        try:
            file_modes.create_private_file(store.path)
            store._migrate()
            store.set("store_opened_at", store.now())  # proves the database itself is writable
            file_modes.make_database_private(store.path)  # the -wal and -shm exist by now
        except file_modes.FileModeError as exc:
            store.close()
            raise StoreError(str(exc)) from None
        except (sqlite3.Error, OSError) as exc:
            store.close()
            raise StoreError(
                f"Cannot open the kiosk database in {store.data_dir}: {exc}. "
                "Check that the directory is writable and the disk is not full."
            ) from None
        return store

    def _check_directory(self) -> None:
        where = self.data_dir
        try:
            where.mkdir(parents=True, exist_ok=True, mode=file_modes.DIR_MODE)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the kiosk data directory {where}: {exc.strerror or exc}."
            ) from None
        try:
            file_modes.make_private_dir(where)
        except file_modes.FileModeError as exc:
            raise StoreError(str(exc)) from None
        if not os.access(where, os.W_OK | os.X_OK):
            raise StoreError(
                f"The kiosk data directory {where} is read-only; make it writable "
                "or choose another with --data-dir / ATRIUM_KIOSK_HOME."
            )
        probe = where / f".write-probe-{os.getpid()}-{threading.get_ident()}"
        try:
            with probe.open("wb") as handle:
                handle.write(b"\0" * 4096)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise StoreError(
                f"Cannot write to the kiosk data directory {where}: {exc.strerror or exc}. "
                "Free some disk space or choose another directory."
            ) from None
        finally:
            with contextlib.suppress(OSError):
                probe.unlink()
        if shutil.disk_usage(where).free < MIN_FREE_BYTES:
            raise StoreError(
                f"The disk holding {where} is full; free some space before starting the kiosk."
            )

    # -- connections -------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        # Autocommit mode: transactions are only the explicit ones of ``transaction()``. With the
        # module's default, a stray INSERT opened an implicit transaction that later
        # ``transaction()`` blocks joined and never committed (holding the write lock).
        conn = sqlite3.connect(
            self.path, timeout=30.0, check_same_thread=False, isolation_level=None
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        if self._closed:
            raise StoreError("The kiosk store is closed.")
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils view of this thread's connection."""
        database = getattr(self._local, "db", None)
        if database is None or database.conn is not self.conn:
            database = sqlite_utils.Database(self.conn, execute_plugins=False)
            self._local.db = database
        return database

    def close(self) -> None:
        self._closed = True
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            with contextlib.suppress(sqlite3.Error):
                conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT on this thread's connection; rolls back on any error."""
        conn = self.conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    def _migrate(self) -> None:
        conn = self.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The kiosk database in {self.data_dir} has schema version {version}, newer "
                f"than this program knows ({SCHEMA_VERSION}); update the kiosk software."
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction() as tx:
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        tx.execute(statement)
                tx.execute(f"PRAGMA user_version = {number + 1}")

    # -- settings ----------------------------------------------------------------------------

    def get(self, key: str, default: object = None) -> object:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set(self, key: str, value: object) -> None:
        self.set_many({key: value})

    def set_many(self, values: dict[str, object]) -> None:
        """Upsert settings; inside an open ``transaction`` of this thread they join it."""
        with self.transaction() as tx:
            tx.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [(k, json.dumps(v)) for k, v in values.items()],
            )

    def delete_settings(self, *keys: str) -> None:
        with self.transaction() as tx:
            tx.executemany("DELETE FROM settings WHERE key = ?", [(k,) for k in keys])

    # -- queries shared by several modules -----------------------------------------------------

    def count(self, table: str, where: str = "", params: tuple[object, ...] = ()) -> int:
        sql = f"SELECT COUNT(*) FROM {table}" + (f" WHERE {where}" if where else "")  # noqa: S608
        return int(self.conn.execute(sql, params).fetchone()[0])

    def audit(
        self,
        conn: sqlite3.Connection,
        code: str,
        *,
        jti: str | None = None,
        visit_id: str | None = None,
        event_id: str | None = None,
    ) -> None:
        """Append an audit row inside the caller's transaction (codes and ids only)."""
        conn.execute(
            "INSERT INTO audit (at, code, jti, visit_id, event_id) VALUES (?, ?, ?, ?, ?)",
            (self.now(), code, jti, visit_id, event_id),
        )

    def purge(self, *, retention_s: float, now: float | None = None) -> dict[str, int]:
        """Delete synced check-ins past retention, expired visits and long-expired used passes."""
        now = self.now() if now is None else now
        with self.transaction() as tx:
            queue = tx.execute(
                "DELETE FROM queue WHERE status NOT IN ('pending', 'held') AND synced_at < ?",
                (now - retention_s,),
            ).rowcount
            visits = tx.execute("DELETE FROM expected_visits WHERE exp < ?", (now,)).rowcount
            used = tx.execute(
                "DELETE FROM used_passes WHERE exp IS NOT NULL AND exp < ?",
                (now - max(retention_s, 86400.0),),
            ).rowcount
            conflicts = tx.execute(
                "DELETE FROM conflicts WHERE recorded_at < ?", (now - retention_s,)
            ).rowcount
            audit = tx.execute(
                "DELETE FROM audit WHERE at < ?", (now - max(retention_s, 30 * 86400.0),)
            ).rowcount
            walk_ins = self._purge_walk_ins(tx, now - WALK_IN_MAX_S)
            checkouts = tx.execute(
                "DELETE FROM checkouts WHERE checked_out_at < ?",
                (now - max(retention_s, 86400.0),),
            ).rowcount
        counts = {
            "queue": queue,
            "expected_visits": visits,
            "used_passes": used,
            "conflicts": conflicts,
            "audit": audit,
            "walk_ins": walk_ins,
            "checkouts": checkouts,
        }
        if any(counts.values()):
            self.checkpoint()
        return counts

    @staticmethod
    def _purge_walk_ins(conn: sqlite3.Connection, ended_before: float) -> int:
        """Names typed at the kiosk go when the walk-in's visit has ended, like expected visits.

        A walk-in still waiting for the server keeps its name (the server needs it).
        """
        cached = conn.execute(
            "DELETE FROM walk_ins WHERE checked_in_at < ?", (ended_before,)
        ).rowcount
        scrubbed = conn.execute(
            "UPDATE queue SET payload = json_remove(payload, '$.name', '$.company') "
            "WHERE kind = 'walk_in' AND status NOT IN ('pending', 'held') AND scanned_at < ? "
            "AND (json_extract(payload, '$.name') IS NOT NULL "
            "OR json_extract(payload, '$.company') IS NOT NULL)",
            (ended_before,),
        ).rowcount
        return int(cached) + int(scrubbed)

    def checkpoint(self) -> None:
        """Move the WAL into the database and truncate it, so deleted rows do not linger there.

        secure_delete zeroes deleted content in the database pages, but older page images stay
        in the WAL file until it is checkpointed and reset.
        """
        if self.conn.in_transaction:
            return
        with contextlib.suppress(sqlite3.Error):  # busy readers: the next purge tries again
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
