"""The single-use ledger: check-in events, idempotent by event id, one (tenant, jti) per pass."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nacl.signing import VerifyKey

from kiosk_app.core.passes import (
    LEEWAY_S,
    PassClaims,
    PassRejected,
    peek_claims,
    verify_pass,
)
from kiosk_app.core.verdicts import VerdictCode
from server_stub.keys import PassKeyCache
from server_stub.rules import POLICY
from server_stub.store import Store
from server_stub.store.devices import Devices
from server_stub.store.ledger import Ledger
from server_stub.store.visits import Revocations
from server_stub.tokens import TokenClaims

REASON_EVENT_ID_REUSED = "event_id_reused"
REASON_SCANNED_IN_FUTURE = "scanned_in_future"
REASON_BACKDATED = "backdated"
audit = logging.getLogger("atrium.audit")

Clock = Callable[[], float]


def _pass_ref(raw: str) -> tuple[str, str | None]:
    """What makes two events "the same pass": the jti, else a digest of the raw text."""
    claims = peek_claims(raw)
    if claims is not None:
        return "jti:" + claims.jti, claims.jti
    return "sha256:" + hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest(), None


def _stored_answer(row: Any, event_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = {"event_id": event_id, "status": row.status}
    if row.status == "rejected":
        answer["reason"] = row.reason
    elif row.status == "duplicate":
        answer["first_used_at"] = row.first_used_at
        answer["first_used_by"] = row.first_used_by
        answer["first_event_id"] = row.first_event_id
    return answer


@dataclass
class _Checked:
    """One event after the checks that need no lock: its pass identity and verdict so far."""

    event: dict[str, Any]
    pass_ref: str
    jti: str | None
    claims: PassClaims | None
    reason: str | None


class _BatchKeys:
    """The tenant's verify keys for one push: an unknown kid reloads them at most once."""

    def __init__(self, cache: PassKeyCache, tenant_id: str) -> None:
        self._cache, self._tenant_id, self._reloaded = cache, tenant_id, False

    def get(self, reload: bool) -> dict[str, VerifyKey]:
        reload = reload and not self._reloaded
        self._reloaded = self._reloaded or reload
        return self._cache.get(self._tenant_id, reload=reload)


def _check(now: float, device: TokenClaims, keys: _BatchKeys, event: dict[str, Any]) -> _Checked:
    """Verify a pass as at scan time, except revocation (checked later, in the transaction)."""
    raw, scanned_at = event["pass"], float(event["scanned_at"])
    if scanned_at > now + LEEWAY_S:
        return _Checked(event, *_pass_ref(raw), None, REASON_SCANNED_IN_FUTURE)
    for reload in (False, True):
        try:
            claims = verify_pass(
                raw,
                keys=keys.get(reload),
                tenant=device.tenant_id,
                site=str(device.site_id),
                now=scanned_at,
            )
            return _Checked(event, "jti:" + claims.jti, claims.jti, claims, None)
        except PassRejected as exc:
            if exc.code != VerdictCode.UNKNOWN_KEY or reload:
                return _Checked(event, *_pass_ref(raw), None, str(exc.code))
    raise AssertionError("unreachable")


def earliest_scan(received_at: float, paired_at: float) -> float:
    """The earliest believable ``scanned_at``: an honest kiosk refuses passes once its trust
    data is older than ``trust_max_age_s``, and it cannot scan before it was paired."""
    return max(received_at - POLICY["trust_max_age_s"], paired_at) - LEEWAY_S


