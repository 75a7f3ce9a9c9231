"""The outbox repository: enqueue in the caller's transaction, claim with a lease, settle."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from server_stub.store.schema import outbox

PENDING, SENT, HELD, FAILED, SUPERSEDED = "pending", "sent", "held", "failed", "superseded"
OPEN_STATES = (PENDING, HELD, FAILED)  # what `atrium-server outbox` and the console list


class Outbox:
    def __init__(self, conn: sa.Connection, tenant_id: str) -> None:
        self.conn, self.tenant_id = conn, tenant_id

    def _mine(self, *where: Any) -> Any:
        return sa.and_(outbox.c.tenant_id == self.tenant_id, *where)

    def enqueue(
        self,
        kind: str,
        visit_id: str,
        now: float,
        *,
        host_id: str | None = None,
        event_id: str | None = None,
    ) -> str:
        """A new pending message, due now; its id is also the stem of its Message-ID."""
        message_id = uuid.uuid4().hex
        self.conn.execute(
            outbox.insert().values(
                message_id=message_id,
                tenant_id=self.tenant_id,
                kind=kind,
                visit_id=visit_id,
                host_id=host_id,
                event_id=event_id,
                status=PENDING,
                attempts=0,
                created_at=now,
                due_at=now,
            )
        )
        return message_id

    def claim(
        self, now: float, lease_s: float, limit: int, kinds: tuple[str, ...] | None = None
    ) -> list[Any]:
        """Lease up to ``limit`` due messages (of ``kinds``, or any) to this sender.

        PostgreSQL: the rows are locked FOR UPDATE SKIP LOCKED, so two senders never take the
        same row; the lease then keeps it theirs after this short transaction commits. SQLite
        has one writer at a time (BEGIN IMMEDIATE), which serialises claims the same way.
        """
        c = outbox.c
        rows = list(
            self.conn.execute(
                sa.select(c.message_id, c.kind, c.visit_id, c.host_id, c.event_id, c.attempts,
                          c.header_id)
                .where(
                    self._mine(
                        c.status == PENDING,
                        c.due_at <= now,
                        sa.or_(c.lease_until.is_(None), c.lease_until <= now),
                        *([c.kind.in_(kinds)] if kinds is not None else []),
                    )
                )
                .order_by(c.due_at, c.message_id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if rows:
            self.conn.execute(
                outbox.update()
                .where(self._mine(c.message_id.in_([r.message_id for r in rows])))
                .values(lease_until=now + lease_s)
            )
        return rows

    def extend(self, message_ids: list[str], until: float) -> None:
        """Keep the lease on messages still waiting in this sender's batch."""
        self.conn.execute(
            outbox.update()
            .where(self._mine(outbox.c.message_id.in_(message_ids), outbox.c.status == PENDING))
            .values(lease_until=until)
        )

    def set_header_id(self, message_id: str, header_id: str) -> None:
        self.conn.execute(
            outbox.update()
            .where(self._mine(outbox.c.message_id == message_id, outbox.c.header_id.is_(None)))
            .values(header_id=header_id)
        )

    def settle(self, message_id: str, **values: Any) -> None:
        """Record the outcome of an attempt and release the lease."""
        self.conn.execute(
            outbox.update()
            .where(self._mine(outbox.c.message_id == message_id))
            .values(lease_until=None, **values)
        )

    def get(self, message_id: str) -> Any:
        return self.conn.execute(
            sa.select(outbox).where(self._mine(outbox.c.message_id == message_id))
        ).first()

    def for_visit(self, visit_id: str) -> list[Any]:
        return list(
            self.conn.execute(
                sa.select(outbox)
                .where(self._mine(outbox.c.visit_id == visit_id))
                .order_by(outbox.c.created_at, outbox.c.message_id)
            )
        )

    def listing(self, states: tuple[str, ...] = OPEN_STATES, limit: int = 500) -> list[Any]:
        return list(
            self.conn.execute(
                sa.select(outbox)
                .where(self._mine(outbox.c.status.in_(states)))
                .order_by(outbox.c.created_at, outbox.c.message_id)
                .limit(limit)
            )
        )

    def supersede_pending(self, visit_id: str, kind: str) -> int:
        """Pending messages of this kind for the visit that need not go any more."""
        result = self.conn.execute(
            outbox.update()
            .where(
                self._mine(
                    outbox.c.visit_id == visit_id,
                    outbox.c.kind == kind,
                    outbox.c.status.in_((PENDING, HELD, FAILED)),
                    outbox.c.lease_until.is_(None),
                )
            )
            .values(status=SUPERSEDED)
        )
        return int(result.rowcount)

    def any_sent(self, visit_id: str, kind: str) -> bool:
        row = self.conn.execute(
            sa.select(outbox.c.message_id).where(
                self._mine(
                    outbox.c.visit_id == visit_id,
                    outbox.c.kind == kind,
                    outbox.c.status.in_((SENT, PENDING)),
                )
            ).limit(1)
        ).first()
        return row is not None

    def release_held(self, now: float) -> int:
        """Held messages (bad credentials or certificate) go again, e.g. under new settings."""
        result = self.conn.execute(
            outbox.update()
            .where(self._mine(outbox.c.status == HELD))
            .values(status=PENDING, due_at=now, lease_until=None)
        )
        return int(result.rowcount)


def counts(conn: sa.Connection, tenant_id: str) -> dict[str, int]:
    """Messages per status for one tenant."""
    rows = conn.execute(
        sa.select(outbox.c.status, sa.func.count())
        .where(outbox.c.tenant_id == tenant_id)
        .group_by(outbox.c.status)
    )
    return {str(status): int(n) for status, n in rows}
