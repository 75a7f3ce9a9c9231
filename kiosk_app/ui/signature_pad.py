"""The signature pad: finger (touch), stylus (tablet) and mouse ink, kept as timed points.

Each new segment is drawn into an ink layer and only its bounding box is repainted, so a
stroke shows up on the next frame even on a 4K panel. ``capture()`` gives the ink cut to its
box on a transparent background and the strokes in that image's pixels; ``strokes`` stay in
the pad's.
"""

from __future__ import annotations

import math
import time
from collections import deque

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QElapsedTimer,
    QEvent,
    QIODevice,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

Point = tuple[float, float, int]  # x, y in pad pixels, milliseconds since the first point
Stroke = list[Point]

INK = QColor("#14212b")
PAPER = QColor("#f7f9fc")
GUIDE = QColor("#9fb0c4")
TOUCH_TYPES = {
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
}
LATENCY_SAMPLES = 2000
PNG_QUALITY = 80  # Qt's PNG "quality" 80 is a light zlib level: fast, still small here


def encode_png(image: QImage) -> bytes:
    """``image`` as PNG bytes, at light compression (zlib's default level took 70 ms for a
    1800x640 pad, this about a third; the file stays small, the ink being mostly empty).

    Safe in a worker thread for an image no other thread touches; QImage.save lets go of
    the GIL while it encodes.
    """
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", PNG_QUALITY)
    buffer.close()
    return bytes(data.data())


