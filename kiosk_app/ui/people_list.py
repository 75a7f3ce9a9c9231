"""A list of people to tap (hosts, today's walk-ins): tall rows, a tap chooses, a drag scrolls."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidgetItem,
    QSizePolicy,
    QWidget,
)

from kiosk_app.ui.touch_list import TouchList

ID_ROLE = Qt.ItemDataRole.UserRole
ROW_LINES = 1.8  # a row is at least this many lines of its text high


class PeopleList(TouchList):
    """One row per person, at least ``TOUCH_ROW_MM`` high; a tap emits ``chosen(id)``."""

    chosen = Signal(str)
    row_lines = ROW_LINES

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "people")
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setWordWrap(True)
        self._rows: list[tuple[str, str]] = []

    def set_people(self, rows: list[tuple[str, str]]) -> None:
        """``rows`` are (id, name), shown in this order, scrolled to the top."""
        if list(rows) == self._rows and self.count() == len(rows):
            return
        self._rows = list(rows)
        self.clear()
        for person_id, name in self._rows:
            self.new_row(name, ID_ROLE, person_id)
        self._update_row_height()
        self.scrollToTop()

    def names(self) -> list[str]:
        return [name for _id, name in self._rows]

    def row_rect(self, person_id: str) -> object:
        """The on-screen rectangle of a person's row (for tests that tap it)."""
        for index in range(self.count()):
            item = self.item(index)
            if item.data(ID_ROLE) == person_id:
                self.scrollToItem(item)
                return self.visualItemRect(item)
        raise KeyError(person_id)

    def tapped(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(ID_ROLE)))
