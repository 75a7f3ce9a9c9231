"""The FastAPI app factory: routes, error shape, body cap; the service lives in app.state."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from server_stub import console, routes_admin, routes_device, routes_public
from server_stub.errors import ServiceError
from server_stub.limits import BodySizeLimit
from server_stub.mail import runtime as mail_runtime
from server_stub.rules import MAX_BODY_BYTES
from server_stub.service import AtriumService, Clock
from server_stub.settings import Settings

ROUTERS = (routes_public.router, routes_device.router, routes_admin.router)
RETRY_DATABASE_S = 2
# A lost or refused database connection (a restart, a failover) and the transient conflicts
# PostgreSQL asks to retry (serialization failure, deadlock) are all OperationalError.
DATABASE_DOWN = (sa.exc.OperationalError, sa.exc.InterfaceError)
log = logging.getLogger("atrium.server")


def _service_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServiceError)
    headers: dict[str, str] = {}
    if exc.retry_after is not None:
        headers["Retry-After"] = str(exc.retry_after)
    if exc.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse({"detail": exc.detail()}, status_code=exc.status, headers=headers)


def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """503 with Retry-After; the kiosk sends the same batch again (answers are idempotent)."""
    cause = type(getattr(exc, "orig", None) or exc).__name__  # never the SQL or its values
    log.warning("database unavailable (%s): answered 503", cause)
    error = ServiceError(
        "database_unavailable",
        "the database is unavailable; try again shortly",
        503,
        RETRY_DATABASE_S,
    )
    return _service_error(request, error)


def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        f"{'.'.join(str(p) for p in error.get('loc', ()))}: {error.get('msg', '')}"
        for error in exc.errors()
    ]
    detail = {"code": "invalid_request", "message": "; ".join(problems)[:500] or "invalid"}
    return JSONResponse({"detail": detail}, status_code=422)


_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def _http_error(_: Request, exc: Exception) -> JSONResponse:
    """Framework errors (unparsable body, unknown path) in the same shape as ours."""
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc.detail, dict):
        detail = exc.detail
    else:
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        detail = {"code": code, "message": str(exc.detail)}
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)


def create_app(
    data_dir: Path,
    *,
    service: AtriumService | None = None,
    clock: Clock = time.time,
    database_url: str | None = None,
    settings: Settings | None = None,
) -> FastAPI:
    """The Atrium server app over the data dir's database or ``database_url`` (or over a
    given service, for tests). With an SMTP URL in ``settings`` it runs the mail sender."""
    app = FastAPI(
        lifespan=mail_runtime.lifespan,
        title="Atrium server",
        version="1",
        summary="Pairing, device tokens, visit passes and a single-use check-in ledger",
    )
    app.state.service = service or AtriumService.open(
        Path(data_dir), clock, database_url=database_url
    )
    app.state.mail_sender = mail_runtime.make_sender(app, settings)
    app.state.purge_job = mail_runtime.make_purge_job(app, settings)
    app.add_exception_handler(ServiceError, _service_error)
    for kind in DATABASE_DOWN:
        app.add_exception_handler(kind, _database_unavailable)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for router in ROUTERS:
        app.include_router(router)
    console.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    return app
