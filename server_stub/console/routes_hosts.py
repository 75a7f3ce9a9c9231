"""Hosts (admin only): the directory the visit form offers; add and disable hosts."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from server_stub import hosts, reception
from server_stub.console.deps import AdminForm, AdminPage, service_error_page
from server_stub.console.security import PREFIX
from server_stub.errors import ServiceError

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def _hosts_page(page: AdminPage, status_code: int = 200, **context: object) -> Response:
    assert page.account is not None
    tenant_id = page.account.tenant_id
    context.setdefault("form", {"name": "", "email": "", "site": ""})
    return page.render(
        "hosts.html",
        status_code=status_code,
        hosts=hosts.directory(page.service, tenant_id),
        sites=reception.sites(page.service, tenant_id),
        **context,
    )


@router.get("/hosts")
def host_list(page: AdminPage, done: str | None = None) -> Response:
    return _hosts_page(page, done=done in ("added", "disabled") and done)


@router.post("/hosts")
def add_host(page: AdminPage, form: AdminForm) -> Response:
    assert page.account is not None
    values = {k: form.get(k, "")[:254] for k in ("name", "email", "site")}
    try:
        hosts.add(
            page.service,
            page.account.tenant_id,
            values["name"],
            values["email"],
            values["site"] or None,
            page.account.user_id,
        )
    except ServiceError as exc:
        return _hosts_page(page, exc.status, error=page.error_text(exc), form=values)
    return page.redirect(f"{PREFIX}/hosts?done=added")


@router.post("/hosts/{host_id}/disable")
def disable_host(page: AdminPage, form: AdminForm, host_id: str) -> Response:
    assert page.account is not None
    try:
        hosts.disable(page.service, page.account.tenant_id, host_id[:40], page.account.user_id)
    except ServiceError as exc:
        return service_error_page(page, exc)
    return page.redirect(f"{PREFIX}/hosts?done=disabled")
