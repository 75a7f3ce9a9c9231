"""The walk-in's last screen: a moment's wait for the server, then thanks (and who knows)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from kiosk_app.core.catalogue import Translate
from kiosk_app.ui.i18n import TranslatedWidget, translate
from kiosk_app.ui.theme import SvgIcon
from kiosk_app.ui.widgets import restyle, text_label

if TYPE_CHECKING:
    from kiosk_app.core.walk_ins import WalkInOutcome

SHOW_MS = 7000


class DoneState(StrEnum):
    WAITING = "waiting"  # the walk-in is recorded; the server's answer may come any moment
    CONFIRMED = "confirmed"  # the server accepted it and told the host
    SEATED = "seated"  # no answer in time (offline, or the host could not be told)
    PROBLEM = "problem"  # the kiosk could not record it


class WalkInDoneScreen(TranslatedWidget):
    """``show_waiting``, then ``show_outcome``; ``finished`` after a few seconds or a touch.

    The words of the outcome are the core's (``WalkInOutcome.message``), in the UI language.
    """

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WalkInDoneScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.state = DoneState.WAITING
        self._outcome: WalkInOutcome | None = None
        self._problem: Callable[[Translate], str] | None = None
        self.show_ms_scale = 1.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 80, 120, 48)
        layout.setSpacing(28)
        layout.addStretch(2)
        self.icon = SvgIcon("clock", 240, tinted=True)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        self.headline = text_label("headline", center=True)
        self.headline.setObjectName("WalkInMessage")
        layout.addWidget(self.headline)
        self.body = text_label("subtitle", center=True)
        self.body.setObjectName("WalkInDetail")
        layout.addWidget(self.body)
        layout.addStretch(3)
        self.hint = text_label("hint", center=True)
        layout.addWidget(self.hint)
        self.countdown = QProgressBar()
        self.countdown.setTextVisible(False)
        layout.addWidget(self.countdown)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.finished)
        self._tick = QTimer(self)
        self._tick.setInterval(100)
        self._tick.timeout.connect(self._update_countdown)
        self._elapsed = QElapsedTimer()

    # -- what the controller calls -----------------------------------------------------------

    def show_waiting(self) -> None:
        """Recorded; a busy bar while the kiosk asks the server (about two seconds)."""
        self._outcome, self._problem = None, None
        self.stop_countdown()
        self.countdown.setRange(0, 0)  # busy
        self._set_state(DoneState.WAITING)

    def show_outcome(self, outcome: WalkInOutcome) -> None:
        """Thanks naming the host once the server confirmed it, else "please take a seat"."""
        self._outcome = outcome
        confirmed = outcome.status == "confirmed" and bool(outcome.host_name)
        self._set_state(DoneState.CONFIRMED if confirmed else DoneState.SEATED)
        self._start_countdown()

    def show_problem(self, message: Callable[[Translate], str] | None = None) -> None:
        """Not recorded: ``message(translate)`` says why (a refusal), else the kiosk's trouble."""
        self._outcome, self._problem = None, message
        self._set_state(DoneState.PROBLEM)
        self._start_countdown()

    def set_time_scale(self, factor: float) -> None:
        self.show_ms_scale = factor

    def stop_countdown(self) -> None:
        self._timer.stop()
        self._tick.stop()

    def clear(self) -> None:
        """Forgets the visitor's outcome (the screen is no longer shown)."""
        self.stop_countdown()
        if self._outcome is not None:
            self._outcome = None
            self.retranslate()

    # -- inside ------------------------------------------------------------------------------

    def _set_state(self, state: DoneState) -> None:
        self.state = state
        if self.property("state") != str(state):
            self.setProperty("state", str(state))
            for widget in (self, *self.findChildren(QWidget)):
                restyle(widget)
        icons = {
            DoneState.WAITING: "clock",
            DoneState.CONFIRMED: "check",
            DoneState.SEATED: "check",
            DoneState.PROBLEM: "reception",
        }
        self.icon.set_icon(icons[state])
        self.retranslate()

    def _start_countdown(self) -> None:
        duration = round(SHOW_MS * self.show_ms_scale)
        self.countdown.setRange(0, duration)
        self.countdown.setValue(duration)
        self._elapsed.start()
        self._timer.start(duration)
        self._tick.start()

    def _update_countdown(self) -> None:
        left = max(0, self.countdown.maximum() - self._elapsed.elapsed())
        self.countdown.setValue(left)
        if not left:
            self._tick.stop()

    def mousePressEvent(self, event: object) -> None:  # Qt override: a touch ends it early
        if self._timer.isActive():
            self.stop_countdown()
            self.finished.emit()

    def retranslate(self) -> None:
        state = self.state
        self.hint.setText(self.tr("Touch the screen to continue"))
        self.hint.setVisible(state != DoneState.WAITING)
        self.body.setVisible(state == DoneState.PROBLEM)
        if state == DoneState.WAITING:
            self.headline.setText(self.tr("One moment, please…"))
        elif state == DoneState.PROBLEM:
            self.headline.setText(self.tr("Check-in not possible"))
            self.body.setText(
                self._problem(translate)
                if self._problem is not None
                else self.tr("This kiosk cannot record check-ins right now. Please see reception.")
            )
        elif self._outcome is not None:
            self.headline.setText(self._outcome.message(translate))
