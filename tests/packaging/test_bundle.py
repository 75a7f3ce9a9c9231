"""The frozen bundle: it builds, passes its self-test, pairs with the real server and checks in."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO / "packaging" / "build.py"
BUILD_CACHE = REPO / "build" / "bundle-test"
EXE_NAME = "atrium-kiosk.exe" if sys.platform == "win32" else "atrium-kiosk"
RUN_TIMEOUT_S = 120

pytestmark = [pytest.mark.bundle, pytest.mark.slow]


@pytest.fixture(scope="session")
def frozen_kiosk() -> Path:
    """The bundle's executable, built once per source state into build/bundle-test/<hash>."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[dev]')")
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--cache", str(BUILD_CACHE)],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, f"bundle build failed:\n{result.stdout}\n{result.stderr}"
    found = re.search(r"^bundle: (.+)$", result.stdout, re.MULTILINE)
    assert found, result.stdout
    executable = Path(found.group(1).strip()) / EXE_NAME
    assert executable.is_file(), f"no executable at {executable}"
    return executable


def frozen_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("ATRIUM_KIOSK_HOME", None)
    env.pop("ATRIUM_CREDENTIAL_STORE", None)
    return env


def run_frozen(executable: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(executable), *args],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        env=frozen_env(),
        check=False,
    )


def test_frozen_self_test_passes(frozen_kiosk: Path, tmp_path: Path) -> None:
    result = run_frozen(
        frozen_kiosk, "--data-dir", str(tmp_path), "--credential-store", "file", "--self-test"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "(bundle at " in result.stdout  # really the frozen app, not the source tree
    for check in ("qt", "modules", "assets", "qt translations", "decoder zxing", "store"):
        assert re.search(rf"^ok  {check}: ", result.stdout, re.MULTILINE), check
    assert "ok  pass verification: sample pass verified; forged pass refused" in result.stdout
    declared = re.search(r"^ok  keyring: .*; (\d+) backends declared", result.stdout, re.MULTILINE)
    assert declared and int(declared.group(1)) > 0, "keyring's entry-point metadata is missing"
    assert result.stdout.rstrip().endswith("self-test passed")


def test_frozen_self_test_refuses_the_null_keyring(frozen_kiosk: Path, tmp_path: Path) -> None:
    # tests/conftest.py selects keyring's null backend; the frozen app must not accept it
    assert os.environ.get("PYTHON_KEYRING_BACKEND") == "keyring.backends.null.Keyring"
    result = run_frozen(frozen_kiosk, "--data-dir", str(tmp_path), "--self-test")
    assert result.returncode != 0
    assert re.search(r"^FAIL keyring: .*null", result.stdout, re.MULTILINE), result.stdout


def checkin_json(frozen_kiosk: Path, data_dir: Path, command: str, token: str) -> tuple[int, dict]:
    base = ("--data-dir", str(data_dir), "--credential-store", "file", "--json")
    result = run_frozen(frozen_kiosk, *base, command, "--text", token)
    records = json.loads(result.stdout)
    assert len(records) == 1, result.stdout
    return result.returncode, records[0]


def test_frozen_kiosk_pairs_and_checks_in(frozen_kiosk: Path, tmp_path: Path) -> None:
    from server_stub.embedded import EmbeddedServer

    kiosk_dir = tmp_path / "kiosk"
    with EmbeddedServer(tmp_path / "server") as server:
        pair = run_frozen(
            frozen_kiosk,
            *("--data-dir", str(kiosk_dir), "--credential-store", "file"),
            *("pair", "--server", server.url, "--code", server.pairing_code()),
            *("--ca-cert", str(server.ca_cert), "--admin-pin", "246813"),  # argon2id, frozen
        )
        assert pair.returncode == 0, pair.stdout + pair.stderr
        assert "Paired as" in pair.stdout and "warning" not in pair.stderr
        token = server.create_visit()["pass"]

        code, record = checkin_json(frozen_kiosk, kiosk_dir, "verify", token)
        assert (code, record["verdict"]) == (0, "accepted")
        code, record = checkin_json(frozen_kiosk, kiosk_dir, "checkin", token)
        assert (code, record["verdict"]) == (0, "accepted")
        code, record = checkin_json(frozen_kiosk, kiosk_dir, "checkin", token)
        assert record["verdict"] == "already_used"
        assert code != 0
