"""The push kinds besides the entry: check-outs (``exit``) and walk-ins, decided inside the
push's transaction after the batch's entries (docs/visit-flows.md)."""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa

from kiosk_app.core.passes import PassClaims
from server_stub import push_reasons, walk_ins
from server_stub.store.arrivals import Arrivals
from server_stub.store.audit import AuditLog

ENTRY, EXIT, WALK_IN = "entry", "exit", "walk_in"
KINDS = (ENTRY, EXIT, WALK_IN)


def event_ref(event: dict[str, Any], pass_ref: str) -> str:
    """What makes two exit or walk-in events "the same event": the kind and what it names.

    A walk-in's reference is its host, never the visitor's name (no personal data, not even
    hashed, in the ledger's answers)."""
    kind = event.get("kind")
    if kind == WALK_IN:
        return f"walk_in:host:{event.get('host_id') or ''}"
    if event.get("pass") is not None:
        return "exit:" + pass_ref
    if event.get("walk_in_event_id") is not None:
        return f"exit:walk_in:{event['walk_in_event_id']}"
    return f"exit:visit:{event.get('visit_id') or ''}"


@dataclasses.dataclass
class PushContext:
    """One push's transaction and kiosk; ``position`` maps this batch's new event ids to
    their index (to tell whether a check-in came before an exit)."""

    conn: sa.Connection
    tenant_id: str
    device_id: str
    site_id: str
    kiosk_name: str
    now: float
    position: dict[str, int]
    walk_ins_enabled: bool | None = None

    @property
    def repo(self) -> Arrivals:
        return Arrivals(self.conn, self.tenant_id)

    def audit(self, action: str, visit_id: str) -> None:
        AuditLog(self.conn, self.tenant_id).add(self.now, self.device_id, action, visit_id)


def rejected(reason: str) -> dict[str, Any]:
    return {"status": "rejected", "reason": reason}


def decide(
    context: PushContext,
    index: int,
    kind: str,
    event: dict[str, Any],
    claims: PassClaims | None,
) -> dict[str, Any]:
    """The answer to one exit or walk-in event (its pass, if any, already verified)."""
    if kind == WALK_IN:
        return walk_ins.register(context, event)
    return check_out(context, index, event, claims)


def _named_visit(context: PushContext, event: dict[str, Any], claims: PassClaims | None) -> Any:
    repo = context.repo
    if claims is not None:
        return repo.visit_by_jti(claims.jti)
    if event.get("walk_in_event_id") is not None:
        return repo.walk_in_at_site(context.site_id, str(event["walk_in_event_id"]))
    return repo.visit_at_site(context.site_id, str(event.get("visit_id") or ""))


def check_out(
    context: PushContext, index: int, event: dict[str, Any], claims: PassClaims | None
) -> dict[str, Any]:
    """Mark the visit checked out, once: a second exit (any kiosk) gets the first's time."""
    visit = _named_visit(context, event, claims)
    if visit is None:
        return rejected(push_reasons.UNKNOWN_VISIT)
    repo = context.repo
    use = repo.first_use(visit.jti)
    later_in_batch = (
        use is not None
        and use.device_id == context.device_id
        and context.position.get(use.event_id, -1) > index
    )
    if use is None or later_in_batch:
        return rejected(push_reasons.NOT_CHECKED_IN)
    at = float(event["scanned_at"])
    if repo.check_out(visit.visit_id, at, context.device_id, context.kiosk_name,
                      event["event_id"]):
        context.audit("visit.checked_out", visit.visit_id)
        return {"status": "accepted", "visit_id": visit.visit_id}
    first = repo.checkout(visit.visit_id)
    return {
        "status": "duplicate",
        "reason": push_reasons.ALREADY_CHECKED_OUT,
        "first_used_at": first.checked_out_at,
        "first_used_by": first.kiosk_name,  # None: checked out by hand at reception
        "first_event_id": first.event_id,
        "visit_id": visit.visit_id,
    }
