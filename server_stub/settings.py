"""The server's settings in one object, read from flags and the environment (flags win)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from server_stub.store.engine import default_url, parse_url

if TYPE_CHECKING:
    from server_stub.mail.smtp import SmtpConfig

ENV_HOME = "ATRIUM_SERVER_HOME"
ENV_DATABASE_URL = "ATRIUM_DATABASE_URL"
ENV_HOST = "ATRIUM_SERVER_HOST"
ENV_PORT = "ATRIUM_SERVER_PORT"
ENV_WORKERS = "ATRIUM_SERVER_WORKERS"
ENV_CERT = "ATRIUM_SERVER_CERT"
ENV_KEY = "ATRIUM_SERVER_KEY"
ENV_SMTP_URL = "ATRIUM_SMTP_URL"
ENV_SMTP_FROM = "ATRIUM_SMTP_FROM"
ENV_SMTP_CA_FILE = "ATRIUM_SMTP_CA_FILE"
ENV_SMTP_TIMEOUT = "ATRIUM_SMTP_TIMEOUT"
ENV_WEBHOOK_CA_FILE = "ATRIUM_WEBHOOK_CA_FILE"
ENV_PURGE_INTERVAL = "ATRIUM_PURGE_INTERVAL_S"
DEFAULT_PURGE_INTERVAL_S = 3600.0
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8443
MAX_WORKERS = 64


class SettingsError(ValueError):
    """A setting that cannot be used (one line for the operator)."""


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("atrium-server", appauthor=False))


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything the server is configured with. The data dir holds keys, TLS files and the
    CA with either backend, and the SQLite database unless ``database_url`` names another."""

    data_dir: Path
    database_url: str | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = 1
    certfile: Path | None = None
    keyfile: Path | None = None
    smtp_url: str | None = dataclasses.field(default=None, repr=False)  # may hold a password
    smtp_from: str | None = None
    smtp_ca_file: Path | None = None  # a private CA for the mail server's certificate
    smtp_timeout: float = 30.0
    webhook_ca_file: Path | None = None  # a private CA of the sites' webhook receivers
    purge_interval_s: float = DEFAULT_PURGE_INTERVAL_S  # the retention purge; 0: off

    def __post_init__(self) -> None:
        if self.database_url:
            parse_url(self.database_url)  # a bad URL fails here, with one line
        if not 0 <= self.port <= 65535:
            raise SettingsError(f"port {self.port} is not between 0 and 65535")
        if not 1 <= self.workers <= MAX_WORKERS:
            raise SettingsError(f"workers must be between 1 and {MAX_WORKERS}")
        if (self.certfile is None) != (self.keyfile is None):
            raise SettingsError(
                f"give both --cert and --key ({ENV_CERT}, {ENV_KEY}), or neither"
            )
        if not 0 <= self.purge_interval_s <= 7 * 86400:
            raise SettingsError("the purge interval must be 0 (off) to 604800 seconds")
        if self.smtp_url:
            self.smtp()  # a bad SMTP URL or sender fails here, with one line

    def smtp(self) -> tuple[SmtpConfig, str] | None:
        """The mail server and the sender address, or None when e-mail is off."""
        from server_stub.mail.settings import smtp_settings

        return smtp_settings(self)

    @property
    def url(self) -> str:
        """The database URL in force: the given one, else SQLite in the data dir."""
        return self.database_url or default_url(self.data_dir)

    @property
    def backend(self) -> str:
        return str(parse_url(self.url).get_backend_name())

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **flags: object) -> Settings:
        """Settings from flags (None means not given) over the environment over defaults."""
        env = os.environ if environ is None else environ

        def pick(name: str, variable: str) -> str | None:
            value = flags.get(name)
            if value is not None:
                return str(value)
            return env.get(variable) or None

        def number(name: str, variable: str, default: int) -> int:
            text = pick(name, variable)
            if text is None:
                return default
            try:
                return int(text)
            except ValueError:
                raise SettingsError(f"{name} must be a whole number, not {text!r}") from None

        def seconds(name: str, variable: str, default: float) -> float:
            text = pick(name, variable)
            try:
                value = default if text is None else float(text)
            except ValueError:
                raise SettingsError(f"{name} must be a number of seconds, not {text!r}") from None
            if not 0 < value <= 600:
                raise SettingsError(f"{name} must be between 0 and 600 seconds")
            return value

        def interval(name: str, variable: str, default: float) -> float:
            text = pick(name, variable)
            try:
                return default if text is None else float(text)
            except ValueError:
                raise SettingsError(f"{name} must be a number of seconds, not {text!r}") from None

        def path(name: str, variable: str) -> Path | None:
            text = pick(name, variable)
            return None if text is None else Path(text).expanduser()

        return cls(
            data_dir=path("data_dir", ENV_HOME) or default_data_dir(),
            database_url=pick("database_url", ENV_DATABASE_URL),
            host=pick("host", ENV_HOST) or DEFAULT_HOST,
            port=number("port", ENV_PORT, DEFAULT_PORT),
            workers=number("workers", ENV_WORKERS, 1),
            certfile=path("certfile", ENV_CERT),
            keyfile=path("keyfile", ENV_KEY),
            smtp_url=pick("smtp_url", ENV_SMTP_URL),
            smtp_from=pick("smtp_from", ENV_SMTP_FROM),
            smtp_ca_file=path("smtp_ca_file", ENV_SMTP_CA_FILE),
            smtp_timeout=seconds("smtp_timeout", ENV_SMTP_TIMEOUT, 30.0),
            webhook_ca_file=path("webhook_ca_file", ENV_WEBHOOK_CA_FILE),
            purge_interval_s=interval(
                "purge_interval_s", ENV_PURGE_INTERVAL, DEFAULT_PURGE_INTERVAL_S
            ),
        )

    def environment(self) -> dict[str, str]:
        """These settings as environment variables, for worker processes."""
        pairs = {
            ENV_HOME: self.data_dir,
            ENV_DATABASE_URL: self.database_url,
            ENV_HOST: self.host,
            ENV_PORT: self.port,
            ENV_WORKERS: self.workers,
            ENV_CERT: self.certfile,
            ENV_KEY: self.keyfile,
            ENV_SMTP_URL: self.smtp_url,
            ENV_SMTP_FROM: self.smtp_from,
            ENV_SMTP_CA_FILE: self.smtp_ca_file,
            ENV_SMTP_TIMEOUT: self.smtp_timeout,
            ENV_WEBHOOK_CA_FILE: self.webhook_ca_file,
            ENV_PURGE_INTERVAL: self.purge_interval_s,
        }
        return {name: str(value) for name, value in pairs.items() if value is not None}
