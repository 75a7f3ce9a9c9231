"""Browser sessions: the access token and refresh token in cookies, checked on every request."""

from __future__ import annotations

from server_stub import reception, sessions
from server_stub.console.web import Account, Page
from server_stub.errors import ServiceError
from server_stub.tokens import USER_TOKEN_S

ACCESS_COOKIE = "atrium_access"
REFRESH_COOKIE = "atrium_refresh"
TICKET_COOKIE = "atrium_ticket"


def _account(page: Page, token: str) -> Account | None:
    try:
        claims = page.service.authenticate(token)
    except ServiceError:
        return None
    if claims.token_type != "user":  # noqa: S105 (a claim value)
        return None
    try:
        email = reception.user_email(page.service, claims.tenant_id, claims.subject)
    except ServiceError:
        return None
    return Account(claims, email)


def _keep(page: Page, session: sessions.Session) -> Account:
    page.set_cookie(ACCESS_COOKIE, session.access_token, USER_TOKEN_S)
    page.set_cookie(REFRESH_COOKIE, session.refresh_token, sessions.REFRESH_TOKEN_S)
    account = _account(page, session.access_token)
    if account is None:
        raise ServiceError("session_ended", "the new session did not verify", 401)
    return account


def current_account(page: Page) -> Account | None:
    """The signed-in user: a valid access cookie, else one refresh (rotating the token)."""
    if page.session_checked:
        return page.account
    page.session_checked = True
    token = page.request.cookies.get(ACCESS_COOKIE)
    page.account = _account(page, token) if token else None
    raw = page.request.cookies.get(REFRESH_COOKIE)
    if page.account is None and raw:
        try:
            page.account = _keep(page, sessions.refresh(page.service, raw))
        except ServiceError:
            page.account = None
    return page.account


def client_address(page: Page) -> str | None:
    return page.request.client.host if page.request.client else None


def sign_in(page: Page, email: str, password: str) -> Account | None:
    """Check the credentials through the service's one login rule; set the session cookies.

    None means the password was right and the account's one-time code comes next.
    """
    result = sessions.start(page.service, email, password, client_address(page))
    if isinstance(result, sessions.SecondFactorNeeded):
        page.set_cookie(TICKET_COOKIE, result.ticket, sessions.TICKET_S)
        return None
    page.account = _keep(page, result)
    page.session_checked = True
    return page.account


def has_ticket(page: Page) -> bool:
    return bool(page.request.cookies.get(TICKET_COOKIE))


def second_step(page: Page, code: str) -> Account:
    """The one-time code after the password; the ticket cookie is spent on success."""
    ticket = page.request.cookies.get(TICKET_COOKIE) or ""
    session = sessions.finish(page.service, ticket, code, client_address(page))
    page.clear_cookie(TICKET_COOKIE)
    page.account = _keep(page, session)
    page.session_checked = True
    return page.account


def sign_out(page: Page) -> None:
    """End the session's refresh family on the server and clear the cookies."""
    sessions.end(page.service, page.request.cookies.get(REFRESH_COOKIE))
    forget(page)


def forget(page: Page) -> None:
    """Clear the session cookies of this browser."""
    for name in (ACCESS_COOKIE, REFRESH_COOKIE):
        if page.request.cookies.get(name):
            page.clear_cookie(name)
