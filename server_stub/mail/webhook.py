"""The per-site webhook: an HTTPS POST of a small JSON document that a Slack or Teams incoming
webhook accepts (``{"text": ...}``), signed with HMAC-SHA256 so the receiver can verify it.

Headers: ``X-Atrium-Timestamp`` (Unix seconds) and ``X-Atrium-Signature: sha256=<hex>``, the
HMAC of ``<timestamp>.<body>`` under the site's webhook secret.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import ssl
from pathlib import Path

import httpx

from server_stub.mail.smtp import DeliveryError

SIGNATURE_HEADER = "X-Atrium-Signature"
TIMESTAMP_HEADER = "X-Atrium-Timestamp"


def body(text: str, event: dict[str, object]) -> bytes:
    """``text`` for Slack/Teams, ``atrium`` with the facts for receivers that want them."""
    return json.dumps({"text": text, "atrium": event}, separators=(",", ":")).encode()


def signature(secret: str, timestamp: str, payload: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + payload, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(secret: str, timestamp: str, payload: bytes, header: str) -> bool:
    """What a receiver does (and the tests): a constant-time comparison."""
    return hmac.compare_digest(signature(secret, timestamp, payload), header)


def post(
    url: str, secret: str, payload: bytes, now: float, ca_file: Path | None, timeout_s: float
) -> None:
    """POST the document; 2xx is delivered, 429/5xx/network errors retry, other 4xx fail."""
    timestamp = str(int(now))
    context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret, timestamp, payload),
    }
    host = httpx.URL(url).host
    try:
        answer = httpx.post(url, content=payload, headers=headers, verify=context,
                            timeout=timeout_s, follow_redirects=False)
    except httpx.ConnectError as exc:
        if _caused_by_certificate(exc):
            raise DeliveryError(
                "hold", f"the certificate of the webhook {host} does not verify"
            ) from None
        raise DeliveryError("retry", f"cannot reach the webhook {host}") from None
    except httpx.HTTPError as exc:
        raise DeliveryError("retry", f"the webhook {host} failed: {type(exc).__name__}") from None
    if answer.is_success:
        return
    kind = "retry" if answer.status_code == 429 or answer.status_code >= 500 else "fail"
    raise DeliveryError(kind, f"the webhook {host} answered {answer.status_code}")


def _caused_by_certificate(exc: BaseException) -> bool:
    """Is a certificate that does not verify somewhere in the chain of causes?"""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(
            seen
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
