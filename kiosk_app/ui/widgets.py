"""Small touch widgets shared by the screens: labels, keypad, code boxes, corner long-press."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def restyle(widget: QWidget) -> None:
    """Re-applies the stylesheet after a dynamic property used by it changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def text_label(role: str, text: str = "", wrap: bool = True, center: bool = False) -> QLabel:
    """A QLabel styled by ``role`` (see kiosk.qss: title, headline, body, muted, ...)."""
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def touch_button(text: str = "", kind: str = "") -> QPushButton:
    button = QPushButton(text)
    if kind:
        button.setProperty("kind", kind)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class MessageSlot(QWidget):
    """Holds a message label at the height of the longest message it may show, shown or not.

    So nothing around it moves when a message comes, changes or goes. ``messages`` gives every
    text the label may show in the current language; call ``remeasure`` when they change.
    """

    def __init__(self, label: QLabel, messages: Callable[[], list[str]]) -> None:
        super().__init__()
        self._label = label
        self._messages = messages
        self._width = -1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addStretch(1)

    def remeasure(self) -> None:
        self._width = -1
        self._fit()

    def resizeEvent(self, event: object) -> None:  # Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # Qt override: the scaled stylesheet changed
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.remeasure()

    def _fit(self) -> None:
        width = self.width()
        if width <= 0 or width == self._width:
            return
        self._width = width
        label = self._label
        label.ensurePolished()
        shown = label.text()
        heights = []
        for text in self._messages():
            label.setText(text)
            heights.append(label.heightForWidth(width))
        label.setText(shown)
        self.setFixedHeight(max([*heights, 0]))


class Keypad(QWidget):
    """A big 3x4 digit keypad: 1-9, erase, 0, OK. Emits digits; no keyboard needed."""

    digit = Signal(str)
    erase = Signal()
    submit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(18)
        grid.setContentsMargins(0, 0, 0, 0)
        for number in range(1, 10):
            self._add(grid, str(number), (number - 1) // 3, (number - 1) % 3)
        self.erase_button = self._key("⌫")
        self.erase_button.setObjectName("KeyErase")
        self.erase_button.clicked.connect(self.erase)
        grid.addWidget(self.erase_button, 3, 0)
        self._add(grid, "0", 3, 1)
        self.ok_button = self._key("OK")
        self.ok_button.setProperty("accent", "true")
        self.ok_button.setObjectName("KeyOk")
        self.ok_button.clicked.connect(self.submit)
        grid.addWidget(self.ok_button, 3, 2)

    @staticmethod
    def _key(text: str) -> QPushButton:
        button = touch_button(text, "key")
        button.setAutoRepeat(False)
        return button

    def _add(self, grid: QGridLayout, text: str, row: int, column: int) -> None:
        button = self._key(text)
        button.setObjectName(f"Key{text}")
        button.clicked.connect(lambda: self.digit.emit(text))
        grid.addWidget(button, row, column)

    def button(self, text: str) -> QPushButton:
        """The key labelled ``text`` ("0".."9", "erase", "ok"), for tests."""
        names = {"erase": "KeyErase", "ok": "KeyOk"}
        found = self.findChild(QPushButton, names.get(text, f"Key{text}"))
        if found is None:
            raise KeyError(text)
        return found


class CodeDisplay(QWidget):
    """Boxes for a fixed-length code (digits shown) or a PIN (dots shown)."""

    def __init__(self, length: int, secret: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PinDisplay" if secret else "CodeDisplay")
        self._secret = secret
        self._boxes: list[QLabel] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        row.addStretch(1)
        for _ in range(length):
            box = QLabel()
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.addWidget(box)
            self._boxes.append(box)
        row.addStretch(1)

    def show_value(self, value: str) -> None:
        for index, box in enumerate(self._boxes):
            char = value[index] if index < len(value) else ""
            box.setText("●" if char and self._secret else char)
            filled = "true" if char else "false"
            if box.property("filled") != filled:
                box.setProperty("filled", filled)
                restyle(box)


class LongPressFilter(QObject):
    """Emits ``triggered`` when a press inside a corner square is held for ``hold_ms``.

    ``started(point)`` (in the target's coordinates) when such a hold begins, ``ended`` when it
    ends, by release or by success, so the window can draw its progress where the finger is.
    """

    triggered = Signal()
    started = Signal(QPoint)
    ended = Signal()

    def __init__(self, target: QWidget, corner_px: int = 120, hold_ms: int = 3000) -> None:
        super().__init__(target)
        self._target = target
        self.corner_px = corner_px
        self.enabled = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self._complete)

    @property
    def hold_ms(self) -> int:
        return self._timer.interval()

    @hold_ms.setter
    def hold_ms(self, value: int) -> None:
        self._timer.setInterval(value)

    @property
    def holding(self) -> bool:
        return self._timer.isActive()

    def in_corner(self, x: float, y: float) -> bool:
        return x <= self.corner_px and y <= self.corner_px

    def _complete(self) -> None:
        self.ended.emit()
        self.triggered.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and self.enabled and not self.holding:
            point = self._target.mapFromGlobal(event.globalPosition().toPoint())
            if self.in_corner(point.x(), point.y()):
                self._timer.start()
                self.started.emit(point)
        elif kind == QEvent.Type.MouseButtonRelease and self.holding:
            self._timer.stop()
            self.ended.emit()
        return False
