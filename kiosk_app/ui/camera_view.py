"""The live camera picture: scaled to fill, with a guide frame where the code should go."""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class CameraView(QWidget):
    """Paints the newest camera image (already mirrored by the worker) and the guide frame."""

    frame_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._fresh = False
        self.frames_shown = 0
        self.first_frame_at: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    @property
    def has_picture(self) -> bool:
        return self._image is not None

    def show_frame(self, image: QImage) -> None:
        self._image = image
        self._fresh = True
        self.update()

    def clear(self) -> None:
        self._image = None
        self.update()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        painter.fillRect(rect, QColor("#05080d"))
        if self._image is not None:
            self._paint_image(painter, rect, self._image)
        self._paint_guide(painter, rect)
        painter.end()
        if self._fresh:
            self._fresh = False
            self.frames_shown += 1
            if self.first_frame_at is None:
                self.first_frame_at = time.time()
            self.frame_painted.emit()

    @staticmethod
    def _paint_image(painter: QPainter, rect: QRectF, image: QImage) -> None:
        # cover the widget, cropping the overflow evenly, like a camera app
        scale = max(rect.width() / image.width(), rect.height() / image.height())
        width, height = image.width() * scale, image.height() * scale
        target = QRectF(
            rect.x() + (rect.width() - width) / 2,
            rect.y() + (rect.height() - height) / 2,
            width,
            height,
        )
        painter.save()
        painter.setClipRect(rect)
        painter.drawImage(target, image)
        painter.restore()

    @staticmethod
    def _paint_guide(painter: QPainter, rect: QRectF) -> None:
        side = min(rect.width(), rect.height()) * 0.62
        box = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shade = QPainterPath()
        shade.addRect(rect)
        hole = QPainterPath()
        hole.addRoundedRect(box, side * 0.06, side * 0.06)
        painter.fillPath(shade.subtracted(hole), QColor(0, 0, 0, 90))
        arm = side * 0.18
        width = max(4.0, side * 0.025)
        left, top, right, bottom = box.left(), box.top(), box.right(), box.bottom()
        brackets = QPainterPath()
        for x, y, dx, dy in (
            (left, top, 1, 1),
            (right, top, -1, 1),
            (left, bottom, 1, -1),
            (right, bottom, -1, -1),
        ):
            brackets.moveTo(x, y + dy * arm)
            brackets.lineTo(x, y)
            brackets.lineTo(x + dx * arm, y)
        # a dark edge under the white brackets keeps them visible over a white phone screen
        for color, pen_width in ((QColor(0, 0, 0, 150), width * 1.8), (QColor("#ffffff"), width)):
            pen = QPen(color, pen_width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(brackets)
