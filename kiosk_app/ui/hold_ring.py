"""The ring that fills around the finger during the corner hold, so staff see it is working."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from kiosk_app.ui.touch import mm_to_px

RING_MM = 30.0  # wider than a fingertip, so the ring shows around it
TICK_MS = 30


class HoldRing(QWidget):
    """Drawn over the window at the press point; ``start``, then ``stop`` on release or success."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("HoldRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.hold_ms = 3000
        self._elapsed = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.update)
        self.hide()

    @property
    def progress(self) -> float:
        """0.0 at the press, 1.0 when the hold is complete."""
        if not self._elapsed.isValid() or self.hold_ms <= 0:
            return 0.0
        return min(1.0, self._elapsed.elapsed() / self.hold_ms)

    def start(self, centre: QPoint, hold_ms: int, scale: float = 1.0) -> None:
        self.hold_ms = hold_ms
        side = max(mm_to_px(RING_MM, self), round(200 * scale))
        parent = self.parentWidget()
        x = centre.x() - side // 2
        y = centre.y() - side // 2
        if parent is not None:  # keep the whole ring on screen, even in the very corner
            x = max(0, min(x, parent.width() - side))
            y = max(0, min(y, parent.height() - side))
        self.setGeometry(x, y, side, side)
        self._elapsed.start()
        self._tick.start()
        self.show()
        self.raise_()

    def stop(self) -> None:
        self._tick.stop()
        self._elapsed.invalidate()
        self.hide()

    def paintEvent(self, event: object) -> None:  # Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(4.0, self.width() * 0.09)
        box = QRectF(self.rect()).adjusted(width, width, -width, -width)
        painter.setBrush(QColor(10, 19, 32, 150))
        painter.setPen(QPen(QColor(255, 255, 255, 90), width))
        painter.drawEllipse(box)
        pen = QPen(QColor("#2fb3a3"), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        span = round(-360 * 16 * self.progress)  # clockwise from twelve o'clock
        painter.drawArc(box, 90 * 16, span)
        painter.end()
