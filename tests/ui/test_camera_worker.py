"""The camera pipeline: newest frame wins, decoding off the GUI thread, loss and recovery."""

from __future__ import annotations

import logging
import threading
import time

import numpy as np
from PySide6.QtCore import Qt

from kiosk_app.core.camera import CameraMode
from kiosk_app.scanner.sources import CameraError
from kiosk_app.scanner.synthetic import SyntheticSource
from kiosk_app.ui.camera_worker import CameraPipeline, CameraWorker
from kiosk_app.ui.frames import LatestFrame, frame_to_image
from tests.ui.conftest import pair_kiosk

WAIT_MS = 15_000


class TinySource:
    """A FrameSource of flat grey frames at ~200 fps; frame N carries N in its first pixel."""

    fps = 200.0
    description = "tiny test source"

    def __init__(self) -> None:
        self.count = 0
        self.opened = 0
        self.closed = 0

    def open(self) -> None:
        self.opened += 1

    def read(self) -> np.ndarray:
        time.sleep(0.005)
        self.count += 1
        frame = np.full((48, 64, 3), 128, np.uint8)
        frame[0, 0, 0] = self.count % 256
        return frame

    def close(self) -> None:
        self.closed += 1


class SlowDecoder:
    """Takes 40 ms per frame and always sees the same code, like a phone held in view."""

    name = "slow"

    def __init__(self) -> None:
        self.calls = 0
        self.threads: set[str] = set()

    def decode(self, frame: np.ndarray) -> list[str]:
        self.calls += 1
        self.threads.add(threading.current_thread().name)
        time.sleep(0.04)
        return ["held code"]


class UnpluggableSource:
    """Wraps a SyntheticSource; while ``unplugged`` it fails like a camera pulled out."""

    def __init__(self, inner: SyntheticSource) -> None:
        self.inner = inner
        self.fps = inner.fps
        self.description = "unpluggable camera"
        self.unplugged = False

    def open(self) -> None:
        if self.unplugged:
            raise CameraError("camera 0 not found or busy")
        self.inner.open()

    def read(self) -> np.ndarray | None:
        if self.unplugged:
            raise CameraError("camera lost")
        return self.inner.read()

    def close(self) -> None:
        self.inner.close()


def test_latest_frame_keeps_only_the_newest():
    mailbox = LatestFrame()
    for value in (1, 2, 3):
        mailbox.put(np.full((2, 2), value, np.uint8))
    assert mailbox.take(0.1)[0, 0] == 3
    assert mailbox.dropped == 2
    assert mailbox.take(0.01) is None


def test_frames_become_mirrored_images_that_own_their_pixels():
    frame = np.zeros((4, 6, 3), np.uint8)
    frame[0, 0] = (255, 0, 0)  # blue, top left (BGR)
    image = frame_to_image(frame)
    del frame
    assert image.width() == 6 and image.height() == 4
    assert image.pixelColor(5, 0).blue() == 255  # mirrored to the top right


def test_slow_decoding_drops_frames_and_a_held_code_scans_once(qtbot):
    source, decoder = TinySource(), SlowDecoder()
    seen: list[str] = []
    pipeline = CameraPipeline(lambda: source, decoder, check_in=None, mirror=False)
    pipeline.pass_scanned.connect(seen.append)
    previews: list[object] = []

    def on_preview(image: object) -> None:  # the GUI shows it, then asks for the next one
        previews.append(image)
        pipeline.preview_shown()

    pipeline.frame_ready.connect(on_preview)
    pipeline.start()
    threads = list(pipeline._threads)
    try:
        qtbot.waitUntil(lambda: decoder.calls >= 10, timeout=WAIT_MS)
    finally:
        pipeline.stop()
    assert len(threads) == 2 and all(thread.isFinished() for thread in threads)
    assert source.closed == 1
    assert source.count > decoder.calls  # the decoder skipped frames ...
    assert pipeline.mailbox.dropped > 0  # ... because only the newest one was kept
    assert seen == ["held code"]  # held in view: one scan
    assert previews and "MainThread" not in decoder.threads


def test_preview_waits_for_the_gui_instead_of_queueing(qtbot):
    source = TinySource()
    pipeline = CameraPipeline(lambda: source, SlowDecoder(), check_in=None)
    previews: list[object] = []
    pipeline.frame_ready.connect(previews.append)  # never says "shown"
    pipeline.start()
    try:
        qtbot.waitUntil(lambda: source.count > 30, timeout=WAIT_MS)
    finally:
        pipeline.stop()
    assert len(previews) == 1
    assert pipeline.camera.previews_skipped >= 29


