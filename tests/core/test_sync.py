"""SyncEngine: push in batches, store answers per event, retry lost responses, pull, revocation.

The kiosk talks to the real server app in process (tests/core/real_server.py); only the answer
no honest server gives on demand (a rejection of an event the kiosk accepted) comes from the
hand-written FakeAtrium.
"""

from __future__ import annotations

import json
from pathlib import Path

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.sync import MAX_BATCH, SyncEngine
from kiosk_app.core.verdicts import VerdictCode
from tests.core.fake_server import FakeAtrium
from tests.core.real_server import URL, RealAtrium


def queue_statuses(kiosk: Kiosk) -> dict[str, str]:
    return dict(kiosk.store.conn.execute("SELECT event_id, status FROM queue").fetchall())


def test_push_then_pull_and_answers_are_stored(real_kiosk: Kiosk, real: RealAtrium) -> None:
    kiosk = real_kiosk
    texts = [real.make_pass()[0] for _ in range(3)]
    for text in texts:
        assert kiosk.checkin.check_in(text).accepted
    assert kiosk.status().queue_depth == 3
    real.transport.requests.clear()
    report = kiosk.sync.run_once()
    assert report.ok and report.pushed == 3 and report.accepted == 3 and report.pulled
    assert real.transport.requests == ["/device/checkins", "/device/pull"]
    assert set(queue_statuses(kiosk).values()) == {"accepted"}
    answer = json.loads(kiosk.store.conn.execute("SELECT answer FROM queue").fetchone()[0])
    assert answer["status"] == "accepted"
    status = kiosk.status()
    assert status.queue_depth == 0 and status.online and status.last_sync_at is not None
    assert len(real.checkins()) == 3


def test_batches_hold_at_most_500_events(real_kiosk: Kiosk, real: RealAtrium) -> None:
    for _ in range(MAX_BATCH + 20):
        assert real_kiosk.checkin.check_in(real.make_pass()[0]).accepted
    report = real_kiosk.sync.run_once()
    assert report.ok and report.accepted == MAX_BATCH + 20
    assert real.transport.batch_sizes == [MAX_BATCH, 20]


def test_lost_response_is_retried_with_the_same_event_ids(
    real_kiosk: Kiosk, real: RealAtrium
) -> None:
    kiosk = real_kiosk
    for _ in range(4):
        kiosk.checkin.check_in(real.make_pass()[0])
    before = queue_statuses(kiosk)
    real.transport.drop_push_response = 1  # the server stores the answers, the kiosk never hears
    report = kiosk.sync.run_once()
    assert report.error_kind == "unreachable" and report.pushed == 0
    assert queue_statuses(kiosk) == before  # nothing left the queue
    report = kiosk.sync.run_once()
    assert report.ok and report.accepted == 4 and report.duplicates == 0
    assert {c["event_id"] for c in real.checkins()} == set(before)


def test_duplicate_is_a_conflict_and_audited(
    real_kiosk: Kiosk, real: RealAtrium, tmp_path: Path
) -> None:
    kiosk = real_kiosk
    text, claims = real.make_pass()
    other = Kiosk.open(
        KioskConfig(data_dir=tmp_path / "other", credential_store="memory"),
        credentials=MemoryCredentialStore(),
        transport=real.transport,
    )
    other.pair(URL, real.code("Lobby 2"), kiosk_name="Lobby 2")
    assert other.checkin.check_in(text).accepted
    assert kiosk.checkin.check_in(text).accepted
    assert other.sync.run_once().accepted == 1
    report = kiosk.sync.run_once()
    assert report.duplicates == 1
    (conflict,) = kiosk.conflicts()
    assert conflict.jti == claims.jti and conflict.first_used_by == "Lobby 2"
    assert kiosk.status().conflicts == 1
    assert kiosk.store.count("audit", "code = 'sync_duplicate'") == 1
    # the same answer on every replay of the event
    event_id = conflict.event_id
    kiosk.store.conn.execute("UPDATE queue SET status = 'pending' WHERE event_id = ?", (event_id,))
    assert kiosk.sync.run_once().duplicates == 1
    other.close()


def test_rejected_answers_are_stored_and_audited(kiosk: Kiosk, fake: FakeAtrium) -> None:
    """A hostile answer: the fake rejects an event the kiosk accepted."""
    kiosk.checkin.check_in(fake.make_pass()[0])
    (event_id,) = queue_statuses(kiosk)
    fake.answers[event_id] = {"event_id": event_id, "status": "rejected", "reason": "revoked"}
    report = kiosk.sync.run_once()
    assert report.rejected == 1 and queue_statuses(kiosk) == {event_id: "rejected"}
    assert kiosk.store.count("audit", "code = 'sync_rejected'") == 1


def test_offline_keeps_everything_and_reports_unreachable(
    real_kiosk: Kiosk, real: RealAtrium
) -> None:
    kiosk = real_kiosk
    kiosk.checkin.check_in(real.make_pass()[0])
    real.offline = True
    report = kiosk.sync.run_once()
    assert not report.ok and report.error_kind == "unreachable" and report.queue_depth == 1
    status = kiosk.status()
    assert status.online is False and status.queue_depth == 1 and status.last_error
    real.offline = False
    assert kiosk.sync.run_once().accepted == 1


