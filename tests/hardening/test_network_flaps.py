"""Network cut and restored through a flaky proxy: nothing lost, backoff in the status, idle CPU."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.faults import FlakyProxy, flap, free_port, thread_cpu_seconds
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk, KioskStatus
from server_stub.embedded import EmbeddedServer

KIOSKS = 5
CHECKINS_PER_KIOSK = 30


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    srv = EmbeddedServer(tmp_path / "server").start()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def proxy(server: EmbeddedServer) -> Iterator[FlakyProxy]:
    flaky = FlakyProxy(server.port, delay_s=0.3).start()
    try:
        yield flaky
    finally:
        flaky.close()


def paired_kiosk(tmp_path: Path, name: str, server: EmbeddedServer, url: str) -> Kiosk:
    config = KioskConfig(data_dir=tmp_path / name.replace(" ", "_"), credential_store="memory")
    kiosk = Kiosk.open(config, credentials=MemoryCredentialStore())
    kiosk.pair(url, server.pairing_code(name), ca_cert=server.ca_cert)
    return kiosk


def wait_until(condition: object, timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(step)
    return False


@pytest.mark.slow
def test_flapping_network_loses_and_doubles_nothing_and_shows_backoff(
    tmp_path: Path, server: EmbeddedServer, proxy: FlakyProxy
) -> None:
    kiosks = [paired_kiosk(tmp_path, f"Lobby {n}", server, proxy.url) for n in range(KIOSKS)]
    statuses: list[KioskStatus] = []
    lock = threading.Lock()

    def record(status: KioskStatus) -> None:
        with lock:
            statuses.append(status)

    runners = [
        k.runner(on_status=record, interval_s=0.5, base_delay_s=0.2, max_delay_s=1.5)
        for k in kiosks
    ]
    visits = [[server.create_visit(visitor=f"V{k}-{i}") for i in range(CHECKINS_PER_KIOSK)]
              for k in range(KIOSKS)]
    try:
        for runner in runners:
            runner.start()
        flapper = threading.Thread(
            target=flap, args=(proxy, 8, random.Random(7), (0.3, 1.0)), daemon=True
        )
        flapper.start()
        for i in range(CHECKINS_PER_KIOSK):
            for kiosk, own in zip(kiosks, visits, strict=True):
                assert kiosk.checkin.check_in(own[i]["pass"]).accepted  # offline or not
            time.sleep(0.05)
        flapper.join(timeout=120)
        proxy.set_mode("pass")
        for runner in runners:
            runner.trigger(force=True)
        assert wait_until(lambda: all(k.sync.queue_depth() == 0 for k in kiosks), 90)
    finally:
        for runner in runners:
            runner.stop()

    uses: dict[str, int] = {}
    for row in server.checkins():
        uses[row["jti"]] = uses.get(row["jti"], 0) + 1
    assert uses == {v["jti"]: 1 for own in visits for v in own}
    for kiosk in kiosks:
        assert {r[0] for r in kiosk.store.conn.execute("SELECT status FROM queue")} == {"accepted"}
        kiosk.close()
    offline = [s for s in statuses if s.online is False]
    assert offline, "no status ever showed the kiosk offline"
    assert any(s.next_retry_at is not None and s.last_error for s in offline)
    assert proxy.connections > 0


def test_offline_runner_backs_off_without_a_busy_loop(
    tmp_path: Path, server: EmbeddedServer
) -> None:
    port = free_port()  # nothing listens here: connection refused at once
    kiosk = paired_kiosk(tmp_path, "Lobby 1", server, server.url)
    identity = kiosk.store.get("identity")
    assert isinstance(identity, dict)
    kiosk.store.set("identity", {**identity, "server_url": f"https://127.0.0.1:{port}"})
    assert kiosk.checkin.check_in(server.create_visit()["pass"]).accepted
    statuses: list[KioskStatus] = []
    runner = kiosk.runner(on_status=statuses.append, interval_s=0.5, base_delay_s=0.2,
                          max_delay_s=2.0)
    try:
        runner.start()
        assert wait_until(lambda: runner.failures >= 2, 30)
        cpu_before = thread_cpu_seconds(runner)
        process_before = time.process_time()
        time.sleep(8.0)
        cpu = thread_cpu_seconds(runner)
        used = (cpu - cpu_before) if cpu is not None and cpu_before is not None else (
            time.process_time() - process_before
        )
        rounds = runner.failures
    finally:
        runner.stop()
    # A busy loop would burn ~8 s of CPU; a backing-off runner needs a few hundredths.
    assert used < 1.0, f"the offline runner used {used:.2f} s CPU in 8 s"
    assert rounds < 40, f"{rounds} sync attempts in ~8 s offline: no backoff"
    last = statuses[-1]
    assert last.online is False and last.queue_depth == 1
    assert last.next_retry_at is not None and last.last_error
    kiosk.close()
