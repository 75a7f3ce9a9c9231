"""End to end over HTTPS: offline check-in and sync, two kiosks, cancellation, keys, revocation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.verdicts import VerdictCode
from server_stub.embedded import EmbeddedServer
from tests.e2e.conftest import uses_per_pass


def test_check_in_offline_then_sync_gives_one_use_per_pass(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk()
    visits = [server.create_visit(visitor=f"Visitor {i}", host="Grace Hopper") for i in range(5)]
    assert kiosk.sync.run_once().expected_visits == 5
    server.stop()
    verdicts = [kiosk.checkin.check_in(v["pass"]) for v in visits]
    assert all(v.accepted for v in verdicts)
    assert verdicts[0].display_name == "Visitor 0" and verdicts[0].host_name == "Grace Hopper"
    assert kiosk.checkin.check_in(visits[0]["pass"]).code == VerdictCode.ALREADY_USED
    offline = kiosk.sync.run_once()
    assert offline.error_kind == "unreachable" and kiosk.status().queue_depth == 5
    assert kiosk.status().online is False
    server.start()
    report = kiosk.sync.run_once()
    assert report.ok and report.accepted == 5 and report.queue_depth == 0
    assert kiosk.sync.run_once().pushed == 0
    assert uses_per_pass(server) == {v["jti"]: 1 for v in visits}
    assert {row["kiosk_name"] for row in server.checkins()} == {"Lobby 1"}


def test_two_offline_kiosks_same_pass_one_accepted_one_duplicate(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    lobby, garage = make_kiosk("Lobby 1"), make_kiosk("Garage")
    visit = server.create_visit()
    server.stop()
    assert lobby.checkin.check_in(visit["pass"]).accepted
    assert garage.checkin.check_in(visit["pass"]).accepted
    server.start()
    first, second = lobby.sync.run_once(), garage.sync.run_once()
    assert (first.accepted, first.duplicates) == (1, 0)
    assert (second.accepted, second.duplicates) == (0, 1)
    (conflict,) = garage.conflicts()
    assert conflict.first_used_by == "Lobby 1" and conflict.jti == visit["jti"]
    # the same answer on every replay of the same events
    for kiosk, expected in ((lobby, "accepted"), (garage, "duplicate")):
        for _ in range(2):
            kiosk.store.conn.execute("UPDATE queue SET status = 'pending'")
            kiosk.sync.run_once()
            statuses = [r[0] for r in kiosk.store.conn.execute("SELECT status FROM queue")]
            assert statuses == [expected]
    assert uses_per_pass(server) == {visit["jti"]: 1}


def test_cancelled_visit_is_refused_offline_after_the_next_pull(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk()
    visit = server.create_visit()
    kiosk.sync.run_once()
    server.cancel_visit(visit["visit_id"])
    assert kiosk.sync.run_once().revocations == 1
    server.stop()
    assert kiosk.checkin.check_in(visit["pass"]).code == VerdictCode.REVOKED
    assert kiosk.store.count("expected_visits") == 0


def test_passes_of_old_and_new_key_both_verify_after_rotation(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk()
    old = server.create_visit()
    new_kid = server.rotate_keys()
    new = server.create_visit()
    assert kiosk.checkin.verify(new["pass"]).code == VerdictCode.UNKNOWN_KEY
    assert kiosk.sync.run_once().keys >= 2
    assert new_kid in {r[0] for r in kiosk.store.conn.execute("SELECT kid FROM keys")}
    server.stop()
    assert kiosk.checkin.check_in(old["pass"]).accepted
    assert kiosk.checkin.check_in(new["pass"]).accepted
    server.start()
    assert kiosk.sync.run_once().accepted == 2
    assert uses_per_pass(server) == {old["jti"]: 1, new["jti"]: 1}


def test_revoked_device_becomes_unpaired_and_keeps_its_queue(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    kiosk = make_kiosk()
    visit = server.create_visit(visitor="Ada Lovelace")
    kiosk.sync.run_once()
    assert kiosk.checkin.check_in(visit["pass"]).display_name == "Ada Lovelace"
    server.revoke_device(kiosk.identity.device_id)
    report = kiosk.sync.run_once()
    assert report.unpaired and report.error_kind == "device_revoked"
    status = kiosk.status()
    assert not status.paired and status.revoked and status.held == 1
    assert kiosk.credentials.get_token() is None
    assert kiosk.store.count("expected_visits") == 0
    assert kiosk.checkin.check_in(visit["pass"]).code == VerdictCode.KIOSK_NOT_PAIRED
    assert kiosk.export_queue(tmp_path / "held.csv") == 1
    assert visit["pass"] in (tmp_path / "held.csv").read_text()
    assert server.checkins() == []
