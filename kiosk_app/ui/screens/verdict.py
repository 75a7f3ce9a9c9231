"""The verdict screen: the class's colour and icon, the reason in plain words, then back."""

from __future__ import annotations

import time

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from kiosk_app.core.verdicts import Verdict, VerdictClass
from kiosk_app.ui.i18n import TranslatedWidget, translate
from kiosk_app.ui.theme import SvgIcon
from kiosk_app.ui.widgets import restyle, text_label, touch_button

# a distinct shape per class, so the meaning does not hang on the colour
CLASS_ICONS = {
    VerdictClass.WELCOME: "check",
    VerdictClass.TRY_AGAIN: "retry",
    VerdictClass.SEE_RECEPTION: "reception",
    VerdictClass.ALREADY_CHECKED_IN: "clock",
    VerdictClass.NOT_ATRIUM: "info",
}
SHOW_MS = {
    VerdictClass.WELCOME: 5000,
    VerdictClass.TRY_AGAIN: 5000,
    VerdictClass.SEE_RECEPTION: 8000,
    VerdictClass.ALREADY_CHECKED_IN: 6000,
    VerdictClass.NOT_ATRIUM: 6000,
}


class VerdictScreen(TranslatedWidget):
    """Shows one Verdict; ``finished`` after a few seconds or a touch."""

    finished = Signal()
    checkout_requested = Signal()  # "Check out" under an already-used pass
    shown = Signal(object, float)  # the Verdict (None for a problem), perf_counter() of its paint

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VerdictScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.verdict: Verdict | None = None
        self.problem = False
        self.language = "en"
        self._pending_paint = False
        self.show_ms_scale = 1.0
        self._offer_checkout = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 80, 120, 48)
        layout.setSpacing(28)
        layout.addStretch(2)
        self.icon = SvgIcon("check", 260, tinted=True)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        self.headline = text_label("title", center=True)
        layout.addWidget(self.headline)
        self.body = text_label("subtitle", center=True)
        layout.addWidget(self.body)
        self.host = text_label("subtitle", center=True)
        layout.addWidget(self.host)
        self.leaving = text_label("subtitle", center=True)
        self.leaving.setObjectName("VerdictLeaving")
        layout.addWidget(self.leaving)
        self.checkout_button = touch_button(kind="big")
        self.checkout_button.setObjectName("VerdictCheckOut")
        self.checkout_button.clicked.connect(self._checkout)
        layout.addWidget(self.checkout_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.staff = text_label("hint", center=True)
        layout.addWidget(self.staff)
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

    def show_verdict(self, verdict: Verdict, language: str, offer_checkout: bool = False) -> None:
        """Fills the screen for ``verdict`` and starts the countdown back to scanning.

        ``offer_checkout`` adds "Leaving? Tap Check out" and its button (an already-used pass).
        """
        self.verdict = verdict
        self.problem = False
        self._offer_checkout = offer_checkout
        self.language = language
        self._start(verdict.verdict_class)

    def shown_verdict(self) -> Verdict | None:
        """The verdict on screen (None for the kiosk's own problem)."""
        return self.verdict

    @property
    def verdict_class(self) -> VerdictClass:
        return VerdictClass(self.property("verdict_class") or VerdictClass.SEE_RECEPTION)

    def _start(self, verdict_class: VerdictClass) -> None:
        if self.property("verdict_class") != str(verdict_class):
            self.setProperty("verdict_class", str(verdict_class))
            for widget in (self, *self.findChildren(QWidget)):  # colours depend on the class
                restyle(widget)
        self.icon.set_icon(CLASS_ICONS[verdict_class])
        self.retranslate()
        duration = round(SHOW_MS[verdict_class] * self.show_ms_scale)
        self.countdown.setRange(0, duration)
        self.countdown.setValue(duration)
        self._elapsed.start()
        self._timer.start(duration)
        self._tick.start()
        self._pending_paint = True
        self.update()

    def show_problem(self, language: str) -> None:
        """The kiosk's own trouble without a verdict: a check-in could not be recorded."""
        self.verdict = None
        self.problem = True
        self._offer_checkout = False
        self.language = language
        self._start(VerdictClass.SEE_RECEPTION)

    def set_time_scale(self, factor: float) -> None:
        """Shows verdicts ``factor`` times as long as usual (the demo shortens them)."""
        self.show_ms_scale = factor

    def stop_countdown(self) -> None:
        self._timer.stop()
        self._tick.stop()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def _update_countdown(self) -> None:
        left = max(0, self.countdown.maximum() - self._elapsed.elapsed())
        self.countdown.setValue(left)
        if not left:
            self._tick.stop()

    def _checkout(self) -> None:
        self.stop_countdown()
        self.checkout_requested.emit()

    def mousePressEvent(self, event: object) -> None:
        if self._timer.isActive():
            self.stop_countdown()
            self.finished.emit()

    def paintEvent(self, event: object) -> None:
        super().paintEvent(event)
        if self._pending_paint:
            self._pending_paint = False
            self.shown.emit(self.verdict, time.perf_counter())

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Touch the screen to continue"))
        self.checkout_button.setText(self.tr("Check out"))
        self.checkout_button.setVisible(self._offer_checkout)
        self.leaving.setVisible(self._offer_checkout)
        verdict = self.verdict
        if verdict is None:
            if self.problem:
                self.headline.setText(self.tr("Check-in not possible"))
                self.body.setText(
                    self.tr("This kiosk cannot record check-ins right now. Please see reception.")
                )
                self._show_lines(body=True, host="", staff="")
            return
        words = verdict.words(translate)
        self.leaving.setText(words.hint)  # "Leaving? Tap Check out." (an already-used pass)
        self.leaving.setVisible(self._offer_checkout and bool(words.hint))
        self.headline.setText(words.title)
        self.body.setText(words.body)
        self._show_lines(body=bool(words.body), host=words.host, staff=words.staff)

    def _show_lines(self, body: bool, host: str, staff: str) -> None:
        self.body.setVisible(body)
        self.host.setText(host)
        self.host.setVisible(bool(host))
        self.staff.setText(staff)
        self.staff.setVisible(bool(staff))
