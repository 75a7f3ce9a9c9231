"""The token-type matrix over every route: no route escapes its token check."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from server_stub.app import ROUTERS
from server_stub.service import AtriumService
from tests.server.documents_helpers import publish_nda, record
from tests.server.helpers import admin_headers, bearer, event, pair

PUBLIC = {
    ("GET", "/api/v1/health"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/pairing/redeem"),
}
DOCS = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}


def _protected_routes() -> list[tuple[str, str]]:
    found = []
    for router in ROUTERS:
        for route in router.routes:
            assert isinstance(route, APIRoute)
            for method in sorted(route.methods):
                if (method, route.path) not in PUBLIC:
                    found.append((method, route.path))
    return found


PROTECTED = _protected_routes()


def needed_type(path: str) -> str:
    if path.startswith("/api/v1/device/"):
        return "device"
    if path.startswith("/api/v1/admin/"):
        return "user"
    raise AssertionError(f"route {path} has no token rule in this test")


def _app_routes(routes: list[object]) -> list[tuple[str, str]]:
    """(method, path) of every route, descending into included routers."""
    found: list[tuple[str, str]] = []
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            found.extend(_app_routes(list(included.routes)))
            continue
        path = getattr(route, "path", None)
        if path is None or path in DOCS:
            continue
        for method in getattr(route, "methods", None) or ():
            if method not in ("HEAD", "OPTIONS"):
                found.append((method, path))
    return found


def test_every_app_route_is_public_docs_or_in_the_matrix(client: TestClient) -> None:
    covered = set(PROTECTED) | PUBLIC
    app = client.app
    # The console's cookie-session pages have their own matrix in tests/console/test_security.py.
    served = [
        (method, path)
        for method, path in _app_routes(list(app.routes))  # type: ignore[attr-defined]
        if path != "/" and not path.startswith("/console")
    ]
    documented = [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()  # type: ignore[attr-defined]
        for method in operations
    ]
    assert set(served) == set(documented)
    for method, path in served:
        assert (method, path) in covered, f"{method} {path} is not in the token matrix"
    assert len(PROTECTED) >= 8


def _call(
    client: TestClient, method: str, path: str, headers: dict[str, str], service: AtriumService
) -> tuple[int, str | None]:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper")
    victim, _ = pair(service, "Victim kiosk")
    url = re.sub(r"\{visit_id\}", visit["visit_id"], path)
    url = re.sub(r"\{device_id\}", victim, url)
    bodies = {
        "/api/v1/device/checkins": {"events": []},
        "/api/v1/admin/pairing-codes": {"kiosk_name": "Lobby 9"},
        "/api/v1/admin/visits": {"visitor": "Ada Lovelace", "host": "Grace Hopper"},
    }
    if path == "/api/v1/device/signatures":  # a record of an event these headers pushed
        pushed = event(visit["pass"], service.clock())
        client.post("/api/v1/device/checkins", headers=headers, json={"events": [pushed]})
        bodies[path] = record(pushed["event_id"], publish_nda(service))
    response = client.request(method, url, headers=headers, json=bodies.get(path))
    detail = response.json().get("detail") if response.content else None
    return response.status_code, detail.get("code") if isinstance(detail, dict) else None


@pytest.mark.parametrize(("method", "path"), PROTECTED)
@pytest.mark.parametrize("credential", ["none", "garbage", "device", "user", "revoked_device"])
def test_token_type_matrix(
    client: TestClient, service: AtriumService, method: str, path: str, credential: str
) -> None:
    device_id, device_token = pair(service)
    headers: dict[str, str] = {
        "none": {},
        "garbage": bearer("not.a.token"),
        "device": bearer(device_token),
        "user": admin_headers(service),
        "revoked_device": bearer(device_token),
    }[credential]
    if credential == "revoked_device":
        service.revoke_device(service.default_tenant(), device_id)
    status, code = _call(client, method, path, headers, service)
    if credential in ("none", "garbage"):
        assert (status, code) == (401, "unauthorized")
    elif credential == "revoked_device":
        assert (status, code) == (401, "device_revoked")
    elif credential == needed_type(path):
        assert status == 200, (status, code)
    else:
        assert (status, code) == (403, "wrong_token_type")
