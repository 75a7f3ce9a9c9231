"""The kiosk's background services for the window: camera pipeline and sync, started together."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kiosk_app.core.health import CameraHeartbeat
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.verdicts import Verdict
from kiosk_app.scanner.decoders import Decoder, DecoderUnavailable, make_decoder
from kiosk_app.scanner.sources import FrameSource, open_source
from kiosk_app.ui.admission import SigningNeeded, admit
from kiosk_app.ui.camera_worker import CameraPipeline, PipelineSignals
from kiosk_app.ui.sync_bridge import SyncBridge

if TYPE_CHECKING:
    from kiosk_app.core.checkout import CheckoutService
    from kiosk_app.core.walk_ins import WalkInService

log = logging.getLogger(__name__)

SourceOpener = Callable[[str], FrameSource]


def load_decoder(name: str) -> Decoder:
    """The named decoder, or zxing-cpp (always installed) if that one cannot be used here."""
    try:
        return make_decoder(name)
    except (DecoderUnavailable, ValueError) as exc:
        log.warning("%s; using zxing instead", exc)
        return make_decoder("zxing")


class KioskServices(PipelineSignals):
    """Starts and stops the camera pipeline and the sync bridge; re-emits their signals.

    The pipeline is replaced on a camera or decoder switch; these signals stay connected.
    """

    status_changed = Signal(object)

    def __init__(
        self,
        kiosk: Kiosk,
        camera: str,
        decoder: str,
        source_opener: SourceOpener = open_source,
        sync_options: dict[str, Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.camera = camera
        self.decoder = decoder
        self._open = source_opener
        self.pipeline: CameraPipeline | None = None
        self.camera_heartbeat = CameraHeartbeat(kiosk.store)  # reported with every pull
        self.checkout_mode = False  # read by the decode thread: which service judges a code
        self.sync = SyncBridge(kiosk, self, **(sync_options or {}))
        self.sync.status_changed.connect(self.status_changed)

    @property
    def running(self) -> bool:
        return self.pipeline is not None

    def start(self) -> None:
        self.start_camera()
        self.sync.start()

    def stop(self) -> None:
        self.stop_camera()
        self.sync.stop()

    def start_camera(self) -> None:
        if self.pipeline is not None:
            return
        spec = self.camera
        self.camera_heartbeat.started()
        pipeline = CameraPipeline(
            lambda: self._open(spec),
            load_decoder(self.decoder),
            self.judge,
            parent=self,
            heartbeat=self.camera_heartbeat.beat,
        )
        pipeline.relay_to(self)
        self.pipeline = pipeline
        pipeline.start()

    def stop_camera(self) -> None:
        pipeline, self.pipeline = self.pipeline, None
        if pipeline is not None:
            pipeline.stop()
            pipeline.deleteLater()

    def restart_camera(self, camera: str | None = None, decoder: str | None = None) -> None:
        """Switch camera or decoder: stop the threads, then start fresh ones."""
        self.camera = camera or self.camera
        self.decoder = decoder or self.decoder
        if self.pipeline is not None:
            self.stop_camera()
            self.start_camera()

    @property
    def walk_ins(self) -> WalkInService:
        return self.kiosk.walk_ins

    @property
    def checkout(self) -> CheckoutService:
        return self.kiosk.checkout

    def judge(self, text: str) -> Verdict | SigningNeeded:
        """A code from the camera (decode thread): checked out in check-out mode, else
        admitted (documents to sign first, or the check-in's verdict)."""
        if self.checkout_mode:
            return self.kiosk.checkout.check_out(text)
        return admit(self.kiosk.checkin, text)

    def set_checkout_mode(self, on: bool) -> None:
        self.checkout_mode = on

    def set_armed(self, armed: bool) -> None:
        if self.pipeline is not None:
            self.pipeline.set_armed(armed)

    def preview_shown(self) -> None:
        if self.pipeline is not None:
            self.pipeline.preview_shown()
