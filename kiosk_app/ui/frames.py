"""Hand-over of camera frames between threads: one slot, the newest frame wins."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage


class LatestFrame:
    """A mailbox for one frame: ``put`` replaces an unread frame (counted as dropped)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._frame: np.ndarray | None = None
        self._closed = False
        self.dropped = 0

    def put(self, frame: np.ndarray) -> None:
        with self._cond:
            if self._frame is not None:
                self.dropped += 1
            self._frame = frame
            self._cond.notify()

    def take(self, timeout: float) -> np.ndarray | None:
        """The newest unread frame, waiting up to ``timeout`` s; None if none came or closed."""
        with self._cond:
            if self._frame is None and not self._closed:
                self._cond.wait(timeout)
            frame, self._frame = self._frame, None
            return frame

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._frame = None
            self._cond.notify_all()


def frame_to_image(frame: np.ndarray, mirror: bool = True) -> QImage:
    """A QImage that owns its pixels, from a BGR or grayscale uint8 frame, mirrored if asked."""
    height, width = frame.shape[:2]
    if frame.ndim == 2:
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_Grayscale8)
    else:
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_BGR888)
    if mirror:
        return image.flipped(Qt.Orientation.Horizontal)  # a copy that owns its pixels
    return image.copy()