def _judge(
    ledger: Ledger,
    revocations: Revocations,
    device: TokenClaims,
    kiosk_name: str,
    item: _Checked,
    now: float,
    earliest: float,
) -> dict[str, Any]:
    scanned_at = float(item.event["scanned_at"])
    if scanned_at < earliest:
        audit.warning(
            "check-in rejected as backdated: tenant %s device %s event %s scanned %.0f s "
            "before the earliest believable time",
            device.tenant_id,
            device.subject,
            item.event["event_id"],
            earliest - scanned_at,
        )
        return {"status": "rejected", "reason": REASON_BACKDATED}
    if item.claims is None:
        return {"status": "rejected", "reason": item.reason}
    if revocations.revoked_by(item.claims.jti, scanned_at):
        return {"status": "rejected", "reason": str(VerdictCode.REVOKED)}
    if ledger.consume(
        jti=item.claims.jti,
        visit_id=item.claims.visit_id,
        event_id=item.event["event_id"],
        device_id=device.subject,
        kiosk_name=kiosk_name,
        used_at=scanned_at,
        received_at=now,
    ):
        return {"status": "accepted"}
    first = ledger.first_use(item.claims.jti)
    return {
        "status": "duplicate",
        "first_used_at": first.used_at,
        "first_used_by": first.kiosk_name,
        "first_event_id": first.event_id,
    }


def push(
    store: Store,
    pass_keys: PassKeyCache,
    clock: Clock,
    device: TokenClaims,
    events: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Answer every event in order; signatures are checked first, then one write transaction."""
    keys = _BatchKeys(pass_keys, device.tenant_id)
    checked = [_check(clock(), device, keys, event) for event in events]
    results: list[dict[str, Any]] = []
    tenant_id = device.tenant_id
    with store.begin(tenant_id) as conn:
        now = clock()
        ledger, revocations = Ledger(conn, tenant_id), Revocations(conn, tenant_id)
        devices = Devices(conn, tenant_id)
        kiosk = devices.get(device.subject)
        assert kiosk is not None  # authenticated just before
        earliest = earliest_scan(now, float(kiosk["created_at"]))
        for item in checked:
            event_id = item.event["event_id"]
            stored = ledger.stored_answer(event_id)
            if stored is not None:
                same = stored.device_id == device.subject and stored.pass_ref == item.pass_ref
                results.append(
                    _stored_answer(stored, event_id)
                    if same
                    else {
                        "event_id": event_id,
                        "status": "rejected",
                        "reason": REASON_EVENT_ID_REUSED,
                    }
                )
                continue
            answer = _judge(ledger, revocations, device, kiosk["kiosk_name"], item, now, earliest)
            ledger.record_event(
                event_id=event_id,
                device_id=device.subject,
                pass_ref=item.pass_ref,
                jti=item.jti,
                status=answer["status"],
                reason=answer.get("reason"),
                first_used_at=answer.get("first_used_at"),
                first_used_by=answer.get("first_used_by"),
                first_event_id=answer.get("first_event_id"),
                scanned_at=float(item.event["scanned_at"]),
                kiosk_verdict=item.event.get("verdict"),
                received_at=now,
            )
            results.append({"event_id": event_id, **answer})
        devices.seen(device.subject, now)
    return results


def checkins(store: Store, tenant_id: str) -> list[dict[str, Any]]:
    """The ledger: one row per consumed pass (its first, accepted use)."""
    with store.read(tenant_id) as conn:
        return Ledger(conn, tenant_id).checkins()


_DUPLICATE_FIELDS = (
    "event_id",
    "jti",
    "device_id",
    "kiosk_name",
    "scanned_at",
    "first_used_at",
    "first_used_by",
    "first_event_id",
    "received_at",
)
_REJECTION_FIELDS = (
    "event_id",
    "jti",
    "device_id",
    "kiosk_name",
    "scanned_at",
    "reason",
    "received_at",
)


def duplicates(store: Store, tenant_id: str) -> list[dict[str, Any]]:
    """Events that presented an already consumed pass, with its first use."""
    with store.read(tenant_id) as conn:
        rows = Ledger(conn, tenant_id).events_with_status("duplicate")
    return [{k: r[k] for k in _DUPLICATE_FIELDS} for r in rows]


def rejections(store: Store, tenant_id: str, reason: str | None = None) -> list[dict[str, Any]]:
    """Rejected events (e.g. ``backdated``), newest last: the audit trail of refusals."""
    with store.read(tenant_id) as conn:
        rows = Ledger(conn, tenant_id).events_with_status("rejected", reason)
    return [{k: r[k] for k in _REJECTION_FIELDS} for r in rows]
