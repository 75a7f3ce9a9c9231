"""Fixtures for the hardening tests: paired kiosks over a fake server, and store inspection."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from tests.core.fake_server import URL, FakeAtrium

QUEUE_STATUSES = frozenset({"pending", "held", "accepted", "duplicate", "rejected"})


def open_paired_kiosk(data_dir: Path, fake: FakeAtrium) -> Kiosk:
    """A kiosk in ``data_dir`` paired with the in-process fake server."""
    config = KioskConfig(data_dir=data_dir, credential_store="memory")
    kiosk = Kiosk.open(config, credentials=MemoryCredentialStore(), transport=fake.transport)
    kiosk.pair(URL, fake.code, kiosk_name="Lobby 1")
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


@pytest.fixture
def paired_kiosk(tmp_path: Path, fake: FakeAtrium) -> Iterator[Kiosk]:
    kiosk = open_paired_kiosk(tmp_path / "kiosk", fake)
    try:
        yield kiosk
    finally:
        kiosk.close()
