"""The demo's scripted visitors: a walk-in and two check-outs, played by touches on the screen.

After each round of sample passes the director plays what a person at the kiosk would do: a
walk-in types a name and a company on the on-screen keyboard, searches a host and picks her;
then Ada checks out with her pass and the walk-in checks out from the list. The touches are
real mouse events sent to the widgets a finger would press (like a test, this reaches into the
screens' widgets), one step at a time, each when its screen is up.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk_app.scanner.synthetic import SyntheticSource
from kiosk_app.ui.controller import KioskController
from kiosk_app.ui.keyboard import SHIFT, SPACE, OnScreenKeyboard
from kiosk_app.ui.screen_names import Screen
from kiosk_app.ui.window import KioskWindow

TICK_MS = 60
KEY_MS = 220  # between two key taps: a person typing, slow enough to watch
STEP_MS = 900  # between two other touches
PASS_FRAMES = 45
WALK_IN = {"en": ("Mary Jackson", "Langley Research"), "de": ("Jürgen Groß", "Ingenieurbüro")}
HOST_SEARCH = "gra"


def tap(widget: QWidget, pos: QPoint | None = None) -> None:
    """A press and a release at ``pos`` (default: the middle), through the app's filters."""
    point = QPointF(pos if pos is not None else widget.rect().center())
    where = QPointF(widget.mapToGlobal(point.toPoint()))
    left = Qt.MouseButton.LeftButton
    for kind, buttons in (
        (QEvent.Type.MouseButtonPress, left),
        (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(kind, point, where, left, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)


@dataclass
class Step:
    """Wait until ``ready``, then ``pause_ms`` more, then ``act``."""

    ready: Callable[[], bool]
    act: Callable[[], None]
    pause_ms: int = STEP_MS


class ScriptedVisitor(QObject):
    """Plays queued steps in order on a timer; ``on_idle`` runs when the queue is empty."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.steps: deque[Step] = deque()
        self.pace = 1.0  # below 1: faster (tests)
        self._waited = 0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def add(self, ready: Callable[[], bool], act: Callable[[], None], pause_ms: int = STEP_MS):
        self.steps.append(Step(ready, act, pause_ms))
        if not self._timer.isActive():
            self._waited = 0
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.steps.clear()

    def _tick(self) -> None:
        if not self.steps:
            self._timer.stop()
            return
        step = self.steps[0]
        if not step.ready():
            self._waited = 0
            return
        self._waited += TICK_MS
        if self._waited >= step.pause_ms * self.pace:
            self.steps.popleft()
            self._waited = 0
            step.act()


class VisitorDirector(QObject):
    """After the last sample of each camera round: a walk-in, then two check-outs."""

    def __init__(
        self,
        window: KioskWindow,
        controller: KioskController,
        source: Callable[[], SyntheticSource],
        round_script: list[tuple[str | None, int]],
        checkout_pass: str,
    ) -> None:
        super().__init__(controller)
        self.window = window
        self.source = source
        self.round_script = round_script
        self.checkout_pass = checkout_pass
        self.visitor = ScriptedVisitor(self)
        self.rounds = 0
        self._last_text = next((text for text, _frames in reversed(round_script) if text), None)
        controller.services.pass_scanned.connect(self._scanned)

    def _on(self, screen: Screen) -> Callable[[], bool]:
        return lambda: self.window.current == screen

    def _scanned(self, text: str) -> None:
        if text == self._last_text and not self.visitor.steps:  # the camera round's last code
            self.play_round()

    def play_round(self) -> None:
        """A walk-in where the site takes them, Ada's check-out, then the next camera round."""
        self.rounds += 1
        walk_ins = self.window.scan.walk_ins_shown()
        if walk_ins:
            self.play_walk_in()
        self.play_pass_check_out()
        if walk_ins:
            self.play_walk_in_check_out()
        self.visitor.add(self._on(Screen.SCAN), self._next_camera_round, 0)

    def _type(self, keyboard: Callable[[], OnScreenKeyboard], screen: Screen, text: str) -> None:
        """One key tap per character (and shift first where a capital needs it)."""

        def press(char: str) -> None:
            keys = keyboard()
            if char.isalpha() and (char != char.lower()) != keys.shift:
                tap(keys.key(SHIFT))
            tap(keys.key(SPACE if char == " " else char.lower()))

        for char in text:
            self.visitor.add(self._on(screen), lambda c=char: press(c), KEY_MS)

    def play_walk_in(self) -> None:
        """ "I have no code", a name and a company, a host found by typing, then thanks."""
        w = self.window
        name, company = WALK_IN.get(w.language.language, WALK_IN["en"])
        self.visitor.add(self._on(Screen.SCAN), lambda: tap(w.scan.no_code_button))
        self._type(lambda: w.walk_in_name.keyboard, Screen.WALK_IN_NAME, name)
        self.visitor.add(self._on(Screen.WALK_IN_NAME), lambda: tap(w.walk_in_name.company))
        self._type(lambda: w.walk_in_name.keyboard, Screen.WALK_IN_NAME, company)
        self.visitor.add(self._on(Screen.WALK_IN_NAME), lambda: tap(w.walk_in_name.next_button))
        self._type(lambda: w.host_picker.keyboard, Screen.HOST_PICKER, HOST_SEARCH)
        self.visitor.add(
            lambda: w.current == Screen.HOST_PICKER and w.host_picker.hosts.count() > 0,
            lambda: self._tap_first(w.host_picker.hosts),
        )

    def play_pass_check_out(self) -> None:
        """ "Leaving? Check out", then Ada's pass in front of the camera: goodbye."""
        w = self.window
        self.visitor.add(self._on(Screen.SCAN), lambda: tap(w.scan.checkout_button), 1500)
        self.visitor.add(
            lambda: w.current == Screen.SCAN and w.scan.checkout_mode,
            lambda: self.source().enqueue(self.checkout_pass, PASS_FRAMES),
        )
        self.visitor.add(self._on(Screen.VERDICT), lambda: self.source().enqueue(None, 60), 0)

    def play_walk_in_check_out(self) -> None:
        """Check-out mode, "I have no code", the walk-in's name in today's list: goodbye."""
        w = self.window
        self.visitor.add(
            lambda: w.current == Screen.SCAN and not w.scan.checkout_mode,
            lambda: tap(w.scan.checkout_button),
            1500,
        )
        self.visitor.add(self._on(Screen.SCAN), lambda: tap(w.scan.no_code_button))
        self.visitor.add(
            lambda: w.current == Screen.CHECKOUT_LIST and w.checkout_list.people.count() > 0,
            lambda: self._tap_first(w.checkout_list.people),
            1500,
        )

    @staticmethod
    def _tap_first(people: object) -> None:
        listing = people  # a PeopleList
        first = listing.item(0)  # type: ignore[attr-defined]
        rect = listing.visualItemRect(first)  # type: ignore[attr-defined]
        tap(listing.viewport(), rect.center())  # type: ignore[attr-defined]

    def _next_camera_round(self) -> None:
        source = self.source()
        for text, frames in self.round_script:
            source.enqueue(text, frames)

