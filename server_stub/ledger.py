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
from server_stub import arrivals, push_reasons
from server_stub.arrivals import ENTRY
from server_stub.errors import ServiceError
from server_stub.keys import PassKeyCache
from server_stub.mail import outbox as mail_outbox
from server_stub.rules import POLICY
from server_stub.store import Store
from server_stub.store.devices import Devices
from server_stub.store.ledger import Ledger
from server_stub.tokens import TokenClaims

REASON_EVENT_ID_REUSED = push_reasons.EVENT_ID_REUSED
REASON_SCANNED_IN_FUTURE = push_reasons.SCANNED_IN_FUTURE
REASON_BACKDATED = push_reasons.BACKDATED
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
    if row.reason is not None:
        answer["reason"] = row.reason
    if row.status == "duplicate":
        answer["first_used_at"] = row.first_used_at
        answer["first_used_by"] = row.first_used_by
        answer["first_event_id"] = row.first_event_id
    if row.visit_id is not None:
        answer["visit_id"] = row.visit_id
    if row.host_notified is not None:
        answer["host_notified"] = bool(row.host_notified)
    return answer


@dataclass
class _Checked:
    """One event after the checks that need no lock: its pass identity and verdict so far."""

    event: dict[str, Any]
    pass_ref: str
    jti: str | None
    claims: PassClaims | None
    reason: str | None
    kind: str = "entry"


class _BatchKeys:
    """The tenant's verify keys for one push: an unknown kid reloads them at most once."""

    def __init__(self, cache: PassKeyCache, tenant_id: str) -> None:
        self._cache, self._tenant_id, self._reloaded = cache, tenant_id, False

    def get(self, reload: bool) -> dict[str, VerifyKey]:
        reload = reload and not self._reloaded
        self._reloaded = self._reloaded or reload
        return self._cache.get(self._tenant_id, reload=reload)


def _verify(
    device: TokenClaims, keys: _BatchKeys, raw: str, scanned_at: float, exit_: bool
) -> PassClaims:
    """The pass as at scan time; an exit also takes an expired pass (a visitor leaves late).

    Expiry is the last check before revocation and use, so an ``expired`` refusal carries
    claims that passed every other check."""
    for reload in (False, True):
        try:
            return verify_pass(
                raw, keys=keys.get(reload), tenant=device.tenant_id, site=str(device.site_id),
                now=scanned_at,
            )
        except PassRejected as exc:
            if exit_ and exc.code == VerdictCode.EXPIRED and exc.claims is not None:
                return exc.claims
            if exc.code != VerdictCode.UNKNOWN_KEY or reload:
                raise
    raise AssertionError("unreachable")


def _check(now: float, device: TokenClaims, keys: _BatchKeys, event: dict[str, Any]) -> _Checked:
    """Verify a pass as at scan time, except revocation (checked later, in the transaction).

    Exits and walk-ins get references of their own (``arrivals.event_ref``), so one event id
    never stands for two kinds; those without a pass are judged in the transaction."""
    kind = event.get("kind") or ENTRY
    raw, scanned_at = event.get("pass"), float(event["scanned_at"])
    pass_ref, jti = _pass_ref(raw) if raw is not None else ("", None)
    if kind != ENTRY:
        pass_ref = arrivals.event_ref(event, pass_ref)
    if scanned_at > now + LEEWAY_S:
        return _Checked(event, pass_ref, jti, None, REASON_SCANNED_IN_FUTURE, kind)
    if raw is None:
        return _Checked(event, pass_ref, None, None, None, kind)
    try:
        claims = _verify(device, keys, raw, scanned_at, exit_=kind == arrivals.EXIT)
    except PassRejected as exc:
        return _Checked(event, pass_ref, jti, None, str(exc.code), kind)
    return _Checked(event, pass_ref, claims.jti, claims, None, kind)


def earliest_scan(received_at: float, paired_at: float) -> float:
    """The earliest believable ``scanned_at``: an honest kiosk refuses passes once its trust
    data is older than ``trust_max_age_s``, and it cannot scan before it was paired."""
    return max(received_at - POLICY["trust_max_age_s"], paired_at) - LEEWAY_S


