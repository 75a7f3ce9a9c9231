"""The camera pipeline off the GUI thread: a reader thread and a decode thread, signals only."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk_app.core.camera import CameraMode
from kiosk_app.core.passes import shape_refusal
from kiosk_app.scanner.debounce import ScanDebouncer, SecondSighting
from kiosk_app.scanner.decoders import Decoder
from kiosk_app.scanner.images import as_frame
from kiosk_app.scanner.sources import FrameSource
from kiosk_app.ui.frames import LatestFrame, frame_to_image

log = logging.getLogger(__name__)

SourceFactory = Callable[[], FrameSource]
RETRY_S = 2.0


class CameraWorker(QObject):
    """Reads frames; hands the newest to the decoder and, when the GUI is ready, to the preview.

    Never touches widgets. A preview frame is sent only after the GUI has shown the previous one
    (``preview_shown``), and the decoder only ever sees the newest frame, so nothing piles up.
    The camera counts as working from its first good frame (``camera_ok``, then ``camera_mode``)
    and as in trouble from a failure (``camera_lost``); each change is logged once.
    """

    frame_ready = Signal(object)  # QImage, mirrored
    camera_lost = Signal(str)
    camera_ok = Signal(str)
    camera_mode = Signal(object)  # kiosk_app.core.camera.CameraMode, or None if not reported

    def __init__(
        self,
        open_source: SourceFactory,
        mailbox: LatestFrame,
        mirror: bool = True,
        heartbeat: Callable[[], None] | None = None,
    ):
        super().__init__()
        self._heartbeat = heartbeat  # told of every good frame (kiosk health; throttles itself)
        self._open_source = open_source
        self._mailbox = mailbox
        self._mirror = mirror
        self._stop = threading.Event()
        self._preview_free = threading.Event()
        self._preview_free.set()
        self.retry_s = RETRY_S
        self.frames_read = 0
        self.previews_skipped = 0
        self.on_frame: Callable[[object], None] | None = None  # benchmark hook (reader thread)
        self._working = False  # a good frame came since the last failure
        self._trouble: str | None = None  # the failure last reported, while in trouble

    def stop(self) -> None:
        self._stop.set()

    def preview_shown(self) -> None:
        """Called from the GUI thread once the last preview frame is on screen."""
        self._preview_free.set()

    def _in_trouble(self, reason: str) -> None:
        """Reports a failure: logged when the camera stops working, shown when the words change."""
        if self._working or self._trouble is None:
            log.warning("camera trouble: %s (retrying every %g s)", reason, self.retry_s)
        self._working = False
        if reason != self._trouble:
            self._trouble = reason
            self.camera_lost.emit(reason)

    def _working_again(self, source: FrameSource) -> None:
        description = str(getattr(source, "description", "camera"))
        mode: CameraMode | None = getattr(source, "mode", None)
        shown = mode.describe() if isinstance(mode, CameraMode) else "mode not reported"
        if self._trouble is not None:
            log.warning("camera working again: %s, %s", description, shown)
        else:
            log.info("camera working: %s, %s", description, shown)
        self._working = True
        self._trouble = None
        self.camera_ok.emit(description)
        self.camera_mode.emit(mode if isinstance(mode, CameraMode) else None)

    @Slot()
    def run(self) -> None:
        source: FrameSource | None = None
        while not self._stop.is_set():
            if source is None:
                try:
                    source = self._open_source()
                    source.open()
                except Exception as exc:  # any failure to open means "no camera" to the visitor
                    source = None
                    self._in_trouble(str(exc))
                    self._stop.wait(self.retry_s)
                    continue
            try:
                frame = source.read()
            except Exception as exc:  # unplugged, driver error: retry until it comes back
                self._close(source)
                source = None
                self._in_trouble(str(exc))
                self._stop.wait(self.retry_s)
                continue
            frame = as_frame(frame)  # contiguous BGR/gray uint8, or None for garbage
            if frame is None:
                self._stop.wait(0.01)
                continue
            if not self._working:
                self._working_again(source)
            self.frames_read += 1
            if self._heartbeat is not None:
                self._heartbeat()
            if self.on_frame is not None:
                self.on_frame(source)
            self._mailbox.put(frame)
            if self._preview_free.is_set():
                self._preview_free.clear()
                self.frame_ready.emit(frame_to_image(frame, self._mirror))
            else:
                self.previews_skipped += 1
        if source is not None:
            self._close(source)

    @staticmethod
    def _close(source: FrameSource) -> None:
        try:
            source.close()
        except Exception as exc:  # closing a lost camera may fail too
            log.warning("closing the camera failed: %s", exc)


def looks_refused(text: str) -> bool:
    """A text the check-in would refuse as "not a pass" or "damaged" (maybe a misread)."""
    return shape_refusal(text) is not None


class DecodeWorker(QObject):
    """Decodes the newest frame, suppresses codes held in view, and checks new ones in.

    A text that would be refused as "not a pass" or "damaged" is checked in only when a later
    frame shows it too (``SecondSighting``), so a one-frame misread never shows a refusal; a
    well-formed pass is checked in from its first frame.
    """

    pass_scanned = Signal(str)
    verdict_ready = Signal(object)  # kiosk_app.core.verdicts.Verdict
    scan_failed = Signal(str)

    def __init__(
        self,
        decoder: Decoder,
        mailbox: LatestFrame,
        check_in: Callable[[str], object] | None,
        debouncer: ScanDebouncer | None = None,
        second_sighting: SecondSighting | None = None,
    ) -> None:
        super().__init__()
        self._decoder = decoder
        self._mailbox = mailbox
        self._check_in = check_in
        self._debouncer = debouncer or ScanDebouncer()
        self._second_sighting = second_sighting or SecondSighting(looks_refused)
        self.held_back = 0  # texts that waited for a second frame
        self._stop = threading.Event()
        self.armed = True  # False: codes are seen (and debounced) but not checked in
        self.frames_decoded = 0
        self.last_decode_s = 0.0

    def stop(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        while not self._stop.is_set():
            frame = self._mailbox.take(timeout=0.1)
            if frame is None:
                continue
            started = time.perf_counter()
            try:
                texts = self._decoder.decode(frame)
            except Exception:  # a decoder bug must not stop scanning
                log.exception("decoding a frame failed")
                continue
            self.frames_decoded += 1
            self.last_decode_s = time.perf_counter() - started
            for text in texts:
                if not self._debouncer.accept(text):
                    continue
                if self._second_sighting.hold_back(text):
                    self._debouncer.forget(text)  # its next sighting must come through
                    self.held_back += 1
                    continue
                self._handle(text)

    def _handle(self, text: str) -> None:
        self.pass_scanned.emit(text)
        if not self.armed or self._check_in is None:
            return
        try:
            verdict = self._check_in(text)
        except Exception as exc:  # the store failed; the visitor must still get an answer
            log.exception("check-in failed")
            self.scan_failed.emit(str(exc))
            return
        self.verdict_ready.emit(verdict)


class PipelineSignals(QObject):
    """The camera pipeline's signals, declared once for the pipeline and whoever relays them."""

    frame_ready = Signal(object)
    camera_lost = Signal(str)
    camera_ok = Signal(str)
    camera_mode = Signal(object)
    pass_scanned = Signal(str)
    verdict_ready = Signal(object)
    scan_failed = Signal(str)

    SIGNAL_NAMES = (
        "frame_ready",
        "camera_lost",
        "camera_ok",
        "camera_mode",
        "pass_scanned",
        "verdict_ready",
        "scan_failed",
    )

    def relay_to(self, target: PipelineSignals) -> None:
        """Re-emits every pipeline signal of this object on ``target``."""
        for name in self.SIGNAL_NAMES:
            getattr(self, name).connect(getattr(target, name))


