"""Credential stores: keyring (refuses unusable backends), 0600 file, memory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest

from kiosk_app.core import files
from kiosk_app.core.credentials import (
    SERVICE_NAME,
    CredentialError,
    FileCredentialStore,
    KeyringCredentialStore,
    MemoryCredentialStore,
    kiosk_username,
    make_credential_store,
)
from tests.core.conftest import InMemoryKeyring


def test_keyring_store_keeps_the_token_under_the_kiosk_service(
    tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    store = KeyringCredentialStore(tmp_path)
    assert store.get_token() is None
    store.set_token("secret-token")
    assert memory_keyring.passwords == {(SERVICE_NAME, kiosk_username(tmp_path)): "secret-token"}
    assert store.get_token() == "secret-token"
    store.delete_token()
    store.delete_token()  # deleting twice is fine
    assert store.get_token() is None


def test_two_kiosks_on_one_machine_do_not_share_a_token(
    tmp_path: Path, memory_keyring: InMemoryKeyring
) -> None:
    first = KeyringCredentialStore(tmp_path / "one")
    second = KeyringCredentialStore(tmp_path / "two")
    first.set_token("one")
    second.set_token("two")
    assert (first.get_token(), second.get_token()) == ("one", "two")


@pytest.mark.parametrize(
    "backend", [keyring.backends.null.Keyring(), keyring.backends.fail.Keyring()]
)
def test_null_and_fail_backends_are_refused_with_the_fixes(
    tmp_path: Path, backend: keyring.backend.KeyringBackend
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(CredentialError) as caught:
            make_credential_store("keyring", tmp_path)
    finally:
        keyring.set_keyring(previous)
    message = str(caught.value)
    assert "gnome-keyring" in message and "--credential-store file" in message


class ForgetfulKeyring(InMemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        return None


class BrokenKeyring(InMemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked collection")


@pytest.mark.parametrize("backend_class", [ForgetfulKeyring, BrokenKeyring])
def test_a_failing_probe_is_refused(tmp_path: Path, backend_class: type) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend_class())
    try:
        with pytest.raises(CredentialError, match="ATRIUM_CREDENTIAL_STORE=file"):
            KeyringCredentialStore(tmp_path)
    finally:
        keyring.set_keyring(previous)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_file_store_is_0600_and_atomic(tmp_path: Path) -> None:
    store = FileCredentialStore(tmp_path)
    assert store.get_token() is None
    store.set_token("first")
    store.set_token("second")
    assert store.get_token() == "second"
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["device-token"]  # no temp files left
    store.delete_token()
    assert store.get_token() is None


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_file_store_writes_through_the_one_private_file_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The token file is written like every private file: 0600 whatever the umask, the
    folder synced after the rename, and a failed write keeps the old token and no temp file."""
    synced: list[Path] = []
    monkeypatch.setattr(files, "_sync_directory", synced.append)
    store = FileCredentialStore(tmp_path)
    old_umask = os.umask(0)
    try:
        store.set_token("first")
    finally:
        os.umask(old_umask)
    assert synced == [tmp_path]
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600

    def no_space(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", no_space)
    with pytest.raises(CredentialError, match="No space left on device"):
        store.set_token("second")
    assert store.get_token() == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["device-token"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_file_store_refuses_a_token_file_others_can_read(tmp_path: Path) -> None:
    store = FileCredentialStore(tmp_path)
    store.set_token("t")
    store.path.chmod(0o644)
    with pytest.raises(CredentialError, match="chmod 600"):
        store.get_token()


def test_memory_store_and_factory(tmp_path: Path) -> None:
    assert isinstance(make_credential_store("memory", tmp_path), MemoryCredentialStore)
    assert isinstance(make_credential_store("file", tmp_path), FileCredentialStore)
    store = MemoryCredentialStore()
    store.set_token("x")
    assert store.get_token() == "x"
    store.delete_token()
    assert store.get_token() is None
    with pytest.raises(CredentialError):
        make_credential_store("plaintext", tmp_path)
