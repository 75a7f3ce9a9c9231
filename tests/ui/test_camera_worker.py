"""The camera pipeline: newest frame wins, decoding off the GUI thread, loss and recovery."""

from __future__ import annotations

import threading
import time

import numpy as np

from kiosk_app.scanner.sources import CameraError
from kiosk_app.scanner.synthetic import SyntheticSource
from kiosk_app.ui.camera_worker import CameraPipeline
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
