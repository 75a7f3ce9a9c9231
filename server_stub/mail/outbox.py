"""The outbox rules the service applies: what a visit, a cancellation or an accepted check-in
queues (always inside the caller's transaction), re-sending, retrying and the listings."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from server_stub.errors import ServiceError, not_found
from server_stub.store import Store
from server_stub.store.audit import AuditLog
from server_stub.store.hosts import site_details
from server_stub.store.outbox import FAILED, HELD, OPEN_STATES, PENDING, SENT, Outbox
from server_stub.store.schema import visits

audit = logging.getLogger("atrium.audit")
Clock = Callable[[], float]
FIELDS = ("message_id", "kind", "visit_id", "status", "attempts", "last_error", "created_at",
          "due_at", "sent_at", "header_id")
RECIPIENT = {
    "invitation": "visitor",
    "cancellation": "visitor",
    "arrival": "host",
    "webhook": "site webhook",
}


def _visit(conn: sa.Connection, tenant_id: str, visit_id: str) -> Any:
    return conn.execute(
        sa.select(
            visits.c.visitor_email, visits.c.host_id, visits.c.cancelled_at, visits.c.site_id
        ).where(
            visits.c.tenant_id == tenant_id, visits.c.visit_id == visit_id
        )
    ).first()


def on_visit_created(
    conn: sa.Connection, tenant_id: str, visit_id: str, email: str | None, now: float
) -> str | None:
    """Queue the invitation of a new visit with a visitor e-mail (same transaction)."""
    if email is None:
        return None
    return Outbox(conn, tenant_id).enqueue("invitation", visit_id, now)


def on_visit_cancelled(conn: sa.Connection, tenant_id: str, visit_id: str, now: float) -> None:
    """An invitation not sent yet is dropped; one already sent is followed by a cancellation."""
    row = _visit(conn, tenant_id, visit_id)
    if row is None or not row.visitor_email:
        return
    box = Outbox(conn, tenant_id)
    box.supersede_pending(visit_id, "invitation")
    if box.any_sent(visit_id, "invitation"):
        box.enqueue("cancellation", visit_id, now)


def on_checkin_accepted(
    conn: sa.Connection, tenant_id: str, visit_id: str, event_id: str, now: float
) -> list[str]:
    """Queue the host's arrival notice (and the site's webhook) for an accepted check-in:
    once, as a pass is used once. Returns the ids queued (none: nobody will be told)."""
    row = _visit(conn, tenant_id, visit_id)
    if row is None:
        return []
    box = Outbox(conn, tenant_id)
    site = site_details(conn, tenant_id, row.site_id)
    queued = []
    if site is not None and site.webhook_url:
        queued.append(box.enqueue("webhook", visit_id, now, event_id=event_id))
    if row.host_id is not None:
        queued.append(
            box.enqueue("arrival", visit_id, now, host_id=row.host_id, event_id=event_id)
        )
    return queued


def resend_invitation(store: Store, clock: Clock, tenant_id: str, visit_id: str) -> str:
    """A new invitation for the visit (the same pass); refused for a cancelled visit."""
    with store.begin(tenant_id) as conn:
        row = _visit(conn, tenant_id, visit_id)
        if row is None:
            raise not_found(f"visit {visit_id}")
        if row.cancelled_at is not None:
            raise ServiceError("visit_cancelled", "the visit is cancelled; nothing to re-send", 409)
        if not row.visitor_email:
            raise ServiceError("no_email", "the visit has no visitor e-mail address", 409)
        return Outbox(conn, tenant_id).enqueue("invitation", visit_id, clock())


def retry(store: Store, clock: Clock, tenant_id: str, message_id: str, actor: str) -> None:
    """A held or failed message goes again, its attempts counted afresh."""
    with store.begin(tenant_id) as conn:
        box = Outbox(conn, tenant_id)
        row = box.get(message_id)
        if row is None:
            raise not_found(f"message {message_id}")
        if row.status not in (HELD, FAILED):
            raise ServiceError("not_retryable", f"the message is {row.status}, not failed", 409)
        box.settle(message_id, status=PENDING, attempts=0, due_at=clock())
        AuditLog(conn, tenant_id).add(clock(), actor, "mail.retried", message_id)
    audit.info("mail retry: tenant %s message %s by %s", tenant_id, message_id, actor)


def _public(row: Any) -> dict[str, Any]:
    item = {name: row._mapping[name] for name in FIELDS}
    item["recipient"] = RECIPIENT.get(row.kind, "")
    item["host_id"] = row.host_id
    return item


def listing(store: Store, tenant_id: str, states: tuple[str, ...] = OPEN_STATES) -> list[dict]:
    """Messages not (yet) sent: pending, held and failed, oldest first; no addresses."""
    with store.read(tenant_id) as conn:
        return [_public(row) for row in Outbox(conn, tenant_id).listing(states)]


def for_visit(store: Store, tenant_id: str, visit_id: str) -> list[dict[str, Any]]:
    with store.read(tenant_id) as conn:
        return [_public(row) for row in Outbox(conn, tenant_id).for_visit(visit_id)]


__all__ = ["FAILED", "HELD", "PENDING", "SENT"]
