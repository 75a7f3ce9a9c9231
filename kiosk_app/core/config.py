"""Kiosk configuration: data dir, credential store and the optional kiosk.toml settings."""

from __future__ import annotations

import os
import reprlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import tomlkit
from tomlkit.exceptions import TOMLKitError

from kiosk_app.core.catalogue import LANGUAGES
from kiosk_app.core.files import write_private_file

APP_NAME = "atrium-kiosk"
CONFIG_FILE = "kiosk.toml"
ENV_HOME = "ATRIUM_KIOSK_HOME"
ENV_CREDENTIAL_STORE = "ATRIUM_CREDENTIAL_STORE"
CREDENTIAL_STORES = ("keyring", "file", "memory")
DECODERS = ("zxing", "pyzbar")
DEFAULT_RETENTION_DAYS = 7.0
_FILE_KEYS = frozenset({"server_url", "ca_cert", "language", "decoder", "camera", "retention_days"})
SAVED_KEYS = frozenset({"language", "decoder", "camera"})  # what staff choose on the admin panel


_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 60


class ConfigError(ValueError):
    """A configuration value the kiosk cannot use; the message says which and why."""


def shown(value: object) -> str:
    """A value as quoted in a message: its repr, shortened to about 60 characters."""
    return _SHOWN.repr(value)


@dataclass(frozen=True)
class KioskConfig:
    """Where the kiosk keeps its data and how it behaves; see ``KioskConfig.load``."""

    data_dir: Path
    credential_store: str = "keyring"
    server_url: str | None = None
    ca_cert: Path | None = None
    language: str | None = None  # None: not chosen, so the app follows the system language
    decoder: str = "zxing"
    camera: str = "0"
    retention_days: float = DEFAULT_RETENTION_DAYS

    def __post_init__(self) -> None:
        if self.credential_store not in CREDENTIAL_STORES:
            raise ConfigError(
                f"Unknown credential store {shown(self.credential_store)}; "
                f"choose one of: {', '.join(CREDENTIAL_STORES)}."
            )
        if self.language is not None and self.language not in LANGUAGES:
            raise ConfigError(
                f"Unknown language {shown(self.language)}; choose one of: {', '.join(LANGUAGES)}."
            )
        if self.decoder not in DECODERS:
            raise ConfigError(
                f"Unknown decoder {shown(self.decoder)}; choose one of: {', '.join(DECODERS)}."
            )
        if self.server_url is not None and not self.server_url.startswith("https://"):
            raise ConfigError(
                f"server_url must start with https:// (got {shown(self.server_url)})."
            )
        if not 0 < self.retention_days <= 3650:
            raise ConfigError("retention_days must be a number of days between 0 and 3650.")

    @property
    def retention_s(self) -> float:
        return self.retention_days * 86400.0

    @property
    def path(self) -> Path:
        """This kiosk's settings file (it need not exist)."""
        return self.data_dir / CONFIG_FILE

    @classmethod
    def load(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        credential_store: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> KioskConfig:
        """Data dir from the argument, ATRIUM_KIOSK_HOME or the platform dir; then kiosk.toml."""
        env = os.environ if env is None else env
        if data_dir is not None:
            directory = Path(data_dir)
        elif env.get(ENV_HOME):
            directory = Path(env[ENV_HOME])
        else:
            directory = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        store = credential_store or env.get(ENV_CREDENTIAL_STORE) or "keyring"
        path = directory.expanduser() / CONFIG_FILE
        values = read_config_file(path)
        try:
            return cls(data_dir=directory.expanduser(), credential_store=store, **values)  # type: ignore[arg-type]
        except ConfigError as exc:
            source = f" (settings from {path})" if values else ""
            raise ConfigError(f"{exc}{source}") from None


def read_config_file(path: Path) -> dict[str, object]:
    """The validated settings of a kiosk.toml; an absent file means no settings."""
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"Cannot read {path}: {exc.strerror or exc}") from None
    return _validated(path, raw)


def _validated(path: Path, raw: dict[str, object]) -> dict[str, object]:
    unknown = set(raw) - _FILE_KEYS
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; "
            f"known: {', '.join(sorted(_FILE_KEYS))}."
        )
    values: dict[str, object] = {}
    for key in ("server_url", "language", "decoder"):
        if key in raw:
            values[key] = _text(path, key, raw[key])
    if "camera" in raw:
        camera = raw["camera"]
        if isinstance(camera, bool) or not isinstance(camera, int | str):
            raise ConfigError(f"{path}: camera must be a device index or a path/URL text.")
        values["camera"] = str(camera)
    if "ca_cert" in raw:
        ca_cert = Path(_text(path, "ca_cert", raw["ca_cert"])).expanduser()
        values["ca_cert"] = ca_cert if ca_cert.is_absolute() else path.parent / ca_cert
    if "retention_days" in raw:
        days = raw["retention_days"]
        if isinstance(days, bool) or not isinstance(days, int | float):
            raise ConfigError(f"{path}: retention_days must be a number of days.")
        values["retention_days"] = float(days)
    return values


def _text(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: {key} must be a non-empty text value.")
    return value.strip()


def save_settings(path: Path, values: Mapping[str, str]) -> None:
    """Writes ``values`` (language, decoder, camera) into kiosk.toml, keeping all else in it.

    Other keys, comments and layout stay as they were; the file is replaced atomically with mode
    0600. ConfigError, with nothing changed, if a value is not allowed or the file cannot be
    read or written.
    """
    unknown = set(values) - SAVED_KEYS
    if unknown:
        raise ConfigError(f"Only {', '.join(sorted(SAVED_KEYS))} can be saved, not {unknown}.")
    if not str(values.get("camera", "0")).strip():
        raise ConfigError("camera must be a device index or a path/URL text.")
    KioskConfig(data_dir=path.parent, **values)  # type: ignore[arg-type]  # checks the values
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc}); the choice was not saved.") from None
    for key, value in values.items():
        document[key] = int(value) if key == "camera" and value.isdigit() else value
    new_text = tomlkit.dumps(document)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private_file(path, new_text)
    except OSError as exc:
        raise ConfigError(f"Cannot save {path}: {exc.strerror or exc}.") from None

