"""The admin PIN screen, reached by a long press in a corner; five wrong tries lock it."""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.core.admin_pin import PinCheck, PinStatus
from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.screens.pairing import PIN_MAX, PIN_MIN
from kiosk_app.ui.theme import STACK_IN_PORTRAIT, SvgIcon
from kiosk_app.ui.widgets import CodeDisplay, Keypad, MessageSlot, text_label, touch_button


class AdminPinScreen(TranslatedWidget):
    """Collects a PIN on the keypad; the window checks it off the GUI thread."""

    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AdminPinScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.entry = ""
        self.checking = False
        self.result: PinCheck | None = None

        outer = QHBoxLayout(self)
        outer.setProperty(STACK_IN_PORTRAIT, True)
        outer.setContentsMargins(120, 90, 120, 70)
        outer.setSpacing(100)
        left = QVBoxLayout()
        left.setSpacing(28)
        left.addStretch(1)
        self.icon = SvgIcon("lock", 180)
        left.addWidget(self.icon)
        self.title = text_label("title")
        self.intro = text_label("body")
        self.error = text_label("error")
        self.error.setObjectName("PinError")
        self.error.hide()
        self.error_slot = MessageSlot(self.error, self.possible_messages)  # keeps its place
        self.cancel = touch_button()
        self.cancel.clicked.connect(self._cancel)
        for widget in (self.title, self.intro, self.error_slot):
            left.addWidget(widget)
        left.addStretch(2)
        left.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addLayout(left, 5)

        right = QVBoxLayout()
        right.setSpacing(28)
        right.addStretch(1)
        self.display = CodeDisplay(PIN_MAX, secret=True)
        self.keypad = Keypad()
        self.keypad.digit.connect(self._digit)
        self.keypad.erase.connect(self._erase)
        self.keypad.submit.connect(self._submit)
        right.addWidget(self.display)
        right.addWidget(self.keypad)
        right.addStretch(1)
        outer.addLayout(right, 4)
        self.retranslate()

    def possible_messages(self) -> list[str]:
        """Every wrong/locked/no-PIN message (tries 1-4), for the space they need."""
        checks = [PinCheck(PinStatus.WRONG, tries) for tries in range(1, 5)]
        checks += [PinCheck(PinStatus.LOCKED, 0, time.time()), PinCheck(PinStatus.NOT_SET, 0)]
        return [self.result_text(check) for check in checks]

    def reset(self) -> None:
        self.entry = ""
        self.checking = False
        self.result = None
        self.retranslate()

    def show_result(self, result: PinCheck) -> None:
        """Shows a wrong or locked answer (an ``ok`` one is handled by the window)."""
        self.checking = False
        self.result = result
        self.entry = ""
        self.retranslate()

    def _digit(self, digit: str) -> None:
        if len(self.entry) < PIN_MAX and not self.checking:
            self.entry += digit
            self.retranslate()

    def _erase(self) -> None:
        self.entry = self.entry[:-1]
        self.retranslate()

    def _submit(self) -> None:
        if self.checking or len(self.entry) < PIN_MIN:
            return
        self.checking = True
        self.retranslate()
        self.pin_entered.emit(self.entry)

    def _cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff only"))
        self.intro.setText(
            self.tr("Checking the PIN…") if self.checking else self.tr("Enter the admin PIN.")
        )
        self.cancel.setText(self.tr("Back to check-in"))
        self.display.show_value(self.entry)
        self.keypad.setEnabled(not self.checking)
        message = self.result_text(self.result)
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.error_slot.remeasure()  # the words (and so their length) follow the language

    def result_text(self, result: PinCheck | None) -> str:
        if result is None or result.status == PinStatus.OK:
            return ""
        if result.status == PinStatus.WRONG:
            return self.tr("Wrong PIN. %n try/tries left.", "", result.tries_left)
        if result.status == PinStatus.LOCKED:
            until = dt.datetime.fromtimestamp(result.locked_until or 0).strftime("%H:%M")
            return self.tr("Too many wrong tries. Locked until %1.").replace("%1", until)
        return self.tr("No admin PIN is set on this kiosk. Pair it again to choose one.")
