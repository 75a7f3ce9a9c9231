"""The scan screen: the live mirrored camera picture, one instruction, the site, a status line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.core.kiosk import KioskStatus
from kiosk_app.ui.camera_view import CameraView
from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.status_strip import StatusStrip
from kiosk_app.ui.widgets import text_label


class ScanScreen(TranslatedWidget):
    """What a visitor walks up to; ``frame_painted`` after each new camera picture is drawn."""

    frame_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScanScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._site_name = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        header = QHBoxLayout()
        header.setContentsMargins(40, 24, 320, 8)  # the language button sits top right
        self.site = text_label("site", wrap=False)
        header.addWidget(self.site)
        header.addStretch(1)
        layout.addLayout(header)

        self.instruction = text_label("instruction", center=True)
        self.instruction.setContentsMargins(40, 4, 40, 20)
        layout.addWidget(self.instruction)

        camera_row = QHBoxLayout()
        camera_row.setContentsMargins(40, 0, 40, 28)
        self.camera = CameraView()
        self.camera.frame_painted.connect(self.frame_painted)
        camera_row.addWidget(self.camera)
        layout.addLayout(camera_row, 1)

        self.status_strip = StatusStrip()
        layout.addWidget(self.status_strip)
        self.retranslate()

    def set_site_name(self, name: str) -> None:
        self._site_name = name
        self.retranslate()

    def show_frame(self, image: QImage) -> None:
        """The newest camera picture (already mirrored)."""
        self.camera.show_frame(image)

    def clear_picture(self) -> None:
        """No picture (the camera is gone): the view shows only the guide frame."""
        self.camera.clear()

    def show_status(self, status: KioskStatus) -> None:
        self.status_strip.show_status(status)

    def retranslate(self) -> None:
        self.site.setText(self._site_name or self.tr("Visitor check-in"))
        self.instruction.setText(self.tr("Hold your QR code up to the camera"))
