"""The pairing flow recommends a 6 to 8 digit admin PIN; a shorter one costs a warning."""

from __future__ import annotations

import pytest

from kiosk_app.core.pairing import PairingErrorKind, pairing_message
from kiosk_app.ui.i18n import LanguageSwitcher, translate
from kiosk_app.ui.screens.pairing import Step
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
    win.show_screen("pairing")
    yield win
    switcher.set_language("en")


def _enter(window: KioskWindow, digits: str) -> None:
    for digit in digits:
        window.pairing.keypad.button(digit).click()
    window.pairing.keypad.button("ok").click()


def _to_pin_step(window: KioskWindow) -> None:
    window.pairing.reset("https://atrium.example.com")
    _enter(window, "123456")
    assert window.pairing.step == Step.PIN


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_short_pin_is_kept_only_after_its_cost_was_shown(window, save_screen, lang) -> None:
    window.language.set_language(lang)
    _to_pin_step(window)
    assert "6" in window.pairing.step_title.text() and "8" in window.pairing.step_title.text()
    _enter(window, "2468")
    assert window.pairing.step == Step.PIN
    assert window.pairing.error.isVisible()
    warning = window.pairing.error.text()
    assert "4" in warning and "6" in warning
    assert ("minutes" in warning) if lang == "en" else ("Minuten" in warning)
    kind, _ = window.pairing._error
    assert isinstance(kind, PairingErrorKind)  # one vocabulary for every pairing error
    assert kind == PairingErrorKind.WEAK_PIN
    keep = pairing_message(PairingErrorKind.WEAK_PIN, translate)
    assert warning.endswith(keep)
    assert keep == (
        "Press OK again to keep this PIN."
        if lang == "en"
        else "Drücken Sie erneut OK, um diese PIN zu behalten."
    )
    save_screen(window, lang, "pairing_short_pin_warning")
    window.pairing.keypad.button("ok").click()  # OK again: the same PIN is kept
    assert window.pairing.step == Step.CONFIRM
    assert window.pairing.pin == "2468"


def test_a_six_digit_pin_goes_straight_to_confirmation(window) -> None:
    _to_pin_step(window)
    _enter(window, "246813")
    assert window.pairing.step == Step.CONFIRM
    assert not window.pairing.error.isVisible()


def test_changing_a_warned_pin_warns_again(window) -> None:
    _to_pin_step(window)
    _enter(window, "2468")
    window.pairing.keypad.button("erase").click()
    _enter(window, "9")  # now 2469: a new short PIN, a new warning
    assert window.pairing.step == Step.PIN and window.pairing.error.isVisible()
