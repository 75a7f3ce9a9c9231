"""End-to-end fixtures: the real server over HTTPS on 127.0.0.1 and kiosks paired with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from server_stub.embedded import EmbeddedServer


@pytest.fixture
def server(tmp_path: Path, server_database: tuple[str, str] | None) -> Iterator[EmbeddedServer]:
    """The real server over HTTPS, on SQLite and on PostgreSQL (``db_backend``)."""
    url = server_database[1] if server_database else None
    srv = EmbeddedServer(tmp_path / "server", database_url=url).start()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def make_kiosk(tmp_path: Path, server: EmbeddedServer) -> Iterator[Callable[..., Kiosk]]:
    opened: list[Kiosk] = []

    def make(name: str = "Lobby 1", *, pair: bool = True, store: str = "memory") -> Kiosk:
        config = KioskConfig(data_dir=tmp_path / name.replace(" ", "_"), credential_store=store)
        credentials = MemoryCredentialStore() if store == "memory" else None
        kiosk = Kiosk.open(config, credentials=credentials)
        opened.append(kiosk)
        if pair:
            kiosk.pair(server.url, server.pairing_code(kiosk_name=name), ca_cert=server.ca_cert)
        return kiosk

    yield make
    for kiosk in opened:
        kiosk.close()


def uses_per_pass(server: EmbeddedServer) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in server.checkins():
        counts[row["jti"]] = counts.get(row["jti"], 0) + 1
    return counts
