"""The walk-in's first step: name and (optional) company, typed on the on-screen keyboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk_app.core.walk_ins import MAX_NAME
from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.keyboard import OnScreenKeyboard
from kiosk_app.ui.screens.header import screen_header
from kiosk_app.ui.theme import STACK_IN_PORTRAIT
from kiosk_app.ui.widgets import restyle, text_label, touch_button


def kiosk_field(object_name: str) -> QLineEdit:
    """A line edit typed into only by the on-screen keyboard (no platform input method)."""
    field = QLineEdit()
    field.setObjectName(object_name)
    field.setMaxLength(MAX_NAME)
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    field.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText)
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return field


def mark_active(fields: list[QLineEdit], active: QLineEdit) -> None:
    """The field the keyboard types into gets the highlighted border (``active``)."""
    for field in fields:
        on = field is active
        if field.property("active") != on:
            field.setProperty("active", on)
            restyle(field)


class WalkInNameScreen(TranslatedWidget):
    """``next_requested(name, company)`` once the name has a letter; ``cancelled``."""

    next_requested = Signal(str, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WalkInNameScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 40)
        layout.setSpacing(24)

        self.cancel_button = touch_button(kind="light")
        self.cancel_button.setObjectName("WalkInCancel")
        self.cancel_button.clicked.connect(self.cancelled)
        self.title = text_label("headline")
        layout.addLayout(screen_header([self.cancel_button], self.title))

        fields = QHBoxLayout()
        fields.setProperty(STACK_IN_PORTRAIT, True)
        fields.setSpacing(36)
        self.name = kiosk_field("WalkInName")
        self.company = kiosk_field("WalkInCompany")
        self.name_label = text_label("field-label")
        self.company_label = text_label("field-label")
        columns = ((self.name_label, self.name, 3), (self.company_label, self.company, 2))
        for label, field, stretch in columns:
            column = QVBoxLayout()
            column.setSpacing(8)
            column.addWidget(label)
            column.addWidget(field)
            fields.addLayout(column, stretch)
            field.installEventFilter(self)
        self.next_button = touch_button(kind="big")
        self.next_button.setObjectName("WalkInNext")
        self.next_button.setProperty("accent", "true")
        self.next_button.clicked.connect(self._next)
        fields.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(fields)
        layout.addStretch(1)

        self.keyboard = OnScreenKeyboard()
        layout.addWidget(self.keyboard)
        self.name.textChanged.connect(self._update_next)
        self.keyboard.attach(self.name)
        mark_active([self.name, self.company], self.name)
        self._update_next()
        self.retranslate()

    # -- what the controller calls -----------------------------------------------------------

    def reset(self) -> None:
        """Empty fields (nothing of the last visitor stays), the keyboard on the name."""
        self.name.clear()
        self.company.clear()
        self._attach(self.name)

    def set_language(self, language: str) -> None:
        self.keyboard.set_language(language)

    # -- inside ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress) and isinstance(
            watched, QLineEdit
        ):
            self._attach(watched)
        return False

    def _attach(self, field: QLineEdit) -> None:
        self.keyboard.attach(field)
        mark_active([self.name, self.company], field)

    def _valid_name(self) -> str:
        """The name tidied, or "" while it has no letter (the core refuses those too)."""
        name = " ".join(self.name.text().split())
        return name if any(c.isalpha() for c in name) else ""

    def _update_next(self) -> None:
        self.next_button.setEnabled(bool(self._valid_name()))

    def _next(self) -> None:
        name = self._valid_name()
        if name:
            self.next_requested.emit(name, " ".join(self.company.text().split()))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Check in without a code"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.name_label.setText(self.tr("Your name"))
        self.company_label.setText(self.tr("Company (optional)"))
        self.next_button.setText(self.tr("Next"))
