"""Camera negotiation: MJPG at the largest of 1080p and 720p that keeps 30 fps, with fallbacks.

Most USB webcams deliver 720p and 1080p at 30 fps only as MJPG and drop to 5-10 fps in raw
YUYV, so the kiosk asks for MJPG first, then tries each size from the largest down, reads back
what the driver agreed to, and keeps the first mode that holds ``MIN_FPS``. If none does (MJPG
refused, a slow camera), it keeps the fastest mode it saw. OpenCV's own logging is silenced here.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from typing import Any

import cv2

from kiosk_app.core.camera import CameraMode

log = logging.getLogger(__name__)

WANTED_SIZES: tuple[tuple[int, int], ...] = ((1920, 1080), (1280, 720))
TARGET_FPS = 30.0
MIN_FPS = 25.0
MJPG = "MJPG"
MEASURE_FRAMES = 6
ENV_OPENCV_LOG_LEVEL = "OPENCV_LOG_LEVEL"


def quiet_opencv() -> None:
    """Silences OpenCV's own stderr warnings ("can't open camera by index" every retry).

    The kiosk reports camera trouble itself, once per change. ``OPENCV_LOG_LEVEL`` set by the
    user (to debug a camera) wins.
    """
    if os.environ.get(ENV_OPENCV_LOG_LEVEL):
        return
    logging_api = getattr(getattr(cv2, "utils", None), "logging", None)
    if logging_api is not None and hasattr(logging_api, "setLogLevel"):
        logging_api.setLogLevel(logging_api.LOG_LEVEL_SILENT)
    elif hasattr(cv2, "setLogLevel"):  # OpenCV 4.x spells it here too
        cv2.setLogLevel(0)


def fourcc_text(value: float) -> str:
    """``CAP_PROP_FOURCC`` as four letters ("MJPG", "YUYV"); "" when the backend gives none."""
    code = int(value or 0)
    if code <= 0:
        return ""
    text = "".join(chr((code >> (8 * i)) & 0xFF) for i in range(4)).strip("\0 ")
    return text if text.isascii() and text.isprintable() and len(text) >= 3 else ""


def fourcc_code(text: str) -> int:
    return int(cv2.VideoWriter_fourcc(*text))


def measured_fps(
    capture: Any, frames: int = MEASURE_FRAMES, clock: Callable[[], float] = time.monotonic
) -> float:
    """Frames per second over a few grabs, for backends that do not report a rate."""
    start = clock()
    grabbed = 0
    for _ in range(frames):
        if not capture.grab():
            break
        grabbed += 1
    elapsed = clock() - start
    return grabbed / elapsed if grabbed > 1 and elapsed > 0 else 0.0


def _usable_fps(value: float) -> float:
    return float(value) if value and 1 <= value <= 240 else 0.0


def _attempt(
    capture: Any,
    size: tuple[int, int],
    target_fps: float,
    clock: Callable[[], float],
) -> CameraMode | None:
    """Asks for ``size`` at ``target_fps``; the mode the driver agreed to, or None if it fails."""
    width, height = size
    capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
    capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
    capture.set(cv2.CAP_PROP_FPS, target_fps)
    got_width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH) or 0) or width
    got_height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT) or 0) or height
    if not capture.grab():  # e.g. not enough USB bandwidth for this mode: streaming fails
        return None
    fps = _usable_fps(capture.get(cv2.CAP_PROP_FPS)) or measured_fps(capture, clock=clock)
    pixel_format = fourcc_text(capture.get(cv2.CAP_PROP_FOURCC))
    return CameraMode(got_width, got_height, pixel_format, round(fps, 1))


def _preference(mode: CameraMode, min_fps: float, target_fps: float) -> tuple[bool, float, int]:
    """Keeps ``min_fps`` first, then the higher rate (up to the target), then the larger size."""
    return (mode.fps >= min_fps, min(mode.fps, target_fps), mode.width * mode.height)


def negotiate(
    capture: Any,
    sizes: Sequence[tuple[int, int]] = WANTED_SIZES,
    *,
    target_fps: float = TARGET_FPS,
    min_fps: float = MIN_FPS,
    clock: Callable[[], float] = time.monotonic,
) -> CameraMode | None:
    """Sets the best mode on an open ``capture`` and returns it; None if no mode delivers."""
    if capture.set(cv2.CAP_PROP_FOURCC, fourcc_code(MJPG)):  # before the size (V4L2)
        agreed = fourcc_text(capture.get(cv2.CAP_PROP_FOURCC))
        if agreed and agreed != MJPG:
            log.info("the camera refused MJPG and delivers %s", agreed)
    seen: list[tuple[tuple[int, int], CameraMode]] = []
    for size in sizes:
        mode = _attempt(capture, size, target_fps, clock)
        if mode is None:
            log.info("the camera failed to deliver %dx%d", *size)
            continue
        if (mode.width, mode.height) == tuple(size) and mode.fps >= min_fps:
            return mode
        seen.append((tuple(size), mode))  # type: ignore[arg-type]
    if not seen:
        return None
    size, best = max(seen, key=lambda item: _preference(item[1], min_fps, target_fps))
    if best is not seen[-1][1]:  # the driver holds the last mode tried: ask for the best again
        best = _attempt(capture, size, target_fps, clock) or best
    return best
