"""A list of people to tap (hosts, today's walk-ins): tall rows, a tap chooses, a drag scrolls."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QWidget,
)

from kiosk_app.ui.touch import TOUCH_ROW_MM, mm_to_px

DRAG_MM = 3.0  # a finger that moves further than this scrolls instead of choosing
ID_ROLE = Qt.ItemDataRole.UserRole
ROW_LINES = 1.8  # a row is at least this many lines of its text high


class PeopleList(QListWidget):
    """One row per person, at least ``TOUCH_ROW_MM`` high; a tap emits ``chosen(id)``."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "people")
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setWordWrap(True)
        self.row_px = mm_to_px(TOUCH_ROW_MM)
        self._rows: list[tuple[str, str]] = []
        self._press: tuple[float, int] | None = None  # finger y, scroll position at the press
        self._dragging = False

    def set_people(self, rows: list[tuple[str, str]]) -> None:
        """``rows`` are (id, name), shown in this order, scrolled to the top."""
        if list(rows) == self._rows and self.count() == len(rows):
            return
        self._rows = list(rows)
        self.clear()
        for person_id, name in self._rows:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, person_id)
            item.setSizeHint(QSize(0, self.row_px))
            self.addItem(item)
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

    def row_height(self) -> int:
        lines = round(self.fontMetrics().lineSpacing() * ROW_LINES)
        return max(mm_to_px(TOUCH_ROW_MM, self), lines)

    def _update_row_height(self) -> None:
        row = self.row_height()
        if row != self.row_px:
            self.row_px = row
            for index in range(self.count()):
                self.item(index).setSizeHint(QSize(0, row))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._update_row_height()

    def showEvent(self, event: object) -> None:  # Qt override: the screen (and DPI) is known
        super().showEvent(event)  # type: ignore[arg-type]
        self._update_row_height()

    # -- touch: tap to choose, drag to scroll ------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._press = (event.position().y(), self.verticalScrollBar().value())
        self._dragging = False
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # Qt override
        if self._press is None:
            return
        start_y, start_scroll = self._press
        moved = event.position().y() - start_y
        if abs(moved) >= mm_to_px(DRAG_MM, self):
            self._dragging = True
        if self._dragging:
            self.verticalScrollBar().setValue(start_scroll - round(moved))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if self._press is None:
            return
        self._press = None
        item = None if self._dragging else self.itemAt(event.position().toPoint())
        if item is not None:
            self.chosen.emit(str(item.data(ID_ROLE)))
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # Qt override: a second tap
        self.mousePressEvent(event)
