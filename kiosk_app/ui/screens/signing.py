"""The signing screen: each pending document is read, then signed; then the signatures go out.

``start(documents)`` shows the first document; after the last signature ``signed`` carries one
``Signature`` per document, in order. ``cancelled`` when the visitor taps Cancel on any page.
Nothing is recorded here: whoever started the screen decides what the signatures are for
(a check-in with a pass, a walk-in).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk_app.core.signed_records import Signature
from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.screens.document_page import DocumentPage
from kiosk_app.ui.screens.signature_page import SignaturePage
from kiosk_app.ui.signature_pad import SignaturePad, encode_png
from kiosk_app.ui.widgets import text_label

if TYPE_CHECKING:
    from kiosk_app.core.documents import PendingDocument

READ, SIGN = "read", "sign"


class SigningScreen(TranslatedWidget):
    """Reads and signs a list of PendingDocument; emits ``signed(list[Signature])``."""

    signed = Signal(list)
    cancelled = Signal()
    page_shown = Signal(str, float)  # "read"/"sign", perf_counter() of its first paint

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SigningScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.now: Callable[[], float] = time.time
        self._documents: list[PendingDocument] = []
        # per document signed so far: the document, its PNG (being encoded), strokes, time
        self._taken: list[tuple[PendingDocument, Future[bytes], list, float]] = []
        self._encoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="atrium-png")
        self._early: tuple[int, Future[bytes], list] | None = None  # version, PNG, strokes
        self._pending_paint: str | None = None
        self._idle_seconds = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.pages = QStackedWidget()
        self.reader = DocumentPage()
        self.signer = SignaturePage()
        self.pages.addWidget(self.reader)
        self.pages.addWidget(self.signer)
        layout.addWidget(self.pages, 1)
        self.idle_warning = text_label("idle-warning", center=True)
        self.idle_warning.setObjectName("IdleWarning")
        self.idle_warning.hide()
        layout.addWidget(self.idle_warning)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self.reader.go_on.connect(self.go_to_signature)
        self.reader.cancelled.connect(self.cancel)
        self.signer.sign.connect(self.take_signature)
        self.signer.pad.stroke_ended.connect(self._encode_early)
        self.signer.cancelled.connect(self.cancel)
        self.retranslate()

    # -- what the controller calls -----------------------------------------------------------

    def start(self, documents: Sequence[PendingDocument]) -> None:
        """Begins with the first of ``documents`` (at least one), nothing signed yet."""
        if not documents:
            raise ValueError("there is no document to sign")
        self._documents = list(documents)
        self._taken = []
        self.hide_idle_warning()
        self._show(READ)

    def set_clock(self, now: Callable[[], float]) -> None:
        """Where ``signed_at`` comes from (the kiosk's server-corrected clock)."""
        self.now = now

    def replace_documents(self, documents: Sequence[PendingDocument]) -> None:
        """The same documents in another language: the ones not signed yet are shown anew.

        Signatures already given stay with the text that was signed; the current document
        is shown again from its top, in the new language, before it is signed.
        """
        if not self._documents:
            return
        by_id = {document.document_id: document for document in documents}
        done = self._done()
        self._documents = self._documents[:done] + [
            by_id.get(document.document_id, document) for document in self._documents[done:]
        ]
        self._show(READ)

    def cancel(self) -> None:
        """Drops what was signed so far and says so (the pass stays unused)."""
        self._documents = []
        self._taken = []
        self.signer.pad.clear()
        self.hide_idle_warning()
        self.cancelled.emit()

    def show_idle_warning(self, seconds: int) -> None:
        """ "Still there?" with the seconds left before the screen gives up."""
        self._idle_seconds = seconds
        self.idle_warning.show()
        self._tick.start()
        self.retranslate()

    def hide_idle_warning(self) -> None:
        self._tick.stop()
        self.idle_warning.hide()

    def _count_down(self) -> None:
        self._idle_seconds = max(0, self._idle_seconds - 1)
        self.retranslate()

    def touch_targets(self) -> dict[str, QWidget]:
        """The current page's controls by role, for scripted touches (the demo, benchmarks)."""
        if self.page == READ:
            return {
                "cancel": self.reader.cancel_button,
                "continue": self.reader.continue_button,
                "text": self.reader.view.viewport(),
            }
        return {
            "cancel": self.signer.cancel_button,
            "clear": self.signer.clear_button,
            "sign": self.signer.sign_button,
            "pad": self.signer.pad,
        }

    @property
    def page(self) -> str:
        return READ if self.pages.currentWidget() is self.reader else SIGN

    @property
    def position(self) -> tuple[int, int]:
        """(the document shown, counted from 1; how many there are)."""
        return self._done() + 1, len(self._documents)

    def _done(self) -> int:
        return len(self._taken)

    # -- pages -------------------------------------------------------------------------------

    def _show(self, page: str) -> None:
        number, total = self.position
        document = self._documents[number - 1]
        if page == READ:
            self.reader.show_document(document, number, total)
            self.pages.setCurrentWidget(self.reader)
        else:
            self.signer.show_document(document, number, total)
            self.pages.setCurrentWidget(self.signer)
        self._pending_paint = page
        self.update()

    def go_to_signature(self) -> None:
        """From the document to its pad (what "Continue to sign" does)."""
        if self._documents and self.page == READ:
            self._show(SIGN)

    def take_signature(self) -> None:
        """Keeps the pad's ink for the current document (what "Sign and continue" does).

        The PNG is encoded in a worker thread, begun when the last stroke ended (the visitor
        then still has to reach for the button), so only the last document may wait for it.
        """
        pad = self.signer.pad
        if not self._documents or not pad.has_ink:
            return
        document = self._documents[self._done()]
        png, strokes = self._png_of(pad)
        self._taken.append((document, png, strokes, self.now()))
        if self._done() < len(self._documents):
            self._show(READ)
            return
        signatures = self._collect()
        self._taken, self._documents = [], []
        pad.clear()
        self.signed.emit(signatures)

    def _encode_early(self) -> None:
        if self._early is not None:
            self._early[1].cancel()  # a stroke came since: that PNG is not needed, if not begun
        pad = self.signer.pad
        image, strokes = pad.capture()
        self._early = (pad.version, self._encoder.submit(encode_png, image), strokes)

    def _png_of(self, pad: SignaturePad) -> tuple[Future[bytes], list]:
        """The PNG (being encoded) of the pad's ink as it is, and the strokes in its pixels."""
        if self._early is not None and self._early[0] == pad.version:
            return self._early[1], self._early[2]
        image, strokes = pad.capture()
        return self._encoder.submit(encode_png, image), strokes

    def _collect(self) -> list[Signature]:
        return [
            Signature(document, png.result(), strokes, signed_at)
            for document, png, strokes, signed_at in self._taken
        ]

    def shutdown(self) -> None:
        """Lets the PNG worker finish (the kiosk is closing)."""
        self._encoder.shutdown(wait=True)

    def paintEvent(self, event: object) -> None:  # Qt override
        super().paintEvent(event)  # type: ignore[arg-type]
        if self._pending_paint is not None:
            page, self._pending_paint = self._pending_paint, None
            self.page_shown.emit(page, time.perf_counter())

    def retranslate(self) -> None:
        self.idle_warning.setText(
            self.tr("Still there? Touch the screen within %1 s to carry on.").replace(
                "%1", str(self._idle_seconds)
            )
        )
