"""The console in Debian's Chromium against the real server over HTTPS (its own CA trusted).

Flows: sign in; pair a kiosk from the page with a real `atrium-kiosk pair`; register a visit
and decode the QR on the page; a kiosk check-in synced appears on Today without a reload;
roll call print view; cancel; sign out.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pyotp
import pytest
import zxingcpp

from server_stub import reception
from server_stub.embedded import EmbeddedServer
from server_stub.qr import qr_png
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, event

pytestmark = pytest.mark.timeout(240)


def kiosk_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real kiosk command line, with its token in a 0600 file (no keyring in tests)."""
    command = [
        sys.executable,
        "-m",
        "kiosk_app",
        "--data-dir",
        str(data_dir),
        "--credential-store",
        "file",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def sign_in(page: Any, live: EmbeddedServer) -> None:
    page.goto(f"{live.url}/console/")
    page.get_by_label("E-mail").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/console/today")


def local_input(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).astimezone().strftime("%Y-%m-%dT%H:%M")


def register(page: Any, live: EmbeddedServer, visitor: str, now: float | None = None) -> str:
    page.goto(f"{live.url}/console/visits/new")
    page.get_by_label("Visitor name").fill(visitor)
    page.get_by_label("Host").fill("Grace Hopper")
    if now is not None:
        page.get_by_label("Arrival").fill(local_input(now - 60))
        page.get_by_label("Departure").fill(local_input(now + 7200))
    page.get_by_role("button", name="Register visit").click()
    page.wait_for_url("**/console/visits/*?created=1")
    return str(page.url.split("/visits/")[1].split("?")[0])


def test_the_page_is_served_over_https_trusted_through_the_servers_ca(page, live) -> None:
    response = page.goto(f"{live.url}/console/login")
    assert response is not None and response.ok
    security = response.security_details()
    assert security is not None and security["protocol"].startswith("TLS")
    assert response.headers["x-frame-options"] == "DENY"


def test_pair_register_check_in_roll_call_cancel_sign_out(page, live, tmp_path) -> None:
    sign_in(page, live)
    # pair a kiosk from the page, with the real kiosk CLI and the code read from the page
    page.get_by_role("link", name="Kiosks").click()
    page.get_by_label("Kiosk name").fill("Lobby 1")
    page.get_by_role("button", name="Get a pairing code").click()
    code = "".join(ch for ch in page.locator(".pairing .code").inner_text() if ch.isdigit())
    assert len(code) == 6
    page.evaluate("window.stillTheSamePage = true")
    kiosk_dir = tmp_path / "kiosk"
    paired = kiosk_cli(
        kiosk_dir,
        "pair",
        "--server",
        live.url,
        "--code",
        code,
        "--ca-cert",
        str(live.ca_cert),
        "--admin-pin",
        "2468",
    )
    assert paired.returncode == 0, paired.stderr
    page.locator(".pair-state.paired").wait_for()
    assert "Paired: Lobby 1 is ready." in page.locator(".pair-state").inner_text()
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.locator(".countdown").is_hidden()
    page.get_by_role("link", name="Kiosks").click()
    assert "Lobby 1" in page.locator("table.kiosks").inner_text()

    # register a visit valid now; the QR on the page decodes to the stored pass
    visit_id = register(page, live, "Ada Lovelace", now=dt.datetime.now().timestamp())
    shot = page.locator("#pass-qr").screenshot()
    image = cv2.imdecode(np.frombuffer(shot, np.uint8), cv2.IMREAD_GRAYSCALE)
    decoded = [code.text for code in zxingcpp.read_barcodes(image)]
    stored = reception.visit(live._service, live.tenant_id, visit_id)["pass"]
    assert decoded == [stored]

    # Today: the kiosk's check-in, synced, shows up without a reload
    page.get_by_role("link", name="Today").click()
    page.evaluate("window.stillTheSamePage = true")
    on_site = page.locator('tbody[data-group="on_site"]')
    assert "Ada Lovelace" not in on_site.inner_text()
    qr_file = tmp_path / "ada.png"
    qr_file.write_bytes(qr_png(decoded[0]))
    checked = kiosk_cli(kiosk_dir, "checkin", str(qr_file))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    synced = kiosk_cli(kiosk_dir, "sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    on_site.locator("tr", has_text="Ada Lovelace").wait_for()
    row = on_site.locator("tr", has_text="Ada Lovelace").inner_text()
    assert "Lobby 1" in row
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.locator('.counts [data-count="on_site"]').inner_text() == "1"

    # roll call, in its print view: only the list, with a tick box per person
    page.get_by_role("link", name="Roll call").click()
    page.wait_for_url("**/console/rollcall")
    page.emulate_media(media="print")
    assert page.locator("header.top").is_hidden()
    assert page.get_by_label("Ada Lovelace accounted for").is_visible()
    page.get_by_label("Ada Lovelace accounted for").check()
    page.emulate_media(media="screen")

    # the same pass shown at a second kiosk: a conflict, resolved with a note
    service = live._service
    second = service.redeem_pairing_code(live.pairing_code("Lobby 2"))["device_token"]
    kiosk_2 = service.authenticate(second)
    assert service.push_checkins(kiosk_2, [event(decoded[0], time.time())])[0]["status"] == (
        "duplicate"
    )
    page.get_by_role("link", name="Conflicts").click()
    page.get_by_label("Note on the conflict of Ada Lovelace").fill("Shown twice, same visitor")
    page.get_by_role("button", name="Mark resolved").click()
    page.wait_for_url("**/console/conflicts?done=1")
    assert "No open conflicts." in page.locator("main").inner_text()
    assert "Shown twice, same visitor" in page.locator("main").inner_text()

    # cancel another visit: its pass is revoked
    other = register(page, live, "Charles Babbage")
    page.get_by_role("button", name="Cancel visit").click()
    page.wait_for_url(f"**/console/visits/{other}?cancelled=1")
    assert "no longer opens any kiosk" in page.locator("main").inner_text()
    assert reception.visit(live._service, live.tenant_id, other)["cancelled_at"] is not None

    # sign out: the session is gone
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/console/login?notice=signed_out")
    assert "You have signed out." in page.locator("main").inner_text()
    page.goto(f"{live.url}/console/today")
    assert "/console/login" in page.url


def test_two_step_sign_in_in_the_browser(page, live) -> None:
    live._service.add_user(live.tenant_id, "two.step@example.com", "two step password")
    page.goto(f"{live.url}/console/login")
    page.get_by_label("E-mail").fill("two.step@example.com")
    page.get_by_label("Password").fill("two step password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/console/today")
    page.get_by_role("link", name="My account").click()
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.wait_for_url("**/console/account/totp")
    assert page.locator("#totp-qr").evaluate("img => img.naturalWidth") > 0
    totp = pyotp.TOTP(page.locator("code.secret").inner_text().replace(" ", ""))
    page.get_by_label("6-digit code").fill(totp.now())
    page.get_by_role("button", name="Confirm").click()
    assert len(page.locator("ul.codes li").all()) == 10
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/console/login?notice=signed_out")
    page.get_by_label("E-mail").fill("two.step@example.com")
    page.get_by_label("Password").fill("two step password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/console/login/code*")
    code = totp.at(time.time() + 30)  # the next step: the enrolment code is spent
    page.get_by_label("The 6-digit code from your authenticator app, or a recovery code").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/console/today")
