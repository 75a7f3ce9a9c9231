"""CheckinService: every verdict, replay, atomic recording, names, audit codes only."""

from __future__ import annotations

import sqlite3
import time

import pytest

from kiosk_app.core.checkin import CheckinService
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.store import StoreError
from kiosk_app.core.verdicts import VerdictCode
from tests.core.fake_server import FakeAtrium
from tests.core.real_server import RealAtrium


def test_verify_has_no_side_effects_and_check_in_records_once(
    kiosk: Kiosk, fake: FakeAtrium
) -> None:
    text, claims = fake.make_pass()
    assert kiosk.checkin.verify(text).code == VerdictCode.ACCEPTED
    assert kiosk.checkin.verify(text).code == VerdictCode.ACCEPTED
    assert kiosk.store.count("queue") == 0 and kiosk.store.count("audit", "code='accepted'") == 0
    verdict = kiosk.checkin.check_in(text)
    assert verdict.accepted and verdict.jti == claims.jti and verdict.visit_id == claims.visit_id
    again = kiosk.checkin.check_in(text)
    assert again.code == VerdictCode.ALREADY_USED
    used_at = kiosk.store.conn.execute("SELECT used_at FROM used_passes").fetchone()[0]
    assert again.used_at == used_at  # "You checked in here at ..." tells this time
    assert kiosk.checkin.verify(text).code == VerdictCode.ALREADY_USED
    row = kiosk.store.conn.execute("SELECT * FROM queue").fetchone()
    assert row["jti"] == claims.jti and row["status"] == "pending" and row["pass"] == text
    assert row["verdict"] == "accepted"
    assert row["scanned_at"] == pytest.approx(row["scanned_at_local"] + kiosk.clock.offset)
    assert kiosk.store.count("used_passes") == 1 and kiosk.store.count("queue") == 1
    codes = [r[0] for r in kiosk.store.conn.execute("SELECT code FROM audit ORDER BY id")]
    assert codes[-2:] == ["accepted", "already_used"]


def test_re_encoded_copy_of_a_used_pass_is_the_same_pass(kiosk: Kiosk, fake: FakeAtrium) -> None:
    text, _ = fake.make_pass()
    assert kiosk.checkin.check_in(text).accepted
    assert kiosk.checkin.check_in(f"  {text}\n").code == VerdictCode.ALREADY_USED
    assert kiosk.checkin.check_in(text.encode()).code == VerdictCode.ALREADY_USED


def test_welcome_names_come_from_expected_visits(real_kiosk: Kiosk, real: RealAtrium) -> None:
    kiosk = real_kiosk
    text, _ = real.make_pass(visitor="Ada Lovelace", host="Grace Hopper")
    assert kiosk.sync.run_once().ok
    verdict = kiosk.checkin.check_in(text)
    assert (verdict.display_name, verdict.host_name) == ("Ada Lovelace", "Grace Hopper")
    assert verdict.words().title == "Welcome, Ada Lovelace!"
    dump = "\n".join(str(tuple(r)) for r in kiosk.store.conn.execute("SELECT * FROM audit"))
    assert "Ada" not in dump and text not in dump


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda f: f.make_pass(site="zz99")[0], VerdictCode.WRONG_SITE),
        (lambda f: f.make_pass(tenant="zz99")[0], VerdictCode.WRONG_TENANT),
        (
            lambda f: f.make_pass(nbf=int(time.time()) - 7200, exp=int(time.time()) - 3600)[0],
            VerdictCode.EXPIRED,
        ),
        (lambda f: f.make_pass(nbf=int(time.time()) + 3600)[0], VerdictCode.NOT_YET_VALID),
        (lambda f: f.make_pass()[0][:-4] + "AAAA", VerdictCode.BAD_SIGNATURE),
        (lambda f: "hello world", VerdictCode.NOT_A_PASS),
        (lambda f: "eyJhbGciOi.x", VerdictCode.MALFORMED),
    ],
)
def test_refusals(kiosk: Kiosk, fake: FakeAtrium, make, code: VerdictCode) -> None:
    verdict = kiosk.checkin.check_in(make(fake))
    assert verdict.code == code and not verdict.accepted
    assert kiosk.store.count("queue") == 0
    assert kiosk.store.count("audit", "code = ?", (str(code),)) == 1


def test_unknown_key_until_the_next_pull_brings_the_rotated_key(
    real_kiosk: Kiosk, real: RealAtrium
) -> None:
    kiosk = real_kiosk
    old, _ = real.make_pass()
    real.rotate_keys()
    new, _ = real.make_pass()  # signed with the new key
    assert kiosk.checkin.verify(new).code == VerdictCode.UNKNOWN_KEY
    assert kiosk.sync.run_once().ok
    assert kiosk.checkin.check_in(old).accepted
    assert kiosk.checkin.check_in(new).accepted


