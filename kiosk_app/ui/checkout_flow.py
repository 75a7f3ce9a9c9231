"""Check-out mode: a pass scanned checks the visit out; a walk-in picks their name from a list.

The mode ends after each check-out, by "Back to check-in", and by itself after a quiet spell,
so the next arrival finds the kiosk checking in again.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk_app.core.passes import peek_claims
from kiosk_app.core.verdicts import Verdict, VerdictClass, VerdictCode
from kiosk_app.ui.screen_names import Screen
from kiosk_app.ui.services import KioskServices
from kiosk_app.ui.tasks import BackgroundTask
from kiosk_app.ui.window import KioskWindow

log = logging.getLogger(__name__)

MODE_MS = 30_000  # check-out mode ends after this long without a touch


class CheckoutFlow(QObject):
    """``verdict_ready(Verdict)`` for the verdict screen; ``finished`` to scan again."""

    verdict_ready = Signal(object)
    failed = Signal(str)  # the store could not record the check-out
    finished = Signal()

    def __init__(self, window: KioskWindow, services: KioskServices, parent: QObject) -> None:
        super().__init__(parent)
        self.window = window
        self.services = services
        self.active = False
        self.last_text: str | None = None  # the last code the camera read (normal mode)
        self._task = BackgroundTask(self)
        self._task.succeeded.connect(self._checked_out)
        self._task.failed.connect(self._not_recorded)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(MODE_MS)
        self.timer.timeout.connect(self._timed_out)
        window.activity.activity.connect(self._touched)
        window.scan.checkout_toggled.connect(self._toggled)
        window.checkout_list.chosen.connect(self._walk_in_chosen)
        window.checkout_list.cancelled.connect(self._list_cancelled)
        window.verdict.checkout_requested.connect(self.check_out_scanned)
        services.pass_scanned.connect(self._scanned)

    # -- the mode ----------------------------------------------------------------------------

    def enter(self) -> None:
        self.active = True
        self.services.set_checkout_mode(True)
        self.window.scan.set_checkout_mode(True)
        self.timer.start()

    def leave(self) -> None:
        self.active = False
        self.timer.stop()
        self.services.set_checkout_mode(False)
        self.window.scan.set_checkout_mode(False)

    def _toggled(self, on: bool) -> None:
        if on:
            self.enter()
        else:
            self.leave()

    def _touched(self) -> None:
        if self.active:
            self.timer.start()

    def _timed_out(self) -> None:
        on_list = self.window.current == Screen.CHECKOUT_LIST
        self.leave()
        if on_list:
            self.finished.emit()

    def after_verdict(self, verdict: Verdict) -> None:
        """A pass was judged in check-out mode: the mode ends, unless it was a misread."""
        if self.active and verdict.verdict_class != VerdictClass.TRY_AGAIN:
            self.leave()

    # -- walk-ins ----------------------------------------------------------------------------

    def show_walk_ins(self) -> None:
        """ "I have no code" in check-out mode: today's walk-ins here, by short name."""
        entries = self.services.checkout.walk_ins_today()
        self.window.checkout_list.show_walk_ins([(e.event_id, e.short_name) for e in entries])
        self.window.show_screen(Screen.CHECKOUT_LIST)

    def _walk_in_chosen(self, event_id: str) -> None:
        checkout = self.services.checkout
        self._task.start(lambda: checkout.check_out_walk_in(event_id))

    def _list_cancelled(self) -> None:
        self.leave()
        self.finished.emit()

    # -- an already-used pass in normal mode -------------------------------------------------

    def _scanned(self, text: str) -> None:
        self.last_text = text

    def offers_checkout(self, verdict: Verdict) -> bool:
        """An already-used pass in normal mode: "Leaving? Tap Check out"."""
        return not self.active and verdict.code == VerdictCode.ALREADY_USED

    def check_out_scanned(self) -> None:
        """"Check out" under an already-used pass: the pass just read, else check-out mode."""
        text, verdict = self.last_text, self.window.verdict.shown_verdict()
        claims = peek_claims(text) if text else None
        if claims is not None and verdict is not None and claims.jti == verdict.jti:
            checkout = self.services.checkout
            self._task.start(lambda: checkout.check_out(text))  # type: ignore[arg-type]
            return
        self.enter()
        self.finished.emit()

    # -- answers -----------------------------------------------------------------------------

    def _checked_out(self, verdict: Verdict) -> None:
        self.leave()
        self.verdict_ready.emit(verdict)

    def _not_recorded(self, exc: Exception) -> None:
        log.error("check-out could not be recorded: %s", exc)
        self.leave()
        self.failed.emit(str(exc))

