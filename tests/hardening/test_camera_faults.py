"""A camera that delivers corrupt or empty frames: frames ignored and counted, scanning goes on."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from kiosk_app.scanner.decoders import ZxingDecoder
from kiosk_app.scanner.sources import CameraError, CameraSource
from kiosk_app.scanner.synthetic import render_qr

GOOD = np.full((240, 320, 3), 255, np.uint8)
CORRUPT: list[Any] = [
    None,
    np.zeros((0, 0, 3), np.uint8),
    np.zeros((240, 320), np.float32),
    np.zeros((240, 320, 2), np.uint8),
    np.zeros((1, 1, 3), np.uint8),
    np.zeros((2, 240, 320, 3), np.uint8),
    "not an image",
]


class ScriptedCapture:
    """A stand-in for cv2.VideoCapture that plays a list of (ok, frame) reads, then good frames."""

    def __init__(self, reads: list[tuple[bool, Any]]) -> None:
        self.reads = list(reads)
        self.released = False

    def isOpened(self) -> bool:
        return True

    def set(self, *_: object) -> bool:
        return True

    def get(self, *_: object) -> float:
        return 30.0

    def grab(self) -> bool:
        return True

    def read(self) -> tuple[bool, Any]:
        return self.reads.pop(0) if self.reads else (True, GOOD)

    def release(self) -> None:
        self.released = True


def camera(reads: list[tuple[bool, Any]], **options: Any) -> CameraSource:
    source = CameraSource(0, capture_factory=lambda _index: ScriptedCapture(reads), **options)
    source.open()
    return source


def test_corrupt_frames_between_good_ones_are_dropped_and_counted() -> None:
    reads: list[tuple[bool, Any]] = []
    for bad in CORRUPT:
        reads += [(True, GOOD), (True, bad), (False, None)]
    source = camera(reads)
    frames = [source.read() for _ in range(len(reads))]
    good = [f for f in frames if f is not None]
    assert len(good) == len(CORRUPT)
    assert all(f.dtype == np.uint8 and f.shape == GOOD.shape for f in good)
    assert source.dropped_frames == len(CORRUPT)  # ok=True but unusable
    assert source.read() is not None  # still scanning


def test_a_camera_sending_only_garbage_is_reported_lost_not_crashed() -> None:
    source = camera([(True, CORRUPT[i % len(CORRUPT)]) for i in range(100)], max_failed_reads=30)
    with pytest.raises(CameraError):
        for _ in range(100):
            source.read()
    assert source.dropped_frames == 30


def test_decoder_reads_a_code_after_a_run_of_corrupt_frames() -> None:
    decoder = ZxingDecoder()
    for bad in CORRUPT:
        assert decoder.decode(bad) == []  # type: ignore[arg-type]
    frame = np.full((480, 640), 255, np.uint8)
    code = render_qr("after the garbage", module_px=6)
    frame[20 : 20 + code.shape[0], 20 : 20 + code.shape[1]] = code
    assert decoder.decode(frame) == ["after the garbage"]
