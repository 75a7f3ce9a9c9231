"""Statements whose spelling depends on the backend, chosen in one place."""

from __future__ import annotations

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
