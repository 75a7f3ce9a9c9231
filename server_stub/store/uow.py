"""The unit of work: one transaction per request or command, bound to a tenant."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from server_stub.store.engine import make_engine
from server_stub.store.rls import TENANT_SETTING

_SET_TENANT = sa.text(f"SELECT set_config('{TENANT_SETTING}', :tenant, true)")


def bind_tenant(conn: sa.Connection, tenant_id: str) -> None:
    """Scope the rest of this transaction to one tenant (PostgreSQL row-level security).

    The one place that sets ``app.tenant_id``; ``true`` makes it local to the transaction.
    SQLite has no row-level security: there every query filters by ``tenant_id`` itself.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(_SET_TENANT, {"tenant": tenant_id})


class Store:
    """An engine and its transactions: ``begin`` writes, ``read`` is one consistent snapshot."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.backend = engine.dialect.name
        # SQLite allows one writer: serialise this process's writers instead of letting them
        # spin on the busy timeout (other processes, e.g. the CLI, still wait on it).
        self._write_lock = threading.Lock() if self.backend == "sqlite" else None

    @property
    def url(self) -> str:
        """The database URL (with its password: for opening a second store, never for logs)."""
        return self.engine.url.render_as_string(hide_password=False)

    @classmethod
    def from_url(cls, url: str) -> Store:
        return cls(make_engine(url))

    @contextlib.contextmanager
    def begin(self, tenant_id: str | None = None) -> Iterator[sa.Connection]:
        """A write transaction, committed on success and rolled back on any error."""
        lock = self._write_lock or contextlib.nullcontext()
        with self.engine.connect() as conn, lock, conn.begin():
            if tenant_id is not None:
                bind_tenant(conn, tenant_id)
            yield conn

    @contextlib.contextmanager
    def read(self, tenant_id: str | None = None) -> Iterator[sa.Connection]:
        """A read-only transaction that sees one snapshot for all its statements."""
        with self.engine.connect() as conn:
            if self.backend == "postgresql":
                conn = conn.execution_options(
                    isolation_level="REPEATABLE READ", postgresql_readonly=True
                )
            else:
                conn = conn.execution_options(atrium_write=False)
            with conn.begin():
                if tenant_id is not None:
                    bind_tenant(conn, tenant_id)
                yield conn

    def close(self) -> None:
        self.engine.dispose()
