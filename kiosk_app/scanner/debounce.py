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
