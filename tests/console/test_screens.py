"""A PNG of every console page (en, de; 1366x768 and a 390 px phone) under build/screens/console.

Each page is also checked for what a person would notice: nothing wider than the screen
(no sideways scrolling) and a label for every form control.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pyotp
import pytest

from server_stub import hosts
from server_stub.embedded import EmbeddedServer
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, event

pytestmark = pytest.mark.timeout(300)
SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens" / "console"
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}
LOCALES = {"en": "en-GB", "de": "de-DE"}
UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, button')]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.textContent.trim())
  .map(el => el.outerHTML)"""


def _seed(live: EmbeddedServer) -> dict[str, str]:
    """A morning at reception: expected, on site (two kiosks), one cancelled, a conflict."""
    service = live._service
    host_ids = [
        hosts.add(service, live.tenant_id, name, email, None, "-")
        for name, email in (
            ("Grace Hopper", "grace@example.com"),
            ("Edsger Dijkstra", "ewd@example.com"),
        )
    ]
    names = [
        "Ada Lovelace",
        "Alan Turing",
        "Katherine Johnson",
        "Tim Berners-Lee",
        "Margaret Hamilton",
        "Dorothy Vaughan",
    ]
    visits = [
        live.create_visit(name, host, arrive=None, depart=None)
        for name, host in zip(names, ["Grace Hopper", "Edsger Dijkstra"] * 3, strict=True)
    ]
    devices = []
    for kiosk in ("Lobby 1", "Lobby 2"):
        code = live.pairing_code(kiosk)
        devices.append(service.authenticate(service.redeem_pairing_code(code)["device_token"]))
    for visit, device in zip(visits[:3], [devices[0], devices[1], devices[0]], strict=True):
        service.push_checkins(device, [event(visit["pass"], time.time())])
    service.push_checkins(devices[1], [event(visits[0]["pass"], time.time() + 1)])  # a conflict
    leaving = {"event_id": "screens-exit", "kind": "exit", "scanned_at": time.time() + 2,
               "pass": visits[2]["pass"]}  # checked out at Lobby 2
    service.push_checkins(devices[1], [leaving])
    [walk_in] = service.push_checkins(devices[0], [
        {"event_id": "screens-walk-in", "kind": "walk_in", "scanned_at": time.time(),
         "name": "Annie Easley", "company": "NASA", "host_id": host_ids[0], "language": "en"}
    ])
    brief = service.create_visit(live.tenant_id, visitor="Grace Murray", host="Edsger Dijkstra",
                                 arrive=time.time() - 60, depart=time.time() + 2)
    service.push_checkins(devices[0], [event(brief["pass"], time.time())])
    time.sleep(2.5)  # her departure passes without a check-out: the roll call leaves her off
    live.cancel_visit(visits[5]["visit_id"])
    code = live.pairing_code("Lobby 3")
    invited = service.create_visit(
        live.tenant_id, visitor="Hedy Lamarr", host="Grace Hopper", visitor_email="hedy@example.org"
    )
    return {"visit": visits[0]["visit_id"], "code": code, "invited": invited["visit_id"],
            "walk_in": walk_in["visit_id"], "expired": brief["visit_id"]}


def _sign_in(
    tab: Any, live: EmbeddedServer, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD
) -> None:
    tab.goto(f"{live.url}/console/login")
    tab.locator("#email").fill(email)
    tab.locator("#password").fill(password)
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url("**/console/today")


def test_every_page_in_both_languages_and_sizes(browser: Any, live: EmbeddedServer) -> None:
    seeded = _seed(live)
    pages = {
        "today": "/console/today",
        "visit-new": "/console/visits/new",
        "visit": f"/console/visits/{seeded['visit']}",
        "invitation": f"/console/visits/{seeded['visit']}/invitation",
        "visit-mail": f"/console/visits/{seeded['invited']}",
        "visit-walk-in": f"/console/visits/{seeded['walk_in']}",
        "visit-expired": f"/console/visits/{seeded['expired']}",
        "outbox": "/console/outbox",
        "kiosks": "/console/kiosks",
        "pairing": f"/console/kiosks/pairing/{seeded['code']}",
        "rollcall": "/console/rollcall",
        "conflicts": "/console/conflicts",
        "users": "/console/users",
        "account": "/console/account",
        "audit": "/console/audit",
        "hosts": "/console/hosts",
        "not-found": "/console/visits/unknown",
    }
    problems: list[str] = []
    for lang, locale in LOCALES.items():
        for size, (width, height) in SIZES.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale=locale
            )
            tab = context.new_page()
            tab.set_default_timeout(15_000)
            tab.goto(f"{live.url}/console/login")
            shoot(tab, lang, "login", size, problems)
            _sign_in(tab, live)
            for name, path in pages.items():
                tab.goto(f"{live.url}{path}")
                assert tab.locator("html").get_attribute("lang") == lang
                shoot(tab, lang, name, size, problems)
            tab.emulate_media(media="print")
            tab.goto(f"{live.url}/console/rollcall")
            shoot(tab, lang, "rollcall-print", size, problems)
            tab.emulate_media(media="screen")
            _two_step_pages(tab, live, lang, size, problems)
            context.close()
    assert problems == []


def _two_step_pages(
    tab: Any, live: EmbeddedServer, lang: str, size: str, problems: list[str]
) -> None:
    """Enrolment, recovery codes and the code step of sign-in, as a user of their own."""
    email, password = f"two.{lang}.{size}@example.com", "two step password"
    live._service.add_user(live.tenant_id, email, password, role="receptionist")
    tab.locator("form[action='/console/logout'] button").click()
    tab.wait_for_url("**/console/login?notice=signed_out")
    _sign_in(tab, live, email, password)
    tab.goto(f"{live.url}/console/account")
    tab.locator("form[action='/console/account/totp'] button").click()
    tab.wait_for_url("**/console/account/totp")
    shoot(tab, lang, "account-totp", size, problems)
    totp = pyotp.TOTP(tab.locator("code.secret").inner_text().replace(" ", ""))
    tab.locator("#code").fill(totp.now())
    tab.locator("form[action='/console/account/totp/confirm'] button").click()
    tab.locator("ul.codes").wait_for()
    shoot(tab, lang, "account-recovery", size, problems)
    tab.locator("form[action='/console/logout'] button").click()
    tab.wait_for_url("**/console/login?notice=signed_out")
    tab.locator("#email").fill(email)
    tab.locator("#password").fill(password)
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url("**/console/login/code*")
    shoot(tab, lang, "login-code", size, problems)


def shoot(tab: Any, lang: str, name: str, size: str, problems: list[str]) -> None:
    target = SCREENS / lang / f"{name}-{size}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(target), full_page=True)
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        problems.append(f"{lang}/{name}-{size}: {overflow} px wider than the screen")
    for html in tab.evaluate(UNLABELLED):
        problems.append(f"{lang}/{name}-{size}: unlabelled control {html[:80]}")