class CameraPipeline(PipelineSignals):
    """Owns the reader and decode threads; its signals arrive on the GUI thread."""

    def __init__(
        self,
        open_source: SourceFactory,
        decoder: Decoder,
        check_in: Callable[[str], object] | None,
        mirror: bool = True,
        parent: QObject | None = None,
        heartbeat: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.mailbox = LatestFrame()
        self.camera = CameraWorker(open_source, self.mailbox, mirror, heartbeat)
        self.decoder = DecodeWorker(decoder, self.mailbox, check_in)
        self._threads: list[QThread] = []
        self.camera.frame_ready.connect(self.frame_ready)
        self.camera.camera_lost.connect(self.camera_lost)
        self.camera.camera_ok.connect(self.camera_ok)
        self.camera.camera_mode.connect(self.camera_mode)
        self.decoder.pass_scanned.connect(self.pass_scanned)
        self.decoder.verdict_ready.connect(self.verdict_ready)
        self.decoder.scan_failed.connect(self.scan_failed)

    @property
    def running(self) -> bool:
        return bool(self._threads)

    def set_armed(self, armed: bool) -> None:
        self.decoder.armed = armed

    def preview_shown(self) -> None:
        self.camera.preview_shown()

    def start(self) -> None:
        if self._threads:
            return
        for name, worker in (("camera", self.camera), ("decode", self.decoder)):
            thread = QThread(self)
            thread.setObjectName(f"atrium-{name}")
            worker.moveToThread(thread)
            thread.started.connect(worker.run)
            self._threads.append(thread)
            thread.start()

    def stop(self, timeout_ms: int = 5000) -> None:
        """Stop flags, then ``quit()`` and ``wait()`` for both threads."""
        self.camera.stop()
        self.decoder.stop()
        self.mailbox.close()
        for thread in self._threads:
            thread.quit()
        for thread in self._threads:
            if not thread.wait(timeout_ms):
                log.warning("the %s thread did not stop in time", thread.objectName())
        self._threads = []
