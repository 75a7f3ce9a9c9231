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
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from server_stub.errors import ServiceError
from server_stub.store.sessions import RefreshTokens

if TYPE_CHECKING:
    from server_stub.service import AtriumService
    from server_stub.tokens import TokenClaims

REFRESH_TOKEN_S = 7 * 24 * 3600
REUSE_GRACE_S = 10
MAX_REFRESH_CHARS = 200


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


def start(service: AtriumService, email: str, password: str, client: str | None) -> Session:
    """Sign in (the service's one login rule) and open a new refresh-token family."""
    access, access_exp = service.login(email, password, client)
    claims = service.authenticate(access)
    now = service.clock()
    with service.store.begin(claims.tenant_id) as conn:
        tokens = RefreshTokens(conn, claims.tenant_id)
        tokens.forget_expired(now)
        refresh, refresh_exp = _new_refresh(tokens, secrets.token_urlsafe(16), claims.subject, now)
    return Session(access, access_exp, refresh, refresh_exp, claims)


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
