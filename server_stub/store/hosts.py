"""The host directory: the people visitors come to see, and where their notices go."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from server_stub.store.schema import hosts, sites
from server_stub.store.tenancy import insert_with_new_id


class Hosts:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def add(
        self, new_id: Callable[[], str], name: str, email: str, site_id: str | None, now: float
    ) -> str | None:
        """A new host; None when the tenant already has a host with this e-mail."""
        return insert_with_new_id(
            self.conn,
            hosts,
            "host_id",
            new_id,
            tenant_id=self.tenant_id,
            site_id=site_id,
            name=name,
            email=email,
            active=True,
            created_at=now,
        )

    def get(self, host_id: str) -> Any:
        return self.conn.execute(
            sa.select(hosts).where(hosts.c.tenant_id == self.tenant_id, hosts.c.host_id == host_id)
        ).first()

    def find(self, name: str, site_id: str) -> Any:
        """The active host of this name at the site (the site's own before a tenant-wide one)."""
        return self.conn.execute(
            sa.select(hosts)
            .where(
                hosts.c.tenant_id == self.tenant_id,
                hosts.c.active.is_(True),
                sa.func.lower(hosts.c.name) == name.lower(),
                sa.or_(hosts.c.site_id == site_id, hosts.c.site_id.is_(None)),
            )
            .order_by(hosts.c.site_id.is_(None), hosts.c.created_at)
            .limit(1)
        ).first()

    def list(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            sa.select(hosts, sites.c.name.label("site_name"))
            .select_from(hosts.outerjoin(sites, sites.c.site_id == hosts.c.site_id))
            .where(hosts.c.tenant_id == self.tenant_id)
            .order_by(hosts.c.name, hosts.c.host_id)
        )
        return [
            {
                "host_id": r.host_id,
                "name": r.name,
                "email": r.email,
                "site_id": r.site_id,
                "site_name": r.site_name,
                "active": bool(r.active),
            }
            for r in rows
        ]

    def set_active(self, host_id: str, active: bool) -> bool:
        result = self.conn.execute(
            hosts.update()
            .where(hosts.c.tenant_id == self.tenant_id, hosts.c.host_id == host_id)
            .values(active=active)
        )
        return result.rowcount == 1


def site_details(conn: sa.Connection, tenant_id: str, site_id: str) -> Any:
    """A site's name, address, time zone and language, for its e-mails."""
    return conn.execute(
        sa.select(sites.c.site_id, sites.c.name, sites.c.address, sites.c.timezone,
                  sites.c.language, sites.c.webhook_url, sites.c.webhook_secret)
        .where(sites.c.tenant_id == tenant_id, sites.c.site_id == site_id)
    ).first()


def set_site_details(conn: sa.Connection, tenant_id: str, site_id: str, **values: Any) -> None:
    conn.execute(
        sites.update()
        .where(sites.c.tenant_id == tenant_id, sites.c.site_id == site_id)
        .values(**values)
    )
