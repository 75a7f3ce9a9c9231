"""AtriumClient: the kiosk's HTTPS calls to the Atrium server, with typed errors."""

from __future__ import annotations

import json
import math
import ssl
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx

from kiosk_app.core.config import shown

API = "/api/v1"
DEFAULT_TIMEOUT_S = 15.0
DEFAULT_RETRY_AFTER_S = 60.0
MAX_ANSWER_BYTES = 32 * 2**20  # a pull for a busy site is a few MB
MAX_RETRY_AFTER_S = 3600.0  # a longer (or infinite) Retry-After is taken as an hour


class ErrorKind(StrEnum):
    """What went wrong with a server call, as a stable machine word."""

    CLIENT_ERROR = "client_error"
    UNREACHABLE = "unreachable"
    UNTRUSTED_CERTIFICATE = "untrusted_certificate"
    UNAUTHORIZED = "unauthorized"
    DEVICE_REVOKED = "device_revoked"
    THROTTLED = "throttled"
    REJECTED = "rejected"
    SERVER_ERROR = "server_error"


class ClientError(Exception):
    """A server call failed; ``kind`` is a stable machine word, the message is for people."""

    kind: ErrorKind = ErrorKind.CLIENT_ERROR

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


class Unreachable(ClientError):
    kind: ErrorKind = ErrorKind.UNREACHABLE


class UntrustedCertificate(ClientError):
    kind: ErrorKind = ErrorKind.UNTRUSTED_CERTIFICATE


class Unauthorized(ClientError):
    kind: ErrorKind = ErrorKind.UNAUTHORIZED


class DeviceRevoked(Unauthorized):
    kind: ErrorKind = ErrorKind.DEVICE_REVOKED


class Throttled(ClientError):
    kind: ErrorKind = ErrorKind.THROTTLED

    def __init__(self, message: str, *, retry_after: float, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class RequestRejected(ClientError):
    """The server refused the request itself (4xx other than 401/429)."""

    kind: ErrorKind = ErrorKind.REJECTED


class ServerError(ClientError):
    kind: ErrorKind = ErrorKind.SERVER_ERROR


@dataclass(frozen=True)
class Reply:
    """A JSON answer with the local times the request left and the answer arrived."""

    data: dict[str, Any]
    sent_at: float
    received_at: float


def make_verify(ca_cert: str | Path | None) -> ssl.SSLContext | bool:
    """An SSL context trusting the given CA file, else httpx's default trust store."""
    if ca_cert is None:
        return True
    path = Path(ca_cert)
    try:
        return ssl.create_default_context(cafile=str(path))
    except (OSError, ssl.SSLError) as exc:
        raise UntrustedCertificate(
            f"Cannot use the CA certificate {path}: {getattr(exc, 'strerror', None) or exc}."
        ) from None


def _is_cert_failure(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def _retry_after(response: httpx.Response, detail: dict[str, Any]) -> float:
    """Seconds to wait from the detail or the header, within 0..MAX_RETRY_AFTER_S (else 60)."""
    for value in (detail.get("retry_after"), response.headers.get("Retry-After")):
        if value is None or isinstance(value, bool):
            continue
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(seconds):
            return min(max(0.0, seconds), MAX_RETRY_AFTER_S)
    return DEFAULT_RETRY_AFTER_S


class AtriumClient:
    """One HTTPS connection pool to the server; ``token`` is the device token, if paired."""

    def __init__(
        self,
        server_url: str,
        *,
        ca_cert: str | Path | None = None,
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT_S,
        transport: httpx.BaseTransport | None = None,
    ):
        if not server_url.startswith("https://"):
            raise ClientError(
                f"The server address must start with https:// (got {shown(server_url)})."
            )
        self.server_url = server_url.rstrip("/")
        headers = {"User-Agent": "atrium-kiosk"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=self.server_url + API,
            verify=make_verify(ca_cert),
            timeout=timeout,
            headers=headers,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> AtriumClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, path: str, **kwargs: Any) -> Reply:
        sent_at = time.time()
        try:
            with self._http.stream(method, path, **kwargs) as response:
                content = self._read_capped(response)
        except httpx.TimeoutException:
            raise Unreachable(f"The server at {self.server_url} did not answer in time.") from None
        except httpx.TransportError as exc:
            if _is_cert_failure(exc):
                raise UntrustedCertificate(
                    f"The certificate of {self.server_url} is not trusted; "
                    "give the server's CA file with --ca-cert."
                ) from None
            raise Unreachable(f"The server at {self.server_url} cannot be reached.") from None
        received_at = time.time()
        try:
            data = json.loads(content) if content else {}
        except (ValueError, RecursionError):  # RecursionError: a nesting bomb
            data = None
        if response.is_success and isinstance(data, dict):
            return Reply(data, sent_at, received_at)
        self._raise_for(response, data)
        raise ServerError(
            f"The server sent an answer the kiosk cannot read (HTTP {response.status_code}).",
            status=response.status_code,
        )

    def _read_capped(self, response: httpx.Response) -> bytes:
        """The answer body, refusing to hold more than MAX_ANSWER_BYTES in memory."""
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise ServerError(
                    f"The server's answer is larger than {MAX_ANSWER_BYTES // 2**20} MB; "
                    "the kiosk did not read it.",
                    status=response.status_code,
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _raise_for(self, response: httpx.Response, data: object) -> None:
        status = response.status_code
        detail = data.get("detail") if isinstance(data, dict) else None
        detail = detail if isinstance(detail, dict) else {}
        code = str(detail.get("code") or "") or None
        message = str(detail.get("message") or f"HTTP {status}")
        if status == 401:
            cls = DeviceRevoked if code == "device_revoked" else Unauthorized
            raise cls(message, status=status, code=code)
        if status == 429:
            raise Throttled(
                message, retry_after=_retry_after(response, detail), status=status, code=code
            )
        if 400 <= status < 500:
            raise RequestRejected(message, status=status, code=code)
        if status >= 500:
            raise ServerError(
                f"The server had a problem (HTTP {status}).", status=status, code=code
            )

    # -- API calls ---------------------------------------------------------------------------

    def health(self) -> Reply:
        return self.request("GET", "/health")

    def redeem(self, code: str, kiosk_name: str | None = None) -> Reply:
        body: dict[str, Any] = {"code": code}
        if kiosk_name:
            body["kiosk_name"] = kiosk_name
        return self.request("POST", "/pairing/redeem", json=body)

    def pull(self, since: int) -> Reply:
        return self.request("GET", "/device/pull", params={"since": since})

    def push(self, events: list[dict[str, Any]]) -> Reply:
        return self.request("POST", "/device/checkins", json={"events": events})

    def upload_signature(self, record: dict[str, Any]) -> Reply:
        """One signed record (docs/visit-flows.md); records are too large to batch."""
        return self.request("POST", "/device/signatures", json=record)
