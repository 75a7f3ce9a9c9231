"""Console sessions: 15-minute access token, 7-day refresh token rotated on use, family revoked
on reuse, sign-out ends the family, sign-in throttled through the service's one rule."""

from __future__ import annotations

import sqlalchemy as sa

from server_stub import sessions
from tests.console.helpers import ConsoleClient
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, FakeClock


def _cookie(browser: ConsoleClient, name: str) -> str:
    value = browser.http.cookies.get(name, path="/console")
    assert value, f"no {name} cookie"
    return str(value)


def _with_refresh(browser_factory, raw: str) -> ConsoleClient:  # type: ignore[no-untyped-def]
    """Another browser holding a copy of a refresh token (and nothing else)."""
    thief = browser_factory()
    thief.http.cookies.set("atrium_refresh", raw, domain="testserver.local", path="/console")
    return thief


def test_an_expired_access_token_is_renewed_by_the_refresh_token(admin, clock: FakeClock) -> None:
    first_access = _cookie(admin, "atrium_access")
    first_refresh = _cookie(admin, "atrium_refresh")
    clock.advance(15 * 60 + 61)  # past the access token's 15 minutes (and its leeway)
    response = admin.get("/console/today")
    assert response.status_code == 200
    assert _cookie(admin, "atrium_access") != first_access
    assert _cookie(admin, "atrium_refresh") != first_refresh  # rotated on every use
    set_cookies = response.headers.get_list("set-cookie")
    assert any(c.startswith("atrium_refresh=") and "Max-Age=604800" in c for c in set_cookies)
    assert any(c.startswith("atrium_access=") and "Max-Age=900" in c for c in set_cookies)


def test_without_a_refresh_token_an_expired_session_signs_in_again(admin, clock) -> None:
    admin.http.cookies.delete("atrium_refresh", path="/console")
    clock.advance(15 * 60 + 61)
    assert admin.get("/console/today").headers["location"].startswith("/console/login")


def test_a_reused_refresh_token_revokes_its_whole_family(admin, browser_factory, clock) -> None:
    stolen = _cookie(admin, "atrium_refresh")
    clock.advance(15 * 60 + 61)
    assert admin.get("/console/today").status_code == 200  # the user refreshes: stolen is used
    clock.advance(sessions.REUSE_GRACE_S + 1)
    thief = _with_refresh(browser_factory, stolen)
    response = thief.get("/console/today")
    assert response.status_code == 303 and "/console/login" in response.headers["location"]
    # the user's own, newer token died with the family once their access token runs out
    assert admin.get("/console/today").status_code == 200  # access token still valid
    clock.advance(15 * 60 + 61)
    assert admin.get("/console/today").headers["location"].startswith("/console/login")


def test_a_thief_who_refreshes_first_is_cut_off_when_the_user_refreshes(
    admin, browser_factory, clock
) -> None:
    thief = _with_refresh(browser_factory, _cookie(admin, "atrium_refresh"))
    assert thief.get("/console/today").status_code == 200  # the copy works, once
    clock.advance(15 * 60 + 61)
    assert admin.get("/console/today").status_code == 303  # the user's token: already used
    assert thief.get("/console/today").status_code == 303  # the thief's successor died too


def test_two_requests_racing_with_one_token_do_not_end_the_session(
    admin, browser_factory, clock
) -> None:
    copy = _cookie(admin, "atrium_refresh")
    clock.advance(15 * 60 + 61)
    assert admin.get("/console/today").status_code == 200  # rotates
    racer = _with_refresh(browser_factory, copy)
    assert racer.get("/console/today.json").status_code == 401  # refused, within the grace
    clock.advance(15 * 60 + 61)
    assert admin.get("/console/today").status_code == 200  # the family lives on


def test_sign_out_ends_the_refresh_family(admin, browser_factory) -> None:
    raw = _cookie(admin, "atrium_refresh")
    response = admin.post("/console/logout")
    assert response.headers["location"] == "/console/login?notice=signed_out"
    cleared = response.headers.get_list("set-cookie")
    assert any(c.startswith("atrium_access=") and "Max-Age=0" in c for c in cleared)
    assert any(c.startswith("atrium_refresh=") and "Max-Age=0" in c for c in cleared)
    replay = _with_refresh(browser_factory, raw)
    assert replay.get("/console/today").headers["location"].startswith("/console/login")


def test_a_refresh_token_lasts_seven_days(admin, clock) -> None:
    clock.advance(sessions.REFRESH_TOKEN_S + 1)
    assert admin.get("/console/today").headers["location"].startswith("/console/login")


def test_forged_or_foreign_refresh_tokens_are_refused(browser_factory, service) -> None:
    tenant_id = service.default_tenant()
    for raw in ("", "nodot", f"{tenant_id}.guess", "x" * 300, "../etc.passwd", f"zz99.{'a' * 43}"):
        browser = _with_refresh(browser_factory, raw)
        response = browser.get("/console/today")
        assert response.status_code == 303, raw


def test_only_the_digest_of_a_refresh_token_is_stored(admin, service) -> None:
    raw = _cookie(admin, "atrium_refresh")
    with service.store.read(service.default_tenant()) as conn:
        stored = [r[0] for r in conn.execute(sa.text("SELECT token_hash FROM refresh_tokens"))]
    assert raw not in stored and raw.split(".", 1)[1] not in "".join(stored)
    assert len(stored) == 1 and len(stored[0]) == 64


def test_sign_in_is_throttled_through_the_services_rule(browser_factory) -> None:
    browser = browser_factory()
    browser.get("/console/login")
    statuses = []
    for _ in range(8):
        response = browser.post(
            "/console/login", {"email": ADMIN_EMAIL, "password": "not the password"}
        )
        statuses.append(response.status_code)
    assert statuses[:5] == [401] * 5
    assert 429 in statuses
    throttled = browser.post("/console/login", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) >= 1
    assert "Too many failed sign-ins. Try again in" in throttled.text
