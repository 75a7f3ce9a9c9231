"""Settings: one object from flags over environment over defaults, checked as it is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from server_stub.settings import Settings, SettingsError
from server_stub.store import StoreError

ENV = {
    "ATRIUM_SERVER_HOME": "/srv/atrium",
    "ATRIUM_DATABASE_URL": "postgresql://atrium_app@db.example/atrium",
    "ATRIUM_SERVER_HOST": "0.0.0.0",
    "ATRIUM_SERVER_PORT": "9443",
    "ATRIUM_SERVER_WORKERS": "4",
    "ATRIUM_SMTP_URL": "smtp://mail.example:587",
    "ATRIUM_SMTP_FROM": "reception@example.com",
}


def test_defaults_are_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings.load({}, data_dir=tmp_path)
    assert settings.url == f"sqlite:///{tmp_path / 'atrium-server.sqlite3'}"
    assert settings.backend == "sqlite"
    assert (settings.host, settings.port, settings.workers) == ("127.0.0.1", 8443, 1)
    assert settings.smtp_url is None and settings.certfile is None


def test_the_environment_fills_every_field_and_flags_win() -> None:
    settings = Settings.load(ENV)
    assert settings.data_dir == Path("/srv/atrium")
    assert settings.backend == "postgresql"
    assert (settings.host, settings.port, settings.workers) == ("0.0.0.0", 9443, 4)
    assert settings.smtp_from == "reception@example.com"
    flagged = Settings.load(ENV, port=8000, workers=2, database_url="sqlite:////tmp/x.db")
    assert (flagged.port, flagged.workers, flagged.backend) == (8000, 2, "sqlite")


def test_the_environment_round_trips_for_worker_processes() -> None:
    settings = Settings.load(ENV, certfile="/etc/atrium/s.pem", keyfile="/etc/atrium/k.pem")
    assert Settings.load(settings.environment()) == settings


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ATRIUM_SERVER_PORT": "eighty"}, "port must be a whole number"),
        ({"ATRIUM_SERVER_WORKERS": "0"}, "workers must be between 1 and"),
        ({"ATRIUM_SERVER_CERT": "/x.pem"}, "give both --cert and --key"),
        ({"ATRIUM_DATABASE_URL": "oracle://x@y/z"}, "unsupported database URL scheme"),
    ],
)
def test_bad_settings_are_one_clear_line(env: dict[str, str], message: str) -> None:
    with pytest.raises((SettingsError, StoreError), match=message) as info:
        Settings.load(env, data_dir="/srv/atrium")
    assert "\n" not in str(info.value)
