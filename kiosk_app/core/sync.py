"""SyncEngine: push the queue, then pull keys, revocations, expected visits and server time."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx

from kiosk_app.core import client as api
from kiosk_app.core import sync_flows
from kiosk_app.core.answers import (
    EXPECTED_VISIT_COLUMNS,
    AnswerError,
    PullAnswer,
    counter,
    push_results,
)
from kiosk_app.core.clock import Clock
from kiosk_app.core.credentials import CredentialError, CredentialStore
from kiosk_app.core.pairing import (
    ca_cert_path,
    forget_pairing,
    load_identity,
    replace_pass_keys,
)
from kiosk_app.core.store import Store, StoreError
from kiosk_app.core.sync_errors import NO_REQUEST_KINDS, OFFLINE_KINDS, SyncErrorKind

MAX_BATCH = 500


@dataclass
class SyncReport:
    """What one push/pull round did; ``error_kind`` is None when it completed."""

    started_at: float
    finished_at: float = 0.0
    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    pulled: bool = False
    keys: int = 0
    revocations: int = 0
    expected_visits: int = 0
    documents: int = 0
    hosts: int = 0
    signatures_uploaded: int = 0
    signatures_waiting: int = 0  # their event is not answered yet, or the server lacks it
    signatures_refused: int = 0  # refused by the server (4xx): kept, shown in the status
    purged: dict[str, int] = field(default_factory=dict)
    queue_depth: int = 0
    unpaired: bool = False
    error_kind: SyncErrorKind | None = None
    error: str | None = None
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.error_kind is None

    @property
    def reached_server(self) -> bool:
        return self.error_kind not in OFFLINE_KINDS | NO_REQUEST_KINDS

    @property
    def online(self) -> bool | None:
        """Whether the server answered; None when no request was tried (not paired, no token)."""
        return None if self.error_kind in NO_REQUEST_KINDS else self.reached_server

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


class SyncEngine:
    """One round at a time; safe to call from the sync thread while the GUI thread checks in."""

    def __init__(
        self,
        store: Store,
        credentials: CredentialStore,
        clock: Clock,
        *,
        retention_s: float = 7 * 86400.0,
        batch_size: int = MAX_BATCH,
        transport: httpx.BaseTransport | None = None,
        on_unpaired: Callable[[], None] | None = None,
    ):
        self.store = store
        self.credentials = credentials
        self.clock = clock
        self.retention_s = retention_s
        self.batch_size = max(1, min(batch_size, MAX_BATCH))
        self.transport = transport
        self.on_unpaired = on_unpaired
        self.next_retry_at: float | None = None

    def queue_depth(self) -> int:
        return self.store.count("queue", "status = 'pending'")

    def run_once(self) -> SyncReport:
        """Push every pending check-in in batches, then pull; errors end up in the report."""
        report = SyncReport(started_at=time.time())
        try:
            self._run_reporting_server_errors(report)
            # Retention runs every round, also offline: expired visits' names must not wait.
            report.purged = self.store.purge(retention_s=self.retention_s)
        except (sqlite3.Error, StoreError) as exc:
            report.error_kind = SyncErrorKind.STORAGE
            report.error = (
                f"Cannot write to the kiosk database in {self.store.data_dir} ({exc}); free some "
                "disk space or make it writable. Queued check-ins are kept and sent later."
            )
        report.finished_at = time.time()
        state: dict[str, object] = {
            "last_attempt_at": report.finished_at,
            "online": report.online,
            "last_error": report.error,
        }
        if report.ok:
            state["last_sync_at"] = report.finished_at
        with contextlib.suppress(sqlite3.Error, StoreError):  # already reported as "storage"
            report.queue_depth = self.queue_depth()
            self.store.set_many(state)
        return report

    def _run_reporting_server_errors(self, report: SyncReport) -> None:
        try:
            self._run(report)
        except api.Unauthorized as exc:
            revoked = isinstance(exc, api.DeviceRevoked) or exc.code == "device_revoked"
            with contextlib.suppress(CredentialError):  # the token is dead either way
                forget_pairing(self.store, self.credentials, revoked=True)
            report.unpaired = True
            report.error_kind = (
                SyncErrorKind.DEVICE_REVOKED if revoked else SyncErrorKind.UNAUTHORIZED
            )
            report.error = "The server no longer accepts this kiosk; it is now unpaired."
            if self.on_unpaired is not None:
                self.on_unpaired()
        except api.Throttled as exc:
            report.error_kind, report.error = SyncErrorKind(exc.kind), exc.message
            report.retry_after = exc.retry_after
        except api.ClientError as exc:
            report.error_kind, report.error = SyncErrorKind(exc.kind), exc.message
        except CredentialError as exc:
            report.error_kind, report.error = SyncErrorKind.CREDENTIALS, str(exc)

    def _run(self, report: SyncReport) -> None:
        identity = load_identity(self.store)
        token = self.credentials.get_token() if identity else None
        if identity is None or not token:
            report.error_kind = SyncErrorKind.NOT_PAIRED
            report.error = (
                "This kiosk is not paired."
                if identity is None
                else f"The device token is missing from the {self.credentials.kind} credential "
                "store; unpair and pair this kiosk again."
            )
            return
        with api.AtriumClient(
            identity.server_url,
            ca_cert=ca_cert_path(self.store),
            token=token,
            transport=self.transport,
        ) as http:
            self._push(http, report)
            sync_flows.upload_signatures(self.store, http, report)
            self._pull(http, report)

    # -- push --------------------------------------------------------------------------------

    def _push(self, http: api.AtriumClient, report: SyncReport) -> None:
        while True:
            rows = self.store.conn.execute(
                "SELECT event_id, kind, pass, jti, visit_id, scanned_at, scanned_at_local, "
                "verdict, payload FROM queue WHERE status = 'pending' ORDER BY seq LIMIT ?",
                (self.batch_size,),
            ).fetchall()
            if not rows:
                return
            events = [sync_flows.event(row) for row in rows]
            reply = http.push(events)
            if self._store_answers(rows, reply.data.get("results"), report) == 0:
                raise api.ServerError("The server acknowledged none of the check-ins sent.")

    def _store_answers(self, rows: list[Any], results: object, report: SyncReport) -> int:
        by_event = {row["event_id"]: row for row in rows}
        now = time.time()
        stored = 0
        with self.store.transaction() as tx:
            for result in push_results(results):
                row = by_event.pop(result.event_id, None)
                if row is None:
                    continue
                tx.execute(
                    "UPDATE queue SET status = ?, answer = ?, synced_at = ? "
                    "WHERE event_id = ? AND status = 'pending'",
                    (result.status, json.dumps(result.to_dict()), now, row["event_id"]),
                )
                stored += 1
                report.pushed += 1
                if result.status == "accepted":
                    report.accepted += 1
                    continue
                ids = {"jti": row["jti"], "visit_id": row["visit_id"], "event_id": row["event_id"]}
                if result.status == "duplicate":
                    report.duplicates += 1
                    if row["kind"] != "entry":  # checked out elsewhere first: no conflict
                        continue
                    tx.execute(
                        "INSERT OR REPLACE INTO conflicts (event_id, jti, visit_id, scanned_at, "
                        "first_used_at, first_used_by, first_event_id, recorded_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            row["event_id"],
                            row["jti"],
                            row["visit_id"],
                            row["scanned_at"],
                            result.first_used_at,
                            result.first_used_by,
                            result.first_event_id,
                            now,
                        ),
                    )
                    self.store.audit(tx, "sync_duplicate", **ids)
                else:
                    report.rejected += 1
                    self.store.audit(tx, "sync_rejected", **ids)
        return stored

    # -- pull --------------------------------------------------------------------------------

    def _pull(self, http: api.AtriumClient, report: SyncReport) -> None:
        stored_watermark = self.store.get("watermark", 0)
        try:
            since = counter(stored_watermark, "watermark")
        except AnswerError:
            since = 0  # a watermark stored by an older version: pull every revocation again
        reply = http.pull(since)
        try:
            answer = PullAnswer.parse(reply.data, since=since)
        except AnswerError as exc:
            raise api.ServerError(f"The server's pull answer is unusable ({exc}).") from None
        visits = [v for v in answer.expected_visits if v.exp >= answer.server_time]
        settings: dict[str, object] = self.clock.offset_values(
            answer.server_time, reply.sent_at, reply.received_at
        )
        settings.update({"watermark": answer.watermark, "trust_refreshed_at": time.time()})
        if answer.policy is not None:
            settings["policy"] = answer.policy.to_setting()
        identity = self.store.get("identity")
        if isinstance(identity, dict):
            identity["site_name"] = answer.site_name or identity["site_name"]
            identity["kiosk_name"] = answer.kiosk_name or identity["kiosk_name"]
            settings["identity"] = identity
        with self.store.transaction() as tx:
            replace_pass_keys(tx, answer.keys)
            tx.executemany(
                "INSERT OR REPLACE INTO revocations (jti, visit_id, revoked_at) VALUES (?, ?, ?)",
                [revocation.row() for revocation in answer.revocations],
            )
            tx.execute("DELETE FROM expected_visits")
            tx.executemany(
                f"INSERT OR REPLACE INTO expected_visits ({EXPECTED_VISIT_COLUMNS}) "  # noqa: S608
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [visit.row() for visit in visits],
            )
            settings.update(sync_flows.store_pull(tx, answer, report))
            self.store.set_many(settings)  # joins this transaction
        report.pulled = True
        report.keys, report.revocations, report.expected_visits = (
            len(answer.keys),
            len(answer.revocations),
            len(visits),
        )


from kiosk_app.core.runner import SyncRunner  # noqa: E402  (re-exported: sync.SyncRunner)

__all__ = ["MAX_BATCH", "SyncEngine", "SyncReport", "SyncRunner"]
