"""The console's erasure (visit page, receptionists may), the Settings page (admin only,
checked on the server) and the company field on every page that shows a visitor."""

from __future__ import annotations

import re

from server_stub import audit, reception
from server_stub.service import AtriumService
from tests.console.helpers import ConsoleClient
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, FakeClock, event, pair

FORM = {"visitor": "Zebulon Quaxwright", "company": "Quaxwright Widgets", "host": "Grace Hopper",
        "arrive": "2027-01-15T10:00", "depart": "2027-01-15T12:00"}


def create(desk: ConsoleClient, **extra: str) -> str:
    desk.get("/console/visits/new")
    answer = desk.post("/console/visits", {**FORM, **extra})
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"]).split("/visits/")[1].split("?")[0]


def test_the_company_is_on_the_visit_today_roll_call_and_invitation(
    desk: ConsoleClient, service: AtriumService
) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper",
                                 company="Analytical Engines Ltd")
    assert 'name="company"' in desk.get("/console/visits/new").text
    made = create(desk)
    assert reception.visit(service, tenant_id, made)["company"] == "Quaxwright Widgets"
    for path in (f"/console/visits/{visit['visit_id']}",
                 f"/console/visits/{visit['visit_id']}/invitation", "/console/today"):
        assert "Analytical Engines Ltd" in desk.get(path).text, path
    live = desk.get("/console/today.json").json()
    assert {v["company"] for v in live["groups"]["expected"]} == {
        "Analytical Engines Ltd", "Quaxwright Widgets"
    }
    assert "Analytical" in desk.get("/console/today?q=analytical").text
    _, token = pair(service)
    service.push_checkins(service.authenticate(token), [event(visit["pass"], service.clock())])
    assert "Analytical Engines Ltd" in desk.get("/console/rollcall").text


def test_a_receptionist_erases_a_visitor_after_confirming(
    desk: ConsoleClient, service: AtriumService
) -> None:
    tenant_id = service.default_tenant()
    visit_id = create(desk, visitor_email="zebulon@example.org")
    page = desk.get(f"/console/visits/{visit_id}").text
    assert f'href="/console/visits/{visit_id}/erase"' in page
    form = desk.get(f"/console/visits/{visit_id}/erase").text
    assert 'name="confirm"' in form and "cannot be undone" in form
    assert desk.post(f"/console/visits/{visit_id}/erase", {"confirm": "yes"},
                     csrf="").status_code in (400, 403)
    assert desk.post(f"/console/visits/{visit_id}/erase", {"confirm": "yes"},
                     csrf="forged").status_code == 403
    unconfirmed = desk.post(f"/console/visits/{visit_id}/erase", {})
    assert unconfirmed.status_code == 422 and "Tick the box" in unconfirmed.text
    assert reception.visit(service, tenant_id, visit_id)["erased_at"] is None
    done = desk.post(f"/console/visits/{visit_id}/erase", {"confirm": "yes"})
    assert done.status_code == 303 and done.headers["location"].endswith("?erased=1")
    shown = desk.get(done.headers["location"]).text
    assert "personal data was deleted" in shown and 'id="erased-badge"' in shown
    assert "Zebulon" not in shown and "Quaxwright" not in shown and "zebulon@" not in shown
    assert 'id="pass-qr"' not in shown and "/erase" not in shown
    assert "(erased)" in desk.get("/console/today").text
    for path in ("invitation", "qr.png"):
        assert desk.get(f"/console/visits/{visit_id}/{path}").status_code == 404
    german = desk.get(f"/console/visits/{visit_id}?lang=de").text
    assert "(gelöscht)" in german and "Personendaten gelöscht" in german
    entries = [(e["action"], e["subject"]) for e in audit.entries(service, tenant_id)]
    assert ("visit.erased", visit_id) in entries
    again = desk.get(f"/console/visits/{visit_id}/erase")
    assert again.status_code == 303  # nothing left to erase: back to the visit


def test_only_admins_reach_the_settings(desk: ConsoleClient, admin: ConsoleClient) -> None:
    assert desk.get("/console/settings").status_code == 403
    assert 'href="/console/settings"' not in desk.get("/console/today").text
    for path, data in (("/console/settings/retention", {"retention_days": "5"}),
                       ("/console/settings/sites", {"name": "Sneaky"})):
        assert desk.post(path, data).status_code == 403
    assert 'href="/console/settings"' in admin.get("/console/today").text
    assert admin.post("/console/settings/retention", {"retention_days": "5"},
                      csrf="forged").status_code == 403


