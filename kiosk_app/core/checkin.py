"""CheckinService: the one place where a scanned text becomes a verdict and a queued check-in."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import nacl.signing

from kiosk_app.core import signed_records
from kiosk_app.core.answers import Policy
from kiosk_app.core.clock import Clock
from kiosk_app.core.documents import DocumentCache, PendingDocument
from kiosk_app.core.listeners import Listeners
from kiosk_app.core.passes import PassClaims, PassRejected, key_from_text, verify_pass
from kiosk_app.core.signed_records import Signature
from kiosk_app.core.store import Store, StoreError
from kiosk_app.core.verdicts import Verdict, VerdictCode

CLOCK_BACK_SLACK_S = 300.0  # NTP nudges are fine; a clock set back further is not trusted


def trust_is_stale(store: Store, local_now: float | None = None) -> bool:
    """True when the last successful pull (or pairing) is older than the policy allows.

    Also True when it lies more than CLOCK_BACK_SLACK_S in the future: the local clock was set
    back since, so the stored offset no longer corrects it and an expired pass could pass.
    """
    refreshed = store.get("trust_refreshed_at")
    if isinstance(refreshed, bool) or not isinstance(refreshed, int | float):
        return True
    max_age = Policy.from_setting(store.get("policy")).trust_max_age_s
    now = time.time() if local_now is None else local_now
    return not -CLOCK_BACK_SLACK_S <= now - float(refreshed) <= max_age


def pinned_keys(conn: sqlite3.Connection) -> dict[str, nacl.signing.VerifyKey]:
    """The pass-verification keys in the store (an unreadable one is skipped)."""
    keys = {}
    for kid, text in conn.execute("SELECT kid, public_key FROM keys"):
        try:
            keys[kid] = key_from_text(text)
        except ValueError:
            continue
    return keys


def readiness(store: Store, clock: Clock, text: object) -> tuple[Verdict | None, dict[str, Any]]:
    """The verdict that refuses any code before its own checks (kiosk not paired, trust data
    stale, not text), or None and the kiosk's identity when a code can be judged."""
    identity = store.get("identity")
    if not isinstance(identity, dict):
        return Verdict(VerdictCode.KIOSK_NOT_PAIRED), {}
    if trust_is_stale(store, clock.local_time()):
        return Verdict(VerdictCode.TRUST_DATA_STALE), {}
    if not isinstance(text, str | bytes | bytearray):
        return Verdict(VerdictCode.NOT_A_PASS), {}
    return None, identity


