"""Request authentication: bearer tokens checked for signature, type, expiry and revocation."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server_stub.errors import ServiceError
from server_stub.service import AtriumService
from server_stub.tokens import TokenClaims

_bearer = HTTPBearer(auto_error=False, description="Device or user token (EdDSA JWT)")


def get_service(request: Request) -> AtriumService:
    service: AtriumService = request.app.state.service
    return service


ServiceDep = Annotated[AtriumService, Depends(get_service)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _authenticate(service: AtriumService, credentials: Credentials) -> TokenClaims:
    if credentials is None:
        raise ServiceError("unauthorized", "missing or invalid token", 401)
    return service.authenticate(credentials.credentials)


def require_device(service: ServiceDep, credentials: Credentials) -> TokenClaims:
    claims = _authenticate(service, credentials)
    if claims.token_type != "device":  # noqa: S105 (a claim value, not a secret)
        raise ServiceError("wrong_token_type", "this route needs a device token", 403)
    return claims


def require_user(service: ServiceDep, credentials: Credentials) -> TokenClaims:
    claims = _authenticate(service, credentials)
    if claims.token_type != "user":  # noqa: S105 (a claim value, not a secret)
        raise ServiceError("wrong_token_type", "this route needs a user token", 403)
    return claims


DeviceDep = Annotated[TokenClaims, Depends(require_device)]
UserDep = Annotated[TokenClaims, Depends(require_user)]
