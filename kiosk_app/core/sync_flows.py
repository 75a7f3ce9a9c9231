"""The sync engine's part in documents, walk-ins and check-out (docs/visit-flows.md).

``event`` turns a queue row of any kind into its push event, ``upload_signatures`` sends the
signed records whose event the server has answered and deletes each acknowledged one without
a trace, ``store_pull`` caches the pull's documents, hosts and today's walk-ins.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TYPE_CHECKING, Any

from kiosk_app.core import client as api
from kiosk_app.core import signed_records
from kiosk_app.core.answers import PullAnswer
from kiosk_app.core.documents import replace_cache
from kiosk_app.core.store import Store
from kiosk_app.core.walk_ins import ENABLED, PULLED_AT, search_tokens

if TYPE_CHECKING:
    from kiosk_app.core.sync import SyncReport

log = logging.getLogger(__name__)
EXIT_FIELDS = ("walk_in_event_id", "visit_id")
WALK_IN_FIELDS = ("name", "company", "host_id", "language")
UPLOADS_IN_FLIGHT = 4  # the server answers several at once; one at a time waits on each
UPLOAD_CHUNK = 16


def _payload(row: sqlite3.Row) -> dict[str, Any]:
    try:
        value = json.loads(row["payload"] or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def event(row: sqlite3.Row) -> dict[str, Any]:
    """The push event of one queue row; an entry is sent as before (no ``kind``)."""
    base = {
        "event_id": row["event_id"],
        "scanned_at": row["scanned_at"],
        "scanned_at_local": row["scanned_at_local"],
    }
    kind = row["kind"]
    if kind == "entry":
        return {**base, "pass": row["pass"], "verdict": row["verdict"]}
    payload = _payload(row)
    if kind == "exit":
        if row["pass"]:
            return {**base, "kind": "exit", "pass": row["pass"]}
        return {**base, "kind": "exit", **{k: payload[k] for k in EXIT_FIELDS if k in payload}}
    return {**base, "kind": kind, **{k: payload.get(k) for k in WALK_IN_FIELDS}}


def upload_signatures(store: Store, http: api.AtriumClient, report: SyncReport) -> None:
    """One request per record whose event was answered; acknowledged ones are deleted.

    409 ``unknown_event``: the server has not got the event yet, try next round. Any other
    4xx: the record is kept, marked refused with the server's word, and counted in the report.
    Transport errors, 429 and 5xx end the round like a failed push (after the records already
    acknowledged are deleted). UPLOADS_IN_FLIGHT requests run at once; records are read from
    the store a chunk at a time (a queue of signed records can be large).
    """
    ids = [
        row[0]
        for row in store.conn.execute(
            "SELECT s.record_id FROM signed_records s "
            "LEFT JOIN queue q ON q.event_id = s.event_id "
            "WHERE s.status = 'pending' "
            "AND (q.event_id IS NULL OR q.status NOT IN ('pending', 'held')) "
            "ORDER BY s.signed_at, s.record_id"
        )
    ]
    report.signatures_waiting = store.count("signed_records", "status = 'pending'") - len(ids)
    if not ids:
        return
    deleted = 0
    failure: api.ClientError | None = None
    try:
        with ThreadPoolExecutor(UPLOADS_IN_FLIGHT, thread_name_prefix="atrium-upload") as pool:
            for start in range(0, len(ids), UPLOAD_CHUNK):
                rows = _rows(store, ids[start : start + UPLOAD_CHUNK])
                sent = {pool.submit(http.upload_signature, _body(row)): row for row in rows}
                for future in as_completed(sent):
                    row = sent[future]
                    try:
                        reply = future.result()
                    except api.RequestRejected as exc:
                        if exc.status == 409 and exc.code == "unknown_event":
                            report.signatures_waiting += 1
                        else:
                            _refuse(store, row["record_id"], exc)
                            report.signatures_refused += 1
                        continue
                    except api.ClientError as exc:
                        failure = failure or exc
                        continue
                    if _acknowledged(store, row, reply.data):
                        deleted += 1
                        report.signatures_uploaded += 1
                    else:
                        report.signatures_waiting += 1
                if failure is not None:
                    raise failure
    finally:
        if deleted:
            store.checkpoint()  # secure_delete zeroed the pages; now the WAL lets go too


def _rows(store: Store, record_ids: list[str]) -> list[sqlite3.Row]:
    marks = ", ".join("?" * len(record_ids))
    return store.conn.execute(
        "SELECT s.*, q.answer AS event_answer FROM signed_records s "  # noqa: S608 (only ?s)
        f"LEFT JOIN queue q ON q.event_id = s.event_id WHERE s.record_id IN ({marks}) "
        "AND s.status = 'pending'",
        record_ids,
    ).fetchall()


def _body(row: sqlite3.Row) -> dict[str, Any]:
    return signed_records.upload_body(row, row["visit_id"] or _visit_id(row))


def _acknowledged(store: Store, row: sqlite3.Row, answer: dict[str, Any]) -> bool:
    """Deletes the record once the server's answer says it stored this one."""
    if answer.get("record_id") != row["record_id"] or answer.get("status") != "stored":
        return False
    with store.transaction() as tx:
        tx.execute("DELETE FROM signed_records WHERE record_id = ?", (row["record_id"],))
        store.audit(tx, "signature_uploaded", event_id=row["event_id"])
    return True


def _visit_id(row: sqlite3.Row) -> str | None:
    """A walk-in's record learns its visit from the push answer."""
    try:
        answer = json.loads(row["event_answer"] or "{}")
    except ValueError:
        return None
    visit_id = answer.get("visit_id") if isinstance(answer, dict) else None
    return visit_id if isinstance(visit_id, str) else None


def _refuse(store: Store, record_id: str, exc: api.RequestRejected) -> None:
    word = f"HTTP {exc.status} {exc.code or ''}".strip()
    with store.transaction() as tx:
        tx.execute(
            "UPDATE signed_records SET status = 'refused', error = ? WHERE record_id = ?",
            (f"{word}: {exc.message}"[:300], record_id),
        )
        store.audit(tx, "signature_refused")
    log.warning("the server refused a signed record (%s); it is kept on the kiosk", word)


def store_pull(tx: sqlite3.Connection, answer: PullAnswer, report: SyncReport) -> dict[str, Any]:
    """Replace the caches inside the pull's transaction; returns settings to store with it."""
    report.documents = replace_cache(tx, answer.documents)
    tx.execute("DELETE FROM hosts")
    tx.executemany(
        "INSERT OR REPLACE INTO hosts (host_id, name, folded) VALUES (?, ?, ?)",
        [(h.host_id, h.name, search_tokens(h.name)) for h in answer.hosts],
    )
    report.hosts = len(answer.hosts)
    tx.execute("DELETE FROM walk_ins")
    tx.executemany(
        "INSERT OR REPLACE INTO walk_ins (event_id, visit_id, short_name, checked_in_at) "
        "VALUES (?, ?, ?, ?)",
        [w.row() for w in answer.walk_ins],
    )
    return {ENABLED: answer.walk_ins_enabled is True, PULLED_AT: time.time()}
