"""Repository of the audit log: who did what to which id, never names or e-mail addresses."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.schema import audit_log


class AuditLog:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def add(self, at: float, actor: str, action: str, subject: str) -> None:
        self.conn.execute(
            audit_log.insert().values(
                tenant_id=self.tenant_id, at=at, actor=actor, action=action, subject=subject
            )
        )

    def latest(self, limit: int, before: int | None = None) -> list[dict[str, Any]]:
        a = audit_log.c
        query = sa.select(a.entry_id, a.at, a.actor, a.action, a.subject).where(
            a.tenant_id == self.tenant_id
        )
        if before is not None:
            query = query.where(a.entry_id < before)
        rows = self.conn.execute(query.order_by(a.entry_id.desc()).limit(limit))
        return [dict(r._mapping) for r in rows]
