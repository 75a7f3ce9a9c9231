"""The audit log: sign-ins, configuration changes, visitor lifecycle, kiosk pairing.

Entries reference people and things by id only (user, visit, device, site ids), never by a
name or an e-mail address, so erasing a visitor's personal data leaves the log intact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk_app.core.passes import peek_claims
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


def record(service: AtriumService, tenant_id: str, actor: str, action: str, subject: str) -> None:
    """Append one entry (``actor`` and ``subject`` are ids; '-' when there is none)."""
    assert action in ACTIONS, action
    with service.store.begin(tenant_id) as conn:
        AuditLog(conn, tenant_id).add(service.clock(), actor or "-", action, subject or "-")


def entries(
    service: AtriumService, tenant_id: str, before: int | None = None
) -> list[dict[str, Any]]:
    """The newest entries (a page of ``PAGE_SIZE``), older ones with ``before``."""
    with service.store.read(tenant_id) as conn:
        return AuditLog(conn, tenant_id).latest(PAGE_SIZE, before)


def checked_in(
    service: AtriumService,
    device: Any,
    events: list[dict[str, Any]],
    results: list[dict[str, Any]],
) -> None:
    """One entry per accepted check-in of a push (the kiosk is the actor, the visit the subject)."""
    now = service.clock()
    accepted = []
    for event, result in zip(events, results, strict=True):
        entry = event.get("kind", "entry") == "entry"  # exits and walk-ins: logged in the push
        ok = entry and result.get("status") == "accepted"
        claims = peek_claims(event["pass"]) if ok else None
        if claims is not None:
            accepted.append(claims.visit_id)
    if not accepted:
        return
    with service.store.begin(device.tenant_id) as conn:
        log = AuditLog(conn, device.tenant_id)
        for visit_id in accepted:
            log.add(now, device.subject, "visit.checked_in", visit_id)
