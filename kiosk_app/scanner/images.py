"""Frame checks and image loading shared by the decoders, the frame sources and the CLI."""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np

MAX_FRAME_SIDE = 8192  # longer sides are scaled down before decoding
MAX_IMAGE_PIXELS = MAX_FRAME_SIDE * MAX_FRAME_SIDE  # larger image files are refused unread


class ImageLoadError(Exception):
    """An image file could not be read; the message says which file and why."""


def as_frame(frame: object) -> np.ndarray | None:
    """The frame as a contiguous BGR or grayscale uint8 array, or None if it is unusable.

    Accepts what OpenCV and cameras deliver (gray, BGR, BGRA); anything else (None, empty,
    wrong dtype or shape) is reported as None so callers can drop it. Frames with a side longer
    than ``MAX_FRAME_SIDE`` are scaled down to it, which bounds the decoder's work.
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
        longest = max(frame.shape[:2])
        if longest > MAX_FRAME_SIDE:
            scale = MAX_FRAME_SIDE / longest
            return cv2.resize(frame, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        return np.ascontiguousarray(frame)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD9)):  # markers without a length
            position += 2
            continue
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + struct.unpack(">H", data[position + 2 : position + 4])[0]
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        return width, int.from_bytes(data[27:30], "little") + 1
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None


def declared_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG, JPEG, WebP or BMP header, without decoding; None if unknown."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data[: 1 << 20])
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    if data[:2] == b"BM" and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(width), abs(height)
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
    size = declared_size(data[: 1 << 20].tobytes())
    if size is not None and size[0] * size[1] > MAX_IMAGE_PIXELS:
        raise ImageLoadError(
            f"{file}: too large ({size[0]}x{size[1]} pixels; at most "
            f"{MAX_IMAGE_PIXELS // 1_000_000} million are read)"
        )
    try:
        image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    except cv2.error:
        image = None
    frame = as_frame(image)
    if frame is None:
        raise ImageLoadError(f"{file}: not an image format this kiosk can read")
    return frame
