"""Visit flow: screen transitions while reading and signing; stroke latency on the pad.

Transitions run in the real app (offscreen unless a display is set) at 1920x1080, paired with
the embedded server whose site requires two documents, the synthetic camera at 30 fps showing
a fresh pass each round: the first frame with the pass -> the first document painted; document
-> its pad ("Continue to sign"); pad -> next document ("Sign and continue"); the last signature
-> the welcome verdict painted (the check-in with its two signed records written in one
transaction). The PNG is encoded in a worker from the moment the finger lifts; the script taps
300 ms later, a quick person. The kiosk is offline after pairing (the embedded server shares
this process and renders PDFs of uploaded records). Taps are timed from the tap to the end of
the new screen's first paint; target: median under 100 ms.

Strokes: a finger (touch events) and a mouse moving at 60 Hz across the pad, at 1920x1080
and 3840x2160, each event timed from its delivery to the end of the paint that shows it, in
60 Hz frames (16.7 ms); target: within one frame. The pad repaints only each new segment's
box; each row also gives the share of the pad one such paint covers.
Walk-ins and check-out (``walk_in_transitions.py``, a third as many rounds): the walk-in's
screens and check-out mode, timed the same way, same target.
Usage: python benchmarks/visit_flow.py [--rounds 30] [--points 300]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ATRIUM_KIOSK_SOUND", "0")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from benchmarks.walk_in_transitions import walk_in_transitions
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.scanner.synthetic import SyntheticSource
from kiosk_app.ui.app import application, build_kiosk_ui
from kiosk_app.ui.signature_pad import SignaturePad
from server_stub.embedded import EmbeddedServer
from tests.ui.ink import sign_with_mouse
from tests.ui.test_screens import SAMPLE_DOCUMENTS

FRAME_MS = 1000 / 60
REACH_MS = 300  # from lifting the finger to tapping "Sign and continue": quick for a person


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


class TimedSource:
    """A SyntheticSource that notes when each code first appears in a frame."""

    def __init__(self, inner: SyntheticSource) -> None:
        self.inner = inner
        self.fps = inner.fps
        self.description = inner.description
        self.first_seen: dict[str, float] = {}

    def open(self) -> None:
        self.inner.open()

    def read(self) -> object:
        frame = self.inner.read()
        text = self.inner.current_text
        if frame is not None and text is not None and text not in self.first_seen:
            self.first_seen[text] = time.perf_counter()
        return frame

    def close(self) -> None:
        self.inner.close()


def page_transitions(app: QApplication, rounds: int, root: Path) -> dict[str, list[float]]:
    """Each round: a fresh pass, two documents read and signed, the welcome."""
    server = EmbeddedServer(root / "server").start()
    config = KioskConfig(
        data_dir=root / "kiosk",
        credential_store="memory",
        server_url=server.url,
        ca_cert=server.ca_cert,
    )
    kiosk = Kiosk.open(config)
    try:
        kiosk.pair(server.url, server.pairing_code("Bench"), ca_cert=server.ca_cert)
        for document in SAMPLE_DOCUMENTS["en"]:
            server.publish_document({"en": (document.title, document.html)})
        now = dt.datetime.now(dt.UTC)
        passes = [
            server.create_visit(
                f"Visitor {n}", "Host", now - dt.timedelta(minutes=5), now + dt.timedelta(hours=2)
            )["pass"]
            for n in range(rounds)
        ]
        kiosk.sync.run_once()
        return _play_rounds(app, kiosk, passes)
    finally:
        kiosk.close()
        server.close()


def _play_rounds(app: QApplication, kiosk: Kiosk, passes: list[str]) -> dict[str, list[float]]:
    source = TimedSource(SyntheticSource([(None, 30)], size=(1280, 720), fps=30.0))
    window, controller = build_kiosk_ui(
        kiosk,
        "synthetic",
        "zxing",
        "en",
        source_opener=lambda _spec: source,
        sync_options={"interval_s": 3600.0},
    )
    window.resize(1920, 1080)
    window.show()
    controller.start()
    # offline, as a kiosk often is: the embedded server runs in this process, and its PDF
    # rendering of each uploaded record would otherwise compete with the kiosk for the GIL
    controller.services.sync.stop()
    signing = window.signing
    shown: list[tuple[str, float]] = []
    verdicts: list[float] = []
    signing.page_shown.connect(lambda page, at: shown.append((page, at)))
    controller.verdict_shown.connect(lambda _verdict, at: verdicts.append(at))
    names = (
        "scan -> first document",
        "document -> pad",
        "pad -> next document",
        "last signature -> welcome",
    )
    times: dict[str, list[float]] = {name: [] for name in names}

    def tap(role: str, page: str | None) -> float:
        before_pages, before_verdicts = len(shown), len(verdicts)
        started = time.perf_counter()
        QTest.mouseClick(signing.touch_targets()[role], Qt.MouseButton.LeftButton)
        if page is None:
            wait_for(app, lambda: len(verdicts) > before_verdicts)
            return (verdicts[-1] - started) * 1000
        wait_for(app, lambda: len(shown) > before_pages and shown[-1][0] == page)
        return (shown[-1][1] - started) * 1000

    try:
        for text in passes:
            before = len(shown)
            source.inner.enqueue(text, 45)
            source.inner.enqueue(None, 15)
            wait_for(app, lambda before=before: len(shown) > before, timeout_s=15.0)
            times[names[0]].append((shown[-1][1] - source.first_seen[text]) * 1000)
            times[names[1]].append(tap("continue", "sign"))
            sign_with_mouse(signing.touch_targets()["pad"])
            QTest.qWait(REACH_MS)
            times[names[2]].append(tap("sign", "read"))
            tap("continue", "sign")
            sign_with_mouse(signing.touch_targets()["pad"])
            QTest.qWait(REACH_MS)
            times[names[3]].append(tap("sign", None))
            window.verdict.finished.emit()  # back to scanning, as after a touch
    finally:
        controller.shutdown()
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
    with tempfile.TemporaryDirectory(prefix="atrium-bench-") as tmp:
        transitions = page_transitions(app, args.rounds, Path(tmp))
    for name, values in transitions.items():
        print(f"transition {name}: {summary(values)}")
    for name, values in walk_in_transitions(app, max(3, args.rounds // 3)).items():
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
