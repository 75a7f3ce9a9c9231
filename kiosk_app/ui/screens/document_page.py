"""One document to read: its title, "n of m", the text large and scrollable, Cancel, Continue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk_app.ui.document_view import DocumentView
from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.widgets import text_label, touch_button

if TYPE_CHECKING:
    from kiosk_app.core.documents import PendingDocument

LANGUAGE_BUTTON_ROOM = 300  # the language button sits top right, over every screen


def progress_text(number: int, total: int) -> str:
    """ "Document 1 of 2", in the current language (one catalogue entry for both pages)."""
    text = QCoreApplication.translate("Signing", "Document %1 of %2")
    return text.replace("%1", str(number)).replace("%2", str(total))


def page_header() -> tuple[QVBoxLayout, QLabel, QLabel]:
    """The progress line beside the language button, the title below it at full width.

    The progress line is as tall as the button (kiosk.qss), so a long title (German makes
    long words) starts below the button and may use the whole width.
    """
    header = QVBoxLayout()
    header.setSpacing(6)
    progress = text_label("progress", wrap=False)
    progress.setContentsMargins(0, 0, LANGUAGE_BUTTON_ROOM, 0)
    title = text_label("headline")
    header.addWidget(progress)
    header.addWidget(title)
    return header, progress, title


class DocumentPage(TranslatedWidget):
    """Shows one PendingDocument; ``go_on`` when the visitor is ready to sign."""

    go_on = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentPage")
        self._number = 1
        self._total = 1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 32, 60, 32)
        layout.setSpacing(22)
        header, self.progress, self.title = page_header()
        layout.addLayout(header)
        self.view = DocumentView()
        self.view.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self.retranslate())
        layout.addWidget(self.view, 1)
        self.hint = text_label("hint")
        layout.addWidget(self.hint)
        footer = QHBoxLayout()
        footer.setSpacing(24)
        self.cancel_button = touch_button(kind="light")
        self.cancel_button.setObjectName("DocumentCancel")
        self.cancel_button.clicked.connect(self.cancelled)
        self.continue_button = touch_button(kind="primary")
        self.continue_button.setObjectName("DocumentContinue")
        self.continue_button.clicked.connect(self.go_on)
        footer.addWidget(self.cancel_button)
        footer.addStretch(1)
        footer.addWidget(self.continue_button)
        layout.addLayout(footer)
        self.retranslate()

    def show_document(self, document: PendingDocument, number: int, total: int) -> None:
        """``document`` (the ``number``-th of ``total``), scrolled to its top."""
        self._number, self._total = number, total
        self.title.setText(document.title)
        self.view.show_html(document.html)
        self.retranslate()

    def retranslate(self) -> None:
        self.progress.setText(progress_text(self._number, self._total))
        if self.view.verticalScrollBar().maximum() > 0:
            self.hint.setText(self.tr("Swipe up to read on. Then tap Continue to sign."))
        else:
            self.hint.setText(self.tr("Read it through, then tap Continue to sign."))
        self.cancel_button.setText(self.tr("Cancel"))
        self.continue_button.setText(self.tr("Continue to sign"))
