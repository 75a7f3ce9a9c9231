"""Frame sources: image folder, video file, camera (missing, corrupt, lost) and open_source."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk_app.scanner import (
    CameraError,
    CameraSource,
    FrameSource,
    ImageFolderSource,
    SourceError,
    SyntheticSource,
    VideoFileSource,
    make_decoder,
    open_source,
)
from kiosk_app.scanner.effects import camera_frame


@pytest.fixture
def pass_frames(make_pass) -> list[tuple[str, np.ndarray]]:
    return [
        (make_pass(n), camera_frame(make_pass(n), "clean", seed=n, size=(640, 480)))
        for n in range(2)
    ]


def test_image_folder_in_name_order_drops_corrupt_files(tmp_path: Path, pass_frames) -> None:
    cv2.imwrite(str(tmp_path / "a.png"), pass_frames[0][1])
    (tmp_path / "b.png").write_bytes(b"not really a png")
    cv2.imwrite(str(tmp_path / "c.jpg"), pass_frames[1][1])
    (tmp_path / "notes.txt").write_text("ignored")
    source = ImageFolderSource(tmp_path, seconds_per_image=0.2, loop=False, realtime=False)
    assert isinstance(source, FrameSource)
    source.open()
    decoder = make_decoder()
    reads = [source.read() for _ in range(8)]
    texts = [decoder.decode(frame)[0] if frame is not None else None for frame in reads]
    first, second = pass_frames[0][0], pass_frames[1][0]
    assert texts == [first, first, None, None, second, second, None, None]
    assert source.dropped_frames == 2
    assert source.finished


def test_image_folder_loops(tmp_path: Path, pass_frames) -> None:
    cv2.imwrite(str(tmp_path / "only.png"), pass_frames[0][1])
    source = ImageFolderSource(tmp_path, seconds_per_image=0.1, loop=True, realtime=False)
    source.open()
    assert all(source.read() is not None for _ in range(5))


def test_image_folder_without_images_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("no images here")
    with pytest.raises(SourceError, match="no images"):
        ImageFolderSource(tmp_path).open()
    with pytest.raises(SourceError, match="no such folder"):
        ImageFolderSource(tmp_path / "missing").open()


def _write_video(path: Path, frames: list[np.ndarray], fourcc: str) -> None:
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), 15.0, (width, height))
    assert writer.isOpened()
    for frame in frames:
        writer.write(frame)
    writer.release()


@pytest.mark.parametrize(("suffix", "fourcc"), [(".avi", "MJPG"), (".mp4", "mp4v")])
def test_video_file_plays_once_or_loops(tmp_path: Path, pass_frames, suffix, fourcc) -> None:
    text, frame = pass_frames[0]
    blank = np.full_like(frame, 90)
    path = tmp_path / f"clip{suffix}"
    _write_video(path, [blank] * 3 + [frame] * 5, fourcc)

    once = VideoFileSource(path, loop=False, realtime=False)
    once.open()
    assert once.fps == pytest.approx(15.0)
    frames = []
    while (current := once.read()) is not None:
        frames.append(current)
    assert len(frames) == 8 and once.finished
    decoder = make_decoder()
    assert [bool(decoder.decode(f)) for f in frames] == [False] * 3 + [True] * 5
    assert decoder.decode(frames[-1]) == [text]
    once.close()

    looping = VideoFileSource(path, loop=True, realtime=False)
    assert all(looping.read() is not None for _ in range(20))
    looping.close()


def test_unreadable_video_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.mp4"
    path.write_bytes(b"\x00" * 100)
    with pytest.raises(SourceError, match=r"broken\.mp4"):
        VideoFileSource(path).open()


def test_missing_camera_is_a_camera_error() -> None:
    with pytest.raises(CameraError, match="camera 97"):
        CameraSource(97).open()


class ScriptedCapture:
    """Plays a list of (ok, frame) results like cv2.VideoCapture.read would."""

    def __init__(self, reads: list[tuple[bool, object]]) -> None:
        self.reads = list(reads)
        self.released = False
        self.settings: dict[int, float] = {}

    def isOpened(self) -> bool:  # OpenCV spells it so
        return True

    def set(self, prop: int, value: float) -> bool:
        self.settings[prop] = value
        return True

    def get(self, prop: int) -> float:
        return 25.0 if prop == cv2.CAP_PROP_FPS else 0.0

    def grab(self) -> bool:  # what negotiation probes each mode with
        return True

    def read(self) -> tuple[bool, object]:
        return self.reads.pop(0) if self.reads else (False, None)

    def release(self) -> None:
        self.released = True


def test_camera_drops_and_counts_corrupt_frames() -> None:
    good = np.full((720, 1280, 3), 100, np.uint8)
    capture = ScriptedCapture(
        [
            (True, None),
            (True, np.zeros((0, 0, 3), np.uint8)),
            (True, good.astype(np.float32)),
            (True, good),
            (True, good[:, :, 0]),
        ]
    )
    camera = CameraSource(0, sizes=[(1280, 720)], capture_factory=lambda index: capture)
    camera.open()
    assert camera.fps == 25.0
    assert capture.settings[cv2.CAP_PROP_FRAME_WIDTH] == 1280
    reads = [camera.read() for _ in range(5)]
    assert [r is None for r in reads] == [True, True, True, False, False]
    assert camera.dropped_frames == 3


def test_camera_that_stops_delivering_is_lost() -> None:
    good = np.full((48, 64, 3), 100, np.uint8)
    capture = ScriptedCapture([(True, good)] + [(False, None)] * 4)
    camera = CameraSource(0, max_failed_reads=3, capture_factory=lambda index: capture)
    assert camera.read() is not None
    assert camera.read() is None
    assert camera.read() is None
    with pytest.raises(CameraError, match="camera lost"):
        camera.read()
    assert capture.released


def test_camera_recovers_when_frames_return() -> None:
    good = np.full((48, 64, 3), 100, np.uint8)
    reads = [(False, None), (False, None), (True, good), (False, None), (False, None)]
    capture = ScriptedCapture(reads)
    camera = CameraSource(0, max_failed_reads=3, capture_factory=lambda index: capture)
    assert [camera.read() is None for _ in range(5)] == [True, True, False, True, True]


def test_open_source_picks_the_kind(tmp_path: Path, pass_frames) -> None:
    cv2.imwrite(str(tmp_path / "a.png"), pass_frames[0][1])
    video = tmp_path / "clip.avi"
    _write_video(video, [pass_frames[0][1]] * 2, "MJPG")
    assert isinstance(open_source("0"), CameraSource)
    assert open_source(" 1 ").index == 1
    assert isinstance(open_source(str(tmp_path)), ImageFolderSource)
    assert isinstance(open_source(str(video)), VideoFileSource)
    synthetic = open_source("synthetic", realtime=False)
    assert isinstance(synthetic, SyntheticSource) and synthetic.loop
    with pytest.raises(SourceError, match="not a camera index"):
        open_source(str(tmp_path / "nothing-here.mp4"))


def test_synthetic_spec_shows_sample_codes() -> None:
    source = open_source("synthetic", realtime=False, size=(640, 360))
    decoder = make_decoder()
    seen = {text for _ in range(160) for text in decoder.decode(source.read())}
    assert "Atrium sample code 1" in seen
