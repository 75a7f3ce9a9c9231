"""Console pages through the app: pairing, visits, Today, roll call, conflicts, languages."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import cv2
import numpy as np
import zxingcpp
from fastapi.testclient import TestClient

from server_stub import reception
from server_stub.app import create_app
from server_stub.service import AtriumService
from tests.console.helpers import ConsoleClient
from tests.server.helpers import FakeClock, event, pair


def _location(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 303, response.text[:300]
    return str(response.headers["location"])


def _local(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).astimezone().strftime("%Y-%m-%dT%H:%M")


def _new_visit(browser: ConsoleClient, visitor: str = "Ada Lovelace", now: float = 0) -> str:
    """Register a visit through the form: the default window, or from ``now`` for 2 hours."""
    form = browser.get("/console/visits/new").text
    arrive = re.search(r'id="arrive"[^>]*value="([^"]+)"', form)
    depart = re.search(r'id="depart"[^>]*value="([^"]+)"', form)
    assert arrive and depart
    window = (_local(now - 60), _local(now + 7200)) if now else (arrive[1], depart[1])
    fields = {"visitor": visitor, "host": "Grace Hopper", "arrive": window[0], "depart": window[1]}
    location = _location(browser.post("/console/visits", fields))
    return location.split("/")[3].split("?")[0]


def test_root_redirects_to_the_console_and_the_sign_in(browser_factory) -> None:
    browser = browser_factory()
    assert browser.get("/").headers["location"] == "/console/"
    assert browser.get("/console/").headers["location"] == "/console/login"
    assert browser.get("/console/today").headers["location"].startswith("/console/login?next=")


def test_wrong_password_is_one_message_and_keeps_the_e_mail(browser_factory) -> None:
    browser = browser_factory()
    browser.get("/console/login")
    response = browser.post(
        "/console/login", {"email": "admin@example.com", "password": "wrong password!"}
    )
    assert response.status_code == 401
    assert "Wrong e-mail or password." in response.text
    assert 'value="admin@example.com"' in response.text
    assert "atrium_access" not in response.headers.get("set-cookie", "")


def test_pairing_code_page_turns_paired_when_a_kiosk_redeems(admin, service) -> None:
    location = _location(admin.post("/console/kiosks/pair", {"kiosk_name": "Lobby 1"}))
    code = location.rsplit("/", 1)[1]
    page = admin.get(location).text
    assert f"{code[:3]}&#8239;{code[3:]}" in page
    assert "Valid for 10:00" in page
    status = admin.get(location + ".json").json()
    assert status["state"] == "waiting" and status["remaining_s"] == 600
    service.redeem_pairing_code(code)
    status = admin.get(location + ".json").json()
    assert status == {"state": "paired", "remaining_s": 0, "message": "Paired: Lobby 1 is ready."}
    kiosks = admin.get("/console/kiosks").text
    assert "Lobby 1" in kiosks and "never" in kiosks


def test_pairing_code_expires_on_the_page(admin, clock: FakeClock) -> None:
    location = _location(admin.post("/console/kiosks/pair", {"kiosk_name": "Lobby 2"}))
    clock.advance(601)
    assert admin.get(location + ".json").json()["state"] == "expired"
    assert "This code has expired" in admin.get(location).text


def test_pairing_without_a_name_shows_the_rule(admin) -> None:
    response = admin.post("/console/kiosks/pair", {"kiosk_name": "   "})
    assert response.status_code == 422
    assert "kiosk name must be 1 to 100 characters" in response.text


def test_revoke_a_kiosk(admin, service: AtriumService) -> None:
    device_id, _ = pair(service, "Lobby 3")
    location = _location(admin.post(f"/console/kiosks/{device_id}/revoke"))
    page = admin.get(location).text
    assert "Kiosk Lobby 3 was revoked." in page
    assert service.device(service.default_tenant(), device_id)["revoked_at"] is not None


def test_new_visit_defaults_to_the_next_full_hour_for_two_hours(admin) -> None:
    form = admin.get("/console/visits/new").text
    arrive = re.search(r'id="arrive"[^>]*value="([^"]+)"', form)
    depart = re.search(r'id="depart"[^>]*value="([^"]+)"', form)
    assert arrive and depart and arrive[1].endswith(":00") and depart[1].endswith(":00")
    hours = (int(depart[1][11:13]) - int(arrive[1][11:13])) % 24
    assert hours == 2


def test_visit_qr_decodes_to_its_pass_and_the_invitation_prints_it(admin, service) -> None:
    visit_id = _new_visit(admin)
    page = admin.get(f"/console/visits/{visit_id}?created=1").text
    assert "Visit registered." in page and "Grace Hopper" in page
    png = admin.get(f"/console/visits/{visit_id}/qr.png").content
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    decoded = zxingcpp.read_barcodes(image)
    stored = reception.visit(service, service.default_tenant(), visit_id)["pass"]
    assert [d.text for d in decoded] == [stored]
    invitation = admin.get(f"/console/visits/{visit_id}/invitation").text
    assert "Ada Lovelace" in invitation and "Berlin HQ" in invitation
    assert "hold this code in front of the kiosk camera" in invitation


def test_visit_form_errors_keep_what_was_typed(admin) -> None:
    fields = {
        "visitor": "Ada Lovelace",
        "host": "Grace Hopper",
        "arrive": "2027-01-15T10:00",
        "depart": "2027-01-16T11:00",
    }
    response = admin.post("/console/visits", fields)
    assert response.status_code == 422
    assert "a visit lasts at most 24 hours" in response.text
    assert 'value="Ada Lovelace"' in response.text
    response = admin.post("/console/visits", {**fields, "depart": "2027-01-15T09:00"})
    assert "the departure must be after the arrival" in response.text
    response = admin.post("/console/visits", {**fields, "arrive": "soon"})
    assert "the arrival is not a date and time" in response.text


def test_today_moves_a_visitor_from_expected_to_on_site(admin, service, clock) -> None:
    visit_id = _new_visit(admin, now=clock.now)
    assert admin.get("/console/today.json").json()["counts"]["expected"] == 1
    _, token = pair(service, "Lobby 1")
    claims = service.authenticate(token)
    stored = reception.visit(service, service.default_tenant(), visit_id)
    assert service.push_checkins(claims, [event(stored["pass"], clock.now)])[0]["status"] == (
        "accepted"
    )
    data = admin.get("/console/today.json").json()
    assert data["counts"] == {"expected": 0, "on_site": 1, "left": 0, "cancelled": 0}
    assert data["groups"]["on_site"][0]["kiosk"] == "Lobby 1"
    assert data["groups"]["on_site"][0]["visitor"] == "Ada Lovelace"
    assert "Ada Lovelace" in admin.get("/console/rollcall").text
    assert admin.get("/console/today.json?q=nobody").json()["groups"]["on_site"] == []
    # shown again at another kiosk: a conflict with both uses
    _, other = pair(service, "Lobby 2")
    service.push_checkins(service.authenticate(other), [event(stored["pass"], clock.now + 5)])
    conflicts = admin.get("/console/conflicts").text
    assert "Ada Lovelace" in conflicts and "Lobby 1" in conflicts and "Lobby 2" in conflicts
    timeline = admin.get(f"/console/visits/{visit_id}").text
    assert "Checked in at Lobby 1" in timeline and "Pass shown again at Lobby 2" in timeline
    # check out by hand: the visitor moves to "left", the timeline says so, once
    assert "Check out" in timeline
    page = admin.get(_location(admin.post(f"/console/visits/{visit_id}/check-out"))).text
    assert "The visitor is checked out." in page and "Checked out at reception" in page
    assert '/check-out"' not in page
    counts = admin.get("/console/today.json").json()["counts"]
    assert counts["on_site"] == 0 and counts["left"] == 1
    assert "Ada Lovelace" not in admin.get("/console/rollcall").text
    again = admin.post(f"/console/visits/{visit_id}/check-out")
    assert again.status_code == 303
    timeline = admin.get(f"/console/visits/{visit_id}").text.split('class="timeline"')[1]
    assert timeline.count("Checked out at reception") == 1  # once in the timeline
    # resolve it with a note: it moves to the resolved list
    event_id = re.search(r'action="/console/conflicts/([^"/]+)/resolve"', conflicts)
    assert event_id
    refused = admin.post(f"/console/conflicts/{event_id[1]}/resolve", {"note": "   "})
    assert refused.status_code == 422 and "a note must be 1 to 500 characters" in refused.text
    done = admin.post(f"/console/conflicts/{event_id[1]}/resolve", {"note": "Same person, badge"})
    page = admin.get(_location(done)).text
    assert "Conflict marked resolved." in page and "No open conflicts." in page
    assert "Same person, badge" in page
    again = admin.post(f"/console/conflicts/{event_id[1]}/resolve", {"note": "second note"})
    assert "second note" not in admin.get(_location(again)).text  # the first resolution stays
    assert admin.post("/console/conflicts/no-such-event/resolve", {"note": "x"}).status_code == 404


def test_cancel_revokes_the_pass(admin, service: AtriumService) -> None:
    visit_id = _new_visit(admin)
    page = admin.get(_location(admin.post(f"/console/visits/{visit_id}/cancel"))).text
    assert "The visit was cancelled" in page and "Cancelled, pass revoked" in page
    _, token = pair(service, "Lobby 9")
    pulled = service.pull(service.authenticate(token), 0)
    assert [r["visit_id"] for r in pulled["revocations"]] == [visit_id]
    assert admin.get("/console/today.json").json()["counts"]["cancelled"] == 1


def test_no_check_out_before_a_check_in(admin) -> None:
    visit_id = _new_visit(admin)
    assert "/check-out" not in admin.get(f"/console/visits/{visit_id}").text
    response = admin.post(f"/console/visits/{visit_id}/check-out")
    assert response.status_code == 409 and "has not checked in" in response.text


def test_unknown_visit_is_a_page_not_a_traceback(admin) -> None:
    response = admin.get("/console/visits/nosuchvisit")
    assert response.status_code == 404 and "There is nothing here." in response.text


def test_language_follows_the_browser_and_the_switch(browser_factory) -> None:
    browser = browser_factory()
    page = browser.get("/console/login", headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"})
    assert '<html lang="de">' in page.text and "Anmelden" in page.text
    page = browser.get("/console/login?lang=en", headers={"Accept-Language": "de"})
    assert '<html lang="en">' in page.text
    assert "atrium_lang=en" in page.headers["set-cookie"]
    page = browser.get("/console/login", headers={"Accept-Language": "de"})
    assert '<html lang="en">' in page.text  # the saved choice wins over the browser


def test_a_busy_day_shows_the_first_rows_and_the_search_finds_the_rest(admin, service) -> None:
    tenant_id = service.default_tenant()
    for index in range(reception.ROWS_PER_GROUP + 5):
        service.create_visit(tenant_id, visitor=f"Visitor {index:03d}", host="Grace Hopper")
    page = admin.get("/console/today").text
    assert len(re.findall(r'href="/console/visits/[A-Za-z0-9]{8}"', page)) == 100
    assert "Showing 100 of 105. Search to find the others." in page
    data = admin.get("/console/today.json?q=visitor 104").json()
    assert [row["visitor"] for row in data["groups"]["expected"]] == ["Visitor 104"]
    assert data["counts"]["expected"] == 105 and data["matched"]["expected"] == 1


def test_cli_adds_a_receptionist_who_signs_in_with_that_role(tmp_path) -> None:
    data_dir = tmp_path / "srv"
    service, _, _ = AtriumService.initialise(data_dir, "Acme Corp", "Berlin HQ")
    service.close()
    cli = [sys.executable, "-m", "server_stub", "--data-dir", str(data_dir), "user", "add"]
    env_password = {"ATRIUM_SERVER_ADMIN_PASSWORD": "front desk password"}
    added = subprocess.run(
        [*cli, "--email", "desk@example.com", "--role", "receptionist"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env_password},
    )
    assert added.returncode == 0, added.stderr
    assert "desk@example.com (receptionist)" in added.stdout
    wrong = subprocess.run(
        [*cli, "--email", "x@example.com", "--role", "owner"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert wrong.returncode == 2 and "invalid choice: 'owner'" in wrong.stderr
    service = AtriumService.open(data_dir)
    with TestClient(
        create_app(data_dir, service=service), base_url="https://testserver", follow_redirects=False
    ) as http:
        browser = ConsoleClient(http)
        assert browser.sign_in("desk@example.com", "front desk password").status_code == 303
        assert "(receptionist)" in browser.get("/console/today").text
    service.close()


def test_a_kiosk_that_only_pulls_shows_online_and_goes_offline(admin, service, clock) -> None:
    _, token = pair(service, "Quiet lobby")
    device = service.authenticate(token)
    assert "never" in admin.get("/console/kiosks").text
    service.pull(device, 0)
    row = re.search(r'<tr data-device="[^"]+">(.*?)</tr>', admin.get("/console/kiosks").text, re.S)
    assert row and "Quiet lobby" in row[1] and ">online<" in row[1]
    clock.advance(reception.ONLINE_WITHIN_S + 1)
    assert ">offline<" in admin.get("/console/kiosks").text


def test_the_host_directory_feeds_the_visit_form(admin, service) -> None:
    response = admin.post("/console/hosts", {"name": "Grace Hopper", "email": "Grace@Example.com"})
    assert "The host was added." in admin.get(_location(response)).text
    dup = admin.post("/console/hosts", {"name": "G. Hopper", "email": "grace@example.com"})
    assert dup.status_code == 409 and "already exists" in dup.text
    bad = admin.post("/console/hosts", {"name": "Nobody", "email": "not-an-address"})
    assert bad.status_code == 422 and 'value="Nobody"' in bad.text
    admin.post("/console/hosts", {"name": "Edsger Dijkstra", "email": "ewd@example.com"})
    form = admin.get("/console/visits/new").text
    assert '<option value="Grace Hopper">Berlin HQ</option>' in form
    assert '<option value="Edsger Dijkstra">' in form
    host_id = re.search(
        r'action="/console/hosts/([^"/]+)/disable"', admin.get("/console/hosts").text
    )
    assert host_id
    admin.post(f"/console/hosts/{host_id[1]}/disable")
    form = admin.get("/console/visits/new").text
    hosts_page = admin.get("/console/hosts").text
    assert "disabled" in hosts_page
    names = re.findall(r'<datalist id="host-directory">(.*?)</datalist>', form, re.S)[0]
    assert names.count("<option") == 1
