"""The wall clock jumps by hours: verdicts use the server-corrected clock, the jump is flagged."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from kiosk_app.core import checkin, client, sync
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.verdicts import VerdictCode
from tests.core.real_server import RealAtrium

HOUR = 3600.0
REAL_TIME = time.time


class JumpingWallClock:
    """The kiosk's idea of 'now': the real time plus a jump set by the test."""

    def __init__(self) -> None:
        self.jump = 0.0

    def time(self) -> float:
        return REAL_TIME() + self.jump


@pytest.fixture
def wall(paired_kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> JumpingWallClock:
    clock = JumpingWallClock()
    for module in (client, sync, checkin):  # every core module that reads the wall clock
        monkeypatch.setattr(module, "time", SimpleNamespace(time=clock.time))
    monkeypatch.setattr(paired_kiosk.clock, "local_time", clock.time)
    monkeypatch.setattr(paired_kiosk.store, "now", clock.time)
    return clock


@pytest.mark.parametrize("jump_h", [-9, -3, 3, 9], ids=lambda h: f"{h:+d}h")
def test_after_a_jump_the_next_sync_corrects_verdicts_and_flags_the_skew(
    paired_kiosk: Kiosk, real: RealAtrium, wall: JumpingWallClock, jump_h: int
) -> None:
    assert paired_kiosk.sync.run_once().ok
    assert not paired_kiosk.status().clock_skew_flagged
    now = int(REAL_TIME())
    current, _ = real.make_pass(nbf=now - 600, exp=now + 2 * int(HOUR))
    expired, _ = real.make_pass(nbf=now - 5 * int(HOUR), exp=now - 4 * int(HOUR))
    later, _ = real.make_pass(nbf=now + 4 * int(HOUR), exp=now + 5 * int(HOUR))

    wall.jump = jump_h * HOUR
    report = paired_kiosk.sync.run_once()  # the server tells the real time
    assert report.ok, report.error
    status = paired_kiosk.status()
    assert status.clock_skew_flagged == (abs(jump_h) * HOUR > 7200)
    assert abs(status.clock_offset_s + jump_h * HOUR) < 60
    assert abs(paired_kiosk.clock.now() - REAL_TIME()) < 60

    assert paired_kiosk.checkin.verify(expired).code == VerdictCode.EXPIRED
    assert paired_kiosk.checkin.verify(later).code == VerdictCode.NOT_YET_VALID
    verdict = paired_kiosk.checkin.check_in(current)
    assert verdict.accepted
    row = paired_kiosk.store.conn.execute(
        "SELECT scanned_at, scanned_at_local FROM queue WHERE jti = ?", (verdict.jti,)
    ).fetchone()
    assert abs(row["scanned_at"] - REAL_TIME()) < 60  # corrected time goes to the server
    assert abs(row["scanned_at_local"] - wall.time()) < 60  # the raw local time is kept too
    assert paired_kiosk.sync.run_once().accepted == 1


def test_a_jump_far_beyond_the_trust_window_refuses_until_the_server_is_heard(
    paired_kiosk: Kiosk, real: RealAtrium, wall: JumpingWallClock
) -> None:
    assert paired_kiosk.sync.run_once().ok
    text, _ = real.make_pass()
    wall.jump = 100 * HOUR  # past the 72 h trust window: the local clock alone cannot be trusted
    assert paired_kiosk.checkin.verify(text).code == VerdictCode.TRUST_DATA_STALE
    assert paired_kiosk.sync.run_once().ok
    assert paired_kiosk.checkin.verify(text).accepted
    assert paired_kiosk.status().clock_skew_flagged


def test_a_jump_back_between_two_syncs_keeps_single_use(
    paired_kiosk: Kiosk, real: RealAtrium, wall: JumpingWallClock
) -> None:
    assert paired_kiosk.sync.run_once().ok
    text, _ = real.make_pass()
    assert paired_kiosk.checkin.check_in(text).accepted
    wall.jump = -6 * HOUR
    assert paired_kiosk.sync.run_once().ok
    assert paired_kiosk.checkin.check_in(text).code == VerdictCode.ALREADY_USED
    assert paired_kiosk.store.count("queue") == 1 and len(real.checkins()) == 1