def test_the_retention_is_set_on_the_settings_page(
    admin: ConsoleClient, service: AtriumService
) -> None:
    tenant_id = service.default_tenant()
    page = admin.get("/console/settings").text
    assert 'name="retention_days"' in page and 'value="30"' in page
    saved = admin.post("/console/settings/retention", {"retention_days": "45"})
    assert saved.status_code == 303
    assert "kept for 45 days" in admin.get(saved.headers["location"]).text
    assert service.retention_days(tenant_id) == 45
    admin.get("/console/settings?lang=de")
    bad = admin.post("/console/settings/retention", {"retention_days": "0"})
    assert bad.status_code == 422 and "1 bis 3650 Tage" in bad.text
    assert service.retention_days(tenant_id) == 45
    actions = [e["action"] for e in audit.entries(service, tenant_id)]
    assert actions.count("settings.retention") == 1


def test_sites_are_added_and_edited_with_checked_fields(
    admin: ConsoleClient, service: AtriumService
) -> None:
    tenant_id = service.default_tenant()
    admin.get("/console/settings?lang=en")
    added = admin.post("/console/settings/sites", {"name": "Munich Office"})
    assert added.status_code == 303
    assert "Site Munich Office was added" in admin.get(added.headers["location"]).text
    site = next(s for s in service.site_settings(tenant_id) if s["name"] == "Munich Office")
    assert admin.post("/console/settings/sites", {"name": "Munich Office"}).status_code == 409
    fields = {"name": "Munich Office", "address": "Marienplatz 1, 80331 München",
              "timezone": "Mars/Olympus", "language": "de", "webhook_url": ""}
    bad_zone = admin.post(f"/console/settings/sites/{site['id']}", fields)
    assert bad_zone.status_code == 422 and "is not a time zone" in bad_zone.text
    assert 'value="Mars/Olympus"' in bad_zone.text  # kept to be corrected
    fields["timezone"] = "Europe/Berlin"
    fields["webhook_url"] = "http://hooks.example.com/x"
    assert admin.post(f"/console/settings/sites/{site['id']}", fields).status_code == 422
    fields["webhook_url"] = "https://hooks.example.com/atrium"
    shown = admin.post(f"/console/settings/sites/{site['id']}", fields)  # walk_ins unticked
    assert shown.status_code == 200 and 'id="webhook-secret"' in shown.text
    secret = re.search(r'<code class="secret">([^<]+)</code>', shown.text)
    assert secret is not None and len(secret[1]) >= 32
    assert secret[1] not in admin.get("/console/settings").text  # shown once
    [saved] = [s for s in service.site_settings(tenant_id) if s["id"] == site["id"]]
    assert saved == {**site, "address": "Marienplatz 1, 80331 München",
                     "timezone": "Europe/Berlin", "language": "de",
                     "webhook_url": "https://hooks.example.com/atrium", "walk_ins": False}
    again = admin.post(f"/console/settings/sites/{site['id']}", {**fields, "walk_ins": "on"})
    assert again.status_code == 303  # same URL: no new secret
    renewed = admin.post(f"/console/settings/sites/{site['id']}/secret", {})
    fresh = re.search(r'<code class="secret">([^<]+)</code>', renewed.text)
    assert fresh is not None and fresh[1] != secret[1]
    actions = [(e["action"], e["subject"]) for e in audit.entries(service, tenant_id)]
    assert actions.count(("site.webhook_secret", site["id"])) == 2
    assert ("site.added", site["id"]) in actions and ("site.changed", site["id"]) in actions
    assert all("München" not in str(e) for e in audit.entries(service, tenant_id))


def test_the_audit_log_shows_a_purge_by_its_count(
    admin: ConsoleClient, service: AtriumService, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    service.create_visit(tenant_id, visitor="Old Visitor", host="Grace Hopper",
                         arrive=clock() + 60, depart=clock() + 3600)
    clock.advance(31 * 86400)
    assert service.purge()[0]["erased"] == 1
    assert admin.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).status_code == 303  # a month later
    page = admin.get("/console/audit?lang=de").text
    assert "Aufbewahrung: Personendaten von Besuchen gelöscht" in page
    assert "1 Besuche" in page and "Aufbewahrungsfrist" in page
    assert "Old Visitor" not in page
