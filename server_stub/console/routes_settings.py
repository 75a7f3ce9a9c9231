"""Settings (admin only, checked on the server): sites and the retention of personal data."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from fastapi import APIRouter
from fastapi.responses import Response

from server_stub.console.deps import AdminForm, AdminPage
from server_stub.console.security import PREFIX
from server_stub.errors import ServiceError

router = APIRouter(prefix=PREFIX, include_in_schema=False)
MAX_ID = 40
SITE_FIELDS = ("name", "address", "timezone", "language", "webhook_url")


@lru_cache(maxsize=1)
def time_zones() -> list[str]:
    """The IANA zones the time zone field suggests (what zoneinfo accepts)."""
    return sorted(zoneinfo.available_timezones())


def _settings_page(page: AdminPage, status_code: int = 200, **context: object) -> Response:
    assert page.account is not None
    tenant_id = page.account.tenant_id
    context.setdefault("retention_value", page.service.retention_days(tenant_id))
    return page.render(
        "settings.html",
        status_code=status_code,
        sites=page.service.site_settings(tenant_id),
        zones=time_zones(),
        **context,
    )


def _site_name(page: AdminPage, site_id: str) -> str:
    assert page.account is not None
    for site in page.service.site_settings(page.account.tenant_id):
        if site["id"] == site_id:
            return str(site["name"])
    return site_id


@router.get("/settings")
def settings(
    page: AdminPage,
    retention: str | None = None,
    added: str | None = None,
    saved: str | None = None,
) -> Response:
    notice = ""
    if retention:
        assert page.account is not None
        days = page.service.retention_days(page.account.tenant_id)
        notice = page.t("settings.retention_saved", days=days)
    elif added:
        notice = page.t("settings.site_added", name=_site_name(page, added[:MAX_ID]))
    elif saved:
        notice = page.t("settings.site_saved", name=_site_name(page, saved[:MAX_ID]))
    return _settings_page(page, notice=notice)


@router.post("/settings/retention")
def set_retention(page: AdminPage, form: AdminForm) -> Response:
    assert page.account is not None
    value = form.get("retention_days", "")[:10]
    try:
        page.service.set_retention_days(page.account.tenant_id, value, page.account.user_id)
    except ServiceError as exc:
        return _settings_page(
            page, exc.status, retention_error=page.error_text(exc), retention_value=value
        )
    return page.redirect(f"{PREFIX}/settings?retention=1")


@router.post("/settings/sites")
def add_site(page: AdminPage, form: AdminForm) -> Response:
    assert page.account is not None
    name = form.get("name", "")[:200]
    try:
        site_id = page.service.add_site(page.account.tenant_id, name, page.account.user_id)
    except ServiceError as exc:
        return _settings_page(page, exc.status, add_error=page.error_text(exc), add_name=name)
    return page.redirect(f"{PREFIX}/settings?added={site_id}")


@router.post("/settings/sites/{site_id}")
def save_site(page: AdminPage, form: AdminForm, site_id: str) -> Response:
    assert page.account is not None
    site_id = site_id[:MAX_ID]
    details: dict[str, object] = {k: form.get(k, "")[:600] for k in SITE_FIELDS}
    details["walk_ins"] = form.get("walk_ins") == "on"
    try:
        site = page.service.set_site_details(
            page.account.tenant_id, site_id, page.account.user_id, **details
        )
    except ServiceError as exc:
        return _settings_page(
            page, exc.status, site_error=page.error_text(exc), failed_site=site_id,
            failed_values=details,
        )
    if site.get("webhook_secret"):  # shown once: in this answer, never in a URL
        return _settings_page(page, new_secret=site["webhook_secret"], secret_site=site["id"],
                              notice=page.t("settings.site_saved", name=site["name"]))
    return page.redirect(f"{PREFIX}/settings?saved={site['id']}")


@router.post("/settings/sites/{site_id}/secret")
def new_secret(page: AdminPage, form: AdminForm, site_id: str) -> Response:
    assert page.account is not None
    try:
        site = page.service.new_webhook_secret(
            page.account.tenant_id, site_id[:MAX_ID], page.account.user_id
        )
    except ServiceError as exc:
        return _settings_page(page, exc.status, site_error=page.error_text(exc),
                              failed_site=site_id[:MAX_ID])
    return _settings_page(page, new_secret=site.get("webhook_secret"), secret_site=site["id"])
