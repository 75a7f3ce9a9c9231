"""The single-use ledger: check-in events, idempotent by event id, one UNIQUE jti per pass."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk_app.core.passes import (
    LEEWAY_S,
    PassClaims,
    PassRejected,
    peek_claims,
    verify_pass,
)
from kiosk_app.core.verdicts import VerdictCode

if TYPE_CHECKING:
    from nacl.signing import VerifyKey

    from server_stub.service import AtriumService
    from server_stub.tokens import TokenClaims

REASON_EVENT_ID_REUSED = "event_id_reused"
REASON_SCANNED_IN_FUTURE = "scanned_in_future"


def _pass_ref(raw: str) -> tuple[str, str | None]:
    """What makes two events "the same pass": the jti, else a digest of the raw text."""
    claims = peek_claims(raw)
    if claims is not None:
        return "jti:" + claims.jti, claims.jti
    return "sha256:" + hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest(), None


def _stored_answer(row: sqlite3.Row, event_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = {"event_id": event_id, "status": row["status"]}
    if row["status"] == "rejected":
        answer["reason"] = row["reason"]
    elif row["status"] == "duplicate":
        answer["first_used_at"] = row["first_used_at"]
        answer["first_used_by"] = row["first_used_by"]
        answer["first_event_id"] = row["first_event_id"]
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

    def __init__(self, service: AtriumService, tenant_id: str) -> None:
        self._service, self._tenant_id, self._reloaded = service, tenant_id, False

    def get(self, reload: bool) -> dict[str, VerifyKey]:
        reload = reload and not self._reloaded
        self._reloaded = self._reloaded or reload
        return self._service.pass_keys.get(self._service.db, self._tenant_id, reload=reload)


def _check(
    service: AtriumService, device: TokenClaims, keys: _BatchKeys, event: dict[str, Any]
) -> _Checked:
    """Verify a pass as at scan time, except revocation (checked later, in the transaction)."""
    raw, scanned_at = event["pass"], float(event["scanned_at"])
    if scanned_at > service.clock() + LEEWAY_S:
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


def _revoked_at(conn: sqlite3.Connection, tenant_id: str, jti: str, scanned_at: float) -> bool:
    row = conn.execute(
        "SELECT 1 FROM revocations WHERE tenant_id = ? AND jti = ? AND revoked_at <= ?",
        (tenant_id, jti, scanned_at),
    ).fetchone()
    return row is not None


def _consume(
    conn: sqlite3.Connection,
    device: TokenClaims,
    kiosk_name: str,
    event: dict[str, Any],
    claims: PassClaims,
    now: float,
) -> dict[str, Any]:
    """Insert the use of a pass; the UNIQUE jti decides, the existing row explains duplicates."""
    jti = claims.jti
    inserted = conn.execute(
        "INSERT INTO used_passes (tenant_id, jti, visit_id, event_id, device_id, kiosk_name, "
        "used_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (jti) DO NOTHING",
        (
            device.tenant_id,
            jti,
            claims.visit_id,
            event["event_id"],
            device.subject,
            kiosk_name,
            float(event["scanned_at"]),
            now,
        ),
    ).rowcount
    if inserted == 1:
        return {"status": "accepted"}
    first = conn.execute(
        "SELECT used_at, kiosk_name, event_id FROM used_passes WHERE tenant_id = ? AND jti = ?",
        (device.tenant_id, jti),
    ).fetchone()
    return {
        "status": "duplicate",
        "first_used_at": first["used_at"],
        "first_used_by": first["kiosk_name"],
        "first_event_id": first["event_id"],
    }


def push(
    service: AtriumService, device: TokenClaims, events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Answer every event in order; signatures are checked first, then one write transaction."""
    keys = _BatchKeys(service, device.tenant_id)
    checked = [_check(service, device, keys, event) for event in events]
    results: list[dict[str, Any]] = []
    with service.db.write() as conn:
        now = service.clock()
        kiosk_name = conn.execute(
            "SELECT kiosk_name FROM devices WHERE tenant_id = ? AND device_id = ?",
            (device.tenant_id, device.subject),
        ).fetchone()["kiosk_name"]
        for item in checked:
            event_id = item.event["event_id"]
            stored = conn.execute(
                "SELECT device_id, pass_ref, status, reason, first_used_at, first_used_by, "
                "first_event_id FROM checkin_events WHERE tenant_id = ? AND event_id = ?",
                (device.tenant_id, event_id),
            ).fetchone()
            if stored is not None:
                same = stored["device_id"] == device.subject and stored["pass_ref"] == item.pass_ref
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
            scanned_at = float(item.event["scanned_at"])
            if item.claims is None:
                answer: dict[str, Any] = {"status": "rejected", "reason": item.reason}
            elif _revoked_at(conn, device.tenant_id, item.claims.jti, scanned_at):
                answer = {"status": "rejected", "reason": str(VerdictCode.REVOKED)}
            else:
                answer = _consume(conn, device, kiosk_name, item.event, item.claims, now)
            conn.execute(
                "INSERT INTO checkin_events (tenant_id, event_id, device_id, pass_ref, jti, "
                "status, reason, first_used_at, first_used_by, first_event_id, scanned_at, "
                "kiosk_verdict, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    device.tenant_id,
                    event_id,
                    device.subject,
                    item.pass_ref,
                    item.jti,
                    answer["status"],
                    answer.get("reason"),
                    answer.get("first_used_at"),
                    answer.get("first_used_by"),
                    answer.get("first_event_id"),
                    scanned_at,
                    item.event.get("verdict"),
                    now,
                ),
            )
            results.append({"event_id": event_id, **answer})
        conn.execute(
            "UPDATE devices SET last_seen_at = ? WHERE tenant_id = ? AND device_id = ?",
            (now, device.tenant_id, device.subject),
        )
    return results


def checkins(service: AtriumService, tenant_id: str) -> list[dict[str, Any]]:
    """The ledger: one row per consumed pass (its first, accepted use)."""
    with service.db.read() as conn:
        rows = conn.execute(
            "SELECT jti, visit_id, event_id, device_id, kiosk_name, used_at, received_at "
            "FROM used_passes WHERE tenant_id = ? ORDER BY used_at, rowid",
            (tenant_id,),
        ).fetchall()
    return [dict(r) for r in rows]


def duplicates(service: AtriumService, tenant_id: str) -> list[dict[str, Any]]:
    """Events that presented an already consumed pass, with its first use."""
    with service.db.read() as conn:
        rows = conn.execute(
            "SELECT e.event_id, e.jti, e.device_id, d.kiosk_name, e.scanned_at, "
            "e.first_used_at, e.first_used_by, e.first_event_id, e.received_at "
            "FROM checkin_events e LEFT JOIN devices d "
            "ON d.device_id = e.device_id AND d.tenant_id = e.tenant_id "
            "WHERE e.tenant_id = ? AND e.status = 'duplicate' ORDER BY e.received_at, e.rowid",
            (tenant_id,),
        ).fetchall()
    return [dict(r) for r in rows]
