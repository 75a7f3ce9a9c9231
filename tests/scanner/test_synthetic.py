"""SyntheticSource: decodable frames for real passes, empty gaps, enqueue across threads, pacing."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from kiosk_app.scanner import FrameSource, SyntheticSource, make_decoder
from kiosk_app.scanner import synthetic as synthetic_module


def test_script_plays_gaps_and_passes(make_pass) -> None:
    text = make_pass(7)
    source = SyntheticSource([(None, 3), (text, 10), (None, 2)], realtime=False)
    assert isinstance(source, FrameSource)
    source.open()
    decoder = make_decoder()
    shown, read = [], []
    for _ in range(15):
        frame = source.read()
        assert frame is not None and frame.shape == (720, 1280, 3) and frame.dtype == np.uint8
        shown.append(source.current_text)
        read.append(decoder.decode(frame))
    assert shown == [None] * 3 + [text] * 10 + [None] * 2
    assert all(r == [] for r in read[:3] + read[13:])
    assert sum(r == [text] for r in read[3:13]) >= 9
    assert source.frames_emitted == 15


def test_exhausted_script_keeps_giving_empty_frames(make_pass) -> None:
    source = SyntheticSource([(make_pass(1), 2)], realtime=False)
    frames = [source.read() for _ in range(6)]
    assert all(f is not None for f in frames)
    assert source.current_text is None
    assert make_decoder().decode(frames[-1]) == []


def test_frames_move_and_are_not_flat(make_pass) -> None:
    source = SyntheticSource([(make_pass(2), 40)], realtime=False)
    first = source.read()
    for _ in range(30):
        last = source.read()
    assert first.std() > 20  # a room, not a flat backdrop
    assert np.abs(first.astype(int) - last.astype(int)).mean() > 2  # the phone moved


def test_loop_replays_the_script(make_pass) -> None:
    text = make_pass(3)
    source = SyntheticSource([(text, 2), (None, 1)], loop=True, realtime=False)
    shown = []
    for _ in range(7):
        source.read()
        shown.append(source.current_text)
    assert shown == [text, text, None, text, text, None, text]


def test_full_hd_size(make_pass) -> None:
    text = make_pass(4)
    source = SyntheticSource([(text, 1)], size=(1920, 1080), realtime=False)
    frame = source.read()
    assert frame.shape == (1080, 1920, 3)
    assert make_decoder().decode(frame) == [text]


def test_enqueue_from_another_thread(make_pass) -> None:
    texts = [make_pass(n) for n in (10, 11)]
    source = SyntheticSource(realtime=False)
    decoder = make_decoder()
    started = threading.Event()

    def producer() -> None:
        started.wait(5)
        for text in texts:
            source.enqueue(None, 2)
            source.enqueue(text, 4)

    thread = threading.Thread(target=producer)
    thread.start()
    seen: list[str] = []
    for _ in range(500):
        frame = source.read()
        started.set()
        for text in decoder.decode(frame):
            if text not in seen:
                seen.append(text)
        if len(seen) == 2:
            break
    thread.join(5)
    assert seen == texts


class FakeTime:
    def __init__(self) -> None:
        self.now = 50.0
        self.naps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.naps.append(seconds)
        self.now += seconds


def test_realtime_paces_to_fps(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeTime()
    monkeypatch.setattr(synthetic_module, "monotonic", fake.monotonic)
    monkeypatch.setattr(synthetic_module, "sleep", fake.sleep)
    source = SyntheticSource([(None, 5)], fps=10.0, size=(320, 240), realtime=True)
    for _ in range(5):
        source.read()
    assert fake.naps == pytest.approx([0.1] * 4)
    fake.now += 0.05  # a slow reader: only the rest of the frame time is slept
    source.read()
    assert fake.naps[-1] == pytest.approx(0.05)

    fake.naps.clear()
    fast = SyntheticSource([(None, 5)], fps=10.0, size=(320, 240), realtime=False)
    for _ in range(5):
        fast.read()
    assert fake.naps == []


def test_closed_source_gives_no_frames() -> None:
    source = SyntheticSource(size=(320, 240), realtime=False)
    source.close()
    assert source.read() is None
    source.open()
    assert source.read() is not None


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="fps"):
        SyntheticSource(fps=0)
    with pytest.raises(ValueError, match="frame count"):
        SyntheticSource([("x", -1)])
    source = SyntheticSource(size=(320, 240), realtime=False)
    with pytest.raises(ValueError, match="QR code"):
        source.enqueue("x" * 5000, 3)
    assert source.read() is not None and source.current_text is None