class SignaturePad(QWidget):
    """Collects strokes; ``inked(bool)`` whenever the pad goes from empty to inked or back."""

    inked = Signal(bool)
    stroke_ended = Signal()  # a finger, stylus or button lifted: a good moment to encode

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SignaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paintEvent covers it all
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking, False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)
        self._strokes: list[Stroke] = []
        self._version = 0  # goes up with every change of the ink
        self._active = False
        self._touch_id: int | None = None
        self._clock = QElapsedTimer()
        self._ink = QImage()
        self._unpainted_since: float | None = None  # perf_counter of the oldest unshown point
        self.latencies: deque[float] = deque(maxlen=LATENCY_SAMPLES)  # input to painted, s
        self.painted_rects: deque[QRect] = deque(maxlen=LATENCY_SAMPLES)
        self.last_paint_at = 0.0  # perf_counter() at the end of the last paint

    # -- what it holds -----------------------------------------------------------------------

    @property
    def strokes(self) -> list[Stroke]:
        return [list(stroke) for stroke in self._strokes]

    @property
    def version(self) -> int:
        """Changes whenever the ink does (a PNG of an older version is out of date)."""
        return self._version

    @property
    def has_ink(self) -> bool:
        return any(self._strokes)

    def pen_width(self) -> float:
        """About 1/90 of the pad's shorter side: a felt-tip look at every screen size."""
        return max(2.5, min(self.width(), self.height()) / 90.0)

    def clear(self) -> None:
        had_ink = self.has_ink
        self._strokes = []
        self._version += 1
        self._active = False
        self._touch_id = None
        self._clock.invalidate()
        self._reset_ink()
        self.update()
        if had_ink:
            self.inked.emit(False)

    def ink_box(self) -> QRect:
        """The part of the pad the ink covers, with half a pen's width and a pixel around it."""
        points = [(x, y) for stroke in self._strokes for x, y, _t in stroke]
        if not points:
            return QRect(0, 0, 1, 1)
        margin = math.ceil(self.pen_width() / 2) + 1
        left = math.floor(min(x for x, _y in points)) - margin
        top = math.floor(min(y for _x, y in points)) - margin
        right = math.ceil(max(x for x, _y in points)) + margin
        bottom = math.ceil(max(y for _x, y in points)) + margin
        box = QRect(QPoint(left, top), QPoint(right, bottom))
        return box.intersected(QRect(QPoint(0, 0), self._size()))

    def capture(self) -> tuple[QImage, list[Stroke]]:
        """The ink cut to its box on a transparent background, and the strokes in its pixels.

        A copy (a few ms), safe to encode in another thread. Cutting to the ink keeps the PNG
        small and quick to encode: a name covers about a quarter of the pad.
        """
        self._fit_ink()
        box = self.ink_box()
        ratio = self._ink.devicePixelRatio()
        device_box = QRect(
            round(box.x() * ratio),
            round(box.y() * ratio),
            round(box.width() * ratio),
            round(box.height() * ratio),
        )
        image = self._ink.copy(device_box).convertToFormat(QImage.Format.Format_ARGB32)
        if image.size() != box.size():  # a high-DPI screen: back to the strokes' pixels
            image = image.scaled(
                box.size(),
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        image.setDevicePixelRatio(1.0)
        dx, dy = box.x(), box.y()
        strokes = [
            [(round(x - dx, 1), round(y - dy, 1), t) for x, y, t in stroke]
            for stroke in self._strokes
        ]
        return image, strokes

    def png(self) -> bytes:
        """The ink as a PNG (see ``capture``)."""
        return encode_png(self.capture()[0])

    # -- input -------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:  # Qt override: touch arrives here
        if event.type() in TOUCH_TYPES and isinstance(event, QTouchEvent):
            self._touch(event)
            event.accept()
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._end()
            return
        for point in event.points():
            if self._touch_id is None and kind == QEvent.Type.TouchBegin:
                self._begin(point.position())
                self._touch_id = point.id()  # one finger draws; a second one is ignored
            elif point.id() == self._touch_id:
                if point.state() == point.State.Released:
                    self._add(point.position())
                    self._end()
                elif point.state() == point.State.Updated:
                    self._add(point.position())
        if kind == QEvent.Type.TouchEnd:
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:  # Qt override: a stylus
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove and self._active:
            self._add(event.position())
        elif kind == QEvent.Type.TabletRelease:
            if self._active:
                self._add(event.position())
            self._end()
        event.accept()  # no synthesized mouse events for the same stroke

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # Qt override
        if self._active and event.buttons() & Qt.MouseButton.LeftButton:
            self._add(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton and self._active:
            self._add(event.position())
            self._end()

    # -- strokes -----------------------------------------------------------------------------

    def _stamp(self) -> int:
        if not self._clock.isValid():
            self._clock.start()
        return int(self._clock.elapsed())

    def _begin(self, position: QPointF) -> None:
        self._end()
        had_ink = self.has_ink
        self._active = True
        point = self._point(position)
        self._strokes.append([point])
        self._version += 1
        self._draw_segment(point, point)
        if not had_ink:
            self.inked.emit(True)

    def _add(self, position: QPointF) -> None:
        if not self._active or not self._strokes:
            return
        point = self._point(position)
        last = self._strokes[-1][-1]
        if (point[0], point[1]) == (last[0], last[1]):
            return
        self._strokes[-1].append(point)
        self._version += 1
        self._draw_segment(last, point)

    def _end(self) -> None:
        was_active, self._active = self._active, False
        self._touch_id = None
        if was_active:
            self.stroke_ended.emit()

    def _point(self, position: QPointF) -> Point:
        x = min(max(position.x(), 0.0), float(self.width()))
        y = min(max(position.y(), 0.0), float(self.height()))
        return (round(x, 1), round(y, 1), self._stamp())

    # -- painting ----------------------------------------------------------------------------

    def _size(self) -> QSize:
        return QSize(max(1, self.width()), max(1, self.height()))

    def _reset_ink(self) -> None:
        ratio = self.devicePixelRatioF()
        self._ink = QImage(self._size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        self._ink.setDevicePixelRatio(ratio)
        self._ink.fill(Qt.GlobalColor.transparent)

    def _pen(self) -> QPen:
        pen = QPen(INK, self.pen_width())
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _draw_stroke(self, painter: QPainter, stroke: Stroke) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen())
        if len(stroke) == 1:
            painter.drawPoint(QPointF(stroke[0][0], stroke[0][1]))
            return
        painter.drawPolyline([QPointF(x, y) for x, y, _t in stroke])

    def _draw_segment(self, start: Point, end: Point) -> None:
        """Draws one segment into the ink layer and asks to repaint just its box."""
        self._fit_ink()
        painter = QPainter(self._ink)
        self._draw_stroke(painter, [start] if start == end else [start, end])
        painter.end()
        if self._unpainted_since is None:
            self._unpainted_since = time.perf_counter()
        margin = self.pen_width() + 2
        box = QRectF(QPointF(start[0], start[1]), QPointF(end[0], end[1])).normalized()
        self.update(box.adjusted(-margin, -margin, margin, margin).toAlignedRect())

    def _fit_ink(self) -> None:
        """A new ink layer when the pad's size changed (strokes are drawn again into it)."""
        if self._ink.isNull() or self._ink.size() != self._size() * self.devicePixelRatioF():
            self._reset_ink()
            self._redraw_all()

    def _redraw_all(self) -> None:
        painter = QPainter(self._ink)
        for stroke in self._strokes:
            self._draw_stroke(painter, stroke)
        painter.end()

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        area = event.rect()
        self._fit_ink()
        painter = QPainter(self)
        painter.fillRect(area, PAPER)
        self._draw_guide(painter)
        painter.drawImage(QRectF(area), self._ink, self._source_rect(area))
        painter.end()
        self.last_paint_at = time.perf_counter()
        if self._unpainted_since is not None:
            self.latencies.append(time.perf_counter() - self._unpainted_since)
            self.painted_rects.append(QRect(area))
            self._unpainted_since = None

    def _source_rect(self, area: QRect) -> QRectF:
        ratio = self._ink.devicePixelRatio()
        return QRectF(
            area.x() * ratio, area.y() * ratio, area.width() * ratio, area.height() * ratio
        )

    def _draw_guide(self, painter: QPainter) -> None:
        """A line to sign on, three quarters down, with a small cross at its start."""
        height, width = self.height(), self.width()
        y = round(height * 0.75)
        left, right = round(width * 0.06), round(width * 0.94)
        pen = QPen(GUIDE, max(2.0, height / 180.0))
        painter.setPen(pen)
        painter.drawLine(left, y, right, y)
        arm = max(8, round(height / 28))
        base = y - arm * 2
        painter.drawLine(left, base - arm, left + 2 * arm, base + arm)
        painter.drawLine(left, base + arm, left + 2 * arm, base - arm)
