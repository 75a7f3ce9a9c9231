"""The optional TOTP second factor (pyotp): enrol, confirm, check; one-time recovery codes.

A time step's code is accepted once (the last accepted step is stored), with one step of
clock drift either way. Wrong codes count as failed sign-ins in the same throttle as wrong
passwords (``SignInGuard``), so a known password does not buy unlimited code guesses.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

import pyotp

from server_stub import audit
from server_stub.errors import ServiceError
from server_stub.store.credentials import Credentials

if TYPE_CHECKING:
    from server_stub.service import AtriumService

ISSUER = "Atrium"
STEP_S = 30
RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


def _digest(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def enabled(service: AtriumService, tenant_id: str, user_id: str) -> bool:
    with service.store.read(tenant_id) as conn:
        row = Credentials(conn, tenant_id).totp(user_id)
    return row is not None and row.totp_enabled_at is not None


def start_enrolment(service: AtriumService, tenant_id: str, user_id: str, email: str) -> str:
    """A fresh secret (kept pending until confirmed); returns its otpauth:// URI."""
    secret = pyotp.random_base32()
    with service.store.begin(tenant_id) as conn:
        Credentials(conn, tenant_id).set_pending(user_id, secret)
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def pending_uri(service: AtriumService, tenant_id: str, user_id: str, email: str) -> str | None:
    with service.store.read(tenant_id) as conn:
        row = Credentials(conn, tenant_id).totp(user_id)
    if row is None or not row.totp_pending:
        return None
    return pyotp.TOTP(row.totp_pending).provisioning_uri(name=email, issuer_name=ISSUER)


def _matching_step(secret: str, code: str, now: float) -> int | None:
    code = code.strip().replace(" ", "")
    if not (len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    step = int(now // STEP_S)
    for candidate in (step, step - 1, step + 1):
        if secrets.compare_digest(totp.at(candidate * STEP_S), code):
            return candidate
    return None


def confirm_enrolment(service: AtriumService, tenant_id: str, user_id: str, code: str) -> list[str]:
    """Turn the pending secret on if ``code`` matches it; returns the recovery codes (once)."""
    now = service.clock()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    with service.store.begin(tenant_id) as conn:
        store = Credentials(conn, tenant_id)
        row = store.totp(user_id)
        step = _matching_step(row.totp_pending, code, now) if row and row.totp_pending else None
        if step is not None:
            store.enable(user_id, now, step)
            store.replace_recovery_codes(user_id, [_digest(c) for c in codes])
            audit.record(conn, tenant_id, now, user_id, "user.totp_enabled", user_id)
    if step is None:
        raise ServiceError("invalid_totp", "that code does not match; try the current one", 422)
    return codes


def check(service: AtriumService, tenant_id: str, user_id: str, code: str) -> bool:
    """True for a current, unused code or an unused recovery code (which is then spent)."""
    now = service.clock()
    with service.store.begin(tenant_id) as conn:
        store = Credentials(conn, tenant_id)
        row = store.totp(user_id)
        if row is None or not row.totp_secret:
            return False
        step = _matching_step(row.totp_secret, code, now)
        if step is not None:
            return store.accept_step(user_id, step)
        if len(code) <= 20:
            return store.use_recovery_code(user_id, _digest(code), now)
    return False


def reset(service: AtriumService, tenant_id: str, user_id: str, actor: str = "-") -> None:
    """Turn the second factor off (an admin's reset for a lost phone)."""
    with service.store.begin(tenant_id) as conn:
        Credentials(conn, tenant_id).disable(user_id)
        audit.record(conn, tenant_id, service.clock(), actor, "user.totp_reset", user_id)
