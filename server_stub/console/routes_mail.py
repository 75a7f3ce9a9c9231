"""E-mail in the console: the outbox (not sent, held, failed with the reason), retry, re-send."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from server_stub.console.deps import UserForm, UserPage, service_error_page
from server_stub.console.security import PREFIX
from server_stub.console.web import Page
from server_stub.errors import ServiceError

router = APIRouter(prefix=PREFIX, include_in_schema=False)
MAX_ID = 64


def mail_on(page: Page) -> bool:
    """Does this server send e-mail (an SMTP URL is set)? Webhooks go out either way."""
    sender = getattr(page.request.app.state, "mail_sender", None)
    return sender is not None and sender.smtp is not None


def visit_mail(page: Page, visit_id: str) -> dict[str, Any]:
    """What the visit page shows about e-mail: its messages and whether e-mail is on."""
    assert page.account is not None
    messages = page.service.visit_messages(page.account.tenant_id, visit_id)
    return {"messages": messages, "mail_on": mail_on(page)}


@router.get("/outbox", include_in_schema=False)
def outbox(page: UserPage, retried: str | None = None) -> Response:
    assert page.account is not None
    rows = page.service.outbox(page.account.tenant_id)
    return page.render("outbox.html", messages=rows, mail_on=mail_on(page), retried=bool(retried))


@router.post("/outbox/{message_id}/retry", include_in_schema=False)
def retry(page: UserPage, form: UserForm, message_id: str) -> Response:
    assert page.account is not None
    try:
        page.service.retry_message(
            page.account.tenant_id, message_id[:MAX_ID], page.account.user_id
        )
    except ServiceError as exc:
        return service_error_page(page, exc)
    visit_id = form.get("visit_id", "")[:MAX_ID]
    if visit_id.isalnum():
        return page.redirect(f"{PREFIX}/visits/{visit_id}?retried=1")
    return page.redirect(f"{PREFIX}/outbox?retried=1")


@router.post("/visits/{visit_id}/resend", include_in_schema=False)
def resend(page: UserPage, form: UserForm, visit_id: str) -> Response:
    assert page.account is not None
    try:
        page.service.resend_invitation(page.account.tenant_id, visit_id[:MAX_ID])
    except ServiceError as exc:
        return service_error_page(page, exc)
    return page.redirect(f"{PREFIX}/visits/{visit_id[:MAX_ID]}?resent=1")
