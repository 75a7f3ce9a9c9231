"""The unpaired screen: the server revoked this kiosk; staff can set it up again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.screens.message_layout import build_message_layout
from kiosk_app.ui.widgets import touch_button


class UnpairedScreen(TranslatedWidget):
    """Tells visitors to see reception; ``set_up_again`` leads staff to pairing."""

    set_up_again = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UnpairedScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.parts = build_message_layout(self, "unlink")
        self.button = touch_button(kind="light")
        self.button.clicked.connect(self.set_up_again)
        self.parts.layout.insertWidget(
            self.parts.layout.count() - 1, self.button, 0, Qt.AlignmentFlag.AlignHCenter
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.parts.title.setText(self.tr("This kiosk is not connected"))
        self.parts.body.setText(
            self.tr("Check-in is not available here right now. Please see reception.")
        )
        self.parts.detail.setText(
            self.tr(
                "For staff: the server removed this kiosk. Visitor names were deleted; check-ins "
                "not yet sent are kept on the kiosk and can be saved with "
                "“atrium-kiosk export-queue FILE”."
            )
        )
        self.button.setText(self.tr("Set up this kiosk again"))
