"""load_image: readable images load as BGR frames, everything else is a clear ImageLoadError."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk_app.scanner import ImageLoadError, as_frame, load_image
from kiosk_app.scanner.images import MAX_FRAME_SIDE, declared_size


def test_loads_png_as_bgr(tmp_path: Path) -> None:
    path = tmp_path / "code.png"
    cv2.imwrite(str(path), np.full((40, 60), 200, np.uint8))
    frame = load_image(path)
    assert frame.shape == (40, 60, 3) and frame.dtype == np.uint8


@pytest.mark.parametrize(
    ("content", "reason"),
    [(None, "no such file"), (b"", "empty"), (b"\x89PNG garbage" * 10, "not an image")],
)
def test_unreadable_files(tmp_path: Path, content: bytes | None, reason: str) -> None:
    path = tmp_path / "broken.png"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImageLoadError, match=reason) as caught:
        load_image(path)
    assert "broken.png" in str(caught.value)


def test_directory_is_not_an_image(tmp_path: Path) -> None:
    with pytest.raises(ImageLoadError, match="directory"):
        load_image(tmp_path)


def test_as_frame_normalises_camera_output() -> None:
    assert as_frame(np.zeros((4, 4, 4), np.uint8)).shape == (4, 4, 3)
    assert as_frame(np.zeros((4, 4, 1), np.uint8)).shape == (4, 4)
    assert as_frame(np.zeros((4, 4, 3), np.uint16)) is None
    assert as_frame(np.zeros((4, 4, 2), np.uint8)) is None
    assert as_frame(np.zeros((1, 400), np.uint8)) is None
    assert as_frame(None) is None


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".webp", ".bmp"])
def test_declared_size_reads_headers(suffix: str) -> None:
    ok, data = cv2.imencode(suffix, np.zeros((123, 457, 3), np.uint8))
    assert ok
    assert declared_size(data.tobytes()) == (457, 123)
    assert declared_size(b"GIF89a....") is None


def test_image_bomb_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    _, data = cv2.imencode(".png", np.zeros((9000, 9000), np.uint8))
    path.write_bytes(data.tobytes())
    with pytest.raises(ImageLoadError, match=r"bomb\.png: too large \(9000x9000"):
        load_image(path)


def test_oversized_frames_are_scaled_down() -> None:
    frame = as_frame(np.zeros((100, MAX_FRAME_SIDE * 2), np.uint8))
    assert frame is not None and frame.shape == (50, MAX_FRAME_SIDE)
