"""What staff change on the admin panel: camera, decoder and language, sync now, camera mode.

Choices apply at once and are saved to kiosk.toml; the camera's negotiated mode is shown on the
panel and recorded in the store for `atrium-kiosk status` (another process).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from kiosk_app.core.camera import CameraMode
from kiosk_app.core.config import ConfigError
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.store import StoreError
from kiosk_app.scanner.camera_list import list_cameras
from kiosk_app.scanner.decoders import available_decoders
from kiosk_app.ui.screens.admin_panel import PanelFacts
from kiosk_app.ui.services import KioskServices
from kiosk_app.ui.window import KioskWindow

log = logging.getLogger(__name__)


class AdminSettings(QObject):
    """Carries out the admin panel's choices; the controller owns it and opens the panel."""

    def __init__(self, kiosk: Kiosk, window: KioskWindow, services: KioskServices) -> None:
        super().__init__(window)
        self.kiosk = kiosk
        self.window = window
        self.services = services
        self.camera_mode: CameraMode | None = None
        self._camera_description = ""
        panel = window.admin_panel
        panel.sync_requested.connect(self.sync_now)
        services.sync.report_ready.connect(panel.show_sync_report)
        panel.camera_chosen.connect(self.choose_camera)
        panel.decoder_chosen.connect(self.choose_decoder)
        panel.language_chosen.connect(self.choose_language)
        window.language.language_changed.connect(panel.mark_language)
        services.camera_ok.connect(self._on_camera_ok)
        services.camera_lost.connect(self._on_camera_lost)
        services.camera_mode.connect(self._on_camera_mode)

    def panel_facts(self) -> PanelFacts:
        identity = self.kiosk.identity
        names = {}
        if identity is not None:
            names = {
                "kiosk": identity.kiosk_name,
                "site": f"{identity.site_name} ({identity.tenant_name})",
                "server": identity.server_url,
            }
        return PanelFacts(
            camera=self.services.camera,
            cameras=list_cameras(),
            decoders=available_decoders(),
            decoder=self.services.decoder,
            language=self.window.language.language,
            **names,
        )

    def sync_now(self) -> None:
        self.window.admin_panel.show_sync_started(self.services.sync.trigger())

    def choose_camera(self, spec: str) -> None:
        """Switches the camera at once and keeps the choice in kiosk.toml."""
        self.camera_mode = None
        self.services.restart_camera(camera=spec)
        self.window.admin_panel.show_camera(spec)
        self._remember(camera=spec)

    def choose_decoder(self, name: str) -> None:
        self.services.restart_camera(decoder=name)
        self._remember(decoder=name)

    def choose_language(self, lang: str) -> None:
        self.window.language.set_language(lang)
        self._remember(language=lang)

    def _remember(self, **values: str) -> None:
        try:
            self.kiosk.remember(**values)
        except ConfigError as exc:  # it applies now anyway; staff see that it was not saved
            log.warning("cannot save the choice: %s", exc)
            self.window.admin_panel.show_save_problem(True)
        else:
            self.window.admin_panel.show_save_problem(False)

    # -- the camera's mode -------------------------------------------------------------------

    def _on_camera_ok(self, description: str) -> None:
        self._camera_description = description

    def _on_camera_lost(self, _reason: str) -> None:
        self.camera_mode = None
        self.window.admin_panel.show_camera_mode(None)

    def _on_camera_mode(self, mode: CameraMode | None) -> None:
        """The negotiated mode: on the admin panel, and in the store for `atrium-kiosk status`."""
        self.camera_mode = mode
        self.window.admin_panel.show_camera_mode(mode)
        try:
            self.kiosk.record_camera(self._camera_description or self.services.camera, mode)
        except (StoreError, OSError) as exc:
            log.warning("cannot record the camera mode: %s", exc)
