"""Alembic run from code: upgrade to head, adopt a first-release SQLite file, check revisions."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Engine

from server_stub.store.engine import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the first release's schema (meta.schema_version = 1)
PROG = "atrium-server"


class NotInitialised(StoreError):
    """The database holds no Atrium schema yet."""


class WrongRevision(StoreError):
    """The database is at another revision than this release needs."""


def _config(conn: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        config.attributes["connection"] = conn
    return config


def head() -> str:
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(conn: sa.Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _first_release(conn: sa.Connection) -> bool:
    """A database made by the first release: meta says schema_version 1, no alembic_version."""
    tables = set(sa.inspect(conn).get_table_names())
    if "alembic_version" in tables or "meta" not in tables:
        return False
    version = conn.execute(
        sa.text("SELECT value FROM meta WHERE key = 'schema_version'")
    ).scalar_one_or_none()
    if version != "1":
        raise StoreError(f"unknown schema version {version!r} in the database; not upgrading")
    return True


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except CommandError:
        return False


def _newer(revision: str) -> WrongRevision:
    return WrongRevision(
        f"the database is at revision {revision}, newer than this release ({head()});"
        " upgrade atrium-server"
    )


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to head in one transaction; returns (revision before, after)."""
    with engine.begin() as conn:
        before = current(conn)
        if before is not None and not _known(before):
            raise _newer(before)
        if before is None and _first_release(conn):
            command.stamp(_config(conn), BASELINE)
            before = BASELINE
        command.upgrade(_config(conn), "head")
        return before, str(current(conn))


def check(engine: Engine) -> None:
    """Refuse a database this release cannot work on, naming what to run."""
    with engine.connect() as conn:
        revision = current(conn)
        if revision is None:
            tables = set(sa.inspect(conn).get_table_names())
    if revision == head():
        return
    if revision is None:
        if "meta" in tables:
            raise WrongRevision(
                f"the database has the first release's schema; run '{PROG} migrate'"
            )
        raise NotInitialised(f"the database is not initialised; run '{PROG} init' first")
    if not _known(revision):
        raise _newer(revision)
    raise WrongRevision(
        f"the database is at revision {revision}, this release needs {head()}; run '{PROG} migrate'"
    )
