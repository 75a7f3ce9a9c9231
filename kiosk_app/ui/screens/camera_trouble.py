"""The camera trouble screen: no picture; retries by itself and returns when the camera does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.screens.message_layout import build_message_layout


class CameraTroubleScreen(TranslatedWidget):
    """Says what is wrong in plain words; the technical reason is small, for staff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CameraTroubleScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.reason = ""
        self.parts = build_message_layout(self, "camera-off")
        self.retranslate()

    def set_reason(self, reason: str) -> None:
        """Keeps the source's technical reason (English, for the log); the screen shows words."""
        self.reason = reason
        self.retranslate()

    def retranslate(self) -> None:
        self.parts.title.setText(self.tr("The camera is not working"))
        self.parts.body.setText(
            self.tr("Please see reception. The kiosk keeps trying and will be back by itself.")
        )
        self.parts.detail.setText(
            self.tr(
                "For staff: check that the camera is plugged in and not used by another "
                "program. Trying again every few seconds…"
            )
        )