def test_cancelled_visit_is_refused_after_the_next_pull(
    real_kiosk: Kiosk, real: RealAtrium
) -> None:
    kiosk = real_kiosk
    text, claims = real.make_pass()
    real.cancel(claims.visit_id)
    assert kiosk.checkin.verify(text).code == VerdictCode.ACCEPTED
    assert kiosk.sync.run_once().ok
    assert kiosk.checkin.check_in(text).code == VerdictCode.REVOKED


def test_not_paired_and_stale_trust_send_the_visitor_to_reception(
    unpaired_kiosk: Kiosk, fake: FakeAtrium
) -> None:
    text, _ = fake.make_pass()
    assert unpaired_kiosk.checkin.check_in(text).code == VerdictCode.KIOSK_NOT_PAIRED
    unpaired_kiosk.pair("https://atrium.test", fake.code)
    unpaired_kiosk.store.set("trust_refreshed_at", time.time() - 259200 - 10)
    verdict = unpaired_kiosk.checkin.check_in(text)
    assert verdict.code == VerdictCode.TRUST_DATA_STALE
    assert verdict.verdict_class == "see_reception"
    assert unpaired_kiosk.status().trust_stale
    assert unpaired_kiosk.sync.run_once().ok
    assert unpaired_kiosk.checkin.check_in(text).accepted


def test_corrected_clock_decides_validity(kiosk: Kiosk, fake: FakeAtrium) -> None:
    # The local clock is 3 h behind: only the corrected clock sees that the pass expired.
    now = int(time.time())
    text, _ = fake.make_pass(nbf=now - 3600, exp=now + 3600)
    kiosk.store.set("clock_offset", 3 * 3600.0)
    assert kiosk.checkin.verify(text).code == VerdictCode.EXPIRED


def test_a_write_failure_leaves_nothing_half_written(kiosk: Kiosk, fake: FakeAtrium) -> None:
    text, _ = fake.make_pass()
    kiosk.store.conn.execute(
        "CREATE TRIGGER fail_audit BEFORE INSERT ON audit BEGIN "
        "SELECT RAISE(ABORT, 'disk I/O error'); END"
    )
    with pytest.raises(StoreError, match="nothing was saved"):
        kiosk.checkin.check_in(text)
    assert kiosk.store.count("used_passes") == 0 and kiosk.store.count("queue") == 0
    kiosk.store.conn.execute("DROP TRIGGER fail_audit")
    assert kiosk.checkin.check_in(text).accepted


def test_concurrent_check_ins_of_one_pass_accept_exactly_once(
    kiosk: Kiosk, fake: FakeAtrium
) -> None:
    import threading

    text, _ = fake.make_pass()
    results: list[str] = []
    service = CheckinService(kiosk.store, kiosk.clock)

    def scan() -> None:
        results.append(str(service.check_in(text).code))

    threads = [threading.Thread(target=scan) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["accepted"] + ["already_used"] * 5
    assert kiosk.store.count("queue") == 1


def test_listener_hears_accepted_check_ins_only(kiosk: Kiosk, fake: FakeAtrium) -> None:
    heard = []
    kiosk.checkin.add_listener(heard.append)
    text, _ = fake.make_pass()
    kiosk.checkin.check_in(text)
    kiosk.checkin.check_in(text)
    kiosk.checkin.check_in("nonsense")
    assert [v.code for v in heard] == [VerdictCode.ACCEPTED]


def test_sqlite_error_while_verifying_is_a_store_error(kiosk: Kiosk, monkeypatch) -> None:
    def broken(*_a, **_k):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(kiosk.checkin, "_judge", broken)
    with pytest.raises(StoreError):
        kiosk.checkin.verify("x")


def test_a_failing_listener_does_not_turn_a_recorded_check_in_into_an_error(
    kiosk: Kiosk, fake: FakeAtrium, caplog: pytest.LogCaptureFixture
) -> None:
    heard: list[str] = []

    def broken(verdict: object) -> None:
        raise RuntimeError("listener bug")

    kiosk.checkin.add_listener(broken)
    kiosk.checkin.add_listener(lambda verdict: heard.append(str(verdict.code)))  # type: ignore[attr-defined]
    text = fake.make_pass()[0]
    assert kiosk.checkin.check_in(text).accepted
    assert heard == ["accepted"] and kiosk.sync.queue_depth() == 1
    assert "check-in listener failed" in caplog.text and text not in caplog.text


def test_a_clock_set_back_since_the_last_sync_refuses_until_the_next_sync(
    kiosk: Kiosk, fake: FakeAtrium, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Set back by 6 h, the stored offset would make an expired pass look valid."""
    now = int(time.time())
    expired, _ = fake.make_pass(nbf=now - 8 * 3600, exp=now - 3600)
    monkeypatch.setattr(kiosk.clock, "local_time", lambda: time.time() - 6 * 3600)
    assert kiosk.checkin.verify(expired).code == VerdictCode.TRUST_DATA_STALE
    monkeypatch.setattr(kiosk.clock, "local_time", lambda: time.time() - 200)  # an NTP nudge
    assert kiosk.checkin.verify(expired).code == VerdictCode.EXPIRED
