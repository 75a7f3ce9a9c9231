"""The SMTP connection: smtp:// with STARTTLS, smtps:// with implicit TLS, verified certificates.

Plain SMTP (no TLS) is allowed only to a mail server on this machine. The password is never
part of a message, a repr or a log line: errors name the server as ``host:port`` only.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import smtplib
import socket
import ssl
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit

from server_stub.settings import SettingsError

DEFAULT_PORTS = {"smtp": 587, "smtps": 465}
DEFAULT_TIMEOUT_S = 30.0
LOCAL_NAMES = ("localhost",)


class DeliveryError(Exception):
    """One failed attempt. ``kind``: ``retry`` (try later), ``hold`` (settings are wrong: wait
    for new settings or a retry by hand) or ``fail`` (the server refused this message)."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind, self.reason = kind, reason


def is_local(host: str) -> bool:
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclasses.dataclass(frozen=True)
class SmtpConfig:
    """Where and how to send; ``password`` is kept out of ``repr``."""

    scheme: str
    host: str
    port: int
    username: str | None = None
    password: str | None = dataclasses.field(default=None, repr=False)
    ca_file: Path | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    @classmethod
    def from_url(
        cls, url: str, ca_file: Path | None = None, timeout_s: float = DEFAULT_TIMEOUT_S
    ) -> SmtpConfig:
        """Parse ``smtp[s]://[user[:password]@]host[:port]``; errors never echo the password."""
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            raise SettingsError("the SMTP URL is not a URL (smtp://user:pass@host:587)") from None
        if parts.scheme not in DEFAULT_PORTS:
            raise SettingsError(
                f"the SMTP URL must start with smtp:// (STARTTLS) or smtps:// (TLS), "
                f"not {parts.scheme or 'nothing'}://"
            )
        if not parts.hostname:
            raise SettingsError("the SMTP URL names no mail server (smtp://user:pass@host:587)")
        if ca_file is not None and not Path(ca_file).is_file():
            raise SettingsError(f"the SMTP CA file does not exist: {ca_file}")
        return cls(
            scheme=parts.scheme,
            host=parts.hostname,
            port=port or DEFAULT_PORTS[parts.scheme],
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            ca_file=Path(ca_file) if ca_file else None,
            timeout_s=timeout_s,
        )

    def tls_context(self) -> ssl.SSLContext:
        """Certificate and host name verified, against the CA file or the system's CAs."""
        return ssl.create_default_context(cafile=str(self.ca_file) if self.ca_file else None)


class SmtpConnection:
    """One session with the mail server, for a batch of messages."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpConnection:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        config = self.config
        try:
            if config.scheme == "smtps":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    config.host, config.port, timeout=config.timeout_s, context=config.tls_context()
                )
            else:
                smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout_s)
            self._smtp = smtp
            # commands and replies alternate: without this, Nagle's algorithm meets the mail
            # server's delayed ACKs and every command waits tens of milliseconds
            smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            smtp.ehlo()
            if config.scheme == "smtp":
                if smtp.has_extn("starttls"):
                    smtp.starttls(context=config.tls_context())
                    smtp.ehlo()
                elif not is_local(config.host):
                    raise DeliveryError(
                        "hold", f"the mail server {config.where} offers no STARTTLS; "
                        "plain SMTP is only allowed to this machine"
                    )
            if config.username:
                smtp.login(config.username, config.password or "")
        except BaseException as exc:
            self.close()
            raise _classify(exc, config) from None

    def send(self, message: EmailMessage, recipient: str) -> None:
        assert self._smtp is not None
        try:
            refused = self._smtp.send_message(message, to_addrs=[recipient])
        except BaseException as exc:
            raise _classify(exc, self.config) from None
        if refused:
            raise DeliveryError("fail", f"the mail server refused the recipient: {refused}")

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else ""
    return f"{exc.smtp_code} {' '.join(text.split())[:200]}".strip()


def _classify(exc: BaseException, config: SmtpConfig) -> BaseException:
    """An exception as a DeliveryError with a one-line reason (KeyboardInterrupt and the like
    pass through)."""
    where = config.where
    if isinstance(exc, DeliveryError) or not isinstance(exc, Exception):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        return DeliveryError(
            "hold", f"the certificate of the mail server {where} does not verify: "
            f"{exc.verify_message or exc.reason}"
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return DeliveryError(
            "hold", f"the mail server {where} refused the user name or password ({_reply(exc)})"
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError | smtplib.SMTPHeloError):
        return DeliveryError("hold", f"the mail server {where} cannot be used: {exc}"[:300])
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        kind = "retry" if codes and all(400 <= code < 500 for code in codes) else "fail"
        return DeliveryError(kind, f"the mail server {where} refused the recipient: {codes}")
    if isinstance(exc, smtplib.SMTPResponseException):
        kind = "retry" if 400 <= exc.smtp_code < 500 else "fail"
        return DeliveryError(kind, f"the mail server {where} answered {_reply(exc)}")
    if isinstance(exc, ssl.SSLError):
        return DeliveryError("hold", f"TLS with the mail server {where} failed: {exc.reason}")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return DeliveryError("retry", f"the mail server {where} closed the connection")
    if isinstance(exc, socket.timeout | TimeoutError):
        return DeliveryError("retry", f"the mail server {where} did not answer in time")
    if isinstance(exc, OSError):
        detail = exc.strerror or type(exc).__name__
        return DeliveryError("retry", f"cannot reach the mail server {where}: {detail}")
    return DeliveryError("retry", f"sending through {where} failed: {type(exc).__name__}")
