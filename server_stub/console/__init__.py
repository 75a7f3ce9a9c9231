"""The reception web console: server-rendered pages under /console on the server's own origin."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from server_stub.console import (
    routes_account,
    routes_audit,
    routes_auth,
    routes_documents,
    routes_hosts,
    routes_kiosks,
    routes_mail,
    routes_today,
    routes_users,
    routes_visits,
)
from server_stub.console.deps import Refused, SignInNeeded, refused, sign_in_needed
from server_stub.console.security import PREFIX, CsrfTokens, SecurityHeaders

STATIC_DIR = Path(__file__).parent / "static"
CSRF_KEY_LABEL = "atrium-console-csrf-v1"


def install(app: FastAPI) -> None:
    """Mount the console on the app: pages, static files, headers, error pages, / redirect."""
    app.state.console_csrf = CsrfTokens(app.state.service.tokens.derive_secret(CSRF_KEY_LABEL))
    for module in (
        routes_auth,
        routes_kiosks,
        routes_visits,
        routes_mail,
        routes_today,
        routes_users,
        routes_account,
        routes_audit,
        routes_hosts,
        routes_documents,
    ):
        app.include_router(module.router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=STATIC_DIR), name="console-static")
    app.add_exception_handler(SignInNeeded, sign_in_needed)
    app.add_exception_handler(Refused, refused)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/", status_code=307)

    app.add_middleware(SecurityHeaders)
