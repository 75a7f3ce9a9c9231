"""Fixtures for the hardening tests: kiosks paired with the real server app, and store checks.

``paired_kiosk`` talks to the real server in process (``tests/core/real_server.py``). Only the
hostile-answer fuzzing keeps the fake server (``tests/core/fake_server.py``): a real server
cannot be made to send malformed pull and push answers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from tests.core.fake_server import FakeAtrium
from tests.core.real_server import URL, RealAtrium

QUEUE_STATUSES = frozenset({"pending", "held", "accepted", "duplicate", "rejected"})


def open_paired_kiosk(data_dir: Path, transport: httpx.BaseTransport, code: str) -> Kiosk:
    """A kiosk in ``data_dir`` paired through ``transport`` (the real or the fake server)."""
    config = KioskConfig(data_dir=data_dir, credential_store="memory")
    kiosk = Kiosk.open(config, credentials=MemoryCredentialStore(), transport=transport)
    kiosk.pair(URL, code, kiosk_name="Lobby 1")
    return kiosk


def queue_rows(kiosk: Kiosk) -> dict[str, str]:
    """event_id -> status of every queued check-in."""
    rows = kiosk.store.conn.execute("SELECT event_id, status FROM queue").fetchall()
    return {row["event_id"]: row["status"] for row in rows}


def assert_kiosk_state_sane(kiosk: Kiosk) -> None:
    """Status is readable, the clock offset is a finite number, queue statuses are known."""
    status = kiosk.status()
    assert math.isfinite(status.clock_offset_s), status.clock_offset_s
    assert set(queue_rows(kiosk).values()) <= QUEUE_STATUSES


@pytest.fixture
def fake() -> FakeAtrium:
    return FakeAtrium()


@pytest.fixture(scope="session")
def real_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initialised server data dir (key generation once); tests get copies."""
    data_dir = tmp_path_factory.mktemp("hardening-server") / "server"
    RealAtrium(data_dir).close()
    return data_dir


@pytest.fixture
def real(tmp_path: Path, real_template: Path) -> Iterator[RealAtrium]:
    server = RealAtrium.copy_of(real_template, tmp_path / "server")
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def paired_kiosk(tmp_path: Path, real: RealAtrium) -> Iterator[Kiosk]:
    kiosk = open_paired_kiosk(tmp_path / "kiosk", real.transport, real.code("Lobby 1"))
    try:
        yield kiosk
    finally:
        kiosk.close()
