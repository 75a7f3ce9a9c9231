"""Repository of the single-use ledger: used passes and every check-in event's answer."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import checkin_events, devices, used_passes

_ANSWER_COLUMNS = (
    checkin_events.c.device_id,
    checkin_events.c.pass_ref,
    checkin_events.c.status,
    checkin_events.c.reason,
    checkin_events.c.first_used_at,
    checkin_events.c.first_used_by,
    checkin_events.c.first_event_id,
)


class Ledger:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def stored_answer(self, event_id: str) -> Any:
        return self.conn.execute(
            sa.select(*_ANSWER_COLUMNS).where(
                checkin_events.c.tenant_id == self.tenant_id,
                checkin_events.c.event_id == event_id,
            )
        ).first()

    def consume(self, **values: Any) -> bool:
        """Record the first use of a pass; False when (tenant, jti) was already used."""
        return insert_ignore(self.conn, used_passes, tenant_id=self.tenant_id, **values)

    def first_use(self, jti: str) -> Any:
        return self.conn.execute(
            sa.select(
                used_passes.c.used_at, used_passes.c.kiosk_name, used_passes.c.event_id
            ).where(used_passes.c.tenant_id == self.tenant_id, used_passes.c.jti == jti)
        ).first()

    def record_event(self, **values: Any) -> None:
        self.conn.execute(checkin_events.insert().values(tenant_id=self.tenant_id, **values))

    def checkins(self) -> list[dict[str, Any]]:
        u = used_passes.c
        rows = self.conn.execute(
            sa.select(
                u.jti, u.visit_id, u.event_id, u.device_id, u.kiosk_name, u.used_at, u.received_at
            )
            .where(u.tenant_id == self.tenant_id)
            .order_by(u.used_at, u.received_at, u.event_id)
        )
        return [dict(r._mapping) for r in rows]

    def events_with_status(self, status: str, reason: str | None = None) -> list[dict[str, Any]]:
        """Events answered ``status`` (optionally with one reason), with their kiosk's name."""
        e, d = checkin_events.c, devices.c
        query = (
            sa.select(
                e.event_id,
                e.jti,
                e.device_id,
                d.kiosk_name,
                e.scanned_at,
                e.reason,
                e.first_used_at,
                e.first_used_by,
                e.first_event_id,
                e.received_at,
            )
            .select_from(
                checkin_events.outerjoin(
                    devices, sa.and_(d.device_id == e.device_id, d.tenant_id == e.tenant_id)
                )
            )
            .where(e.tenant_id == self.tenant_id, e.status == status)
            .order_by(e.received_at, e.scanned_at, e.event_id)
        )
        if reason is not None:
            query = query.where(e.reason == reason)
        return [dict(r._mapping) for r in self.conn.execute(query)]
