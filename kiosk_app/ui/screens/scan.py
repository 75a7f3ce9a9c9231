"""The scan screen: the live mirrored camera picture, one instruction, the site, a status line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.core.kiosk import KioskStatus
from kiosk_app.ui.camera_view import CameraView
from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.status_strip import StatusStrip
from kiosk_app.ui.theme import STACK_IN_PORTRAIT
from kiosk_app.ui.widgets import restyle, text_label, touch_button


class ScanScreen(TranslatedWidget):
    """What a visitor walks up to; ``frame_painted`` after each new camera picture is drawn.

    Below the picture: "I have no code" (``no_code``; shown where the site takes walk-ins or
    in check-out mode) and "Leaving? Check out" (``checkout_toggled(True)``), which in
    check-out mode reads "Back to check-in" (``checkout_toggled(False)``).
    """

    frame_painted = Signal()
    no_code = Signal()
    checkout_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScanScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._site_name = ""
        self._walk_ins = False
        self.checkout_mode = False
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

        buttons = QHBoxLayout()
        buttons.setProperty(STACK_IN_PORTRAIT, True)  # side by side they are too narrow there
        buttons.setContentsMargins(40, 0, 40, 24)
        buttons.setSpacing(40)
        self.no_code_button = touch_button(kind="big")
        self.no_code_button.setObjectName("NoCode")
        self.no_code_button.clicked.connect(self.no_code)
        self.checkout_button = touch_button(kind="big")
        self.checkout_button.setObjectName("CheckOut")
        self.checkout_button.clicked.connect(
            lambda: self.checkout_toggled.emit(not self.checkout_mode)
        )
        buttons.addWidget(self.no_code_button, 1)
        buttons.addWidget(self.checkout_button, 1)
        layout.addLayout(buttons)

        self.status_strip = StatusStrip()
        layout.addWidget(self.status_strip)
        self._show_buttons()
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

    def set_walk_ins(self, enabled: bool) -> None:
        """Whether this site takes walk-ins ("I have no code" in normal mode)."""
        self._walk_ins = enabled
        self._show_buttons()

    def set_checkout_mode(self, on: bool) -> None:
        """Check-out mode: another colour and instruction; the button leads back."""
        self.checkout_mode = on
        mode = "checkout" if on else "checkin"
        if self.property("mode") != mode:
            self.setProperty("mode", mode)
            for widget in (self, self.instruction):
                restyle(widget)
        self._show_buttons()
        self.retranslate()

    def walk_ins_shown(self) -> bool:
        """Whether "I have no code" starts a walk-in here (the site takes walk-ins)."""
        return self._walk_ins

    def _show_buttons(self) -> None:
        self.no_code_button.setVisible(self._walk_ins or self.checkout_mode)

    def retranslate(self) -> None:
        self.no_code_button.setText(self.tr("I have no code"))
        if self.checkout_mode:
            self.site.setText(self.tr("Check-out"))
            self.instruction.setText(self.tr("Hold the code you checked in with up to the camera"))
            self.checkout_button.setText(self.tr("Back to check-in"))
        else:
            self.site.setText(self._site_name or self.tr("Visitor check-in"))
            self.instruction.setText(self.tr("Hold your QR code up to the camera"))
            self.checkout_button.setText(self.tr("Leaving? Check out"))
