"""Slow work (network, scrypt, SQLite) off the GUI thread, with the answer as a Qt signal."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


def run_in_background(
    work: Callable[[], Any],
    on_result: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
) -> threading.Thread:
    """Runs ``work`` on a short-lived thread; the callbacks must be signal emits (thread-safe)."""

    def target() -> None:
        try:
            result = work()
        except Exception as exc:  # handed to the caller's error signal
            if on_error is None:
                log.exception("background task failed")
            else:
                on_error(exc)
            return
        on_result(result)

    thread = threading.Thread(target=target, name="atrium-task", daemon=True)
    thread.start()
    return thread


class BackgroundTask(QObject):
    """One job at a time; ``succeeded(result)`` or ``failed(exception)`` on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def start(self, work: Callable[[], Any]) -> bool:
        """Starts ``work`` unless a job is still running; False if it was refused."""
        if self._busy:
            return False
        self._busy = True
        self._thread = run_in_background(work, self._succeeded, self._failed)
        return True

    def _succeeded(self, result: Any) -> None:
        self._busy = False  # before the signal: its receiver may start the next job at once
        self.succeeded.emit(result)

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self.failed.emit(exc)

    def wait(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
