"""Admin routes (user token): pairing codes, visits, check-ins, duplicates and devices."""

from __future__ import annotations

import base64

from fastapi import APIRouter

from server_stub import schemas
from server_stub.auth import ServiceDep, UserDep
from server_stub.qr import qr_png

router = APIRouter(
    prefix="/api/v1/admin",
    tags=["admin"],
    responses=schemas.error_responses(401, 403, 404, 413, 422),
)


@router.post(
    "/pairing-codes",
    response_model=schemas.PairingCodeOut,
    responses=schemas.error_responses(429),
    summary="Issue a 6-digit pairing code for a kiosk at a site (10 minutes, single use)",
)
def create_pairing_code(
    body: schemas.PairingCodeIn, user: UserDep, service: ServiceDep
) -> dict[str, object]:
    return service.create_pairing_code(user.tenant_id, body.site_id or body.site, body.kiosk_name)


@router.post(
    "/visits",
    response_model=schemas.VisitOut,
    summary="Register a visit; returns its pass and a QR code PNG",
)
def create_visit(body: schemas.VisitIn, user: UserDep, service: ServiceDep) -> dict[str, object]:
    visit = service.create_visit(
        user.tenant_id,
        visitor=body.visitor,
        host=body.host,
        arrive=body.arrive,
        depart=body.depart,
        site=body.site_id,
        visitor_email=body.visitor_email,
        language=body.language,
    )
    png = base64.b64encode(qr_png(visit["pass"])).decode("ascii")
    return {**visit, "qr_png_base64": png}


@router.post(
    "/visits/{visit_id}/cancel",
    response_model=schemas.VisitCancelOut,
    summary="Cancel a visit and revoke its pass",
    responses=schemas.error_responses(409),
)
def cancel_visit(visit_id: str, user: UserDep, service: ServiceDep) -> dict[str, object]:
    return {"visit_id": visit_id, "revoked_at": service.cancel_visit(user.tenant_id, visit_id)}


@router.get(
    "/checkins",
    response_model=schemas.CheckinsOut,
    summary="The single-use ledger: first use of every consumed pass",
)
def list_checkins(user: UserDep, service: ServiceDep) -> dict[str, object]:
    return {"checkins": service.checkins(user.tenant_id)}


@router.get(
    "/duplicates",
    response_model=schemas.DuplicatesOut,
    summary="Check-ins that presented an already used pass",
)
def list_duplicates(user: UserDep, service: ServiceDep) -> dict[str, object]:
    return {"duplicates": service.duplicates(user.tenant_id)}


@router.get(
    "/devices",
    response_model=schemas.DevicesOut,
    summary="Paired kiosks of this tenant",
)
def list_devices(user: UserDep, service: ServiceDep) -> dict[str, object]:
    return {"devices": service.devices(user.tenant_id)}


@router.post(
    "/devices/{device_id}/revoke",
    response_model=schemas.DeviceRevokeOut,
    summary="Unpair a kiosk: its token stops working at once",
)
def revoke_device(device_id: str, user: UserDep, service: ServiceDep) -> dict[str, object]:
    return {"device_id": device_id, "revoked_at": service.revoke_device(user.tenant_id, device_id)}
