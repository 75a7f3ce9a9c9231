"""A bound on open connections and a deadline for each request head (slow-client defence).

uvicorn has neither: ``limit_concurrency`` answers 503 only once a request head is complete,
and ``timeout_keep_alive`` runs only between requests, so a client that sends half a header
holds its socket for ever. Here every accepted socket gets a ``Slot``; TLS is done by our own
``asyncio.sslproto.SSLProtocol`` so a socket is counted from ``accept()`` on, handshake
included. A slot that has not completed its request head within ``head_timeout_s`` (or its
body within ``body_timeout_s`` after the head) is closed.
At the limit a new socket takes the place of the oldest one that is not serving a request
(handshaking, sending a head, idle keep-alive); when every slot is serving, the new client gets
503, and past a small reserve above the limit it is dropped before TLS. See docs/reliability.md.
"""

from __future__ import annotations

import asyncio
import enum
import json
import logging
import resource
import ssl
import time
from asyncio.sslproto import SSLProtocol
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

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


async def _unavailable(scope: Any, receive: Any, send: Any) -> None:
    """503 in the API's error shape, connection closed after it."""
    body = json.dumps(
        {"detail": {"code": "server_busy", "message": "too many connections; try again soon"}}
    ).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", b"5"),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol reporting head progress to its slot."""

    def __init__(self, *args: Any, slot: Slot, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slot = slot
        self._seen_cycle: object = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if self.slot.refused:  # admitted past the limit: every request gets the 503
            self.app = _unavailable
        super().connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if self.slot.state is State.IDLE and not self.slot.body_pending:
            self._await_head()
        super().data_received(data)
        self._note_cycle()
        if self.slot.body_pending and self.conn.their_state is not h11.SEND_BODY:
            self.slot.body_pending = False  # the whole body is in
            if self.slot.state is State.BUSY:
                self.slot.disarm()
            elif self.slot.state is State.IDLE:  # answered before its body ended
                self._await_head()

    def _await_head(self) -> None:
        self.slot.guard.set_state(self.slot, State.HEAD)
        self.slot.arm(self.loop)

    def on_response_complete(self) -> None:
        if self.slot.state is State.BUSY:
            self.slot.guard.set_state(self.slot, State.IDLE)
        super().on_response_complete()
        self._note_cycle()

    def _note_cycle(self) -> None:
        """A new request cycle means a complete head: the request is being served."""
        if self.cycle is not None and self.cycle is not self._seen_cycle:
            self._seen_cycle = self.cycle
            if not self.cycle.response_complete:
                self.slot.disarm()
                self.slot.guard.set_state(self.slot, State.BUSY)
                self.slot.body_pending = self.conn.their_state is h11.SEND_BODY
                if self.slot.body_pending:
                    self.slot.arm(self.loop, self.slot.guard.body_timeout_s)


class GuardedTLS(SSLProtocol):
    """The TLS layer under the HTTP protocol; counts the socket from accept to close."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        app: GuardedH11Protocol,
        context: ssl.SSLContext,
        slot: Slot,
    ) -> None:
        super().__init__(
            loop,
            app,
            context,
            None,
            server_side=True,
            ssl_handshake_timeout=slot.guard.head_timeout_s,
        )
        self.slot = slot
        self._loop_ref = loop

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.slot.transport = transport
        if not self.slot.guard.admit(self.slot):
            transport.abort()
            return
        self.slot.arm(self._loop_ref)
        super().connection_made(transport)

    def _on_handshake_complete(self, handshake_exc: BaseException | None) -> None:
        if handshake_exc is None and self.slot.state is State.HANDSHAKE:
            self.slot.guard.set_state(self.slot, State.HEAD)
        super()._on_handshake_complete(handshake_exc)

    def connection_lost(self, exc: BaseException | None) -> None:
        self.slot.guard.release(self.slot)
        if self._transport is None:  # dropped before TLS started
            return
        super().connection_lost(exc)


def _quiet_accept_errors(guard: ConnectionGuard, loop: asyncio.AbstractEventLoop) -> None:
    """asyncio logs every out-of-files accept error with a traceback; count them instead."""
    previous = loop.get_exception_handler()

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if context.get("message") == "socket.accept() out of system resource":
            guard.count("accept_failed")
            return
        if previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    loop.set_exception_handler(handler)


def protocol_factory(
    context: ssl.SSLContext, guard: ConnectionGuard
) -> Callable[..., asyncio.Protocol]:
    """What uvicorn's ``http=`` takes: builds TLS + HTTP protocols for each accepted socket."""
    installed: set[int] = set()

    def create(*, config: Any, server_state: Any, app_state: Any, _loop: Any = None) -> SSLProtocol:
        loop = _loop or asyncio.get_running_loop()
        if id(loop) not in installed:
            installed.add(id(loop))
            _quiet_accept_errors(guard, loop)
        slot = Slot(guard)
        app = GuardedH11Protocol(
            config=config, server_state=server_state, app_state=app_state, _loop=loop, slot=slot
        )
        return GuardedTLS(loop, app, context, slot)

    return create


def install(config: uvicorn.Config, guard: ConnectionGuard | None = None) -> uvicorn.Server:
    """A uvicorn server over ``config`` whose sockets all pass through a ConnectionGuard."""
    config.load()  # builds the SSL context from the certificate files and ciphers
    context = config.ssl
    if context is None:
        raise ValueError("the connection guard serves HTTPS only; give a certificate")
    config.ssl = None  # TLS is done per socket by GuardedTLS instead of by asyncio's server
    guard = guard or ConnectionGuard()
    config.http_protocol_class = protocol_factory(context, guard)
    server = uvicorn.Server(config)
    server.connection_guard = guard  # type: ignore[attr-defined]
    return server
