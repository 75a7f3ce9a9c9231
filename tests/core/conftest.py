"""Fixtures for the core tests: an in-memory keyring, the real and a fake server, paired kiosks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from tests.core.fake_server import URL, FakeAtrium
from tests.core.flow_fake import FlowAtrium, document
from tests.core.real_server import URL as REAL_URL
from tests.core.real_server import RealAtrium

NDA_EN = "<h1>NDA</h1><p>{{visitor_name}} of {{company}} visits {{host_name}} at {{site_name}}.</p>"
NDA_DE = "<h1>NDA</h1><p>{{visitor_name}} von {{company}} besucht {{host_name}}.</p>"


class InMemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend that keeps passwords in a dict (tests never touch the real keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


@pytest.fixture
def memory_keyring() -> Iterator[InMemoryKeyring]:
    previous = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def fake() -> FakeAtrium:
    return FakeAtrium()


@pytest.fixture
def config(tmp_path: Path) -> KioskConfig:
    return KioskConfig(data_dir=tmp_path / "kiosk", credential_store="memory")


@pytest.fixture
def unpaired_kiosk(config: KioskConfig, fake: FakeAtrium) -> Iterator[Kiosk]:
    kiosk = Kiosk.open(config, credentials=MemoryCredentialStore(), transport=fake.transport)
    try:
        yield kiosk
    finally:
        kiosk.close()


@pytest.fixture
def kiosk(unpaired_kiosk: Kiosk, fake: FakeAtrium) -> Kiosk:
    unpaired_kiosk.pair(URL, fake.code, kiosk_name="Lobby 1")
    return unpaired_kiosk


@pytest.fixture(scope="session")
def server_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initialised server data dir (argon2 and key generation once); tests get copies."""
    data_dir = tmp_path_factory.mktemp("server-template") / "server"
    RealAtrium(data_dir).close()
    return data_dir


@pytest.fixture
def real(tmp_path: Path, server_template: Path) -> Iterator[RealAtrium]:
    """The real server app in process (see tests/core/real_server.py)."""
    server = RealAtrium.copy_of(server_template, tmp_path / "server")
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def real_kiosk(config: KioskConfig, real: RealAtrium) -> Iterator[Kiosk]:
    """A kiosk paired with the real server app as "Lobby 1"."""
    kiosk = Kiosk.open(config, credentials=MemoryCredentialStore(), transport=real.transport)
    try:
        kiosk.pair(REAL_URL, real.code("Lobby 1"), kiosk_name="Lobby 1")
        yield kiosk
    finally:
        kiosk.close()


@pytest.fixture
def flow() -> FlowAtrium:
    """The fake server with two documents, two hosts and walk-ins switched on."""
    return FlowAtrium(
        documents=[
            document("D1", 3, 1, {"en": ("NDA", NDA_EN), "de": ("Geheimhaltung", NDA_DE)}),
            document("D2", 1, 2, {"de": ("Sicherheit", "<p>Helm tragen</p>")}),
        ],
        hosts=[
            {"host_id": "H1", "name": "Grace Hopper"},
            {"host_id": "H2", "name": "Jürgen Weiß"},
        ],
    )


@pytest.fixture
def flow_kiosk(config: KioskConfig, flow: FlowAtrium) -> Iterator[Kiosk]:
    """A kiosk paired with ``flow`` that has pulled once."""
    kiosk = Kiosk.open(config, credentials=MemoryCredentialStore(), transport=flow.transport)
    try:
        kiosk.pair(URL, flow.code, kiosk_name="Lobby 1")
        assert kiosk.sync.run_once().ok
        yield kiosk
    finally:
        kiosk.close()
