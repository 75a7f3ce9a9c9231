"""In Chromium against the real server: a receptionist deletes a visitor's personal data from
the visit page (keyboard only), and an admin uses the Settings page."""

from __future__ import annotations

from typing import Any

import pytest

from server_stub import reception
from server_stub.embedded import EmbeddedServer
from server_stub.erasure import ERASED_NAME
from tests.console.conftest import RECEPTION_EMAIL, RECEPTION_PASSWORD
from tests.console.test_browser import sign_in

pytestmark = pytest.mark.timeout(240)


def sign_in_as(page: Any, live: EmbeddedServer, email: str, password: str) -> None:
    page.goto(f"{live.url}/console/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/console/today")


def test_a_receptionist_deletes_a_visitors_data_with_the_keyboard(
    page: Any, live: EmbeddedServer
) -> None:
    service = live._service
    if RECEPTION_EMAIL not in [u["email"] for u in reception.users(service, live.tenant_id)]:
        service.add_user(live.tenant_id, RECEPTION_EMAIL, RECEPTION_PASSWORD, "receptionist")
    visit = service.create_visit(
        live.tenant_id, visitor="Zebulon Quaxwright", host="Grace Hopper",
        company="Quaxwright Widgets", visitor_email="zebulon@example.org",
    )
    sign_in_as(page, live, RECEPTION_EMAIL, RECEPTION_PASSWORD)
    page.goto(f"{live.url}/console/visits/{visit['visit_id']}")
    assert page.get_by_text("Quaxwright Widgets").is_visible()
    link = page.get_by_role("link", name="Delete the visitor's personal data…")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/visits/{visit['visit_id']}/erase")
    assert page.get_by_text("This cannot be undone").is_visible()
    page.get_by_role("button", name="Delete personal data").click()  # not ticked: the browser
    assert page.url.endswith("/erase")  # keeps the form (required box)
    box = page.get_by_label("Yes, delete this visitor's personal data")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**?erased=1")
    assert page.get_by_role("status").first.inner_text().startswith(
        "The visitor's personal data was deleted"
    )
    body = page.locator("main").inner_text()
    assert "Zebulon" not in body and "Quaxwright" not in body and "zebulon@" not in body
    assert page.locator("#pass-qr").count() == 0
    row = reception.visit(service, live.tenant_id, visit["visit_id"])
    assert (row["visitor"], row["company"], row["visitor_email"]) == (ERASED_NAME, None, None)
    page.get_by_role("link", name="Today").click()
    assert "Zebulon" not in page.locator("main").inner_text()
    page.goto(f"{live.url}/console/settings")
    assert page.get_by_role("heading", name="Not allowed").is_visible()  # admin only


def test_an_admin_sets_retention_and_edits_a_site(page: Any, live: EmbeddedServer) -> None:
    sign_in(page, live)
    page.get_by_role("link", name="Settings").click()
    page.wait_for_url("**/console/settings")
    field = page.get_by_label("Keep visitors' personal data for (days after the departure)")
    assert field.input_value() == "30"
    field.fill("14")
    field.press("Enter")
    page.wait_for_url("**/settings?retention=1")
    assert page.get_by_text("kept for 14 days after the departure").is_visible()
    assert live._service.retention_days(live.tenant_id) == 14
    page.get_by_label("Site name", exact=True).last.fill("Hamburg Harbour")
    page.get_by_role("button", name="Add site").click()
    page.wait_for_url("**/settings?added=*")
    site = next(s for s in live._service.site_settings(live.tenant_id)
                if s["name"] == "Hamburg Harbour")
    form = page.locator(f"#site-{site['id']}")
    form.get_by_label("Time zone").fill("Europe/Hamburg")
    form.get_by_role("button", name="Save").click()
    assert page.get_by_role("alert").inner_text().startswith("'Europe/Hamburg' is not a time")
    form = page.locator(f"#site-{site['id']}")
    form.get_by_label("Time zone").fill("Europe/Berlin")
    form.get_by_label("Address (for invitations)").fill("Am Sandtorkai 1, 20457 Hamburg")
    form.get_by_label("Webhook URL (https only)").fill("https://hooks.example.com/hamburg")
    form.get_by_label("Kiosks take walk-ins (visitors without a code)").uncheck()
    form.get_by_role("button", name="Save").click()
    secret = page.locator("#webhook-secret code.secret").inner_text()
    assert len(secret) >= 32
    [saved] = [s for s in live._service.site_settings(live.tenant_id) if s["id"] == site["id"]]
    assert (saved["timezone"], saved["walk_ins"]) == ("Europe/Berlin", False)
    page.goto(f"{live.url}/console/settings")
    assert page.locator("#webhook-secret").count() == 0
    page.goto(f"{live.url}/console/settings?lang=de")
    assert page.get_by_role("heading", name="Einstellungen").is_visible()
