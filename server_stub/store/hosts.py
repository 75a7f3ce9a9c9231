"""Repository of the host directory (name, e-mail, site; disabled hosts kept for the record)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import hosts, sites


class Hosts:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def add(self, host_id: str, name: str, email: str, site_id: str, now: float) -> bool:
        """False when the tenant already has a host with this e-mail."""
        return insert_ignore(
            self.conn,
            hosts,
            host_id=host_id,
            tenant_id=self.tenant_id,
            name=name,
            email=email,
            site_id=site_id,
            created_at=now,
        )

    def list(self, active_only: bool = False) -> list[dict[str, Any]]:
        h = hosts.c
        query = (
            sa.select(
                h.host_id,
                h.name,
                h.email,
                h.site_id,
                sites.c.name.label("site_name"),
                h.disabled_at,
            )
            .join(sites, sa.and_(sites.c.site_id == h.site_id, sites.c.tenant_id == h.tenant_id))
            .where(h.tenant_id == self.tenant_id)
            .order_by(h.name, h.email)
        )
        if active_only:
            query = query.where(h.disabled_at.is_(None))
        return [dict(r._mapping) for r in self.conn.execute(query)]

    def disable(self, host_id: str, now: float) -> bool:
        h = hosts.c
        result = self.conn.execute(
            hosts.update()
            .where(h.tenant_id == self.tenant_id, h.host_id == host_id, h.disabled_at.is_(None))
            .values(disabled_at=now)
        )
        return result.rowcount == 1

    def get(self, host_id: str) -> Any:
        return self.conn.execute(
            sa.select(hosts).where(hosts.c.tenant_id == self.tenant_id, hosts.c.host_id == host_id)
        ).first()

    def find(self, name: str, site_id: str) -> Any:
        """The active host of this name (any case) at the site: the one a visit's arrival
        notice goes to."""
        return self.conn.execute(
            sa.select(hosts)
            .where(
                hosts.c.tenant_id == self.tenant_id,
                hosts.c.disabled_at.is_(None),
                sa.func.lower(hosts.c.name) == name.lower(),
                hosts.c.site_id == site_id,
            )
            .order_by(hosts.c.created_at)
            .limit(1)
        ).first()


def site_details(conn: sa.Connection, tenant_id: str, site_id: str) -> Any:
    """A site's name, address, time zone, language and webhook, for its e-mails."""
    s = sites.c
    return conn.execute(
        sa.select(s.site_id, s.name, s.address, s.timezone, s.language, s.webhook_url,
                  s.webhook_secret)
        .where(s.tenant_id == tenant_id, s.site_id == site_id)
    ).first()


def set_site_details(conn: sa.Connection, tenant_id: str, site_id: str, **values: Any) -> None:
    conn.execute(
        sites.update()
        .where(sites.c.tenant_id == tenant_id, sites.c.site_id == site_id)
        .values(**values)
    )
