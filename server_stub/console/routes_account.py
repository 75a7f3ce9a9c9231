"""My account: turn on the TOTP second factor (QR, confirm, recovery codes shown once)."""

from __future__ import annotations

import io
import urllib.parse

import segno
from fastapi import APIRouter
from fastapi.responses import Response

from server_stub import second_factor
from server_stub.console.deps import UserForm, UserPage
from server_stub.console.security import PREFIX
from server_stub.errors import ServiceError

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def _secret_of(uri: str) -> str:
    secret = urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)["secret"][0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@router.get("/account")
def account(page: UserPage) -> Response:
    assert page.account is not None
    on = second_factor.enabled(page.service, page.account.tenant_id, page.account.user_id)
    return page.render("account.html", totp_on=on)


@router.post("/account/totp")
def start(page: UserPage, form: UserForm) -> Response:
    assert page.account is not None
    a = page.account
    second_factor.start_enrolment(page.service, a.tenant_id, a.user_id, a.email)
    return page.redirect(f"{PREFIX}/account/totp")


def _pending(page: UserPage) -> str | None:
    assert page.account is not None
    a = page.account
    return second_factor.pending_uri(page.service, a.tenant_id, a.user_id, a.email)


@router.get("/account/totp")
def enrol(page: UserPage) -> Response:
    uri = _pending(page)
    if uri is None:
        return page.redirect(f"{PREFIX}/account")
    return page.render("account_totp.html", secret=_secret_of(uri))


@router.get("/account/totp/qr.png")
def enrol_qr(page: UserPage) -> Response:
    uri = _pending(page)
    if uri is None:
        return page.html("", status_code=404)
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="png", scale=6, border=4)
    return page.finish(Response(buffer.getvalue(), media_type="image/png"))


@router.post("/account/totp/confirm")
def confirm(page: UserPage, form: UserForm) -> Response:
    assert page.account is not None
    a = page.account
    uri = _pending(page)
    if uri is None:
        return page.redirect(f"{PREFIX}/account")
    try:
        codes = second_factor.confirm_enrolment(
            page.service, a.tenant_id, a.user_id, form.get("code", "")[:20]
        )
    except ServiceError as exc:
        return page.render(
            "account_totp.html",
            status_code=exc.status,
            secret=_secret_of(uri),
            error=page.error_text(exc),
        )
    return page.render("account_recovery.html", codes=codes)
