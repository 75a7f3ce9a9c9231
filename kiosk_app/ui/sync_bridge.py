"""Bridges the core's SyncRunner thread to Qt: its status arrives as a queued signal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk_app.core.kiosk import Kiosk, KioskStatus
from kiosk_app.core.runner import SyncRunner
from kiosk_app.core.sync import SyncReport


class SyncBridge(QObject):
    """Owns a SyncRunner; ``status_changed(KioskStatus)`` is delivered on the GUI thread.

    ``last_error_kind`` is the last round's ``SyncReport.error_kind`` (None before any round).
    """

    status_changed = Signal(object)
    report_ready = Signal(object)  # SyncReport, after every round
    _status_from_thread = Signal(object)
    _report_from_thread = Signal(object)

    def __init__(self, kiosk: Kiosk, parent: QObject | None = None, **runner_options: Any):
        super().__init__(parent)
        self._kiosk = kiosk
        self._options = runner_options
        self._runner: SyncRunner | None = None
        self.last_status: KioskStatus | None = None
        self.last_error_kind: str | None = None
        # emitted from the sync thread, received in this object's (the GUI) thread; the runner
        # reports before it publishes the status, so the kind is current when the status arrives
        self._report_from_thread.connect(self._note_report, Qt.ConnectionType.QueuedConnection)
        self._status_from_thread.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._runner is not None and self._runner.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._runner = self._kiosk.runner(
            on_status=self._status_from_thread.emit,
            on_report=self._report_from_thread.emit,
            **self._options,
        )
        self._runner.start()

    def stop(self) -> None:
        """Stop flag, wake and join the sync thread."""
        runner, self._runner = self._runner, None
        if runner is not None:
            runner.stop()

    def trigger(self) -> bool:
        """Sync now (staff asked): forced even while offline; False if no sync is running."""
        if not self.running:
            return False
        self._runner.trigger(force=True)  # type: ignore[union-attr]
        return True

    @Slot(object)
    def _note_report(self, report: SyncReport) -> None:
        self.last_error_kind = report.error_kind
        self.report_ready.emit(report)

    @Slot(object)
    def _deliver(self, status: KioskStatus) -> None:
        self.last_status = status
        self.status_changed.emit(status)
