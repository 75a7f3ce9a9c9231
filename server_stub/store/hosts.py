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
