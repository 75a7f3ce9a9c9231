"""The verdict screen: full-screen colour, a big icon, the reason in plain words, then back."""

from __future__ import annotations

import time

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from kiosk_app.core.verdicts import Tone, Verdict, VerdictCode
from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.theme import SvgIcon
from kiosk_app.ui.widgets import restyle, text_label

TONE_ICONS = {Tone.WELCOME: "check", Tone.REFUSED: "cross", Tone.KIOSK_TROUBLE: "warning"}
SHOW_MS = {Tone.WELCOME: 5000, Tone.REFUSED: 8000, Tone.KIOSK_TROUBLE: 8000}


class VerdictScreen(TranslatedWidget):
    """Shows one Verdict; ``finished`` after a few seconds or a touch."""

    finished = Signal()
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 80, 120, 48)
        layout.setSpacing(28)
        layout.addStretch(2)
        self.icon = SvgIcon("check", 260)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        self.headline = text_label("title", center=True)
        layout.addWidget(self.headline)
        self.body = text_label("subtitle", center=True)
        layout.addWidget(self.body)
        self.host = text_label("subtitle", center=True)
        layout.addWidget(self.host)
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

    def show_verdict(self, verdict: Verdict, language: str) -> None:
        """Fills the screen for ``verdict`` and starts the countdown back to scanning."""
        self.verdict = verdict
        self.problem = False
        self.language = language
        self._start(verdict.tone)

    def _start(self, tone: Tone) -> None:
        self.setProperty("tone", str(tone))
        restyle(self)
        self.icon.set_icon(TONE_ICONS[tone])
        self.retranslate()
        duration = round(SHOW_MS[tone] * self.show_ms_scale)
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
        self.language = language
        self._start(Tone.KIOSK_TROUBLE)

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
        verdict = self.verdict
        if verdict is None:
            if self.problem:
                self.headline.setText(self.tr("Check-in not possible"))
                self.body.setText(
                    self.tr("This kiosk cannot record check-ins right now. Please see reception.")
                )
                self.body.show()
                self.host.hide()
            return
        message = verdict.message(self.language)
        if verdict.accepted:
            self.headline.setText(message)
            self.body.setText(self.tr("You are checked in.") if verdict.display_name else "")
        else:
            self.headline.setText(self.title(verdict.code))
            self.body.setText(message)
        self.body.setVisible(bool(self.body.text()))
        host = verdict.host_name if verdict.accepted else None
        self.host.setText(self.tr("Your host: %1").replace("%1", host) if host else "")
        self.host.setVisible(bool(host))

    def title(self, code: VerdictCode) -> str:
        """A short headline for a refusal or for the kiosk's own trouble."""
        titles = {
            VerdictCode.ALREADY_USED: self.tr("Already used"),
            VerdictCode.EXPIRED: self.tr("Code expired"),
            VerdictCode.NOT_YET_VALID: self.tr("Not valid yet"),
            VerdictCode.REVOKED: self.tr("Visit cancelled"),
            VerdictCode.WRONG_SITE: self.tr("Another location"),
            VerdictCode.WRONG_TENANT: self.tr("Another building"),
            VerdictCode.UNKNOWN_KEY: self.tr("Code cannot be checked"),
            VerdictCode.BAD_SIGNATURE: self.tr("Code not valid"),
            VerdictCode.MALFORMED: self.tr("Code damaged"),
            VerdictCode.NOT_A_PASS: self.tr("Not an Atrium code"),
            VerdictCode.KIOSK_NOT_PAIRED: self.tr("Kiosk not set up"),
            VerdictCode.TRUST_DATA_STALE: self.tr("Kiosk needs an update"),
        }
        return titles.get(VerdictCode(code), self.tr("Please see reception"))
