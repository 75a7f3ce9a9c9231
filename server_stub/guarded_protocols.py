"""The asyncio protocols behind the connection guard: TLS per socket, uvicorn's h11 above it.

``GuardedConfig`` is the hook: serve.py builds its uvicorn config with it. On load it takes
the SSL context uvicorn built, serves without asyncio's own TLS, and gives every accepted
socket a ``GuardedTLS`` (an ``asyncio.sslproto.SSLProtocol`` that reports to its slot from
accept to close) carrying a ``GuardedH11Protocol`` (uvicorn's h11 protocol that reports when a
request head and body are complete). The rules themselves are in connection_guard.py.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from asyncio.sslproto import SSLProtocol
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from server_stub.connection_guard import ConnectionGuard, Slot, State


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


class _ProtocolFactory:
    """What uvicorn calls for each accepted socket: TLS over the guarded HTTP protocol."""

    def __init__(self, context: ssl.SSLContext, guard: ConnectionGuard) -> None:
        self.context = context
        self.guard = guard
        self._loops: set[int] = set()

    def __call__(
        self, *, config: Any, server_state: Any, app_state: Any, _loop: Any = None
    ) -> SSLProtocol:
        loop = _loop or asyncio.get_running_loop()
        if id(loop) not in self._loops:
            self._loops.add(id(loop))
            _quiet_accept_errors(self.guard, loop)
        slot = Slot(self.guard)
        app = GuardedH11Protocol(
            config=config, server_state=server_state, app_state=app_state, _loop=loop, slot=slot
        )
        return GuardedTLS(loop, app, self.context, slot)


class GuardedConfig(uvicorn.Config):
    """A uvicorn Config whose sockets all pass through a ConnectionGuard (HTTPS only).

    The swap happens in ``load()``, which uvicorn runs in the serving process, so the config
    stays picklable for uvicorn's worker processes and each worker gets a guard of its own.
    """

    def __init__(self, *args: Any, connection_guard: ConnectionGuard | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.connection_guard = connection_guard

    def load(self) -> None:
        super().load()  # builds the SSL context from the certificate files and ciphers
        context = self.ssl
        if context is None:
            raise ValueError("the connection guard serves HTTPS only; give a certificate")
        self.tls_context = context
        self.ssl = None  # TLS is done per socket by GuardedTLS, not by asyncio's server
        if self.connection_guard is None:
            self.connection_guard = ConnectionGuard()  # reads this process's file limit
        self.http_protocol_class = _ProtocolFactory(context, self.connection_guard)


class GuardedServer(uvicorn.Server):
    """uvicorn's Server over a GuardedConfig; its start-up line names https, as it should."""

    def _log_started_message(self, listeners: Any) -> None:
        config = self.config
        config.ssl = getattr(config, "tls_context", None)  # read only for the scheme in the line
        try:
            super()._log_started_message(listeners)
        finally:
            config.ssl = None