def _duplicate(used_at: float, kiosk_name: str, event_id: str) -> dict[str, Any]:
    return {
        "status": "duplicate",
        "first_used_at": used_at,
        "first_used_by": kiosk_name,
        "first_event_id": event_id,
    }


def _audit_backdated(device: TokenClaims, event_id: str, late_s: float) -> None:
    audit.warning(
        "check-in rejected as backdated: tenant %s device %s event %s scanned %.0f s "
        "before the earliest believable time",
        device.tenant_id,
        device.subject,
        event_id,
        late_s,
    )


class _Batch:
    """The answers of one push, decided in event order with a few statements per batch."""

    def __init__(
        self,
        ledger: Ledger,
        device: TokenClaims,
        kiosk: dict[str, Any],
        now: float,
        checked: list[_Checked],
    ) -> None:
        self.ledger, self.device, self.kiosk, self.now = ledger, device, kiosk, now
        self.checked = checked
        self.earliest = earliest_scan(now, float(kiosk["created_at"]))
        self.answers: list[dict[str, Any] | None] = []
        self.first_of_event: dict[str, int] = {}  # event id → its first index in this batch
        self.first_of_jti: dict[str, int] = {}  # jti → the index that tries to consume it
        self.later_uses: list[tuple[int, str]] = []  # (index, jti) of in-batch duplicates
        self.copies: list[tuple[int, int]] = []  # (index, index it repeats)
        self.others: list[int] = []  # exits and walk-ins, decided after the entries

    def decide(self) -> list[dict[str, Any]]:
        checked = self.checked
        ids = [item.event["event_id"] for item in checked]
        stored = self.ledger.stored_answers(ids)
        revoked = self.ledger.revoked_at({i.claims.jti for i in checked if i.claims})
        for index, item in enumerate(checked):
            self.answers.append(self._first_pass(index, item, stored, revoked))
        self._consume()
        self._others()
        for index, original in self.copies:
            self.answers[index] = dict(self.answers[original] or {})
        self.ledger.record_events(
            [
                _event_row(checked[i], self.device.subject, self.answers[i] or {}, self.now)
                for i in self.first_of_event.values()
            ]
        )
        return [
            {"event_id": ids[i], **_wire(answer or {}, checked[i].kind)}
            for i, answer in enumerate(self.answers)
        ]

    def _first_pass(
        self, index: int, item: _Checked, stored: dict[str, Any], revoked: dict[str, float]
    ) -> dict[str, Any] | None:
        event_id, scanned_at = item.event["event_id"], float(item.event["scanned_at"])
        if event_id in stored:
            row = stored[event_id]
            if row.device_id == self.device.subject and row.pass_ref == item.pass_ref:
                return _stored_answer(row, event_id)
            return {"status": "rejected", "reason": REASON_EVENT_ID_REUSED}
        if event_id in self.first_of_event:
            original = self.first_of_event[event_id]
            if self.checked[original].pass_ref == item.pass_ref:
                self.copies.append((index, original))
                return None
            return {"status": "rejected", "reason": REASON_EVENT_ID_REUSED}
        self.first_of_event[event_id] = index
        if scanned_at < self.earliest:
            _audit_backdated(self.device, event_id, self.earliest - scanned_at)
            return {"status": "rejected", "reason": REASON_BACKDATED}
        if item.reason is not None:
            return {"status": "rejected", "reason": item.reason}
        claims = item.claims
        if claims is not None and revoked.get(claims.jti, float("inf")) <= scanned_at:
            return {"status": "rejected", "reason": str(VerdictCode.REVOKED)}
        if item.kind != ENTRY:
            self.others.append(index)
            return None
        assert claims is not None
        jti = claims.jti
        if jti in self.first_of_jti:
            self.later_uses.append((index, jti))
        else:
            self.first_of_jti[jti] = index
        return None

    def _others(self) -> None:
        """Exits and walk-ins in event order, after this batch's entries went in: an exit
        counts a check-in of this batch only when it came before it."""
        if not self.others:
            return
        context = arrivals.PushContext(
            conn=self.ledger.conn,
            tenant_id=self.device.tenant_id,
            device_id=self.device.subject,
            site_id=str(self.device.site_id),
            kiosk_name=self.kiosk["kiosk_name"],
            now=self.now,
            position=self.first_of_event,
        )
        for index in self.others:
            item = self.checked[index]
            self.answers[index] = arrivals.decide(
                context, index, item.kind, item.event, item.claims
            )

    def _consume(self) -> None:
        uses = []
        for jti, index in self.first_of_jti.items():
            item = self.checked[index]
            assert item.claims is not None
            uses.append(
                {
                    "jti": jti,
                    "visit_id": item.claims.visit_id,
                    "event_id": item.event["event_id"],
                    "device_id": self.device.subject,
                    "kiosk_name": self.kiosk["kiosk_name"],
                    "used_at": float(item.event["scanned_at"]),
                    "received_at": self.now,
                }
            )
        found = self.ledger.consume(uses)
        # ours: the row names this event of this device (the device row is locked, and an
        # event id this device used before was answered from its stored answer above)
        inserted = {
            u["jti"]
            for u in uses
            if (found[u["jti"]].event_id, found[u["jti"]].device_id)
            == (u["event_id"], u["device_id"])
        }
        for use in uses:  # the host's arrival notice, in this same transaction
            if use["jti"] in inserted:
                mail_outbox.on_checkin_accepted(
                    self.ledger.conn, self.device.tenant_id, use["visit_id"], use["event_id"],
                    self.now,
                )
        for use in uses:
            first = found[use["jti"]]
            self.answers[self.first_of_jti[use["jti"]]] = (
                {"status": "accepted"}
                if use["jti"] in inserted
                else _duplicate(first.used_at, first.kiosk_name, first.event_id)
            )
        for index, jti in self.later_uses:
            first = found.get(jti)
            if first is None:  # never consumable (cannot happen: later uses follow a first)
                raise AssertionError("a later use without a first use")
            self.answers[index] = _duplicate(first.used_at, first.kiosk_name, first.event_id)