def test_camera_loss_shows_trouble_and_recovers(qtbot, server, kiosk, make_ui, save_screen):
    pair_kiosk(kiosk, server)
    source = UnpluggableSource(SyntheticSource([(None, 10)]))
    window, controller = make_ui(source)
    controller.services.pipeline.camera.retry_s = 0.2
    qtbot.waitUntil(lambda: window.scan.camera.frames_shown > 0, timeout=WAIT_MS)
    source.unplugged = True
    qtbot.waitUntil(lambda: window.current == "camera_trouble", timeout=WAIT_MS)
    assert "camera" in window.camera_trouble.reason
    save_screen(window, "en", "flow_camera_trouble")
    shown = window.scan.camera.frames_shown
    source.unplugged = False
    qtbot.waitUntil(lambda: window.current == "scan", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.scan.camera.frames_shown > shown, timeout=WAIT_MS)


class FlakySource:
    """Fails to open ``failures`` times, then delivers frames (a camera plugged in late)."""

    description = "flaky camera"

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.fps = 30.0
        self.mode = CameraMode(64, 48, "MJPG", 30.0)

    def open(self) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise CameraError("camera 0 not found or busy")

    def read(self) -> np.ndarray:
        time.sleep(0.005)
        return np.full((48, 64, 3), 100, np.uint8)

    def close(self) -> None:
        pass


def run_worker(worker: CameraWorker, until, timeout: float = 10.0) -> None:
    thread = threading.Thread(target=worker.run)
    thread.start()
    deadline = time.monotonic() + timeout
    while not until() and time.monotonic() < deadline:
        time.sleep(0.01)
    worker.stop()
    thread.join(5)
    assert until()


def test_camera_trouble_is_logged_once_per_change_of_state(caplog):
    source = FlakySource(failures=8)
    worker = CameraWorker(lambda: source, LatestFrame())
    worker.retry_s = 0.01
    lost: list[str] = []
    modes: list[object] = []
    worker.camera_lost.connect(lost.append, Qt.ConnectionType.DirectConnection)
    worker.camera_mode.connect(modes.append, Qt.ConnectionType.DirectConnection)
    with caplog.at_level(logging.INFO, logger="kiosk_app.ui.camera_worker"):
        run_worker(worker, lambda: source.failures == 0 and worker.frames_read > 3)
    messages = [r.getMessage() for r in caplog.records]
    assert [m for m in messages if m.startswith("camera trouble")] == [
        "camera trouble: camera 0 not found or busy (retrying every 0.01 s)"
    ]  # eight failures in a row, one line
    assert messages[-1] == "camera working again: flaky camera, 64x48 MJPG 30 fps"
    assert lost == ["camera 0 not found or busy"]  # the screen is told once too
    assert modes == [CameraMode(64, 48, "MJPG", 30.0)]


def test_a_camera_that_opens_but_never_delivers_stays_in_trouble(caplog):
    class Dead(FlakySource):
        def read(self) -> np.ndarray:
            raise CameraError("camera lost")

    source = Dead(failures=0)
    worker = CameraWorker(lambda: source, LatestFrame())
    worker.retry_s = 0.01
    ok: list[str] = []
    worker.camera_ok.connect(ok.append, Qt.ConnectionType.DirectConnection)
    opened = []
    original = source.open
    source.open = lambda: (opened.append(1), original())[1]  # type: ignore[method-assign]
    with caplog.at_level(logging.INFO, logger="kiosk_app.ui.camera_worker"):
        run_worker(worker, lambda: len(opened) >= 6)
    trouble = [r for r in caplog.records if r.getMessage().startswith("camera trouble")]
    assert len(trouble) == 1 and ok == []  # no "working" flicker between the failures


def test_good_frames_record_the_camera_heartbeat_in_the_store(qtbot, tmp_path):
    from kiosk_app.core.health import CAMERA_FRAME_KEY, CameraHeartbeat, camera_ok
    from kiosk_app.core.store import Store

    store = Store.open(tmp_path / "kiosk")
    heartbeat = CameraHeartbeat(store)
    heartbeat.started()
    assert store.get(CAMERA_FRAME_KEY) == 0.0
    source = TinySource()
    pipeline = CameraPipeline(
        lambda: source, SlowDecoder(), check_in=None, heartbeat=heartbeat.beat
    )
    pipeline.start()
    try:
        qtbot.waitUntil(lambda: (store.get(CAMERA_FRAME_KEY) or 0) > 0, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: source.count > 50, timeout=WAIT_MS)
    finally:
        pipeline.stop()
    assert camera_ok(store, time.time()) is True
    store.close()
