"""KioskConfig: data dir resolution, credential store choice, kiosk.toml validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk_app.core.config import ConfigError, KioskConfig


def test_data_dir_argument_wins_over_environment(tmp_path: Path) -> None:
    env = {"ATRIUM_KIOSK_HOME": str(tmp_path / "env")}
    config = KioskConfig.load(tmp_path / "arg", env=env)
    assert config.data_dir == tmp_path / "arg"
    assert config.credential_store == "keyring"


def test_environment_sets_data_dir_and_credential_store(tmp_path: Path) -> None:
    env = {"ATRIUM_KIOSK_HOME": str(tmp_path / "env"), "ATRIUM_CREDENTIAL_STORE": "file"}
    config = KioskConfig.load(env=env)
    assert config.data_dir == tmp_path / "env"
    assert config.credential_store == "file"


def test_platform_data_dir_is_the_fallback() -> None:
    config = KioskConfig.load(env={})
    assert "atrium-kiosk" in str(config.data_dir)


def test_config_file_values_are_read(tmp_path: Path) -> None:
    (tmp_path / "kiosk.toml").write_text(
        'server_url = "https://atrium.example:8443"\nca_cert = "ca.pem"\n'
        'language = "de"\ndecoder = "pyzbar"\ncamera = 2\nretention_days = 3\n'
    )
    config = KioskConfig.load(tmp_path, env={})
    assert config.server_url == "https://atrium.example:8443"
    assert config.ca_cert == tmp_path / "ca.pem"
    assert (config.language, config.decoder, config.camera) == ("de", "pyzbar", "2")
    assert config.retention_s == 3 * 86400


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("language = 'fr'", "language"),
        ("server_url = 'http://plain'", "https://"),
        ("decoder = 'magic'", "decoder"),
        ("colour = 'blue'", "unknown setting"),
        ("retention_days = 'long'", "retention_days"),
        ("camera = true", "camera"),
        ("this is not toml", "not valid TOML"),
    ],
)
def test_bad_config_values_give_clear_errors(tmp_path: Path, text: str, words: str) -> None:
    (tmp_path / "kiosk.toml").write_text(text)
    with pytest.raises(ConfigError, match=words):
        KioskConfig.load(tmp_path, env={})


def test_unknown_credential_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="credential store"):
        KioskConfig.load(tmp_path, credential_store="plaintext", env={})


@pytest.mark.parametrize("key", ["language", "decoder", "server_url"])
def test_a_huge_bad_value_is_quoted_shortened(tmp_path: Path, key: str) -> None:
    (tmp_path / "kiosk.toml").write_text(f'{key} = "{"y" * 100_000}"\n')
    with pytest.raises(ConfigError, match=key) as caught:
        KioskConfig.load(tmp_path, env={})
    assert "yyy...yyy" in str(caught.value) and len(str(caught.value)) < 400
