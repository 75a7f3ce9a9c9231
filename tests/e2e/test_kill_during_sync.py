"""End to end: SIGKILL the kiosk process in the middle of a sync; nothing lost, nothing doubled."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.store import DB_FILE
from server_stub.embedded import EmbeddedServer
from tests.e2e.conftest import uses_per_pass

REPO = Path(__file__).resolve().parents[2]
CHECKINS = 4000


def answered(db: Path) -> int:
    """Events the kiosk has stored an answer for (read-only peek at the kiosk's database)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM queue WHERE status != 'pending'").fetchone()[
                0
            ]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_sync_then_sync_again_loses_and_doubles_nothing(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk("Lobby 1", store="file")
    passes = [server.create_visit(visitor=f"Visitor {i}") for i in range(CHECKINS)]
    for visit in passes:
        assert kiosk.checkin.check_in(visit["pass"]).accepted
    data_dir = kiosk.config.data_dir
    kiosk.close()

    command = [
        sys.executable,
        "-m",
        "kiosk_app",
        "--data-dir",
        str(data_dir),
        "--credential-store",
        "file",
        "sync",
    ]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while answered(data_dir / DB_FILE) == 0 and process.poll() is None:
            assert time.monotonic() < deadline, "the sync never stored an answer"
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        process.stdout.close()  # type: ignore[union-attr]
        process.stderr.close()  # type: ignore[union-attr]
    assert process.returncode == -signal.SIGKILL, "the sync ended before it could be killed"
    left_pending = CHECKINS - answered(data_dir / DB_FILE)
    assert 0 < left_pending < CHECKINS  # killed in the middle

    restarted = make_kiosk("Lobby 1", pair=False, store="file")
    assert restarted.paired and restarted.status().queue_depth == left_pending
    report = restarted.sync.run_once()
    assert report.ok and report.duplicates == 0 and report.rejected == 0
    assert report.accepted == left_pending and report.queue_depth == 0
    statuses = dict(
        restarted.store.conn.execute(
            "SELECT status, COUNT(*) FROM queue GROUP BY status"
        ).fetchall()
    )
    assert statuses == {"accepted": CHECKINS}
    assert uses_per_pass(server) == {v["jti"]: 1 for v in passes}
