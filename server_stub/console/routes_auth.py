"""Sign-in and sign-out pages."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from server_stub.console import sessions
from server_stub.console.deps import AnyForm, AnyPage, UserForm, UserPage
from server_stub.console.security import PREFIX
from server_stub.errors import ServiceError

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path inside the console (no scheme, no other host, no backslash tricks)."""
    if target and target.startswith(PREFIX + "/") and "//" not in target and "\\" not in target:
        return target
    return f"{PREFIX}/today"


@router.get("/", include_in_schema=False)
def home(page: AnyPage) -> Response:
    account = sessions.current_account(page)
    return page.redirect(f"{PREFIX}/today" if account else f"{PREFIX}/login")


@router.get("/login", include_in_schema=False)
def login_form(page: AnyPage, next: str | None = None, notice: str | None = None) -> Response:
    if sessions.current_account(page):
        return page.redirect(_safe_next(next))
    notice_key = {"signed_out": "login.signed_out", "expired": "login.expired"}.get(notice or "")
    return page.render("login.html", next=_safe_next(next), notice_key=notice_key, email="")


@router.post("/login", include_in_schema=False)
def login(request: Request, page: AnyPage, form: AnyForm) -> Response:
    email = form.get("email", "")[:254]
    target = _safe_next(form.get("next"))
    try:
        account = sessions.sign_in(page, email, form.get("password", "")[:1024])
    except ServiceError as exc:
        if exc.status == 429:
            error = page.t("login.throttled", seconds=exc.retry_after or 1)
        else:
            error = page.t("login.failed")
        response = page.render(
            "login.html", status_code=exc.status, next=target, error=error, email=email
        )
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    if account is None:
        return page.redirect(f"{PREFIX}/login/code?next={quote(target, safe='')}")
    return page.redirect(target)


@router.get("/login/code")
def code_form(page: AnyPage, next: str | None = None) -> Response:
    if not sessions.has_ticket(page):
        return page.redirect(f"{PREFIX}/login")
    return page.render("login_code.html", next=_safe_next(next))


@router.post("/login/code")
def code(page: AnyPage, form: AnyForm) -> Response:
    target = _safe_next(form.get("next"))
    try:
        sessions.second_step(page, form.get("code", "")[:40])
    except ServiceError as exc:
        if exc.code == "session_ended":
            return page.redirect(f"{PREFIX}/login?notice=expired")
        key = "login.throttled" if exc.status == 429 else "login.code_failed"
        error = page.t(key, seconds=exc.retry_after or 1)
        response = page.render("login_code.html", status_code=exc.status, next=target, error=error)
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    return page.redirect(target)


@router.post("/logout", include_in_schema=False)
def logout(page: UserPage, form: UserForm) -> Response:
    sessions.sign_out(page)
    return page.redirect(f"{PREFIX}/login?notice=signed_out")