def test_revoked_device_becomes_unpaired_and_keeps_the_queue_for_export(
    real_kiosk: Kiosk, real: RealAtrium, tmp_path: Path
) -> None:
    kiosk = real_kiosk
    assert kiosk.sync.run_once().ok
    assert kiosk.store.count("expected_visits") == 0
    real.make_pass()
    assert kiosk.sync.run_once().ok and kiosk.store.count("expected_visits") == 1
    text, _ = real.make_pass()
    kiosk.checkin.check_in(text)
    real.revoke(kiosk.identity.device_id)
    report = kiosk.sync.run_once()
    assert report.unpaired and report.error_kind == "device_revoked"
    status = kiosk.status()
    assert not status.paired and status.revoked and status.held == 1 and status.queue_depth == 0
    assert kiosk.credentials.get_token() is None
    assert kiosk.store.count("expected_visits") == 0
    assert kiosk.checkin.check_in(real.make_pass()[0]).code == VerdictCode.KIOSK_NOT_PAIRED
    exported = tmp_path / "queue.json"
    assert kiosk.export_queue(exported) == 1
    data = json.loads(exported.read_text())
    assert data["checkins"][0]["pass"] == text and data["checkins"][0]["status"] == "held"


def test_not_paired_sync_is_reported(config: KioskConfig, real: RealAtrium) -> None:
    kiosk = Kiosk.open(config, credentials=MemoryCredentialStore(), transport=real.transport)
    report = kiosk.sync.run_once()
    kiosk.close()
    assert report.error_kind == "not_paired" and real.transport.requests == []


def test_pull_updates_clock_policy_and_purges_expired_visits(
    real_kiosk: Kiosk, real: RealAtrium
) -> None:
    import time

    kiosk = real_kiosk
    real.make_pass(nbf=int(time.time()) - 7200, exp=int(time.time()) - 60)
    real.make_pass()
    real.time_shift = 5 * 3600
    assert kiosk.sync.run_once().ok
    assert kiosk.store.count("expected_visits") == 0  # both ended before server "now"
    assert kiosk.status().clock_skew_flagged
    real.time_shift = 0
    assert kiosk.sync.run_once().expected_visits == 1
    assert not kiosk.status().clock_skew_flagged


def test_engine_batch_size_is_capped(real_kiosk: Kiosk) -> None:
    kiosk = real_kiosk
    engine = SyncEngine(kiosk.store, kiosk.credentials, kiosk.clock, batch_size=10_000)
    assert engine.batch_size == MAX_BATCH


def test_missing_token_is_reported_not_a_crash(real_kiosk: Kiosk) -> None:
    kiosk = real_kiosk
    kiosk.credentials.delete_token()
    report = kiosk.sync.run_once()
    assert report.error_kind == "not_paired" and "pair this kiosk again" in str(report.error)


def test_an_offline_round_still_purges_expired_visits(real_kiosk: Kiosk, real: RealAtrium) -> None:
    import time

    kiosk = real_kiosk
    real.make_pass(nbf=int(time.time()) - 60, exp=int(time.time()) + 3600)
    assert kiosk.sync.run_once().expected_visits == 1
    kiosk.store.conn.execute("UPDATE expected_visits SET exp = ?", (int(time.time()) - 1,))
    real.offline = True
    report = kiosk.sync.run_once()
    assert report.error_kind == "unreachable" and report.purged["expected_visits"] == 1
    assert kiosk.store.count("expected_visits") == 0


def test_an_unwritable_store_is_a_storage_error_in_the_report(
    real_kiosk: Kiosk, real: RealAtrium, monkeypatch
) -> None:
    import sqlite3

    from kiosk_app.core.runner import BACKOFF_KINDS

    kiosk = real_kiosk
    assert kiosk.checkin.check_in(real.make_pass()[0]).accepted

    def full() -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(kiosk.store, "transaction", full)
    report = kiosk.sync.run_once()
    assert report.error_kind == "storage" and str(kiosk.store.data_dir) in str(report.error)
    assert "disk is full" in str(report.error) and "storage" in BACKOFF_KINDS
    monkeypatch.undo()
    assert kiosk.sync.queue_depth() == 1 and kiosk.sync.run_once().accepted == 1


def test_a_credential_store_failure_leaves_online_unknown(
    real_kiosk: Kiosk, real: RealAtrium, monkeypatch
) -> None:
    from kiosk_app.core.credentials import CredentialError

    def locked() -> str:
        raise CredentialError("The keyring is locked.")

    kiosk = real_kiosk
    monkeypatch.setattr(kiosk.credentials, "get_token", locked)
    real.transport.requests.clear()
    report = kiosk.sync.run_once()
    assert report.error_kind == "credentials" and real.transport.requests == []
    assert report.online is None and kiosk.status().online is None
    assert "keyring is locked" in str(kiosk.status().last_error)


def test_a_pinned_ca_file_that_went_missing_is_reported_not_replaced(
    real_kiosk: Kiosk, real: RealAtrium
) -> None:
    from kiosk_app.core.pairing import CA_FILE

    kiosk = real_kiosk
    kiosk.store.set("ca_cert_pinned", True)  # as after `pair --ca-cert`; the file is gone
    real.transport.requests.clear()
    report = kiosk.sync.run_once()
    assert report.error_kind == "untrusted_certificate" and real.transport.requests == []
    assert CA_FILE in str(report.error) and "pair again" in str(report.error)
