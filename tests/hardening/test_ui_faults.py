"""The app under faults: corrupt frames from a source, and a full disk at check-in time."""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np
import pytest

os.environ.setdefault("ATRIUM_KIOSK_SOUND", "0")

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.store import StoreError
from kiosk_app.scanner.synthetic import SyntheticSource
from tests.core.real_server import RealAtrium
from tests.hardening.test_camera_faults import CORRUPT, GOOD

pytest.importorskip("PySide6")


class GarbageSource:
    """A frame source that hands out corrupt arrays (even non-contiguous ones), then good frames."""

    fps = 30.0
    description = "garbage camera"

    def __init__(self, frames: list[Any], stop: threading.Event) -> None:
        self.frames = list(frames)
        self.stop = stop
        self.reads = 0

    def open(self) -> None:
        pass

    def read(self) -> Any:
        self.reads += 1
        if self.frames:
            return self.frames.pop(0)
        self.stop.set()
        return GOOD

    def close(self) -> None:
        pass


def test_camera_worker_survives_corrupt_frames_from_any_source() -> None:
    from kiosk_app.ui.camera_worker import CameraWorker
    from kiosk_app.ui.frames import LatestFrame

    stop = threading.Event()
    frames = [GOOD[:, ::2], GOOD[::-1], *(f for f in CORRUPT if f is not None), GOOD[:, ::3]]
    source = GarbageSource(frames, stop)
    mailbox = LatestFrame()
    worker = CameraWorker(lambda: source, mailbox)
    shown: list[object] = []

    def show(image: object) -> None:  # what the GUI does: paint, then ask for the next one
        shown.append(image)
        worker.preview_shown()

    worker.frame_ready.connect(show)
    lost: list[str] = []
    worker.camera_lost.connect(lost.append)
    stopper = threading.Thread(target=lambda: (stop.wait(30), worker.stop()), daemon=True)
    stopper.start()
    worker.run()  # returns when the good frames flow again and the stopper stops it
    assert source.reads > len(frames), "the reader stopped at a corrupt frame"
    assert shown, "no preview frame reached the screen"
    last = mailbox.take(timeout=0)
    assert last is None or (last.dtype == np.uint8 and last.flags.c_contiguous)


@pytest.fixture
def ui_kiosk(paired_kiosk: Kiosk, real: RealAtrium) -> tuple[Kiosk, RealAtrium]:
    assert paired_kiosk.sync.run_once().ok
    return paired_kiosk, real


def test_full_disk_at_check_in_shows_a_clear_state_on_screen(
    qtbot: Any, ui_kiosk: tuple[Kiosk, RealAtrium], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk_app.ui.app import build_kiosk_ui
    from kiosk_app.ui.sounds import SoundPlayer

    kiosk, real = ui_kiosk
    text, _ = real.make_pass()
    attempts: list[str] = []

    def full_disk(scanned: str) -> object:
        attempts.append(scanned)
        raise StoreError(
            f"The check-in could not be recorded in {kiosk.store.data_dir} "
            "(database or disk is full); nothing was saved. Please see reception."
        )

    monkeypatch.setattr(kiosk.checkin, "check_in", full_disk)
    source = SyntheticSource([(None, 10), (text, 60)], realtime=True, loop=True)
    window, controller = build_kiosk_ui(
        kiosk, "synthetic", "zxing", "en",
        sounds=SoundPlayer(enabled=False),
        source_opener=lambda _spec: source,
        sync_options={"interval_s": 3600.0, "base_delay_s": 0.2, "max_delay_s": 1.0},
    )
    window.allow_close = True
    qtbot.addWidget(window)
    window.show()
    try:
        controller.start()
        qtbot.waitUntil(lambda: bool(attempts), timeout=30_000)
        qtbot.waitUntil(lambda: window.current != "scan", timeout=10_000)
    finally:
        controller.shutdown()
    assert kiosk.store.count("queue") == 0
