"""Erasure of visitors' personal data: the one list of every place it is kept.

A visit's personal data is the visitor's name, e-mail address and company, and whatever else
is written about the visitor. ``ERASERS`` names every place; each entry is a function
``(conn, tenant_id, visit_ids) -> rows changed`` that runs inside the erasure's transaction.
A table that comes to hold a visitor's personal data adds its eraser with ``register``
(here, next to the others), so the console, the CLI, the API and the retention purge all
reach it.

The visit row stays as an id-only tombstone (the name becomes ``ERASED_NAME``), so the
ledger, the audit log and the timelines keep their ids and still make sense. An erased visit
never appears in a kiosk pull again; a pass that could still be used is revoked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa

from server_stub import audit
from server_stub.errors import ServiceError, not_found
from server_stub.store import Store
from server_stub.store.outbox import FAILED, HELD, PENDING, SUPERSEDED
from server_stub.store.schema import checkin_events, conflict_resolutions, outbox, visits
from server_stub.store.signed_records import erase_signed_records
from server_stub.store.visits import Revocations

ERASED_NAME = "(erased)"
Eraser = Callable[[sa.Connection, str, Sequence[str]], int]


def _visit_rows(conn: sa.Connection, tenant_id: str, visit_ids: Sequence[str]) -> int:
    """visits: the visitor's name, e-mail address and company."""
    result = conn.execute(
        visits.update()
        .where(visits.c.tenant_id == tenant_id, visits.c.visit_id.in_(visit_ids))
        .values(visitor=ERASED_NAME, visitor_email=None, company=None)
    )
    return int(result.rowcount)


def _outbox_rows(conn: sa.Connection, tenant_id: str, visit_ids: Sequence[str]) -> int:
    """outbox: messages not sent yet never go out; every row keeps only ids and times (a
    delivery reason may quote the address)."""
    mine = sa.and_(outbox.c.tenant_id == tenant_id, outbox.c.visit_id.in_(visit_ids))
    unsent = conn.execute(
        outbox.update()
        .where(mine, outbox.c.status.in_((PENDING, HELD, FAILED)))
        .values(status=SUPERSEDED, last_error=None, lease_until=None)
    )
    conn.execute(outbox.update().where(mine).values(last_error=None))
    return int(unsent.rowcount)


def _conflict_notes(conn: sa.Connection, tenant_id: str, visit_ids: Sequence[str]) -> int:
    """conflict_resolutions: reception's free-text notes on the visit's conflicts."""
    jtis = sa.select(visits.c.jti).where(
        visits.c.tenant_id == tenant_id, visits.c.visit_id.in_(visit_ids)
    )
    events = sa.select(checkin_events.c.event_id).where(
        checkin_events.c.tenant_id == tenant_id, checkin_events.c.jti.in_(jtis)
    )
    result = conn.execute(
        conflict_resolutions.update()
        .where(
            conflict_resolutions.c.tenant_id == tenant_id,
            conflict_resolutions.c.event_id.in_(events),
        )
        .values(note=ERASED_NAME)
    )
    return int(result.rowcount)


# Every place a visitor's personal data is kept: (what, eraser), run in this order.
ERASERS: list[tuple[str, Eraser]] = [
    ("outbox: unsent messages and delivery reasons", _outbox_rows),
    ("conflict notes", _conflict_notes),
    ("signed documents: the HTML the visitor saw, signature, strokes, archival PDF",
     erase_signed_records),
    ("visits: name, e-mail address, company", _visit_rows),
]


def register(what: str, eraser: Eraser) -> Eraser:
    """Add a place that holds visitors' personal data (runs before the visit rows')."""
    ERASERS.insert(len(ERASERS) - 1, (what, eraser))
    return eraser


def erasable(conn: sa.Connection, tenant_id: str, visit_ids: Sequence[str]) -> list[sa.Row]:
    """The visits among ``visit_ids`` not erased yet, locked until commit (PostgreSQL)."""
    v = visits.c
    return list(
        conn.execute(
            sa.select(v.visit_id, v.jti, v.cancelled_at, v.exp)
            .where(v.tenant_id == tenant_id, v.visit_id.in_(visit_ids), v.erased_at.is_(None))
            .order_by(v.visit_id)
            .with_for_update()
        )
    )


def erase(
    conn: sa.Connection,
    tenant_id: str,
    visit_ids: Sequence[str],
    now: float,
    actor: str,
    audit_each: bool = True,
) -> list[str]:
    """Erase these visits' personal data in the caller's transaction; returns the ids erased
    now (visits erased before are skipped, so erasing twice changes nothing)."""
    rows = erasable(conn, tenant_id, sorted(set(visit_ids)))
    todo = [row.visit_id for row in rows]
    if not todo:
        return []
    revocations = Revocations(conn, tenant_id)
    for row in rows:
        if row.cancelled_at is None and row.exp > now:  # the pass could still open a kiosk
            revocations.add(row.jti, row.visit_id, now)
            conn.execute(
                visits.update()
                .where(visits.c.tenant_id == tenant_id, visits.c.visit_id == row.visit_id)
                .values(cancelled_at=now)
            )
    for _, eraser in ERASERS:
        eraser(conn, tenant_id, todo)
    conn.execute(
        visits.update()
        .where(visits.c.tenant_id == tenant_id, visits.c.visit_id.in_(todo))
        .values(erased_at=now)
    )
    if audit_each:
        for visit_id in todo:
            audit.record(conn, tenant_id, now, actor, "visit.erased", visit_id)
    return todo


def erase_visits(
    store: Store, clock: Callable[[], float], tenant_id: str, visit_ids: Sequence[str],
    actor: str,
) -> dict[str, list[str]]:
    """The service's erasure: every id must name a visit of the tenant (else 404 and nothing
    changes); one transaction; ``already_erased`` lists the ids erased before."""
    wanted = sorted({str(v)[:40] for v in visit_ids})
    if not wanted:
        raise ServiceError("invalid_request", "name at least one visit to erase", 422)
    with store.begin(tenant_id) as conn:
        known = set(
            conn.execute(
                sa.select(visits.c.visit_id).where(
                    visits.c.tenant_id == tenant_id, visits.c.visit_id.in_(wanted)
                )
            ).scalars()
        )
        missing = [v for v in wanted if v not in known]
        if missing:
            raise not_found(f"visit {missing[0]}")
        erased = erase(conn, tenant_id, wanted, clock(), actor)
    return {"erased": erased, "already_erased": [v for v in wanted if v not in erased]}
