"""KioskConfig: data dir resolution, credential store choice, kiosk.toml validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk_app.core.config import ConfigError, KioskConfig, save_settings


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


# -- saving the admin panel's choices --------------------------------------------------------


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_saved_choices_are_read_back_and_the_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    save_settings(path, {"camera": "2", "decoder": "pyzbar", "language": "de"})
    assert _mode(path) == 0o600
    config = KioskConfig.load(tmp_path, env={})
    assert (config.camera, config.decoder, config.language) == ("2", "pyzbar", "de")
    assert "camera = 2\n" in path.read_text()  # an index stays a number
    save_settings(path, {"camera": "/dev/video-lobby"})
    assert KioskConfig.load(tmp_path, env={}).camera == "/dev/video-lobby"


def test_saving_keeps_comments_other_keys_and_unknown_ones(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    original = (
        "# Lobby kiosk, set up by facilities\n"
        'server_url = "https://atrium.example:8443"  # the reception server\n'
        'language = "en"\n'
        "future_option = true\n"
    )
    path.write_text(original)
    path.chmod(0o644)
    save_settings(path, {"language": "de", "camera": "1"})
    text = path.read_text()
    assert text.startswith("# Lobby kiosk, set up by facilities\n")
    assert '"https://atrium.example:8443"  # the reception server' in text
    assert 'language = "de"' in text and "future_option = true" in text and "camera = 1" in text
    assert _mode(path) == 0o600


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"language": "fr"}, "Unknown language"),
        ({"decoder": "zbarcam"}, "Unknown decoder"),
        ({"camera": "  "}, "camera must be"),
        ({"server_url": "https://evil.example"}, "can be saved"),
    ],
)
def test_a_bad_choice_is_refused_and_changes_nothing(tmp_path: Path, values, message) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('language = "en"\n')
    with pytest.raises(ConfigError, match=message):
        save_settings(path, values)
    assert path.read_text() == 'language = "en"\n'


def test_a_broken_file_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("language = [unclosed\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        save_settings(path, {"language": "de"})
    assert path.read_text() == "language = [unclosed\n"


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('decoder = "zxing"\n')

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kiosk_app.core.files.os.replace", full_disk)
    with pytest.raises(ConfigError, match=r"Cannot save .*kiosk\.toml: No space left on device"):
        save_settings(path, {"decoder": "pyzbar"})
    assert path.read_text() == 'decoder = "zxing"\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.toml"]


def test_a_read_only_folder_is_a_one_line_message(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('language = "en"\n')

    def read_only(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("kiosk_app.core.files.os.open", read_only)
    with pytest.raises(ConfigError, match=r"Cannot save .*: Permission denied") as caught:
        save_settings(path, {"language": "de"})
    assert "\n" not in str(caught.value)
    assert path.read_text() == 'language = "en"\n'


def test_the_kiosk_remembers_a_choice_in_its_config_and_file(tmp_path: Path) -> None:
    from kiosk_app.core.kiosk import Kiosk

    config = KioskConfig(data_dir=tmp_path, credential_store="memory")
    with Kiosk.open(config) as kiosk:
        kiosk.remember(decoder="pyzbar", language="de")
        assert (kiosk.config.decoder, kiosk.config.language) == ("pyzbar", "de")
        with pytest.raises(ConfigError):
            kiosk.remember(language="xx")
        assert kiosk.config.language == "de"
    reloaded = KioskConfig.load(tmp_path, credential_store="memory", env={})
    assert (reloaded.decoder, reloaded.language) == ("pyzbar", "de")
