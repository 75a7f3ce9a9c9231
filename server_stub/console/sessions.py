"""Browser sessions: the access token and refresh token in cookies, checked on every request."""

from __future__ import annotations

from server_stub import reception
from server_stub.console.web import Account, Page
from server_stub.errors import ServiceError
from server_stub.tokens import USER_TOKEN_S

ACCESS_COOKIE = "atrium_access"


def _account(page: Page, token: str) -> Account | None:
    try:
        claims = page.service.authenticate(token)
    except ServiceError:
        return None
    if claims.token_type != "user":  # noqa: S105 (a claim value)
        return None
    email = reception.user_email(page.service, claims.tenant_id, claims.subject)
    return Account(claims, email)


def current_account(page: Page) -> Account | None:
    """The user of a valid access cookie, or None."""
    token = page.request.cookies.get(ACCESS_COOKIE)
    return _account(page, token) if token else None


def sign_in(page: Page, email: str, password: str) -> Account:
    """Check the credentials through the service and set the session cookies."""
    token, _ = page.service.login(email, password)
    account = _account(page, token)
    if account is None:
        raise ServiceError("unauthorized", "the new session did not verify", 500)
    page.set_cookie(ACCESS_COOKIE, token, USER_TOKEN_S)
    return account


def sign_out(page: Page) -> None:
    forget(page)


def forget(page: Page) -> None:
    """Clear the session cookies of this browser."""
    if page.request.cookies.get(ACCESS_COOKIE):
        page.clear_cookie(ACCESS_COOKIE)
