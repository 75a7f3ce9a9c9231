"""Schema v2: a v1 database upgrades in place and keeps its queued check-ins."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kiosk_app.core import store as store_module
from kiosk_app.core.store import DB_FILE, SCHEMA_VERSION, Store


def make_v1(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    conn = sqlite3.connect(data_dir / DB_FILE, isolation_level=None)
    conn.executescript(store_module.MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.executemany(
        "INSERT INTO queue (event_id, pass, jti, visit_id, scanned_at, scanned_at_local, verdict, "
        "status, answer, synced_at) VALUES (?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?)",
        [
            ("e1", "pass-1", "j1", "V1", 100.0, 99.0, "pending", None, None),
            ("e2", "pass-2", "j2", "V2", 101.0, 100.0, "accepted", '{"status": "accepted"}', 5.0),
            ("e3", "pass-3", "j3", "V3", 102.0, 101.0, "held", None, None),
        ],
    )
    conn.execute(
        "INSERT INTO expected_visits (visit_id, jti, display_name, host_name, nbf, exp) "
        "VALUES ('V1', 'j1', 'Ada Lovelace', 'Grace Hopper', 1, 4000000000)"
    )
    conn.close()


def test_a_v1_database_upgrades_in_place_keeping_every_queued_check_in(tmp_path: Path) -> None:
    data_dir = tmp_path / "kiosk"
    make_v1(data_dir)
    store = Store.open(data_dir)
    conn = store.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    rows = [
        tuple(r)
        for r in conn.execute(
            "SELECT seq, event_id, kind, pass, jti, status, payload FROM queue ORDER BY seq"
        )
    ]
    assert rows == [
        (1, "e1", "entry", "pass-1", "j1", "pending", "{}"),
        (2, "e2", "entry", "pass-2", "j2", "accepted", "{}"),
        (3, "e3", "entry", "pass-3", "j3", "held", "{}"),
    ]
    visit = conn.execute("SELECT display_name, company, signed FROM expected_visits").fetchone()
    assert tuple(visit) == ("Ada Lovelace", None, "[]")
    # new rows continue the sequence, and a walk-in may have no pass
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO queue (event_id, kind, scanned_at, scanned_at_local, verdict) "
            "VALUES ('w1', 'walk_in', 1, 1, 'walk_in')"
        )
    assert conn.execute("SELECT seq FROM queue WHERE event_id = 'w1'").fetchone()[0] == 4
    assert {"documents", "hosts", "walk_ins", "checkouts", "signed_records"} <= set(
        store.db.table_names()
    )
    store.close()


def test_the_queue_refuses_an_unknown_kind(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as tx:
        tx.execute(
            "INSERT INTO queue (event_id, kind, scanned_at, scanned_at_local, verdict) "
            "VALUES ('x', 'teleport', 1, 1, 'x')"
        )
    store.close()


def test_walk_in_names_are_purged_when_the_visit_day_is_over(tmp_path: Path) -> None:
    store = Store.open(tmp_path, now=lambda: 200_000.0)
    with store.transaction() as tx:
        for event_id, status, at in (
            ("old", "accepted", 100.0),
            ("new", "accepted", 199_000.0),
            ("waiting", "pending", 100.0),
        ):
            tx.execute(
                "INSERT INTO queue (event_id, kind, scanned_at, scanned_at_local, verdict, "
                "payload, status, synced_at) VALUES (?, 'walk_in', ?, ?, 'walk_in', ?, ?, ?)",
                (
                    event_id,
                    at,
                    at,
                    '{"name": "Ada Lovelace", "company": "AE", "host_id": "H1"}',
                    status,
                    at,
                ),
            )
        tx.execute("INSERT INTO walk_ins VALUES ('old', 'W1', 'Ada L.', 100.0)")
    counts = store.purge(retention_s=7 * 86400.0)
    assert counts["walk_ins"] == 2
    payloads = {
        event_id: json.loads(payload)
        for event_id, payload in store.conn.execute("SELECT event_id, payload FROM queue")
    }
    assert payloads["old"] == {"host_id": "H1"}
    assert payloads["new"]["name"] == payloads["waiting"]["name"] == "Ada Lovelace"
    assert store.count("walk_ins") == 0
    store.close()
