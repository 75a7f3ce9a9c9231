"""Repositories for tenants, sites and users (and the global sign-in directory)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import credentials, sites, tenants, user_logins, users

ID_ATTEMPTS = 100


class IdSpaceFull(Exception):
    """No free random id after many tries."""


def insert_with_new_id(
    conn: sa.Connection, table: sa.Table, key: str, new_id: Callable[[], str], **values: Any
) -> str | None:
    """Insert under a fresh random id: the UNIQUE key decides, a collision draws again.

    Returns the id, or None when the row clashed on another unique column (e.g. a name).
    """
    for _ in range(ID_ATTEMPTS):
        candidate = new_id()
        if insert_ignore(conn, table, **{key: candidate}, **values):
            return candidate
        if conn.execute(sa.select(table.c[key]).where(table.c[key] == candidate)).first() is None:
            return None  # the id was free: another unique column clashed
    raise IdSpaceFull(f"could not allocate an id in {table.name}")


def _next_seq(table: sa.Table, *where: Any) -> Any:
    return sa.select(sa.func.coalesce(sa.func.max(table.c.seq), 0) + 1).where(*where)


class Tenants:
    """The global tenant list (see GLOBAL_TABLES)."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def add(self, new_id: Callable[[], str], name: str, now: float) -> str | None:
        """A new tenant; None when the name is taken."""
        return insert_with_new_id(
            self.conn,
            tenants,
            "tenant_id",
            new_id,
            name=name,
            created_at=now,
            seq=_next_seq(tenants).scalar_subquery(),
        )

    def first(self) -> str | None:
        return self.conn.execute(
            sa.select(tenants.c.tenant_id).order_by(tenants.c.seq, tenants.c.created_at).limit(1)
        ).scalar_one_or_none()

    def find(self, tenant: str) -> str | None:
        """A tenant id from its id or its name."""
        return self.conn.execute(
            sa.select(tenants.c.tenant_id).where(
                sa.or_(tenants.c.tenant_id == tenant, tenants.c.name == tenant)
            )
        ).scalar_one_or_none()

    def get(self, tenant_id: str) -> dict[str, str] | None:
        row = self.conn.execute(
            sa.select(tenants.c.tenant_id, tenants.c.name).where(tenants.c.tenant_id == tenant_id)
        ).first()
        return None if row is None else {"id": row.tenant_id, "name": row.name}

    def any(self) -> bool:
        return self.conn.execute(sa.select(tenants.c.tenant_id).limit(1)).first() is not None


class Sites:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def add(self, new_id: Callable[[], str], name: str, now: float) -> str | None:
        """A new site; None when the tenant already has a site of that name."""
        return insert_with_new_id(
            self.conn,
            sites,
            "site_id",
            new_id,
            tenant_id=self.tenant_id,
            name=name,
            created_at=now,
            seq=_next_seq(sites, sites.c.tenant_id == self.tenant_id).scalar_subquery(),
        )

    def get(self, site: str | None) -> dict[str, str] | None:
        """A site by id or name (an id wins); the first site when none is given."""
        query = sa.select(sites.c.site_id, sites.c.name).where(sites.c.tenant_id == self.tenant_id)
        if site is None:
            query = query.order_by(sites.c.seq, sites.c.created_at)
        else:
            query = query.where(sa.or_(sites.c.site_id == site, sites.c.name == site)).order_by(
                sa.case((sites.c.site_id == site, 0), else_=1)
            )
        row = self.conn.execute(query.limit(1)).first()
        return None if row is None else {"id": row.site_id, "name": row.name}


class Users:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def add(
        self, new_id: Callable[[], str], email: str, password_hash: str, role: str, now: float
    ) -> str | None:
        """A new user under a fresh random id, its password hash in credentials; None when the
        e-mail is taken on this server."""
        user_id = insert_with_new_id(
            self.conn,
            users,
            "user_id",
            new_id,
            tenant_id=self.tenant_id,
            email=email,
            role=role,
            created_at=now,
        )
        if user_id is None or not insert_ignore(
            self.conn, user_logins, email=email, tenant_id=self.tenant_id, user_id=user_id
        ):
            return None  # the caller's transaction rolls the user row back
        self.conn.execute(
            credentials.insert().values(
                user_id=user_id,
                tenant_id=self.tenant_id,
                password_hash=password_hash,
                updated_at=now,
            )
        )
        return user_id

    def by_email(self, email: str) -> Any:
        """The user with this e-mail and its password hash (from credentials)."""
        return self.conn.execute(
            sa.select(users.c.user_id, credentials.c.password_hash, users.c.role)
            .join(
                credentials,
                sa.and_(
                    credentials.c.user_id == users.c.user_id,
                    credentials.c.tenant_id == users.c.tenant_id,
                ),
            )
            .where(users.c.tenant_id == self.tenant_id, users.c.email == email)
        ).first()

    def first(self) -> Any:
        return self.conn.execute(
            sa.select(users.c.user_id, users.c.role)
            .where(users.c.tenant_id == self.tenant_id)
            .order_by(users.c.created_at, users.c.user_id)
            .limit(1)
        ).first()

    def exists(self, user_id: str) -> bool:
        row = self.conn.execute(
            sa.select(users.c.user_id).where(
                users.c.tenant_id == self.tenant_id, users.c.user_id == user_id
            )
        ).first()
        return row is not None


def login_tenant(conn: sa.Connection, email: str) -> str | None:
    """The tenant of a sign-in e-mail (the one global read a login needs)."""
    return conn.execute(
        sa.select(user_logins.c.tenant_id).where(user_logins.c.email == email)
    ).scalar_one_or_none()


def all_tenant_ids(conn: sa.Connection) -> list[str]:
    """Every tenant, in creation order (the mail sender's round over the outboxes)."""
    return list(
        conn.execute(
            sa.select(tenants.c.tenant_id).order_by(tenants.c.seq, tenants.c.created_at)
        ).scalars()
    )