def _wire(answer: dict[str, Any], kind: str) -> dict[str, Any]:
    """The answer as sent: a visit id goes out with walk-ins only (exits keep it stored)."""
    hidden = {"event_id"} if kind == arrivals.WALK_IN else {"event_id", "visit_id"}
    return {k: v for k, v in answer.items() if k not in hidden}


def _event_row(
    item: _Checked, device_id: str, answer: dict[str, Any], now: float
) -> dict[str, Any]:
    return {
        "event_id": item.event["event_id"],
        "device_id": device_id,
        "pass_ref": item.pass_ref,
        "jti": item.jti,
        "status": answer["status"],
        "reason": answer.get("reason"),
        "first_used_at": answer.get("first_used_at"),
        "first_used_by": answer.get("first_used_by"),
        "first_event_id": answer.get("first_event_id"),
        "scanned_at": float(item.event["scanned_at"]),
        "kiosk_verdict": item.event.get("verdict"),
        "received_at": now,
        "kind": item.kind,
        "visit_id": answer.get("visit_id"),
        "host_notified": answer.get("host_notified"),
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
    tenant_id = device.tenant_id
    with store.begin(tenant_id) as conn:
        now = clock()
        devices = Devices(conn, tenant_id)
        kiosk = devices.lock_seen(device.subject, now)
        if kiosk is None:  # unpaired between the token check and now
            raise ServiceError("unauthorized", "unknown device", 401)
        results = _Batch(Ledger(conn, tenant_id), device, kiosk, now, checked).decide()
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
        rows = Ledger(conn, tenant_id).events_with_status("duplicate", kind=ENTRY)
    return [{k: r[k] for k in _DUPLICATE_FIELDS} for r in rows]


def rejections(store: Store, tenant_id: str, reason: str | None = None) -> list[dict[str, Any]]:
    """Rejected events (e.g. ``backdated``), newest last: the audit trail of refusals."""
    with store.read(tenant_id) as conn:
        rows = Ledger(conn, tenant_id).events_with_status("rejected", reason)
    return [{k: r[k] for k in _REJECTION_FIELDS} for r in rows]
