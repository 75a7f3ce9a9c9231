"""Screen names are one StrEnum: the window stacks exactly those, the code names no other."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk_app.ui.i18n import LanguageSwitcher
from kiosk_app.ui.screen_names import Screen
from kiosk_app.ui.window import KioskWindow

UI = Path(__file__).resolve().parents[2] / "kiosk_app" / "ui"


def test_the_window_stacks_one_screen_per_name(qtbot) -> None:
    window = KioskWindow(LanguageSwitcher())
    qtbot.addWidget(window)
    assert set(window.screens) == set(Screen)
    for name in Screen:
        window.show_screen(name)
        assert window.current is name


def test_no_screen_name_is_spelled_as_a_string_outside_the_enum() -> None:
    names = "|".join(screen.value for screen in Screen)
    spelled = re.compile(rf"""["']({names})["']""")
    offenders = [
        f"{path.relative_to(UI)}:{number}"
        for path in UI.rglob("*.py")
        if path.name != "screen_names.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if spelled.search(line) and "setObjectName" not in line
    ]
    assert offenders == []
