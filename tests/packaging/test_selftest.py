"""The self-test from the source tree: every check passes, and broken installs are reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk_app import selftest
from kiosk_app.core.config import KioskConfig

CHECKS = (
    "qt",
    "modules",
    "assets",
    "qt translations",
    "decoder zxing",
    "pass verification",
    "store",
    "keyring",
)


def run(config: KioskConfig) -> tuple[int, list[str]]:
    lines: list[str] = []
    return selftest.run_self_test(config, report=lines.append), lines


def test_self_test_passes_from_source(tmp_path: Path) -> None:
    code, lines = run(KioskConfig.load(tmp_path, credential_store="file"))
    assert code == 0, "\n".join(lines)
    for name in CHECKS:
        assert any(line.startswith(f"ok  {name}: ") for line in lines), name
    assert "ok  decoder zxing: decoded sample pass" in lines
    assert lines[-1] == "self-test passed"


def test_null_keyring_backend_fails_unless_file_store_chosen(tmp_path: Path) -> None:
    # tests/conftest.py selects keyring's null backend: a kiosk must refuse to rely on it
    code, lines = run(KioskConfig.load(tmp_path, credential_store="keyring"))
    assert code == 1
    failure = next(line for line in lines if line.startswith("FAIL keyring: "))
    assert "null" in failure and "--credential-store file" in failure
    assert lines[-1] == "self-test FAILED: keyring"


def test_unloadable_asset_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "assets"
    shutil.copytree(selftest.assets_dir(), broken)
    (broken / "icons" / "check.svg").write_text("this is not an SVG image")
    monkeypatch.setattr(selftest, "assets_dir", lambda: broken)
    with pytest.raises(selftest.CheckFailed, match=r"check\.svg"):
        selftest.check_assets()


def test_empty_sound_is_reported(tmp_path: Path) -> None:
    silent = tmp_path / "silent.wav"
    silent.write_bytes(b"RIFF\x00\x00\x00\x00WAVE")
    with pytest.raises(selftest.CheckFailed, match=r"silent\.wav"):
        selftest._check_wav(silent)


def test_asset_files_skip_generator_scripts(tmp_path: Path) -> None:
    (tmp_path / "make_sounds.py").write_text("print('x')\n")
    (tmp_path / "style.qss").write_text("QWidget {}\n")
    assert [path.name for path in selftest.asset_files(tmp_path)] == ["style.qss"]
