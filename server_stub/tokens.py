"""Device and user tokens: EdDSA JWTs signed with the server's token key (PyJWT)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Literal

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from server_stub.keys import TOKEN_KID

ALGORITHM = "EdDSA"  # fixed: never read from the token
DEVICE_TOKEN_S = 365 * 24 * 3600
USER_TOKEN_S = 15 * 60
LEEWAY_S = 60
MAX_TOKEN_CHARS = 4096
_HEADER_FIELDS = frozenset({"alg", "typ", "kid"})
_COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
_REQUIRED = ["sub", "ten", "token_type", "iat", "exp"]

TokenType = Literal["device", "user"]


class TokenInvalid(Exception):
    """The token is missing, malformed, forged, expired or uses a header we do not honour."""


@dataclass(frozen=True)
class TokenClaims:
    subject: str
    tenant_id: str
    token_type: str
    site_id: str | None
    role: str | None
    expires_at: int


class TokenIssuer:
    """Issues and verifies tokens; the only place that touches the token key."""

    def __init__(self, private_key: Ed25519PrivateKey, public_key: Ed25519PublicKey) -> None:
        self._private = private_key
        self._public = public_key

    def _issue(self, claims: dict[str, object], now: float, lifetime: int) -> tuple[str, int]:
        exp = int(now) + lifetime
        payload = {**claims, "iat": int(now), "exp": exp, "jti": secrets.token_urlsafe(16)}
        token = jwt.encode(
            payload, self._private, algorithm=ALGORITHM, headers={"kid": TOKEN_KID, "typ": "JWT"}
        )
        return token, exp

    def issue_device(
        self, device_id: str, tenant_id: str, site_id: str, now: float
    ) -> tuple[str, int]:
        claims = {"sub": device_id, "ten": tenant_id, "sit": site_id, "token_type": "device"}
        return self._issue(claims, now, DEVICE_TOKEN_S)

    def issue_user(self, user_id: str, tenant_id: str, role: str, now: float) -> tuple[str, int]:
        claims = {"sub": user_id, "ten": tenant_id, "role": role, "token_type": "user"}
        return self._issue(claims, now, USER_TOKEN_S)

    def derive_secret(self, label: str) -> bytes:
        """A 32-byte key for one purpose (e.g. CSRF), derived from the token key: every worker
        of the server gets the same one, and rotating the token key changes it."""
        return hmac.new(self._private.private_bytes_raw(), label.encode(), hashlib.sha256).digest()

    def verify(self, token: str, now: float) -> TokenClaims:
        """Check header, signature (EdDSA only), required claims and expiry."""
        if not token or len(token) > MAX_TOKEN_CHARS:
            raise TokenInvalid("missing or oversized token")
        if not _COMPACT_JWS.fullmatch(token):
            raise TokenInvalid("not strict compact JWS (base64url without padding)")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenInvalid("malformed header") from exc
        if not set(header) <= _HEADER_FIELDS:
            raise TokenInvalid("header field not honoured")
        if header.get("alg") != ALGORITHM or header.get("kid") != TOKEN_KID:
            raise TokenInvalid("wrong algorithm or key id")
        if header.get("typ") != "JWT":
            raise TokenInvalid("not a token")
        try:
            claims = jwt.decode(
                token,
                self._public,
                algorithms=[ALGORITHM],
                options={
                    "require": _REQUIRED,
                    "verify_exp": False,  # checked below against the service clock
                    "verify_iat": False,
                    "verify_nbf": False,
                },
            )
        except jwt.PyJWTError as exc:
            raise TokenInvalid("signature or claims invalid") from exc
        if claims.get("iat", 0) > now + LEEWAY_S or claims.get("exp", 0) + LEEWAY_S <= now:
            raise TokenInvalid("token outside its lifetime")
        token_type = claims.get("token_type")
        if token_type not in ("device", "user"):
            raise TokenInvalid("unknown token type")
        if not isinstance(claims.get("sub"), str) or not isinstance(claims.get("ten"), str):
            raise TokenInvalid("bad subject")
        return TokenClaims(
            subject=claims["sub"],
            tenant_id=claims["ten"],
            token_type=token_type,
            site_id=claims.get("sit"),
            role=claims.get("role"),
            expires_at=int(claims["exp"]),
        )
