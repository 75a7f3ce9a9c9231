"""A list for fingers: tall rows (``TOUCH_ROW_MM`` at least), a tap chooses, a drag scrolls."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from kiosk_app.ui.touch import TOUCH_ROW_MM, mm_to_px

DRAG_MM = 3.0  # a finger that moves further than this scrolls instead of choosing


class TouchList(QListWidget):
    """Rows at least ``TOUCH_ROW_MM`` and ``row_lines`` lines of text high, re-measured when
    the font or screen changes; a finger dragged up or down scrolls (no scroll bar to hit) and
    chooses nothing; a tap calls ``tapped(item)``."""

    row_lines: ClassVar[float] = 2.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.row_px = mm_to_px(TOUCH_ROW_MM)
        self._press: tuple[float, int] | None = None  # finger y, scroll position at the press
        self._dragging = False

    def tapped(self, item: QListWidgetItem) -> None:
        """A row was tapped (not dragged); subclasses choose it."""

    def new_row(self, text: str, role: Qt.ItemDataRole, value: str) -> QListWidgetItem:
        """A row of the current height carrying ``value`` under ``role``, added at the end."""
        item = QListWidgetItem(text)
        item.setData(role, value)
        item.setSizeHint(QSize(0, self.row_px))
        self.addItem(item)
        return item

    def row_height(self) -> int:
        lines = round(self.fontMetrics().lineSpacing() * self.row_lines)
        return max(mm_to_px(TOUCH_ROW_MM, self), lines)

    def _update_row_height(self) -> None:
        row = self.row_height()
        if row != self.row_px:
            self.row_px = row
            for index in range(self.count()):
                self.item(index).setSizeHint(QSize(0, row))
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._update_row_height()

    def showEvent(self, event: object) -> None:  # Qt override: the screen (and DPI) is known
        super().showEvent(event)  # type: ignore[arg-type]
        self._update_row_height()

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

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # Qt override: a second tap
        self.mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if self._press is None:
            return
        self._press = None
        item = None if self._dragging else self.itemAt(event.position().toPoint())
        if item is not None:
            self.tapped(item)
        event.accept()
