"""Console security: response headers, cookie settings and the signed double-submit CSRF token."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PREFIX = "/console"
CSRF_COOKIE = "atrium_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"no-store"),
]


def cookie_options(max_age: int | None) -> dict[str, object]:
    """Every console cookie: HttpOnly, Secure, SameSite=Strict, only sent under /console."""
    return {
        "max_age": max_age,
        "path": PREFIX,
        "secure": True,
        "httponly": True,
        "samesite": "strict",
    }


class SecurityHeaders:
    """Adds the console's security headers to every response under /console (and to /)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path == "/" or path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


class CsrfTokens:
    """Signed double-submit: the cookie holds a random nonce, forms carry HMAC(key, nonce)."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    @staticmethod
    def new_nonce() -> str:
        return secrets.token_urlsafe(24)

    def token_for(self, nonce: str) -> str:
        return hmac.new(self._key, nonce.encode(), hashlib.sha256).hexdigest()

    def valid(self, nonce: str | None, token: str | None) -> bool:
        if not nonce or not token or len(nonce) > 64 or len(token) > 128:
            return False
        return hmac.compare_digest(self.token_for(nonce), token)
