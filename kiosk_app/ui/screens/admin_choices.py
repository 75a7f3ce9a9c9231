"""Touch choices for the admin panel: a camera list with tall rows and rows of option buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk_app.ui.touch import TOUCH_ROW_MM, mm_to_px
from kiosk_app.ui.widgets import touch_button

CHECK_MARK = "✓ "  # the chosen option is marked by a shape too, not only by its colour
DRAG_MM = 3.0  # a finger that moves further than this scrolls instead of choosing
SPEC_ROLE = Qt.ItemDataRole.UserRole


def marked(text: str, chosen: bool) -> str:
    return f"{CHECK_MARK}{text}" if chosen else text


class CameraList(QListWidget):
    """One row per camera, at least ``TOUCH_ROW_MM`` high; a tap emits ``chosen(spec)``.

    A finger dragged up or down scrolls the list (no scroll bar to hit) and chooses nothing.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CameraList")
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self._rows: list[tuple[str, str]] = []
        self._current = ""
        self.row_px = mm_to_px(TOUCH_ROW_MM)
        self._press: tuple[float, int] | None = None  # finger y, scroll position at the press
        self._dragging = False

    def set_cameras(self, rows: list[tuple[str, str]], current: str) -> None:
        """``rows`` are (spec, label); ``current`` is marked and selected."""
        if list(rows) == self._rows and current == self._current and self.count():
            return  # a status refresh must not reset the scroll position
        self._rows = list(rows)
        self._current = current
        self._fill()

    def set_current(self, spec: str) -> None:
        self._current = spec
        self._fill()

    def _fill(self) -> None:
        self.clear()
        for spec, label in self._rows:
            item = QListWidgetItem(marked(label, spec == self._current))
            item.setData(SPEC_ROLE, spec)
            item.setSizeHint(QSize(0, self.row_px))
            self.addItem(item)
            if spec == self._current:
                item.setSelected(True)
                self.scrollToItem(item)
        self._update_row_height()

    def row_height(self) -> int:
        """15 mm on this screen, and never less than two lines of the row's text."""
        return max(mm_to_px(TOUCH_ROW_MM, self), self.fontMetrics().lineSpacing() * 2)

    def _update_row_height(self) -> None:
        row = self.row_height()
        if row != self.row_px:
            self.row_px = row
            for index in range(self.count()):
                self.item(index).setSizeHint(QSize(0, row))
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # Qt override: every row, measured now (font and screen)
        frame = 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), max(self.count(), 2) * self.row_height() + frame)

    def minimumSizeHint(self) -> QSize:  # Qt override: two rows at least; the rest scrolls
        frame = 2 * self.frameWidth()
        rows = min(max(self.count(), 1), 2)
        return QSize(super().minimumSizeHint().width(), rows * self.row_height() + frame)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._update_row_height()

    def showEvent(self, event: object) -> None:  # Qt override: the screen (and DPI) is known
        super().showEvent(event)  # type: ignore[arg-type]
        self._update_row_height()

    def resizeEvent(self, event: object) -> None:  # Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
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
            self._clicked(item)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # Qt override: a second tap
        self.mousePressEvent(event)

    def _clicked(self, item: QListWidgetItem) -> None:
        spec = str(item.data(SPEC_ROLE))
        if spec != self._current:
            self.set_current(spec)
            self.chosen.emit(spec)


class ChoiceButtons(QWidget):
    """A row of exclusive, checkable buttons; the checked one carries a ✓; ``chosen(value)``."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        self._labels: dict[str, str] = {}
        self._current = ""

    def set_options(self, options: list[tuple[str, str, bool]], current: str) -> None:
        """(value, label, enabled) per button, in order; ``current`` is checked."""
        values = [value for value, _label, _enabled in options]
        if values != list(self.buttons):
            for button in self.buttons.values():
                self._group.removeButton(button)
                button.deleteLater()
            self.buttons = {}
            for value in values:
                button = touch_button(kind="choice")
                button.setCheckable(True)
                button.clicked.connect(lambda _checked=False, v=value: self._clicked(v))
                self._group.addButton(button)
                self._row.addWidget(button, 1)
                self.buttons[value] = button
        for value, label, enabled in options:
            self._labels[value] = label
            self.buttons[value].setEnabled(enabled)
        self.set_current(current)

    def set_current(self, value: str) -> None:
        self._current = value
        for name, button in self.buttons.items():
            button.setChecked(name == value)
            button.setText(marked(self._labels.get(name, name), name == value))

    @property
    def current(self) -> str:
        return self._current

    def _clicked(self, value: str) -> None:
        if value == self._current:
            self.set_current(value)  # keep it checked
            return
        self.set_current(value)
        self.chosen.emit(value)
