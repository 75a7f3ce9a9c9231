"""A walk-in's host gets the arrival e-mail once, through the real sender and SMTP."""

from __future__ import annotations

import datetime as dt
import uuid

from server_stub.mail.sender import Sender
from server_stub.service import AtriumService
from tests.server.helpers import FakeClock, pair
from tests.server.mail.helpers import text_of
from tests.server.mail.smtp_sink import SmtpSink

HOST_EMAIL = "grace@acme.example"


def test_a_walk_in_tells_its_host_once(
    service: AtriumService, smtp: SmtpSink, sender: Sender, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    service.set_site_details(tenant_id, "Berlin HQ", timezone="Europe/Berlin")
    host_id = service.add_host(tenant_id, "Grace Hopper", HOST_EMAIL)
    clock.advance(-60)
    device = service.authenticate(pair(service, "Lobby 1")[1])
    clock.advance(60)
    scan = {"event_id": str(uuid.uuid4()), "kind": "walk_in", "scanned_at": clock() - 5,
            "name": "Ada Lovelace", "company": "Analytical Engines Ltd", "host_id": host_id,
            "language": "en"}
    [answer] = service.push_checkins(device, [scan])
    assert answer["status"] == "accepted" and answer["host_notified"] is True
    assert service.push_checkins(device, [scan]) == [answer]  # resent: nothing new
    assert sender.run_once() == 1
    [notice] = smtp.to(HOST_EMAIL)
    arrived = dt.datetime.fromtimestamp(scan["scanned_at"], dt.UTC) + dt.timedelta(hours=1)
    assert notice["Subject"] == "Ada Lovelace has arrived at Berlin HQ"
    assert f"Ada Lovelace has arrived at Berlin HQ (Lobby 1, {arrived:%H:%M})." in text_of(notice)
    assert sender.run_once() == 0 and len(smtp.messages()) == 1
