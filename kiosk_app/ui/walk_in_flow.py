"""The walk-in flow: name, host, the site's documents, then the walk-in is recorded and synced.

Nothing is recorded before the last step: cancelling or walking away (the idle timeout) at any
step goes back to scanning, queues nothing and forgets what was typed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk_app.core.signed_records import Signature
from kiosk_app.core.walk_ins import WalkInRefused
from kiosk_app.ui.screen_names import Screen
from kiosk_app.ui.services import KioskServices
from kiosk_app.ui.tasks import BackgroundTask
from kiosk_app.ui.window import KioskWindow

log = logging.getLogger(__name__)

CONFIRM_WAIT_MS = 2000  # how long the thanks screen waits for the server's answer
POLL_MS = 150
Signer = Callable[[Sequence[Any], Callable[[Sequence[Signature]], None], Callable[[], None]], None]


@dataclass
class WalkInDraft:
    """What the visitor has given so far (in memory only, until it is recorded)."""

    name: str = ""
    company: str = ""
    host_id: str = ""


class WalkInFlow(QObject):
    """Drives the walk-in screens; ``finished`` when the kiosk should scan again."""

    finished = Signal()

    def __init__(self, window: KioskWindow, services: KioskServices, parent: QObject) -> None:
        super().__init__(parent)
        self.window = window
        self.services = services
        self.draft = WalkInDraft()
        self.event_id: str | None = None  # the walk-in on the thanks screen
        self.last_event_id: str | None = None  # the last walk-in this kiosk recorded
        # puts the site's documents up for signing: (documents, on_signed, on_cancelled)
        self.signer: Signer | None = None
        self.signing = False  # the walk-in's documents are on the signing screen
        self._register = BackgroundTask(self)
        self._register.succeeded.connect(self._recorded)
        self._register.failed.connect(self._not_recorded)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(CONFIRM_WAIT_MS)
        self._deadline.timeout.connect(lambda: self._answer(final=True))
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._answer)
        w = window
        w.walk_in_name.next_requested.connect(self._named)
        w.walk_in_name.cancelled.connect(self.cancel)
        w.host_picker.search_changed.connect(self._search)
        w.host_picker.host_chosen.connect(self._host_chosen)
        w.host_picker.back.connect(lambda: w.show_screen(Screen.WALK_IN_NAME))
        w.host_picker.cancelled.connect(self.cancel)
        w.walk_in_done.finished.connect(self._done)
        services.sync.report_ready.connect(lambda _report: self._answer())

    # -- steps -------------------------------------------------------------------------------

    def begin(self) -> None:
        """ "I have no code": an empty name screen."""
        self._forget()
        self.window.walk_in_name.reset()
        self.window.show_screen(Screen.WALK_IN_NAME)

    def _named(self, name: str, company: str) -> None:
        self.draft.name, self.draft.company = name, company
        self.window.host_picker.reset()
        self.window.show_screen(Screen.HOST_PICKER)

    def _search(self, query: str) -> None:
        hosts = self.services.walk_ins.hosts(query)
        self.window.host_picker.show_hosts([(h.host_id, h.name) for h in hosts], query)

    def _host_chosen(self, host_id: str, _host_name: str) -> None:
        self.draft.host_id = host_id
        documents = self.documents(self.window.language.language)
        if documents and self.signer is not None:
            self.signing = True
            self.signer(documents, self.record, self.cancel)
        else:  # nothing to sign (register refuses if the site wants signatures after all)
            self.record([])

    def documents(self, language: str) -> list[Any]:
        """The site's documents filled in with what this walk-in typed, in ``language``."""
        draft = self.draft
        return self.services.walk_ins.pending_documents(
            draft.name, draft.company or None, draft.host_id, language
        )

    def record(self, signatures: Sequence[Signature]) -> None:
        """The last step: record the walk-in (with its signed documents) and ask the server."""
        self.signing = False
        draft = self.draft
        language = self.window.language.language
        walk_ins = self.services.walk_ins
        self.window.walk_in_done.show_waiting()
        self.window.show_screen(Screen.WALK_IN_DONE)
        self._register.start(
            lambda: walk_ins.register(
                draft.name, draft.company or None, draft.host_id, language, signatures
            )
        )

    def _recorded(self, event_id: str) -> None:
        self.event_id = self.last_event_id = event_id
        self.services.sync.trigger()
        self._deadline.start()
        self._poll.start()
        self._answer()

    def _not_recorded(self, exc: Exception) -> None:
        self._forget()
        if isinstance(exc, WalkInRefused):  # nothing recorded; the core says why
            log.warning("walk-in refused by the kiosk: %s", exc.reason)
            self.window.walk_in_done.show_problem(exc.message)
            return
        log.error("walk-in could not be recorded: %s", exc)
        self.window.walk_in_done.show_problem()

    def _answer(self, final: bool = False) -> None:
        """The server's answer, if it came; at the deadline, what is known then (a seat)."""
        if self.event_id is None or not (self._deadline.isActive() or final):
            return
        outcome = self.services.walk_ins.outcome(self.event_id)
        if outcome.status != "pending" or final:
            self._stop_waiting()
            self.window.walk_in_done.show_outcome(outcome)

    def _stop_waiting(self) -> None:
        self._deadline.stop()
        self._poll.stop()
        self._forget()

    # -- leaving -----------------------------------------------------------------------------

    def cancel(self) -> None:
        """Cancel or idle: nothing recorded, nothing kept, back to scanning."""
        self.signing = False
        self._forget()
        self.window.walk_in_name.reset()
        self.finished.emit()

    def _done(self) -> None:
        self._stop_waiting()
        self.event_id = None
        self.finished.emit()

    def _forget(self) -> None:
        self.draft = WalkInDraft()
