"""Kiosks: pair a kiosk (the code, its countdown, "paired"), the list of kiosks, revoke."""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import Response

from server_stub import reception
from server_stub.console.deps import UserForm, UserPage, service_error_page
from server_stub.console.security import PREFIX
from server_stub.errors import ServiceError

router = APIRouter(prefix=PREFIX, include_in_schema=False)
_CODE = re.compile(r"[0-9]{6}")


def _kiosks_page(page: UserPage, status_code: int = 200, **context: object) -> Response:
    assert page.account is not None
    tenant_id = page.account.tenant_id
    return page.render(
        "kiosks.html",
        status_code=status_code,
        kiosks=reception.kiosks(page.service, tenant_id),
        sites=reception.sites(page.service, tenant_id),
        **context,
    )


@router.get("/kiosks", include_in_schema=False)
def kiosks(page: UserPage, revoked: str | None = None) -> Response:
    return _kiosks_page(page, revoked=(revoked or "")[:100])


@router.post("/kiosks/pair", include_in_schema=False)
def pair(page: UserPage, form: UserForm) -> Response:
    assert page.account is not None
    try:
        code = page.service.create_pairing_code(
            page.account.tenant_id,
            form.get("site") or None,
            form.get("kiosk_name", ""),
            actor=page.account.user_id,
        )
    except ServiceError as exc:
        return _kiosks_page(
            page,
            status_code=exc.status,
            error=page.error_text(exc),
            kiosk_name=form.get("kiosk_name", ""),
        )
    return page.redirect(f"{PREFIX}/kiosks/pairing/{code['code']}")


def _status(page: UserPage, code: str) -> dict[str, object]:
    assert page.account is not None
    if not _CODE.fullmatch(code):
        raise ServiceError("not_found", "pairing code not found", 404)
    return reception.pairing_status(page.service, page.account.tenant_id, code)


@router.get("/kiosks/pairing/{code}.json", include_in_schema=False)
def pairing_json(page: UserPage, code: str) -> Response:
    try:
        status = _status(page, code)
    except ServiceError as exc:
        return page.json({"detail": exc.detail()}, exc.status)
    t = page.t
    messages = {
        "waiting": t("pairing.waiting"),
        "paired": t("pairing.paired", name=status["kiosk_name"]),
        "expired": t("pairing.expired"),
    }
    return page.json(
        {
            "state": status["state"],
            "remaining_s": status["remaining_s"],
            "message": messages[str(status["state"])],
        }
    )


@router.get("/kiosks/pairing/{code}", include_in_schema=False)
def pairing(page: UserPage, code: str) -> Response:
    try:
        status = _status(page, code)
    except ServiceError as exc:
        return service_error_page(page, exc)
    return page.render("pairing.html", status=status)


@router.post("/kiosks/{device_id}/revoke", include_in_schema=False)
def revoke(page: UserPage, form: UserForm, device_id: str) -> Response:
    assert page.account is not None
    try:
        device = page.service.device(page.account.tenant_id, device_id)
        page.service.revoke_device(page.account.tenant_id, device_id, actor=page.account.user_id)
    except ServiceError as exc:
        return service_error_page(page, exc)
    return page.redirect(f"{PREFIX}/kiosks?revoked={quote(device['kiosk_name'])}")
