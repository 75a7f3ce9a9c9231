"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, STARTTLS with a certificate from
the Atrium server's own CA, AUTH required, every accepted message kept for the assertions."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import ssl
import threading
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from server_stub.tls import CA_CERT, SERVER_CERT, SERVER_KEY, create_tls_material

USER = "atrium"
PASSWORD = "s3cret-Mail-Pass"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_tls(tls_dir: Path) -> Path:
    """A CA and a certificate for localhost from it, the way ``atrium-server init`` makes them."""
    create_tls_material(tls_dir, [], "Acme Corp")
    return tls_dir


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.sink.lock:  # parsed when a test reads it, not while the sender waits
            self.sink.received.append((list(envelope.rcpt_tos), envelope.content))
            self.sink.arrived.set()
        delay = self.sink.answer_delay_s
        if delay:
            await asyncio.sleep(delay)
        return "250 OK queued"


class SmtpSink:
    """``start()``/``stop()`` at will (same port): a mail server that goes down and comes back."""

    def __init__(self, tls_dir: Path, *, starttls: bool = True, auth: bool = True) -> None:
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(tls_dir / SERVER_CERT, tls_dir / SERVER_KEY)
        self.ca_file = tls_dir / CA_CERT
        self.starttls, self.auth = starttls, auth
        self.port = free_port()
        self.received: list[tuple[list[str], bytes]] = []
        self.auth_attempts: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self.arrived = threading.Event()
        self.answer_delay_s = 0.0
        self._controller: Controller | None = None

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str,
                      auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.auth_attempts.append((login, password))
        return AuthResult(success=(login, password) == (USER, PASSWORD), handled=False)

    def start(self) -> SmtpSink:
        kwargs: dict[str, Any] = {}
        if self.starttls:
            kwargs.update(tls_context=self.context, require_starttls=True)
        if self.auth:
            kwargs.update(authenticator=self._authenticate, auth_required=True,
                          auth_require_tls=True)
        self._controller = Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port, ready_timeout=10, **kwargs
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def url(self, user: str = USER, password: str = PASSWORD) -> str:
        return f"smtp://{user}:{password}@127.0.0.1:{self.port}"

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return [_parse(raw) for _, raw in self.received]

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [_parse(raw) for rcpt, raw in self.received if address in rcpt]

    def count(self) -> int:
        with self.lock:
            return len(self.received)


def _parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]
