"""The attract screen after a quiet spell: a touch or a code in view wakes the kiosk."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.screens.message_layout import build_message_layout


class AttractScreen(TranslatedWidget):
    """Big, calm invitation to check in; ``woken`` on any touch."""

    woken = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AttractScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._site_name = ""
        self.parts = build_message_layout(self, "qr-scan", 300)
        self.retranslate()

    def set_site_name(self, name: str) -> None:
        self._site_name = name
        self.retranslate()

    def mousePressEvent(self, event: object) -> None:
        self.woken.emit()

    def retranslate(self) -> None:
        if self._site_name:
            self.parts.title.setText(self.tr("Welcome to %1").replace("%1", self._site_name))
        else:
            self.parts.title.setText(self.tr("Welcome"))
        self.parts.body.setText(
            self.tr("Visiting us? Show your QR code to the camera to check in.")
        )
        self.parts.detail.setText(self.tr("Touch the screen to start"))
