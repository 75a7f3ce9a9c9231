"""The optional TOTP second factor: enrol with a QR, confirm, sign in with a code or a recovery
code (each once), throttled guesses, an admin's reset."""

from __future__ import annotations

import re
import urllib.parse

import cv2
import numpy as np
import pyotp
import zxingcpp

from tests.console.conftest import RECEPTION_EMAIL, RECEPTION_PASSWORD
from tests.console.helpers import ConsoleClient
from tests.server.helpers import FakeClock


def _enrol(browser: ConsoleClient, clock: FakeClock) -> tuple[pyotp.TOTP, list[str]]:
    """Turn the second factor on through the pages; the secret is read from the QR image."""
    assert "Off: signing in needs only your password." in browser.get("/console/account").text
    assert browser.post("/console/account/totp").headers["location"] == "/console/account/totp"
    page = browser.get("/console/account/totp").text
    assert "Scan this code with an authenticator app" in page
    png = browser.get("/console/account/totp/qr.png").content
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    uri = zxingcpp.read_barcodes(image)[0].text
    assert uri.startswith("otpauth://totp/Atrium:")
    secret = urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)["secret"][0]
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page
    totp = pyotp.TOTP(secret)
    wrong = browser.post("/console/account/totp/confirm", {"code": "000000"})
    assert wrong.status_code == 422 and "that code does not match" in wrong.text
    done = browser.post("/console/account/totp/confirm", {"code": totp.at(clock.now)})
    assert done.status_code == 200 and "They are shown only now." in done.text
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", done.text)
    assert len(codes) == 10
    assert "On: signing in asks for a code" in browser.get("/console/account").text
    return totp, codes


def _password_step(browser: ConsoleClient) -> str:
    browser.get("/console/login")
    response = browser.post(
        "/console/login", {"email": RECEPTION_EMAIL, "password": RECEPTION_PASSWORD}
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("/console/login/code")
    assert "atrium_access" not in response.headers.get("set-cookie", "")
    return str(response.headers["location"])


def test_enrol_then_sign_in_asks_for_the_code(desk, browser_factory, clock) -> None:
    totp, _ = _enrol(desk, clock)
    clock.advance(60)
    browser = browser_factory()
    location = _password_step(browser)
    assert "One-time code" in browser.get(location).text
    wrong = browser.post("/console/login/code", {"code": "123456"})
    assert wrong.status_code == 401 and "wrong or was already used" in wrong.text
    right = browser.post("/console/login/code", {"code": totp.at(clock.now)})
    assert right.headers["location"] == "/console/today"
    assert browser.get("/console/today").status_code == 200
    # the same code does not sign in a second time
    other = browser_factory()
    _password_step(other)
    assert other.post("/console/login/code", {"code": totp.at(clock.now)}).status_code == 401


def test_a_recovery_code_signs_in_once(desk, browser_factory, clock) -> None:
    _, codes = _enrol(desk, clock)
    first = browser_factory()
    _password_step(first)
    assert first.post("/console/login/code", {"code": codes[0].upper()}).status_code == 303
    second = browser_factory()
    _password_step(second)
    assert second.post("/console/login/code", {"code": codes[0]}).status_code == 401


def test_the_json_api_refuses_a_password_alone(desk, service, clock) -> None:
    totp, _ = _enrol(desk, clock)
    response = desk.http.post(
        "/api/v1/auth/login", json={"email": RECEPTION_EMAIL, "password": RECEPTION_PASSWORD}
    )
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "totp_required"
    clock.advance(60)
    body = {"email": RECEPTION_EMAIL, "password": RECEPTION_PASSWORD, "totp": "000000"}
    wrong = desk.http.post("/api/v1/auth/login", json=body)
    assert wrong.status_code == 401 and wrong.json()["detail"]["code"] == "invalid_totp"
    right = desk.http.post("/api/v1/auth/login", json={**body, "totp": totp.at(clock.now)})
    assert right.status_code == 200 and right.json()["token_type"] == "user"


def test_no_code_step_without_a_right_password(browser_factory, service) -> None:
    browser = browser_factory()
    assert browser.get("/console/login/code").headers["location"] == "/console/login"
    browser.get("/console/login")
    browser.http.cookies.set(
        "atrium_ticket", "forged.ticket.1.abc", domain="testserver.local", path="/console"
    )
    response = browser.post("/console/login/code", {"code": "123456"})
    assert response.headers["location"] == "/console/login?notice=expired"


def test_the_code_step_expires_after_five_minutes(desk, browser_factory, clock) -> None:
    totp, _ = _enrol(desk, clock)
    browser = browser_factory()
    _password_step(browser)
    clock.advance(301)
    response = browser.post("/console/login/code", {"code": totp.at(clock.now)})
    assert response.headers["location"] == "/console/login?notice=expired"
    assert "Your session has ended." in browser.get(response.headers["location"]).text


def test_code_guesses_are_throttled(desk, browser_factory, clock) -> None:
    _enrol(desk, clock)
    browser = browser_factory()
    _password_step(browser)
    statuses = [
        browser.post("/console/login/code", {"code": f"{n:06d}"}).status_code for n in range(8)
    ]
    assert statuses[0] == 401 and 429 in statuses


def test_an_admin_resets_a_lost_second_factor(desk, admin, browser_factory, clock, service) -> None:
    _enrol(desk, clock)
    users = admin.get("/console/users").text
    user_id = re.search(r'action="/console/users/([^"/]+)/reset-totp"', users)
    assert user_id
    assert desk.post(f"/console/users/{user_id[1]}/reset-totp").status_code == 403
    done = admin.post(f"/console/users/{user_id[1]}/reset-totp")
    assert (
        "Two-step sign-in of desk@example.com was reset."
        in admin.get(done.headers["location"]).text
    )
    browser = browser_factory()
    assert browser.sign_in(RECEPTION_EMAIL, RECEPTION_PASSWORD).headers["location"] == (
        "/console/today"
    )
