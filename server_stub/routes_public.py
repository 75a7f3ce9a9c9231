"""Public routes: health, user login and pairing-code redemption."""

from __future__ import annotations

from fastapi import APIRouter, Request

from server_stub import schemas
from server_stub.auth import ServiceDep

router = APIRouter(prefix="/api/v1", tags=["public"], responses=schemas.error_responses(413, 422))


@router.get("/health", response_model=schemas.Health, summary="Liveness and server time")
def health(service: ServiceDep) -> dict[str, object]:
    return {"status": "ok", "server_time": service.clock()}


@router.post(
    "/auth/login",
    response_model=schemas.LoginOut,
    responses=schemas.error_responses(401, 429, 503),
    summary="Log a user in; returns a 15-minute user token",
)
def login(body: schemas.LoginIn, service: ServiceDep, request: Request) -> dict[str, object]:
    client = request.client.host if request.client else None
    token, expires_at = service.login(body.email, body.password, client, body.totp)
    return {"access_token": token, "token_type": "user", "expires_at": expires_at}


@router.post(
    "/pairing/redeem",
    response_model=schemas.RedeemOut,
    responses=schemas.error_responses(400, 429),
    summary="Trade a 6-digit pairing code for a device token and the pass keys",
)
def redeem(body: schemas.RedeemIn, request: Request, service: ServiceDep) -> dict[str, object]:
    # The throttle counts per connection address: X-Forwarded-For is never trusted here.
    address = request.client.host if request.client else "unknown"
    return service.redeem_pairing_code(body.code, address)  # kiosk_name never renames (api.md)
