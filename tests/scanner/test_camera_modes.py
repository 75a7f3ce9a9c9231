"""Camera negotiation against a fake V4L2-like camera and a real video file; no webcam needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk_app.core.camera import CameraMode, CameraReport
from kiosk_app.scanner.camera_modes import fourcc_code, fourcc_text, measured_fps, negotiate
from kiosk_app.scanner.sources import CameraError, CameraSource

TYPICAL_USB = {  # (format, width, height) -> frames per second, as a common webcam lists them
    ("MJPG", 1920, 1080): 30.0,
    ("MJPG", 1280, 720): 30.0,
    ("MJPG", 640, 480): 30.0,
    ("YUYV", 1920, 1080): 5.0,
    ("YUYV", 1280, 720): 10.0,
    ("YUYV", 640, 480): 30.0,
}


class FakeCamera:
    """Acts like cv2.VideoCapture on V4L2: snaps requests to listed modes, reports what it set."""

    def __init__(
        self,
        modes: dict[tuple[str, int, int], float],
        *,
        failing: frozenset[tuple[int, int]] = frozenset(),
        reports_fps: bool = True,
    ) -> None:
        self.modes = modes
        self.failing = failing
        self.reports_fps = reports_fps
        self.format = "YUYV"
        self.width, self.height = 640, 480
        self.calls: list[tuple[str, object]] = []
        self.now = 0.0

    def isOpened(self) -> bool:  # OpenCV spells it so
        return True

    def _snap(self, width: int, height: int) -> tuple[int, int]:
        sizes = [(w, h) for f, w, h in self.modes if f == self.format]
        return min(sizes, key=lambda s: abs(s[0] - width) + abs(s[1] - height))

    def set(self, prop: int, value: float) -> bool:
        if prop == cv2.CAP_PROP_FOURCC:
            self.calls.append(("fourcc", fourcc_text(value)))
            wanted = fourcc_text(value)
            if not any(f == wanted for f, _w, _h in self.modes):
                return False
            self.format = wanted
            self.width, self.height = self._snap(self.width, self.height)
            return True
        if prop == cv2.CAP_PROP_FRAME_WIDTH:
            self.calls.append(("width", int(value)))
            self.width, self.height = self._snap(int(value), self.height)
        elif prop == cv2.CAP_PROP_FRAME_HEIGHT:
            self.calls.append(("height", int(value)))
            self.width, self.height = self._snap(self.width, int(value))
        elif prop == cv2.CAP_PROP_FPS:
            self.calls.append(("fps", value))
        return True

    @property
    def fps(self) -> float:
        return self.modes[(self.format, self.width, self.height)]

    def get(self, prop: int) -> float:
        if prop == cv2.CAP_PROP_FOURCC:
            return float(fourcc_code(self.format))
        if prop == cv2.CAP_PROP_FRAME_WIDTH:
            return float(self.width)
        if prop == cv2.CAP_PROP_FRAME_HEIGHT:
            return float(self.height)
        if prop == cv2.CAP_PROP_FPS:
            return self.fps if self.reports_fps else 0.0
        return 0.0

    def grab(self) -> bool:
        self.now += 1.0 / self.fps
        return (self.width, self.height) not in self.failing

    def read(self) -> tuple[bool, np.ndarray | None]:
        if not self.grab():
            return False, None
        return True, np.full((self.height, self.width, 3), 120, np.uint8)

    def release(self) -> None:
        pass


def test_a_typical_webcam_gets_1080p_mjpg_at_30_fps() -> None:
    camera = FakeCamera(TYPICAL_USB)
    mode = negotiate(camera)
    assert mode == CameraMode(1920, 1080, "MJPG", 30.0)
    assert mode.compressed
    assert camera.calls[0] == ("fourcc", "MJPG")  # the format before the size (V4L2 order)
    assert mode.describe() == "1920x1080 MJPG 30 fps"


def test_1080p_below_25_fps_falls_back_to_720p() -> None:
    slow_1080 = {**TYPICAL_USB, ("MJPG", 1920, 1080): 15.0}
    camera = FakeCamera(slow_1080)
    assert negotiate(camera) == CameraMode(1280, 720, "MJPG", 30.0)
    assert (camera.width, camera.height) == (1280, 720)  # and the camera is left in that mode


def test_1080p_that_fails_to_stream_falls_back_to_720p() -> None:
    camera = FakeCamera(TYPICAL_USB, failing=frozenset({(1920, 1080)}))
    assert negotiate(camera) == CameraMode(1280, 720, "MJPG", 30.0)


def test_mjpg_refused_keeps_the_fastest_raw_mode() -> None:
    raw_only = {key: fps for key, fps in TYPICAL_USB.items() if key[0] == "YUYV"}
    camera = FakeCamera(raw_only)
    mode = negotiate(camera)
    assert mode == CameraMode(1280, 720, "YUYV", 10.0)  # 720p at 10 fps beats 1080p at 5
    assert not mode.compressed


def test_the_best_slow_mode_is_asked_for_again() -> None:
    odd = {("YUYV", 1920, 1080): 8.0, ("YUYV", 1280, 720): 6.0}
    camera = FakeCamera(odd)
    assert negotiate(camera) == CameraMode(1920, 1080, "YUYV", 8.0)
    assert (camera.width, camera.height) == (1920, 1080)


def test_a_camera_that_fails_every_mode_gives_none_and_a_camera_error() -> None:
    camera = FakeCamera(TYPICAL_USB, failing=frozenset({(1920, 1080), (1280, 720)}))
    assert negotiate(camera) is None
    source = CameraSource(0, capture_factory=lambda _index: camera)
    with pytest.raises(CameraError, match="delivers no picture"):
        source.open()


def test_a_backend_without_a_frame_rate_is_measured() -> None:
    camera = FakeCamera(TYPICAL_USB, reports_fps=False)
    mode = negotiate(camera, clock=lambda: camera.now)
    assert mode == CameraMode(1920, 1080, "MJPG", 30.0)
    assert measured_fps(FakeCamera({("YUYV", 640, 480): 30.0}), frames=1) == 0.0  # too few


def test_camera_source_reports_the_negotiated_mode_and_trusts_the_first_frame() -> None:
    camera = FakeCamera(TYPICAL_USB)
    source = CameraSource(0, capture_factory=lambda _index: camera)
    source.open()
    assert source.mode == CameraMode(1920, 1080, "MJPG", 30.0) and source.fps == 30.0
    camera.width, camera.height = 1280, 720  # a driver that said 1080p but sends 720p
    frame = source.read()
    assert frame is not None and frame.shape[:2] == (720, 1280)
    assert source.mode == CameraMode(1280, 720, "MJPG", 30.0)


def test_a_video_file_that_ignores_every_request_is_reported_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 15.0, (640, 360))
    for shade in range(30):
        writer.write(np.full((360, 640, 3), shade * 8, np.uint8))
    writer.release()
    capture = cv2.VideoCapture(str(path))
    try:
        mode = negotiate(capture)
    finally:
        capture.release()
    assert mode == CameraMode(640, 360, "MJPG", 15.0)
    source = CameraSource(0, capture_factory=lambda _index: cv2.VideoCapture(str(path)))
    source.open()
    try:
        assert source.mode == CameraMode(640, 360, "MJPG", 15.0)
        assert source.read() is not None
    finally:
        source.close()


def test_fourcc_text_ignores_what_is_not_a_format() -> None:
    assert fourcc_text(fourcc_code("YUYV")) == "YUYV"
    assert fourcc_text(0.0) == "" and fourcc_text(30.0) == "" and fourcc_text(-1) == ""


def test_camera_report_round_trips_and_rejects_junk() -> None:
    report = CameraReport("camera 0", CameraMode(1280, 720, "MJPG", 30.0), 1700000000.0)
    assert CameraReport.from_dict(report.to_dict()) == report
    assert report.describe() == "1280x720 MJPG 30 fps (camera 0)"
    assert CameraReport.from_dict({"source": 3}) is None
    assert CameraReport.from_dict({"source": "camera 1", "mode": {"width": "x"}}) == CameraReport(
        "camera 1", None, 0.0
    )


def test_opencv_says_nothing_when_no_camera_is_there() -> None:
    """Its "can't open camera by index" used to reach stderr on every retry."""
    script = (
        "from kiosk_app.scanner.sources import CameraError, CameraSource\n"
        "for _ in range(3):\n"
        "    try:\n"
        "        CameraSource(97).open()\n"
        "    except CameraError as exc:\n"
        "        print(exc)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENCV_LOG_LEVEL"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("camera 97 not found or busy") == 3
    assert done.stderr == ""
