"""SyncRunner: backoff with full jitter while offline, trigger, quick stop, status callback."""

from __future__ import annotations

import random
import threading
import time

from kiosk_app.core.kiosk import Kiosk, KioskStatus
from kiosk_app.core.runner import SyncRunner
from kiosk_app.core.sync import SyncReport
from tests.core.real_server import RealAtrium


class ScriptedEngine:
    """Stands in for SyncEngine: answers from a list of error kinds (None = success)."""

    def __init__(self, kinds: list[str | None]):
        self.kinds = kinds
        self.calls = 0
        self.called = threading.Event()
        self.next_retry_at: float | None = None

    def run_once(self) -> SyncReport:
        kind = self.kinds[min(self.calls, len(self.kinds) - 1)]
        self.calls += 1
        self.called.set()
        report = SyncReport(started_at=time.time(), error_kind=kind)
        if kind == "throttled":
            report.retry_after = 120.0
        return report


def wait_for(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_backoff_doubles_up_to_the_cap_with_full_jitter() -> None:
    top = random.Random()
    top.uniform = lambda a, b: b  # type: ignore[method-assign]
    runner = SyncRunner(ScriptedEngine([None]), base_delay_s=2, max_delay_s=300, rng=top)
    unreachable = SyncReport(started_at=0, error_kind="unreachable")
    assert [runner.next_delay(unreachable) for _ in range(10)] == [
        4,
        8,
        16,
        32,
        64,
        128,
        256,
        300,
        300,
        300,
    ]
    assert runner.next_delay(SyncReport(started_at=0)) == runner.interval_s
    assert runner.failures == 0
    bottom = random.Random()
    bottom.uniform = lambda a, b: a  # type: ignore[method-assign]
    runner.rng = bottom
    assert runner.next_delay(unreachable) == 0.05  # never a zero-delay busy loop
    throttled = SyncReport(started_at=0, error_kind="throttled", retry_after=120)
    assert runner.next_delay(throttled) == 120


def test_jitter_stays_within_bounds() -> None:
    runner = SyncRunner(ScriptedEngine([None]), base_delay_s=1, max_delay_s=8)
    for failures in range(1, 12):
        delay = runner.backoff_delay(failures)
        assert 0 <= delay <= min(8, 2**failures)


def test_trigger_is_immediate_when_online_and_stop_joins_quickly() -> None:
    engine = ScriptedEngine([None])
    runner = SyncRunner(engine, interval_s=3600)
    runner.start()
    assert wait_for(lambda: engine.calls == 1)
    runner.trigger()
    assert wait_for(lambda: engine.calls == 2)
    assert engine.next_retry_at is not None and engine.next_retry_at > time.time() + 3000
    runner.stop(timeout=5)
    assert not runner.is_alive()


def test_offline_waits_for_the_backoff_instead_of_spinning() -> None:
    engine = ScriptedEngine(["unreachable"])
    runner = SyncRunner(engine, base_delay_s=600, max_delay_s=600, interval_s=3600)
    runner.rng.uniform = lambda a, b: b  # type: ignore[method-assign]
    runner.start()
    assert wait_for(lambda: runner.online is False)
    runner.trigger()  # a check-in while offline does not hammer the server
    time.sleep(0.2)
    assert engine.calls == 1
    runner.trigger(force=True)  # staff pressed "sync now"
    assert wait_for(lambda: engine.calls == 2)
    runner.stop(timeout=5)
    assert not runner.is_alive()


def test_status_callback_and_trigger_after_check_in(real_kiosk: Kiosk, real: RealAtrium) -> None:
    kiosk = real_kiosk
    statuses: list[KioskStatus] = []
    runner = kiosk.runner(on_status=statuses.append, interval_s=3600)
    runner.start()
    assert wait_for(lambda: len(statuses) >= 1)
    assert statuses[0].online is True and statuses[0].next_retry_at is not None
    assert kiosk.checkin.check_in(real.make_pass()[0]).accepted
    assert wait_for(lambda: len(real.checkins()) == 1)  # the check-in woke the runner
    assert wait_for(lambda: len(statuses) >= 2 and statuses[-1].queue_depth == 0)
    kiosk.close()  # stops its runners
    assert not runner.is_alive()


def test_a_failing_status_listener_does_not_stop_syncing() -> None:
    engine = ScriptedEngine([None])

    def explode(_status: object) -> None:
        raise RuntimeError("listener bug")

    runner = SyncRunner(engine, status_provider=lambda: None, on_status=explode, interval_s=3600)
    runner.start()
    assert wait_for(lambda: engine.calls == 1)
    runner.trigger()
    assert wait_for(lambda: engine.calls == 2)
    runner.stop()
    assert not runner.is_alive()


def test_a_new_runner_replaces_the_listener_of_a_stopped_one(kiosk: Kiosk) -> None:
    first = kiosk.runner(interval_s=3600)
    first.stop()
    second = kiosk.runner(interval_s=3600)
    assert len(kiosk.checkin._listeners) == 1
    kiosk.close()
    assert kiosk.checkin._listeners == [] and not second.is_alive()
