"""The demo: its sample passes give every verdict, and ``run_demo`` starts and stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk_app.core.signed_records import Signature
from kiosk_app.core.verdicts import VerdictCode
from kiosk_app.demo import demo_script, play_signing, prepare_demo, run_demo, write_sample_images
from kiosk_app.scanner.synthetic import SyntheticSource

# a 1x1 transparent PNG
SIGNATURE_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)

REPO = Path(__file__).resolve().parents[2]


def check_in_signed(kiosk, text: str):
    """Checks ``text`` in, first signing whatever the site requires (the demo's agreement)."""
    pending = kiosk.checkin.verify(text).pending_documents
    signatures = [Signature(doc, SIGNATURE_PNG, [[(1.0, 2.0, 0)]], time.time()) for doc in pending]
    return kiosk.checkin.check_in(text, signatures)


def test_demo_samples_give_every_verdict_in_order(tmp_path):
    setup = prepare_demo(tmp_path)
    try:
        (agreement,) = setup.kiosk.checkin.verify(setup.samples[0].text).pending_documents
        assert agreement.title == "Visitor agreement" and "Ada Lovelace" in agreement.html
        verdicts = [check_in_signed(setup.kiosk, s.text) for s in setup.samples]
        assert [v.code for v in verdicts] == [s.expected for s in setup.samples]
        assert verdicts[0].display_name == "Ada Lovelace"
        assert {s.expected for s in setup.samples} >= {
            VerdictCode.ACCEPTED,
            VerdictCode.ALREADY_USED,
            VerdictCode.EXPIRED,
            VerdictCode.REVOKED,
            VerdictCode.BAD_SIGNATURE,
        }
        script = demo_script(setup.samples)
        assert [text for text, _ in script if text] == [s.text for s in setup.samples]
        images = write_sample_images(setup.samples, tmp_path / "qr")
        assert len(images) == len(setup.samples) and all(p.stat().st_size for p in images)
    finally:
        setup.kiosk.close()
        setup.server.close()


def test_the_demo_visitor_reads_and_signs_by_scripted_touches(qtbot, tmp_path):
    from kiosk_app.ui.app import build_kiosk_ui
    from kiosk_app.ui.sounds import SoundPlayer

    setup = prepare_demo(tmp_path)
    source = SyntheticSource([(None, 15)], size=(1280, 720), fps=30.0, realtime=True)
    window, controller = build_kiosk_ui(
        setup.kiosk,
        "synthetic",
        "zxing",
        "en",
        sounds=SoundPlayer(enabled=False),
        source_opener=lambda _spec: source,
        sync_options={"interval_s": 3600.0},
    )
    try:
        window.allow_close = True
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        play_signing(window)
        controller.start()
        source.enqueue(setup.samples[0].text, 36)
        source.enqueue(None, 600)
        qtbot.waitUntil(lambda: window.current == "signing", timeout=15_000)
        qtbot.waitUntil(lambda: window.current == "verdict", timeout=30_000)
        assert controller.last_verdict.code == VerdictCode.ACCEPTED
        assert controller.last_verdict.display_name == "Ada Lovelace"
        events = setup.kiosk.store.conn.execute("SELECT event_id FROM queue").fetchall()
        assert len(events) == 1  # the check-in, recorded with the signature
    finally:
        controller.shutdown()
        setup.kiosk.close()
        setup.server.close()


def test_run_demo_opens_and_quits_after_the_given_seconds(qapp, capsys):
    assert run_demo(windowed=True, seconds=3.0) == 0
    printed = capsys.readouterr().out
    assert "Atrium demo: server https://127.0.0.1:" in printed
    assert "Admin PIN 1234" in printed


def start_demo(tmp_path):
    """``atrium-kiosk demo`` in a real process, its temp folders under ``tmp_path/tmp``."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(temp),
        "QT_QPA_PLATFORM": "offscreen",
        "ATRIUM_KIOSK_SOUND": "0",
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk_app", "demo", "--windowed", "--seconds", "120"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return process, temp


def demo_folders(temp):
    return sorted(p.name for p in temp.glob("atrium-demo-*"))


def wait_for_line(process, text: str, timeout: float = 90.0) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        lines.append(line)
        if text in line:
            return lines
    process.kill()
    raise AssertionError(f"no {text!r} from the demo:\n{''.join(lines)}")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_demo_stopped_by_a_signal_removes_its_temp_folders(tmp_path, stop):
    process, temp = start_demo(tmp_path)
    try:
        wait_for_line(process, "Admin PIN")
        assert len(demo_folders(temp)) == 1  # it really keeps its data there
        time.sleep(1.0)  # the event loop runs
        process.send_signal(stop)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert demo_folders(temp) == []


def test_a_demo_stopped_while_it_sets_up_removes_its_temp_folders(tmp_path):
    process, temp = start_demo(tmp_path)
    try:
        deadline = time.monotonic() + 60
        while not demo_folders(temp) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert demo_folders(temp), "the demo made no temp folder"
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert "Traceback" not in output
    assert demo_folders(temp) == []


def test_a_stop_signal_whose_exception_was_swallowed_still_stops_the_demo(
    qapp, capsys, monkeypatch
):
    import kiosk_app.demo as demo

    real_prepare = demo.prepare_demo

    def prepare_then_lose_a_signal(root):
        setup = real_prepare(root)
        demo._STOP_REQUESTED.append("SIGTERM")  # as if DemoStopped died in a gc callback
        return setup

    monkeypatch.setattr(demo, "prepare_demo", prepare_then_lose_a_signal)
    monkeypatch.setattr(demo, "_STOP_REQUESTED", [])
    assert run_demo(windowed=True, seconds=60.0) == 0
    assert "stopped by SIGTERM" in capsys.readouterr().out
