"""Store: schema and migrations, WAL and secure_delete, threads, clear start-up errors, purge."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from kiosk_app.core import store as store_module
from kiosk_app.core.store import SCHEMA_VERSION, Store, StoreError


def test_new_store_has_schema_wal_and_secure_delete(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    conn = store.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    tables = set(store.db.table_names())
    assert {
        "queue",
        "used_passes",
        "keys",
        "revocations",
        "expected_visits",
        "audit",
        "conflicts",
        "settings",
    } <= tables
    store.close()


def test_migrations_run_once_and_later_ones_apply_on_reopen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(tmp_path).close()
    extra = "CREATE TABLE extra_notes (id INTEGER PRIMARY KEY, note TEXT)"
    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, extra])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    store = Store.open(tmp_path)
    assert "extra_notes" in store.db.table_names()
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    store.close()


def test_newer_schema_than_the_program_is_a_clear_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    store.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(tmp_path)


def test_settings_round_trip(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.set("policy", {"trust_max_age_s": 10})
    store.set_many({"a": 1, "b": [1, 2]})
    assert store.get("policy") == {"trust_max_age_s": 10}
    assert (store.get("a"), store.get("b"), store.get("missing", "x")) == (1, [1, 2], "x")
    store.delete_settings("a")
    assert store.get("a") is None
    store.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_read_only_data_dir_is_a_clear_error_naming_it(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="locked"):
            Store.open(locked)
    finally:
        locked.chmod(0o700)


def test_unwritable_data_dir_is_a_clear_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    with pytest.raises(StoreError, match=str(tmp_path)):
        Store.open(tmp_path)


def test_full_disk_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usage = store_module.shutil.disk_usage(tmp_path)
    monkeypatch.setattr(store_module.shutil, "disk_usage", lambda _p: usage._replace(free=1024))
    with pytest.raises(StoreError, match="full"):
        Store.open(tmp_path)


def test_data_dir_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(StoreError, match="file"):
        Store.open(target)


def test_each_thread_has_its_own_connection_and_writes_do_not_clash(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    errors: list[BaseException] = []
    connections: set[int] = set()

    def work(n: int) -> None:
        try:
            connections.add(id(store.conn))
            for i in range(50):
                with store.transaction() as tx:
                    store.audit(tx, "test", event_id=f"{n}-{i}")
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(connections) == 4
    assert store.count("audit") == 200
    store.close()


def test_transaction_rolls_back_everything_on_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as tx:
        store.audit(tx, "first")
        tx.execute("INSERT INTO used_passes (jti, used_at) VALUES ('a', 1)")
        tx.execute("INSERT INTO used_passes (jti, used_at) VALUES ('a', 2)")
    assert store.count("audit") == 0 and store.count("used_passes") == 0
    store.close()


def test_purge_removes_old_synced_checkins_and_expired_visits_only(tmp_path: Path) -> None:
    now = 1_000_000.0
    store = Store.open(tmp_path, now=lambda: now)
    with store.transaction() as tx:
        for event_id, status, synced_at in [
            ("old-accepted", "accepted", now - 8 * 86400),
            ("new-accepted", "accepted", now - 86400),
            ("old-pending", "pending", None),
            ("old-held", "held", None),
        ]:
            tx.execute(
                "INSERT INTO queue (event_id, pass, jti, scanned_at, scanned_at_local, verdict, "
                "status, synced_at) VALUES (?, 'p', ?, 1, 1, 'accepted', ?, ?)",
                (event_id, event_id, status, synced_at),
            )
        tx.execute(
            "INSERT INTO expected_visits (visit_id, display_name, nbf, exp) VALUES "
            "('gone', 'Ada', 1, ?), ('today', 'Grace', 1, ?)",
            (now - 1, now + 3600),
        )
    purged = store.purge(retention_s=7 * 86400)
    assert purged["queue"] == 1 and purged["expected_visits"] == 1
    left = {row[0] for row in store.conn.execute("SELECT event_id FROM queue")}
    assert left == {"new-accepted", "old-pending", "old-held"}
    assert [r[0] for r in store.conn.execute("SELECT visit_id FROM expected_visits")] == ["today"]
    store.close()


def test_purged_names_leave_neither_the_database_nor_the_wal(tmp_path: Path) -> None:
    now = 1_000_000.0
    store = Store.open(tmp_path, now=lambda: now)
    name = "Zelda Quirinus-Purgeable"
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO expected_visits (visit_id, display_name, nbf, exp) VALUES ('v1', ?, 1, ?)",
            (name, now - 1),
        )
    wal = tmp_path / "kiosk.sqlite3-wal"
    assert name.encode() in wal.read_bytes()  # the row went to the WAL first
    assert store.purge(retention_s=86400)["expected_visits"] == 1
    files = [tmp_path / "kiosk.sqlite3", wal]
    assert not any(name.encode() in path.read_bytes() for path in files if path.exists())
    store.close()


def test_a_write_outside_transaction_commits_and_does_not_swallow_later_ones(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path)
    store.conn.execute("INSERT INTO settings (key, value) VALUES ('stray', '1')")
    assert not store.conn.in_transaction
    store.set("later", 2)
    seen: list[object] = []
    reader = threading.Thread(target=lambda: seen.extend([store.get("stray"), store.get("later")]))
    reader.start()
    reader.join()
    assert seen == [1, 2]
    store.close()
