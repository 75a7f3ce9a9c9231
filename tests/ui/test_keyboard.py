"""The on-screen keyboard: German and English layouts, typed by real mouse clicks and touches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from kiosk_app.ui.i18n import LanguageSwitcher
from kiosk_app.ui.keyboard import BACKSPACE, LAYOUTS, SHIFT, SPACE, OnScreenKeyboard, layout_rows
from kiosk_app.ui.window import KioskWindow


@pytest.fixture
def window(qtbot):
    switcher = LanguageSwitcher()
    switcher.set_language("en")
    win = KioskWindow(switcher)
    win.allow_close = True
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    yield win
    switcher.set_language("en")


def click(qtbot, keyboard: OnScreenKeyboard, value: str) -> None:
    qtbot.mouseClick(keyboard.key(value), Qt.MouseButton.LeftButton)


def touch(keyboard: OnScreenKeyboard, value: str, device) -> None:
    """A finger on the key and off again (Qt turns the unhandled touch into a click)."""
    button = keyboard.key(value)
    centre = button.mapTo(button.window(), button.rect().center())
    QTest.touchEvent(button.window(), device).press(0, centre, button.window())
    QTest.touchEvent(button.window(), device).release(0, centre, button.window())


def type_text(qtbot, keyboard: OnScreenKeyboard, text: str, device=None) -> None:
    """Taps the keys for ``text``, shift only where the keyboard does not capitalise by itself."""
    for char in text:
        value = SPACE if char == " " else char.lower()
        wants_capital = char != char.lower()
        if char.isalpha() and wants_capital != keyboard.shift:
            click(qtbot, keyboard, SHIFT)
        if device is None:
            click(qtbot, keyboard, value)
        else:
            touch(keyboard, value, device)


def rows_text(language: str) -> list[str]:
    return ["".join(k.value for k in row if len(k.value) == 1) for row in LAYOUTS[language]]


def test_english_is_qwerty_and_german_is_qwertz_with_umlauts():
    assert rows_text("en")[1].startswith("qwertyuiop")
    assert rows_text("de")[1].startswith("qwertzuiopü")
    assert rows_text("de")[2].startswith("asdfghjklöä")
    assert rows_text("de")[3].startswith("yxcvbnm")
    assert "ß" in rows_text("de")[0]
    for language in LAYOUTS:  # names need these on every layout
        chars = "".join(rows_text(language))
        assert "-" in chars and "'" in chars
        compact = "".join(k.value for row in layout_rows(language, digits=False) for k in row)
        assert "1" not in compact and BACKSPACE in compact
    assert "ß" in "".join(k.value for row in layout_rows("de", digits=False) for k in row)


def test_juergen_gross_typed_by_mouse_clicks_in_german(qtbot, window):
    window.language.set_language("de")
    screen = window.walk_in_name
    screen.reset()
    window.show_screen("walk_in_name")
    keyboard = screen.keyboard
    assert keyboard.language == "de"
    assert keyboard.key("ü").text() == "Ü"  # shift is on at the start of a name
    type_text(qtbot, keyboard, "Jürgen Groß")
    assert screen.name.text() == "Jürgen Groß"
    assert not keyboard.shift  # after a letter inside a word, small letters again
    assert keyboard.key("ü").text() == "ü"
    click(qtbot, keyboard, BACKSPACE)
    assert screen.name.text() == "Jürgen Gro"
    assert window.walk_in_name.next_button.isEnabled()


def test_juergen_gross_typed_by_touch_in_german(qtbot, window):
    window.language.set_language("de")
    screen = window.walk_in_name
    screen.reset()
    window.show_screen("walk_in_name")
    device = QTest.createTouchDevice()
    type_text(qtbot, screen.keyboard, "Jürgen Groß", device)
    assert screen.name.text() == "Jürgen Groß"


def test_shift_hyphen_apostrophe_and_the_company_field(qtbot, window):
    screen = window.walk_in_name
    screen.reset()
    window.show_screen("walk_in_name")
    keyboard = screen.keyboard
    assert keyboard.language == "en"
    with pytest.raises(KeyError):
        keyboard.key("ü")  # English has no umlaut keys
    type_text(qtbot, keyboard, "Mary-Jane O'Brien")
    assert screen.name.text() == "Mary-Jane O'Brien"  # capital after the hyphen by itself
    qtbot.mouseClick(screen.company, Qt.MouseButton.LeftButton)  # a tap moves the typing
    assert keyboard.target is screen.company
    type_text(qtbot, keyboard, "Smith & Co.")
    assert screen.company.text() == "Smith & Co."
    assert keyboard.key("&").text() == "&&"  # shown as "&", not a shortcut marker
    assert screen.name.text() == "Mary-Jane O'Brien"
    with qtbot.waitSignal(screen.next_requested) as sent:
        qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    assert sent.args == ["Mary-Jane O'Brien", "Smith & Co."]


def test_the_layout_follows_the_language_button(qtbot, window):
    window.show_screen("walk_in_name")
    assert window.walk_in_name.keyboard.key("y").text().lower() == "y"
    english = window.walk_in_name.keyboard
    english_y = english.key("y").geometry().center()
    english_width = english.width()
    window.language_button.click()
    keyboard = window.walk_in_name.keyboard
    assert keyboard.language == "de" and window.host_picker.keyboard.language == "de"
    qtbot.wait(10)
    german_z = keyboard.key("z").geometry().center()  # where English has y, German has z
    assert german_z.y() == english_y.y()
    assert abs(german_z.x() / keyboard.width() - english_y.x() / english_width) < 0.04
    assert keyboard.key("y").geometry().center().y() > german_z.y()  # and y is a row down
    assert keyboard.key(SPACE).text() == "Leertaste"


def test_a_name_needs_a_letter(qtbot, window):
    screen = window.walk_in_name
    screen.reset()
    for typed, ok in (("", False), ("  ", False), ("42", False), ("-'", False), ("Al", True)):
        screen.name.setText(typed)
        assert screen.next_button.isEnabled() is ok, typed
    screen.name.setText("  Ada   Lovelace ")
    with qtbot.waitSignal(screen.next_requested) as sent:
        screen.next_button.click()
    assert sent.args == ["Ada Lovelace", ""]  # spaces tidied, no company


def test_the_keyboard_needs_no_input_method(window):
    for field in window.walk_in_name.findChildren(QLineEdit):
        assert not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    for key in window.walk_in_name.keyboard.findChildren(type(window.language_button)):
        assert key.focusPolicy() == Qt.FocusPolicy.NoFocus  # the field keeps its cursor
