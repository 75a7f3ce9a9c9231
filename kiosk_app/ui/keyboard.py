"""The on-screen keyboard: big keys, English (QWERTY) and German (QWERTZ) layouts, no OS help.

It types into the ``QLineEdit`` it is attached to (``attach``), at that field's cursor, so the
kiosk needs neither a hardware keyboard nor the platform's input method. Names start with a
capital letter: shift comes on by itself at the start of the field and after a space or a
hyphen, and goes off after one letter (a tap on shift turns it on or off by hand).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.widgets import restyle, touch_button

SHIFT, BACKSPACE, SPACE = "shift", "backspace", "space"
WORD_STARTS = " -"  # after these, a name's next word begins with a capital


@dataclass(frozen=True)
class Key:
    """One key: the character it types (or SHIFT/BACKSPACE/SPACE), its width in key units."""

    value: str
    units: float = 1.0
    offset: float = 0.0  # empty key units before it in its row


def _letters(chars: str) -> list[Key]:
    return [Key(char) for char in chars]


# Each row is a list of keys; a unit is one letter key's width. Apostrophe and hyphen are on
# both layouts (O'Brien, Hans-Peter); German adds ä, ö, ü and ß where a German keyboard has them.
LAYOUTS: dict[str, list[list[Key]]] = {
    "en": [
        [*_letters("1234567890"), Key(BACKSPACE, 2)],
        [*_letters("qwertyuiop"), Key("-"), Key("'")],
        [Key("a", offset=0.5), *_letters("sdfghjkl"), Key("."), Key("&")],
        [Key(SHIFT, 2), *_letters("zxcvbnm"), Key(","), Key(SHIFT, 2)],
        [Key(SPACE, 8, offset=2)],
    ],
    "de": [
        [*_letters("1234567890ß"), Key(BACKSPACE, 2)],
        [*_letters("qwertzuiopü"), Key("-"), Key("'")],
        [Key("a", offset=0.5), *_letters("sdfghjklöä"), Key(".")],
        [Key(SHIFT, 2), *_letters("yxcvbnm"), Key(","), Key("&"), Key(SHIFT, 2)],
        [Key(SPACE, 8, offset=2.5)],
    ],
}
HALF_UNITS = 2  # grid columns per key unit, so a row can start half a key in


def layout_rows(language: str, digits: bool = True) -> list[list[Key]]:
    """``language``'s rows; without digits, backspace takes the right shift's place."""
    rows = LAYOUTS.get(language, LAYOUTS["en"])
    if digits:
        return rows
    letters = [list(row) for row in rows[1:]]
    shift_row = letters[2]
    if language == "de":  # ß lives in the digit row; a name search needs it too
        shift_row = [*shift_row[:-2], Key("ß"), shift_row[-1]]
    letters[2] = [*shift_row[:-1], Key(BACKSPACE, shift_row[-1].units)]
    return letters


def shifted(char: str) -> str:
    """The capital of a letter; ß (and anything without one letter as capital) stays."""
    upper = char.upper()
    return upper if len(upper) == 1 else char


class OnScreenKeyboard(TranslatedWidget):
    """Keys for the current UI language; types into the attached line edit.

    ``typed`` after every change the keyboard made to the field (the screen may search as
    you type); the field's own ``textChanged`` fires too.
    """

    typed = Signal()

    def __init__(self, digits: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Keyboard")
        self.setProperty("compact", not digits)
        self.digits = digits
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.language = ""
        self.shift = True
        self._manual_shift = False
        self._target: QLineEdit | None = None
        self._keys: dict[str, QPushButton] = {}
        self._shift_buttons: list[QPushButton] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(12)
        self.set_language("en")

    # -- what screens call -------------------------------------------------------------------

    def attach(self, target: QLineEdit) -> None:
        """Types into ``target`` from now on (a tap on another field attaches that one)."""
        if self._target is not None and self._target is not target:
            self._target.textEdited.disconnect(self._auto_shift)
        if self._target is not target:
            target.textEdited.connect(self._auto_shift)
        self._target = target
        self._manual_shift = False
        self._auto_shift()

    @property
    def target(self) -> QLineEdit | None:
        return self._target

    def set_language(self, language: str) -> None:
        """English QWERTY or German QWERTZ keys (the UI's language); other codes: English."""
        language = language if language in LAYOUTS else "en"
        if language == self.language:
            return
        self.language = language
        self._build(layout_rows(language, self.digits))

    def key(self, value: str) -> QPushButton:
        """The button of a character (lower case) or of SHIFT, BACKSPACE, SPACE (for tests)."""
        return self._keys[value]

    # -- keys --------------------------------------------------------------------------------

    def _build(self, rows: list[list[Key]]) -> None:
        for button in {*self._keys.values(), *self._shift_buttons}:
            self._grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self._keys = {}
        shift_buttons: list[QPushButton] = []
        for row_number, row in enumerate(rows):
            column = 0
            for key in row:
                column += round(key.offset * HALF_UNITS)
                button = touch_button("", "keyboard")
                button.setAutoRepeat(key.value == BACKSPACE)
                button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                span = round(key.units * HALF_UNITS)
                self._grid.addWidget(button, row_number, column, 1, span)
                column += span
                if key.value == SHIFT:
                    button.setCheckable(True)
                    button.clicked.connect(self._toggle_shift)
                    shift_buttons.append(button)
                else:
                    button.clicked.connect(lambda _checked=False, v=key.value: self._press(v))
                    self._keys[key.value] = button
                button.setObjectName(f"Key_{key.value}")
        if shift_buttons:
            self._keys[SHIFT] = shift_buttons[0]
        self._shift_buttons = shift_buttons
        columns = max(sum(round((k.offset + k.units) * HALF_UNITS) for k in row) for row in rows)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self.retranslate()
        self._show_shift()

    def _press(self, value: str) -> None:
        target = self._target
        if target is None:
            return
        if value == BACKSPACE:
            target.backspace()
        elif value == SPACE:
            target.insert(" ")
        else:
            target.insert(shifted(value) if self.shift else value)
        self._manual_shift = False
        self._auto_shift()
        self.typed.emit()

    def _toggle_shift(self) -> None:
        self.shift = not self.shift
        self._manual_shift = True
        self._show_shift()

    def _auto_shift(self, _text: str = "") -> None:
        """Shift on at the start of a word (field start, after a space or hyphen), else off."""
        if self._manual_shift:
            return
        target = self._target
        if target is None:
            return
        before = target.text()[: target.cursorPosition()]
        self.shift = not before or before[-1] in WORD_STARTS
        self._show_shift()

    def _show_shift(self) -> None:
        for button in self._shift_buttons:
            button.setChecked(self.shift)
            if button.property("on") != self.shift:
                button.setProperty("on", self.shift)
                restyle(button)
        for value, button in self._keys.items():
            if len(value) == 1:
                char = shifted(value) if self.shift else value
                button.setText(char.replace("&", "&&"))  # a lone & marks a shortcut in Qt

    def retranslate(self) -> None:
        for value, button in self._keys.items():
            if value == BACKSPACE:
                button.setText("⌫")
                button.setAccessibleName(self.tr("Delete"))
            elif value == SPACE:
                button.setText(self.tr("space"))
        for button in self._shift_buttons:
            button.setText("⇧")
            button.setAccessibleName(self.tr("Capital letter"))
