"""Engines from a database URL: SQLite in the data dir (WAL, busy timeout, foreign keys) or
PostgreSQL through psycopg 3 with a connection pool."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url

DB_NAME = "atrium-server.sqlite3"
BUSY_TIMEOUT_MS = 10_000
PG_POOL_SIZE = 5
SQLITE_POOL_SIZE = 8  # readers run side by side in WAL mode; writers take turns
SQLITE_MAX_OVERFLOW = 32
PG_MAX_OVERFLOW = 5
PG_CONNECT_TIMEOUT_S = 5


class StoreError(Exception):
    """A database problem the operator can act on (bad URL, unreachable, wrong revision)."""


def default_url(data_dir: Path) -> str:
    """The embedded SQLite database in the data dir."""
    return f"sqlite:///{Path(data_dir) / DB_NAME}"


def parse_url(url: str) -> URL:
    """A database URL; ``postgresql://`` means psycopg 3. Anything else is refused."""
    try:
        parsed = make_url(url)
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise StoreError(f"invalid database URL: {exc}") from None
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        if not parsed.database or parsed.database == ":memory:":
            raise StoreError("a SQLite database URL needs a file path")
        return parsed.set(drivername="sqlite+pysqlite")
    raise StoreError(
        f"unsupported database URL scheme {parsed.drivername!r}: use sqlite:/// or postgresql://"
    )


def describe(url: URL) -> str:
    """The URL without its password, for messages."""
    return url.render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    return Path(str(url.database)) if url.get_backend_name() == "sqlite" else None


def create_sqlite_file(path: Path) -> None:
    """Create the database file 0600 in a 0700 dir before SQLite does it with the umask."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def make_engine(url: str | URL) -> Engine:
    parsed = parse_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    engine = sa.create_engine(
        parsed,
        pool_size=PG_POOL_SIZE,
        max_overflow=PG_MAX_OVERFLOW,
        pool_pre_ping=True,  # a restarted server: stale connections are replaced, not used
        connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S},
    )

    @event.listens_for(engine, "do_connect")
    def _name_the_process(_dialect: Any, _record: Any, _args: Any, params: Any) -> None:
        # pg_stat_activity shows which server process holds a connection (one pool each)
        params["application_name"] = f"atrium-server/{os.getpid()}"

    return engine


def _sqlite_engine(url: URL) -> Engine:
    engine = sa.create_engine(
        url,
        pool_size=SQLITE_POOL_SIZE,
        max_overflow=SQLITE_MAX_OVERFLOW,
        pool_reset_on_return=None,  # every transaction ends in COMMIT or ROLLBACK already
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "foreign_keys=ON",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Writers take the write lock up front, so two writers never deadlock on an upgrade
        # from a read lock; readers get one consistent snapshot for the whole transaction.
        write = conn.get_execution_options().get("atrium_write", True)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
