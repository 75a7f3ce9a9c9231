"""Frame checks and image loading shared by the decoders, the frame sources and the CLI."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np


class ImageLoadError(Exception):
    """An image file could not be read; the message says which file and why."""


def as_frame(frame: object) -> np.ndarray | None:
    """The frame as a contiguous BGR or grayscale uint8 array, or None if it is unusable.

    Accepts what OpenCV and cameras deliver (gray, BGR, BGRA); anything else (None, empty,
    wrong dtype or shape) is reported as None so callers can drop it.
    """
    if not isinstance(frame, np.ndarray) or frame.dtype != np.uint8 or frame.size == 0:
        return None
    if frame.ndim == 3 and frame.shape[2] == 1:
        frame = frame[:, :, 0]
    if frame.ndim == 3 and frame.shape[2] == 4:
        frame = cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
    if frame.ndim == 2 or (frame.ndim == 3 and frame.shape[2] == 3):
        if frame.shape[0] < 2 or frame.shape[1] < 2:
            return None
        return np.ascontiguousarray(frame)
    return None


def to_gray(frame: np.ndarray) -> np.ndarray:
    """A grayscale view of a frame that passed ``as_frame``."""
    return frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def load_image(path: str | Path) -> np.ndarray:
    """Read an image file (PNG, JPEG, WebP, BMP, ...) as a BGR frame; ImageLoadError if unusable."""
    file = Path(path)
    if not file.exists():
        raise ImageLoadError(f"{file}: no such file")
    if file.is_dir():
        raise ImageLoadError(f"{file}: is a directory, not an image")
    try:
        data = np.fromfile(file, dtype=np.uint8)
    except OSError as exc:
        raise ImageLoadError(f"{file}: cannot read ({exc.strerror or exc})") from exc
    if data.size == 0:
        raise ImageLoadError(f"{file}: the file is empty")
    image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    frame = as_frame(image)
    if frame is None:
        raise ImageLoadError(f"{file}: not an image format this kiosk can read")
    return frame
