"""One scan per code held in view: repeats are suppressed until the code has left the picture."""

from __future__ import annotations

import time
from collections.abc import Callable


class ScanDebouncer:
    """Accepts a code once while it stays in view, and again after ``hold_s`` of absence.

    A code is "held" from the moment it is accepted; every later sighting extends the hold, so a
    phone kept in front of the camera gives one scan. A different code is accepted at once.
    """

    def __init__(self, hold_s: float = 2.0, clock: Callable[[], float] = time.monotonic) -> None:
        if hold_s < 0:
            raise ValueError("hold_s must not be negative")
        self.hold_s = hold_s
        self._clock = clock
        self._last_seen: dict[str, float] = {}

    def accept(self, text: str) -> bool:
        """True if ``text`` should be processed now; False if it is a repeat of a held code."""
        now = self._clock()
        self._forget_before(now - self.hold_s)
        held = text in self._last_seen
        self._last_seen[text] = now
        return not held

    def _forget_before(self, cutoff: float) -> None:
        for text in [t for t, seen in self._last_seen.items() if seen <= cutoff]:
            del self._last_seen[text]

    def reset(self) -> None:
        """Forget every held code (e.g. after the UI returned to the scan screen)."""
        self._last_seen.clear()

    def forget(self, text: str) -> None:
        """Forget one code, so its next sighting is accepted (it was held back, not handled)."""
        self._last_seen.pop(text, None)


class SecondSighting:
    """Holds back a text that ``needs_confirmation`` until a later frame shows it again.

    One-frame misreads are random, so the same wrong text twice within ``window_s`` does not
    happen; a real code held in view is read again within a frame or two. Texts that need no
    confirmation (a well-formed pass) pass at once.
    """

    MAX_PENDING = 64  # distinct unconfirmed texts kept (garbage must not pile up)

    def __init__(
        self,
        needs_confirmation: Callable[[str], bool],
        window_s: float = 1.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._needs_confirmation = needs_confirmation
        self.window_s = window_s
        self._clock = clock
        self._pending: dict[str, float] = {}

    def hold_back(self, text: str) -> bool:
        """True if ``text`` must wait for another frame; False if it may be handled now."""
        now = self._clock()
        for old in [t for t, seen in self._pending.items() if now - seen > self.window_s]:
            del self._pending[old]
        if self._pending.pop(text, None) is not None:
            return False  # seen in an earlier frame: confirmed
        if not self._needs_confirmation(text):
            return False
        if len(self._pending) >= self.MAX_PENDING:
            self._pending.pop(next(iter(self._pending)))
        self._pending[text] = now
        return True

    def reset(self) -> None:
        self._pending.clear()
