"""Touch choices for the admin panel: a camera list with tall rows and rows of option buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QWidget,
)

from kiosk_app.ui.touch import TOUCH_ROW_MM, mm_to_px
from kiosk_app.ui.widgets import touch_button

CHECK_MARK = "✓ "  # the chosen option is marked by a shape too, not only by its colour
SPEC_ROLE = Qt.ItemDataRole.UserRole


def marked(text: str, chosen: bool) -> str:
    return f"{CHECK_MARK}{text}" if chosen else text


class CameraList(QListWidget):
    """One row per camera, at least ``TOUCH_ROW_MM`` high; a tap emits ``chosen(spec)``."""

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
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self._rows: list[tuple[str, str]] = []
        self._current = ""
        self.row_px = mm_to_px(TOUCH_ROW_MM)
        self.itemClicked.connect(self._clicked)

    def set_cameras(self, rows: list[tuple[str, str]], current: str) -> None:
        """``rows`` are (spec, label); ``current`` is marked and selected."""
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
        self._fit_height()

    def _update_row_height(self) -> None:
        """15 mm on this screen, and never less than two lines of the row's text."""
        row = max(mm_to_px(TOUCH_ROW_MM, self), self.fontMetrics().lineSpacing() * 2)
        if row != self.row_px:
            self.row_px = row
            for index in range(self.count()):
                self.item(index).setSizeHint(QSize(0, row))
            self._fit_height()

    def _fit_height(self) -> None:
        """Room for two rows at least (the rest scrolls by dragging)."""
        frame = 2 * self.frameWidth()
        self.setMinimumHeight(min(max(self.count(), 1), 2) * self.row_px + frame)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._update_row_height()

    def showEvent(self, event: object) -> None:  # Qt override: the screen (and DPI) is known
        super().showEvent(event)  # type: ignore[arg-type]
        self._update_row_height()

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
