"""The header of the visitor's typing and choosing screens: buttons, then the title.

Side by side on a landscape screen; in portrait the title goes under the buttons, where it
has the whole width. Either way it keeps clear of the language button (top right).
"""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk_app.ui.theme import STACK_IN_PORTRAIT


def language_room() -> QWidget:
    """Empty room beside the title for the language button (kiosk.qss sizes it; none in
    portrait, where the title sits below the buttons, clear of the language button)."""
    room = QWidget()
    room.setObjectName("LanguageRoom")
    return room


def screen_header(buttons: list[QPushButton], title: QLabel) -> QBoxLayout:
    header = QHBoxLayout()
    header.setProperty(STACK_IN_PORTRAIT, True)
    header.setSpacing(24)
    row = QHBoxLayout()
    row.setSpacing(24)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    header.addLayout(row, 0)
    title_row = QHBoxLayout()
    title_row.setSpacing(0)
    title_row.addWidget(title, 1)
    title_row.addWidget(language_room())
    header.addLayout(title_row, 1)
    return header
