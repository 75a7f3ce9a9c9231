"""Repository of per-tenant settings (``tenant_settings``: one row per tenant, defaults without)."""

from __future__ import annotations

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import tenant_settings

DEFAULT_RETENTION_DAYS = 30


class TenantSettings:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def retention_days(self) -> int:
        value = self.conn.execute(
            sa.select(tenant_settings.c.retention_days).where(
                tenant_settings.c.tenant_id == self.tenant_id
            )
        ).scalar_one_or_none()
        return DEFAULT_RETENTION_DAYS if value is None else int(value)

    def set_retention_days(self, days: int, now: float) -> None:
        """Insert the tenant's row or update it (no select-then-insert)."""
        added = insert_ignore(
            self.conn, tenant_settings, tenant_id=self.tenant_id, retention_days=days,
            updated_at=now,
        )
        if not added:
            self.conn.execute(
                tenant_settings.update()
                .where(tenant_settings.c.tenant_id == self.tenant_id)
                .values(retention_days=days, updated_at=now)
            )
