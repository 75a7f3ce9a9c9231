"""Repositories of visits and of revocations with their per-tenant watermark."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import insert_ignore
from server_stub.store.schema import revocation_counters, revocations, visits


class Visits:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def _one(self, visit_id: str) -> Any:
        return sa.and_(visits.c.tenant_id == self.tenant_id, visits.c.visit_id == visit_id)

    def add(self, **values: Any) -> bool:
        """Insert a visit; False when its visit id (or jti) is taken: draw another and retry."""
        return insert_ignore(self.conn, visits, tenant_id=self.tenant_id, **values)

    def for_cancel(self, visit_id: str) -> Any:
        """The visit's jti and cancellation, its row locked until commit (PostgreSQL)."""
        return self.conn.execute(
            sa.select(visits.c.jti, visits.c.cancelled_at, visits.c.kind)
            .where(self._one(visit_id))
            .with_for_update()
        ).first()

    def cancel(self, visit_id: str, now: float) -> None:
        self.conn.execute(visits.update().where(self._one(visit_id)).values(cancelled_at=now))

    def expected(self, site_id: str, day_start: float, day_end: float) -> list[Any]:
        return list(
            self.conn.execute(
                sa.select(
                    visits.c.visit_id,
                    visits.c.jti,
                    visits.c.visitor,
                    visits.c.host,
                    visits.c.nbf,
                    visits.c.exp,
                )
                .where(
                    visits.c.tenant_id == self.tenant_id,
                    visits.c.site_id == site_id,
                    visits.c.kind != "walk_in",  # walk-ins have no pass: pulled as walk_ins
                    visits.c.cancelled_at.is_(None),
                    visits.c.nbf < day_end,
                    visits.c.exp > day_start,
                )
                .order_by(visits.c.nbf, visits.c.visit_id)
            )
        )


class Revocations:
    """Revoked passes, numbered per tenant so that kiosks can pull ``watermark > since``.

    ``next_watermark`` increments the tenant's counter row with UPDATE ... RETURNING. That
    UPDATE holds the row lock until the transaction ends, so a second revocation of the same
    tenant waits for the first to commit before it gets its number: numbers become visible
    in the order they were handed out and a reader never sees n+1 without n (docs/server.md).
    """

    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def start_counter(self) -> None:
        """The tenant's counter row, at 0 (a new tenant; doing it twice changes nothing)."""
        insert_ignore(self.conn, revocation_counters, tenant_id=self.tenant_id, last_watermark=0)

    def next_watermark(self) -> int:
        counter = revocation_counters.c
        statement = (
            revocation_counters.update()
            .where(counter.tenant_id == self.tenant_id)
            .values(last_watermark=counter.last_watermark + 1)
            .returning(counter.last_watermark)
        )
        value = self.conn.execute(statement).scalar_one_or_none()
        if value is None:  # a tenant without its counter row yet
            self.start_counter()
            value = self.conn.execute(statement).scalar_one()
        return int(value)

    def add(self, jti: str, visit_id: str, now: float) -> int:
        watermark = self.next_watermark()
        self.conn.execute(
            revocations.insert().values(
                tenant_id=self.tenant_id,
                watermark=watermark,
                jti=jti,
                visit_id=visit_id,
                revoked_at=now,
            )
        )
        return watermark

    def revoked_by(self, jti: str, scanned_at: float) -> bool:
        """Was the pass revoked at or before ``scanned_at``?"""
        row = self.conn.execute(
            sa.select(revocations.c.watermark).where(
                revocations.c.tenant_id == self.tenant_id,
                revocations.c.jti == jti,
                revocations.c.revoked_at <= scanned_at,
            )
        ).first()
        return row is not None

    def since(self, watermark: int) -> list[Any]:
        return list(
            self.conn.execute(
                sa.select(
                    revocations.c.watermark,
                    revocations.c.jti,
                    revocations.c.visit_id,
                    revocations.c.revoked_at,
                )
                .where(
                    revocations.c.tenant_id == self.tenant_id, revocations.c.watermark > watermark
                )
                .order_by(revocations.c.watermark)
            )
        )

    def latest(self) -> int:
        return int(
            self.conn.execute(
                sa.select(sa.func.coalesce(sa.func.max(revocations.c.watermark), 0)).where(
                    revocations.c.tenant_id == self.tenant_id
                )
            ).scalar_one()
        )
