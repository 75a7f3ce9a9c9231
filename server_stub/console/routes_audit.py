"""The audit log (admin only): newest first, a page at a time; ids shown with today's names."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from server_stub import audit, hosts, reception
from server_stub.console.deps import AdminPage
from server_stub.console.security import PREFIX

router = APIRouter(prefix=PREFIX, include_in_schema=False)


@router.get("/audit")
def audit_log(page: AdminPage, before: int | None = None) -> Response:
    assert page.account is not None
    tenant_id = page.account.tenant_id
    entries = audit.entries(page.service, tenant_id, before)
    names = {u["user_id"]: u["email"] for u in reception.users(page.service, tenant_id)}
    names.update(
        {k["device_id"]: k["kiosk_name"] for k in reception.kiosks(page.service, tenant_id)}
    )
    names.update({s["id"]: s["name"] for s in reception.sites(page.service, tenant_id)})
    names.update({h["host_id"]: h["name"] for h in hosts.directory(page.service, tenant_id)})
    names.update({actor: page.t(f"audit.by.{actor}") for actor in ("retention", "cli", "mail")})
    older = entries[-1]["entry_id"] if len(entries) == audit.PAGE_SIZE else None
    return page.render("audit.html", entries=entries, names=names, older=older)
