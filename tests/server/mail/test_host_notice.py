"""The host's arrival notice: one per accepted check-in, none for re-pushes or duplicates."""

from __future__ import annotations

import datetime as dt

from server_stub.mail.sender import Sender
from server_stub.service import AtriumService
from tests.server.helpers import FakeClock, event, pair
from tests.server.mail.helpers import text_of
from tests.server.mail.smtp_sink import SmtpSink

HOST_EMAIL = "grace@acme.example"


def _visit(service: AtriumService) -> dict:
    tenant_id = service.default_tenant()
    service.add_host(tenant_id, "Grace Hopper", HOST_EMAIL)
    return service.create_visit(tenant_id, visitor="Ada Lovelace", host="grace hopper")


def test_a_synced_checkin_tells_the_host_once_and_a_repush_or_duplicate_never(
    service: AtriumService, smtp: SmtpSink, sender: Sender, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    service.set_site_details(tenant_id, "Berlin HQ", timezone="Europe/Berlin")
    visit = _visit(service)
    _, token = pair(service, "Lobby 1")
    lobby2 = pair(service, "Lobby 2")[1]
    device = service.authenticate(token)
    scan = event(visit["pass"], clock() + 5)
    clock.advance(10)
    assert service.push_checkins(device, [scan])[0]["status"] == "accepted"
    assert sender.run_once() == 1
    [notice] = smtp.to(HOST_EMAIL)
    arrived = dt.datetime.fromtimestamp(scan["scanned_at"], dt.UTC) + dt.timedelta(hours=1)
    expected = f"Ada Lovelace has arrived at Berlin HQ (Lobby 1, {arrived:%H:%M})."
    assert notice["Subject"] == "Ada Lovelace has arrived at Berlin HQ"
    assert expected in text_of(notice)
    assert expected in str(notice.get_body(("html",)).get_content())  # type: ignore[union-attr]

    # the same event again (its answer was lost) and the same pass at another kiosk
    assert service.push_checkins(device, [scan])[0]["status"] == "accepted"
    other = service.authenticate(lobby2)
    assert service.push_checkins(other, [event(visit["pass"], clock())])[0]["status"] == (
        "duplicate"
    )
    assert sender.run_once() == 0
    assert len(smtp.to(HOST_EMAIL)) == 1


def test_a_late_sync_says_when_the_visitor_really_arrived(
    service: AtriumService, smtp: SmtpSink, sender: Sender, clock: FakeClock
) -> None:
    visit = _visit(service)
    device = service.authenticate(pair(service, "Lobby 1")[1])
    scan = event(visit["pass"], clock() + 60)
    clock.advance(3 * 3600)  # the kiosk was offline for three hours
    assert service.push_checkins(device, [scan])[0]["status"] == "accepted"
    sender.run_once()
    [notice] = smtp.to(HOST_EMAIL)
    arrived = dt.datetime.fromtimestamp(scan["scanned_at"]).astimezone()
    reported = dt.datetime.fromtimestamp(clock()).astimezone()
    assert notice["Subject"].startswith("Late notice: Ada Lovelace arrived at Berlin HQ")
    body = text_of(notice)
    assert f"at {arrived:%H:%M}" in body
    assert "This message is late" in body
    assert f"only at {reported:%H:%M}" in body


def test_no_notice_without_a_host_in_the_directory(
    service: AtriumService, smtp: SmtpSink, sender: Sender, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Nobody Known")
    device = service.authenticate(pair(service)[1])
    assert service.push_checkins(device, [event(visit["pass"], clock())])[0]["status"] == (
        "accepted"
    )
    assert sender.run_once() == 0
    assert smtp.messages() == []


def test_a_rejected_checkin_tells_nobody(
    service: AtriumService, smtp: SmtpSink, sender: Sender, clock: FakeClock
) -> None:
    visit = _visit(service)
    service.cancel_visit(service.default_tenant(), visit["visit_id"])
    device = service.authenticate(pair(service)[1])
    answer = service.push_checkins(device, [event(visit["pass"], clock() + 5)])[0]
    assert answer["status"] == "rejected"
    assert sender.run_once() == 0
