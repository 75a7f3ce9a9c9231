"""Fixtures for the core tests: an in-memory keyring, a fake server and a paired kiosk."""

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
