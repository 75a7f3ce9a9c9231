"""Ink for the signature pad through real input events: mouse, touchscreen, stylus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk_app.demo_signing import signature_path


def mouse_stroke(pad: QWidget, points: list[tuple[int, int]], wait_ms: int = 5) -> None:
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.qWait(wait_ms)
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def touch_stroke(target: QWidget, points: list[tuple[int, int]], wait_ms: int = 5) -> None:
    """A one-finger drag through ``points`` (in ``target``'s coordinates), as a touchscreen.

    The events go to the window at window coordinates: QTest's widget-relative touch points
    are not mapped to the window, so on a child widget they would land elsewhere.
    """
    device = QTest.createTouchDevice()
    window = target.window()

    def at(x: int, y: int) -> QPoint:
        return target.mapTo(window, QPoint(x, y))

    QTest.touchEvent(window, device).press(0, at(*points[0])).commit()
    for x, y in points[1:]:
        QTest.qWait(wait_ms)
        QTest.touchEvent(window, device).move(0, at(x, y)).commit()
    QTest.touchEvent(window, device).release(0, at(*points[-1])).commit()


def stylus_stroke(pad: QWidget, points: list[tuple[int, int]]) -> None:
    stylus = QPointingDevice(
        "test stylus",
        4242,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        1,
    )
    kinds = [QTabletEvent.Type.TabletPress]
    kinds += [QTabletEvent.Type.TabletMove] * (len(points) - 2)
    kinds += [QTabletEvent.Type.TabletRelease]
    for kind, (x, y) in zip(kinds, points, strict=True):
        local = QPointF(x, y)
        held = kind != QTabletEvent.Type.TabletRelease
        event = QTabletEvent(
            kind,
            stylus,
            local,
            QPointF(pad.mapToGlobal(local)),
            0.6 if held else 0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton,
        )
        QApplication.sendEvent(pad, event)
        QTest.qWait(2)


def zigzag(left: int, top: int, count: int = 12) -> list[tuple[int, int]]:
    return [(left + 20 * i, top + (30 if i % 2 else 0)) for i in range(count)]


def sign_with_mouse(pad: QWidget, wait_ms: int = 0) -> None:
    """Writes ``signature_path`` on ``pad`` with the mouse."""
    for stroke in signature_path(pad.width(), pad.height()):
        mouse_stroke(pad, stroke, wait_ms)


def sign_with_finger(pad: QWidget, wait_ms: int = 0) -> None:
    """Writes ``signature_path`` on ``pad`` with one finger on a touchscreen."""
    for stroke in signature_path(pad.width(), pad.height()):
        touch_stroke(pad, stroke, wait_ms)
