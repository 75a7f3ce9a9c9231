"""Touch choices for the admin panel: a camera list with tall rows and rows of option buttons."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk_app.ui.touch_list import TouchList
from kiosk_app.ui.widgets import touch_button

CHECK_MARK = "✓ "  # the chosen option is marked by a shape too, not only by its colour
SPEC_ROLE = Qt.ItemDataRole.UserRole


def marked(text: str, chosen: bool) -> str:
    return f"{CHECK_MARK}{text}" if chosen else text


class CameraList(TouchList):
    """One row per camera, at least ``TOUCH_ROW_MM`` high; a tap emits ``chosen(spec)``.

    A finger dragged up or down scrolls the list (no scroll bar to hit) and chooses nothing.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CameraList")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self._rows: list[tuple[str, str]] = []
        self._current = ""

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
            item = self.new_row(marked(label, spec == self._current), SPEC_ROLE, spec)
            if spec == self._current:
                item.setSelected(True)
                self.scrollToItem(item)
        self._update_row_height()

    def sizeHint(self) -> QSize:  # Qt override: every row, measured now (font and screen)
        frame = 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), max(self.count(), 2) * self.row_height() + frame)

    def minimumSizeHint(self) -> QSize:  # Qt override: two rows at least; the rest scrolls
        frame = 2 * self.frameWidth()
        rows = min(max(self.count(), 1), 2)
        return QSize(super().minimumSizeHint().width(), rows * self.row_height() + frame)

    def resizeEvent(self, event: object) -> None:  # Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._update_row_height()

    def tapped(self, item: QListWidgetItem) -> None:
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
