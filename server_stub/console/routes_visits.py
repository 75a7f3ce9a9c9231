"""Visits: the new-visit form, a visit's page (QR, timeline, cancel) and its invitation."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from fastapi.responses import Response

from server_stub import hosts, reception, signatures
from server_stub.console.deps import UserForm, UserPage, service_error_page
from server_stub.console.routes_mail import visit_mail
from server_stub.console.security import PREFIX
from server_stub.errors import ServiceError, not_found
from server_stub.qr import qr_png

router = APIRouter(prefix=PREFIX, include_in_schema=False)
_INPUT_FORMAT = "%Y-%m-%dT%H:%M"


def default_window(now: float) -> tuple[str, str]:
    """Arrival at the next full hour, departure two hours later, as datetime-local values."""
    local = dt.datetime.fromtimestamp(now).astimezone()
    arrive = local.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    depart = arrive + dt.timedelta(hours=2)
    return arrive.strftime(_INPUT_FORMAT), depart.strftime(_INPUT_FORMAT)


def parse_local(text: str, what: str) -> float:
    """A datetime-local field (the server's local time) as Unix seconds."""
    try:
        value = dt.datetime.strptime(text.strip()[:16], _INPUT_FORMAT)
    except ValueError:
        raise ServiceError("invalid_window", f"{what} is not a date and time", 422) from None
    return value.astimezone().timestamp()


def _form_page(page: UserPage, status_code: int = 200, error: str = "", **values: str) -> Response:
    assert page.account is not None
    arrive, depart = default_window(page.service.clock())
    fields = {"visitor": "", "host": "", "arrive": arrive, "depart": depart, "site": "",
              "visitor_email": "", "language": ""}
    fields.update(values)
    return page.render(
        "visit_new.html",
        status_code=status_code,
        sites=reception.sites(page.service, page.account.tenant_id),
        hosts=hosts.directory(page.service, page.account.tenant_id, active_only=True),
        form=fields,
        error=error,
    )


@router.get("/visits/new", include_in_schema=False)
def new_visit(page: UserPage) -> Response:
    return _form_page(page)


@router.post("/visits", include_in_schema=False)
def create_visit(page: UserPage, form: UserForm) -> Response:
    assert page.account is not None
    names = ("visitor", "host", "arrive", "depart", "site", "visitor_email", "language")
    values = {k: form.get(k, "")[:254] for k in names}
    try:
        visit = page.service.create_visit(
            page.account.tenant_id,
            actor=page.account.user_id,
            visitor=values["visitor"],
            host=values["host"],
            arrive=parse_local(values["arrive"], "the arrival"),
            depart=parse_local(values["depart"], "the departure"),
            site=values["site"] or None,
            visitor_email=values["visitor_email"] or None,
            language=values["language"] or None,
        )
    except ServiceError as exc:
        return _form_page(page, status_code=exc.status, error=exc.message, **values)
    return page.redirect(f"{PREFIX}/visits/{visit['visit_id']}?created=1")


def _visit(page: UserPage, visit_id: str) -> dict[str, object]:
    assert page.account is not None
    return reception.visit(page.service, page.account.tenant_id, visit_id[:40])


@router.get("/visits/{visit_id}", include_in_schema=False)
def visit_page(
    page: UserPage,
    visit_id: str,
    created: str | None = None,
    cancelled: str | None = None,
    resent: str | None = None,
    retried: str | None = None,
    checked_out: str | None = None,
) -> Response:
    try:
        visit = _visit(page, visit_id)
    except ServiceError as exc:
        return service_error_page(page, exc)
    assert page.account is not None
    return page.render(
        "visit.html",
        visit=visit,
        created=bool(created),
        cancelled_now=bool(cancelled),
        resent=bool(resent),
        retried=bool(retried),
        mail=visit_mail(page, str(visit["visit_id"])),
        checked_out_now=bool(checked_out),
        signed=signatures.for_visit(page.service, page.account.tenant_id, str(visit["visit_id"])),
    )


@router.get("/visits/{visit_id}/qr.png", include_in_schema=False)
def visit_qr(page: UserPage, visit_id: str) -> Response:
    try:
        visit = _visit(page, visit_id)
    except ServiceError as exc:
        return service_error_page(page, exc)
    if not visit["pass"]:  # a walk-in has no pass
        return service_error_page(page, not_found(f"pass of visit {visit_id[:40]}"))
    response = Response(qr_png(str(visit["pass"]), scale=6), media_type="image/png")
    return page.finish(response)


@router.get("/visits/{visit_id}/invitation", include_in_schema=False)
def invitation(page: UserPage, visit_id: str) -> Response:
    try:
        visit = _visit(page, visit_id)
    except ServiceError as exc:
        return service_error_page(page, exc)
    if not visit["pass"]:  # a walk-in has no pass, so no invitation
        return service_error_page(page, not_found(f"invitation of visit {visit_id[:40]}"))
    return page.render("invitation.html", visit=visit)


@router.post("/visits/{visit_id}/cancel", include_in_schema=False)
def cancel(page: UserPage, form: UserForm, visit_id: str) -> Response:
    assert page.account is not None
    try:
        page.service.cancel_visit(page.account.tenant_id, visit_id[:40], page.account.user_id)
    except ServiceError as exc:
        return service_error_page(page, exc)
    return page.redirect(f"{PREFIX}/visits/{visit_id}?cancelled=1")


@router.post("/visits/{visit_id}/check-out", include_in_schema=False)
def check_out(page: UserPage, form: UserForm, visit_id: str) -> Response:
    assert page.account is not None
    try:
        reception.check_out(
            page.service, page.account.tenant_id, visit_id[:40], page.account.user_id
        )
    except ServiceError as exc:
        return service_error_page(page, exc)
    return page.redirect(f"{PREFIX}/visits/{visit_id}?checked_out=1")
