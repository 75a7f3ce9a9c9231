"""The admin panel: kiosk facts, status, conflicts, sync now, camera, decoder, language, unpair."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.core.camera import CameraMode
from kiosk_app.core.kiosk import Conflict, KioskStatus
from kiosk_app.core.sync import SyncReport
from kiosk_app.core.sync_errors import SyncErrorKind, sync_problem
from kiosk_app.scanner.camera_list import CameraChoice
from kiosk_app.ui.i18n import LANGUAGE_NAMES, LANGUAGES, TranslatedWidget, translate
from kiosk_app.ui.screens.admin_choices import CameraList, ChoiceButtons
from kiosk_app.ui.screens.admin_sync import SyncBox
from kiosk_app.ui.status_strip import clock_text
from kiosk_app.ui.theme import STACK_IN_PORTRAIT
from kiosk_app.ui.widgets import text_label, touch_button

SYNTHETIC = "synthetic"
FACTS = ("kiosk", "site", "server", "connection", "queue", "last_sync", "last_error", "camera")


@dataclass(frozen=True)
class PanelFacts:
    """What the panel shows when it opens; the controller gathers it."""

    kiosk: str = "—"
    site: str = "—"
    server: str = "—"
    camera: str = "0"  # the spec in use
    cameras: list[CameraChoice] = field(default_factory=list)
    decoders: dict[str, str | None] = field(default_factory=dict)  # name -> problem or None
    decoder: str = "zxing"
    language: str = "en"


class AdminPanelScreen(TranslatedWidget):
    """Shows what staff need and emits what they ask for; the controller does the work."""

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
        self._facts = PanelFacts()
        self._status: KioskStatus | None = None
        self._error_kind: str | None = None
        self._conflicts: list[Conflict] = []
        self._mode: CameraMode | None = None
        self._unpair_armed = False
        self._save_failed = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 36, 60, 36)
        outer.setSpacing(20)
        self.title = text_label("headline", wrap=False)
        outer.addWidget(self.title)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setProperty(STACK_IN_PORTRAIT, True)  # a lobby stand: choices go below
        self.columns.setSpacing(48)
        outer.addLayout(self.columns, 1)
        self.columns.addLayout(self._build_info(), 1)
        self.columns.addLayout(self._build_choices(), 1)
        outer.addLayout(self._build_exits())
        self.retranslate()

    # -- building ----------------------------------------------------------------------------

    def _build_info(self) -> QVBoxLayout:
        info = QVBoxLayout()
        info.setSpacing(14)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(8)
        self._names: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}
        for row, key in enumerate(FACTS):
            self._names[key] = text_label("field-label", wrap=False)
            self._values[key] = text_label("value")
            self.grid.addWidget(self._names[key], row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(self._values[key], row, 1)
        self.grid.setColumnStretch(1, 1)
        info.addLayout(self.grid)
        self.sync_box = SyncBox(self.kind_text)
        self.sync_box.requested.connect(self.sync_requested)
        self.sync_button = self.sync_box.button
        info.addWidget(self.sync_box)
        self.conflicts_label = text_label("field-label")
        self.conflicts = QListWidget()
        self.conflicts.setObjectName("ConflictList")
        self.conflicts.setMinimumHeight(60)
        self.conflicts.setWordWrap(True)
        self.conflicts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.conflicts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        info.addWidget(self.conflicts_label)
        info.addWidget(self.conflicts, 1)
        return info

    def _build_choices(self) -> QVBoxLayout:
        choices = QVBoxLayout()
        choices.setSpacing(12)
        self.camera_label = text_label("field-label")
        self.camera_list = CameraList()
        self.camera_list.chosen.connect(self.camera_chosen)
        self.mode_label = text_label("muted")
        self.mode_label.setObjectName("CameraMode")
        self.decoder_label = text_label("field-label")
        self.decoder_buttons = ChoiceButtons()
        self.decoder_buttons.chosen.connect(self.decoder_chosen)
        self.decoder_note = text_label("muted")
        self.decoder_note.setObjectName("DecoderNote")
        self.language_label = text_label("field-label")
        self.language_buttons = ChoiceButtons()
        self.language_buttons.chosen.connect(self.language_chosen)
        self.save_problem = text_label("muted")
        self.save_problem.setObjectName("SaveProblem")
        choices.addWidget(self.camera_label)
        choices.addWidget(self.camera_list, 1)
        choices.addWidget(self.mode_label)
        for widget in (self.decoder_label, self.decoder_buttons, self.decoder_note):
            choices.addWidget(widget)
        for widget in (self.language_label, self.language_buttons, self.save_problem):
            choices.addWidget(widget)
        choices.addStretch(0)  # takes only what a short camera list leaves
        return choices

    def _build_exits(self) -> QHBoxLayout:
        exits = QHBoxLayout()
        exits.setProperty(STACK_IN_PORTRAIT, True)  # three wide buttons do not fit side by side
        exits.setSpacing(24)
        self.unpair_button = touch_button(kind="danger")
        self.unpair_button.clicked.connect(self._unpair_clicked)
        self.exit_button = touch_button(kind="danger")
        self.exit_button.clicked.connect(self.exit_requested)
        self.back_button = touch_button(kind="primary")
        self.back_button.clicked.connect(self.closed)
        exits.addWidget(self.unpair_button)
        exits.addWidget(self.exit_button)
        exits.addStretch(1)
        exits.addWidget(self.back_button)
        return exits

    # -- what the controller calls -----------------------------------------------------------

    def open_panel(self, facts: PanelFacts) -> None:
        """Fills the facts and the choices; forgets the last sync result and unpair press."""
        self._facts = facts
        self._unpair_armed = False
        self._save_failed = False
        self.sync_box.forget()
        self.decoder_buttons.set_options(
            [(name, name, problem is None) for name, problem in facts.decoders.items()],
            facts.decoder,
        )
        self.retranslate()

    def show_status(self, status: KioskStatus, error_kind: str | None = None) -> None:
        """``error_kind`` is the last sync round's ``SyncReport.error_kind``, if known."""
        self._status = status
        self._error_kind = error_kind
        self.retranslate()

    def show_conflicts(self, conflicts: list[Conflict]) -> None:
        self._conflicts = list(conflicts)
        self.retranslate()

    def show_camera_mode(self, mode: CameraMode | None) -> None:
        """What the camera negotiated (size, format, frame rate); None while it has none."""
        self._mode = mode
        self.retranslate()

    def show_camera(self, spec: str) -> None:
        """The camera now in use (after a choice here)."""
        self._facts = replace(self._facts, camera=spec)
        self._mode = None
        self.retranslate()

    def mark_language(self, lang: str) -> None:
        self._facts = replace(self._facts, language=lang)
        self.retranslate()

    def show_save_problem(self, failed: bool) -> None:
        """Whether the last choice could not be written to kiosk.toml (it applies anyway)."""
        self._save_failed = failed
        self.retranslate()

    def show_sync_started(self, started: bool) -> None:
        self.sync_box.show_started(started)

    def show_sync_report(self, report: SyncReport) -> None:
        self.sync_box.show_report(report)

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
        facts = self._facts
        values = {"kiosk": facts.kiosk, "site": facts.site, "server": facts.server}
        values["camera"] = self.camera_name(facts.camera)
        for key in ("connection", "queue", "last_sync", "last_error"):
            values[key] = "—"
        status = self._status
        if status is not None:
            online = status.online
            values["connection"] = (
                self.tr("Online") if online else self.tr("Offline") if online is False else "—"
            )
            values["queue"] = self.tr("%n check-in(s)", "", status.queue_depth)
            values["last_sync"] = clock_text(status.last_sync_at) or self.tr("Not synced yet")
            values["last_error"] = self.error_text(status)
        for key, label in self._values.items():
            label.setText(values[key])
        self.conflicts_label.setText(
            self.tr("Conflicts: passes used twice while offline (%n)", "", len(self._conflicts))
        )
        self.conflicts.clear()
        for conflict in self._conflicts:
            self.conflicts.addItem(self.conflict_text(conflict))
        self._retranslate_choices()
        self.unpair_button.setText(
            self.tr("Press again to unpair") if self._unpair_armed else self.tr("Unpair this kiosk")
        )
        self.exit_button.setText(self.tr("Exit the app"))
        self.back_button.setText(self.tr("Back to check-in"))

    def _retranslate_choices(self) -> None:
        facts = self._facts
        self.camera_label.setText(self.tr("Camera"))
        rows = [(choice.spec, self.choice_label(choice)) for choice in facts.cameras]
        specs = {spec for spec, _label in rows}
        if facts.camera not in specs and facts.camera != SYNTHETIC:
            rows.append((facts.camera, self.camera_name(facts.camera)))
        rows.append((SYNTHETIC, self.camera_name(SYNTHETIC)))
        self.camera_list.set_cameras(rows, facts.camera)
        mode = self._mode
        self.mode_label.setText(
            self.tr("Picture: %1").replace("%1", mode.describe())
            if mode
            else self.tr("Picture: waiting for the camera")
        )
        self.decoder_label.setText(self.tr("QR decoder"))
        options = [(name, name, problem is None) for name, problem in facts.decoders.items()]
        self.decoder_buttons.set_options(options, facts.decoder)
        missing = [name for name, problem in facts.decoders.items() if problem is not None]
        self.decoder_note.setText(
            self.tr("Not installed on this kiosk: %1").replace("%1", ", ".join(missing))
            if missing
            else ""
        )
        self.decoder_note.setVisible(bool(missing))
        self.language_label.setText(self.tr("Language"))
        self.language_buttons.set_options(
            [(lang, LANGUAGE_NAMES[lang], True) for lang in LANGUAGES], facts.language
        )
        self.save_problem.setText(
            self.tr("The choice applies now but could not be saved for the next start.")
            if self._save_failed
            else ""
        )
        self.save_problem.setVisible(self._save_failed)

    def choice_label(self, choice: CameraChoice) -> str:
        if choice.name:
            return f"{choice.name} ({choice.spec})"
        return self.camera_name(choice.spec)

    def camera_name(self, spec: str) -> str:
        """A camera as staff read it: its name where known, else "Camera 0" or the file."""
        for choice in self._facts.cameras:
            if choice.spec == spec and choice.name:
                return self.choice_label(choice)
        if spec == SYNTHETIC:
            return self.tr("Test picture (no camera)")
        if spec.isdigit():
            return self.tr("Camera %1").replace("%1", spec)
        return spec

    def error_text(self, status: KioskStatus) -> str:
        """The last sync problem in the kiosk's language; the core's English text stays in logs."""
        if not status.last_error:
            return self.tr("None")
        kind = self._error_kind
        if kind is None and status.online is False:
            # a problem from before this start: the server was not reached
            kind = SyncErrorKind.UNREACHABLE
        return self.kind_text(kind)

    def kind_text(self, kind: str | None) -> str:
        """A sync error kind (``SyncReport.error_kind``) in words, from the sync catalogue."""
        return sync_problem(kind, translate)

    def conflict_text(self, conflict: Conflict) -> str:
        visit = conflict.visit_id or "?"
        here = clock_text(conflict.scanned_at) or "?"
        there = clock_text(conflict.first_used_at) or "?"
        where = conflict.first_used_by or "?"
        return (
            self.tr("Visit %1: scanned here at %2, first used at %3 by %4")
            .replace("%1", visit)
            .replace("%2", here)
            .replace("%3", there)
            .replace("%4", where)
        )
