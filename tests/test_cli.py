"""atrium-kiosk CLI: commands, JSON output and exit codes, against the real server over HTTPS."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import segno

from kiosk_app import cli
from server_stub.embedded import EmbeddedServer

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    srv = EmbeddedServer(tmp_path / "server").start()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    data_dir = tmp_path / "kiosk"

    def invoke(*argv: str, json_out: bool = False) -> tuple[int, object]:
        base = ["--data-dir", str(data_dir), "--credential-store", "file"]
        code = cli.main([*base, *(["--json"] if json_out else []), *argv])
        captured = capsys.readouterr()
        out = captured.out
        invoke.err = captured.err  # type: ignore[attr-defined]
        return code, json.loads(out) if json_out and out.strip() else out

    invoke.data_dir = data_dir  # type: ignore[attr-defined]
    return invoke


def qr_png(path: Path, text: str) -> Path:
    segno.make(text, error="m").save(str(path), scale=6, border=4)
    return path


def pair(run, server: EmbeddedServer) -> None:
    code, data = run(
        "pair",
        "--server",
        server.url,
        "--code",
        server.pairing_code(kiosk_name="Lobby 1"),
        "--ca-cert",
        str(server.ca_cert),
        "--admin-pin",
        "2468",
        json_out=True,
    )
    assert code == cli.EXIT_OK and data["paired"] is True  # type: ignore[index]
    assert "warning: A 4-digit PIN" in run.err and "6 to 8 digits" in run.err


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for line in ("3  the kiosk is not paired", "4  I/O", "5  server unreachable"):
        assert line in out


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["pair", "--server", "https://x"])
    assert caught.value.code == cli.EXIT_USAGE
    assert "--code" in capsys.readouterr().err


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk_app",
            "--data-dir",
            str(tmp_path),
            "--credential-store",
            "file",
            "--json",
            "status",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["paired"] is False


def test_not_paired_is_exit_3(run) -> None:
    assert run("verify", "--text", "x")[0] == cli.EXIT_NOT_PAIRED
    assert run("checkin", "--text", "x")[0] == cli.EXIT_NOT_PAIRED
    assert run("sync")[0] == cli.EXIT_NOT_PAIRED
    assert run("unpair")[0] == cli.EXIT_NOT_PAIRED
    code, data = run("status", json_out=True)
    assert code == 0 and data["paired"] is False  # type: ignore[index]


def test_keyring_without_backend_is_exit_4_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # tests/conftest.py selects keyring's null backend
    assert cli.main(["--data-dir", str(tmp_path), "status"]) == cli.EXIT_IO
    assert "--credential-store file" in capsys.readouterr().err


def test_bad_config_file_is_exit_2(run) -> None:
    run.data_dir.mkdir()
    (run.data_dir / "kiosk.toml").write_text("language = 'fr'\n")
    assert run("status")[0] == cli.EXIT_USAGE
    assert "language" in run.err


def test_pair_failures_are_exit_5(run, server: EmbeddedServer) -> None:
    code, data = run(
        "pair",
        "--server",
        server.url,
        "--code",
        "000000",
        "--ca-cert",
        str(server.ca_cert),
        json_out=True,
    )
    assert code == cli.EXIT_SERVER and data["kind"] == "invalid_code"  # type: ignore[index]
    code, _ = run("pair", "--server", server.url, "--code", server.pairing_code())
    assert code == cli.EXIT_SERVER
    assert "not trusted" in run.err
    code, _ = run(
        "pair",
        "--server",
        server.url,
        "--code",
        server.pairing_code(),
        "--ca-cert",
        str(server.ca_cert),
        "--admin-pin",
        "12",
    )
    assert code == cli.EXIT_USAGE


def test_pair_checkin_sync_status_export_unpair(
    run, server: EmbeddedServer, tmp_path: Path
) -> None:
    pair(run, server)
    assert run("pair", "--server", server.url, "--code", "123456")[0] == cli.EXIT_SERVER
    first, second = server.create_visit(visitor="Ada Lovelace"), server.create_visit()
    code, data = run("sync", json_out=True)
    assert code == 0 and data["expected_visits"] == 2  # type: ignore[index]

    code, data = run("verify", "--text", first["pass"], "--text", "junk", json_out=True)
    assert code == cli.EXIT_REFUSED
    assert [d["verdict"] for d in data] == ["accepted", "not_a_pass"]  # type: ignore[union-attr]
    code, data = run(
        "checkin",
        "--text",
        first["pass"],
        json_out=True,
    )
    message = "Welcome, Ada Lovelace! You are checked in."
    assert code == 0 and data[0]["message"] == message  # type: ignore[index]
    code, out = run("checkin", "--text", first["pass"])
    assert code == cli.EXIT_REFUSED and "already_used" in out  # type: ignore[operator]
    assert "You checked in here at " in out  # type: ignore[operator]
    code, out = run("verify", "--lang", "de", "--text", first["pass"], "--text", "junk")
    assert "Sie haben sich hier um " in out  # type: ignore[operator]
    assert "Bitte zeigen Sie den Besuchercode" in out  # type: ignore[operator]

    image = qr_png(tmp_path / "second.png", second["pass"])
    code, data = run("decode", str(image), json_out=True)
    assert code == 0 and data[0]["texts"] == [second["pass"]]  # type: ignore[index]
    code, data = run("checkin", str(image), json_out=True)
    assert code == 0 and data[0]["verdict"] == "accepted"  # type: ignore[index]

    code, data = run("status", json_out=True)
    assert code == 0 and data["queue_depth"] == 2  # type: ignore[index]
    assert data["identity"]["kiosk_name"] == "Lobby 1"  # type: ignore[index]
    server.stop()
    code, out = run("sync")
    assert code == cli.EXIT_SERVER and "cannot be reached" in out  # type: ignore[operator]
    export = tmp_path / "queue.csv"
    code, data = run("export-queue", str(export), json_out=True)
    assert code == 0 and data["count"] == 2  # type: ignore[index]
    server.start()
    code, data = run("sync", json_out=True)
    assert code == 0 and data["accepted"] == 2  # type: ignore[index]
    assert run("conflicts")[1] == "No conflicts.\n"
    code, data = run("unpair", json_out=True)
    assert code == 0 and data == {"paired": False, "held": 0}
    assert run("status", json_out=True)[1]["paired"] is False  # type: ignore[index]


def test_decode_reports_missing_codes_and_unreadable_files(run, tmp_path: Path) -> None:
    import cv2

    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((200, 200, 3), 255, np.uint8))
    code, data = run("decode", str(blank), json_out=True)
    assert code == cli.EXIT_REFUSED and data == [{"input": str(blank), "texts": []}]
    code, data = run("decode", str(tmp_path / "missing.png"), json_out=True)
    assert code == cli.EXIT_IO and "cannot read" in data[0]["error"]  # type: ignore[index]


def test_verify_needs_an_input(run, server: EmbeddedServer) -> None:
    pair(run, server)
    assert run("verify")[0] == cli.EXIT_USAGE


def fake_module(monkeypatch: pytest.MonkeyPatch, name: str, attr: str, calls: list) -> None:
    module = types.ModuleType(name)

    def entry(*args: object, **kwargs: object) -> int:
        calls.append((args, kwargs))
        return 0

    setattr(module, attr, entry)
    monkeypatch.setitem(sys.modules, name, module)


def test_run_is_the_default_and_gets_the_config(run, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list = []
    fake_module(monkeypatch, "kiosk_app.ui.app", "run_app", calls)
    assert run()[0] == 0
    assert run("run", "--windowed", "--lang", "de", "--camera", "demo.mp4")[0] == 0
    (config,), options = calls[0]
    assert config.data_dir == run.data_dir
    assert options == {"camera": "0", "windowed": False, "decoder": "zxing", "lang": None}
    assert calls[1][1] == {"camera": "demo.mp4", "windowed": True, "decoder": "zxing", "lang": "de"}


def test_demo_and_self_test_call_their_modules(run, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list = []
    fake_module(monkeypatch, "kiosk_app.demo", "run_demo", calls)
    fake_module(monkeypatch, "kiosk_app.selftest", "run_self_test", calls)
    assert run("demo", "--seconds", "5", "--windowed")[0] == 0
    assert calls[0][1] == {"camera": None, "windowed": True, "lang": None, "seconds": 5.0}
    assert run("--self-test")[0] == 0
    assert calls[1][0][0].data_dir == run.data_dir


def test_missing_ui_module_is_a_one_line_error(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kiosk_app.demo", None)
    assert run("demo")[0] == cli.EXIT_IO
    err = run.err
    assert err.count("\n") == 1 and "kiosk_app.demo" in err


def test_pair_takes_server_and_ca_from_kiosk_toml(run, server: EmbeddedServer) -> None:
    run.data_dir.mkdir()
    (run.data_dir / "kiosk.toml").write_text(
        f'server_url = "{server.url}"\nca_cert = "{server.ca_cert.as_posix()}"\n'
    )
    code, data = run("pair", "--code", server.pairing_code(kiosk_name="Lobby 9"), json_out=True)
    assert code == 0 and data["kiosk_name"] == "Lobby 9"  # type: ignore[index]


def test_pair_without_any_server_is_a_usage_error(run) -> None:
    assert run("pair", "--code", "123456")[0] == cli.EXIT_USAGE
    assert "--server" in run.err


def test_export_to_an_unwritable_place_is_a_one_line_io_error(run, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "queue.csv"
    assert run("export-queue", str(target))[0] == cli.EXIT_IO
    err = run.err
    assert err.count("\n") == 1 and f"Cannot write the export file {target}" in err
    assert not (tmp_path / "no-such-dir").exists()


def test_a_store_failure_mid_checkin_keeps_the_earlier_results_visible(
    run, server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk_app.core.checkin import CheckinService
    from kiosk_app.core.store import StoreError

    pair(run, server)
    assert run("sync")[0] == 0
    first, second = server.create_visit(), server.create_visit()
    real_check_in = CheckinService.check_in
    calls: list[str] = []

    def failing_second(self: CheckinService, text: str) -> object:
        calls.append(text)
        if len(calls) == 2:
            raise StoreError("The check-in could not be recorded (disk full); nothing was saved.")
        return real_check_in(self, text)

    monkeypatch.setattr(CheckinService, "check_in", failing_second)
    code, data = run("checkin", "--text", first["pass"], "--text", second["pass"], json_out=True)
    assert code == cli.EXIT_IO
    assert [d["verdict"] for d in data] == ["accepted", None]  # type: ignore[union-attr]
    assert "nothing was saved" in data[1]["message"]  # type: ignore[index]


def test_demo_without_the_server_package_says_it_needs_the_source_install(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "server_stub", None)  # as in the release bundle
    assert run("demo")[0] == cli.EXIT_IO
    err = run.err
    assert err.count("\n") == 1 and "source install" in err and "no server" in err


def test_self_test_help_lists_what_it_checks(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    for word in ("Qt", "assets", "translations", "forged pass", "temporary store", "keyring"):
        assert word in text


def test_status_shows_the_camera_mode_the_app_negotiated(run) -> None:
    from kiosk_app.core.camera import CameraMode
    from kiosk_app.core.config import KioskConfig
    from kiosk_app.core.kiosk import Kiosk

    assert run("status", json_out=True)[1]["camera"] is None  # type: ignore[index]
    config = KioskConfig(data_dir=run.data_dir, credential_store="file")
    with Kiosk.open(config) as kiosk:  # what the running app records (another process)
        kiosk.record_camera("camera 0", CameraMode(1920, 1080, "MJPG", 30.0))
    code, data = run("status", json_out=True)
    assert code == cli.EXIT_OK
    assert data["camera"]["source"] == "camera 0"  # type: ignore[index]
    assert data["camera"]["mode"] == {  # type: ignore[index]
        "width": 1920,
        "height": 1080,
        "pixel_format": "MJPG",
        "fps": 30.0,
    }
    code, text = run("status")
    assert "Camera:        1920x1080 MJPG 30 fps (camera 0), as of " in text  # type: ignore[operator]
