"""Listeners told after a record is committed (a check-in, check-out or walk-in)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class Listeners(Generic[T]):
    """``add_listener``/``remove_listener``, and ``_tell`` after the record is written: a
    failing listener is logged, never raised (it cannot undo what was recorded)."""

    _listeners: list[Callable[[T], None]]
    _what = "record"  # named in the log line of a failing listener

    def _init_listeners(self) -> None:
        self._listeners = []

    def add_listener(self, listener: Callable[[T], None]) -> None:
        """Called after every recorded event (e.g. to trigger a sync)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[T], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _tell(self, value: T) -> None:
        for listener in list(self._listeners):
            try:
                listener(value)
            except Exception:
                log.exception("%s listener failed", self._what)
