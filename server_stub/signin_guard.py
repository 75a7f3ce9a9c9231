"""The sign-in rule: failed-password throttles and a cap on concurrent password hashes.

One rule for every way in (JSON API, reception console): ``AtriumService.login`` calls it.
Failures are counted per client address, per account and address, and per account; past a few
free tries each further failure doubles the wait before the next try (up to ``MAX_WAIT_S``),
and a try inside the wait gets 429 with Retry-After; a day without failures forgets them. A
correct password clears the account's counters, never the address's. An address that has
signed in to an account before is not held back by that account's own counter, so guessing
from elsewhere cannot lock its owner out. State is per process (docs/reliability.md says what
that means with several workers)."""

from __future__ import annotations

import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from server_stub.errors import ServiceError

FREE_PER_PAIR = 5  # one address against one account
FREE_PER_ADDRESS = 20  # one address against any accounts
FREE_PER_ACCOUNT = 50  # every address against one account
FIRST_WAIT_S = 1.0
MAX_WAIT_S = 15 * 60.0
FORGET_AFTER_S = 24 * 3600.0  # a counter with no failure for a day starts again from zero
MAX_ENTRIES = 100_000  # counters kept (least recently failed dropped first)
MAX_HASHES = max(1, min(4, os.cpu_count() or 1))  # argon2id: 64 MiB each
MAX_QUEUED = 8
QUEUE_WAIT_S = 10.0


@dataclass
class _Counter:
    failures: int = 0
    next_try: float = 0.0
    last_failure: float = 0.0


def wait_after(failures: int, free: int) -> float:
    """Seconds to wait after the ``failures``-th consecutive failure."""
    if failures <= free:
        return 0.0
    return min(MAX_WAIT_S, FIRST_WAIT_S * 2.0 ** (failures - free - 1))


class SignInGuard:
    """Throttles and the hash cap for one server process."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        max_hashes: int = MAX_HASHES,
        max_queued: int = MAX_QUEUED,
    ) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._counters: OrderedDict[tuple[str, ...], _Counter] = OrderedDict()
        self._known: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._hashes = threading.BoundedSemaphore(max_hashes)
        self.max_hashes = max_hashes
        self.max_queued = max_queued
        self._waiting = 0
        self.hashing_now = 0
        self.peak_hashing = 0

    def _keys(self, account: str, address: str) -> list[tuple[tuple[str, ...], int]]:
        keys = [
            (("pair", account, address), FREE_PER_PAIR),
            (("address", address), FREE_PER_ADDRESS),
        ]
        if (account, address) not in self._known:
            keys.append((("account", account), FREE_PER_ACCOUNT))
        return keys

    def check(self, account: str, address: str) -> None:
        """Raise 429 if this address or account must still wait."""
        now = self.clock()
        with self._lock:
            wait = max(
                (
                    self._counters[key].next_try - now
                    for key, _ in self._keys(account, address)
                    if key in self._counters
                ),
                default=0.0,
            )
        if wait > 0:
            raise ServiceError(
                "too_many_attempts",
                "too many failed sign-ins; wait before trying again",
                429,
                retry_after=max(1, math.ceil(wait)),
            )

    def failed(self, account: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            for key, free in self._keys(account, address):
                counter = self._counters.pop(key, None)
                if counter is None or now - counter.last_failure > FORGET_AFTER_S:
                    counter = _Counter()
                counter.failures += 1
                counter.last_failure = now
                counter.next_try = now + wait_after(counter.failures, free)
                self._counters[key] = counter
            while len(self._counters) > MAX_ENTRIES:
                self._counters.popitem(last=False)

    def succeeded(self, account: str, address: str) -> None:
        with self._lock:
            self._counters.pop(("pair", account, address), None)
            self._counters.pop(("account", account), None)
            self._known[(account, address)] = None
            self._known.move_to_end((account, address))
            while len(self._known) > MAX_ENTRIES:
                self._known.popitem(last=False)

    @contextmanager
    def hashing(self) -> Iterator[None]:
        """Hold one of ``max_hashes`` places; queue a few callers, refuse the rest with 503."""
        with self._lock:
            if self._waiting >= self.max_queued:
                raise _busy()
            self._waiting += 1
        try:
            if not self._hashes.acquire(timeout=QUEUE_WAIT_S):
                raise _busy()
        finally:
            with self._lock:
                self._waiting -= 1
        try:
            with self._lock:
                self.hashing_now += 1
                self.peak_hashing = max(self.peak_hashing, self.hashing_now)
            yield
        finally:
            with self._lock:
                self.hashing_now -= 1
            self._hashes.release()


def _busy() -> ServiceError:
    return ServiceError("server_busy", "too many sign-ins at once; try again soon", 503, 2)
