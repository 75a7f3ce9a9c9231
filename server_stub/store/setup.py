"""Opening a store for the server: reach the database, check its revision, or migrate it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa

from server_stub.store import migrate
from server_stub.store.engine import (
    StoreError,
    create_sqlite_file,
    describe,
    make_engine,
    parse_url,
    sqlite_path,
)
from server_stub.store.uow import Store

T = TypeVar("T")


def _reachable(url: sa.URL, action: Callable[[], T]) -> T:
    """Run ``action``; a database that cannot be reached becomes one line naming it."""
    try:
        return action()
    except sa.exc.ProgrammingError as exc:  # e.g. permission denied on a table
        raise StoreError(f"the database {describe(url)} refused: {_first_line(exc)}") from None
    except sa.exc.DBAPIError as exc:  # unreachable, unknown role, not a database file...
        raise StoreError(f"cannot use the database {describe(url)}: {_first_line(exc)}") from None


def _first_line(exc: sa.exc.DBAPIError) -> str:
    lines = [line.strip() for line in str(exc.orig or exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc.orig or exc).__name__


def open_store(url: str) -> Store:
    """A store over an existing database at this release's revision."""
    parsed = parse_url(url)
    path = sqlite_path(parsed)
    if path is not None and not path.is_file():
        raise migrate.NotInitialised(
            f"{path.parent} is not initialised; run '{migrate.PROG} init' first"
        )
    engine = make_engine(parsed)
    try:
        _reachable(parsed, lambda: migrate.check(engine))
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


def migrate_store(url: str, *, create: bool = False) -> tuple[Store, str | None, str]:
    """Upgrade (or create) the database to head; returns the store and (before, after)."""
    parsed = parse_url(url)
    path = sqlite_path(parsed)
    if path is not None:
        if not create and not path.is_file():
            raise migrate.NotInitialised(
                f"{path.parent} is not initialised; run '{migrate.PROG} init' first"
            )
        create_sqlite_file(path)
    engine = make_engine(parsed)
    try:
        before, after = _reachable(parsed, lambda: migrate.upgrade(engine))
    except BaseException:
        engine.dispose()
        raise
    return Store(engine), before, after
