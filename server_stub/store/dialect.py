"""Statements whose spelling depends on the backend, chosen in one place."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite


def insert(conn: sa.Connection, table: sa.Table) -> Any:
    """The dialect's INSERT, which has ``on_conflict_do_nothing`` (never select-then-insert)."""
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    return module.insert(table)


def insert_ignore(conn: sa.Connection, table: sa.Table, **values: Any) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING; True when the row went in.

    RETURNING tells (the driver's rowcount is not reliable for this statement everywhere).
    """
    key = next(iter(table.primary_key.columns))
    statement = insert(conn, table).values(**values).on_conflict_do_nothing().returning(key)
    return conn.execute(statement).first() is not None


_COMPILED: dict[tuple[str, str, tuple[str, ...]], Any] = {}
_COMPILED_LOCK = threading.Lock()


def executemany(
    conn: sa.Connection,
    name: str,
    build: Callable[[sa.Connection], Any],
    rows: list[dict[str, Any]],
) -> None:
    """Run one INSERT for many rows straight through the driver's executemany.

    For the ledger's hot path: ``build(conn)`` makes the statement (plain columns, no type
    processing), compiled once per backend and column set under ``name``; each row then costs
    the driver, not SQLAlchemy's per-row parameter processing.
    """
    if not rows:
        return
    columns = tuple(rows[0])
    key = (name, conn.dialect.name, columns)
    with _COMPILED_LOCK:
        compiled = _COMPILED.get(key)
        if compiled is None:
            statement = build(conn)
            compiled = statement.compile(dialect=conn.dialect, column_keys=list(columns))
            _COMPILED[key] = compiled
    if compiled.positional:
        names = compiled.positiontup
        params: list[Any] = [tuple(row[n] for n in names) for row in rows]
    else:
        params = [dict(row) for row in rows]
    conn.exec_driver_sql(compiled.string, params)
