"""Where the device token lives: the OS keyring, an opt-in 0600 file, or memory (tests, demo)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import threading
from pathlib import Path
from typing import Protocol

import keyring
import keyring.backend
import keyring.errors

from kiosk_app.core.config import shown
from kiosk_app.core.files import write_private_file

SERVICE_NAME = "atrium-kiosk"
TOKEN_FILE = "device-token"  # noqa: S105 (a file name)
_PROBE_USER = "atrium-kiosk-probe"

KEYRING_FIXES = (
    "Fix it by installing and unlocking a Secret Service (for example gnome-keyring or KWallet "
    "on Linux; Windows and macOS have one built in), or opt in to a token file readable only "
    "by this user with --credential-store file (or ATRIUM_CREDENTIAL_STORE=file)."
)


class CredentialError(Exception):
    """The device token cannot be stored or read; the message names the fix."""


class CredentialStore(Protocol):
    """Keeps one secret: this kiosk's device token."""

    kind: str

    def get_token(self) -> str | None: ...

    def set_token(self, token: str) -> None: ...

    def delete_token(self) -> None: ...


def kiosk_username(data_dir: Path) -> str:
    """A keyring user name unique to a data dir, so two kiosks on one machine do not clash."""
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()
    return f"device-{digest[:16]}"


def _unusable_backend(backend: keyring.backend.KeyringBackend) -> bool:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return True
    if isinstance(backend, chainer.ChainerBackend):
        return not backend.backends
    return False


class KeyringCredentialStore:
    """The OS keyring under service "atrium-kiosk"; refuses fail/null backends and failed probes."""

    kind = "keyring"

    def __init__(self, data_dir: Path, *, service: str = SERVICE_NAME):
        self.service = service
        self.username = kiosk_username(data_dir)
        self.backend = keyring.get_keyring()
        if _unusable_backend(self.backend):
            raise CredentialError(
                f"No usable keyring backend is available ({type(self.backend).__module__}). "
                + KEYRING_FIXES
            )
        self._probe()

    def _probe(self) -> None:
        value = secrets.token_urlsafe(16)
        try:
            self.backend.set_password(self.service, _PROBE_USER, value)
            read_back = self.backend.get_password(self.service, _PROBE_USER)
            with contextlib.suppress(keyring.errors.KeyringError):
                self.backend.delete_password(self.service, _PROBE_USER)
        except Exception as exc:  # any backend failure means the keyring is not usable
            raise CredentialError(
                f"The keyring ({type(self.backend).__name__}) failed a write/read test: "
                f"{type(exc).__name__}. " + KEYRING_FIXES
            ) from None
        if read_back != value:
            raise CredentialError(
                f"The keyring ({type(self.backend).__name__}) did not return what was stored. "
                + KEYRING_FIXES
            )

    def get_token(self) -> str | None:
        try:
            return self.backend.get_password(self.service, self.username)
        except Exception as exc:
            raise CredentialError(
                f"Cannot read the device token from the keyring: {type(exc).__name__}. "
                + KEYRING_FIXES
            ) from None

    def set_token(self, token: str) -> None:
        try:
            self.backend.set_password(self.service, self.username, token)
        except Exception as exc:
            raise CredentialError(
                f"Cannot store the device token in the keyring: {type(exc).__name__}. "
                + KEYRING_FIXES
            ) from None

    def delete_token(self) -> None:
        try:
            self.backend.delete_password(self.service, self.username)
        except keyring.errors.PasswordDeleteError:
            return  # nothing stored
        except Exception as exc:
            raise CredentialError(
                f"Cannot remove the device token from the keyring: {type(exc).__name__}."
            ) from None


class FileCredentialStore:
    """An explicit opt-in: the token in a file of the data dir, readable only by its owner."""

    kind = "file"

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / TOKEN_FILE

    def get_token(self) -> str | None:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return None
        if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise CredentialError(
                f"{self.path} can be read by other users; run `chmod 600 {self.path}` "
                "or pair the kiosk again."
            )
        try:
            token = self.path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise CredentialError(f"Cannot read {self.path}: {exc.strerror or exc}.") from None
        return token or None

    def set_token(self, token: str) -> None:
        try:
            write_private_file(self.path, token)
        except OSError as exc:
            raise CredentialError(
                f"Cannot write the device token to {self.path}: {exc.strerror or exc}."
            ) from None

    def delete_token(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise CredentialError(f"Cannot delete {self.path}: {exc.strerror or exc}.") from None


class MemoryCredentialStore:
    """Keeps the token in this process only (tests and the demo)."""

    kind = "memory"

    def __init__(self, token: str | None = None):
        self._token = token
        self._lock = threading.Lock()

    def get_token(self) -> str | None:
        with self._lock:
            return self._token

    def set_token(self, token: str) -> None:
        with self._lock:
            self._token = token

    def delete_token(self) -> None:
        with self._lock:
            self._token = None


def make_credential_store(kind: str, data_dir: Path) -> CredentialStore:
    """The store a config names; the keyring store checks its backend at once."""
    if kind == "keyring":
        return KeyringCredentialStore(data_dir)
    if kind == "file":
        return FileCredentialStore(data_dir)
    if kind == "memory":
        return MemoryCredentialStore()
    raise CredentialError(f"Unknown credential store {shown(kind)}; use keyring, file or memory.")
