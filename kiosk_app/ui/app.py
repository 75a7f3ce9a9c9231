"""Entry point of the touchscreen app: ``run_app`` (used by ``atrium-kiosk run``)."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.ui import startup  # noqa: F401 (records the import time early)
from kiosk_app.ui.controller import KioskController
from kiosk_app.ui.full_screen import FullScreenKeeper
from kiosk_app.ui.i18n import LanguageSwitcher, choose_language
from kiosk_app.ui.window import KioskWindow

log = logging.getLogger(__name__)

WINDOWED_SIZE = (1280, 800)


def application() -> QApplication:
    """The running QApplication, created on first use."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Atrium Kiosk")
        app.setOrganizationName("Atrium")
    return app  # type: ignore[return-value]


def build_kiosk_ui(
    kiosk: Kiosk,
    camera: str,
    decoder: str,
    lang: str | None = None,
    **controller_options: Any,
) -> tuple[KioskWindow, KioskController]:
    """The window and its controller for an open Kiosk (nothing started, nothing shown)."""
    application()
    switcher = LanguageSwitcher()
    switcher.set_language(choose_language(lang, kiosk.config.language))
    window = KioskWindow(switcher)
    switcher.setParent(window)
    controller = KioskController(kiosk, window, camera, decoder, **controller_options)
    return window, controller


def show_window(window: KioskWindow, windowed: bool) -> None:
    """Full screen on any window system, or a normal window for development (``--windowed``)."""
    if windowed:
        window.allow_close = True  # a developer may close it; a kiosk may not
        window.resize(*WINDOWED_SIZE)
        window.show()
    else:
        FullScreenKeeper(window).show()


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # Ctrl+C, and `systemctl stop` or `kill`


def exec_until_closed(
    app: QApplication, on_quit: Callable[[], None], seconds: float | None = None
) -> int:
    """Runs the event loop; SIGINT, SIGTERM and ``seconds`` end it too; ``on_quit`` stops the
    threads. Ending by a signal is a clean stop (exit code 0), so callers' cleanup runs."""
    app.aboutToQuit.connect(on_quit)
    previous = {number: signal.signal(number, lambda *_: app.exit(0)) for number in STOP_SIGNALS}
    ticker = QTimer()  # lets Python see the signals while Qt waits
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
    if seconds is not None:
        QTimer.singleShot(round(seconds * 1000), lambda: app.exit(0))
    try:
        return int(app.exec())
    finally:
        ticker.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)
        app.aboutToQuit.disconnect(on_quit)
        on_quit()  # idempotent: the threads are stopped however the loop ended


def run_app(
    config: KioskConfig,
    camera: str = "0",
    windowed: bool = False,
    decoder: str = "zxing",
    lang: str | None = None,
) -> int:
    """Opens the kiosk from ``config`` and runs the touchscreen app until it is closed."""
    app = application()
    kiosk = Kiosk.open(config)
    try:
        window, controller = build_kiosk_ui(kiosk, camera or config.camera, decoder, lang)
        show_window(window, windowed)
        controller.start()
        return exec_until_closed(app, controller.shutdown)
    finally:
        kiosk.close()
