"""The walk-in's host: the site's host directory, searched as the visitor types."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk_app.ui.i18n import TranslatedWidget
from kiosk_app.ui.keyboard import OnScreenKeyboard
from kiosk_app.ui.people_list import PeopleList
from kiosk_app.ui.screens.header import screen_header
from kiosk_app.ui.screens.walk_in_name import kiosk_field, mark_active
from kiosk_app.ui.widgets import text_label, touch_button


class HostPickerScreen(TranslatedWidget):
    """``search_changed(text)`` as the visitor types; ``host_chosen(host_id, name)`` on a tap."""

    search_changed = Signal(str)
    host_chosen = Signal(str, str)
    back = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HostPickerScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._names: dict[str, str] = {}
        self._searched = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 40)
        layout.setSpacing(20)

        self.back_button = touch_button(kind="light")
        self.back_button.setObjectName("HostBack")
        self.back_button.clicked.connect(self.back)
        self.cancel_button = touch_button(kind="light")
        self.cancel_button.setObjectName("HostCancel")
        self.cancel_button.clicked.connect(self.cancelled)
        self.title = text_label("headline")
        layout.addLayout(screen_header([self.back_button, self.cancel_button], self.title))

        self.search = kiosk_field("HostSearch")
        self.search.textChanged.connect(self._search_changed)
        layout.addWidget(self.search)
        self.hosts = PeopleList()
        self.hosts.setObjectName("HostList")
        self.hosts.chosen.connect(self._chosen)
        layout.addWidget(self.hosts, 1)
        self.empty = text_label("body", center=True)
        self.empty.setObjectName("HostNone")
        self.empty.hide()
        layout.addWidget(self.empty, 1)

        self.keyboard = OnScreenKeyboard(digits=False)
        self.keyboard.attach(self.search)
        mark_active([self.search], self.search)
        layout.addWidget(self.keyboard)
        self.retranslate()

    # -- what the controller calls -----------------------------------------------------------

    def reset(self) -> None:
        """An empty search (``search_changed("")`` follows, so the whole directory shows)."""
        self.search.clear()
        self.keyboard.attach(self.search)
        self.search_changed.emit("")

    def show_hosts(self, rows: list[tuple[str, str]], query: str) -> None:
        """The hosts that match ``query`` as (host_id, name); none: a line that says so."""
        self._names = dict(rows)
        self._searched = query
        self.hosts.set_people(rows)
        self.hosts.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.keyboard.set_language(language)

    def listed(self) -> list[str]:
        """The names now listed, top to bottom."""
        return self.hosts.names()

    # -- inside ------------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.search_changed.emit(" ".join(text.split()))

    def _chosen(self, host_id: str) -> None:
        self.host_chosen.emit(host_id, self._names.get(host_id, ""))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Who are you visiting?"))
        self.back_button.setText(self.tr("Back"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.search.setPlaceholderText(self.tr("Type your host's name"))
        if self._searched:
            self.empty.setText(
                self.tr("Nobody here is called “%1”. Check the spelling, or see reception.")
                .replace("%1", self._searched)
            )
        else:
            self.empty.setText(self.tr("No hosts are listed for this site. Please see reception."))