class CheckinService(Listeners[Verdict]):
    """``verify`` judges a pass without side effects; ``check_in`` also records it atomically.

    ``language`` is the visitor's (the UI's current) language, for the documents to sign.
    """

    _what = "check-in"

    def __init__(self, store: Store, clock: Clock, *, language: str = "en"):
        self.store = store
        self.clock = clock
        self.language = language
        self.documents = DocumentCache(store)
        self._init_listeners()
        self._lock = threading.Lock()

    # -- judging -----------------------------------------------------------------------------

    def _keys(self, conn: sqlite3.Connection) -> dict[str, nacl.signing.VerifyKey]:
        return pinned_keys(conn)

    def _judge(self, text: object, conn: sqlite3.Connection) -> tuple[Verdict, PassClaims | None]:
        refusal, identity = readiness(self.store, self.clock, text)
        if refusal is not None:
            return refusal, None

        def seen(table: str) -> Callable[[str], bool]:
            sql = f"SELECT 1 FROM {table} WHERE jti = ?"  # noqa: S608 (fixed table names)
            return lambda jti: conn.execute(sql, (jti,)).fetchone() is not None

        try:
            claims = verify_pass(
                text,
                keys=self._keys(conn),
                tenant=str(identity["tenant_id"]),
                site=str(identity["site_id"]),
                now=self.clock.now(),
                is_revoked=seen("revocations"),
                is_used=seen("used_passes"),
            )
        except PassRejected as rejected:
            return self._verdict(rejected.code, rejected.claims, conn), rejected.claims
        except (ValueError, TypeError, RecursionError, UnicodeError):
            return Verdict(VerdictCode.MALFORMED), None
        return self._verdict(VerdictCode.ACCEPTED, claims, conn), claims

    def _verdict(
        self, code: VerdictCode, claims: PassClaims | None, conn: sqlite3.Connection
    ) -> Verdict:
        if claims is None:
            return Verdict(code)
        names = conn.execute(
            "SELECT display_name, host_name FROM expected_visits WHERE visit_id = ?",
            (claims.visit_id,),
        ).fetchone()
        used_at = None
        if code == VerdictCode.ALREADY_USED:
            row = conn.execute(
                "SELECT used_at FROM used_passes WHERE jti = ?", (claims.jti,)
            ).fetchone()
            used_at = float(row[0]) if row and isinstance(row[0], int | float) else None
        return Verdict(
            code,
            jti=claims.jti,
            visit_id=claims.visit_id,
            not_before=float(claims.nbf),
            expires=float(claims.exp),
            display_name=names[0] if names and code == VerdictCode.ACCEPTED else None,
            host_name=names[1] if names and code == VerdictCode.ACCEPTED else None,
            used_at=used_at,
        )

    def verify(self, text: str | bytes, *, language: str | None = None) -> Verdict:
        """The verdict this pass would get now; records nothing.

        An accepted verdict carries ``pending_documents``: what the visitor must sign first.
        """
        try:
            conn = self.store.conn
            verdict = self._judge(text, conn)[0]
            if not verdict.accepted:
                return verdict
            pending = self.documents.pending_for(
                verdict.visit_id, language or self.language, conn=conn
            )
            return replace(verdict, pending_documents=tuple(pending))
        except sqlite3.Error as exc:
            raise StoreError(
                f"Cannot read the kiosk database in {self.store.data_dir}: {exc}."
            ) from None

    # -- recording ---------------------------------------------------------------------------

    def check_in(
        self,
        text: str | bytes,
        signatures: Sequence[Signature] = (),
        *,
        language: str | None = None,
    ) -> Verdict:
        """Judge and record: used pass + queue + signed records + audit in one transaction.

        When the site requires documents the visit has not signed, every one of them needs a
        signature of its current version, else the verdict is ``documents_pending`` and
        nothing is recorded (the pass stays unused). Signatures of documents that are not
        pending are not recorded. Raises StoreError (no verdict) when the record cannot be
        written, SignatureError for a signature that is not one.
        """
        for signature in signatures:
            signature.check()
        local = self.clock.local_time()
        try:
            with self._lock, self.store.transaction() as tx:
                verdict, claims = self._judge(text, tx)
                event_id = None
                to_record: list[Signature] = []
                if verdict.accepted and claims is not None:
                    pending = self.documents.pending_for(
                        claims.visit_id, language or self.language, conn=tx
                    )
                    to_record, missing = match_signatures(pending, signatures)
                    if missing:
                        verdict = replace(
                            verdict,
                            code=VerdictCode.DOCUMENTS_PENDING,
                            display_name=None,
                            host_name=None,
                            pending_documents=tuple(missing),
                        )
                if verdict.accepted and claims is not None:
                    event_id = str(uuid.uuid4())
                    try:
                        tx.execute(
                            "INSERT INTO used_passes (jti, visit_id, exp, used_at, event_id) "
                            "VALUES (?, ?, ?, ?, ?)",
                            (claims.jti, claims.visit_id, claims.exp, local, event_id),
                        )
                    except sqlite3.IntegrityError:
                        verdict = self._verdict(VerdictCode.ALREADY_USED, claims, tx)
                        event_id = None
                if event_id is not None and claims is not None:
                    raw = text.decode("utf-8") if isinstance(text, bytes | bytearray) else text
                    tx.execute(
                        "INSERT INTO queue (event_id, pass, jti, visit_id, scanned_at, "
                        "scanned_at_local, verdict) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            event_id,
                            str(raw).strip(),
                            claims.jti,
                            claims.visit_id,
                            local + self.clock.offset,
                            local,
                            str(verdict.code),
                        ),
                    )
                    signed_records.insert(tx, event_id, claims.visit_id, to_record)
                self.store.audit(
                    tx,
                    str(verdict.code),
                    jti=verdict.jti,
                    visit_id=verdict.visit_id,
                    event_id=event_id,
                )
        except sqlite3.Error as exc:
            raise StoreError(
                f"The check-in could not be recorded in {self.store.data_dir} ({exc}); "
                "nothing was saved. Please see reception."
            ) from None
        if verdict.accepted:
            self._tell(verdict)
        return verdict


def match_signatures(
    pending: Sequence[PendingDocument], signatures: Sequence[Signature]
) -> tuple[list[Signature], list[PendingDocument]]:
    """(the signatures of pending documents' current versions, the pending ones unsigned)."""
    by_document = {(s.document.document_id, s.document.version): s for s in signatures}
    chosen, missing = [], []
    for document in pending:
        signature = by_document.get((document.document_id, document.version))
        if signature is None:
            missing.append(document)
        else:
            chosen.append(signature)
    return chosen, missing
