"""The calm status line for staff: online or offline, queued check-ins, the last good sync."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk_app.core.kiosk import KioskStatus
from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.widgets import restyle

SHORT_DATE = QLocale.FormatType.ShortFormat


def clock_text(value: object) -> str | None:
    """``HH:MM`` today, else the UI language's short date and ``HH:MM``; None if unset.

    ``value`` is a timestamp or a datetime; the date follows ``QLocale()``, which the
    LanguageSwitcher sets, so callers format it again in ``retranslate``.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo is None else value.astimezone()
    else:
        moment = dt.datetime.fromtimestamp(float(value))  # type: ignore[arg-type]
    moment = moment.replace(tzinfo=None)
    if moment.date() == dt.date.today():
        return moment.strftime("%H:%M")
    day = QLocale().toString(QDate(moment.year, moment.month, moment.day), SHORT_DATE)
    return f"{day} {moment.strftime('%H:%M')}"


class StatusStrip(TranslatedWidget):
    """Shows a KioskStatus in one line; call ``show_status`` whenever a new one arrives."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusStrip")
        self._status: KioskStatus | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(28, 10, 28, 10)
        row.setSpacing(40)
        self.connection = QLabel()
        self.queue = QLabel()
        self.last_sync = QLabel()
        self.warning = QLabel()
        for label in (self.connection, self.queue, self.last_sync):
            row.addWidget(label)
        row.addStretch(1)
        row.addWidget(self.warning)
        self.retranslate()

    def show_status(self, status: KioskStatus) -> None:
        self._status = status
        self.retranslate()

    def retranslate(self) -> None:
        status = self._status
        if status is None:
            self.connection.setText(self.tr("Connecting…"))
            self._set_state("")
            self.queue.setText("")
            self.last_sync.setText("")
            self.warning.setText("")
            return
        online = bool(status.online)
        self.connection.setText("● " + (self.tr("Online") if online else self.tr("Offline")))
        self._set_state("online" if online else "offline")
        depth = status.queue_depth
        if depth:
            self.queue.setText(self.tr("%n check-in(s) waiting to be sent", "", depth))
        else:
            self.queue.setText(self.tr("All check-ins sent"))
        when = clock_text(status.last_sync_at)
        self.last_sync.setText(
            self.tr("Last sync: %1").replace("%1", when) if when else self.tr("Not synced yet")
        )
        notes = []
        if status.trust_stale:
            notes.append(self.tr("Trust data out of date"))
        if status.clock_skew_flagged:
            notes.append(self.tr("Clock differs from the server"))
        if status.conflicts:
            notes.append(self.tr("%n conflict(s)", "", status.conflicts))
        self.warning.setText(" · ".join(notes))

    def _set_state(self, state: str) -> None:
        if self.connection.property("state") != state:
            self.connection.setProperty("state", state)
            restyle(self.connection)
