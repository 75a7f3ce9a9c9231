"""SIGKILL the real server process at random points while 5 kiosks push and pull: nothing lost."""

from __future__ import annotations

import random
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.faults import ServerProcess
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk

KIOSKS = 5
CHECKINS_PER_KIOSK = 40
SHARED_PASSES = 5  # shown at two kiosks each: one ledger row, one duplicate
KILLS = 6

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]


@pytest.fixture
def server(tmp_path: Path, server_database: tuple[str, str] | None) -> Iterator[ServerProcess]:
    urls = server_database or (None, None)
    process = ServerProcess(tmp_path / "server", database_url=urls[0], owner_url=urls[1])
    process.start()
    try:
        yield process
    finally:
        process.close()


def open_kiosks(tmp_path: Path, url: str, ca_cert: Path, server: ServerProcess) -> list[Kiosk]:
    kiosks = []
    for number in range(1, KIOSKS + 1):
        name = f"Lobby {number}"
        config = KioskConfig(data_dir=tmp_path / f"kiosk{number}", credential_store="memory")
        kiosk = Kiosk.open(config, credentials=MemoryCredentialStore())
        kiosk.pair(url, server.admin.pairing_code(name), ca_cert=ca_cert)
        assert kiosk.sync.run_once().ok
        kiosks.append(kiosk)
    return kiosks


def drain(kiosks: list[Kiosk], rounds: int = 20) -> None:
    for _ in range(rounds):
        if all(k.sync.run_once().ok and k.sync.queue_depth() == 0 for k in kiosks):
            return
        time.sleep(0.5)


def ledger_uses(server: ServerProcess) -> dict[str, int]:
    uses: dict[str, int] = {}
    for row in server.admin.checkins():
        uses[row["jti"]] = uses.get(row["jti"], 0) + 1
    return uses


def scan_and_sync(
    kiosk: Kiosk, passes: list[str], rng: random.Random, done: threading.Event, errors: list[str]
) -> None:
    """Scan the passes spread over the kill period, syncing as it goes, then keep syncing."""
    try:
        for text in passes:
            verdict = kiosk.checkin.check_in(text)
            if not verdict.accepted:
                errors.append(f"{kiosk.identity.kiosk_name}: {verdict.code}")  # type: ignore[union-attr]
            if rng.random() < 0.5:
                kiosk.sync.run_once()  # push and pull; fails while the server is down
            time.sleep(rng.uniform(0.05, 0.3))
        while not done.wait(rng.uniform(0.05, 0.2)):
            kiosk.sync.run_once()
    except Exception as exc:  # reported by the test, not lost in a thread
        errors.append(repr(exc))


def test_server_killed_at_random_points_loses_and_doubles_nothing(
    tmp_path: Path, server: ServerProcess
) -> None:
    rng = random.Random(6)
    kiosks = open_kiosks(tmp_path, server.url, server.ca_cert, server)
    try:
        own = [[server.admin.create_visit(visitor=f"V{k}-{i}") for i in range(CHECKINS_PER_KIOSK)]
               for k in range(KIOSKS)]
        shared = [server.admin.create_visit(visitor=f"Shared {i}") for i in range(SHARED_PASSES)]
        plans = [[v["pass"] for v in visits] for visits in own]
        for i, visit in enumerate(shared):  # the same pass shown at two different kiosks
            plans[i % KIOSKS].append(visit["pass"])
            plans[(i + 1) % KIOSKS].append(visit["pass"])
        errors: list[str] = []
        done = threading.Event()
        workers = [
            threading.Thread(
                target=scan_and_sync, args=(k, plan, random.Random(n), done, errors)
            )
            for n, (k, plan) in enumerate(zip(kiosks, plans, strict=True))
        ]
        for worker in workers:
            worker.start()
        for _ in range(KILLS):
            time.sleep(rng.uniform(0.2, 1.2))
            server.kill()
            time.sleep(rng.uniform(0.1, 0.8))
            server.start()
        done.set()
        for worker in workers:
            worker.join(timeout=300)
        assert errors == []
        drain(kiosks)

        assert server.kills == KILLS
        uses = ledger_uses(server)
        every_pass = [v["jti"] for visits in own for v in visits] + [v["jti"] for v in shared]
        assert uses == dict.fromkeys(every_pass, 1), "a check-in is missing or doubled"
        for kiosk in kiosks:
            assert kiosk.sync.queue_depth() == 0
            statuses = {row[0] for row in kiosk.store.conn.execute("SELECT status FROM queue")}
            assert statuses <= {"accepted", "duplicate"}
        duplicates = sum(k.store.count("queue", "status = 'duplicate'") for k in kiosks)
        assert duplicates == SHARED_PASSES
    finally:
        for kiosk in kiosks:
            kiosk.close()
