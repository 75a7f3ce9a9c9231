"""Console security: session on every route, CSRF on every POST, headers, cookies, tenants."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute

from server_stub import reception
from server_stub.app import create_app
from server_stub.console.security import PREFIX
from server_stub.service import AtriumService
from tests.console.helpers import ConsoleClient
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, event, pair

PUBLIC = {
    ("GET", "/console/"),
    ("GET", "/console/login"),
    ("POST", "/console/login"),
    ("GET", "/console/login/code"),  # needs the ticket of a right password instead
    ("POST", "/console/login/code"),
}


def _console_routes(service: AtriumService) -> list[tuple[str, str]]:
    app = create_app(service.data_dir, service=service)
    found: list[tuple[str, str]] = []
    pending = list(app.routes)
    while pending:
        route = pending.pop()
        included = getattr(route, "original_router", None)
        if included is not None:
            pending += list(included.routes)
        elif isinstance(route, APIRoute) and route.path.startswith(PREFIX):
            found += [(m, route.path) for m in sorted(route.methods) if m != "HEAD"]
    return sorted(found)


def _fill(path: str) -> str:
    return re.sub(r"\{[a-z_]+\}", "000000", path)


def test_every_console_route_needs_a_session(browser_factory, service) -> None:
    routes = _console_routes(service)
    assert len(routes) >= 14
    browser = browser_factory()
    browser.get("/console/login")
    for method, path in routes:
        if (method, path) in PUBLIC:
            continue
        if method == "GET":
            response = browser.get(_fill(path))
            if path.endswith(".json"):
                assert response.status_code == 401, path
            else:
                assert response.status_code == 303, path
                assert response.headers["location"].startswith("/console/login?next="), path
        else:
            assert browser.post(_fill(path)).status_code == 401, path
            as_browser = browser.http.post(_fill(path), headers={"Accept": "text/html"})
            assert as_browser.status_code == 303, path
            assert as_browser.headers["location"] == "/console/login?next=%2Fconsole%2F", path


@pytest.mark.parametrize("csrf", ["", "0" * 64, "forged"])
def test_every_post_without_a_valid_csrf_token_is_refused(admin, service, csrf) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper")
    for method, path in _console_routes(service):
        if method != "POST":
            continue
        url = path.replace("{visit_id}", visit["visit_id"]).replace("{device_id}", "d_x")
        response = admin.post(url, {"kiosk_name": "Lobby 5"}, csrf=csrf)
        assert response.status_code == 403, url
        assert "This form has expired" in response.text
    assert service.devices(tenant_id) == []
    assert admin.get(f"/console/visits/{visit['visit_id']}").text.count("Cancelled") == 0


def test_a_csrf_token_of_another_browser_is_refused(admin, browser_factory) -> None:
    other = browser_factory()
    other.get("/console/login")
    response = admin.post("/console/kiosks/pair", {"kiosk_name": "Lobby 5"}, csrf=other.csrf)
    assert response.status_code == 403


def test_sign_in_form_itself_needs_the_csrf_token(browser_factory) -> None:
    browser = browser_factory()
    browser.get("/console/login")
    response = browser.post(
        "/console/login", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}, csrf=""
    )
    assert response.status_code == 403
    assert "atrium_access" not in response.headers.get("set-cookie", "")


def test_cookies_are_httponly_secure_strict_and_scoped(browser_factory) -> None:
    browser = browser_factory()
    first = browser.get("/console/login")
    response = browser.post("/console/login", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    cookies = first.headers.get_list("set-cookie") + response.headers.get_list("set-cookie")
    names = {c.split("=", 1)[0] for c in cookies}
    assert {"atrium_csrf", "atrium_access"} <= names
    for cookie in cookies:
        flags = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert {"httponly", "secure", "samesite=strict", "path=/console"} <= flags, cookie


def test_security_headers_on_pages_static_files_and_errors(admin) -> None:
    for path in ("/console/today", "/console/static/console.css", "/console/visits/nope", "/"):
        response = admin.get(path)
        headers = response.headers
        assert headers["content-security-policy"].startswith("default-src 'self'"), path
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "no-referrer", path


def test_pages_have_no_inline_script_or_style(admin) -> None:
    for path in ("/console/today", "/console/kiosks", "/console/visits/new", "/console/rollcall"):
        html = admin.get(path).text
        assert "<script>" not in html and "<style" not in html and " style=" not in html
        assert not re.search(r"\son[a-z]+=", html), path


def test_sign_in_next_never_leaves_the_console(browser_factory) -> None:
    browser = browser_factory()
    browser.get("/console/login")
    for target in ("https://evil.example/", "//evil.example/", "/console/\\evil", "/api/v1/x"):
        response = browser.post(
            "/console/login", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD, "next": target}
        )
        assert response.headers["location"] == "/console/today", target


def test_a_user_of_tenant_a_sees_nothing_of_tenant_b(admin, service, browser_factory) -> None:
    other = service.add_tenant("Globex")
    other_site = service.add_site(other, "Springfield")
    service.add_user(other, "boss@globex.example", "globex password 1")
    visit = service.create_visit(other, visitor="Homer Simpson", host="Mr Burns")
    device_id, token = pair(service, "Globex lobby", tenant_id=other)
    globex_kiosk = service.authenticate(token)
    service.push_checkins(globex_kiosk, [event(visit["pass"], service.clock())])
    again = service.push_checkins(globex_kiosk, [event(visit["pass"], service.clock())])
    assert again[0]["status"] == "duplicate"
    code = service.create_pairing_code(other, None, "Globex 2")["code"]
    for path in (
        f"/console/visits/{visit['visit_id']}",
        f"/console/visits/{visit['visit_id']}/qr.png",
        f"/console/visits/{visit['visit_id']}/invitation",
        f"/console/kiosks/pairing/{code}",
        f"/console/today?site={other_site}",
        f"/console/rollcall?site={other_site}",
    ):
        assert admin.get(path).status_code == 404, path
    assert admin.get(f"/console/kiosks/pairing/{code}.json").status_code == 404
    assert admin.post(f"/console/visits/{visit['visit_id']}/cancel").status_code == 404
    assert admin.post(f"/console/visits/{visit['visit_id']}/check-out").status_code == 404
    assert admin.post(f"/console/kiosks/{device_id}/revoke").status_code == 404
    foreign_event = again[0]["event_id"]
    assert (
        admin.post(f"/console/conflicts/{foreign_event}/resolve", {"note": "x"}).status_code == 404
    )
    for path in ("/console/today", "/console/kiosks", "/console/conflicts", "/console/rollcall"):
        text = admin.get(path).text
        assert "Homer" not in text and "Globex" not in text and "Springfield" not in text
    assert service.device(other, device_id)["revoked_at"] is None
    globex = browser_factory()
    globex.sign_in("boss@globex.example", "globex password 1")
    assert "Homer Simpson" in globex.get("/console/today").text
    assert isinstance(globex, ConsoleClient)


ADMIN_ONLY = [
    ("GET", "/console/users"),
    ("POST", "/console/users"),
    ("POST", "/console/users/{user_id}/reset-totp"),
    ("GET", "/console/audit"),
    ("GET", "/console/hosts"),
    ("POST", "/console/hosts"),
    ("POST", "/console/hosts/{host_id}/disable"),
    ("GET", "/console/documents"),
    ("POST", "/console/documents"),
    ("GET", "/console/documents/new"),
    ("GET", "/console/documents/{document_id}"),
    ("POST", "/console/documents/{document_id}"),
    ("POST", "/console/documents/sites/{site_id}"),
]


def test_a_receptionist_cannot_reach_admin_pages_or_actions(desk, admin, service) -> None:
    for method, path in _console_routes(service):
        if path.startswith(
            ("/console/users", "/console/audit", "/console/hosts", "/console/documents")
        ):
            assert (method, path) in ADMIN_ONLY  # every admin route is in this test
    for method, path in ADMIN_ONLY:
        if path.startswith("/console/documents"):
            url = path.format(document_id="Dabcde", site_id="abcd")
            answer = desk.get(url) if method == "GET" else desk.post(url, {})
            assert answer.status_code == 403, (method, path)
    assert desk.get("/console/users").status_code == 403
    assert desk.get("/console/audit").status_code == 403
    assert desk.get("/console/hosts").status_code == 403
    refused = desk.post("/console/hosts", {"name": "Eve", "email": "eve@example.com"})
    assert refused.status_code == 403
    response = desk.post(
        "/console/users",
        {"email": "eve@example.com", "password": "long enough pw", "role": "admin"},
    )
    assert response.status_code == 403 and "Your role does not allow" in response.text
    assert "eve@example.com" not in {u["email"] for u in _users(service)}
    assert 'href="/console/users"' not in desk.get("/console/today").text
    assert 'href="/console/users"' in admin.get("/console/today").text
    # what a receptionist may do, they can
    assert desk.get("/console/kiosks").status_code == 200
    assert desk.post("/console/kiosks/pair", {"kiosk_name": "Lobby 7"}).status_code == 303


def test_an_admin_adds_a_receptionist(admin, browser_factory, service) -> None:
    response = admin.post(
        "/console/users",
        {"email": "New.Desk@example.com", "password": "short", "role": "receptionist"},
    )
    assert response.status_code == 422 and "at least 10 characters" in response.text
    assert 'value="New.Desk@example.com"' in response.text
    response = admin.post(
        "/console/users",
        {"email": "New.Desk@example.com", "password": "a long password", "role": "receptionist"},
    )
    assert "User new.desk@example.com was added." in admin.get(response.headers["location"]).text
    bad_role = admin.post(
        "/console/users", {"email": "x@example.com", "password": "a long password", "role": "root"}
    )
    assert bad_role.status_code == 422
    newcomer = browser_factory()
    assert newcomer.sign_in("new.desk@example.com", "a long password").status_code == 303
    assert newcomer.get("/console/users").status_code == 403


def _users(service: AtriumService) -> list[dict[str, object]]:
    return reception.users(service, service.default_tenant())
