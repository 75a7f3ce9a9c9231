"""The admin panel: kiosk facts, status, conflicts, sync now, camera, decoder, language, unpair."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.core.sync_errors import SyncErrorKind, sync_problem
from kiosk_app.ui.i18n import LANGUAGE_NAMES, LANGUAGES, TranslatedWidget, translate
from kiosk_app.ui.status_strip import clock_text
from kiosk_app.ui.widgets import text_label, touch_button

CAMERA_CHOICES = ("0", "1", "2", "synthetic")


class AdminPanelScreen(TranslatedWidget):
    """Shows what staff need and emits what they ask for; the window does the work."""

    sync_requested = Signal()
    camera_chosen = Signal(str)
    decoder_chosen = Signal(str)
    language_chosen = Signal(str)
    unpair_requested = Signal()
    exit_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AdminPanelScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._facts: dict[str, str] = {}
        self._status: object | None = None
        self._error_kind: str | None = None
        self._conflicts: list[object] = []
        self._unpair_armed = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 40, 60, 40)
        outer.setSpacing(24)
        self.title = text_label("headline")
        outer.addWidget(self.title)
        columns = QHBoxLayout()
        columns.setSpacing(40)
        outer.addLayout(columns, 1)

        info = QVBoxLayout()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(28)
        self.grid.setVerticalSpacing(10)
        self._names: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}
        for row, key in enumerate(
            ("kiosk", "site", "server", "connection", "queue", "last_sync", "last_error", "camera")
        ):
            self._names[key] = text_label("field-label", wrap=False)
            self._values[key] = text_label("value")
            self._values[key].setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.grid.addWidget(self._names[key], row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(self._values[key], row, 1)
        self.grid.setColumnStretch(1, 1)
        info.addLayout(self.grid)
        self.conflicts_label = text_label("field-label")
        self.conflicts = QListWidget()
        self.conflicts.setMinimumHeight(60)
        self.conflicts.setWordWrap(True)
        self.conflicts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        info.addWidget(self.conflicts_label)
        info.addWidget(self.conflicts, 1)
        columns.addLayout(info, 3)

        actions = QVBoxLayout()
        actions.setSpacing(18)
        self.sync_button = touch_button(kind="primary")
        self.sync_button.clicked.connect(self.sync_requested)
        self.camera_label = text_label("field-label")
        self.camera_choice = QComboBox()
        self.camera_choice.setEditable(True)
        self.camera_choice.addItems(CAMERA_CHOICES)
        self.camera_choice.activated.connect(
            lambda _i: self.camera_chosen.emit(self.camera_choice.currentText().strip())
        )
        self.decoder_label = text_label("field-label")
        self.decoder_choice = QComboBox()
        self.decoder_choice.activated.connect(
            lambda _i: self.decoder_chosen.emit(self.decoder_choice.currentData())
        )
        self.language_label = text_label("field-label")
        languages = QHBoxLayout()
        self.language_buttons = {}
        for lang in LANGUAGES:
            button = touch_button(LANGUAGE_NAMES[lang])
            button.clicked.connect(lambda _c=False, code=lang: self.language_chosen.emit(code))
            languages.addWidget(button)
            self.language_buttons[lang] = button
        self.unpair_button = touch_button(kind="danger")
        self.unpair_button.clicked.connect(self._unpair_clicked)
        self.exit_button = touch_button(kind="danger")
        self.exit_button.clicked.connect(self.exit_requested)
        self.back_button = touch_button(kind="primary")
        self.back_button.clicked.connect(self.closed)
        actions.addWidget(self.sync_button)
        choices = QGridLayout()
        choices.setHorizontalSpacing(18)
        choices.addWidget(self.camera_label, 0, 0)
        choices.addWidget(self.decoder_label, 0, 1)
        choices.addWidget(self.camera_choice, 1, 0)
        choices.addWidget(self.decoder_choice, 1, 1)
        actions.addLayout(choices)
        actions.addWidget(self.language_label)
        actions.addLayout(languages)
        actions.addStretch(1)
        for button in (self.unpair_button, self.exit_button, self.back_button):
            actions.addWidget(button)
        columns.addLayout(actions, 2)
        self.retranslate()

    # -- data --------------------------------------------------------------------------------

    def open_panel(
        self, facts: dict[str, str], decoders: dict[str, str | None], current_decoder: str
    ) -> None:
        """Fills the facts (kiosk, site, server, camera) and the decoder choices."""
        self._facts = dict(facts)
        self._unpair_armed = False
        self.camera_choice.setCurrentText(facts.get("camera", "0"))
        self.decoder_choice.clear()
        for name, problem in decoders.items():
            self.decoder_choice.addItem(name if problem is None else f"{name} (—)", name)
            index = self.decoder_choice.count() - 1
            if problem is not None:
                self.decoder_choice.model().item(index).setEnabled(False)
            if name == current_decoder:
                self.decoder_choice.setCurrentIndex(index)
        self.retranslate()

    def show_status(self, status: object, error_kind: str | None = None) -> None:
        """``error_kind`` is the last sync round's ``SyncReport.error_kind``, if known."""
        self._status = status
        self._error_kind = error_kind
        self.retranslate()

    def show_conflicts(self, conflicts: list[object]) -> None:
        self._conflicts = list(conflicts)
        self.retranslate()

    def _unpair_clicked(self) -> None:
        if self._unpair_armed:
            self._unpair_armed = False
            self.unpair_requested.emit()
        else:
            self._unpair_armed = True
        self.retranslate()

    # -- text --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Kiosk administration"))
        names = {
            "kiosk": self.tr("Kiosk name"),
            "site": self.tr("Site"),
            "server": self.tr("Server"),
            "connection": self.tr("Connection"),
            "queue": self.tr("Waiting to send"),
            "last_sync": self.tr("Last sync"),
            "last_error": self.tr("Last problem"),
            "camera": self.tr("Camera"),
        }
        for key, label in self._names.items():
            label.setText(names[key])
        values = {key: self._facts.get(key, "—") for key in names}
        status = self._status
        if status is not None:
            online = getattr(status, "online", None)
            values["connection"] = (
                self.tr("Online") if online else self.tr("Offline") if online is False else "—"
            )
            depth = int(getattr(status, "queue_depth", 0) or 0)
            values["queue"] = self.tr("%n check-in(s)", "", depth)
            values["last_sync"] = clock_text(getattr(status, "last_sync_at", None)) or self.tr(
                "Not synced yet"
            )
            values["last_error"] = self.error_text(status)
        for key, label in self._values.items():
            label.setText(values[key])
        self.conflicts_label.setText(
            self.tr("Conflicts: passes used twice while offline (%n)", "", len(self._conflicts))
        )
        self.conflicts.clear()
        for conflict in self._conflicts:
            self.conflicts.addItem(self.conflict_text(conflict))
        self.sync_button.setText(self.tr("Sync now"))
        self.camera_label.setText(self.tr("Camera"))
        self.decoder_label.setText(self.tr("QR decoder"))
        self.language_label.setText(self.tr("Language"))
        self.unpair_button.setText(
            self.tr("Press again to unpair") if self._unpair_armed else self.tr("Unpair this kiosk")
        )
        self.exit_button.setText(self.tr("Exit the app"))
        self.back_button.setText(self.tr("Back to check-in"))

    def error_text(self, status: object) -> str:
        """The last sync problem in the kiosk's language; the core's English text stays in logs."""
        if not getattr(status, "last_error", None):
            return self.tr("None")
        kind = self._error_kind
        if kind is None and getattr(status, "online", None) is False:
            # a problem from before this start: the server was not reached
            kind = SyncErrorKind.UNREACHABLE
        return sync_problem(kind, translate)

    def conflict_text(self, conflict: object) -> str:
        visit = getattr(conflict, "visit_id", None) or "?"
        here = clock_text(getattr(conflict, "scanned_at", None)) or "?"
        there = clock_text(getattr(conflict, "first_used_at", None)) or "?"
        where = getattr(conflict, "first_used_by", None) or "?"
        return (
            self.tr("Visit %1: scanned here at %2, first used at %3 by %4")
            .replace("%1", visit)
            .replace("%2", here)
            .replace("%3", there)
            .replace("%4", where)
        )
