"""Console dependencies: the page state, the signed-in user, roles and CSRF-checked forms."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import Response

from server_stub.auth import ServiceDep
from server_stub.console import sessions
from server_stub.console.security import CSRF_FIELD, CSRF_HEADER, PREFIX, CsrfTokens
from server_stub.console.web import Page, start_page
from server_stub.errors import ServiceError

MAX_FORM_FIELDS = 50


class SignInNeeded(Exception):
    """No valid session: pages go to the sign-in form, JSON calls get 401."""

    def __init__(self, page: Page) -> None:
        self.page = page


class Refused(Exception):
    """A page or action this user may not have (403), or a form without a valid CSRF token."""

    def __init__(self, page: Page, message_key: str) -> None:
        self.page = page
        self.message_key = message_key


def csrf_of(request: Request) -> CsrfTokens:
    tokens: CsrfTokens = request.app.state.console_csrf
    return tokens


def get_page(request: Request, service: ServiceDep) -> Page:
    return start_page(request, service, csrf_of(request))


AnyPage = Annotated[Page, Depends(get_page)]


def signed_in(page: AnyPage) -> Page:
    """The page of a signed-in user (refreshing an expired access token on the way)."""
    page.account = sessions.current_account(page)
    if page.account is None:
        raise SignInNeeded(page)
    return page


UserPage = Annotated[Page, Depends(signed_in)]


def admin_only(page: UserPage) -> Page:
    if not page.account or not page.account.is_admin:
        raise Refused(page, "forbidden.text")
    return page


AdminPage = Annotated[Page, Depends(admin_only)]


async def read_form(request: Request, page: Page) -> dict[str, str]:
    """The posted form as text fields, after the CSRF check."""
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    token = fields.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
    if not page.csrf.valid(request.cookies.get("atrium_csrf"), token):
        raise Refused(page, "csrf.refused")
    return fields


async def user_form(request: Request, page: UserPage) -> dict[str, str]:
    return await read_form(request, page)


async def any_form(request: Request, page: AnyPage) -> dict[str, str]:
    return await read_form(request, page)


async def admin_form(request: Request, page: AdminPage) -> dict[str, str]:
    return await read_form(request, page)


UserForm = Annotated[dict[str, str], Depends(user_form)]
AdminForm = Annotated[dict[str, str], Depends(admin_form)]
AnyForm = Annotated[dict[str, str], Depends(any_form)]


def sign_in_needed(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInNeeded)
    page = exc.page
    sessions.forget(page)
    browser_form = request.method == "POST" and "text/html" in request.headers.get("accept", "")
    if request.url.path.endswith(".json") or (request.method != "GET" and not browser_form):
        return page.json({"detail": {"code": "unauthorized", "message": "sign in"}}, 401)
    target = f"{PREFIX}/"  # a form posted after the session ended: back to the start, not to it
    if request.method == "GET":
        target = request.url.path + ("?" + request.url.query if request.url.query else "")
    return page.redirect(f"{PREFIX}/login?next={quote(target, safe='')}")


def refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    if request.url.path.endswith(".json"):
        return exc.page.json({"detail": {"code": "forbidden", "message": "refused"}}, 403)
    return exc.page.render("refused.html", status_code=403, message_key=exc.message_key)


def service_error_page(page: Page, exc: ServiceError) -> Response:
    """A ServiceError met by a console page: 404 as a page, anything else with its message."""
    if exc.status == 404:
        return page.render("refused.html", status_code=404, message_key="notfound.text")
    return page.render("refused.html", status_code=exc.status, message=page.error_text(exc))
