"""CheckoutService: the one place where a visitor leaving becomes a verdict and a queued exit.

The kiosk judges from what it knows: its own check-ins (used_passes), the pull's
``checked_in_at``/``checked_out_at`` of expected visits, its own check-outs, and today's
walk-ins (the pull's list plus its own the server has not confirmed yet).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from kiosk_app.core.checkin import pinned_keys, readiness
from kiosk_app.core.clock import Clock
from kiosk_app.core.listeners import Listeners
from kiosk_app.core.passes import PassClaims, PassRejected, verify_pass
from kiosk_app.core.store import Store, StoreError
from kiosk_app.core.verdicts import Verdict, VerdictCode
from kiosk_app.core.walk_ins import first_name, own_walk_ins


@dataclass(frozen=True)
class WalkInEntry:
    """One line of the walk-ins' check-out list."""

    event_id: str
    visit_id: str | None
    short_name: str

    def to_dict(self) -> dict[str, object]:
        return {"event_id": self.event_id, "visit_id": self.visit_id, "short_name": self.short_name}


class CheckoutService(Listeners[Verdict]):
    """``check_out`` (a pass) and ``check_out_walk_in`` record an exit in one transaction."""

    _what = "check-out"

    def __init__(self, store: Store, clock: Clock):
        self.store = store
        self.clock = clock
        self._lock = threading.Lock()
        self._init_listeners()

    # -- judging -----------------------------------------------------------------------------

    def _claims(self, text: object, conn: sqlite3.Connection) -> tuple[Verdict, PassClaims | None]:
        """The pass checks of an entry, except that an expired pass may still leave."""
        refusal, identity = readiness(self.store, self.clock, text)
        if refusal is not None:
            return refusal, None
        keys = pinned_keys(conn)

        def revoked(jti: str) -> bool:
            return (
                conn.execute("SELECT 1 FROM revocations WHERE jti = ?", (jti,)).fetchone()
                is not None
            )

        check = {
            "keys": keys,
            "tenant": str(identity["tenant_id"]),
            "site": str(identity["site_id"]),
        }
        try:
            try:
                return Verdict(VerdictCode.CHECKED_OUT), verify_pass(
                    text, now=self.clock.now(), is_revoked=revoked, **check
                )
            except PassRejected as rejected:
                if rejected.code != VerdictCode.EXPIRED or rejected.claims is None:
                    raise
                late = float(rejected.claims.exp) - 1.0  # everything but the time held
                return Verdict(VerdictCode.CHECKED_OUT), verify_pass(
                    text, now=late, is_revoked=revoked, **check
                )
        except PassRejected as rejected:
            claims = rejected.claims
            if claims is None:
                return Verdict(rejected.code), None
            return Verdict(rejected.code, jti=claims.jti, visit_id=claims.visit_id), None
        except (ValueError, TypeError, RecursionError, UnicodeError):
            return Verdict(VerdictCode.MALFORMED), None

    def _judge(self, text: object, conn: sqlite3.Connection) -> tuple[Verdict, PassClaims | None]:
        verdict, claims = self._claims(text, conn)
        if claims is None:
            return verdict, None
        visit = conn.execute(
            "SELECT display_name, checked_in_at, checked_out_at FROM expected_visits "
            "WHERE visit_id = ?",
            (claims.visit_id,),
        ).fetchone()
        own_out = conn.execute(
            "SELECT checked_out_at FROM checkouts WHERE jti = ? OR visit_id = ?",
            (claims.jti, claims.visit_id),
        ).fetchone()
        ids = {"jti": claims.jti, "visit_id": claims.visit_id}
        if own_out is not None or (visit is not None and visit["checked_out_at"] is not None):
            when = own_out[0] if own_out is not None else visit["checked_out_at"]
            return Verdict(VerdictCode.ALREADY_CHECKED_OUT, used_at=when, **ids), claims
        checked_in = conn.execute(
            "SELECT 1 FROM used_passes WHERE jti = ?", (claims.jti,)
        ).fetchone() is not None or (visit is not None and visit["checked_in_at"] is not None)
        if not checked_in:
            return Verdict(VerdictCode.NOT_CHECKED_IN, **ids), claims
        name = visit["display_name"] if visit is not None else None
        return Verdict(VerdictCode.CHECKED_OUT, display_name=name, **ids), claims

    def verify(self, text: str | bytes) -> Verdict:
        """The check-out verdict this pass would get now; records nothing."""
        try:
            return self._judge(text, self.store.conn)[0]
        except sqlite3.Error as exc:
            raise StoreError(
                f"Cannot read the kiosk database in {self.store.data_dir}: {exc}."
            ) from None

    # -- recording ---------------------------------------------------------------------------

    def check_out(self, text: str | bytes) -> Verdict:
        """Judge a pass and, when it may leave, record the check-out and queue its exit."""

        def record(tx: sqlite3.Connection) -> Verdict:
            verdict, claims = self._judge(text, tx)
            if verdict.code == VerdictCode.CHECKED_OUT and claims is not None:
                raw = text.decode("utf-8") if isinstance(text, bytes | bytearray) else text
                self._record_exit(tx, verdict, str(raw).strip(), claims.jti, {}, None)
            else:
                self.store.audit(
                    tx, f"exit_{verdict.code}", jti=verdict.jti, visit_id=verdict.visit_id
                )
            return verdict

        return self._recording(record)

    def check_out_walk_in(self, walk_in_event_id: str) -> Verdict:
        """Check out one of today's walk-ins, picked from ``walk_ins_today()``."""

        def record(tx: sqlite3.Connection) -> Verdict:
            done = tx.execute(
                "SELECT checked_out_at FROM checkouts WHERE walk_in_event_id = ?",
                (walk_in_event_id,),
            ).fetchone()
            if done is not None:
                return Verdict(VerdictCode.ALREADY_CHECKED_OUT, used_at=done[0])
            entry = next((w for w in self._walk_ins(tx) if w.event_id == walk_in_event_id), None)
            if entry is None:
                self.store.audit(tx, "exit_not_checked_in", event_id=walk_in_event_id)
                return Verdict(VerdictCode.NOT_CHECKED_IN)
            verdict = Verdict(
                VerdictCode.CHECKED_OUT,
                visit_id=entry.visit_id,
                display_name=first_name(entry.short_name),
            )
            payload = {"walk_in_event_id": walk_in_event_id}
            self._record_exit(tx, verdict, None, None, payload, walk_in_event_id)
            return verdict

        return self._recording(record)

    def _recording(self, record: Callable[[sqlite3.Connection], Verdict]) -> Verdict:
        try:
            with self._lock, self.store.transaction() as tx:
                verdict = record(tx)
        except sqlite3.Error as exc:
            raise StoreError(
                f"The check-out could not be recorded in {self.store.data_dir} ({exc}); "
                "nothing was saved. Please see reception."
            ) from None
        if verdict.code == VerdictCode.CHECKED_OUT:
            self._tell(verdict)
        return verdict

    def _record_exit(
        self,
        tx: sqlite3.Connection,
        verdict: Verdict,
        pass_text: str | None,
        jti: str | None,
        payload: dict[str, str],
        walk_in_event_id: str | None,
    ) -> None:
        local = self.clock.local_time()
        event_id = str(uuid.uuid4())
        tx.execute(
            "INSERT INTO checkouts (event_id, jti, visit_id, walk_in_event_id, checked_out_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (event_id, jti, verdict.visit_id, walk_in_event_id, local),
        )
        tx.execute(
            "INSERT INTO queue (event_id, kind, pass, jti, visit_id, scanned_at, "
            "scanned_at_local, verdict, payload) VALUES (?, 'exit', ?, ?, ?, ?, ?, ?, ?)",
            (
                event_id,
                pass_text,
                jti,
                verdict.visit_id,
                local + self.clock.offset,
                local,
                str(verdict.code),
                json.dumps(payload),
            ),
        )
        self.store.audit(tx, "checked_out", jti=jti, visit_id=verdict.visit_id, event_id=event_id)

    # -- today's walk-ins --------------------------------------------------------------------

    def _walk_ins(self, conn: sqlite3.Connection) -> list[WalkInEntry]:
        entries = {
            row["event_id"]: WalkInEntry(row["event_id"], row["visit_id"], row["short_name"])
            for row in conn.execute("SELECT event_id, visit_id, short_name FROM walk_ins")
        }
        for own in own_walk_ins(self.store, conn, self.clock.local_time()):
            entries.setdefault(
                own.event_id, WalkInEntry(own.event_id, own.visit_id, own.short_name)
            )
        gone = {row[0] for row in conn.execute("SELECT walk_in_event_id FROM checkouts")}
        return sorted(
            (e for e in entries.values() if e.event_id not in gone),
            key=lambda e: (e.short_name.casefold(), e.event_id),
        )

    def walk_ins_today(self) -> list[WalkInEntry]:
        """Today's walk-ins on site, first name and last initial, not checked out here."""
        return self._walk_ins(self.store.conn)
