"""FullScreenKeeper: the window is sized to its screen itself and follows screen changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk_app.ui.full_screen import FullScreenKeeper, wants_frameless


def test_the_window_takes_the_screen_geometry_without_a_window_manager(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    FullScreenKeeper(window).show()
    assert window.isFullScreen()
    assert window.geometry() == window.screen().geometry()
    # a frame request makes matchbox drop full screen on X; only Wayland gets one
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint


def test_a_changed_screen_is_covered_again(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    FullScreenKeeper(window).show()
    screen = window.screen()
    window.setGeometry(0, 0, 640, 480)  # what a screen resize leaves behind
    screen.geometryChanged.emit(screen.geometry())
    assert window.geometry() == screen.geometry()
    assert window.isFullScreen()


def test_only_wayland_asks_for_no_frame():
    assert wants_frameless("wayland") and wants_frameless("wayland-egl")
    assert not wants_frameless("xcb") and not wants_frameless("offscreen")
