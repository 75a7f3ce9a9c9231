"""Visit flow: screen transitions while reading and signing; stroke latency on the pad.

Transitions run in the kiosk window (offscreen unless a display is set) at 1920x1080, with two
documents: document -> its pad ("Continue to sign"), pad -> next document ("Sign and
continue", which renders the signature PNG), and the last signature -> the welcome verdict
painted (the real app: the check-in with its two signed records written in one transaction).
Each is timed from the tap to the end of the new screen's first paint; target: median under
100 ms.

Strokes: a finger (touch events) and a mouse moving at 60 Hz across the pad, at 1920x1080
and 3840x2160, each event timed from its delivery to the end of the paint that shows it, in
60 Hz frames (16.7 ms); target: within one frame. The pad repaints only each new segment's
box; each row also gives the share of the pad one such paint covers.
Usage: python benchmarks/visit_flow.py [--rounds 30] [--points 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ATRIUM_KIOSK_SOUND", "0")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk_app.ui.app import application
from kiosk_app.ui.i18n import LanguageSwitcher
from kiosk_app.ui.signature_pad import SignaturePad
from kiosk_app.ui.window import KioskWindow
from tests.ui.ink import sign_with_mouse
from tests.ui.test_screens import SAMPLE_DOCUMENTS

FRAME_MS = 1000 / 60


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values_ms: list[float]) -> str:
    return (
        f"median {statistics.median(values_ms):.1f} ms, p95 {percentile(values_ms, 0.95):.1f} ms,"
        f" max {max(values_ms):.1f} ms (n={len(values_ms)})"
    )


def wait_for(app: QApplication, done: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit("the screen did not paint in time")
        app.processEvents()


def page_transitions(app: QApplication, rounds: int) -> dict[str, list[float]]:
    """Document -> pad and pad -> next document, tapped ``rounds`` times each."""
    switcher = LanguageSwitcher()
    switcher.set_language("en")
    window = KioskWindow(switcher)
    window.allow_close = True
    window.resize(1920, 1080)
    window.show()
    signing = window.signing
    shown: list[tuple[str, float]] = []
    signing.page_shown.connect(lambda page, at: shown.append((page, at)))
    times: dict[str, list[float]] = {"document -> pad": [], "pad -> next document": []}

    def tap(target: QWidget, page: str) -> float:
        before = len(shown)
        started = time.perf_counter()
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)
        wait_for(app, lambda: len(shown) > before and shown[-1][0] == page)
        return (shown[-1][1] - started) * 1000

    for _ in range(rounds):
        signing.start(SAMPLE_DOCUMENTS["en"])
        window.show_screen("signing")
        wait_for(app, lambda: bool(shown))
        times["document -> pad"].append(tap(signing.touch_targets()["continue"], "sign"))
        sign_with_mouse(signing.touch_targets()["pad"])
        times["pad -> next document"].append(tap(signing.touch_targets()["sign"], "read"))
        signing.cancel()
    window.close()
    return times


def stroke_latency(
    app: QApplication, size: tuple[int, int], points: int, finger: bool
) -> tuple[list[float], list[float]]:
    """Milliseconds from each move event to the end of the paint that shows its segment,
    and the share of the pad each of those paints covered."""
    pad = SignaturePad()
    pad.resize(*size)
    pad.show()
    wait_for(app, lambda: pad.last_paint_at > 0)
    device = QTest.createTouchDevice() if finger else None
    width, height = size
    path = [
        QPoint(
            round(width * (0.1 + 0.8 * i / points)), round(height * (0.4 + 0.2 * ((i // 7) % 2)))
        )
        for i in range(points)
    ]
    latencies: list[float] = []
    if device is not None:
        QTest.touchEvent(pad, device).press(0, path[0]).commit()
    else:
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=path[0])
    wait_for(app, lambda: bool(pad.latencies))
    next_frame = time.perf_counter()
    for point in path[1:]:
        next_frame += FRAME_MS / 1000
        while time.perf_counter() < next_frame:  # one event per 60 Hz frame
            app.processEvents()
        sent = time.perf_counter()
        if device is not None:
            QTest.touchEvent(pad, device).move(0, point).commit()
        else:
            QTest.mouseMove(pad, point)
        wait_for(app, lambda sent=sent: pad.last_paint_at > sent)
        latencies.append((pad.last_paint_at - sent) * 1000)
    if device is not None:
        QTest.touchEvent(pad, device).release(0, path[-1]).commit()
    else:
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=path[-1])
    area = pad.width() * pad.height()
    shares = [r.width() * r.height() / area for r in list(pad.painted_rects)[1:]]
    pad.close()
    return latencies, shares


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--points", type=int, default=300)
    args = parser.parse_args()
    app = application()
    print(f"platform {app.platformName()}")
    transitions = page_transitions(app, args.rounds)
    for name, values in transitions.items():
        print(f"transition {name}: {summary(values)}")
    for size in ((1920, 1080), (3840, 2160)):
        for finger in (True, False):
            pad_size = (round(size[0] * 0.94), round(size[1] * 0.55))
            values, shares = stroke_latency(app, pad_size, args.points, finger)
            frames = [v / FRAME_MS for v in values]
            within = sum(1 for f in frames if f <= 1.0) / len(frames)
            print(
                f"stroke {'finger' if finger else 'mouse '} on a {size[0]}x{size[1]} screen:"
                f" {summary(values)}; median {statistics.median(frames):.2f} frames,"
                f" {within:.0%} within one frame; each paint covered a median"
                f" {statistics.median(shares):.2%} of the pad"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
