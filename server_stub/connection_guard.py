"""A bound on open connections and deadlines for request heads and bodies (slow clients).

uvicorn has neither: ``limit_concurrency`` answers 503 only once a request head is complete,
and ``timeout_keep_alive`` runs only between requests, so a client that sends half a header
holds its socket for ever. Here every accepted socket gets a ``Slot`` (the protocols that
report to it are in guarded_protocols.py; TLS runs inside them, so a socket is counted from
``accept()`` on, handshake included). A slot that has not completed its request head within
``head_timeout_s``, or its body within ``body_timeout_s`` after the head, is closed. At the
limit a new socket takes the place of the oldest one that is not serving a request
(handshaking, sending a head, idle keep-alive); when every slot is serving, the new client gets
503, and past a small reserve above the limit it is dropped before TLS. See docs/reliability.md.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import resource
import time
from collections import OrderedDict
from collections.abc import Callable

logger = logging.getLogger("atrium.connections")

HEAD_TIMEOUT_S = 5.0  # accept to complete request head, TLS handshake included
BODY_TIMEOUT_S = 60.0  # complete head to complete body (2 MB at 35 kB/s)
FD_RESERVE_FRACTION = 8  # keep 1/8 of the file limit (at least 64) for the database, logs...
MIN_FD_RESERVE = 64
REFUSE_RESERVE = 32  # sockets past the limit that still get a 503 instead of a drop
LOG_INTERVAL_S = 1.0


def connection_limit(reserve_fraction: int = FD_RESERVE_FRACTION) -> int:
    """How many client sockets to hold: the soft RLIMIT_NOFILE less a reserve."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        soft = 65536
    reserve = max(MIN_FD_RESERVE, soft // reserve_fraction) + REFUSE_RESERVE
    return max(16, soft - reserve)


class State(enum.Enum):
    HANDSHAKE = "handshake"
    HEAD = "head"  # bytes of a request head have arrived, not all of it
    BUSY = "busy"  # a request is being served
    IDLE = "idle"  # keep-alive between requests (uvicorn's own timeout applies)


class Slot:
    """One accepted socket: its state, its raw transport and its head deadline."""

    def __init__(self, guard: ConnectionGuard) -> None:
        self.guard = guard
        self.state = State.HANDSHAKE
        self.refused = False
        self.transport: asyncio.BaseTransport | None = None
        self.deadline: asyncio.TimerHandle | None = None
        self.body_pending = False  # a request is being served whose body has not all arrived

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.abort()

    def arm(self, loop: asyncio.AbstractEventLoop, seconds: float | None = None) -> None:
        self.disarm()
        delay = self.guard.head_timeout_s if seconds is None else seconds
        self.deadline = loop.call_later(delay, self._expire)

    def disarm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def _expire(self) -> None:
        self.deadline = None
        if self.state in (State.HANDSHAKE, State.HEAD):
            self.guard.count("timed_out")
            self.close()
        elif self.state is State.BUSY and self.body_pending:
            self.guard.count("body_timed_out")
            self.close()


class RateLimitedLog:
    """Counts events and logs a one-line summary at most once per interval."""

    def __init__(
        self, interval_s: float = LOG_INTERVAL_S, clock: Callable[[], float] = time.monotonic
    ):
        self.interval_s = interval_s
        self.clock = clock
        self.counts: dict[str, int] = {}
        self._last = -interval_s
        self.lines = 0

    def count(self, event: str, open_now: int) -> None:
        self.counts[event] = self.counts.get(event, 0) + 1
        now = self.clock()
        if now - self._last >= self.interval_s:
            summary = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
            logger.warning("connection guard: %d open; since the last line: %s", open_now, summary)
            self.counts.clear()
            self._last = now
            self.lines += 1


class ConnectionGuard:
    """Admission and eviction over all sockets of one server (one event loop)."""

    def __init__(
        self,
        max_connections: int | None = None,
        *,
        head_timeout_s: float = HEAD_TIMEOUT_S,
        body_timeout_s: float = BODY_TIMEOUT_S,
        refuse_reserve: int = REFUSE_RESERVE,
        log: RateLimitedLog | None = None,
    ) -> None:
        self.max_connections = max_connections or connection_limit()
        self.head_timeout_s = head_timeout_s
        self.body_timeout_s = body_timeout_s
        self.refuse_reserve = refuse_reserve
        self.log = log or RateLimitedLog()
        self.open: set[Slot] = set()
        self._evictable: OrderedDict[Slot, None] = OrderedDict()
        self.totals: dict[str, int] = {}

    def count(self, event: str) -> None:
        self.totals[event] = self.totals.get(event, 0) + 1
        self.log.count(event, len(self.open))

    def admit(self, slot: Slot) -> bool:
        """Take a new socket; False means drop it now (no room even for a 503)."""
        if len(self.open) >= self.max_connections and self._evictable:
            victim, _ = self._evictable.popitem(last=False)
            self.release(victim)
            victim.close()
            self.count("evicted")
        if len(self.open) >= self.max_connections:
            if len(self.open) >= self.max_connections + self.refuse_reserve:
                self.count("dropped")
                return False
            slot.refused = True
            self.count("answered_503")
        self.open.add(slot)
        self.set_state(slot, State.HANDSHAKE)
        return True

    def set_state(self, slot: Slot, state: State) -> None:
        slot.state = state
        if slot not in self.open:
            return
        if state is State.BUSY or slot.refused:
            self._evictable.pop(slot, None)
        else:
            self._evictable[slot] = None
            self._evictable.move_to_end(slot)

    def release(self, slot: Slot) -> None:
        slot.disarm()
        self.open.discard(slot)
        self._evictable.pop(slot, None)
