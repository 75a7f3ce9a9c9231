"""Check-out without a code: today's walk-ins at this site, first name and last initial."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.people_list import PeopleList
from kiosk_app.ui.screens.header import screen_header
from kiosk_app.ui.widgets import text_label, touch_button


class CheckoutListScreen(TranslatedWidget):
    """``chosen(walk_in_event_id)`` on a tap; ``cancelled`` from its button."""

    chosen = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CheckoutListScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 40)
        layout.setSpacing(24)
        self.cancel_button = touch_button(kind="light")
        self.cancel_button.setObjectName("CheckoutListCancel")
        self.cancel_button.clicked.connect(self.cancelled)
        self.title = text_label("headline")
        layout.addLayout(screen_header([self.cancel_button], self.title))
        self.intro = text_label("body")
        layout.addWidget(self.intro)
        self.people = PeopleList()
        self.people.setObjectName("WalkInList")
        self.people.chosen.connect(self.chosen)
        layout.addWidget(self.people, 1)
        self.empty = text_label("subtitle", center=True)
        self.empty.setObjectName("WalkInNone")
        self.empty.hide()
        layout.addWidget(self.empty, 1)
        self.retranslate()

    def show_walk_ins(self, rows: list[tuple[str, str]]) -> None:
        """(walk-in event id, short name) per visitor on site; none: a line that says so."""
        self.people.set_people(rows)
        self.people.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.intro.setVisible(bool(rows))

    def listed(self) -> list[str]:
        return self.people.names()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Check out without a code"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.intro.setText(self.tr("Tap your name. Only visitors without a code are listed."))
        self.empty.setText(
            self.tr("No visitors without a code are checked in here today. Please see reception.")
        )
