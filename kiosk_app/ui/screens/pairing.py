"""The pairing screen: server address, the 6-digit code on a big keypad, then the admin PIN."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk_app.core.admin_pin import RECOMMENDED_DIGITS, short_pin_warning
from kiosk_app.core.pairing import PairingErrorKind, pairing_message
from kiosk_app.ui.i18n import TranslatedWidget, translate
from kiosk_app.ui.theme import STACK_IN_PORTRAIT
from kiosk_app.ui.widgets import CodeDisplay, Keypad, text_label

CODE_LENGTH = 6
PIN_MIN, PIN_MAX = 4, 8


class Step(StrEnum):
    CODE = "code"
    PIN = "pin"
    CONFIRM = "confirm"
    BUSY = "busy"


class PairingScreen(TranslatedWidget):
    """Collects address, code and a new admin PIN; ``pair_requested`` when all are in."""

    pair_requested = Signal(str, str, str)  # server_url, code, admin PIN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PairingScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.step = Step.CODE
        self.code = ""
        self.pin = ""
        self._pin_entry = ""
        self._warned_pin: str | None = None  # a short PIN shown with its cost once
        self._error: tuple[str, float | None] | None = None  # (kind, retry_after)

        outer = QHBoxLayout(self)
        outer.setProperty(STACK_IN_PORTRAIT, True)
        outer.setContentsMargins(100, 90, 100, 70)
        outer.setSpacing(90)
        left = QVBoxLayout()
        left.setSpacing(26)
        self.title = text_label("headline")
        self.intro = text_label("body")
        self.server_label = text_label("field-label")
        self.server = QLineEdit()
        self.server.setObjectName("ServerAddress")
        self.server.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self.error = text_label("error")
        self.error.setObjectName("PairingError")
        self.error.hide()
        self.busy = text_label("muted")
        for widget in (self.title, self.intro, self.server_label, self.server, self.error):
            left.addWidget(widget)
        left.addWidget(self.busy)
        left.addStretch(1)
        outer.addLayout(left, 5)

        right = QVBoxLayout()
        right.setSpacing(28)
        self.step_title = text_label("headline", center=True)
        self.code_display = CodeDisplay(CODE_LENGTH)
        self.pin_display = CodeDisplay(PIN_MAX, secret=True)
        self.keypad = Keypad()
        self.keypad.digit.connect(self._digit)
        self.keypad.erase.connect(self._erase)
        self.keypad.submit.connect(self._submit)
        right.addStretch(1)
        for widget in (self.step_title, self.code_display, self.pin_display, self.keypad):
            right.addWidget(widget)
        right.addStretch(1)
        outer.addLayout(right, 4)
        self.retranslate()

    # -- what the window calls ---------------------------------------------------------------

    def reset(self, server_url: str | None) -> None:
        """A fresh start: the address prefilled from configuration, code and PIN empty."""
        self.server.setText(server_url or "https://")
        self.code = self.pin = self._pin_entry = ""
        self._warned_pin = None
        self._error = None
        self.step = Step.CODE
        self.retranslate()

    def show_error(self, kind: str, retry_after: float | None = None) -> None:
        """Back to the code step with a clear message; the chosen PIN is kept."""
        self._error = (kind, retry_after)
        self.step = Step.CODE
        self.retranslate()

    # -- keypad ------------------------------------------------------------------------------

    def _digit(self, digit: str) -> None:
        if self.step == Step.CODE and len(self.code) < CODE_LENGTH:
            self.code += digit
        elif self.step in (Step.PIN, Step.CONFIRM) and len(self._pin_entry) < PIN_MAX:
            self._pin_entry += digit
        self.retranslate()

    def _erase(self) -> None:
        if self.step == Step.CODE:
            self.code = self.code[:-1]
        elif self.step in (Step.PIN, Step.CONFIRM):
            self._pin_entry = self._pin_entry[:-1]
        self.retranslate()

    def _submit(self) -> None:
        self._error = None
        if self.step == Step.CODE:
            if not self.server.text().strip().lower().startswith("https://") or len(
                self.server.text().strip()
            ) <= len("https://"):
                self._error = (PairingErrorKind.BAD_ADDRESS, None)
            elif len(self.code) != CODE_LENGTH:
                self._error = (PairingErrorKind.SHORT_CODE, None)
            elif self.pin:
                self._request()
                return
            else:
                self.step = Step.PIN
        elif self.step == Step.PIN:
            short = PIN_MIN <= len(self._pin_entry) < RECOMMENDED_DIGITS
            if short and self._warned_pin != self._pin_entry:
                self._warned_pin = self._pin_entry  # OK again with the same PIN keeps it
                self._error = (PairingErrorKind.WEAK_PIN, None)
            elif PIN_MIN <= len(self._pin_entry) <= PIN_MAX:
                self.pin, self._pin_entry = self._pin_entry, ""
                self.step = Step.CONFIRM
            else:
                self._error = (PairingErrorKind.SHORT_PIN, None)
        elif self.step == Step.CONFIRM:
            if self._pin_entry == self.pin:
                self._pin_entry = ""
                self._request()
                return
            self.pin = self._pin_entry = ""
            self.step = Step.PIN
            self._error = (PairingErrorKind.PIN_MISMATCH, None)
        self.retranslate()

    def _request(self) -> None:
        self.step = Step.BUSY
        self.retranslate()
        self.pair_requested.emit(self.server.text().strip(), self.code, self.pin)

    # -- text --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Set up this kiosk"))
        self.intro.setText(
            self.tr(
                "Enter the 6-digit pairing code from the Atrium server, then choose an admin "
                "PIN for staff."
            )
        )
        self.server_label.setText(self.tr("Server address"))
        steps = {
            Step.CODE: self.tr("Pairing code"),
            Step.PIN: self.tr("Choose an admin PIN (6 to 8 digits)"),
            Step.CONFIRM: self.tr("Enter the admin PIN again"),
            Step.BUSY: self.tr("Pairing code"),
        }
        self.step_title.setText(steps[self.step])
        entering_code = self.step in (Step.CODE, Step.BUSY)
        self.code_display.setVisible(entering_code)
        self.pin_display.setVisible(not entering_code)
        self.code_display.show_value(self.code)
        self.pin_display.show_value(self._pin_entry)
        self.keypad.setEnabled(self.step != Step.BUSY)
        self.server.setReadOnly(self.step == Step.BUSY)
        self.busy.setText(self.tr("Connecting to the server…") if self.step == Step.BUSY else "")
        self.error.setVisible(self._error is not None)
        if self._error is not None:
            self.error.setText(self.error_text(*self._error))

    def error_text(self, kind: str, retry_after: float | None = None) -> str:
        """The plain message for a pairing error kind (or a local input problem)."""
        message = pairing_message(kind, translate, retry_after)
        if kind == PairingErrorKind.WEAK_PIN:  # the advice for this PIN, then how to keep it
            warning = short_pin_warning(self._warned_pin or "", translate) or ""
            return f"{warning} {message}"
        return message
