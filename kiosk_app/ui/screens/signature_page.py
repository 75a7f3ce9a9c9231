"""The signature page: which document is signed, a full-width pad, Cancel, Clear, Sign."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.screens.document_page import page_header, progress_text
from kiosk_app.ui.signature_pad import SignaturePad
from kiosk_app.ui.theme import STACK_IN_PORTRAIT
from kiosk_app.ui.widgets import text_label, touch_button

if TYPE_CHECKING:
    from kiosk_app.core.documents import PendingDocument


MAX_PAD_RATIO = 0.85  # the pad's height at most this share of the page's width


class SignaturePage(TranslatedWidget):
    """``sign`` once the visitor taps "Sign and continue" (enabled only with ink on the pad)."""

    sign = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SignaturePage")
        self._number = 1
        self._total = 1
        self._document_title = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 32, 60, 32)
        layout.setSpacing(22)
        header, self.progress, self.title = page_header()
        layout.addLayout(header)
        self.accepts = text_label("body")
        layout.addWidget(self.accepts)
        self.pad = SignaturePad()
        self.pad.inked.connect(self._inked)
        layout.addWidget(self.pad, 1)
        layout.addStretch(0)  # takes what the pad leaves on a tall screen
        footer = QHBoxLayout()  # in portrait: Cancel and Clear, then a full-width Sign
        footer.setProperty(STACK_IN_PORTRAIT, True)
        footer.setSpacing(24)
        corrections = QHBoxLayout()
        corrections.setSpacing(24)
        self.cancel_button = touch_button(kind="light")
        self.cancel_button.setObjectName("SignatureCancel")
        self.cancel_button.clicked.connect(self.cancelled)
        self.clear_button = touch_button()
        self.clear_button.setObjectName("SignatureClear")
        self.clear_button.clicked.connect(self.pad.clear)
        self.sign_button = touch_button(kind="primary")
        self.sign_button.setObjectName("SignatureSign")
        self.sign_button.clicked.connect(self.sign)
        corrections.addWidget(self.cancel_button)
        corrections.addWidget(self.clear_button)
        corrections.addStretch(1)
        footer.addLayout(corrections, 1)
        footer.addWidget(self.sign_button)
        layout.addLayout(footer)
        self._inked(False)
        self.retranslate()

    def resizeEvent(self, event: object) -> None:  # Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
        # a signature is wide and low: on a portrait screen the pad stays wider than tall
        self.pad.setMaximumHeight(
            max(self.pad.minimumHeight(), round(self.width() * MAX_PAD_RATIO))
        )

    def show_document(self, document: PendingDocument, number: int, total: int) -> None:
        """An empty pad for ``document`` (the ``number``-th of ``total``)."""
        self._number, self._total = number, total
        self._document_title = document.title
        self.pad.clear()
        self.retranslate()

    def _inked(self, has_ink: bool) -> None:
        self.sign_button.setEnabled(has_ink)
        self.clear_button.setEnabled(has_ink)

    def retranslate(self) -> None:
        self.progress.setText(progress_text(self._number, self._total))
        self.title.setText(self.tr("Please sign here"))
        self.accepts.setText(
            self.tr("By signing you accept: %1").replace("%1", self._document_title)
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.clear_button.setText(self.tr("Clear"))
        self.sign_button.setText(self.tr("Sign and continue"))
