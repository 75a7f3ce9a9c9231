"""Console sessions: a 15-minute user token plus a 7-day opaque refresh token, rotated on use.

A refresh token is ``<tenant id>.<random>``; the server keeps only its SHA-256 digest. Each
sign-in starts a *family*; every refresh marks the presented token used and issues its
successor in the same family. A used token presented again means it was copied: the whole
family is revoked (both the thief and the user must sign in again). The one exception is a
token presented again within ``REUSE_GRACE_S`` of its rotation, which is what two requests
of one page racing look like: that request is refused without revoking anything.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from server_stub.errors import ServiceError
from server_stub.store.reception import ReceptionViews
from server_stub.store.sessions import RefreshTokens
from server_stub.store.tenancy import Users, login_tenant

if TYPE_CHECKING:
    from server_stub.service import AtriumService
    from server_stub.tokens import TokenClaims

REFRESH_TOKEN_S = 7 * 24 * 3600
REUSE_GRACE_S = 10
TICKET_S = 300
TICKET_KEY_LABEL = "atrium-console-second-factor-v1"
MAX_REFRESH_CHARS = 200


@dataclass(frozen=True)
class SecondFactorNeeded:
    """The password was right; the account also needs its one-time code (5 minutes)."""

    ticket: str


@dataclass(frozen=True)
class Session:
    access_token: str
    access_expires_at: int
    refresh_token: str
    refresh_expires_at: float
    claims: TokenClaims


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _refused() -> ServiceError:
    return ServiceError("session_ended", "the session has ended; sign in again", 401)


def _new_refresh(
    tokens: RefreshTokens, family_id: str, user_id: str, now: float
) -> tuple[str, float]:
    raw = f"{tokens.tenant_id}.{secrets.token_urlsafe(32)}"
    expires_at = now + REFRESH_TOKEN_S
    tokens.add(_digest(raw), family_id, user_id, now, expires_at)
    return raw, expires_at


def _ticket_mac(service: AtriumService, body: str) -> str:
    key = service.tokens.derive_secret(TICKET_KEY_LABEL)
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def _ticket(service: AtriumService, email: str) -> str:
    """Proof that the password was right, for the second step: tenant, user, expiry, MAC."""
    account = email.strip().lower()
    with service.store.read() as conn:
        tenant_id = login_tenant(conn, account)
    if tenant_id is None:
        raise _refused()
    with service.store.read(tenant_id) as conn:
        row = Users(conn, tenant_id).by_email(account)
    if row is None:
        raise _refused()
    body = f"{tenant_id}.{row.user_id}.{int(service.clock()) + TICKET_S}"
    return f"{body}.{_ticket_mac(service, body)}"


def start(
    service: AtriumService, email: str, password: str, client: str | None
) -> Session | SecondFactorNeeded:
    """Sign in (the service's one login rule) and open a new refresh-token family; an
    account with a second factor gets a ticket for the code step instead."""
    try:
        access, _ = service.login(email, password, client)
    except ServiceError as exc:
        if exc.code != "totp_required":
            raise
        return SecondFactorNeeded(_ticket(service, email))
    return _open(service, access)


def finish(service: AtriumService, ticket: str, code: str, client: str | None) -> Session:
    """The code step: a valid ticket and a current code (or a recovery code) sign in."""
    body, _, mac = ticket.rpartition(".")
    parts = body.split(".")
    valid = len(ticket) <= MAX_REFRESH_CHARS and len(parts) == 3 and parts[2].isdigit()
    if not valid or not hmac.compare_digest(_ticket_mac(service, body), mac):
        raise _refused()
    tenant_id, user_id, expires = parts
    if int(expires) <= service.clock():
        raise _refused()
    with service.store.read(tenant_id) as conn:
        email = ReceptionViews(conn, tenant_id).user_email(user_id)
    if email is None:
        raise _refused()
    access, _ = service.second_factor_login(tenant_id, user_id, email, code, client)
    return _open(service, access)


def _open(service: AtriumService, access: str) -> Session:
    claims = service.authenticate(access)
    now = service.clock()
    with service.store.begin(claims.tenant_id) as conn:
        tokens = RefreshTokens(conn, claims.tenant_id)
        tokens.forget_expired(now)
        refresh, refresh_exp = _new_refresh(tokens, secrets.token_urlsafe(16), claims.subject, now)
    return Session(access, claims.expires_at, refresh, refresh_exp, claims)


def refresh(service: AtriumService, raw: str) -> Session:
    """Trade a refresh token for a new access token and its successor (see module docstring)."""
    tenant_id, _, secret = raw.partition(".")
    if not secret or len(raw) > MAX_REFRESH_CHARS or not tenant_id.isalnum():
        raise _refused()
    now, digest = service.clock(), _digest(raw)
    role: str | None = None
    with service.store.begin(tenant_id) as conn:
        tokens = RefreshTokens(conn, tenant_id)
        row = tokens.get(digest)
        if row is None or row.revoked_at is not None or row.expires_at <= now:
            pass
        elif not tokens.rotate(digest, now):
            raced = row.rotated_at is not None and now - row.rotated_at <= REUSE_GRACE_S
            if not raced:
                tokens.revoke_family(row.family_id, now)  # a copied token: end the family
        else:
            role = tokens.user_role(row.user_id)
            if role is None:
                tokens.revoke_family(row.family_id, now)  # the user is gone
            else:
                successor, successor_exp = _new_refresh(tokens, row.family_id, row.user_id, now)
    if row is None or role is None:  # decided inside, raised outside: revocations commit
        raise _refused()
    access, access_exp = service.tokens.issue_user(row.user_id, tenant_id, role, now)
    claims = service.authenticate(access)
    return Session(access, access_exp, successor, successor_exp, claims)


def end(service: AtriumService, raw: str | None) -> None:
    """Sign out: revoke the family of this refresh token (nothing to do for an unknown one)."""
    if not raw or len(raw) > MAX_REFRESH_CHARS:
        return
    tenant_id = raw.partition(".")[0]
    if not tenant_id.isalnum():
        return
    with service.store.begin(tenant_id) as conn:
        tokens = RefreshTokens(conn, tenant_id)
        row = tokens.get(_digest(raw))
        if row is not None:
            tokens.revoke_family(row.family_id, service.clock())
