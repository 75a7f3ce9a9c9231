"""Repository of the single-use ledger: used passes and every check-in event's answer.

A push touches the ledger with a handful of statements per batch, not per event: the stored
answers, revocations and first uses are read with one ``IN`` each, the uses are inserted with
one executemany of ``INSERT ... ON CONFLICT DO NOTHING`` (in jti order, so two workers inserting
overlapping passes lock them in the same order and never deadlock) and read back with one
``IN``, the answers go in with one executemany.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa

from server_stub.store.dialect import executemany, insert
from server_stub.store.schema import checkin_events, devices, revocations, used_passes

_ANSWER_COLUMNS = (
    checkin_events.c.event_id,
    checkin_events.c.device_id,
    checkin_events.c.pass_ref,
    checkin_events.c.status,
    checkin_events.c.reason,
    checkin_events.c.first_used_at,
    checkin_events.c.first_used_by,
    checkin_events.c.first_event_id,
    checkin_events.c.kind,
    checkin_events.c.visit_id,
    checkin_events.c.host_notified,
)
# Module-level statements with bound parameters: built once, their compiled form is cached.
_STORED = sa.select(*_ANSWER_COLUMNS).where(
    checkin_events.c.tenant_id == sa.bindparam("tenant_id"),
    checkin_events.c.event_id.in_(sa.bindparam("ids", expanding=True)),
)
_REVOKED = sa.select(revocations.c.jti, revocations.c.revoked_at).where(
    revocations.c.tenant_id == sa.bindparam("tenant_id"),
    revocations.c.jti.in_(sa.bindparam("jtis", expanding=True)),
)
_USES = sa.select(
    used_passes.c.jti,
    used_passes.c.used_at,
    used_passes.c.kiosk_name,
    used_passes.c.event_id,
    used_passes.c.device_id,
).where(
    used_passes.c.tenant_id == sa.bindparam("tenant_id"),
    used_passes.c.jti.in_(sa.bindparam("jtis", expanding=True)),
)
_USE_COLUMNS = ("jti", "visit_id", "event_id", "device_id", "kiosk_name", "used_at", "received_at")


class Ledger:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def stored_answers(self, event_ids: Collection[str]) -> dict[str, Any]:
        """Event id → its stored answer row, for those already answered."""
        if not event_ids:
            return {}
        rows = self.conn.execute(
            _STORED, {"tenant_id": self.tenant_id, "ids": sorted(set(event_ids))}
        )
        return {r.event_id: r for r in rows}

    def revoked_at(self, jtis: Collection[str]) -> dict[str, float]:
        """Jti → when it was revoked, for the revoked ones."""
        if not jtis:
            return {}
        rows = self.conn.execute(_REVOKED, {"tenant_id": self.tenant_id, "jtis": sorted(set(jtis))})
        return {r.jti: float(r.revoked_at) for r in rows}

    def consume(self, uses: list[dict[str, Any]]) -> dict[str, Any]:
        """Record first uses (one per jti) with ON CONFLICT DO NOTHING; returns every use of
        these jtis now in the ledger, ours or earlier ones (jti → row)."""
        if not uses:
            return {}
        rows = [{"tenant_id": self.tenant_id, **{k: u[k] for k in _USE_COLUMNS}} for u in uses]
        rows.sort(key=lambda row: row["jti"])
        executemany(
            self.conn,
            "consume",
            lambda conn: insert(conn, used_passes).on_conflict_do_nothing(),
            rows,
        )
        found = self.conn.execute(
            _USES, {"tenant_id": self.tenant_id, "jtis": [row["jti"] for row in rows]}
        )
        return {r.jti: r for r in found}

    def record_events(self, events: list[dict[str, Any]]) -> None:
        rows = [{"tenant_id": self.tenant_id, **event} for event in events]
        executemany(self.conn, "record_events", lambda conn: checkin_events.insert(), rows)

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

    def events_with_status(
        self, status: str, reason: str | None = None, kind: str | None = None
    ) -> list[dict[str, Any]]:
        """Events answered ``status`` (optionally with one reason or of one kind), with their
        kiosk's name."""
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
        if kind is not None:
            query = query.where(e.kind == kind)
        return [dict(r._mapping) for r in self.conn.execute(query)]
