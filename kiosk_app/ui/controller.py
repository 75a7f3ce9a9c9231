"""The kiosk's behaviour: which screen shows when, wired to the core and the background threads."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kiosk_app.core.admin_pin import PinCheck, PinError
from kiosk_app.core.documents import PendingDocument
from kiosk_app.core.kiosk import Kiosk, KioskStatus
from kiosk_app.core.pairing import PairingError, PairingErrorKind
from kiosk_app.core.signed_records import Signature, SignatureError
from kiosk_app.core.store import StoreError
from kiosk_app.core.verdicts import Verdict, VerdictCode
from kiosk_app.ui.admin_settings import AdminSettings
from kiosk_app.ui.admission import SigningNeeded
from kiosk_app.ui.checkout_flow import CheckoutFlow
from kiosk_app.ui.screen_names import (
    ADMIN_SCREENS,
    SCANNING_SCREENS,
    VISITOR_INPUT_SCREENS,
    Screen,
)
from kiosk_app.ui.services import KioskServices, SourceOpener
from kiosk_app.ui.signing_flow import SigningFlow
from kiosk_app.ui.sounds import SoundPlayer
from kiosk_app.ui.startup import ENV_STARTUP_PROBE, seconds_since_process_start
from kiosk_app.ui.tasks import BackgroundTask
from kiosk_app.ui.walk_in_flow import WalkInFlow
from kiosk_app.ui.window import KioskWindow

log = logging.getLogger(__name__)

IDLE_MS = 60_000


class KioskController(QObject):
    """Owns the services; the window only renders what this decides."""

    verdict_shown = Signal(object, float)  # Verdict, perf_counter() of its first paint

    def __init__(
        self,
        kiosk: Kiosk,
        window: KioskWindow,
        camera: str,
        decoder: str,
        sounds: SoundPlayer | None = None,
        source_opener: SourceOpener | None = None,
        sync_options: dict[str, Any] | None = None,
        idle_ms: int = IDLE_MS,
    ) -> None:
        super().__init__(window)
        self.kiosk = kiosk
        self.window = window
        self.sounds = sounds or SoundPlayer(parent=self)
        options: dict[str, Any] = {"sync_options": sync_options}
        if source_opener is not None:
            options["source_opener"] = source_opener
        self.services = KioskServices(kiosk, camera, decoder, parent=self, **options)
        self.camera_down = False
        self.settings = AdminSettings(kiosk, window, self.services)
        self.stopped = False
        self.last_verdict: Verdict | None = None
        self._probe = os.environ.get(ENV_STARTUP_PROBE) == "1"
        self._pair_task = BackgroundTask(self)
        self._pin_task = BackgroundTask(self)
        self._conflicts_task = BackgroundTask(self)
        self.idle = window.idle_timer(idle_ms)
        kiosk.checkin.language = window.language.language  # documents in the UI language
        self.signing = SigningFlow(window, self._documents_for)
        window.signing.set_clock(kiosk.clock.now)
        self.walk_in = WalkInFlow(window, self.services, self)
        self.walk_in.signer = lambda documents, signed, cancelled: self.signing.begin(
            documents, signed, cancelled, None
        )
        self.checkout = CheckoutFlow(window, self.services, self)
        self._wire()

    def _wire(self) -> None:
        w, s = self.window, self.services
        s.frame_ready.connect(self._on_frame)
        s.camera_lost.connect(self._on_camera_lost)
        s.camera_ok.connect(self._on_camera_ok)
        s.verdict_ready.connect(self._on_verdict)
        s.scan_failed.connect(self._on_scan_failed)
        s.status_changed.connect(self._on_status)
        w.scan.frame_painted.connect(self._on_frame_painted)
        w.verdict.finished.connect(self._back_to_scanning)
        w.verdict.shown.connect(self.verdict_shown)
        w.attract.woken.connect(self._back_to_scanning)
        w.long_press.triggered.connect(self.open_admin)
        w.admin_pin.pin_entered.connect(self._check_pin)
        w.admin_pin.cancelled.connect(self._back_to_scanning)
        w.admin_panel.closed.connect(self._back_to_scanning)
        w.admin_panel.unpair_requested.connect(self.unpair)
        w.admin_panel.exit_requested.connect(self.exit_app)
        w.pairing.pair_requested.connect(self._pair)
        w.unpaired.set_up_again.connect(self.show_pairing)
        w.language.language_changed.connect(w.verdict.set_language)
        w.language.language_changed.connect(self._set_visitor_language)
        w.screen_changed.connect(self._on_screen_changed)
        self.idle.timeout.connect(self._on_idle)
        self._pair_task.succeeded.connect(lambda _identity: self.enter_service())
        self._pair_task.failed.connect(self._on_pair_failed)
        self._pin_task.succeeded.connect(self._on_pin_checked)
        self._pin_task.failed.connect(lambda exc: log.error("PIN check failed: %s", exc))
        self._conflicts_task.succeeded.connect(w.admin_panel.show_conflicts)
        w.scan.no_code.connect(self._no_code)
        self.walk_in.finished.connect(self._back_to_scanning)
        self.checkout.finished.connect(self._back_to_scanning)
        self.checkout.verdict_ready.connect(self._show_verdict)
        self.checkout.failed.connect(self._on_scan_failed)

    # -- start, stop -------------------------------------------------------------------------

    def start(self) -> None:
        """Scanning if paired, the unpaired screen if the server revoked us, else pairing."""
        if self.kiosk.paired:
            self.enter_service()
        elif self.kiosk.status().revoked:
            self.window.show_screen(Screen.UNPAIRED)
        else:
            self.show_pairing()

    def enter_service(self) -> None:
        identity = self.kiosk.identity
        site = identity.site_name if identity else ""
        self.window.scan.set_site_name(site)
        self.window.attract.set_site_name(site)
        self.window.scan.show_status(self.kiosk.status())
        self.window.scan.set_walk_ins(self.services.walk_ins.enabled())
        self.services.start()
        self.window.show_screen(Screen.CAMERA_TROUBLE if self.camera_down else Screen.SCAN)
        self.idle.start()

    def shutdown(self) -> None:
        """Stops the camera and sync threads (stop flags, quit, wait); safe to call twice."""
        self.stopped = True
        self.idle.stop()
        self.signing.stop()
        self.window.signing.shutdown()
        self.window.verdict.stop_countdown()
        self.window.detach()
        self.services.stop()
        for task in (self._pair_task, self._pin_task, self._conflicts_task):
            task.wait(5.0)

    def show_pairing(self) -> None:
        self.services.stop()
        self.window.pairing.reset(self.kiosk.config.server_url)
        self.window.show_screen(Screen.PAIRING)

    def exit_app(self) -> None:
        self.window.allow_close = True
        self.window.close()

    def unpair(self) -> None:
        self.services.stop()
        held = self.kiosk.unpair()
        if held:
            log.warning("%d unsynced check-in(s) are held; export them with the CLI", held)
        self.show_pairing()

    # -- camera and verdicts -----------------------------------------------------------------

    def _on_frame(self, image: QImage) -> None:
        if self.window.current == Screen.SCAN:
            self.window.scan.show_frame(image)
        else:
            self.services.preview_shown()  # nobody sees it: let the next one through

    def _on_frame_painted(self) -> None:
        self.services.preview_shown()
        if self._probe:
            self._probe = False
            print(f"startup: first-frame {seconds_since_process_start():.3f}", flush=True)

    def _on_camera_lost(self, reason: str) -> None:
        self.camera_down = True
        self.window.camera_trouble.set_reason(reason)
        self.window.scan.clear_picture()
        if self.window.current in SCANNING_SCREENS:
            self.window.show_screen(Screen.CAMERA_TROUBLE)

    def _on_camera_ok(self, _description: str) -> None:
        self.camera_down = False
        if self.window.current == Screen.CAMERA_TROUBLE:
            self.window.show_screen(Screen.SCAN)

    def _on_verdict(self, result: Verdict | SigningNeeded) -> None:
        if self.window.current not in SCANNING_SCREENS | {Screen.CAMERA_TROUBLE}:
            return
        if isinstance(result, SigningNeeded):
            self._sign_then_check_in(result)
            return
        self.checkout.after_verdict(result)
        self._show_verdict(result)

    def _show_verdict(self, verdict: Verdict) -> None:
        """The verdict screen for a check-in or check-out, with its sound."""
        self.last_verdict = verdict
        offer = self.checkout.offers_checkout(verdict)
        self.window.verdict.show_verdict(verdict, self.window.language.language, offer)
        self.window.show_screen(Screen.VERDICT)
        self.sounds.play_for(verdict.verdict_class)
        self.idle.start()

    def _on_scan_failed(self, reason: str) -> None:
        """The store could not record a check-in (e.g. a full disk): say so, in plain words."""
        log.error("check-in failed: %s", reason)
        if self.window.current in SCANNING_SCREENS | VISITOR_INPUT_SCREENS:
            self._show_trouble()

    def _show_trouble(self) -> None:
        self.last_verdict = None
        self.window.verdict.show_problem(self.window.language.language)
        self.window.show_screen(Screen.VERDICT)
        self.sounds.play("trouble")
        self.idle.start()

    # -- documents to sign before the check-in -----------------------------------------------

    def _set_visitor_language(self, language: str) -> None:
        self.kiosk.checkin.language = language

    def _documents_for(self, visit_id: str | None, language: str) -> list[PendingDocument]:
        """The site's documents this visit (or the walk-in signing them) has not signed yet."""
        if visit_id is None and self.walk_in.signing:
            return self.walk_in.documents(language)  # with the name and company typed
        return self.kiosk.documents.pending_for(visit_id, language)

    def _sign_then_check_in(self, needed: SigningNeeded) -> None:
        """Documents first; the pass is used only with the last signature."""
        self._sign(needed.text, list(needed.verdict.pending_documents), [], needed.verdict)

    def _sign(
        self,
        text: str,
        documents: list[PendingDocument],
        signed: list[Signature],
        verdict: Verdict,
    ) -> None:
        self.idle.stop()
        self.signing.begin(
            documents,
            lambda signatures: self._check_in_signed(text, [*signed, *signatures]),
            self._back_to_scanning,
            verdict.visit_id,
        )

    def _check_in_signed(self, text: str, signatures: list[Signature]) -> None:
        """Records the check-in with its signatures; a document changed meanwhile is signed too."""
        try:
            verdict = self.kiosk.checkin.check_in(text, signatures)
        except (StoreError, SignatureError) as exc:
            log.error("signed check-in failed: %s", exc)
            self._show_trouble()
            return
        if verdict.code == VerdictCode.DOCUMENTS_PENDING and verdict.pending_documents:
            # a pull brought a new version while the visitor read: sign that one as well
            self._sign(text, list(verdict.pending_documents), signatures, verdict)
            return
        self._show_verdict(verdict)

    def _back_to_scanning(self) -> None:
        if self.stopped:
            return
        if not self.kiosk.paired:
            self.start()
            return
        self.window.show_screen(Screen.CAMERA_TROUBLE if self.camera_down else Screen.SCAN)
        self.idle.start()

    def _on_idle(self) -> None:
        if self.stopped:
            return
        current = self.window.current
        if current == Screen.SCAN:
            self.checkout.leave()
            self.window.show_screen(Screen.ATTRACT)
        elif current in ADMIN_SCREENS:
            self._back_to_scanning()
        elif current in VISITOR_INPUT_SCREENS:  # walked away while typing or choosing
            self.checkout.leave()
            self.walk_in.cancel()

    def _no_code(self) -> None:
        """ "I have no code": check-out mode lists today's walk-ins, else a walk-in begins."""
        if self.checkout.active:
            self.checkout.show_walk_ins()
        else:
            self.walk_in.begin()
        self.idle.start()

    def _on_screen_changed(self, name: str) -> None:
        self.services.set_armed(name in SCANNING_SCREENS)

    # -- status ------------------------------------------------------------------------------

    def _on_status(self, status: KioskStatus) -> None:
        if self.stopped:  # a last round's status after shutdown: the store may be closed
            return
        self.window.scan.show_status(status)
        self.window.scan.set_walk_ins(self.services.walk_ins.enabled())
        self.window.admin_panel.show_status(status, self.services.sync.last_error_kind)
        if status.revoked and not status.paired and self.window.current != Screen.PAIRING:
            self.services.stop()
            self.window.show_screen(Screen.UNPAIRED)

    # -- admin -------------------------------------------------------------------------------

    def open_admin(self) -> None:
        self.window.admin_pin.reset()
        self.window.show_screen(Screen.ADMIN_PIN)

    def _check_pin(self, pin: str) -> None:
        self._pin_task.start(lambda: self.kiosk.admin_pin.check(pin))

    def _on_pin_checked(self, result: PinCheck) -> None:
        if self.window.current != Screen.ADMIN_PIN:
            return
        if not result.ok:
            self.window.admin_pin.show_result(result)
            return
        self.window.admin_pin.reset()
        self.window.admin_panel.open_panel(self.settings.panel_facts())
        self.window.admin_panel.show_camera_mode(self.settings.camera_mode)
        sync = self.services.sync
        self.window.admin_panel.show_status(
            sync.last_status or self.kiosk.status(), sync.last_error_kind
        )
        self._conflicts_task.start(self.kiosk.conflicts)
        self.window.show_screen(Screen.ADMIN_PANEL)

    # -- pairing -----------------------------------------------------------------------------

    def _pair(self, server_url: str, code: str, pin: str) -> None:
        ca_cert = self.kiosk.config.ca_cert
        self._pair_task.start(
            lambda: self.kiosk.pair(server_url, code, ca_cert=ca_cert, admin_pin=pin or None)
        )

    def _on_pair_failed(self, exc: Exception) -> None:
        if isinstance(exc, PairingError):
            self.window.pairing.show_error(exc.kind, exc.retry_after)
        elif isinstance(exc, PinError):
            self.window.pairing.show_error(PairingErrorKind.SHORT_PIN)
        else:
            print(f"pairing failed: {exc}", file=sys.stderr)
            self.window.pairing.show_error(PairingErrorKind.SERVER_ERROR)
