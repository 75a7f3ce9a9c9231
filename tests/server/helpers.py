"""Shared helpers for the server tests: a settable clock, pairing, events and forged JWS."""

from __future__ import annotations

import json
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.core.passes import b64url_encode
from server_stub.service import AtriumService

ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "correct horse battery"
START = 1_800_000_000.0


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def admin_headers(service: AtriumService, tenant_id: str | None = None) -> dict[str, str]:
    return bearer(service.user_token(tenant_id or service.default_tenant()))


def pair(
    service: AtriumService,
    name: str = "Lobby 1",
    site: str | None = None,
    tenant_id: str | None = None,
) -> tuple[str, str]:
    """Pair a kiosk through the service; return (device_id, device_token)."""
    tenant_id = tenant_id or service.default_tenant()
    code = service.create_pairing_code(tenant_id, site, name)["code"]
    answer = service.redeem_pairing_code(code)
    return answer["device_id"], answer["device_token"]


def event(token: str, scanned_at: float, event_id: str | None = None) -> dict[str, Any]:
    return {
        "event_id": event_id or str(uuid.uuid4()),
        "pass": token,
        "scanned_at": scanned_at,
        "scanned_at_local": scanned_at,
        "verdict": "accepted",
    }


def forge_jws(header: dict[str, Any], payload: dict[str, Any], key: Ed25519PrivateKey) -> str:
    """A compact JWS with any header and payload, really signed by ``key``."""
    signing_input = ".".join(
        b64url_encode(json.dumps(part, separators=(",", ":")).encode())
        for part in (header, payload)
    )
    return f"{signing_input}.{b64url_encode(key.sign(signing_input.encode()))}"
