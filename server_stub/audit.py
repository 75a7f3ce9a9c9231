"""The audit log: sign-ins, configuration changes, visitor lifecycle, kiosk pairing.

Entries reference people and things by id only (user, visit, device, site ids), never by a
name or an e-mail address, so erasing a visitor's personal data leaves the log intact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from server_stub.store.audit import AuditLog

if TYPE_CHECKING:
    from server_stub.service import AtriumService

ACTIONS = (
    "signin.success",
    "signin.failure",
    "user.added",
    "user.totp_enabled",
    "user.totp_reset",
    "visit.created",
    "visit.cancelled",
    "visit.checked_in",
    "visit.checked_out",
    "visit.erased",
    "retention.purged",
    "settings.retention",
    "site.added",
    "site.changed",
    "site.webhook_secret",
    "kiosk.pairing_code",
    "kiosk.paired",
    "kiosk.revoked",
    "conflict.resolved",
    "mail.held",
    "mail.retried",
    "host.added",
    "host.disabled",
    "document.published",
    "document.assigned",
    "document.downloaded",
)
PAGE_SIZE = 100


def record(
    conn: sa.Connection, tenant_id: str, at: float, actor: str, action: str, subject: str
) -> None:
    """Append one entry in the caller's transaction (the action's own unit of work).

    ``actor`` and ``subject`` are ids ('-' when there is none): the entry commits or rolls
    back with the action it records.
    """
    assert action in ACTIONS, action
    AuditLog(conn, tenant_id).add(at, actor or "-", action, subject or "-")


def entries(
    service: AtriumService, tenant_id: str, before: int | None = None
) -> list[dict[str, Any]]:
    """The newest entries (a page of ``PAGE_SIZE``), older ones with ``before``."""
    with service.store.read(tenant_id) as conn:
        return AuditLog(conn, tenant_id).latest(PAGE_SIZE, before)
