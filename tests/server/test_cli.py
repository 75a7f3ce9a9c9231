"""atrium-server CLI: every command, JSON output, and one-line errors for bad input."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import segno

from server_stub.cli import main
from server_stub.service import AtriumService

REPO = Path(__file__).resolve().parents[2]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


NOBODY_LISTENS = f"postgresql://atrium:secret-pw@127.0.0.1:{_closed_port()}/atrium"
INIT = [
    "init",
    "--tenant",
    "Acme Corp",
    "--site",
    "Berlin HQ",
    "--admin-email",
    "admin@example.com",
    "--admin-password",
    "correct horse battery",
]


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> Any:
    code, out, err = run(capsys, data_dir, "--json", *args)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli") / "server"
    assert main(["--data-dir", str(data_dir), *INIT, "--hostname", "kiosk.example"]) == 0
    return data_dir


@pytest.fixture
def data_dir(initialised: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "server"
    shutil.copytree(initialised, copy)
    return copy


def test_init_prints_the_ca_certificate_and_makes_tls_material(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = run_json(capsys, tmp_path / "fresh", *INIT[:5])
    ca = Path(data["ca_cert"])
    assert ca.is_file() and ca.parent.parent == tmp_path / "fresh"
    assert data["tenant"]["name"] == "Acme Corp" and len(data["tenant"]["id"]) == 4
    assert data["site"]["name"] == "Berlin HQ" and len(data["site"]["id"]) == 4
    assert (ca.parent / "server-key.pem").stat().st_mode & 0o077 == 0
    code, _, err = run(capsys, tmp_path / "fresh", *INIT[:5])
    assert code != 0 and "already initialised" in err and err.count("\n") == 1


def test_init_with_hostname_puts_it_in_the_certificate(initialised: Path) -> None:
    from cryptography import x509

    cert = x509.load_pem_x509_certificate((initialised / "tls" / "server.pem").read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {"localhost", "kiosk.example"} <= set(names.get_values_for_type(x509.DNSName))


def test_site_pairing_code_and_devices(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    site = run_json(capsys, data_dir, "site", "add", "Munich")
    code = run_json(capsys, data_dir, "pairing-code", "--site", "Munich", "--name", "Lobby 1")
    assert code["site"] == site and len(code["code"]) == 6
    service = AtriumService.open(data_dir)
    try:
        device_id = service.redeem_pairing_code(code["code"])["device_id"]
    finally:
        service.close()
    devices = run_json(capsys, data_dir, "device", "list")["devices"]
    assert [d["device_id"] for d in devices] == [device_id]
    assert run(capsys, data_dir, "device", "list")[1].startswith(device_id)
    revoked = run_json(capsys, data_dir, "device", "revoke", device_id)
    assert revoked["device_id"] == device_id and revoked["revoked_at"] > 0
    code_text = run(capsys, data_dir, "pairing-code", "--name", "Lobby 2")[1]
    assert "Berlin HQ" in code_text and "single use" in code_text


def test_visit_create_cancel_and_checkins(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    png = tmp_path / "pass.png"
    visit = run_json(
        capsys,
        data_dir,
        "visit",
        "create",
        "--visitor",
        "Ada Lovelace",
        "--host",
        "Grace Hopper",
        "--qr-png",
        str(png),
    )
    assert visit["exp"] - visit["nbf"] == 7200 and len(visit["visit_id"]) == 8
    assert png.read_bytes().startswith(b"\x89PNG")
    assert segno.make(visit["pass"], error="m", boost_error=False).version <= 12
    windowed = run_json(
        capsys,
        data_dir,
        "visit",
        "create",
        "--visitor",
        "A B",
        "--host",
        "C D",
        "--arrive",
        "2030-01-02T09:00:00+00:00",
        "--depart",
        "2030-01-02T17:30:00+00:00",
        "--site",
        "Berlin HQ",
    )
    assert windowed["exp"] - windowed["nbf"] == 8.5 * 3600
    cancelled = run_json(capsys, data_dir, "visit", "cancel", visit["visit_id"])
    assert cancelled["visit_id"] == visit["visit_id"]
    assert run_json(capsys, data_dir, "checkins") == {"checkins": []}
    assert run_json(capsys, data_dir, "checkins", "--duplicates") == {"duplicates": []}
    assert "No check-ins" in run(capsys, data_dir, "checkins")[1]
    text = run(capsys, data_dir, "visit", "create", "--visitor", "A B", "--host", "C D")[1]
    assert "Pass: eyJ" in text


def test_keys_rotate(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run_json(capsys, data_dir, "visit", "create", "--visitor", "A B", "--host", "C D")
    rotated = run_json(capsys, data_dir, "keys", "rotate")
    assert rotated["kid"] == "p2"
    assert [k["kid"] for k in rotated["keys"]] == ["p1", "p2"]


def test_user_add(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    user = run_json(
        capsys,
        data_dir,
        "user",
        "add",
        "--email",
        "desk@example.com",
        "--password",
        "a long enough password",
    )
    assert user["user_id"].startswith("u_")
    code, _, err = run(
        capsys, data_dir, "user", "add", "--email", "x@example.com", "--password", "short"
    )
    assert code != 0 and "10 characters" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pairing-code", "--site", "Atlantis", "--name", "Lobby"], "unknown site"),
        (
            ["visit", "create", "--visitor", "A", "--host", "B", "--site", "Atlantis"],
            "unknown site",
        ),
        (
            [
                "visit",
                "create",
                "--visitor",
                "A",
                "--host",
                "B",
                "--arrive",
                "2030-01-02T10:00",
                "--depart",
                "2030-01-02T09:00",
            ],
            "after the arrival",
        ),
        (
            [
                "visit",
                "create",
                "--visitor",
                "A",
                "--host",
                "B",
                "--arrive",
                "2030-01-02T10:00",
                "--depart",
                "2030-01-03T10:01",
            ],
            "24 hours",
        ),
        (["visit", "create", "--visitor", "A", "--host", "B", "--arrive", "tomorrow"], "ISO 8601"),
        (["visit", "create", "--visitor", "", "--host", "B"], "visitor name"),
        (
            ["visit", "create", "--visitor", "A", "--host", "B", "--qr-png", "/no/such/dir/q.png"],
            "does not exist",
        ),
        (["visit", "cancel", "NoSuchId"], "not found"),
        (["device", "revoke", "d_nothere00"], "not found"),
        (["pairing-code", "--name", ""], "kiosk name"),
        (["run", "--cert", "only-a-cert.pem"], "--cert and --key"),
        (
            ["run", "--cert", "missing.pem", "--key", "missing-key.pem", "--port", "0"],
            "TLS file not found",
        ),
        (["--tenant", "Nobody", "checkins"], "unknown tenant"),
        (["--database-url", "mysql://u@db.example/atrium", "checkins"], "unsupported database"),
        (["--database-url", "::not a url::", "checkins"], "invalid database URL"),
        (["--database-url", "sqlite://", "checkins"], "needs a file path"),
        (["--database-url", NOBODY_LISTENS, "checkins"], "cannot use the database"),
        (["--database-url", NOBODY_LISTENS, "migrate"], "cannot use the database"),
        (["run", "--workers", "0"], "workers must be between 1 and"),
        (["run", "--port", "70000"], "port 70000"),
        (["visit"], "required"),
        (["frobnicate"], "invalid choice"),
        (["init", "--tenant", "X"], "required"),
    ],
)
def test_bad_input_gets_one_line_and_a_non_zero_exit(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, data_dir, *args)
    assert code != 0
    assert message in err
    assert err.count("\n") == 1 and err.startswith("atrium-server: error:")
    assert "Traceback" not in err and out == ""
    assert "secret-pw" not in err  # a password in the URL is never echoed


def test_missing_or_uninitialised_data_dir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, tmp_path / "absent", "checkins")
    assert code != 0 and "does not exist" in err and err.count("\n") == 1
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, tmp_path / "empty", "device", "list")
    assert code != 0 and "not initialised" in err and err.count("\n") == 1


def test_data_dir_from_environment(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATRIUM_SERVER_HOME", str(data_dir))
    assert main(["--json", "device", "list"]) == 0
    assert json.loads(capsys.readouterr().out) == {"devices": []}


def test_module_entry_point_runs_as_a_process(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "server_stub", "--data-dir", str(data_dir), "--json", "checkins"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"checkins": []}
    bad = subprocess.run(
        [sys.executable, "-m", "server_stub", "--data-dir", str(data_dir / "nope"), "checkins"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=REPO,
    )
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_admin_commands_do_not_load_the_web_stack() -> None:
    """Only `run` needs FastAPI and uvicorn; every other command starts without them."""
    probe = (
        "import sys, server_stub.cli; "
        "print(sorted(m for m in ('fastapi', 'uvicorn') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_qr_png_path_with_a_tilde_is_written_under_home(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    visit = run_json(
        capsys,
        data_dir,
        "visit",
        "create",
        "--visitor",
        "A B",
        "--host",
        "C D",
        "--qr-png",
        "~/pass.png",
    )
    assert (home / "pass.png").read_bytes().startswith(b"\x89PNG")
    assert visit["qr_png"] == str(home / "pass.png")


def test_environment_gives_the_database_url_and_flags_win(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATRIUM_DATABASE_URL", NOBODY_LISTENS)
    code, _, err = run(capsys, data_dir, "checkins")
    assert code == 1 and "cannot use the database" in err
    own = f"sqlite:///{data_dir / 'atrium-server.sqlite3'}"
    code, out, err = run(capsys, data_dir, "--database-url", own, "checkins")
    assert code == 0 and "No check-ins yet." in out, err


def test_migrate_says_the_database_is_up_to_date(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    data = run_json(capsys, data_dir, "migrate")
    assert data["before"] == data["after"] and data["after"]
    assert "atrium-server.sqlite3" in data["database"]


def test_run_on_sqlite_says_it_runs_one_worker_and_why(data_dir: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server_stub",
            "--data-dir",
            str(data_dir),
            "run",
            "--port",
            "0",
            "--workers",
            "4",
        ],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        first, second = process.stderr.readline(), process.stderr.readline()
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert "SQLite allows one writer at a time" in first and "1 worker" in first
    assert "postgresql" in first
    assert "(HTTPS only, 1 worker)" in second


def test_site_walk_ins_switch(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    off = run_json(capsys, data_dir, "site", "walk-ins", "Berlin HQ", "off")
    assert off["name"] == "Berlin HQ" and off["walk_ins"] is False
    code, out, _ = run(capsys, data_dir, "site", "walk-ins", "Berlin HQ", "on")
    assert code == 0 and out.strip() == (
        "Site Berlin HQ takes walk-ins (kiosks learn it on their next sync)"
    )
    code, _, err = run(capsys, data_dir, "site", "walk-ins", "Nowhere", "on")
    assert code != 0 and err.count("\n") == 1 and "unknown site 'Nowhere'" in err
