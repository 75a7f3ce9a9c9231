"""The reading-and-signing part of a visit, for whatever needs signatures (a pass, a walk-in).

``SigningFlow.begin(documents, on_signed, on_cancelled, visit_id)`` puts the signing screen up;
it ends with ``on_signed(signatures)`` after the last document, or with ``on_cancelled()`` on
Cancel or when the visitor walked away. Walking away: no touch for ``READING_IDLE_MS``
(reading a page of terms without touching takes a while), then a "Still there?" warning for
``WARNING_MS``; any touch during the warning carries on where the visitor was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk_app.core.signed_records import Signature
from kiosk_app.ui.screen_names import Screen

if TYPE_CHECKING:
    from kiosk_app.core.documents import PendingDocument
    from kiosk_app.ui.window import KioskWindow

log = logging.getLogger(__name__)

READING_IDLE_MS = 100_000  # 100 s without a touch on a document or the pad...
WARNING_MS = 20_000  # ...then 20 s of "Still there?" before the flow gives up: 2 min in all

DocumentsFor = Callable[[str | None, str], "list[PendingDocument]"]


class SigningFlow(QObject):
    """Runs the signing screen and its idle rule; the owner decides what follows."""

    def __init__(
        self,
        window: KioskWindow,
        documents_for: DocumentsFor,
        reading_idle_ms: int = READING_IDLE_MS,
        warning_ms: int = WARNING_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.documents_for = documents_for
        self.reading_idle_ms = reading_idle_ms
        self.warning_ms = warning_ms
        self._on_signed: Callable[[list[Signature]], None] | None = None
        self._on_cancelled: Callable[[], None] | None = None
        self._visit_id: str | None = None
        self._warned = False
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self._on_idle)
        window.activity.activity.connect(self._on_activity)
        window.signing.signed.connect(self._signed)
        window.signing.cancelled.connect(self._cancelled)
        window.language.language_changed.connect(self._language_changed)

    @property
    def active(self) -> bool:
        return self._on_signed is not None

    def begin(
        self,
        documents: Sequence[PendingDocument],
        on_signed: Callable[[list[Signature]], None],
        on_cancelled: Callable[[], None],
        visit_id: str | None = None,
    ) -> None:
        """Shows the first of ``documents``; ``visit_id`` re-reads them on a language switch."""
        self._on_signed, self._on_cancelled = on_signed, on_cancelled
        self._visit_id = visit_id
        self.window.signing.start(documents)
        self.window.show_screen(Screen.SIGNING)
        self._restart_idle()

    def stop(self) -> None:
        """Ends the flow without calling back (the kiosk is shutting down)."""
        self.idle.stop()
        self._on_signed = self._on_cancelled = None

    # -- the screen's signals ----------------------------------------------------------------

    def _signed(self, signatures: list[Signature]) -> None:
        callback = self._on_signed
        self.stop()
        if callback is not None:
            callback(signatures)

    def _cancelled(self) -> None:
        callback = self._on_cancelled
        self.stop()
        if callback is not None:
            callback()

    # -- walking away ------------------------------------------------------------------------

    def _restart_idle(self) -> None:
        self._warned = False
        self.window.signing.hide_idle_warning()
        self.idle.start(self.reading_idle_ms)

    def _on_activity(self) -> None:
        if self.active:
            self._restart_idle()

    def _on_idle(self) -> None:
        if not self.active:
            return
        if not self._warned:
            self._warned = True
            self.window.signing.show_idle_warning(round(self.warning_ms / 1000))
            self.idle.start(self.warning_ms)
            return
        log.info("signing abandoned: no touch for %d s", self.reading_idle_ms // 1000)
        self.window.signing.cancel()  # emits cancelled: the owner goes back to scanning

    # -- language ----------------------------------------------------------------------------

    def _language_changed(self, language: str) -> None:
        if not self.active:
            return
        documents = self.documents_for(self._visit_id, language)
        if documents:
            self.window.signing.replace_documents(documents)
