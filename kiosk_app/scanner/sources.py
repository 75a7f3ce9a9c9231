"""Frame sources behind one interface: camera, video file, image folder and the synthetic camera."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import cv2
import numpy as np

from kiosk_app.core.camera import CameraMode
from kiosk_app.scanner.camera_modes import WANTED_SIZES, fourcc_text, negotiate, quiet_opencv
from kiosk_app.scanner.images import as_frame
from kiosk_app.scanner.synthetic import SyntheticSource

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff"})
SAMPLE_CODES = ("Atrium sample code 1", "Atrium sample code 2", "https://example.org/visit")

quiet_opencv()  # before the first capture is opened


class SourceError(Exception):
    """A frame source cannot be opened or used; the message says which and why."""


class CameraError(SourceError):
    """The camera is missing, busy, or stopped delivering frames ("camera lost")."""


@runtime_checkable
class FrameSource(Protocol):
    """Where frames come from; ``read`` returns None when no frame is available right now."""

    fps: float
    description: str

    def open(self) -> None: ...

    def read(self) -> np.ndarray | None: ...

    def close(self) -> None: ...


class _Pacer:
    """Sleeps so that successive frames are ``1/fps`` apart (when realtime)."""

    def __init__(self, fps: float, realtime: bool) -> None:
        self.interval = 1.0 / fps if fps > 0 else 0.0
        self.realtime = realtime
        self._due: float | None = None

    def wait(self) -> None:
        if not self.realtime or not self.interval:
            return
        now = time.monotonic()
        if self._due is None or now - self._due > 1.0:
            self._due = now
        elif self._due > now:
            time.sleep(self._due - now)
        self._due += self.interval


class CameraSource:
    """A camera by OpenCV index; CameraError if missing or after ``max_failed_reads`` in a row.

    ``open`` negotiates the mode (see ``camera_modes``); ``mode`` is what the camera delivers,
    its size corrected from the first frame if the driver reported another.
    """

    def __init__(
        self,
        index: int,
        sizes: Sequence[tuple[int, int]] = WANTED_SIZES,
        *,
        max_failed_reads: int = 30,
        capture_factory: Callable[[int], Any] = cv2.VideoCapture,
    ) -> None:
        self.index = int(index)
        self.sizes = tuple(sizes)
        self.max_failed_reads = max_failed_reads
        self.fps = 30.0
        self.description = f"camera {self.index}"
        self.mode: CameraMode | None = None
        self.dropped_frames = 0
        self._factory = capture_factory
        self._capture: Any = None
        self._failed_reads = 0
        self._size_checked = False

    def open(self) -> None:
        if self._capture is not None:
            return
        quiet_opencv()
        capture = self._factory(self.index)
        if capture is None or not capture.isOpened():
            if capture is not None:
                capture.release()
            raise CameraError(f"camera {self.index} not found or busy")
        mode = negotiate(capture, self.sizes)
        if mode is None:
            capture.release()
            raise CameraError(f"camera {self.index} opened but delivers no picture")
        self.mode = mode
        self.fps = mode.fps or 30.0
        self._capture = capture
        self._failed_reads = 0
        self._size_checked = False

    def read(self) -> np.ndarray | None:
        if self._capture is None:
            self.open()
        try:
            ok, raw = self._capture.read()
        except cv2.error:
            ok, raw = False, None
        frame = as_frame(raw) if ok else None
        if frame is not None:
            self._failed_reads = 0
            if not self._size_checked:
                self._check_size(frame)
            return frame
        if ok:
            self.dropped_frames += 1
        self._failed_reads += 1
        if self._failed_reads >= self.max_failed_reads:
            self.close()
            raise CameraError("camera lost")
        return None

    def _check_size(self, frame: np.ndarray) -> None:
        self._size_checked = True
        height, width = frame.shape[:2]
        if self.mode is not None and (self.mode.width, self.mode.height) != (width, height):
            self.mode = replace(self.mode, width=width, height=height)

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class VideoFileSource:
    """A video file played as a camera; loops by default, paced to its frame rate if realtime."""

    def __init__(self, path: str | Path, loop: bool = True, realtime: bool = True) -> None:
        self.path = Path(path)
        self.loop = loop
        self.fps = 30.0
        self.description = f"video {self.path.name}"
        self.mode: CameraMode | None = None
        self.dropped_frames = 0
        self.finished = False
        self._realtime = realtime
        self._capture: cv2.VideoCapture | None = None
        self._pacer = _Pacer(self.fps, realtime)

    def open(self) -> None:
        if self._capture is not None:
            return
        if not self.path.is_file():
            raise SourceError(f"{self.path}: no such video file")
        capture = cv2.VideoCapture(str(self.path))
        if not capture.isOpened():
            capture.release()
            raise SourceError(f"{self.path}: not a video this kiosk can read")
        fps = capture.get(cv2.CAP_PROP_FPS)
        self.fps = float(fps) if fps and 1 <= fps <= 240 else 30.0
        self.mode = CameraMode(
            int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
            int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
            fourcc_text(capture.get(cv2.CAP_PROP_FOURCC)),
            round(self.fps, 1),
        )
        self._pacer = _Pacer(self.fps, self._realtime)
        self._capture = capture
        self.finished = False

    def read(self) -> np.ndarray | None:
        if self._capture is None:
            self.open()
        if self.finished or self._capture is None:
            return None
        self._pacer.wait()
        ok, raw = self._capture.read()
        if not ok and self.loop:
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, raw = self._capture.read()
        if not ok:
            self.finished = True
            return None
        frame = as_frame(raw)
        if frame is None:
            self.dropped_frames += 1
        return frame

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class ImageFolderSource:
    """The images of a folder in name order, each shown for ``seconds_per_image``."""

    def __init__(
        self,
        directory: str | Path,
        seconds_per_image: float = 2.0,
        loop: bool = True,
        *,
        fps: float = 10.0,
        realtime: bool = True,
    ) -> None:
        self.directory = Path(directory)
        self.loop = loop
        self.fps = float(fps)
        self.frames_per_image = max(1, round(seconds_per_image * self.fps))
        self.description = f"images in {self.directory.name}"
        self.dropped_frames = 0
        self.finished = False
        self._pacer = _Pacer(self.fps, realtime)
        self._files: list[Path] = []
        self._position = 0  # frames read since the start of the pass through the folder
        self._current: tuple[int, np.ndarray | None] | None = None

    def open(self) -> None:
        if not self.directory.is_dir():
            raise SourceError(f"{self.directory}: no such folder")
        self._files = sorted(
            p
            for p in self.directory.iterdir()
            if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES
        )
        if not self._files:
            kinds = ", ".join(sorted(IMAGE_SUFFIXES))
            raise SourceError(f"{self.directory}: no images ({kinds}) in this folder")
        self._position = 0
        self._current = None
        self.finished = False

    def _image(self, number: int) -> np.ndarray | None:
        if self._current is None or self._current[0] != number:
            raw = cv2.imread(str(self._files[number]), cv2.IMREAD_COLOR)
            self._current = (number, as_frame(raw))
        return self._current[1]

    def read(self) -> np.ndarray | None:
        if not self._files:
            self.open()
        if self.finished:
            return None
        self._pacer.wait()
        number = self._position // self.frames_per_image
        if number >= len(self._files):
            if not self.loop:
                self.finished = True
                return None
            self._position, number = 0, 0
        self._position += 1
        frame = self._image(number)
        if frame is None:
            self.dropped_frames += 1
            return None
        return frame.copy()

    def close(self) -> None:
        self._current = None


def sample_script(frames_per_code: int = 60, gap_frames: int = 45) -> list[tuple[str | None, int]]:
    """A synthetic-camera script that shows each sample code, with empty frames in between."""
    script: list[tuple[str | None, int]] = []
    for text in SAMPLE_CODES:
        script += [(None, gap_frames), (text, frames_per_code)]
    return script


def open_source(spec: str, **options: Any) -> FrameSource:
    """A source from a spec: a camera index ("0"), a video file, an image folder or "synthetic".

    Options go to the source's constructor. The source is returned unopened.
    """
    text = str(spec).strip()
    if text.isdigit():
        return CameraSource(int(text), **options)
    if text.lower() == "synthetic":
        options.setdefault("script", sample_script())
        options.setdefault("loop", True)
        return SyntheticSource(**options)
    path = Path(text).expanduser()
    if path.is_dir():
        return ImageFolderSource(path, **options)
    if path.is_file():
        return VideoFileSource(path, **options)
    raise SourceError(
        f"{text!r} is not a camera index, an existing video file or image folder, or 'synthetic'"
    )
