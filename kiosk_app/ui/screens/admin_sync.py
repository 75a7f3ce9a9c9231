"""The admin panel's "Sync now": the button, a busy bar while the round runs, then its result."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from kiosk_app.core.sync import SyncReport
from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.status_strip import clock_text
from kiosk_app.ui.widgets import restyle, text_label, touch_button

SYNC_PATIENCE_MS = 45_000  # then "still waiting" (a round waits out the network's timeouts)
KindText = Callable[[str | None], str]


class SyncBox(TranslatedWidget):
    """``requested`` on a tap; ``show_started`` then ``show_report`` tell what became of it."""

    requested = Signal()

    def __init__(self, kind_text: KindText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncBox")
        self._kind_text = kind_text
        self._since: float | None = None  # a sync asked for at this time, not yet answered
        self._result: SyncReport | str | None = None  # a report, or an error kind without one
        self._slow = False
        self._patience = QTimer(self)
        self._patience.setSingleShot(True)
        self._patience.timeout.connect(self._is_slow)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(20)
        self.button = touch_button(kind="primary")
        self.button.clicked.connect(self._clicked)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(8)
        self.state = text_label("sync-state")
        self.state.setObjectName("SyncState")
        self.progress = QProgressBar()
        self.progress.setObjectName("SyncProgress")
        self.progress.setRange(0, 0)  # busy: no percentage is known
        self.progress.setTextVisible(False)
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # nothing below moves when it shows
        self.progress.setSizePolicy(policy)
        self.progress.hide()
        column.addWidget(self.state)
        column.addWidget(self.progress)
        column.addStretch(1)
        row.addLayout(column, 1)
        self.retranslate()

    @property
    def syncing(self) -> bool:
        return self._since is not None

    def forget(self) -> None:
        """A fresh panel: no old result (a round still running keeps its bar)."""
        if not self.syncing:
            self._result = None
            self.retranslate()

    def show_started(self, started: bool) -> None:
        """The round was asked for (busy until its report), or could not be (not running)."""
        self._result = None if started else "not_paired"
        self._since = time.time() if started else None
        self._slow = False
        if started:
            self._patience.start(SYNC_PATIENCE_MS)
        self.retranslate()

    def show_report(self, report: SyncReport) -> None:
        """A round finished; it answers the request if it started after it."""
        if self._since is None or report.started_at < self._since - 0.5:
            return
        self._since = None
        self._patience.stop()
        self._result = report
        self.retranslate()

    def _clicked(self) -> None:
        if not self.syncing:
            self.requested.emit()

    def _is_slow(self) -> None:
        self._slow = True
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("Sync now"))
        self.button.setEnabled(not self.syncing)
        self.progress.setVisible(self.syncing)
        result = self._result
        if self.syncing:
            text = self.tr("Syncing with the server…")
            if self._slow:
                text = self.tr("Still waiting for the server; the kiosk keeps trying.")
        elif isinstance(result, SyncReport):
            text = self.report_text(result)
        elif isinstance(result, str):
            text = self._kind_text(result)
        else:
            text = ""
        self.state.setText(text)
        good = isinstance(result, SyncReport) and result.ok and not self.syncing
        state = "ok" if good else "failed" if result is not None and not self.syncing else ""
        if self.state.property("state") != state:
            self.state.setProperty("state", state)
            restyle(self.state)

    def report_text(self, report: SyncReport) -> str:
        """"Synced at 10:02. 3 check-ins sent, 0 waiting." or the problem in words."""
        if not report.ok:
            return self.tr("Sync failed: %1").replace("%1", self._kind_text(report.error_kind))
        when = clock_text(report.finished_at or report.started_at) or "—"
        parts = [self.tr("%n check-in(s) sent", "", report.pushed)]
        if report.duplicates:
            parts.append(self.tr("%n used elsewhere first", "", report.duplicates))
        parts.append(self.tr("%n waiting", "", report.queue_depth))
        return self.tr("Synced at %1.").replace("%1", when) + " " + ", ".join(parts) + "."
