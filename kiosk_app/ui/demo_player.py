"""The demo's visitor on the signing screen: scripted touches that read and sign.

``SigningPlayer`` reads (a swipe up, then "Continue to sign"), writes a name on the pad with a
moving press at 60 Hz and taps "Sign and continue", all as input events the app receives like
a finger's, so the kiosk's own code does the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk_app.demo_signing import signature_path
from kiosk_app.ui.screen_names import Screen

if TYPE_CHECKING:
    from kiosk_app.ui.window import KioskWindow

READ_MS = 2200  # the demo visitor "reads" this long before "Continue to sign"
TICK_MS = 16  # one pointer move per 60 Hz frame


def press(widget: QWidget, kind: QEvent.Type, point: QPoint) -> None:
    """Posts a left-button press, move or release at ``point`` (widget coordinates)."""
    held = kind != QEvent.Type.MouseButtonRelease
    local = QPointF(point)
    event = QMouseEvent(
        kind,
        local,
        QPointF(widget.mapToGlobal(point)),
        Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.postEvent(widget, event)


class Gesture(QObject):
    """Plays strokes (lists of points) on a widget, one point per tick, then calls ``done``."""

    def __init__(
        self, widget: QWidget, strokes: list[list[tuple[int, int]]], done: Callable[[], None]
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._moves = [
            (index, QPoint(*point)) for stroke in strokes for index, point in enumerate(stroke)
        ]
        self._strokes = strokes
        self._done = done
        self._stroke = 0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._step)
        self._timer.start()

    def _step(self) -> None:
        if not self._moves or not self._widget.isVisible():
            self._timer.stop()
            self.deleteLater()
            if not self._moves:
                self._done()
            return
        index, point = self._moves.pop(0)
        if index == 0:
            press(self._widget, QEvent.Type.MouseButtonPress, point)
        else:
            press(self._widget, QEvent.Type.MouseMove, point)
        last = len(self._strokes[self._stroke]) - 1
        if index == last:
            press(self._widget, QEvent.Type.MouseButtonRelease, point)
            self._stroke += 1


def tap(widget: QWidget) -> None:
    """A short press and release in the middle of ``widget``."""
    centre = widget.rect().center()
    press(widget, QEvent.Type.MouseButtonPress, centre)
    press(widget, QEvent.Type.MouseButtonRelease, centre)


class SigningPlayer(QObject):
    """The demo's visitor on the signing screen: reads, swipes, signs, taps on."""

    def __init__(self, window: KioskWindow, read_ms: int = READ_MS) -> None:
        super().__init__(window)
        self.window = window
        self._read_ms = read_ms
        self._page = ""
        window.signing.page_shown.connect(self._on_page)

    def _targets(self) -> dict[str, QWidget]:
        return self.window.signing.touch_targets()

    def _on_page(self, page: str, _painted_at: float) -> None:
        self._page = page
        if page == "read":
            QTimer.singleShot(self._read_ms // 3, self._swipe)
            QTimer.singleShot(self._read_ms, lambda: self._tap_if("read", "continue"))
        else:
            QTimer.singleShot(400, self._sign)

    def _swipe(self) -> None:
        if not self._showing("read"):
            return
        text = self._targets()["text"]
        x, bottom = text.width() // 2, round(text.height() * 0.8)
        steps = 12
        path = [(x, bottom - round(text.height() * 0.5 * i / steps)) for i in range(steps + 1)]
        Gesture(text, [path], lambda: None)

    def _sign(self) -> None:
        if not self._showing("sign"):
            return
        pad = self._targets()["pad"]
        strokes = signature_path(pad.width(), pad.height())
        Gesture(pad, strokes, lambda: QTimer.singleShot(500, lambda: self._tap_if("sign", "sign")))

    def _showing(self, page: str) -> bool:
        return self.window.current == Screen.SIGNING and self._page == page

    def _tap_if(self, page: str, role: str) -> None:
        if self._showing(page):
            tap(self._targets()[role])
