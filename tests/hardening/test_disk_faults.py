"""Kiosk data dir full or read-only mid-run: a clear error, nothing lost once space returns."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator

import pytest

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.store import Store, StoreError
from tests.core.real_server import RealAtrium
from tests.hardening.conftest import assert_kiosk_state_sane, queue_rows


def fill_disk(conn: sqlite3.Connection) -> None:
    """The database may not grow by a single page: SQLITE_FULL, 'database or disk is full'."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def free_disk(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA max_page_count = 1073741823")


def make_read_only(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA query_only = ON")  # 'attempt to write a readonly database'


def make_writable(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA query_only = OFF")


FAULTS: dict[str, tuple[Callable[[sqlite3.Connection], None], Callable[..., None], str]] = {
    "disk_full": (fill_disk, free_disk, "full"),
    "read_only": (make_read_only, make_writable, "readonly"),
}


@pytest.mark.parametrize("fault", FAULTS, ids=FAULTS)
def test_check_ins_fail_clearly_while_the_disk_is_unusable_and_resume_after(
    paired_kiosk: Kiosk, real: RealAtrium, fault: str
) -> None:
    break_disk, fix_disk, word = FAULTS[fault]
    conn = paired_kiosk.store.conn
    recorded = [real.make_pass()[0] for _ in range(3)]
    for text in recorded:
        assert paired_kiosk.checkin.check_in(text).accepted
    before = queue_rows(paired_kiosk)
    break_disk(conn)
    refused: list[str] = []
    for _ in range(300):  # until the free space inside the file is used up too
        text = real.make_pass()[0]
        try:
            assert paired_kiosk.checkin.check_in(text).accepted
            recorded.append(text)
        except StoreError as exc:
            message = str(exc)
            assert "could not be recorded" in message and "nothing was saved" in message
            assert word in message.replace(" ", "").lower() or "disk" in message
            refused.append(text)
            break
    assert refused, "the full/read-only database kept accepting check-ins"
    assert len(queue_rows(paired_kiosk)) == len(recorded) >= len(before)
    assert paired_kiosk.checkin.verify(refused[0]).accepted  # not marked used: can be rescanned

    fix_disk(conn)
    assert paired_kiosk.checkin.check_in(refused[0]).accepted
    assert paired_kiosk.sync.run_once().ok
    assert {row["jti"] for row in real.checkins()} == {
        row["jti"] for row in conn.execute("SELECT jti FROM queue").fetchall()
    }
    assert len(real.checkins()) == len(recorded) + 1
    assert_kiosk_state_sane(paired_kiosk)


def full_disk_transactions(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write transaction fails as SQLite does when the disk is full."""

    @contextlib.contextmanager
    def full() -> Iterator[sqlite3.Connection]:
        raise sqlite3.OperationalError("database or disk is full")
        yield store.conn  # pragma: no cover (a generator, for contextmanager)

    monkeypatch.setattr(store, "transaction", full)


@pytest.mark.parametrize("fault", ["disk_full", "read_only"])
def test_sync_with_an_unusable_disk_reports_and_loses_nothing(
    paired_kiosk: Kiosk, real: RealAtrium, fault: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(5):
        assert paired_kiosk.checkin.check_in(real.make_pass()[0]).accepted
    conn = paired_kiosk.store.conn
    with monkeypatch.context() as patch:
        if fault == "disk_full":
            full_disk_transactions(paired_kiosk.store, patch)
        else:
            make_read_only(conn)
        try:
            # the server accepts; the kiosk cannot write the answers down
            report = paired_kiosk.sync.run_once()
        finally:
            make_writable(conn)
    assert not report.ok and report.error, "the sync round claimed success"
    assert paired_kiosk.sync.queue_depth() == 5  # still pending: nothing was dropped
    report = paired_kiosk.sync.run_once()  # same event ids again: the server's stored answers
    assert report.ok and report.accepted == 5 and report.duplicates == 0
    assert len(real.checkins()) == 5
    assert_kiosk_state_sane(paired_kiosk)
