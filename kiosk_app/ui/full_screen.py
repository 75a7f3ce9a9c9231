"""Full screen on every window system: bare X, X window managers and Wayland compositors.

Qt's ``showFullScreen()`` only *asks* for full screen: on X it sets ``_NET_WM_STATE_FULLSCREEN``
and waits for a window manager to resize the window. With no window manager (``xinit`` plus the
kiosk) nobody does, and the window keeps Qt's first guess, two thirds of the screen in the
corner (1280x720 on a 1920x1080 screen). Some window managers (matchbox) also drop the request
for a window that asks for no frame. So the window is sized to the screen's geometry itself,
keeps following the screen, and asks for no frame only on Wayland, where compositors such as
cage answer with "maximized" and Qt would otherwise draw its own title bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


def wants_frameless(platform: str) -> bool:
    """Whether the window should ask for no frame on this Qt platform (Wayland only)."""
    return platform.startswith("wayland")


class FullScreenKeeper(QObject):
    """Keeps a window covering its screen: sized explicitly, and again when the screen changes."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._screen: QScreen | None = None

    def show(self) -> None:
        """Shows the window full screen on its screen (the primary one unless Qt chose)."""
        window = self._window
        if wants_frameless(QGuiApplication.platformName()):
            window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        screen = window.screen() or QGuiApplication.primaryScreen()
        window.setGeometry(screen.geometry())  # what no window manager will do for us
        window.showFullScreen()
        handle = window.windowHandle()
        if handle is not None:
            handle.screenChanged.connect(self._follow)
        self._follow(window.screen() or screen)

    def _follow(self, screen: QScreen | None) -> None:
        if self._screen is not None:
            self._screen.geometryChanged.disconnect(self.fit)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self.fit)
            self.fit(screen.geometry())

    def fit(self, geometry: QRect) -> None:
        """Covers ``geometry`` again (the screen was resized, rotated or replaced)."""
        window = self._window
        if window.isVisible() and window.geometry() != geometry:
            window.setGeometry(geometry)  # this drops the full-screen state in Qt ...
            window.showFullScreen()  # ... so it is asked for again
